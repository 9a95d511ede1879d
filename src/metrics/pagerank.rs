//! Weighted PageRank with damping, dangling mass spread evenly, as networkx computes it.
//!
//! Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual Web search engine.
//! *Computer Networks* 30, 107–117. The definition here is networkx's `pagerank(G, alpha,
//! weight)`: a node passes its score to the nodes it names in proportion to the tie
//! weights; a node that names nobody spreads its score evenly over everyone; a
//! `1 - alpha` share is spread evenly each step. Scores sum to 1.

use rayon::prelude::*;

use crate::graph::Csr;

/// Above this many nodes each iteration runs in parallel; the result is the same, since
/// every node's sum is taken in the same order either way.
pub const PARALLEL_THRESHOLD: usize = 20_000;

/// Power iteration until the L1 change is below `n · tol` or `max_iter` steps.
///
/// Arguments: the influence index, `alpha` (0.85 by convention), `tol` (per node).
/// Returns: one score per node, summing to 1 (all zeros for an empty graph).
/// Complexity: O(iterations · (V + E)).
///
/// ```
/// use orgsphere::graph::Csr;
/// use orgsphere::metrics::pagerank;
/// // 0 and 1 both name 2; 2 names nobody.
/// let g = Csr::from_edges(3, [(0, 2, 1.0), (1, 2, 1.0)].into_iter());
/// let pr = pagerank(&g, 0.85, 1e-12, 1000);
/// assert!(pr[2] > pr[0] && (pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
/// ```
pub fn pagerank(g: &Csr, alpha: f64, tol: f64, max_iter: usize) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f64;
    let strength: Vec<f64> = (0..n).map(|v| g.out_weights(v).iter().sum()).collect();
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    // Each node's share per unit of weight it gives, and the score of the nodes that give
    // nothing, for the coming step; made from the scores in one pass.
    let mut give = vec![0.0; n];
    let mut dangling_sum = shares(&x, &strength, &mut give);
    for _ in 0..max_iter {
        let base = (alpha * dangling_sum + 1.0 - alpha) * uniform;
        let pull = |v: usize| -> f64 {
            let got: f64 = g
                .in_neighbors(v)
                .iter()
                .zip(g.in_weights(v))
                .map(|(&u, &w)| give[u as usize] * w)
                .sum();
            alpha * got + base
        };
        if n >= PARALLEL_THRESHOLD {
            next.par_iter_mut()
                .enumerate()
                .for_each(|(v, out)| *out = pull(v));
        } else {
            next.iter_mut()
                .enumerate()
                .for_each(|(v, out)| *out = pull(v));
        }
        // The change, and the next step's shares, in one pass in node order: each sum
        // adds the same terms in the same order as separate passes would.
        let mut change = 0.0;
        dangling_sum = 0.0;
        for v in 0..n {
            change += (x[v] - next[v]).abs();
            give[v] = share(next[v], strength[v], &mut dangling_sum);
        }
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * tol {
            break;
        }
    }
    x
}

/// Fills `give` with each node's share per unit of weight ([`share`]) and returns the
/// summed score of the nodes that name nobody, in node order.
fn shares(x: &[f64], strength: &[f64], give: &mut [f64]) -> f64 {
    let mut dangling = 0.0;
    for ((g, &x), &s) in give.iter_mut().zip(x).zip(strength) {
        *g = share(x, s, &mut dangling);
    }
    dangling
}

/// A node's share per unit of weight, from its score `x` and the weight `s` it gives in
/// all: `x / s`, or 0 when it gives none (then its score is added to `dangling`: it is
/// spread evenly over everyone).
fn share(x: f64, s: f64, dangling: &mut f64) -> f64 {
    if s > 0.0 {
        x / s
    } else {
        if s == 0.0 {
            *dangling += x;
        }
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_networkx_on_a_small_weighted_graph() {
        // networkx 3.6: G = nx.DiGraph(); G.add_weighted_edges_from([(0,1,1),(0,2,3),
        // (1,2,1),(2,0,1),(3,2,2)]); nx.pagerank(G, 0.85, tol=1e-12)
        let g = Csr::from_edges(
            4,
            [
                (0, 1, 1.0),
                (0, 2, 3.0),
                (1, 2, 1.0),
                (2, 0, 1.0),
                (3, 2, 2.0),
            ]
            .into_iter(),
        );
        let pr = pagerank(&g, 0.85, 1e-14, 1000);
        let expected = [0.405663281, 0.1237034472, 0.4331332718, 0.0375];
        for (got, want) in pr.iter().zip(expected) {
            assert!((got - want).abs() < 1e-6, "{pr:?}");
        }
    }

    /// The power iteration as three passes a step (shares, dangling sum, change), as it
    /// was written before the passes were merged: the reference for the bits.
    fn three_passes(g: &Csr, alpha: f64, tol: f64, max_iter: usize) -> Vec<f64> {
        let n = g.node_count();
        let uniform = 1.0 / n as f64;
        let strength: Vec<f64> = (0..n).map(|v| g.out_weights(v).iter().sum()).collect();
        let dangling: Vec<usize> = (0..n).filter(|&v| strength[v] == 0.0).collect();
        let mut x = vec![uniform; n];
        let mut next = vec![0.0; n];
        let mut give = vec![0.0; n];
        for _ in 0..max_iter {
            for ((g, &x), &s) in give.iter_mut().zip(&x).zip(&strength) {
                *g = if s > 0.0 { x / s } else { 0.0 };
            }
            let dangling_sum: f64 = dangling.iter().map(|&v| x[v]).sum();
            let base = (alpha * dangling_sum + 1.0 - alpha) * uniform;
            for (v, out) in next.iter_mut().enumerate() {
                let got: f64 = g
                    .in_neighbors(v)
                    .iter()
                    .zip(g.in_weights(v))
                    .map(|(&u, &w)| give[u as usize] * w)
                    .sum();
                *out = alpha * got + base;
            }
            let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            std::mem::swap(&mut x, &mut next);
            if change < n as f64 * tol {
                break;
            }
        }
        x
    }

    /// One pass a step gives the same bits as three, below and above the size that runs
    /// in parallel, with nodes that give no weight, or weight 0.
    #[test]
    fn one_pass_a_step_gives_the_same_bits() {
        for (n, seed) in [(7, 1), (40, 2), (300, 3), (PARALLEL_THRESHOLD + 500, 4)] {
            let ties = crate::graph::random_ties(n, 2 * n, &[0.0, 0.5, 1.0, 3.0], seed);
            let g = Csr::from_edges(n, ties.into_iter().filter(|t| t.0 != t.1));
            for tol in [1e-6, 1e-10] {
                let want: Vec<u64> = three_passes(&g, 0.85, tol, 200)
                    .iter()
                    .map(|x| x.to_bits())
                    .collect();
                let got: Vec<u64> = pagerank(&g, 0.85, tol, 200)
                    .iter()
                    .map(|x| x.to_bits())
                    .collect();
                assert!(got == want, "n {n}, tol {tol}");
            }
        }
    }

    #[test]
    fn dangling_mass_is_spread_and_scores_sum_to_one() {
        // Nobody names anyone: every score is 1/n.
        let g = Csr::from_edges(4, std::iter::empty());
        assert_eq!(pagerank(&g, 0.85, 1e-12, 100), vec![0.25; 4]);
        let g = Csr::from_edges(3, [(0, 1, 1.0)].into_iter());
        let pr = pagerank(&g, 0.85, 1e-12, 1000);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(pr[1] > pr[0] && (pr[0] - pr[2]).abs() < 1e-15);
    }
}
