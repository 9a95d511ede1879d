//! Roles beyond the four: flags a person can carry on top of their role, each with its
//! reason (Cross, R. & Parker, A. (2004). *The Hidden Power of Social Networks*. Harvard
//! Business School Press, names these roles).
//!
//! - `central-connector`: tied to more people (naming or named, distinct) than 95 % of the
//!   organisation, and to at least 5;
//! - `broker`: betweenness in the top 5 % (and above 0), with ties reaching into at least
//!   two departments: a boundary spanner. Only when the org chart names two departments or
//!   more: without departments there is no boundary to span;
//! - `peripheral`: named by nobody;
//! - `overloaded`: named by at least twice the high-influence bar, and by at least 10: a
//!   likely bottleneck.

use rayon::prelude::*;

use super::RuleApplied;
use crate::graph::Csr;
use crate::metrics::Metrics;
use crate::metrics::sorted_overlap;

/// Each person's flags, in the order above, and the matching reason clauses.
pub struct Flags {
    pub flags: Vec<Vec<&'static str>>,
    pub reasons: Vec<Vec<String>>,
}

/// The smallest value among the top 5 % of `x` (ties included), by selection.
fn top_five_percent(x: &[f64]) -> f64 {
    if x.is_empty() {
        return f64::INFINITY;
    }
    let mut v = x.to_vec();
    let k = ((0.95 * v.len() as f64).floor() as usize).min(v.len() - 1);
    *v.select_nth_unstable_by(k, f64::total_cmp).1
}

/// The fewest nominators that make a person with (`true`) or without formal power
/// overloaded: twice the high-influence bar that applies to them, and at least 10.
pub fn overload_bar(rule: &RuleApplied, formal_power: bool) -> Option<u32> {
    rule.bar(formal_power).map(|t| (2 * t).max(10))
}

/// Flags everyone, by the high-influence bar that applies to each (`rule`).
pub fn flag(
    metrics: &Metrics,
    influence: &Csr,
    formal_power: &[bool],
    rule: &RuleApplied,
) -> Flags {
    let inf = &metrics.combined;
    let n = inf.in_degree.len();
    let contacts: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|v| distinct_contacts(influence, v) as f64)
        .collect();
    let contact_bar = top_five_percent(&contacts).max(5.0);
    let betweenness_bar = top_five_percent(&inf.paths.betweenness);
    let overload_bars = [overload_bar(rule, false), overload_bar(rule, true)];
    let (flags, reasons) = contacts
        .par_iter()
        .enumerate()
        .map(|(p, &contact)| {
            let (mut flags, mut reasons) = (Vec::new(), Vec::new());
            if contact >= contact_bar {
                flags.push("central-connector");
                reasons.push(format!(
                    "central connector: tied to {contact} people, more than 95 % of the organisation"
                ));
            }
            let betweenness = inf.paths.betweenness[p];
            if betweenness > 0.0
                && betweenness >= betweenness_bar
                && metrics.department_names.len() >= 2
            {
                let departments = reached_departments(influence, &metrics.department, p);
                if departments >= 2 {
                    flags.push("broker");
                    reasons.push(format!(
                        "broker: betweenness in the top 5 %, ties into {departments} departments"
                    ));
                }
            }
            if inf.in_degree[p] == 0 {
                flags.push("peripheral");
                reasons.push("peripheral: nobody names them".to_string());
            }
            if overload_bars[usize::from(formal_power[p])].is_some_and(|bar| inf.in_degree[p] >= bar) {
                flags.push("overloaded");
                reasons.push(format!(
                    "overloaded: named by {}, twice the high-influence bar or more",
                    inf.in_degree[p]
                ));
            }
            (flags, reasons)
        })
        .unzip();
    Flags { flags, reasons }
}

/// The people `v` names or is named by, each once: the size of the union of two sorted,
/// distinct lists.
fn distinct_contacts(g: &Csr, v: usize) -> usize {
    let (a, b) = (g.in_neighbors(v), g.out_neighbors(v));
    a.len() + b.len() - sorted_overlap(a, b)
}

/// Distinct departments among `v`'s contacts and `v` itself.
fn reached_departments(g: &Csr, department: &[Option<u32>], v: usize) -> usize {
    let mut seen: Vec<u32> = g
        .in_neighbors(v)
        .iter()
        .chain(g.out_neighbors(v))
        .filter_map(|&u| department[u as usize])
        .chain(department[v])
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_contacts_count_each_person_once() {
        let ties = crate::graph::random_ties(60, 400, &[1.0], 5);
        let g = Csr::from_edges(60, ties.into_iter());
        for v in 0..60 {
            let mut both: Vec<u32> = g.in_neighbors(v).to_vec();
            both.extend(g.out_neighbors(v));
            both.sort_unstable();
            both.dedup();
            assert_eq!(distinct_contacts(&g, v), both.len(), "{v}");
        }
    }

    #[test]
    fn top_five_percent_keeps_ties() {
        let x: Vec<f64> = (0..40).map(|i| if i < 36 { 1.0 } else { 9.0 }).collect();
        assert_eq!(top_five_percent(&x), 9.0);
        assert_eq!(top_five_percent(&[3.0]), 3.0);
    }
}
