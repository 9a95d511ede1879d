//! One single-source search of Brandes' algorithm: a breadth-first search counting
//! shortest paths, then the dependencies pulled back level by level.
//!
//! In: a [`SearchOrder`] and a source node. Out: each reached node's dependency δ and `1 / d`
//! added to a running pair of sums. The searches are memory-bound on large organisations,
//! so the state is small and read in order where it can be:
//!
//! - no distances: two bits per node (reached; reached on the level being built) say all
//!   the forward pass asks of a tie's far end, so the test most ties end at (reached on an
//!   earlier level: skip) reads 250 KB at a million people, which stay in a core's cache,
//!   instead of a 4 MB array; a node's distance is its level, known from where each level
//!   starts in the order. The path count σ (8 bytes) is read only for ties one level down;
//! - each level of the search is visited in ascending node order (large levels are
//!   collected in a bitmap, small ones sorted), so the ties and state of a level stream
//!   through memory instead of jumping;
//! - the forward pass lists each node's out-neighbours one level down as it meets them;
//!   dependencies are pulled from that list in reverse (δ_v = σ_v · Σ_w c_w over those w),
//!   and once a node is done σ is overwritten by its coefficient
//!   `c_v = (1 + δ_v) / σ_v = 1 / σ_v + Σ_w c_w`: the pass reads the list in order and
//!   writes only the node it is on; it asks for the coefficients and sums of the node
//!   [`AHEAD`] places on while it sums this one, so that their scattered reads overlap;
//! - the forward pass asks for the ties and path count of the node [`FORWARD`] places on,
//!   and writes `order` and `below` into lists made as long as a search may need (zeroed
//!   memory, handed out by the system as it is first written): no growth checks, and the
//!   loop keeps its places in registers (at a million people, 8–10 % off the searches,
//!   and the fetching 6 % more).
//!
//! One source at a time on purpose: running eight or more searches in one pass, one bit
//! per source (Then et al. 2014, "The more the merrier", PVLDB 8(4)), was faster only while
//! its 64-byte rows per node fit in cache (40 % at 5,000 people), no faster at 100,000 and
//! half again slower at 1,000,000: with about 3.5 ties per person and distances spread
//! over some twenty levels, the searches of a batch rarely stand on one node at the same
//! level (BENCHMARKS.md, stage benches).

use super::search_order::SearchOrder;
use crate::memory::prefetch;

/// Reusable state of one single-source search.
pub struct Search {
    /// Nodes in the order reached, each level ascending.
    order: Vec<u32>,
    /// Where each level starts in `order`, the source's level 0 first.
    levels: Vec<u32>,
    /// One bit per node: reached.
    seen: Vec<u64>,
    /// One bit per node: reached on the level being built.
    next: Vec<u64>,
    /// Shortest paths from the source; in the dependency pass, the coefficient c.
    sigma: Vec<f64>,
    /// Each reached node's out-neighbours one level down, in `order`.
    below: Vec<u32>,
    /// Where each node's run of `below` ends, by position in `order`.
    below_end: Vec<u32>,
    /// How many nodes the last search reached (the length of `order` in use).
    reached: usize,
}

impl Search {
    /// State for searches over `g`. The lists are as long as they may need to be, made
    /// of zeroed memory the system hands out as it is first written.
    pub fn new(g: &SearchOrder) -> Self {
        let n = g.node_count();
        Search {
            order: vec![0; n + 1],
            levels: Vec::new(),
            seen: vec![0; n.div_ceil(64)],
            next: vec![0; n.div_ceil(64)],
            sigma: vec![0.0; n],
            below: vec![0; g.edge_count() + 1],
            below_end: Vec::with_capacity(n),
            reached: 0,
        }
    }

    /// Searches from `s`; adds each reached node's (δ, 1 / distance) to `sums`.
    pub fn run(&mut self, g: &SearchOrder, s: usize, sums: &mut [[f64; 2]]) {
        self.count_paths(g, s);
        self.pull_dependencies(s, sums);
        if self.reached * 64 > self.sigma.len() {
            self.seen.fill(0);
        } else {
            for &v in &self.order[..self.reached] {
                self.seen[v as usize / 64] = 0;
            }
        }
    }

    /// Breadth-first from `s`, level by level: path counts, `order` and `levels`.
    fn count_paths(&mut self, g: &SearchOrder, s: usize) {
        let nodes = self.sigma.len();
        let (seen, next, sigma) = (&mut self.seen, &mut self.next, &mut self.sigma);
        let (levels, below_end) = (&mut self.levels, &mut self.below_end);
        levels.clear();
        below_end.clear();
        let (order, below) = (&mut self.order[..], &mut self.below[..]);
        let mut reached = 1;
        let mut pulled = 0;
        order[0] = s as u32;
        seen[s / 64] |= 1 << (s % 64);
        sigma[s] = 1.0;
        let mut start = 0;
        while start < reached {
            levels.push(start as u32);
            let end = reached;
            let large = (end - start) * 64 > nodes;
            let listed = usize::from(!large);
            for i in start..end {
                // The level's nodes ascend, but at a million people their ties are still
                // far apart: those of a node a few places on are asked for now.
                if i + FORWARD < end {
                    let u = order[i + FORWARD] as usize;
                    g.prefetch_out(u);
                    prefetch(&sigma[u]);
                }
                let v = order[i] as usize;
                let paths = sigma[v];
                for &w in g.out(v) {
                    let (word, bit) = (w as usize / 64, 1u64 << (w % 64));
                    if seen[word] & bit == 0 {
                        seen[word] |= bit;
                        next[word] |= bit;
                        sigma[w as usize] = paths;
                        // Written every time, kept only on a small level (a large one
                        // is read from `next` once done): no branch.
                        order[reached] = w;
                        reached += listed;
                    } else if next[word] & bit != 0 {
                        sigma[w as usize] += paths;
                    } else {
                        continue;
                    }
                    below[pulled] = w;
                    pulled += 1;
                }
                below_end.push(pulled as u32);
            }
            if large {
                reached = drain_bits(next, order, reached);
            } else {
                order[end..reached].sort_unstable();
                for &w in &order[end..reached] {
                    next[w as usize / 64] = 0;
                }
            }
            start = end;
        }
        self.reached = reached;
    }

