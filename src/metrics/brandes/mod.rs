//! Betweenness and harmonic closeness from one breadth-first search per source.
//!
//! Betweenness: Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal
//! of Mathematical Sociology* 25(2), 163–177. Unweighted (a tie's weight is its strength,
//! not a distance), directed, normalised by `1 / ((n − 1)(n − 2))` as networkx and igraph
//! do. Harmonic closeness: Marchiori, M. & Latora, V. (2000). Harmony in the small-world.
//! *Physica A* 285, 539–546; for person v, `Σ_u 1 / d(u, v)` over the people u who reach v
//! through chains of nominations (networkx's `harmonic_centrality`), divided by `n − 1`.
//!
//! Exact for up to [`EXACT_LIMIT`] people (O(V·E)); above it, from `k` sources drawn
//! uniformly without replacement (Brandes & Pich 2007), scaled by `n / k`. Each person's
//! sampled, normalised betweenness is the mean of `k` terms in `[0, n/(n−1)]`, so by
//! Hoeffding's inequality it is within `ε = n/(n−1) · sqrt(ln(2/δ) / (2k))` of the exact
//! value with probability at least `1 − δ` (sampling without replacement only tightens
//! it); [`error_bound`] computes ε.
//!
//! Sources are drawn, and results reported, in person order. The searches themselves run on
//! a renumbered copy of the layer that keeps people who are reached together close in
//! memory ([`search_order`]); [`search`] says how one search keeps its state small. Sources are
//! processed in fixed chunks whose sums are added in chunk order, so the result is the same
//! bit for bit with one thread or many.

mod search;
mod search_order;

use rayon::prelude::*;

use super::pool::Pool;
use crate::graph::Csr;
use crate::rng::SplitMix64;
use search::Search;
use search_order::SearchOrder;

pub use crate::options::{DEFAULT_SAMPLES, EXACT_LIMIT};

/// Sources for each question's own layer: a quarter of the combined layer's, at least 32
/// (per-question path measures cost as much again per question, for a secondary view).
pub fn question_samples(samples: usize) -> usize {
    (samples / 4).max(32).min(samples)
}
/// Sources per chunk of work; chunk sums are combined in order. Small enough that a
/// question layer's 64 sources keep two threads busy.
const CHUNK: usize = 16;

/// How betweenness and closeness were computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    Exact,
    /// From this many sources.
    Sampled {
        sources: usize,
        seed: u64,
    },
}

/// Betweenness (normalised) and harmonic closeness (divided by n − 1) per person.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    pub betweenness: Vec<f64>,
    pub closeness: Vec<f64>,
    pub method: Method,
}

/// Computes both measures: exact when `g` has at most `exact_limit` nodes, otherwise
/// from `samples` sources drawn with `seed`.
///
/// Complexity: O(S · (V + E)) time for S sources (S = V when exact), O(V + E) memory per
/// worker.
///
/// ```
/// use orgsphere::graph::Csr;
/// use orgsphere::metrics::paths;
/// // 0 → 1 → 2: every shortest path from 0 to 2 passes through 1.
/// let g = Csr::from_edges(3, [(0, 1, 1.0), (1, 2, 1.0)].into_iter());
/// let p = paths(&g, 100, 0, 1);
/// assert_eq!(p.betweenness, [0.0, 0.5, 0.0]);
/// assert_eq!(p.closeness, [0.0, 0.5, 0.75]);
/// ```
pub fn paths(g: &Csr, exact_limit: usize, samples: usize, seed: u64) -> Paths {
    let n = g.node_count();
    let (sources, method): (Vec<usize>, Method) = if n <= exact_limit || samples >= n {
        ((0..n).collect(), Method::Exact)
    } else {
        (
            SplitMix64::new(seed).sample(n, samples),
            Method::Sampled {
                sources: samples,
                seed,
            },
        )
    };
    let (mut betweenness, mut closeness) = accumulate(g, &sources);
    let scale = if sources.is_empty() {
        0.0
    } else {
        n as f64 / sources.len() as f64
    };
    let norm_b = if n > 2 {
        scale / ((n - 1) * (n - 2)) as f64
    } else {
        0.0
    };
    let norm_c = if n > 1 { scale / (n - 1) as f64 } else { 0.0 };
    betweenness.iter_mut().for_each(|b| *b *= norm_b);
    closeness.iter_mut().for_each(|c| *c *= norm_c);
    Paths {
        betweenness,
        closeness,
        method,
    }
}

