//! Who sees the informal network: the perception measures (`perceive`) read against the
//! roles and the formal structure.
//!
//! - `sees_team_leaders`: for a person with reports who gave a view, whether every informal
//!   leader and leader-manager among their direct reports is someone they see sought.
//! - *blind spot*: a manager who does not see an informal leader (or leader-manager) of
//!   their own team as sought; severity by the share of the team who go to that person.
//! - *unseen leader*: an informal leader or leader-manager whom fewer than half of the
//!   perceivers who could have seen it (at least a quarter of the people in their view go
//!   to them) see sought.
//! - *over-rated*: someone not of high influence whom perceivers of the whole organisation
//!   (tie form) believe sought by at least twice as many as go to them (and at least
//!   one more per perceiver who sees them sought); low.
//! - *perception and power*: Spearman's correlation of perceivers' accuracy with formal
//!   reach, level and influence, each with a permutation test.
//!
//! Groups below the minimum group size are never described: a blind spot in a smaller team
//! is at most low, an unseen leader needs that many perceivers who could see them, an
//! over-rated person that many perceivers who see them sought, and the correlations that
//! many perceivers.

use super::{AnalysisParts, Finding, Sentence, Severity};
use crate::classify::Role;
use crate::graph::Questions;
use crate::perceive::{self, Perception};
use crate::rng::SplitMix64;
use rayon::prelude::*;

/// Permutations of each test of accuracy against power, up to [`PERMUTATION_WORK`]
/// perceivers × permutations.
pub const PERMUTATIONS: usize = 10_000;
/// The most perceivers × permutations one test does: above 5,000 perceivers the test takes
/// fewer permutations (at least [`MIN_PERMUTATIONS`]), so tens of thousands of perceivers
/// cost a second, not minutes. Its smallest p-value is then 1 / (permutations + 1).
pub const PERMUTATION_WORK: usize = 50_000_000;
/// The fewest permutations a test takes.
pub const MIN_PERMUTATIONS: usize = 1_000;

/// The permutations a test over `n` perceivers takes.
pub fn permutations(n: usize) -> usize {
    (PERMUTATION_WORK / n.max(1)).clamp(MIN_PERMUTATIONS, PERMUTATIONS)
}
/// Below this share of perceivers who could see them, a leader is unseen.
const UNSEEN_SHARE: f64 = 0.5;
/// An over-rated person is believed sought, in the perceivers' views, by at least this many
/// times the colleagues who go to them.
const OVER_RATED_RATIO: f64 = 2.0;

/// One correlation of accuracy with a kind of power.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerTest {
    /// `formal_reach`, `level` or `in_degree`.
    pub power: &'static str,
    pub perceivers: usize,
    /// Spearman's rank correlation; `None` when either side does not vary.
    pub spearman: Option<f64>,
    /// Two-sided permutation p-value: (draws at least as extreme + 1) / (draws + 1).
    pub p_value: Option<f64>,
    /// The permutations drawn ([`permutations`]).
    pub permutations: usize,
}

/// Everything the perceptions gave, per person and for the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct PerceptionResults {
    pub measured: Perception,
    /// Per person: Cohen's kappa pooled over the influence targets they gave a view of.
    pub accuracy: Vec<Option<f64>>,
    /// Per person: the same within their formal sphere (people with reports).
    pub sphere_accuracy: Vec<Option<f64>>,
    pub sees_team_leaders: Vec<Option<bool>>,
    /// Empty when fewer perceivers than the minimum group size have an accuracy.
    pub power: Vec<PowerTest>,
    pub findings: Vec<Finding>,
}

