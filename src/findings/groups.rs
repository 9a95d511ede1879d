//! Group findings: silos, groups that never seek each other out, fragile bridges, and
//! peripheral people — each only for groups of at least the minimum group size. The groups
//! are the departments, or the org-chart column `--group-by` names
//! ([`FindingInputs::grouping`]); "department" below means such a group. They read the combined influence layer.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};

use super::{Finding, FindingInputs, Sentence, Severity};
use crate::graph::Questions;
use crate::metrics::ei_index;
use crate::metrics::grouping::GroupTies;

/// A department whose E-I index is at most this keeps its ties inside (at most about one
/// tie in thirteen crosses its boundary).
const SILO_EI: f64 = -0.85;
/// A department where at least this share of people is never named is reported.
const PERIPHERAL_SHARE: f64 = 0.15;

/// Departments large enough to describe: (department, size).
fn describable(cx: &FindingInputs<'_>) -> Vec<(u32, usize)> {
    cx.grouping
        .sizes()
        .into_iter()
        .enumerate()
        .filter(|&(_, s)| s >= cx.min_group_size.max(1))
        .map(|(d, s)| (d as u32, s))
        .collect()
}

/// Per department: whether it is large enough to describe (one of `groups`).
fn describable_mask(cx: &FindingInputs<'_>, groups: &[(u32, usize)]) -> Vec<bool> {
    let mut mask = vec![false; cx.grouping.names.len()];
    for &(d, _) in groups {
        mask[d as usize] = true;
    }
    mask
}

/// Silos (E-I index near −1), and pairs of departments with no tie either way.
pub fn silos(cx: &FindingInputs<'_>, ties: &GroupTies) -> Vec<Finding> {
    let grouping = cx.grouping;
    let g = cx.analysis.graph.influence(Questions::All);
    let ei = ei_index(g, &grouping.of, grouping.names.len());
    let groups = describable(cx);
    let is_describable = describable_mask(cx, &groups);
    let silos: Vec<(u32, usize, f64)> = groups
        .iter()
        .filter_map(|&(d, size)| ei[d as usize].map(|index| (d, size, index)))
        .filter(|&(_, _, index)| index <= SILO_EI)
        .collect();
    let mut outside = reaching_outside(cx, &silos);
    let mut out = Vec::new();
    for (d, size, index) in silos {
        out.push(Finding {
            kind: "silo",
            severity: if index <= -0.95 {
                Severity::High
            } else {
                Severity::Medium
            },
            group: Some(cx.group_name(d).to_string()),
            people: Vec::new(),
            summary: Sentence::new().group(cx.group_name(d)).text(format!(
                "'s influence ties stay inside it (E-I index {index:.2}; −1 means all inside)"
            )),
            action: silo_action(cx, d, outside.remove(&d).unwrap_or_default()),
            evidence: vec![("ei_index", index), ("people", size as f64)],
        });
    }
    let tied_pairs = ties
        .keys()
        .filter(|&&(a, b)| is_describable[a as usize] && is_describable[b as usize])
        .count();
    let pairs = groups.len() * groups.len().saturating_sub(1) / 2;
    let without = pairs - tied_pairs;
    if without > 0 {
        let tied = |a: u32, b: u32| ties.contains_key(&(a.min(b), a.max(b)));
        let named = largest_pairs_without_ties(&groups, PAIRS_SHOWN, tied);
        let (lead, named) = if without <= PAIRS_SHOWN {
            // Every such pair, in the order of the departments.
            let mut all: Vec<(u32, u32)> = named
                .into_iter()
                .map(|(a, b)| (a.min(b), a.max(b)))
                .collect();
            all.sort_unstable();
            (String::new(), all)
        } else {
            (format!("; the {} largest", named.len()), named)
        };
        let mut summary = Sentence::new().text(format!(
            "{without} of {pairs} pairs of {} never name each other{lead}: ",
            grouping.plural()
        ));
        for (i, &(a, b)) in named.iter().enumerate() {
            if i > 0 {
                summary.push_text("; ");
            }
            summary = summary
                .group(cx.group_name(a))
                .text(" – ")
                .group(cx.group_name(b));
        }
        out.push(Finding {
            kind: "disconnected-departments",
            severity: Severity::Low,
            group: None,
            people: Vec::new(),
            summary,
            action: Sentence::new().text(format!(
                "Introduce the largest of these {} to each other: a shared project, a joint meeting or a named contact on each side, starting with the pairs listed",
                grouping.plural()
            )),
            evidence: vec![
                ("pairs_without_ties", without as f64),
                ("pairs", pairs as f64),
            ],
        });
    }
    out
}