/// Hoeffding's bound ε for a sampled, normalised betweenness from `k` of `n` sources at
/// confidence `1 − delta` (see the module documentation).
pub fn error_bound(n: usize, k: usize, delta: f64) -> f64 {
    if n < 2 || k == 0 {
        return 0.0;
    }
    n as f64 / (n - 1) as f64 * ((2.0 / delta).ln() / (2.0 * k as f64)).sqrt()
}

/// Raw dependency and reciprocal-distance sums over `sources`, deterministic in order.
fn accumulate(g: &Csr, sources: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let order = SearchOrder::new(g);
    let n = order.node_count();
    let mut total = vec![[0.0; 2]; n];
    let chunks: Vec<&[usize]> = sources.chunks(CHUNK).collect();
    // A few chunks at a time keeps memory at O(threads · V) for a million people.
    let wave = rayon::current_num_threads().max(1) * 2;
    // Search states are handed from chunk to chunk rather than made anew for each.
    let states = Pool::new();
    for group in chunks.chunks(wave) {
        let sums: Vec<Vec<[f64; 2]>> = group
            .par_iter()
            .map(|chunk| {
                let mut search = states.lease(|| Search::new(&order));
                let mut sums = vec![[0.0; 2]; n];
                for &s in *chunk {
                    search.run(&order, order.rank[s] as usize, &mut sums);
                }
                sums
            })
            .collect();
        for chunk in sums {
            for (t, x) in total.iter_mut().zip(chunk) {
                t[0] += x[0];
                t[1] += x[1];
            }
        }
    }
    let person = |p: usize| total[order.rank[p] as usize];
    (
        (0..n).map(|p| person(p)[0]).collect(),
        (0..n).map(|p| person(p)[1]).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr(n: usize, edges: &[(u32, u32)]) -> Csr {
        Csr::from_edges(n, edges.iter().map(|&(s, t)| (s, t, 1.0)))
    }

    #[test]
    fn a_directed_star_and_a_diamond() {
        // Diamond 0 → 1 → 3, 0 → 2 → 3: the two middle people each carry half of the one
        // pair (0, 3) that needs a broker; n = 4, so divided by 3·2.
        let p = paths(&csr(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]), 100, 0, 0);
        assert_eq!(p.betweenness, [0.0, 0.5 / 6.0, 0.5 / 6.0, 0.0]);
        // 3 is reached by 1 and 2 (distance 1) and 0 (distance 2): (1 + 1 + 0.5) / 3.
        assert!((p.closeness[3] - 2.5 / 3.0).abs() < 1e-15);
        assert_eq!(p.closeness[0], 0.0);
    }

    #[test]
    fn sampling_all_sources_is_exact_and_threads_do_not_matter() {
        let edges: Vec<(u32, u32)> = (0..300u32)
            .flat_map(|i| {
                [
                    (i, (i * 7 + 3) % 300),
                    (i, (i * 13 + 5) % 300),
                    ((i * 11) % 300, i),
                ]
            })
            .filter(|(a, b)| a != b)
            .collect();
        let g = csr(300, &edges);
        let exact = paths(&g, 1000, 0, 0);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| paths(&g, 0, 120, 9));
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
            .install(|| paths(&g, 0, 120, 9));
        assert_eq!(one, two);
        assert_eq!(
            one.method,
            Method::Sampled {
                sources: 120,
                seed: 9
            }
        );
        let eps = error_bound(300, 120, 0.05);
        for (s, e) in one.betweenness.iter().zip(&exact.betweenness) {
            assert!((s - e).abs() <= eps, "{s} vs {e}");
        }
    }

    #[test]
    fn hoeffding_bound() {
        assert!((error_bound(1_000_001, 256, 0.05) - (40f64.ln() / 512.0).sqrt()).abs() < 1e-6);
    }
}
