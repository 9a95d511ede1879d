//! Team findings: shadow leadership, and managers whom their own reports do not turn to,
//! each tested against what chance gives in a team of that size.
//!
//! A team is a manager and their direct reports; only the reports who answered the
//! question(s) of the team layer count ("responding reports"). The chance model is random
//! naming inside the team: a report who names `d` people and has `t` teammates (their
//! manager, the people who share that manager, their own direct reports) names any given
//! teammate with probability `ρ = min(1, d/t)`.
//!
//! **Manager without influence.** How many of a manager's responding reports name them,
//! against what reports do across the organisation. Each report's chance of naming their
//! manager comes from a logistic regression fitted to every responding report of the
//! organisation, on `ln d`, `ln(t − d)` and whether `d ≥ t` (then `ln t` and no second
//! term): where reports name their manager whatever the size of their team and the length
//! of their list, the fit is flat and the chance is the organisation's pooled rate; where
//! they name at random inside the team, the fit is `d/t` exactly (logit d/t = ln d −
//! ln(t − d)), so a manager of ten whose reports each name two people is not held to the
//! rate of a manager of three.
//! A report who names nobody has chance 0 (their answer says nothing about the manager).
//! The test is one-sided, binomial at the team's mean chance (Hoeffding 1956: never less
//! conservative than the exact test this far below the mean), for managers named by fewer
//! than half the reports the model expects.
//!
//! **Shadow leadership.** The colleague (other than the manager) named by most of the
//! responding reports, against two chances: that some teammate would be named this often
//! at random (`1 − Π(1 − P(Bin(n_y, ρ̄_y) ≥ c))` over the manager's direct reports, and the
//! colleague when they are from outside the team, where `n_y` leaves `y` out of the reports
//! who could name them and `ρ̄_y` is the mean `ρ` of those reports), and that so few
//! reports name the manager (the test above). The two are combined by Fisher's method.
//! A report is never counted among the reports who could name themself.
//!
//! Both kinds control the false-discovery rate (Benjamini–Hochberg) across the teams with
//! at least [`MIN_TEAM`] responding reports: medium at 5 %, high at 1 %. Smaller teams, and
//! teams whose evidence does not survive the adjustment, get at most a low finding.

use rayon::prelude::*;

use super::{
    Finding, FindingInputs, Sentence, Severity, benjamini_hochberg, binomial_cdf, binomial_sf,
    fisher_combined,
};
use crate::metrics::command_counts;

/// Fewest responding direct reports for a medium or high team finding. With three, the
/// most lopsided answer possible (none of the three names the manager, where three in four
/// reports usually do) has a chance of 1.6 %, which no adjustment across teams leaves
/// significant, and one changed answer moves a share by a third.
pub const MIN_TEAM: u32 = 4;
/// Adjusted p-value (false-discovery rate) below which a finding is medium.
const FDR_MEDIUM: f64 = 0.05;
/// Adjusted p-value below which a finding is high.
const FDR_HIGH: f64 = 0.01;
/// Unadjusted p-value below which a finding is raised at low severity: worth a look.
const P_LOW: f64 = 0.05;
/// When none of a manager's (two or more) responding reports names them, the finding is
/// raised at low severity up to this unadjusted p-value: too few answers to be sure.
const P_LOW_NONE: f64 = 0.2;
/// Weight of the ridge penalty on the slopes of the manager model: with few reports the
/// slopes stay near zero and the model is the pooled rate.
const RIDGE: f64 = 1.0;

/// What the tests read about one report: how many people they name in the team layer and
/// how many teammates they have.
#[derive(Clone, Copy)]
struct Report {
    names: u32,
    teammates: u32,
}

impl Report {
    /// The chance that random naming inside the team picks a given teammate.
    fn random_chance(self) -> f64 {
        if self.teammates == 0 {
            return 0.0;
        }
        (f64::from(self.names) / f64::from(self.teammates)).min(1.0)
    }
}

/// The chance that a report names their own manager, fitted to the organisation.
#[derive(Debug, Clone, PartialEq)]
enum ManagerModel {
    /// Everyone alike: nobody, or every report, names their manager.
    Constant(f64),
    /// Logistic regression on [`regressors`].
    Logistic([f64; K]),
}

/// Parameters of the manager model: intercept and three slopes.
const K: usize = 4;

/// Reports alike for the manager model: (people named, teammates) → (reports, of whom
/// naming their manager).
type ReportsAlike = ((u32, u32), (u32, u32));