/// The perception results of an analysis; `None` without perceptions.
pub fn analyse(
    parts: AnalysisParts<'_>,
    min_group_size: usize,
    seed: u64,
) -> Option<PerceptionResults> {
    let d = parts.dataset;
    let measured = perceive::measure(d)?;
    let n = d.people.len();
    let roles = &parts.classification.role;
    let leads = |p: usize| matches!(roles[p], Role::InformalLeader | Role::LeaderManager);
    let reports = crate::validate::perceptions::direct_reports(&d.people);
    let accuracy: Vec<Option<f64>> = measured
        .pooled
        .iter()
        .map(|c| c.and_then(|c| c.kappa()))
        .collect();
    let sphere_accuracy: Vec<Option<f64>> = measured
        .pooled_sphere
        .iter()
        .map(|c| c.and_then(|c| c.kappa()))
        .collect();
    let has_view: Vec<bool> = measured.pooled.iter().map(Option::is_some).collect();
    let influence = parts.graph.influence(Questions::All);
    let mut findings = Vec::new();
    let mut sees_team_leaders = vec![None; n];
    for k in 0..n {
        if !has_view[k] || reports[k].is_empty() {
            continue;
        }
        let team = &reports[k];
        let mut all_seen = None;
        for &l in team.iter().filter(|&&l| leads(l as usize)) {
            let seen = measured.sees(k as u32, l);
            all_seen = Some(all_seen.unwrap_or(true) && seen);
            if seen {
                continue;
            }
            let going: usize = influence
                .in_neighbors(l as usize)
                .iter()
                .filter(|&&s| team.binary_search(&s).is_ok())
                .count();
            let responding = team
                .iter()
                .filter(|&&s| s != l && d.responded_influence(s as usize))
                .count();
            let share = going as f64 / responding.max(1) as f64;
            let severity = if team.len() < min_group_size {
                Severity::Low
            } else if share >= 0.5 {
                Severity::High
            } else if share >= 0.25 {
                Severity::Medium
            } else {
                Severity::Low
            };
            let in_degree = parts.metrics.combined.in_degree[l as usize];
            findings.push(Finding {
                kind: "blind-spot",
                severity,
                group: department(parts, k),
                people: vec![k as u32, l],
                summary: Sentence::new()
                    .person(k as u32)
                    .text(" does not see ")
                    .person(l)
                    .text(format!(
                        " ({}) as someone their team goes to, though {going} of the other {responding} responding reports do, and {in_degree} people in all",
                        roles[l as usize].as_str()
                    )),
                action: Sentence::new()
                    .text("Introduce ")
                    .person(k as u32)
                    .text(" to the part ")
                    .person(l)
                    .text(" plays in their team, and involve them both in how the team's work is led"),
                evidence: vec![
                    ("team_going", going as f64),
                    ("team_responding", responding as f64),
                    ("team_share", share),
                    ("in_degree", f64::from(in_degree)),
                ],
            });
        }
        sees_team_leaders[k] = all_seen;
    }
    for (x, (&could, &did)) in measured.could_see.iter().zip(&measured.did_see).enumerate() {
        if !leads(x) || (could as usize) < min_group_size.max(1) {
            continue;
        }
        let share = f64::from(did) / f64::from(could);
        if share >= UNSEEN_SHARE {
            continue;
        }
        findings.push(Finding {
            kind: "unseen-leader",
            severity: if share < 0.25 {
                Severity::Medium
            } else {
                Severity::Low
            },
            group: department(parts, x),
            people: vec![x as u32],
            summary: Sentence::new().person(x as u32).text(format!(
                " ({}) is sought by {} people, but only {did} of the {could} perceivers who could see it see them sought",
                roles[x].as_str(),
                parts.metrics.combined.in_degree[x]
            )),
            action: Sentence::new()
                .text("Make the part ")
                .person(x as u32)
                .text(" plays visible: recognise it to the managers around them and give it a place in decisions"),
            evidence: vec![
                ("perceivers_could_see", f64::from(could)),
                ("perceivers_did_see", f64::from(did)),
                ("seen_share", share),
                ("in_degree", f64::from(parts.metrics.combined.in_degree[x])),
            ],
        });
    }
    over_rated(parts, &measured, min_group_size, &mut findings);
    let power = power_tests(parts, &accuracy, min_group_size, seed);
    if !power.is_empty() {
        let words: Vec<String> = power
            .iter()
            .map(|t| match (t.spearman, t.p_value) {
                (Some(r), Some(p)) => {
                    format!("{} {r:+.2} ({})", t.power.replace('_', " "), p_text(p))
                }
                _ => format!(
                    "{} not measurable (no variation)",
                    t.power.replace('_', " ")
                ),
            })
            .collect();
        let mut evidence = vec![("perceivers", power[0].perceivers as f64)];
        for t in &power {
            let (r, p) = match t.power {
                "formal_reach" => ("spearman_formal_reach", "p_formal_reach"),
                "level" => ("spearman_level", "p_level"),
                _ => ("spearman_in_degree", "p_in_degree"),
            };
            if let (Some(rv), Some(pv)) = (t.spearman, t.p_value) {
                evidence.push((r, rv));
                evidence.push((p, pv));
            }
        }
        findings.push(Finding {
            kind: "perception-and-power",
            severity: Severity::Info,
            group: None,
            people: Vec::new(),
            summary: Sentence::new().text(format!(
                "accuracy of {} perceivers' view of who goes to whom, against power (Spearman's correlation, permutation p-value): {}",
                power[0].perceivers,
                words.join("; ")
            )),
            action: Sentence::new().text("None by itself: read it with the blind spots and unseen leaders, who show where views and the network part"),
            evidence,
        });
    }
    Some(PerceptionResults {
        measured,
        accuracy,
        sphere_accuracy,
        sees_team_leaders,
        power,
        findings,
    })
}

