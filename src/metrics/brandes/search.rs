//! A batch of Brandes searches run together: one breadth-first pass for up to
//! [`Lanes::WIDTH`] sources, counting shortest paths, then their dependencies pulled back
//! level by level.
//!
//! In: a [`Layout`] and the batch's source nodes (distinct). Out: each reached node's
//! dependencies δ and reciprocal distances `1 / d`, summed over the batch's sources, added
//! to a running pair of sums. Each source's δ is computed exactly as a search from that
//! source alone would compute it (same terms, same order); only the order in which the
//! sources' terms are added to a node's sum differs.
//!
//! Multi-source breadth-first search after Then, M., Kaufmann, M., Chirigati, F.,
//! Hoang-Vu, T.-A., Pham, K., Kemper, A., Neumann, T. & Vo, H. T. (2014). The more the
//! merrier: efficient multi-source graph traversal. *PVLDB* 8(4), 449–460; its use for
//! Brandes' dependencies as in Then, M., Günnemann, S., Kemper, A. & Neumann, T. (2017).
//! Efficient batched distance and centrality computation in unweighted and weighted
//! graphs. *BTW 2017*, 247–266.
//!
//! - Per node, the set of sources that have reached it (`seen`) and that reach it at the
//!   next level (`next`), one bit per source: a node in the frontier of several sources
//!   reads its out-ties once for all of them.
//! - Path counts σ node-major, one row of `WIDTH` values per node (cleared per batch), so
//!   the work of every source on one tie touches one row; rows are added under a mask
//!   without branching on it ([`lanes::add`]).
//! - The reached (node, sources) pairs are kept level by level, each level in ascending
//!   node order; the sources newly reaching a node at level d add `1 / d` each to its
//!   closeness.
//! - The dependency pass walks the levels upwards. With the sources for which each node
//!   lies one level down at hand (`below`), node v pulls `Σ_w c_w` over its out-ties for
//!   each of its sources, and σ_v is overwritten by `c_v = 1 / σ_v + Σ_w c_w`
//!   (δ_v = σ_v · Σ_w c_w), as in the single-source pull (Brandes 2001, eq. 7).

use super::lanes::{self, Lanes};
use super::layout::Layout;

/// Reusable state of one batch of searches.
pub struct Search<M: Lanes> {
    /// Sources that have reached each node; in the dependency pass, the sources for which
    /// each node is one level below the level being pulled.
    seen: Vec<M>,
    /// Sources that reach each node at the level being built.
    next: Vec<M>,
    /// Path counts, then coefficients c, per node and source.
    sigma: Vec<M::Row>,
    /// Reached nodes, level by level, each level ascending; `sources[i]` says for which
    /// sources `order[i]` is at that level.
    order: Vec<u32>,
    sources: Vec<M>,
    /// Where each level ends in `order`; level 0 is the sources themselves.
    level_end: Vec<usize>,
    /// The next level, for levels too large to sort.
    touched: Vec<u64>,
}

impl<M: Lanes> Search<M> {
    pub fn new(n: usize) -> Self {
        Search {
            seen: vec![M::EMPTY; n],
            next: vec![M::EMPTY; n],
            sigma: vec![M::ZERO_ROW; n + 1],
            order: Vec::new(),
            sources: Vec::new(),
            level_end: Vec::new(),
            touched: vec![0; n.div_ceil(64)],
        }
    }

    /// Searches from `batch` (distinct nodes, at most `WIDTH`); adds each reached node's
    /// (Σ δ, Σ 1 / distance) over the batch to `sums`.
    pub fn run(&mut self, g: &Layout, batch: &[usize], sums: &mut [[f64; 2]]) {
        assert!(
            batch.len() <= M::WIDTH,
            "a batch holds at most {}",
            M::WIDTH
        );
        self.sigma.fill(M::ZERO_ROW);
        self.start(batch);
        while self.next_level(g, sums) {}
        self.seen.fill(M::EMPTY);
        self.pull_dependencies(g, sums);
        self.seen.fill(M::EMPTY);
    }

    /// Level 0: each source reached by itself, with one path.
    fn start(&mut self, batch: &[usize]) {
        let mut level: Vec<(u32, M)> = (0..batch.len())
            .map(|i| (batch[i] as u32, M::one(i)))
            .collect();
        level.sort_unstable_by_key(|&(v, _)| v);
        self.order.clear();
        self.sources.clear();
        self.level_end.clear();
        for (v, set) in level {
            let v = v as usize;
            self.seen[v] = set;
            lanes::each(set, |i| self.sigma[v].as_mut()[i] = 1.0);
            self.order.push(v as u32);
            self.sources.push(set);
        }
        self.level_end.push(self.order.len());
    }

