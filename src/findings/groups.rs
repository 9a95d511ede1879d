//! Department findings: silos, departments that never seek each other out, fragile
//! bridges, and peripheral people — each only for departments of at least the minimum
//! group size. They read the combined influence layer.

use std::collections::BTreeMap;

use super::{Context, Finding, Severity};
use crate::graph::Questions;
use crate::metrics::ei_index;

/// A department whose E-I index is at most this keeps its ties inside (at most about one
/// tie in thirteen crosses its boundary).
const SILO_EI: f64 = -0.85;
/// A department where at least this share of people is never named is reported.
const PERIPHERAL_SHARE: f64 = 0.15;

/// Departments large enough to describe: (department, size).
fn describable(cx: &Context<'_>) -> Vec<(u32, usize)> {
    let m = &cx.analysis.metrics;
    let mut size = vec![0usize; m.department_names.len()];
    for d in m.department.iter().flatten() {
        size[*d as usize] += 1;
    }
    size.into_iter()
        .enumerate()
        .filter(|&(_, s)| s >= cx.min_group_size.max(1))
        .map(|(d, s)| (d as u32, s))
        .collect()
}

/// Ties between departments: (a, b) with a < b → (ties, the people at their ends).
pub type DepartmentTies = BTreeMap<(u32, u32), (usize, Vec<u32>)>;

/// Silos (E-I index near −1), and pairs of departments with no tie either way.
pub fn silos(cx: &Context<'_>, ties: &DepartmentTies) -> Vec<Finding> {
    let m = &cx.analysis.metrics;
    let g = cx.analysis.graph.influence(Questions::All);
    let ei = ei_index(g, &m.department, m.department_names.len());
    let groups = describable(cx);
    let mut out = Vec::new();
    for &(d, size) in &groups {
        let Some(index) = ei[d as usize] else {
            continue;
        };
        if index <= SILO_EI {
            out.push(Finding {
                kind: "silo",
                severity: if index <= -0.95 { Severity::High } else { Severity::Medium },
                group: Some(cx.department_name(d).to_string()),
                people: Vec::new(),
                summary: format!("{}'s influence ties stay inside it (E-I index {index:.2}; −1 means all inside)", cx.department_name(d)),
                evidence: vec![("ei_index", index), ("people", size as f64)],
            });
        }
    }
    let mut apart = Vec::new();
    for (i, &(a, _)) in groups.iter().enumerate() {
        for &(b, _) in &groups[i + 1..] {
            if !ties.contains_key(&(a, b)) {
                apart.push(format!(
                    "{} – {}",
                    cx.department_name(a),
                    cx.department_name(b)
                ));
            }
        }
    }
    if !apart.is_empty() {
        let pairs = groups.len() * (groups.len() - 1) / 2;
        out.push(Finding {
            kind: "disconnected-departments",
            severity: Severity::Low,
            group: None,
            people: Vec::new(),
            summary: format!(
                "{} of {pairs} pairs of departments never name each other: {}",
                apart.len(),
                apart.join("; ")
            ),
            evidence: vec![
                ("pairs_without_ties", apart.len() as f64),
                ("pairs", pairs as f64),
            ],
        });
    }
    out
}

/// For each unordered pair of departments, the people at either end of the ties between
/// them and how many ties there are: (a, b) with a < b → (ties, people).
pub fn department_ties(cx: &Context<'_>) -> DepartmentTies {
    let dept = &cx.analysis.metrics.department;
    let g = cx.analysis.graph.influence(Questions::All);
    let mut ties: BTreeMap<(u32, u32), (usize, Vec<u32>)> = BTreeMap::new();
    for u in 0..g.node_count() {
        for &v in g.out_neighbors(u) {
            if let (Some(a), Some(b)) = (dept[u], dept[v as usize])
                && a != b
            {
                let entry = ties.entry((a.min(b), a.max(b))).or_default();
                entry.0 += 1;
                entry.1.extend([u as u32, v]);
            }
        }
    }
    ties
}

/// Fragile bridges: between two describable departments, every one of two or more ties
/// goes through one person.
pub fn fragile_bridges(cx: &Context<'_>, ties: &DepartmentTies) -> Vec<Finding> {
    let describable: Vec<u32> = describable(cx).into_iter().map(|(d, _)| d).collect();
    let mut out = Vec::new();
    for (&(a, b), (count, people)) in ties {
        let count = *count;
        if count < 2 || !describable.contains(&a) || !describable.contains(&b) {
            continue;
        }
        // The person at an end of every tie appears once per tie.
        let mut tally: BTreeMap<u32, usize> = BTreeMap::new();
        for &p in people {
            *tally.entry(p).or_default() += 1;
        }
        if let Some((&bridge, _)) = tally.iter().find(|(_, n)| **n == count) {
            out.push(Finding {
                kind: "fragile-bridge",
                severity: Severity::Medium,
                group: Some(format!(
                    "{} – {}",
                    cx.department_name(a),
                    cx.department_name(b)
                )),
                people: vec![bridge],
                summary: format!(
                    "all {count} influence ties between {} and {} go through {}",
                    cx.department_name(a),
                    cx.department_name(b),
                    cx.id(bridge)
                ),
                evidence: vec![("ties", count as f64)],
            });
        }
    }
    out
}

/// Peripheral people, per department: the share nobody names.
pub fn peripheral_people(cx: &Context<'_>) -> Vec<Finding> {
    let m = &cx.analysis.metrics;
    let mut never = vec![0usize; m.department_names.len()];
    for (p, d) in m.department.iter().enumerate() {
        if let Some(d) = d {
            never[*d as usize] += usize::from(m.combined.in_degree[p] == 0);
        }
    }
    describable(cx)
        .into_iter()
        .filter_map(|(d, size)| {
            let share = never[d as usize] as f64 / size as f64;
            (share >= PERIPHERAL_SHARE).then(|| Finding {
                kind: "peripheral-people",
                severity: if share >= 0.3 {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                group: Some(cx.department_name(d).to_string()),
                people: Vec::new(),
                summary: format!(
                    "{} of {size} people in {} are named by nobody ({:.0} %)",
                    never[d as usize],
                    cx.department_name(d),
                    share * 100.0
                ),
                evidence: vec![
                    ("never_named", never[d as usize] as f64),
                    ("people", size as f64),
                    ("share", share),
                ],
            })
        })
        .collect()
}