/// The *over-rated* findings: people not of high influence whom perceivers of the whole
/// organisation (tie form) believe sought by at least twice as many as go to them,
/// and by at least one more per perceiver who sees them sought; each seen sought by at
/// least `min_group_size` perceivers.
fn over_rated(
    parts: AnalysisParts<'_>,
    measured: &Perception,
    min_group_size: usize,
    findings: &mut Vec<Finding>,
) {
    for x in 0..parts.dataset.people.len() {
        let perceivers = measured.perceived_in_degree[x];
        if parts.classification.high_influence[x] || (perceivers as usize) < min_group_size.max(1) {
            continue;
        }
        let (believed, actual) = (measured.believed_ties_in[x], measured.actual_ties_in[x]);
        if (believed as f64) < OVER_RATED_RATIO * actual as f64
            || believed < actual + u64::from(perceivers)
        {
            continue;
        }
        findings.push(Finding {
            kind: "over-rated",
            severity: Severity::Low,
            group: department(parts, x),
            people: vec![x as u32],
            summary: Sentence::new().person(x as u32).text(format!(
                " is seen sought by {perceivers} perceivers, who believe {believed} ties in all go to them where the surveys have {actual}"
            )),
            action: Sentence::new()
                .text("Check with ")
                .person(x as u32)
                .text("'s colleagues whom they really turn to before counting on ")
                .person(x as u32)
                .text(" as a channel of influence"),
            evidence: vec![
                ("perceived_in_degree", f64::from(perceivers)),
                ("believed_ties_in", believed as f64),
                ("actual_ties_in", actual as f64),
                ("in_degree", f64::from(parts.metrics.combined.in_degree[x])),
            ],
        });
    }
}

fn department(parts: AnalysisParts<'_>, p: usize) -> Option<String> {
    parts.metrics.department[p].map(|d| parts.metrics.department_names[d as usize].clone())
}

