//! The reporting lines as a graph: whether every chain of managers ends at a top of the
//! hierarchy, each person's management level when it does, and every reporting cycle when
//! it does not.
//!
//! In: each person's manager. Out: [`ChainsOfCommand`]. A pure function over petgraph's
//! own graph of the reporting lines (manager → report) and its algorithms: a topological
//! order ([`petgraph::algo::toposort`]) gives the levels, top first; when there is none,
//! the strongly connected components ([`petgraph::algo::tarjan_scc`]) are the cycles
//! (everyone has at most one manager, so each such component is one cycle). O(V).

use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, Walker};

/// What the reporting lines form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainsOfCommand {
    /// Every chain of managers ends at someone without one: each person's level, 0 at a
    /// top, their manager's plus one below.
    Levels(Vec<u32>),
    /// Reporting cycles, each once, as its people in the order the manager links run
    /// (each person's manager follows them). A cycle starts where the chain of managers
    /// of the lowest-numbered person leading into it first meets it; cycles come in the
    /// order of those people.
    Cycles(Vec<Vec<u32>>),
}

/// The chains of command of `managers` (each person's manager, `None` for a top; every
/// manager a person of the list).
pub fn chains_of_command(managers: &[Option<u32>]) -> ChainsOfCommand {
    let n = managers.len();
    let mut lines: DiGraph<(), (), u32> = DiGraph::with_capacity(n, n);
    for _ in 0..n {
        lines.add_node(());
    }
    for (report, manager) in managers.iter().enumerate() {
        if let Some(m) = manager {
            lines.add_edge(NodeIndex::new(*m as usize), NodeIndex::new(report), ());
        }
    }
    match toposort(&lines, None) {
        Ok(order) => {
            let mut level = vec![0u32; n];
            for v in order {
                if let Some(m) = managers[v.index()] {
                    level[v.index()] = level[m as usize] + 1;
                }
            }
            ChainsOfCommand::Levels(level)
        }
        Err(_) => ChainsOfCommand::Cycles(cycles(&lines, managers)),
    }
}

/// Every reporting cycle of `lines` (see [`ChainsOfCommand::Cycles`]).
fn cycles(lines: &DiGraph<(), (), u32>, managers: &[Option<u32>]) -> Vec<Vec<u32>> {
    let on_cycle =
        |c: &Vec<NodeIndex>| c.len() > 1 || managers[c[0].index()] == Some(c[0].index() as u32);
    let cycles: Vec<Vec<NodeIndex>> = tarjan_scc(lines).into_iter().filter(on_cycle).collect();
    let mut inside = vec![false; managers.len()];
    for v in cycles.iter().flatten() {
        inside[v.index()] = true;
    }
    let mut found: Vec<(u32, Vec<u32>)> = cycles
        .into_iter()
        .map(|members| {
            // The lowest-numbered person whose chain leads into the cycle: the cycle's
            // people and everyone below them.
            let mut below = Dfs::empty(lines);
            below.stack.extend(members.iter().copied());
            let first = below.iter(lines).map(|v| v.index() as u32).min();
            let first = first.unwrap_or(members[0].index() as u32);
            // Up that person's chain to the cycle (the first person on a cycle it meets is
            // on this one), then once round it.
            let mut at = first;
            while !inside[at as usize] {
                at = managers[at as usize].unwrap_or(at);
            }
            let mut cycle = vec![at];
            let mut next = managers[at as usize];
            while let Some(m) = next
                && m != at
            {
                cycle.push(m);
                next = managers[m as usize];
            }
            (first, cycle)
        })
        .collect();
    found.sort_unstable_by_key(|(first, _)| *first);
    found.into_iter().map(|(_, cycle)| cycle).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_count_down_from_each_top() {
        // 0 manages 1 and 2; 2 manages 3; 4 is a second top; 5 reports to 3.
        let managers = [None, Some(0), Some(0), Some(2), None, Some(3)];
        assert_eq!(
            chains_of_command(&managers),
            ChainsOfCommand::Levels(vec![0, 1, 1, 2, 0, 3])
        );
        assert_eq!(chains_of_command(&[]), ChainsOfCommand::Levels(vec![]));
    }

    #[test]
    fn every_cycle_once_from_where_the_first_chain_meets_it() {
        // 1 → 2 → 3 → 1 (each person's manager follows them); 0 reports to 2, so the
        // cycle is met at 2. 4 ↔ 5, reached first by 5 itself; 6 is a top; 7 reports to 4.
        let managers = [
            Some(2),
            Some(2),
            Some(3),
            Some(1),
            Some(5),
            Some(4),
            None,
            Some(4),
        ];
        assert_eq!(
            chains_of_command(&managers),
            ChainsOfCommand::Cycles(vec![vec![2, 3, 1], vec![4, 5]])
        );
        // A cycle whose first chain comes from below it, after another cycle.
        let managers = [Some(1), Some(0), Some(3), Some(4), Some(2)];
        assert_eq!(
            chains_of_command(&managers),
            ChainsOfCommand::Cycles(vec![vec![0, 1], vec![2, 3, 4]])
        );
        // Someone who is their own manager is a cycle of one.
        assert_eq!(
            chains_of_command(&[None, Some(1)]),
            ChainsOfCommand::Cycles(vec![vec![1]])
        );
    }

    /// The walk the checks made before: follow each person's managers in person order,
    /// reporting a cycle when the walk meets itself.
    fn by_walking(managers: &[Option<u32>]) -> Vec<Vec<u32>> {
        let mut done = vec![false; managers.len()];
        let mut cycles = Vec::new();
        for start in 0..managers.len() {
            let mut path: Vec<u32> = Vec::new();
            let mut at = Some(start as u32);
            while let Some(p) = at {
                if done[p as usize] {
                    break;
                }
                if let Some(i) = path.iter().position(|&q| q == p) {
                    cycles.push(path[i..].to_vec());
                    break;
                }
                path.push(p);
                at = managers[p as usize];
            }
            for p in path {
                done[p as usize] = true;
            }
        }
        cycles
    }

    #[test]
    fn random_reporting_lines_agree_with_following_the_managers() {
        let mut rng = crate::rng::SplitMix64::new(16);
        let mut with_cycles = 0;
        for round in 0..300 {
            let n = 1 + rng.below(40) as usize;
            let managers: Vec<Option<u32>> = (0..n)
                .map(|p| {
                    let m = rng.below(n as u64 + 2) as u32;
                    // A few tops; nobody their own manager, as the checks leave it.
                    (m < n as u32 && m != p as u32).then_some(m)
                })
                .collect();
            let walked = by_walking(&managers);
            match chains_of_command(&managers) {
                ChainsOfCommand::Cycles(cycles) => {
                    with_cycles += 1;
                    assert_eq!(cycles, walked, "round {round}: {managers:?}");
                }
                ChainsOfCommand::Levels(level) => {
                    assert!(walked.is_empty(), "round {round}: {managers:?}");
                    for (p, m) in managers.iter().enumerate() {
                        let want = m.map_or(0, |m| level[m as usize] + 1);
                        assert_eq!(level[p], want, "round {round}: {managers:?}");
                    }
                }
            }
        }
        assert!((50..250).contains(&with_cycles), "{with_cycles}");
    }
}