/// Brokers a silo's action names.
const SILO_BROKERS: usize = 3;

/// The members of each silo (`silos`: group, size, E-I index) with influence ties, either
/// direction, to people of another group: group → (person, ties), by person. One pass
/// over the people, reading the ties of the silos' members only.
fn reaching_outside(
    cx: &FindingInputs<'_>,
    silos: &[(u32, usize, f64)],
) -> BTreeMap<u32, Vec<(u32, usize)>> {
    let mut found: BTreeMap<u32, Vec<(u32, usize)>> = BTreeMap::new();
    if silos.is_empty() {
        return found;
    }
    let of = &cx.grouping.of;
    let mut is_silo = vec![false; cx.grouping.names.len()];
    for &(d, _, _) in silos {
        is_silo[d as usize] = true;
    }
    let g = cx.analysis.graph.influence(Questions::All);
    for (p, group) in of.iter().enumerate() {
        let Some(d) = *group else { continue };
        if !is_silo[d as usize] {
            continue;
        }
        let crosses = |others: &[u32]| {
            others
                .iter()
                .filter(|&&w| of[w as usize].is_some_and(|b| b != d))
                .count()
        };
        let ties = crosses(g.out_neighbors(p)) + crosses(g.in_neighbors(p));
        if ties > 0 {
            found.entry(d).or_default().push((p as u32, ties));
        }
    }
    found
}

/// What to do about silo `d`: connect it through the members who already have the most
/// ties outside it (named; `outside` holds each member's ties outside, by person), or,
/// when nobody has one, through a contact to be chosen.
fn silo_action(cx: &FindingInputs<'_>, d: u32, outside: Vec<(u32, usize)>) -> Sentence {
    let mut brokers = outside;
    brokers.sort_by_key(|&(p, k)| (Reverse(k), p));
    brokers.truncate(SILO_BROKERS);
    if brokers.is_empty() {
        return Sentence::new()
            .text("Connect ")
            .group(cx.group_name(d))
            .text(" to the rest: nobody in it has an influence tie outside, so name a contact in it for each group it works with");
    }
    let mut action = Sentence::new()
        .text("Connect ")
        .group(cx.group_name(d))
        .text(" to the rest through the people in it who already reach outside: ");
    for (i, &(p, _)) in brokers.iter().enumerate() {
        if i > 0 {
            action.push_text(", ");
        }
        action = action.person(p);
    }
    action.text("; give them time and a mandate to broker, and bring others along")
}

/// Pairs of departments the disconnected-departments finding names; the others are
/// counted. (2,000 departments make two million pairs.)
const PAIRS_SHOWN: usize = 20;

/// Up to `k` pairs of departments without a tie, those with the most people together
/// first, each as (larger, smaller). `groups` holds (department, people); `tied(a, b)`
/// whether two departments have a tie. The pairs are visited best first (a heap over the
/// departments sorted by size), so at most `k` plus the number of tied pairs are looked
/// at, however many departments there are.
fn largest_pairs_without_ties(
    groups: &[(u32, usize)],
    k: usize,
    tied: impl Fn(u32, u32) -> bool,
) -> Vec<(u32, u32)> {
    let mut by_size = groups.to_vec();
    by_size.sort_unstable_by_key(|&(d, size)| (Reverse(size), d));
    let n = by_size.len();
    let people = |i: usize, j: usize| by_size[i].1 + by_size[j].1;
    let mut heap = BinaryHeap::new();
    let mut seen = HashSet::new();
    let mut push = |heap: &mut BinaryHeap<_>, i: usize, j: usize| {
        if j < n && seen.insert((i, j)) {
            heap.push((people(i, j), Reverse((i, j))));
        }
    };
    push(&mut heap, 0, 1);
    let mut found = Vec::new();
    while let Some((_, Reverse((i, j)))) = heap.pop() {
        let (a, b) = (by_size[i].0, by_size[j].0);
        if !tied(a, b) {
            found.push((a, b));
            if found.len() == k {
                break;
            }
        }
        push(&mut heap, i, j + 1);
        if i + 1 < j {
            push(&mut heap, i + 1, j);
        }
    }
    found
}

