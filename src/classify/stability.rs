//! Stability under non-response: how often a person would still be named an informal
//! leader if a different sample of colleagues had answered.
//!
//! The respondents are resampled with replacement (Efron's bootstrap), each resample
//! weighting a respondent's nominations by how often they were drawn; the high-influence
//! rule is applied again to each resample's nomination counts (PageRank, kept from the
//! full data, only breaks ties), and `leader_stability` is the share of resamples in which
//! the person is an informal leader (no formal power, high influence).
//!
//! Resample b draws from its own random stream (seed, b), and resamples are counted, not
//! summed as floats, so the result is the same for any number of threads.
//! Complexity: O(B · (V + E)) for B resamples.

use rayon::prelude::*;

use super::rule::high_influence;
use crate::graph::Csr;
use crate::options::HighInfluenceRule;
use crate::rng::SplitMix64;

/// What a resample needs to decide who leads.
pub struct Resampling<'a> {
    /// The combined influence layer.
    pub influence: &'a Csr,
    pub responded: &'a [bool],
    pub formal_power: &'a [bool],
    pub pagerank: &'a [f64],
    pub rule: &'a HighInfluenceRule,
    pub min_nominations: u32,
}

/// The share (0–1) of `resamples` bootstrap resamples in which each person is an informal
/// leader; `None` when `resamples` is 0.
pub fn leader_stability(r: &Resampling<'_>, resamples: usize, seed: u64) -> Option<Vec<f64>> {
    if resamples == 0 {
        return None;
    }
    let n = r.influence.node_count();
    let respondents: Vec<u32> = (0..n as u32).filter(|&p| r.responded[p as usize]).collect();
    let counts = (0..resamples)
        .into_par_iter()
        .fold(
            || vec![0u32; n],
            |mut counts, b| {
                let leaders = resample(r, &respondents, SplitMix64::stream(seed, b as u64));
                counts
                    .iter_mut()
                    .zip(leaders)
                    .for_each(|(c, l)| *c += u32::from(l));
                counts
            },
        )
        .reduce(
            || vec![0u32; n],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    Some(
        counts
            .into_iter()
            .map(|c| f64::from(c) / resamples as f64)
            .collect(),
    )
}

/// One resample: who is an informal leader in it.
fn resample(r: &Resampling<'_>, respondents: &[u32], mut rng: SplitMix64) -> Vec<bool> {
    let n = r.influence.node_count();
    let picks = (0..respondents.len())
        .map(|_| respondents[rng.below(respondents.len() as u64) as usize] as usize);
    let in_degree = match count_draws(n, picks) {
        Draws::Narrow(counts) => weighted_in_degree(r.influence, &counts),
        Draws::Wide(counts) => weighted_in_degree(r.influence, &counts),
    };
    let (high, _) = high_influence(&in_degree, r.pagerank, r.rule, r.min_nominations);
    high.into_iter()
        .zip(r.formal_power)
        .map(|(h, &f)| h && !f)
        .collect()
}

/// How often each person was drawn.
#[derive(Debug, PartialEq)]
enum Draws {
    /// One byte each, so that the million-person table stays in the processor's cache
    /// while every nomination reads it.
    Narrow(Vec<u8>),
    /// Four bytes each, once a count would pass 255 (which a resample of thousands
    /// practically never draws). The counts are the same either way.
    Wide(Vec<u32>),
}

fn count_draws(n: usize, picks: impl Iterator<Item = usize>) -> Draws {
    let mut counts = vec![0u8; n];
    let mut picks = picks.into_iter();
    while let Some(p) = picks.next() {
        if counts[p] == u8::MAX {
            let mut wide: Vec<u32> = counts.iter().map(|&c| u32::from(c)).collect();
            wide[p] += 1;
            picks.for_each(|p| wide[p] += 1);
            return Draws::Wide(wide);
        }
        counts[p] += 1;
    }
    Draws::Narrow(counts)
}

/// Each person's nominations, each nominator counted as often as they were drawn.
fn weighted_in_degree<T: Copy + Into<u32>>(g: &Csr, drawn: &[T]) -> Vec<u32> {
    (0..g.node_count())
        .map(|v| {
            g.in_neighbors(v)
                .iter()
                .map(|&u| drawn[u as usize].into())
                .sum()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 30 people; 20 typical contributors name two neighbours each; person 29 (no formal
    /// power) is also named by everyone; person 28 (formal power) likewise.
    fn org() -> (Csr, Vec<bool>, Vec<bool>) {
        let mut edges = Vec::new();
        for p in 0..28u32 {
            edges.push((p, (p + 1) % 28, 1.0));
            edges.push((p, (p + 5) % 28, 1.0));
            edges.push((p, 29, 1.0));
            edges.push((p, 28, 1.0));
        }
        let g = Csr::from_edges(30, edges.into_iter());
        let responded: Vec<bool> = (0..30).map(|p| p < 28).collect();
        let formal: Vec<bool> = (0..30).map(|p| p == 28).collect();
        (g, responded, formal)
    }

    #[test]
    fn a_clear_leader_is_stable_and_threads_do_not_matter() {
        let (g, responded, formal) = org();
        let pagerank = vec![1.0 / 30.0; 30];
        let rule = HighInfluenceRule::default();
        let r = Resampling {
            influence: &g,
            responded: &responded,
            formal_power: &formal,
            pagerank: &pagerank,
            rule: &rule,
            min_nominations: 3,
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| leader_stability(&r, 50, 7));
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
            .install(|| leader_stability(&r, 50, 7));
        assert_eq!(one, two);
        let s = one.unwrap();
        assert_eq!(s[29], 1.0);
        // Formal power: never an informal leader, however popular.
        assert_eq!(s[28], 0.0);
        assert!(s[..28].iter().all(|&x| x == 0.0));
        assert_eq!(leader_stability(&r, 0, 7), None);
    }

    #[test]
    fn draw_counts_widen_past_255() {
        assert_eq!(
            count_draws(3, [0, 2, 2].into_iter()),
            Draws::Narrow(vec![1, 0, 2])
        );
        let picks = std::iter::repeat_n(1, 300).chain([0, 1]);
        assert_eq!(count_draws(3, picks), Draws::Wide(vec![1, 301, 0]));
    }
}