    /// Reverse order: δ and the coefficient of each node from those one level down.
    fn pull_dependencies(&mut self, s: usize, sums: &mut [[f64; 2]]) {
        let sigma = &mut self.sigma;
        let mut end = self.below_end.last().map_or(0, |&e| e as usize);
        let mut level = self.levels.len();
        for (i, &v) in self.order[..self.reached].iter().enumerate().rev() {
            // The nodes a few steps on are fetched while this one is summed: their runs'
            // coefficients and their sums lie scattered over megabytes.
            if i > AHEAD {
                let j = i - AHEAD;
                let run = self.below_end[j - 1] as usize..self.below_end[j] as usize;
                for &w in &self.below[run] {
                    prefetch(&sigma[w as usize]);
                }
                prefetch(&sums[self.order[j] as usize]);
            }
            while self.levels[level - 1] as usize > i {
                level -= 1;
            }
            let v = v as usize;
            let start = if i == 0 {
                0
            } else {
                self.below_end[i - 1] as usize
            };
            let pulled: f64 = self.below[start..end]
                .iter()
                .map(|&w| sigma[w as usize])
                .sum();
            end = start;
            let paths = sigma[v];
            if v != s {
                sums[v][0] += paths * pulled;
                sums[v][1] += 1.0 / (level - 1) as f64;
            }
            sigma[v] = 1.0 / paths + pulled;
        }
    }
}

/// How many nodes ahead the dependency pass fetches (measured at a million people: 16
/// beat 8 and 8 beat 32; 16 took 5 % and 12 % off the searches against none).
const AHEAD: usize = 16;

/// Writes the set bits' positions in ascending order from `out[at]` on and clears them;
/// returns the position after the last.
fn drain_bits(bits: &mut [u64], out: &mut [u32], mut at: usize) -> usize {
    for (i, word) in bits.iter_mut().enumerate() {
        let mut x = std::mem::take(word);
        while x != 0 {
            out[at] = (i * 64) as u32 + x.trailing_zeros();
            at += 1;
            x &= x - 1;
        }
    }
    at
}

/// How many nodes of a level ahead the forward pass fetches the ties and path count of
/// (measured at a million people: 8, 16 and 32 alike, each about 6 % off the searches
/// against none).
const FORWARD: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Csr;
    use crate::rng::SplitMix64;

    /// Brandes' algorithm as published (stack, predecessor lists, push-style δ), per
    /// source: (δ, 1 / d) for every node.
    fn textbook(g: &Csr, s: usize) -> Vec<[f64; 2]> {
        let n = g.node_count();
        let (mut dist, mut sigma, mut delta) = (vec![-1i64; n], vec![0.0; n], vec![0.0; n]);
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let (mut stack, mut queue) = (Vec::new(), std::collections::VecDeque::from([s]));
        dist[s] = 0;
        sigma[s] = 1.0;
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in g.out_neighbors(v) {
                let w = w as usize;
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut out = vec![[0.0; 2]; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                out[w] = [delta[w], 1.0 / dist[w] as f64];
            }
        }
        out
    }

    fn random_graph(n: usize, ties: usize, seed: u64) -> Csr {
        let mut rng = SplitMix64::new(seed);
        let mut edge = || {
            let a = rng.below(n as u64) as u32;
            (a, (a + 1 + rng.below(n as u64 - 1) as u32) % n as u32, 1.0)
        };
        Csr::from_edges(n, (0..ties).map(|_| edge()).collect::<Vec<_>>().into_iter())
    }

    fn shuffled(n: usize, seed: u64) -> Vec<u32> {
        let mut rng = SplitMix64::new(seed);
        let mut rank: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            rank.swap(i, rng.below(i as u64 + 1) as usize);
        }
        rank
    }

    #[test]
    fn every_order_gives_the_textbook_answer() {
        // Sparse (long, small levels: sorted) and dense (levels over n/64: bitmap) graphs,
        // in the locality order and in a random one.
        for (n, ties) in [(400, 500), (400, 2_400), (130, 1_000)] {
            let g = random_graph(n, ties, n as u64 + ties as u64);
            for order in [
                SearchOrder::new(&g),
                SearchOrder::with_rank(&g, shuffled(n, 5)),
            ] {
                let mut search = Search::new(&order);
                for s in [0, 7, n - 1] {
                    let mut sums = vec![[0.0; 2]; n];
                    search.run(&order, order.rank[s] as usize, &mut sums);
                    for (p, want) in textbook(&g, s).iter().enumerate() {
                        let got = sums[order.rank[p] as usize];
                        assert!((got[0] - want[0]).abs() <= 1e-9 * want[0].max(1.0), "{p}");
                        assert_eq!(got[1], want[1], "{p}");
                    }
                }
            }
        }
    }

    #[test]
    fn drains_bits_in_order() {
        let mut bits = vec![1 << 63 | 1 << 2, 0, 1];
        let mut out = vec![9, 0, 0, 0, 0];
        assert_eq!(drain_bits(&mut bits, &mut out, 1), 4);
        assert_eq!(out, [9, 2, 63, 128, 0]);
        assert_eq!(bits, [0, 0, 0]);
    }
}
