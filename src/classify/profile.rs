//! How people lead: a profile per person over the leadership dimensions the
//! survey asks about (advice, example, energy, culture, future, enabling), and, beside it,
//! the formal sphere as practised (`direction` questions).
//!
//! Per dimension, each person's distinct nominators (over every question of that dimension)
//! are compared with people of the same formal standing, as the high-influence rule does
//! (`rule::standing_bars`: a beta-binomial model of each standing group, the false-discovery
//! rate held over everyone and the local rate at most one half): a person *leads on* a
//! dimension when they are named by more people than their standing group's model makes
//! likely, and by at least the fewest nominators of the high-influence rule. Their percentile on a dimension is the share of
//! the others of their standing group named by fewer people.
//!
//! For a person with direct reports: `direction_coverage`, the share of their reports who
//! answered a direction question and name them in it; `leadership_coverage`, the share of
//! their reports who answered a leader-dimension question and name them on at least one.
//! The two spheres of one manager, side by side.
//!
//! Nothing here is computed when the survey asks nothing of how people lead
//! ([`Dataset::asks_how_people_lead`]).

use rayon::prelude::*;

use super::rule::{standing_bars, standing_histograms};
use crate::graph::{Csr, OrgGraph, Questions};
use crate::load::QuestionKind;
use crate::options::{Dimension, RoleOptions};
use crate::validate::Dataset;

/// One dimension's profile over everyone.
#[derive(Debug, Clone)]
pub struct DimensionProfile {
    pub dimension: Dimension,
    /// The questions that ask it, by question index.
    pub questions: Vec<usize>,
    /// Who answered at least one of them.
    pub responded: Vec<bool>,
    /// Distinct nominators, by person.
    pub nominators: Vec<u32>,
    /// Share (0–100) of the others of the same formal standing named by fewer people;
    /// empty when alone in the group.
    pub percentile: Vec<Option<f64>>,
    /// Whether the person leads on this dimension (above their standing group's bar).
    pub leads: Vec<bool>,
    /// The bar of each standing group (no formal power first); `None` when no count can
    /// reach one.
    pub bars: [Option<u32>; 2],
}

/// The direction questions over everyone.
#[derive(Debug, Clone)]
pub struct DirectionProfile {
    pub questions: Vec<usize>,
    /// Who answered at least one direction question.
    pub responded: Vec<bool>,
    /// Distinct people who take direction from each person.
    pub nominators: Vec<u32>,
    /// For a person with reports: of their reports who answered, how many name them, and
    /// how many answered.
    pub reports: Vec<(u32, u32)>,
}

/// Every person's leadership profile.
#[derive(Debug, Clone)]
pub struct Leadership {
    /// The dimensions asked, in [`Dimension::ALL`] order.
    pub dimensions: Vec<DimensionProfile>,
    pub direction: Option<DirectionProfile>,
    /// For a person with reports: of their reports who answered a leader-dimension
    /// question, how many name them on at least one, and how many answered.
    pub leader_reports: Vec<(u32, u32)>,
    /// The one-line profile in plain words ("leads by example and future, named by 14; not
    /// sought for advice"); empty for people with nothing to say.
    pub profile: Vec<String>,
}

impl Leadership {
    /// `direction_coverage`: the share of a person's responding reports who take direction
    /// from them; `None` without reports who answered, or without a direction question.
    pub fn direction_coverage(&self, p: usize) -> Option<f64> {
        self.direction.as_ref().and_then(|d| share(d.reports[p]))
    }

    /// `leadership_coverage`: the share of a person's responding reports who follow them on
    /// at least one leader dimension; `None` without reports who answered one.
    pub fn leadership_coverage(&self, p: usize) -> Option<f64> {
        if self.dimensions.is_empty() {
            return None;
        }
        share(self.leader_reports[p])
    }

    /// The dimensions person `p` leads on.
    pub fn led_by(&self, p: usize) -> Vec<Dimension> {
        self.dimensions
            .iter()
            .filter(|d| d.leads[p])
            .map(|d| d.dimension)
            .collect()
    }
}

fn share((named, answered): (u32, u32)) -> Option<f64> {
    (answered > 0).then(|| f64::from(named) / f64::from(answered))
}