/// The regressors of a report who names `names` people and has `teammates` teammates:
/// `[1, ln d, ln(t − d), 0]` when they name fewer people than they have teammates, else
/// `[1, ln t, 0, 1]`; none for a report who names nobody.
fn regressors(names: u32, teammates: u32) -> Option<[f64; K]> {
    if names == 0 || teammates == 0 {
        return None;
    }
    Some(if names < teammates {
        [
            1.0,
            f64::from(names).ln(),
            f64::from(teammates - names).ln(),
            0.0,
        ]
    } else {
        [1.0, f64::from(teammates).ln(), 0.0, 1.0]
    })
}

fn linear(beta: &[f64; K], x: &[f64; K]) -> f64 {
    beta.iter().zip(x).map(|(b, x)| b * x).sum()
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// ln(1 + e^z), without overflow.
fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

/// Solves the system `h x = g` by Gaussian elimination with partial pivoting.
fn solve<const N: usize>(mut h: [[f64; N]; N], mut g: [f64; N]) -> Option<[f64; N]> {
    for c in 0..N {
        let pivot = (c..N).max_by(|&a, &b| h[a][c].abs().total_cmp(&h[b][c].abs()))?;
        h.swap(c, pivot);
        g.swap(c, pivot);
        if h[c][c].abs() < 1e-300 {
            return None;
        }
        let (row, gc) = (h[c], g[c]);
        for r in 0..N {
            if r != c {
                let f = h[r][c] / row[c];
                for (x, p) in h[r][c..].iter_mut().zip(&row[c..]) {
                    *x -= f * p;
                }
                g[r] -= f * gc;
            }
        }
    }
    let mut x = [0.0; N];
    for i in 0..N {
        x[i] = g[i] / h[i][i];
    }
    Some(x)
}

impl ManagerModel {
    /// Fits the model to `groups`: (names, teammates) → (reports, of whom naming their
    /// manager), sorted, so the sums run in one order. Reports who name nobody are left
    /// out. Newton's method on the ridge-penalised log-likelihood, with step halving.
    fn fit(groups: &[ReportsAlike]) -> ManagerModel {
        let rows: Vec<([f64; K], f64, f64)> = groups
            .iter()
            .filter_map(|&((names, teammates), (n, y))| {
                regressors(names, teammates).map(|x| (x, f64::from(n), f64::from(y)))
            })
            .collect();
        let (n, y) = rows.iter().fold((0.0, 0.0), |(n, y), r| (n + r.1, y + r.2));
        if n == 0.0 || y == 0.0 || y == n {
            return ManagerModel::Constant(if n == 0.0 { 0.0 } else { y / n });
        }
        let penalty = |beta: &[f64; K]| RIDGE / 2.0 * beta[1..].iter().map(|b| b * b).sum::<f64>();
        let objective = |beta: &[f64; K]| {
            let fit: f64 = rows
                .iter()
                .map(|(x, n, y)| {
                    let z = linear(beta, x);
                    y * z - n * softplus(z)
                })
                .sum();
            fit - penalty(beta)
        };
        let rate = y / n;
        let mut beta = [0.0; K];
        beta[0] = (rate / (1.0 - rate)).ln();
        let mut current = objective(&beta);
        for _ in 0..100 {
            let mut g = [0.0; K];
            let mut h = [[0.0; K]; K];
            for k in 1..K {
                g[k] = -RIDGE * beta[k];
                h[k][k] = RIDGE;
            }
            for (x, n, y) in &rows {
                let p = sigmoid(linear(&beta, x));
                let w = n * p * (1.0 - p);
                for a in 0..K {
                    g[a] += (y - n * p) * x[a];
                    for b in 0..K {
                        h[a][b] += w * x[a] * x[b];
                    }
                }
            }
            let Some(step) = solve(h, g) else { break };
            let mut scale = 1.0;
            let mut improved = false;
            for _ in 0..30 {
                let mut next = beta;
                for k in 0..K {
                    next[k] += scale * step[k];
                }
                let value = objective(&next);
                if value >= current {
                    beta = next;
                    current = value;
                    improved = true;
                    break;
                }
                scale /= 2.0;
            }
            let size = step.iter().map(|s| (s * scale).abs()).fold(0.0, f64::max);
            if !improved || size < 1e-10 {
                break;
            }
        }
        ManagerModel::Logistic(beta)
    }

    /// The chance that a report who names `names` people and has `teammates` teammates
    /// names their manager.
    fn chance(&self, names: u32, teammates: u32) -> f64 {
        match (self, regressors(names, teammates)) {
            (_, None) => 0.0,
            (ManagerModel::Constant(rate), Some(_)) => *rate,
            (ManagerModel::Logistic(beta), Some(x)) => sigmoid(linear(beta, &x)),
        }
    }
}

/// One team's tests, before the adjustment across teams.
struct Tested {
    manager: u32,
    responding: u32,
    naming: u32,
    /// How many responding reports the manager model expects to name the manager.
    expected: f64,
    /// The chance that so few name the manager (binomial at the team's mean chance).
    p_manager: f64,
    /// Whether the manager is named by fewer than half the expected reports.
    weak: bool,
    shadow: Option<Shadow>,
}

/// The colleague most of the team names, when they stand where the manager should.
struct Shadow {
    person: u32,
    /// Responding reports who name them.
    count: u32,
    /// Responding reports who could name them: all but themself.
    could: u32,
    /// Whether they are one of the manager's responding reports.
    in_team: bool,
    /// The chance that some teammate would be named this often at random.
    p_other: f64,
    /// Fisher's combination of `p_other` and the manager's p-value.
    p: f64,
}

/// Shadow leadership and managers without influence, by manager (`find` sorts them).
pub fn team_findings(cx: &FindingInputs<'_>) -> Vec<Finding> {
    let a = cx.analysis;
    let managers = &a.metrics.managers;
    let direct = &a.metrics.formal.direct_reports;
    let g = cx.team_layer;
    let n = managers.len();
    let counts = command_counts(g, managers, &cx.responded);
    // Each manager's responding reports, in person order (grouped by a counting sort).
    let mut start = vec![0usize; n + 1];
    for (p, m) in managers.iter().enumerate() {
        if let Some(m) = m
            && cx.responded[p]
        {
            start[*m as usize + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut responding = vec![0u32; start[n]];
    let mut report = vec![
        Report {
            names: 0,
            teammates: 0
        };
        n
    ];
    let mut groups: foldhash::HashMap<(u32, u32), (u32, u32)> = foldhash::HashMap::default();
    for (p, m) in managers.iter().enumerate() {
        let Some(m) = *m else { continue };
        report[p] = Report {
            names: g.out_neighbors(p).len() as u32,
            teammates: direct[m as usize] + direct[p],
        };
        if cx.responded[p] {
            responding[fill[m as usize]] = p as u32;
            fill[m as usize] += 1;
            let r = report[p];
            let entry = groups
                .entry((r.names.min(r.teammates), r.teammates))
                .or_default();
            entry.0 += 1;
            entry.1 += u32::from(g.out_neighbors(p).binary_search(&m).is_ok());
        }
    }
    let mut groups: Vec<ReportsAlike> = groups.into_iter().collect();
    groups.sort_unstable();
    let model = ManagerModel::fit(&groups);
    let (named_total, asked_total) = counts.iter().fold((0u64, 0u64), |(n, a), c| {
        (n + u64::from(c.0), a + u64::from(c.1))
    });
    if asked_total == 0 {
        return Vec::new();
    }
    let rate = named_total as f64 / asked_total as f64;
    let tested: Vec<Tested> = (0..n)
        .into_par_iter()
        .filter(|&m| counts[m].1 >= 2)
        .map(|m| {
            let team = &responding[start[m]..start[m + 1]];
            test_team(cx, m as u32, team, counts[m], &report, &model)
        })
        .collect();
    let family = |p: &dyn Fn(&Tested) -> f64| -> Vec<f64> {
        let big: Vec<usize> = (0..tested.len())
            .filter(|&i| tested[i].responding >= MIN_TEAM)
            .collect();
        let adjusted = benjamini_hochberg(&big.iter().map(|&i| p(&tested[i])).collect::<Vec<_>>());
        let mut all = vec![1.0; tested.len()];
        for (&i, q) in big.iter().zip(adjusted) {
            all[i] = q;
        }
        all
    };
    let q_manager = family(&|t| if t.weak { t.p_manager } else { 1.0 });
    let q_shadow = family(&|t| t.shadow.as_ref().map_or(1.0, |s| s.p));
    let mut out = Vec::new();
    for (i, t) in tested.iter().enumerate() {
        if let Some(s) = &t.shadow {
            shadow_finding(cx, t, s, q_shadow[i], &mut out);
        }
        if t.weak {
            manager_finding(cx, t, q_manager[i], rate, &mut out);
        }
    }
    out
}

/// Runs both tests on the team of manager `m` (`team`: their responding reports;
/// `(naming, responding)`: how many of them name the manager, of how many).
fn test_team(
    cx: &FindingInputs<'_>,
    m: u32,
    team: &[u32],
    (naming, responding): (u32, u32),
    report: &[Report],
    model: &ManagerModel,
) -> Tested {
    let g = cx.team_layer;
    let r = responding;
    let expected: f64 = team
        .iter()
        .map(|&p| {
            let p = report[p as usize];
            model.chance(p.names, p.teammates)
        })
        .sum();
    let p_manager = binomial_cdf(naming, r, expected / f64::from(r));
    // The colleague most of the team names: most reports, then the higher share (a report
    // cannot name themself), then person order.
    let mut named: Vec<u32> = team
        .iter()
        .flat_map(|&p| g.out_neighbors(p as usize).iter().copied())
        .filter(|&x| x != m)
        .collect();
    named.sort_unstable();
    let could = |x: u32| r - u32::from(team.binary_search(&x).is_ok());
    let mut best: Option<(u32, u32)> = None;
    for run in named.chunk_by(|a, b| a == b) {
        let (x, c) = (run[0], run.len() as u32);
        if best.is_none_or(|(bx, bc)| c > bc || (c == bc && could(x) < could(bx))) {
            best = Some((x, c));
        }
    }
    let shadow = best.and_then(|(x, c)| {
        let n = could(x);
        if c <= naming || 2 * c < n || 2 * naming >= r {
            return None;
        }
        // The chance that some teammate, or the colleague from outside, is named by `c` or
        // more of the reports who could name them, at random.
        let total: f64 = team
            .iter()
            .map(|&p| report[p as usize].random_chance())
            .sum();
        let reports = cx.analysis.graph.authority().out_neighbors(m as usize);
        let outside = reports.binary_search(&x).is_err().then_some(x);
        // Candidates who are not responding reports can be named by all `r`; the others by
        // `r − 1`, at a mean that leaves their own chance out. Candidates alike share one
        // tail, so a very wide team costs a few tails, not one per person.
        let mut own: Vec<(u32, u32)> = Vec::new();
        let mut others = 0.0;
        for y in reports.iter().copied().chain(outside) {
            if team.binary_search(&y).is_ok() {
                let p = report[y as usize];
                own.push((p.names, p.teammates));
            } else {
                others += 1.0;
            }
        }
        own.sort_unstable();
        let mut log_none = 0.0;
        if others > 0.0 {
            let tail = binomial_sf(c, r, (total / f64::from(r)).clamp(0.0, 1.0));
            log_none += others * (-tail).ln_1p();
        }
        if r > 1 {
            for run in own.chunk_by(|a, b| a == b) {
                let (names, teammates) = run[0];
                let chance = Report { names, teammates }.random_chance();
                let mean = ((total - chance) / f64::from(r - 1)).clamp(0.0, 1.0);
                log_none += run.len() as f64 * (-binomial_sf(c, r - 1, mean)).ln_1p();
            }
        }
        let p_other = -log_none.exp_m1();
        Some(Shadow {
            person: x,
            count: c,
            could: n,
            in_team: team.binary_search(&x).is_ok(),
            p_other,
            p: fisher_combined(p_other, p_manager),
        })
    });
    Tested {
        manager: m,
        responding: r,
        naming,
        expected,
        p_manager,
        weak: f64::from(naming) < expected / 2.0,
        shadow,
    }
}

fn shadow_finding(cx: &FindingInputs<'_>, t: &Tested, s: &Shadow, q: f64, out: &mut Vec<Finding>) {
    let big = t.responding >= MIN_TEAM;
    let manager_low = t.p_manager < P_LOW;
    let severity = if big && manager_low && q < FDR_HIGH && 4 * t.naming < t.responding {
        Severity::High
    } else if big && manager_low && q < FDR_MEDIUM {
        Severity::Medium
    } else if s.p < P_LOW {
        Severity::Low
    } else {
        return;
    };
    let layer = &cx.team_layer_name;
    let (lead, tail) = if s.in_team {
        (
            format!(
                "{} of the other {} responding reports of ",
                s.count, s.could
            ),
            format!(
                " for {layer}, against {} of {} who name their manager",
                t.naming, t.responding
            ),
        )
    } else {
        (
            format!("{} of {} responding reports of ", s.count, t.responding),
            format!(" for {layer}, against {} who name their manager", t.naming),
        )
    };
    let summary = Sentence::new()
        .text(lead)
        .person(t.manager)
        .text(" name ")
        .person(s.person)
        .text(tail);
    out.push(Finding {
        kind: "shadow-leadership",
        severity,
        group: None,
        people: vec![t.manager, s.person],
        summary,
        evidence: vec![
            ("responding_reports", t.responding.into()),
            ("reports_who_could_name_them", s.could.into()),
            ("naming_the_other_person", s.count.into()),
            ("naming_the_manager", t.naming.into()),
            ("p_other_person", s.p_other),
            ("p_manager", t.p_manager),
            ("p_value", s.p),
            ("adjusted_p_value", q),
        ],
    });
}

fn manager_finding(cx: &FindingInputs<'_>, t: &Tested, q: f64, rate: f64, out: &mut Vec<Finding>) {
    let big = t.responding >= MIN_TEAM;
    let p = t.p_manager;
    let severity = if big && q < FDR_HIGH {
        Severity::High
    } else if big && q < FDR_MEDIUM {
        Severity::Medium
    } else if p < P_LOW || (p < P_LOW_NONE && t.naming == 0) {
        Severity::Low
    } else {
        return;
    };
    let others = cx.team_layer.in_neighbors(t.manager as usize).len() as u32 - t.naming;
    out.push(Finding {
        kind: "manager-without-influence",
        severity,
        group: None,
        people: vec![t.manager],
        summary: Sentence::new()
            .text(format!("only {} of {} responding reports of ", t.naming, t.responding))
            .person(t.manager)
            .text(format!(
            " name them for {}, where {:.1} would be expected from how often reports name their manager across the organisation ({:.0} %); {} outside the team name them",
            cx.team_layer_name,
            t.expected,
            rate * 100.0,
            if others == 1 { "1 person".to_string() } else { format!("{others} people") }
        )),
        evidence: vec![
            ("responding_reports", t.responding.into()),
            ("naming_the_manager", t.naming.into()),
            ("expected_naming", t.expected),
            ("organisation_rate", rate),
            ("p_value", p),
            ("adjusted_p_value", q),
            ("named_by_others", others.into()),
        ],
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups for `fit` from (names, teammates, reports, naming).
    fn groups(rows: &[(u32, u32, u32, u32)]) -> Vec<ReportsAlike> {
        let mut g: Vec<_> = rows.iter().map(|&(d, t, n, y)| ((d, t), (n, y))).collect();
        g.sort_unstable();
        g
    }

    #[test]
    fn the_model_is_the_pooled_rate_when_list_and_team_size_do_not_matter() {
        // 80 % name their manager in every cell.
        let rows: Vec<_> = [(1, 4), (2, 4), (3, 9), (5, 9), (2, 12), (6, 6)]
            .iter()
            .map(|&(d, t)| (d, t, 100, 80))
            .collect();
        let model = ManagerModel::fit(&groups(&rows));
        for &(d, t, _, _) in &rows {
            assert!((model.chance(d, t) - 0.8).abs() < 0.01, "{model:?}");
        }
        assert_eq!(model.chance(0, 5), 0.0);
    }

    #[test]
    fn the_model_follows_random_naming_inside_the_team() {
        // Reports who name d of t teammates at random name their manager d/t of the time.
        let mut rows = Vec::new();
        for t in [3u32, 5, 8, 12] {
            for d in 1..=t.min(6) {
                rows.push((d, t, 1000, 1000 * d / t));
            }
        }
        let model = ManagerModel::fit(&groups(&rows));
        for &(d, t, _, _) in &rows {
            let want = f64::from(d) / f64::from(t);
            assert!(
                (model.chance(d, t) - want).abs() < 0.01,
                "{d} of {t}: {} against {want}",
                model.chance(d, t)
            );
        }
    }

    #[test]
    fn everyone_alike_is_a_constant() {
        assert_eq!(
            ManagerModel::fit(&groups(&[(2, 4, 10, 10), (1, 3, 5, 5)])),
            ManagerModel::Constant(1.0)
        );
        assert_eq!(
            ManagerModel::fit(&groups(&[(2, 4, 10, 0)])),
            ManagerModel::Constant(0.0)
        );
        assert_eq!(ManagerModel::fit(&[]), ManagerModel::Constant(0.0));
    }

    #[test]
    fn linear_systems() {
        let x = solve(
            [[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]],
            [3.0, 5.0, 5.0],
        )
        .unwrap();
        for (a, b) in x.iter().zip([1.0, 1.0, 1.0]) {
            assert!((a - b).abs() < 1e-12, "{x:?}");
        }
        // A zero first pivot needs the swap.
        let x = solve([[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0]).unwrap();
        assert_eq!(x, [3.0, 2.0]);
        assert!(solve([[0.0; 3]; 3], [1.0; 3]).is_none());
    }
}