    /// Builds the level after the last one: path counts, the reached pairs, closeness.
    /// False when no source reached anything new.
    fn next_level(&mut self, g: &Layout, sums: &mut [[f64; 2]]) -> bool {
        let n = self.seen.len();
        let start = self
            .level_end
            .len()
            .checked_sub(2)
            .map_or(0, |l| self.level_end[l]);
        let end = self.order.len();
        let large = (end - start) * 64 > n;
        for i in start..end {
            self.expand(g, self.order[i] as usize, self.sources[i], large);
        }
        if large {
            drain_bits(&mut self.touched, &mut self.order);
        } else {
            self.order[end..].sort_unstable();
        }
        let d = self.level_end.len() as f64;
        for &w in &self.order[end..] {
            let w = w as usize;
            let set = std::mem::replace(&mut self.next[w], M::EMPTY);
            self.seen[w] |= set;
            self.sources.push(set);
            sums[w][1] += f64::from(set.count()) / d;
        }
        self.level_end.push(self.order.len());
        self.order.len() > end
    }

    /// Node `v`, at this level for the sources in `set`, passes its paths on to the
    /// out-neighbours those sources have not reached yet. No branch depends on the sets
    /// (they are unpredictable): a tie that brings nothing new adds zeros to the spare
    /// last row.
    #[inline]
    fn expand(&mut self, g: &Layout, v: usize, set: M, large: bool) {
        let from = self.sigma[v];
        let spare = self.seen.len();
        for &w in g.out(v) {
            let w = w as usize;
            let new = set & !self.seen[w];
            let old = self.next[w];
            self.next[w] = old | new;
            let first = old == M::EMPTY && new != M::EMPTY;
            if large {
                self.touched[w / 64] |= u64::from(first) << (w % 64);
            } else if first {
                self.order.push(w as u32);
            }
            let row = if new == M::EMPTY { spare } else { w };
            lanes::add(&mut self.sigma[row], &from, new);
        }
    }

    /// From the deepest level up: each node's δ and coefficient for each of its sources,
    /// from the coefficients one level down. `seen` is empty on entry and holds `below`.
    fn pull_dependencies(&mut self, g: &Layout, sums: &mut [[f64; 2]]) {
        let levels = self.level_end.len();
        for d in (1..levels).rev() {
            let (start, end) = (self.level_end[d - 1], self.level_end[d]);
            if d + 1 < levels {
                for j in end..self.level_end[d + 1] {
                    self.seen[self.order[j] as usize] = self.sources[j];
                }
            }
            for i in start..end {
                self.pull(g, self.order[i] as usize, self.sources[i], &mut sums[..]);
            }
        }
    }

    /// Node `v`'s δ and coefficient for the sources in `set` (those for which v is at the
    /// level being pulled).
    #[inline(never)]
    fn pull(&mut self, g: &Layout, v: usize, set: M, sums: &mut [[f64; 2]]) {
        let mut pulled = M::ZERO_ROW;
        let spare = self.seen.len();
        for &w in g.out(v) {
            let w = w as usize;
            let down = set & self.seen[w];
            let row = if down == M::EMPTY { spare } else { w };
            lanes::add(&mut pulled, &self.sigma[row], down);
        }
        let (row, pulled) = (self.sigma[v].as_mut(), pulled.as_ref());
        lanes::each(set, |i| {
            let paths = row[i];
            sums[v][0] += paths * pulled[i];
            row[i] = 1.0 / paths + pulled[i];
        });
    }
}