/// Fragile bridges: between two describable departments, every one of two or more ties
/// goes through one person.
pub fn fragile_bridges(cx: &FindingInputs<'_>, ties: &GroupTies) -> Vec<Finding> {
    let describable = describable_mask(cx, &describable(cx));
    let mut out = Vec::new();
    for (&(a, b), pair) in ties {
        let count = pair.ties;
        if count < 2 || !describable[a as usize] || !describable[b as usize] {
            continue;
        }
        // The person at an end of every tie; the first when two people hold them all.
        if let Some(&bridge) = pair.holders.first() {
            out.push(Finding {
                kind: "fragile-bridge",
                severity: Severity::Medium,
                group: Some(format!("{} – {}", cx.group_name(a), cx.group_name(b))),
                people: vec![bridge],
                summary: Sentence::new()
                    .text(format!("all {count} influence ties between "))
                    .group(cx.group_name(a))
                    .text(" and ")
                    .group(cx.group_name(b))
                    .text(" go through ")
                    .person(bridge),
                action: Sentence::new()
                    .text("Plan a backup for ")
                    .person(bridge)
                    .text(": introduce a second person on each side of ")
                    .group(cx.group_name(a))
                    .text(" – ")
                    .group(cx.group_name(b))
                    .text(" so the tie does not rest on one person"),
                evidence: vec![("ties", count as f64)],
            });
        }
    }
    out
}

/// Peripheral people, per department: the share nobody names.
pub fn peripheral_people(cx: &FindingInputs<'_>) -> Vec<Finding> {
    let m = &cx.analysis.metrics;
    let mut never = vec![0usize; cx.grouping.names.len()];
    for (p, d) in cx.grouping.of.iter().enumerate() {
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
                group: Some(cx.group_name(d).to_string()),
                people: Vec::new(),
                summary: Sentence::new()
                    .text(format!("{} of {size} people in ", never[d as usize]))
                    .group(cx.group_name(d))
                    .text(format!(" are named by nobody ({:.0} %)", share * 100.0)),
                action: Sentence::new()
                    .text("Bring the people nobody names in ")
                    .group(cx.group_name(d))
                    .text(" into the work: pair each with a sought-after colleague, and check that newcomers and remote staff know whom to ask"),
                evidence: vec![
                    ("never_named", never[d as usize] as f64),
                    ("people", size as f64),
                    ("share", share),
                ],
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;

    #[test]
    fn the_largest_pairs_without_ties_are_found_without_visiting_every_pair() {
        let mut rng = SplitMix64::new(7);
        for round in 0..200 {
            let n = 2 + rng.below(40) as usize;
            let groups: Vec<(u32, usize)> = (0..n as u32)
                .map(|d| (d, 1 + rng.below(12) as usize))
                .collect();
            let mut tied_pairs = HashSet::new();
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    if rng.below(100) < 70 {
                        tied_pairs.insert((a, b));
                    }
                }
            }
            let tied = |a: u32, b: u32| tied_pairs.contains(&(a.min(b), a.max(b)));
            let k = 1 + rng.below(8) as usize;
            let size = |d: u32| groups[d as usize].1;
            let found = largest_pairs_without_ties(&groups, k, tied);
            // Every pair visited by brute force, largest first.
            let mut all: Vec<usize> = (0..n as u32)
                .flat_map(|a| (a + 1..n as u32).map(move |b| (a, b)))
                .filter(|&(a, b)| !tied(a, b))
                .map(|(a, b)| size(a) + size(b))
                .collect();
            all.sort_unstable_by(|x, y| y.cmp(x));
            all.truncate(k);
            let sizes: Vec<usize> = found.iter().map(|&(a, b)| size(a) + size(b)).collect();
            assert_eq!(sizes, all, "round {round}");
            assert!(
                found
                    .iter()
                    .all(|&(a, b)| size(a) >= size(b) && !tied(a, b))
            );
            let distinct: HashSet<(u32, u32)> = found.iter().copied().collect();
            assert_eq!(distinct.len(), found.len());
        }
    }
}
