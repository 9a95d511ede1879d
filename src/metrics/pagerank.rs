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
    let dangling: Vec<usize> = (0..n).filter(|&v| strength[v] == 0.0).collect();
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    let mut give = vec![0.0; n];
    for _ in 0..max_iter {
        // Each node's share per unit of weight it gives.
        for ((g, &x), &s) in give.iter_mut().zip(&x).zip(&strength) {
            *g = if s > 0.0 { x / s } else { 0.0 };
        }
        let dangling_sum: f64 = dangling.iter().map(|&v| x[v]).sum();
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
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * tol {
            break;
        }
    }
    x
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