/// Appends the set bits' positions in ascending order and clears them.
fn drain_bits(bits: &mut [u64], out: &mut Vec<u32>) {
    for (i, word) in bits.iter_mut().enumerate() {
        let mut x = std::mem::take(word);
        while x != 0 {
            out.push((i * 64) as u32 + x.trailing_zeros());
            x &= x - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Csr;
    use crate::rng::SplitMix64;

    /// Brandes' algorithm as published (queue, stack, predecessor lists, push-style δ)
    /// from one source: (δ, distance) for every node, distance 0 when unreached.
    fn textbook(g: &Csr, s: usize) -> Vec<(f64, usize)> {
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
        let mut out = vec![(0.0, 0); n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                out[w] = (delta[w], dist[w] as usize);
            }
        }
        out
    }

    /// The textbook sums over `batch`: Σ δ, and Σ 1 / d added level by level (the number
    /// of sources at distance d, divided by d, for d = 1, 2, …) as the batch adds them.
    fn textbook_sums(g: &Csr, batch: &[usize]) -> Vec<[f64; 2]> {
        let n = g.node_count();
        let runs: Vec<Vec<(f64, usize)>> = batch.iter().map(|&s| textbook(g, s)).collect();
        (0..n)
            .map(|p| {
                let delta = runs.iter().map(|r| r[p].0).sum();
                let mut at = vec![0u32; n + 1];
                runs.iter().for_each(|r| at[r[p].1] += 1);
                let close = (1..=n).fold(0.0, |c, d| c + f64::from(at[d]) / d as f64);
                [delta, close]
            })
            .collect()
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

    /// Runs `batches` one after another on one reused state; checks each batch's sums.
    fn check<M: Lanes>(g: &Csr, layout: &Layout, batches: &[Vec<usize>]) {
        let n = g.node_count();
        let mut search = Search::<M>::new(n);
        for batch in batches {
            let nodes: Vec<usize> = batch.iter().map(|&s| layout.rank[s] as usize).collect();
            let mut sums = vec![[0.0; 2]; n];
            search.run(layout, &nodes, &mut sums);
            for (p, want) in textbook_sums(g, batch).iter().enumerate() {
                let got = sums[layout.rank[p] as usize];
                let close = 1e-9 * want[0].max(1.0);
                assert!((got[0] - want[0]).abs() <= close, "{p}: {got:?} {want:?}");
                assert_eq!(got[1], want[1], "{p} {batch:?} n={n} width={}", M::WIDTH);
            }
        }
    }

    #[test]
    fn every_batch_and_order_gives_the_textbook_answer() {
        // Sparse (long, small levels: sorted) and dense (levels over n/64: bitmap) graphs,
        // in the locality order and in a random one; a full batch, a partial one in
        // scrambled order, one source alone, and sources that name nobody.
        for (n, ties) in [
            (400, 300),
            (400, 500),
            (2_000, 2_500),
            (2_000, 5_000),
            (400, 2_400),
            (130, 1_000),
        ] {
            let g = random_graph(n, ties, n as u64 + ties as u64);
            let alone: Vec<usize> = (0..n).filter(|&p| g.out_neighbors(p).is_empty()).collect();
            let mut batches = vec![
                (0..8).map(|i| i * 37 % n).collect(),
                vec![n - 1, 7, 0, 200 % n, 11],
                vec![5],
            ];
            batches.push(alone.into_iter().take(3).chain([3]).collect());
            // Sources that name each other: their searches meet on small levels.
            let mut close = vec![1];
            for i in 0.. {
                let Some(&p) = close.get(i) else { break };
                let named = g.out_neighbors(p).iter().map(|&w| w as usize);
                close.extend(named.filter(|w| !close.contains(w)).collect::<Vec<_>>());
            }
            close.truncate(8);
            batches.push(close);
            for layout in [Layout::new(&g), Layout::with_rank(&g, shuffled(n, 5))] {
                check::<u8>(&g, &layout, &batches);
                check::<u16>(&g, &layout, &batches);
            }
            let wide: Vec<usize> = (0..64).map(|i| i * 7 % n).collect();
            check::<u64>(&g, &Layout::new(&g), &[wide, vec![1, 2]]);
        }
    }

    #[test]
    fn two_searches_meeting_on_a_small_level() {
        // 0 → 2 → 4 → 5 and 1 → 3 → 4: the searches from 0 and 1 both reach 4 at distance
        // 2, from different people, on a level small enough to be sorted (195 people
        // are isolated); 2 and 3 each carry the paths to 4 and 5 of their own source.
        let g = Csr::from_edges(
            200,
            [(0, 2), (1, 3), (2, 4), (3, 4), (4, 5)]
                .map(|(s, t)| (s, t, 1.0))
                .into_iter(),
        );
        let layout = Layout::with_rank(&g, (0..200).collect());
        let mut sums = vec![[0.0; 2]; 200];
        Search::<u8>::new(200).run(&layout, &[0, 1], &mut sums);
        assert_eq!(sums[2], [2.0, 1.0]);
        assert_eq!(sums[3], [2.0, 1.0]);
        assert_eq!(sums[4], [2.0, 1.0]);
        assert_eq!(sums[5], [0.0, 2.0 / 3.0]);
        check::<u8>(&g, &layout, &[vec![0, 1]]);
    }

    #[test]
    fn drains_bits_in_order() {
        let mut bits = vec![1 << 63 | 1 << 2, 0, 1];
        let mut out = vec![9];
        drain_bits(&mut bits, &mut out);
        assert_eq!(out, [9, 2, 63, 128]);
        assert_eq!(bits, [0, 0, 0]);
    }
}