/// The profiles, when the survey asks how people lead; `formal_power` gives the standing
/// groups, `options` the rates and fewest nominators of the high-influence rule.
pub fn leadership(
    dataset: &Dataset,
    graph: &OrgGraph,
    managers: &[Option<u32>],
    formal_power: &[bool],
    options: &RoleOptions,
) -> Option<Leadership> {
    if !dataset.asks_how_people_lead() {
        return None;
    }
    let n = dataset.people.len();
    let rates = options.rule.rates();
    let answered = |questions: &[usize]| -> Vec<bool> {
        (0..n)
            .map(|p| questions.iter().any(|&q| dataset.answers.responded[q][p]))
            .collect()
    };
    let layers = |questions: &[usize]| -> Vec<&Csr> {
        questions
            .iter()
            .map(|&q| graph.influence(Questions::One(q as u16)))
            .collect()
    };
    // The dimensions, the direction sphere and the people's lines are each independent
    // per dimension or per person: computed in parallel, collected in order.
    let dimensions: Vec<DimensionProfile> = Dimension::ALL
        .par_iter()
        .filter_map(|&dimension| {
            let questions: Vec<usize> = (0..dataset.questions.len())
                .filter(|&q| dataset.dimension(q) == Some(dimension))
                .collect();
            if questions.is_empty() {
                return None;
            }
            let responded = answered(&questions);
            let nominators = distinct_nominators(&layers(&questions), n);
            let others = (responded.iter().filter(|&&r| r).count() as u32).saturating_sub(1);
            let histograms = standing_histograms(&nominators, formal_power);
            let groups = standing_bars(&histograms, others, rates, options.min_nominations);
            let bars = [groups[0].threshold, groups[1].threshold];
            let leads = nominators
                .iter()
                .zip(formal_power)
                .map(|(&k, &f)| bars[usize::from(f)].is_some_and(|b| k >= b))
                .collect();
            Some(DimensionProfile {
                dimension,
                percentile: group_percentiles(&nominators, formal_power),
                questions,
                responded,
                nominators,
                leads,
                bars,
            })
        })
        .collect();
    let direction_questions: Vec<usize> = (0..dataset.questions.len())
        .filter(|&q| dataset.question_kinds[q] == QuestionKind::Direction)
        .collect();
    let leader_questions: Vec<usize> = dimensions
        .iter()
        .flat_map(|d| d.questions.iter().copied())
        .collect();
    let (direction, leader_reports) = rayon::join(
        || {
            (!direction_questions.is_empty()).then(|| {
                let g = layers(&direction_questions);
                let responded = answered(&direction_questions);
                DirectionProfile {
                    nominators: distinct_nominators(&g, n),
                    reports: named_by_reports(&g, managers, &responded),
                    questions: direction_questions,
                    responded,
                }
            })
        },
        || {
            named_by_reports(
                &layers(&leader_questions),
                managers,
                &answered(&leader_questions),
            )
        },
    );
    let mut out = Leadership {
        dimensions,
        direction,
        leader_reports,
        profile: Vec::new(),
    };
    out.profile = (0..n)
        .into_par_iter()
        .map(|p| profile_line(&out, graph, p, options.min_nominations))
        .collect();
    Some(out)
}

/// Each person's distinct nominators over the layers `g` (one per question).
fn distinct_nominators(g: &[&Csr], n: usize) -> Vec<u32> {
    if let [one] = g {
        return (0..n).map(|v| one.in_neighbors(v).len() as u32).collect();
    }
    let mut seen: Vec<u32> = Vec::new();
    (0..n)
        .map(|v| {
            seen.clear();
            for layer in g {
                seen.extend_from_slice(layer.in_neighbors(v));
            }
            seen.sort_unstable();
            seen.dedup();
            seen.len() as u32
        })
        .collect()
}

/// For each person: how many of their direct reports who `responded` name them in any of
/// the layers `g`, and how many responded. (0, 0) for people without reports.
pub fn named_by_reports(
    g: &[&Csr],
    managers: &[Option<u32>],
    responded: &[bool],
) -> Vec<(u32, u32)> {
    let n = managers.len();
    let mut counts = vec![(0u32, 0u32); n];
    for (report, m) in managers.iter().enumerate() {
        if let Some(m) = m {
            counts[*m as usize].1 += u32::from(responded[report]);
        }
    }
    let mut seen: Vec<u32> = Vec::new();
    for (v, c) in counts.iter_mut().enumerate() {
        if c.1 == 0 {
            continue;
        }
        seen.clear();
        for layer in g {
            seen.extend(
                layer
                    .in_neighbors(v)
                    .iter()
                    .copied()
                    .filter(|&u| managers[u as usize] == Some(v as u32) && responded[u as usize]),
            );
        }
        seen.sort_unstable();
        seen.dedup();
        c.0 = seen.len() as u32;
    }
    counts
}

