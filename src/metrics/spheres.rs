//! Spheres: who is inside a person's sphere of influence, and how it sits against their
//! formal sphere (the people below them) and chain of command (the people above them).

use rayon::prelude::*;

use super::formal::Formal;
use super::pool::Pool;
use crate::graph::Csr;

/// For each person: how many of their responding direct reports nominate them, and how
/// many of their direct reports responded. (0, 0) for people without reports.
pub fn command_counts(g: &Csr, managers: &[Option<u32>], responded: &[bool]) -> Vec<(u32, u32)> {
    let n = g.node_count();
    let mut counts = vec![(0u32, 0u32); n];
    for (report, m) in managers.iter().enumerate() {
        if let Some(m) = m {
            counts[*m as usize].1 += u32::from(responded[report]);
        }
    }
    for (v, c) in counts.iter_mut().enumerate() {
        if c.1 > 0 {
            c.0 = g
                .in_neighbors(v)
                .iter()
                .filter(|&&u| managers[u as usize] == Some(v as u32) && responded[u as usize])
                .count() as u32;
        }
    }
    counts
}

/// For a person with direct reports: the share of their responding direct reports who
/// nominate them ([`command_counts`]). Empty for people without reports, or when none of
/// the reports answered.
pub fn command_coverage(
    g: &Csr,
    formal: &Formal,
    managers: &[Option<u32>],
    responded: &[bool],
) -> Vec<Option<f64>> {
    command_counts(g, managers, responded)
        .iter()
        .enumerate()
        .map(|(v, &(named, asked))| {
            (formal.direct_reports[v] > 0 && asked > 0).then(|| f64::from(named) / f64::from(asked))
        })
        .collect()
}

/// The share of a person's nominators who are neither in their formal sphere (below them)
/// nor in their chain of command (above them). Empty for people nobody nominates.
pub fn influence_beyond_chain(g: &Csr, formal: &Formal) -> Vec<Option<f64>> {
    influence_beyond_counts(g, formal)
        .iter()
        .enumerate()
        .map(|(v, &beyond)| share_of_nominators(beyond, g.in_neighbors(v).len() as u32))
        .collect()
}

/// For each person, how many of their nominators are neither in their formal sphere nor
/// in their chain of command ([`influence_beyond_chain`]'s numerator).
pub fn influence_beyond_counts(g: &Csr, formal: &Formal) -> Vec<u32> {
    (0..g.node_count())
        .map(|v| {
            g.in_neighbors(v)
                .iter()
                .filter(|&&u| !formal.in_sphere(v, u as usize) && !formal.in_chain(v, u as usize))
                .count() as u32
        })
        .collect()
}

/// `count` of a person's `nominators` as a share; `None` when nobody names them.
pub fn share_of_nominators(count: u32, nominators: u32) -> Option<f64> {
    (nominators > 0).then(|| f64::from(count) / f64::from(nominators))
}

/// The size of the depth-2 sphere of influence: the distinct people (other than the
/// person) who nominate them, or nominate one of their nominators.
///
/// Complexity: O(Σ_v Σ_{u → v} in_degree(u)), with O(V) memory per worker.
pub fn influence_sphere_size_2(g: &Csr) -> Vec<u32> {
    let n = g.node_count();
    let marks = Pool::new();
    (0..n)
        .into_par_iter()
        .map_init(
            || marks.lease(|| vec![u32::MAX; n]),
            |mark, v| {
                mark[v] = v as u32;
                let mut count = 0;
                for &u in g.in_neighbors(v) {
                    for &x in std::iter::once(&u).chain(g.in_neighbors(u as usize)) {
                        if mark[x as usize] != v as u32 {
                            mark[x as usize] = v as u32;
                            count += 1;
                        }
                    }
                }
                count
            },
        )
        .collect()
}

/// How influence ties sit against the hierarchy: of `all` ties, how many point up the
/// nominator's chain of command, and how many to the nominator's own manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChainTies {
    pub up_the_chain: usize,
    pub to_own_manager: usize,
    pub all: usize,
}

impl ChainTies {
    /// The share of ties that point up the chain of command; `None` without ties.
    pub fn up_share(&self) -> Option<f64> {
        (self.all > 0).then(|| self.up_the_chain as f64 / self.all as f64)
    }

    /// The share of ties that point to the nominator's own manager; `None` without ties.
    pub fn own_manager_share(&self) -> Option<f64> {
        (self.all > 0).then(|| self.to_own_manager as f64 / self.all as f64)
    }
}

/// Counts the ties of `g` that follow the hierarchy. O(E).
pub fn chain_ties(g: &Csr, formal: &Formal, managers: &[Option<u32>]) -> ChainTies {
    let mut t = ChainTies::default();
    for (r, manager) in managers.iter().enumerate() {
        for &n in g.out_neighbors(r) {
            t.all += 1;
            t.up_the_chain += usize::from(formal.in_chain(r, n as usize));
            t.to_own_manager += usize::from(*manager == Some(n));
        }
    }
    t
}