/// Accuracy against formal reach, level (depth, 0 at the top) and influence (in-degree),
/// over the perceivers with an accuracy; none below the minimum group size.
fn power_tests(
    parts: AnalysisParts<'_>,
    accuracy: &[Option<f64>],
    min_group_size: usize,
    seed: u64,
) -> Vec<PowerTest> {
    let who: Vec<usize> = (0..accuracy.len())
        .filter(|&p| accuracy[p].is_some())
        .collect();
    if who.len() < min_group_size.max(3) {
        return Vec::new();
    }
    let acc: Vec<f64> = who.iter().map(|&p| accuracy[p].unwrap_or(0.0)).collect();
    let f = &parts.metrics.formal;
    let measures: [(&'static str, Vec<f64>); 3] = [
        (
            "formal_reach",
            who.iter().map(|&p| f64::from(f.formal_reach[p])).collect(),
        ),
        (
            "level",
            who.iter().map(|&p| f64::from(f.level[p])).collect(),
        ),
        (
            "in_degree",
            who.iter()
                .map(|&p| f64::from(parts.metrics.combined.in_degree[p]))
                .collect(),
        ),
    ];
    let draws = permutations(who.len());
    // Each test on its own stream of the seed: the same p-values whatever runs them.
    measures
        .into_par_iter()
        .enumerate()
        .map(|(i, (power, values))| {
            let (spearman, p_value) = match spearman_test(&acc, &values, seed, i as u64, draws) {
                Some((r, p)) => (Some(r), Some(p)),
                None => (None, None),
            };
            PowerTest {
                power,
                perceivers: who.len(),
                spearman,
                p_value,
                permutations: draws,
            }
        })
        .collect()
}

/// Spearman's correlation of `a` and `b` and its two-sided permutation p-value (`draws`
/// shuffles of `a`'s ranks, stream `stream` of `seed`).
pub fn spearman_test(
    a: &[f64],
    b: &[f64],
    seed: u64,
    stream: u64,
    draws: usize,
) -> Option<(f64, f64)> {
    let (mut ra, rb) = (ranks(a), ranks(b));
    let r = pearson(&ra, &rb)?;
    let mut rng = SplitMix64::stream(seed, stream);
    let mut extreme = 0usize;
    for _ in 0..draws {
        for i in (1..ra.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            ra.swap(i, j);
        }
        if pearson(&ra, &rb).is_some_and(|x| x.abs() >= r.abs() - 1e-12) {
            extreme += 1;
        }
    }
    Some((r, (extreme + 1) as f64 / (draws + 1) as f64))
}

/// A p-value in words: `p = 0.025`, or `p < 0.001` (the smallest a permutation test of
/// [`PERMUTATIONS`] draws gives is about 0.0001).
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    }
}

/// Average ranks, 1-based, ties sharing the mean of their ranks.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            r[o] = mean;
        }
        i = j + 1;
    }
    r
}

/// Pearson's correlation; `None` when either side does not vary.
pub fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    let d = (saa * sbb).sqrt();
    (d > 0.0).then(|| sab / d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties_and_spearman_sees_a_monotone_relation() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), [3.5, 1.0, 3.5, 2.0]);
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        let b = [1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0, 64.0];
        let (r, p) = spearman_test(&a, &b, 1, 0, PERMUTATIONS).unwrap();
        assert!((r - 1.0).abs() < 1e-12);
        // Exactly 2 of 8! orders are as extreme: p is about 1 / PERMUTATIONS.
        assert!(p < 0.002, "{p}");
        assert_eq!(spearman_test(&a, &[1.0; 8], 1, 0, PERMUTATIONS), None);
        // Seeded: the same p twice.
        let c = [2.0, 1.0, 4.0, 3.0, 6.0, 5.0, 8.0, 7.0];
        assert_eq!(
            spearman_test(&c, &b, 7, 1, PERMUTATIONS),
            spearman_test(&c, &b, 7, 1, PERMUTATIONS)
        );
        assert_eq!(permutations(21), PERMUTATIONS);
        assert_eq!(permutations(32_000), 1_562);
        assert_eq!(permutations(1_000_000), MIN_PERMUTATIONS);
    }
}