/// Each person's percentile among the others of their formal standing: the share of them
/// with fewer nominators (0–100).
fn group_percentiles(nominators: &[u32], formal_power: &[bool]) -> Vec<Option<f64>> {
    let top = nominators.iter().copied().max().unwrap_or(0) as usize;
    let mut counts = [vec![0u64; top + 1], vec![0u64; top + 1]];
    for (&k, &f) in nominators.iter().zip(formal_power) {
        counts[usize::from(f)][k as usize] += 1;
    }
    // below[g][k]: people of group g with fewer than k nominators.
    let below: Vec<Vec<u64>> = counts
        .iter()
        .map(|c| {
            let mut acc = 0;
            c.iter()
                .map(|&x| {
                    let b = acc;
                    acc += x;
                    b
                })
                .collect()
        })
        .collect();
    let size: Vec<u64> = counts.iter().map(|c| c.iter().sum()).collect();
    nominators
        .iter()
        .zip(formal_power)
        .map(|(&k, &f)| {
            let g = usize::from(f);
            (size[g] > 1).then(|| 100.0 * below[g][k as usize] as f64 / (size[g] - 1) as f64)
        })
        .collect()
}

/// A list in words: `a`, `a and b`, `a, b and c`.
pub fn in_words<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// Below this percentile of their standing group on a dimension they do not lead on, a
/// leader is "not sought" for it.
const NOT_SOUGHT_PERCENTILE: f64 = 50.0;

/// The one-line profile of person `p`.
fn profile_line(l: &Leadership, graph: &OrgGraph, p: usize, min_nominations: u32) -> String {
    let led: Vec<&DimensionProfile> = l.dimensions.iter().filter(|d| d.leads[p]).collect();
    let mut parts = Vec::new();
    if !led.is_empty() {
        let layers: Vec<&Csr> = led
            .iter()
            .flat_map(|d| d.questions.iter())
            .map(|&q| graph.influence(Questions::One(q as u16)))
            .collect();
        let mut named: Vec<u32> = layers
            .iter()
            .flat_map(|g| g.in_neighbors(p).iter().copied())
            .collect();
        named.sort_unstable();
        named.dedup();
        let names: Vec<&str> = led.iter().map(|d| d.dimension.as_str()).collect();
        parts.push(format!(
            "leads by {}, named by {}",
            in_words(&names),
            named.len()
        ));
        let not_sought: Vec<&str> = l
            .dimensions
            .iter()
            .filter(|d| !d.leads[p] && d.percentile[p].is_none_or(|x| x <= NOT_SOUGHT_PERCENTILE))
            .map(|d| d.dimension.as_str())
            .collect();
        if !not_sought.is_empty() {
            parts.push(format!("not sought for {}", in_words(&not_sought)));
        }
    }
    if let Some(d) = &l.direction {
        let (named, answered) = d.reports[p];
        let others = d.nominators[p].saturating_sub(named);
        let direction = if answered > 0 && others > 0 {
            Some(format!(
                "gives direction to {named} of {answered} responding reports and {others} others"
            ))
        } else if answered > 0 {
            Some(format!(
                "gives direction to {named} of {answered} responding reports"
            ))
        } else if d.nominators[p] >= min_nominations.max(1) {
            Some(format!("{} take direction from them", d.nominators[p]))
        } else {
            None
        };
        if let Some(direction) = direction {
            if led.is_empty() && !l.dimensions.is_empty() {
                parts.push("leads on no dimension".to_string());
            }
            parts.push(direction);
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_within_the_standing_group() {
        let nominators = [0, 3, 5, 5, 9, 1];
        let power = [false, false, false, false, true, true];
        let pct = group_percentiles(&nominators, &power);
        assert_eq!(
            pct,
            [
                Some(0.0),
                Some(100.0 / 3.0),
                Some(200.0 / 3.0),
                Some(200.0 / 3.0),
                Some(100.0),
                Some(0.0)
            ]
        );
        assert_eq!(group_percentiles(&[4], &[true]), [None]);
    }

    #[test]
    fn lists_in_words() {
        assert_eq!(in_words(&["example"]), "example");
        assert_eq!(in_words(&["example", "future"]), "example and future");
        assert_eq!(
            in_words(&["advice", "example", "future"]),
            "advice, example and future"
        );
    }

    #[test]
    fn reports_naming_their_manager_in_any_layer() {
        // 0 manages 1, 2, 3; 1 names 0 in layer a, 2 in layer b, 3 names nobody; 4 (no
        // report of 0) names 0.
        let a = Csr::from_edges(5, [(1, 0, 1.0), (4, 0, 1.0)].into_iter());
        let b = Csr::from_edges(5, [(2, 0, 1.0), (1, 0, 1.0)].into_iter());
        let managers = [None, Some(0), Some(0), Some(0), None];
        let responded = [true, true, true, true, true];
        let c = named_by_reports(&[&a, &b], &managers, &responded);
        assert_eq!(c[0], (2, 3));
        assert_eq!(c[1], (0, 0));
        let c = named_by_reports(&[&a, &b], &managers, &[true, true, false, false, true]);
        assert_eq!(c[0], (1, 1));
    }
}
