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
use crate::graph::{Csr, locality_order};
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
    let space = Renumbered::new(r);
    let n = space.person.len();
    let counts = (0..resamples)
        .into_par_iter()
        .fold(
            || vec![0u32; n],
            |mut counts, b| {
                let leaders = resample(r, &space, SplitMix64::stream(seed, b as u64));
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
        space
            .rank
            .iter()
            .map(|&node| f64::from(counts[node as usize]) / resamples as f64)
            .collect(),
    )
}

/// The resamples work on people renumbered in the layer's locality order
/// ([`locality_order`]): a person's nominators then have nearby numbers, so the pass that
/// adds up their draws reads the draw counts from cache. Respondents keep their order, so
/// each resample draws the same people as it would in the file's numbering.
struct Renumbered {
    /// `rank[person]`: the person's number here.
    rank: Vec<u32>,
    /// Each number's person.
    person: Vec<u32>,
    /// Each number's nominators, as numbers here: those of `v` are
    /// `nominators[offsets[v]..offsets[v + 1]]`.
    offsets: Vec<u32>,
    nominators: Vec<u32>,
    /// The respondents, as numbers here, in the file's order of people.
    respondents: Vec<u32>,
    formal_power: Vec<bool>,
}

impl Renumbered {
    fn new(r: &Resampling<'_>) -> Self {
        let g = r.influence;
        let rank = locality_order(g);
        let mut person = vec![0u32; rank.len()];
        for (p, &node) in rank.iter().enumerate() {
            person[node as usize] = p as u32;
        }
        let mut offsets = Vec::with_capacity(person.len() + 1);
        let mut nominators = Vec::with_capacity(g.edge_count());
        offsets.push(0);
        for &p in &person {
            nominators.extend(g.in_neighbors(p as usize).iter().map(|&u| rank[u as usize]));
            offsets.push(nominators.len() as u32);
        }
        Renumbered {
            respondents: (0..rank.len())
                .filter(|&p| r.responded[p])
                .map(|p| rank[p])
                .collect(),
            formal_power: person.iter().map(|&p| r.formal_power[p as usize]).collect(),
            rank,
            person,
            offsets,
            nominators,
        }
    }
}

/// One resample: who is an informal leader in it (by number, see [`Renumbered`]).
fn resample(r: &Resampling<'_>, space: &Renumbered, mut rng: SplitMix64) -> Vec<bool> {
    let n = space.person.len();
    let respondents = &space.respondents;
    let picks = (0..respondents.len())
        .map(|_| respondents[rng.below(respondents.len() as u64) as usize] as usize);
    let in_degree = match count_draws(n, picks) {
        Draws::Narrow(counts) => weighted_in_degree(space, &counts),
        Draws::Wide(counts) => weighted_in_degree(space, &counts),
    };
    let high = match r.rule {
        // The outlier rule depends on the counts alone, not on who has which.
        HighInfluenceRule::Outlier { .. } => {
            high_influence(&in_degree, r.pagerank, r.rule, r.min_nominations).0
        }
        // The ranking breaks ties by PageRank and then by person: in the file's numbering.
        HighInfluenceRule::TopShare { .. } => {
            let mut by_person = vec![0u32; n];
            for (node, &d) in in_degree.iter().enumerate() {
                by_person[space.person[node] as usize] = d;
            }
            let (high, _) = high_influence(&by_person, r.pagerank, r.rule, r.min_nominations);
            space.person.iter().map(|&p| high[p as usize]).collect()
        }
    };
    high.into_iter()
        .zip(&space.formal_power)
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
fn weighted_in_degree<T: Copy + Into<u32>>(space: &Renumbered, drawn: &[T]) -> Vec<u32> {
    space
        .offsets
        .windows(2)
        .map(|w| {
            space.nominators[w[0] as usize..w[1] as usize]
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
