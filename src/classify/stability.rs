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

use super::rule::{high_influence, outlier_bar};
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
    let space = Renumbered::new(r);
    let n = space.person.len();
    let counts = (0..resamples)
        .into_par_iter()
        .fold(
            || (vec![0u32; n], Scratch::default()),
            |(mut counts, mut scratch), b| {
                let rng = SplitMix64::stream(seed, b as u64);
                resample(r, &space, rng, &mut scratch, &mut counts);
                (counts, scratch)
            },
        )
        .map(|(counts, _)| counts)
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

/// What the resamples work on: people renumbered in the layer's locality order
/// ([`Csr::locality_order`]), so that a person's nominators have nearby numbers, and the
/// respondents numbered 0, 1, 2… in that order. A resample draws respondent numbers and
/// counts the draws in one small table; each person's nominations then add up the counts
/// of their nominators, read from nearby places of that table.
struct Renumbered {
    /// `rank[person]`: the person's number here.
    rank: Vec<u32>,
    /// Each number's person.
    person: Vec<u32>,
    /// The nominators of number `v`, as respondent numbers:
    /// `nominators[offsets[v]..offsets[v + 1]]`.
    offsets: Vec<u32>,
    nominators: Vec<u32>,
    respondents: usize,
    formal_power: Vec<bool>,
}

impl Renumbered {
    fn new(r: &Resampling<'_>) -> Self {
        let g = r.influence;
        let rank = g.locality_order().to_vec();
        let mut person = vec![0u32; rank.len()];
        for (p, &node) in rank.iter().enumerate() {
            person[node as usize] = p as u32;
        }
        // Only respondents nominate; anyone else could never be drawn and counts nothing.
        let mut respondent = vec![u32::MAX; rank.len()];
        let mut respondents = 0;
        for &p in &person {
            if r.responded[p as usize] {
                respondent[p as usize] = respondents;
                respondents += 1;
            }
        }
        let mut offsets = Vec::with_capacity(person.len() + 1);
        let mut nominators = Vec::with_capacity(g.edge_count());
        offsets.push(0);
        for &p in &person {
            let from = g.in_neighbors(p as usize).iter();
            nominators.extend(
                from.map(|&u| respondent[u as usize])
                    .filter(|&i| i != u32::MAX),
            );
            offsets.push(nominators.len() as u32);
        }
        Renumbered {
            formal_power: person.iter().map(|&p| r.formal_power[p as usize]).collect(),
            respondents: respondents as usize,
            rank,
            person,
            offsets,
            nominators,
        }
    }
}

/// Buffers one worker reuses from resample to resample.
#[derive(Default)]
struct Scratch {
    draws: Vec<u8>,
    in_degree: Vec<u32>,
}

/// One resample: adds one to `leaders[v]` for each number `v` (see [`Renumbered`]) that
/// is an informal leader in it.
fn resample(
    r: &Resampling<'_>,
    space: &Renumbered,
    mut rng: SplitMix64,
    scratch: &mut Scratch,
    leaders: &mut [u32],
) {
    let m = space.respondents as u64;
    let picks = (0..m).map(|_| rng.below(m) as usize);
    let Scratch { draws, in_degree } = scratch;
    match count_draws(draws, space.respondents, picks) {
        Some(wide) => weighted_in_degree(space, &wide, in_degree),
        None => weighted_in_degree(space, draws, in_degree),
    }
    let formal = &space.formal_power;
    match *r.rule {
        // The outlier rule depends on the counts alone, not on who has which.
        HighInfluenceRule::Outlier { z } => {
            let (bar, _, _) = outlier_bar(in_degree, z, r.min_nominations);
            for ((count, &d), &f) in leaders.iter_mut().zip(in_degree.iter()).zip(formal) {
                *count += u32::from(d >= bar && !f);
            }
        }
        // The ranking breaks ties by PageRank and then by person: in the file's numbering.
        HighInfluenceRule::TopShare { .. } => {
            let mut by_person = vec![0u32; in_degree.len()];
            for (node, &d) in in_degree.iter().enumerate() {
                by_person[space.person[node] as usize] = d;
            }
            let (high, _) = high_influence(&by_person, r.pagerank, r.rule, r.min_nominations);
            for (node, count) in leaders.iter_mut().enumerate() {
                *count += u32::from(high[space.person[node] as usize] && !formal[node]);
            }
        }
    }
}

