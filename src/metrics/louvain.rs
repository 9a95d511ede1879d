//! Louvain community detection: greedy modularity optimisation with aggregation.
//!
//! Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
//! communities in large networks. *J. Stat. Mech.* P10008. Each level moves nodes, in a
//! seeded random order, to the neighbouring community with the largest modularity gain
//! `w(i, C) − tot(C) · k(i) / 2m` until no move helps (revisiting only the neighbours of
//! nodes that moved), then merges each community into one node and repeats. Sequential
//! and seeded, so the result is the same on every run.
//!
//! orgsphere's own, on its compact index: the leiden-rs crate gave partitions of the same
//! modularity but took 7 s at 100,000 people where this takes well under one (see
//! `benches/`).
//! Complexity: O(E) for the first pass of a level; later visits only where something
//! changed; a handful of levels in practice.

use crate::rng::SplitMix64;

/// A symmetric weighted adjacency (self-loops allowed after aggregation).
struct LevelGraph {
    offsets: Vec<usize>,
    neighbors: Vec<u32>,
    weights: Vec<f64>,
}

impl LevelGraph {
    /// From undirected edges (u < v, merged): both directions.
    fn from_edges(n: usize, edges: &[(usize, usize, f64)]) -> LevelGraph {
        let mut degree = vec![0usize; n + 1];
        for &(u, v, _) in edges {
            degree[u + 1] += 1;
            degree[v + 1] += 1;
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let mut fill = degree.clone();
        let mut neighbors = vec![0u32; degree[n]];
        let mut weights = vec![0.0; degree[n]];
        for &(u, v, w) in edges {
            for (a, b) in [(u, v), (v, u)] {
                neighbors[fill[a]] = b as u32;
                weights[fill[a]] = w;
                fill[a] += 1;
            }
        }
        LevelGraph {
            offsets: degree,
            neighbors,
            weights,
        }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[i]..self.offsets[i + 1];
        self.neighbors[r.clone()]
            .iter()
            .map(|&j| j as usize)
            .zip(self.weights[r].iter().copied())
    }
}

/// The community of each of `n` nodes (0-based, arbitrary numbering) for undirected
/// weighted `edges` (u < v).
pub fn louvain(n: usize, edges: &[(usize, usize, f64)], seed: u64) -> Vec<usize> {
    let mut level = LevelGraph::from_edges(n, edges);
    let mut membership: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    loop {
        let (community, moved) = one_level(&level, &mut rng);
        if !moved {
            return membership;
        }
        let (renumbered, count) = renumber(&community);
        membership.iter_mut().for_each(|c| *c = renumbered[*c]);
        level = aggregate(&level, &renumbered, count);
    }
}

/// Local moving on one level; returns each node's community and whether any node moved.
/// Communities are numbered by node (`u32`, as the level graph's neighbours): the arrays
/// a move reads at random are half the size of `usize` ones.
fn one_level(g: &LevelGraph, rng: &mut SplitMix64) -> (Vec<u32>, bool) {
    let n = g.len();
    let k: Vec<f64> = (0..n).map(|i| g.row(i).map(|(_, w)| w).sum()).collect();
    let m2: f64 = k.iter().sum();
    let mut community: Vec<u32> = (0..n as u32).collect();
    if m2 == 0.0 {
        return (community, false);
    }
    let mut tot = k.clone();
    // Nodes are visited in a seeded random order within windows of 64 neighbouring
    // numbers: random enough to avoid an order's bias, local enough that the arrays a move
    // reads stay in cache (a fully random order over a million people is 50 times slower).
    let mut order: Vec<u32> = (0..n as u32).collect();
    for window in order.chunks_mut(64) {
        for i in (1..window.len()).rev() {
            window.swap(i, rng.below(i as u64 + 1) as usize);
        }
    }
    let mut link = vec![0.0; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut moved_any = false;
    // Every node once, then only the neighbours of nodes that moved (Traag, Waltman & van
    // Eck 2019, "fast local move"): a node whose surroundings did not change has no better
    // community than before, so revisiting it is wasted work. Ends when no move helps.
    let mut queue: std::collections::VecDeque<u32> = order.into();
    let mut queued = vec![true; n];
    while let Some(i) = queue.pop_front() {
        let i = i as usize;
        queued[i] = false;
        let own = community[i] as usize;
        for (j, w) in g.row(i).filter(|&(j, _)| j != i) {
            let c = community[j];
            if link[c as usize] == 0.0 {
                touched.push(c);
            }
            link[c as usize] += w;
        }
        tot[own] -= k[i];
        let gain = |c: usize, link: f64| link - tot[c] * k[i] / m2;
        // Stay unless another community is strictly better; among equals, the first
        // reached wins (neighbour order is fixed, so the choice is too).
        let (mut best, mut best_gain) = (own, gain(own, link[own]));
        for &c in &touched {
            let c = c as usize;
            let g = gain(c, link[c]);
            if g > best_gain + 1e-12 {
                best = c;
                best_gain = g;
            }
        }
        tot[best] += k[i];
        for c in touched.drain(..) {
            link[c as usize] = 0.0;
        }
        if best != own {
            community[i] = best as u32;
            moved_any = true;
            for (j, _) in g.row(i) {
                if !queued[j] && community[j] as usize != best {
                    queued[j] = true;
                    queue.push_back(j as u32);
                }
            }
        }
    }
    (community, moved_any)
}

/// Numbers the communities 0..count in order of first appearance.
fn renumber(community: &[u32]) -> (Vec<usize>, usize) {
    let mut map = vec![usize::MAX; community.len()];
    let mut count = 0;
    let mut out = vec![0; community.len()];
    for (i, &c) in community.iter().enumerate() {
        let c = c as usize;
        if map[c] == usize::MAX {
            map[c] = count;
            count += 1;
        }
        out[i] = map[c];
    }
    (out, count)
}

/// Merges each community into one node, summing weights (internal ones become self-loops).
/// O(E): each community's members are walked once, their ties summed in a dense row.
fn aggregate(g: &LevelGraph, community: &[usize], count: usize) -> LevelGraph {
    let mut start = vec![0usize; count + 1];
    for &c in community {
        start[c + 1] += 1;
    }
    for c in 0..count {
        start[c + 1] += start[c];
    }
    let mut members = vec![0usize; g.len()];
    let mut fill = start.clone();
    for (i, &c) in community.iter().enumerate() {
        members[fill[c]] = i;
        fill[c] += 1;
    }
    let mut sum = vec![0.0; count];
    let mut touched = Vec::new();
    let mut level = LevelGraph {
        offsets: vec![0; count + 1],
        neighbors: Vec::new(),
        weights: Vec::new(),
    };
    for c in 0..count {
        for &i in &members[start[c]..start[c + 1]] {
            for (j, w) in g.row(i) {
                let d = community[j];
                if sum[d] == 0.0 {
                    touched.push(d);
                }
                sum[d] += w;
            }
        }
        touched.sort_unstable();
        for d in touched.drain(..) {
            level.neighbors.push(d as u32);
            level.weights.push(sum[d]);
            sum[d] = 0.0;
        }
        level.offsets[c + 1] = level.neighbors.len();
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_of_cliques_splits_into_its_cliques() {
        // Four cliques of five, each joined to the next by one tie.
        let mut edges = Vec::new();
        for c in 0..4 {
            let base = c * 5;
            for a in 0..5 {
                for b in a + 1..5 {
                    edges.push((base + a, base + b, 1.0));
                }
            }
            edges.push((base + 4, (base + 5) % 20, 1.0));
        }
        edges.iter_mut().for_each(|e| {
            if e.0 > e.1 {
                std::mem::swap(&mut e.0, &mut e.1)
            }
        });
        for seed in 0..5 {
            let c = louvain(20, &edges, seed);
            for clique in 0..4 {
                let first = c[clique * 5];
                assert!(
                    (0..5).all(|i| c[clique * 5 + i] == first),
                    "seed {seed}: {c:?}"
                );
            }
            assert_ne!(c[0], c[5]);
            assert_eq!(c, louvain(20, &edges, seed), "deterministic");
        }
    }
}