/// Counts how often each of `m` respondents was drawn into `draws`, one byte each, so
/// that the table stays in the processor's cache while every nomination reads it. A count
/// that would pass 255 (which a resample of thousands practically never draws) switches to
/// four bytes: then the counts are returned instead. The counts are the same either way.
fn count_draws(
    draws: &mut Vec<u8>,
    m: usize,
    mut picks: impl Iterator<Item = usize>,
) -> Option<Vec<u32>> {
    draws.clear();
    draws.resize(m, 0);
    while let Some(p) = picks.next() {
        if draws[p] == u8::MAX {
            let mut wide: Vec<u32> = draws.iter().map(|&c| u32::from(c)).collect();
            wide[p] += 1;
            picks.for_each(|p| wide[p] += 1);
            return Some(wide);
        }
        draws[p] += 1;
    }
    None
}

/// Each person's nominations, each nominator counted as often as they were drawn (by
/// number, see [`Renumbered`]).
fn weighted_in_degree<T: Copy + Into<u32>>(space: &Renumbered, drawn: &[T], out: &mut Vec<u32>) {
    out.clear();
    out.extend(space.offsets.windows(2).map(|w| {
        space.nominators[w[0] as usize..w[1] as usize]
            .iter()
            .map(|&u| drawn[u as usize].into())
            .sum::<u32>()
    }));
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
        // Ordinary contributors (two nominators each) reach the bar only by a rare run of
        // draws: in at most 2 of the 50 resamples.
        assert!(s[..28].iter().all(|&x| x <= 0.04), "{s:?}");
        assert_eq!(leader_stability(&r, 0, 7), None);
    }

    #[test]
    fn draw_counts_widen_past_255() {
        let mut draws = vec![7, 7, 7, 7];
        assert_eq!(count_draws(&mut draws, 3, [0, 2, 2].into_iter()), None);
        assert_eq!(draws, [1, 0, 2]);
        let picks = std::iter::repeat_n(1, 300).chain([0, 1]);
        assert_eq!(count_draws(&mut draws, 3, picks), Some(vec![1, 301, 0]));
    }

    /// The renumbered pass counts each person's nominations as a direct count over the
    /// file's numbering would, for any draws.
    #[test]
    fn renumbered_counts_equal_direct_counts() {
        let mut rng = SplitMix64::new(3);
        let n = 200;
        let edges: Vec<(u32, u32, f64)> = (0..900)
            .map(|_| (rng.below(n) as u32, rng.below(n) as u32, 1.0))
            .filter(|(a, b, _)| a != b)
            .collect();
        let g = Csr::from_edges(n as usize, edges.into_iter());
        let responded: Vec<bool> = (0..n as usize)
            .map(|p| !g.out_neighbors(p).is_empty() || p % 3 == 0)
            .collect();
        let formal = vec![false; n as usize];
        let (pagerank, rule) = (vec![0.0; n as usize], HighInfluenceRule::default());
        let r = Resampling {
            influence: &g,
            responded: &responded,
            formal_power: &formal,
            pagerank: &pagerank,
            rule: &rule,
            min_nominations: 3,
        };
        let space = Renumbered::new(&r);
        // Respondent number i is the i-th respondent in the locality order.
        let by_number: Vec<usize> = space
            .person
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| responded[p])
            .collect();
        assert_eq!(by_number.len(), space.respondents);
        let picks: Vec<usize> = (0..space.respondents)
            .map(|_| rng.below(space.respondents as u64) as usize)
            .collect();
        let mut counts = Vec::new();
        let wide = count_draws(&mut counts, space.respondents, picks.iter().copied());
        assert_eq!(wide, None, "few draws stay narrow");
        let mut renumbered = Vec::new();
        weighted_in_degree(&space, &counts, &mut renumbered);
        let mut drawn = vec![0u32; n as usize];
        for &i in &picks {
            drawn[by_number[i]] += 1;
        }
        for p in 0..n as usize {
            let direct: u32 = g.in_neighbors(p).iter().map(|&u| drawn[u as usize]).sum();
            assert_eq!(renumbered[space.rank[p] as usize], direct, "person {p}");
        }
    }
}
