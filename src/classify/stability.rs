//! Stability under non-response: how often a person would still be named high influence
//! (an informal leader, or a leader-manager) if a different sample of colleagues had
//! answered.
//!
//! The respondents are resampled with replacement (Efron's bootstrap), each resample
//! weighting a respondent's nominations by how often they were drawn; the high-influence
//! rule is applied again to each resample's nomination counts (PageRank, kept from the
//! full data, only breaks ties), and `leader_stability` is the share of resamples in which
//! the person is high influence (an informal leader without formal power, a leader-manager
//! with it).
//!
//! Resample b draws from its own random stream (seed, b), and resamples are counted, not
//! summed as floats, so the result is the same for any number of threads. Resamples are
//! worked in batches of sixteen that share one pass over the nominations (see `Batch`).
//! Complexity: O(B · (V + E)) for B resamples.

use rayon::prelude::*;

use super::rule::{Histogram, Peers, high_influence, histogram_bar, standing_bars};
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
    /// How many others can name a person (see `rule::Peers`).
    pub others: u32,
}

/// The share (0–1) of `resamples` bootstrap resamples in which each person is high
/// influence; `None` when `resamples` is 0.
pub fn leader_stability(r: &Resampling<'_>, resamples: usize, seed: u64) -> Option<Vec<f64>> {
    if resamples == 0 {
        return None;
    }
    let space = Renumbered::new(r);
    let mut batch = Batch::new(&space);
    let mut leaders = vec![0u32; space.person.len()];
    for first in (0..resamples).step_by(LANES) {
        let lanes = LANES.min(resamples - first);
        let m = space.respondents;
        batch.draw(lanes, |lane| {
            let mut rng = SplitMix64::stream(seed, (first + lane) as u64);
            (0..m).map(move |_| rng.below(m as u64) as usize)
        });
        let histograms = batch.sum(&space);
        count_leaders(r, &space, &batch, histograms, &mut leaders);
    }
    Some(
        space
            .rank
            .iter()
            .map(|&node| f64::from(leaders[node as usize]) / resamples as f64)
            .collect(),
    )
}

/// What the resamples work on: people renumbered in the layer's locality order
/// ([`Csr::locality_order`]), so that a person's nominators have nearby numbers, and the
/// respondents numbered 0, 1, 2… in that order. A batch of resamples draws respondent
/// numbers and counts the draws in one small table, a row per respondent; each person's
/// nominations then add up the rows of their nominators, read from nearby places of that
/// table.
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

    /// The nominators of number `v`, as respondent numbers.
    fn nominators(&self, v: usize) -> &[u32] {
        &self.nominators[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}

/// Resamples drawn and added up together: a respondent's draw counts in a batch of this
/// many resamples sit side by side in one row, so one pass over the nominations adds up
/// every resample of the batch, sixteen lanes at a time.
const LANES: usize = 16;

/// Weighted nomination counts below this are tallied in small per-lane tables while they
/// are added up; the few above it are listed one by one.
const TALLY: usize = 256;

/// Nodes per task of the adding-up pass.
const NODES_PER_TASK: usize = 4096;

/// One batch of up to [`LANES`] resamples.
struct Batch {
    /// Lanes in use; the bytes and totals of the lanes after them are left over from an
    /// earlier batch and never read.
    lanes: usize,
    /// Each lane's draw counts by respondent number, one byte each; see [`count_draws`].
    draws: Vec<Vec<u8>>,
    /// Lanes in which a respondent was drawn more than 255 times, with their exact counts
    /// (these lanes' bytes are not used).
    wide: Vec<(usize, Vec<u32>)>,
    /// Per respondent number, its draw count in each lane.
    rows: Vec<[u8; LANES]>,
    /// Per node, its weighted nominations in each lane.
    totals: Vec<[u32; LANES]>,
}

/// The counts of weighted nominations of one task, per lane and standing group (no formal
/// power, formal power): `small[2 · lane + group][k]` nodes have `k < TALLY`; `large`
/// lists the others as (2 · lane + group, count).
struct Tally {
    small: Vec<[u32; TALLY]>,
    large: Vec<(usize, u32)>,
}

impl Batch {
    fn new(space: &Renumbered) -> Self {
        Batch {
            lanes: 0,
            draws: vec![Vec::new(); LANES],
            wide: Vec::new(),
            rows: vec![[0; LANES]; space.respondents],
            totals: vec![[0; LANES]; space.person.len()],
        }
    }

    /// Draws `lanes` resamples of the respondents, lane `l` drawing the respondent numbers
    /// `picks(l)`, and lays their counts out by respondent.
    fn draw<P: Iterator<Item = usize>>(&mut self, lanes: usize, picks: impl Fn(usize) -> P + Sync) {
        let m = self.rows.len();
        self.lanes = lanes;
        self.wide = self.draws[..lanes]
            .par_iter_mut()
            .enumerate()
            .filter_map(|(lane, draws)| count_draws(draws, m, picks(lane)).map(|wide| (lane, wide)))
            .collect();
        let draws = &self.draws[..lanes];
        self.rows
            .par_chunks_mut(NODES_PER_TASK)
            .enumerate()
            .for_each(|(task, rows)| {
                let first = task * NODES_PER_TASK;
                for (lane, counts) in draws.iter().enumerate() {
                    for (row, &c) in rows.iter_mut().zip(&counts[first..]) {
                        row[lane] = c;
                    }
                }
            });
    }

    /// Each node's weighted nominations in every lane, and each lane's histograms of them,
    /// one per standing group (no formal power, formal power).
    fn sum(&mut self, space: &Renumbered) -> Vec<[Histogram; 2]> {
        let rows = &self.rows;
        let tally = self
            .totals
            .par_chunks_mut(NODES_PER_TASK)
            .enumerate()
            .map(|(task, totals)| {
                let mut tally = Tally {
                    small: vec![[0; TALLY]; 2 * LANES],
                    large: Vec::new(),
                };
                for (i, total) in totals.iter_mut().enumerate() {
                    let v = task * NODES_PER_TASK + i;
                    let group = usize::from(space.formal_power[v]);
                    let mut sum = [0u32; LANES];
                    for &u in space.nominators(v) {
                        for (s, &c) in sum.iter_mut().zip(&rows[u as usize]) {
                            *s += u32::from(c);
                        }
                    }
                    for (lane, &k) in sum.iter().enumerate() {
                        let cell = 2 * lane + group;
                        match tally.small[cell].get_mut(k as usize) {
                            Some(count) => *count += 1,
                            None => tally.large.push((cell, k)),
                        }
                    }
                    *total = sum;
                }
                tally
            })
            .reduce_with(|mut a, b| {
                for (x, y) in a.small.iter_mut().zip(&b.small) {
                    x.iter_mut().zip(y).for_each(|(x, y)| *x += y);
                }
                a.large.extend(b.large);
                a
            });
        let histogram = |cell: usize| {
            let Some(tally) = &tally else {
                return Histogram::from_counts(Vec::new());
            };
            let large = tally.large.iter().filter(|&&(l, _)| l == cell);
            let top = large
                .clone()
                .map(|&(_, k)| k as usize + 1)
                .max()
                .unwrap_or(0);
            let mut counts: Vec<u64> = tally.small[cell].iter().map(|&c| c.into()).collect();
            counts.resize(counts.len().max(top), 0);
            large.for_each(|&(_, k)| counts[k as usize] += 1);
            Histogram::from_counts(counts)
        };
        let mut histograms: Vec<[Histogram; 2]> = (0..self.lanes)
            .map(|lane| [histogram(2 * lane), histogram(2 * lane + 1)])
            .collect();
        // A lane with a respondent drawn over 255 times is added up again from its exact
        // counts (practically never: a resample of m draws rarely draws anyone 10 times).
        for (lane, counts) in &self.wide {
            let mut column = Vec::with_capacity(self.totals.len());
            for (v, total) in self.totals.iter_mut().enumerate() {
                total[*lane] = space
                    .nominators(v)
                    .iter()
                    .map(|&u| counts[u as usize])
                    .sum();
                column.push(total[*lane]);
            }
            histograms[*lane] = super::rule::standing_histograms(&column, &space.formal_power);
        }
        histograms
    }
}

/// Adds one to `leaders[v]` for each node `v` and each lane of `batch` in which `v` is
/// high influence.
fn count_leaders(
    r: &Resampling<'_>,
    space: &Renumbered,
    batch: &Batch,
    histograms: Vec<[Histogram; 2]>,
    leaders: &mut [u32],
) {
    let formal = &space.formal_power;
    // The standing and outlier rules depend on the counts of each group alone, not on who
    // has which: a bar per lane and group, the lanes' bars found side by side.
    let bars: Option<Vec<[u32; 2]>> = match *r.rule {
        HighInfluenceRule::Standing(rates) => Some(
            histograms
                .par_iter()
                .map(|h| {
                    standing_bars(h, r.others, rates, r.min_nominations)
                        .map(|g| g.threshold.unwrap_or(u32::MAX))
                })
                .collect(),
        ),
        HighInfluenceRule::Outlier { z } => Some(
            histograms
                .par_iter()
                .map(|[a, b]| [histogram_bar(&a.merged(b), z, r.min_nominations).0; 2])
                .collect(),
        ),
        HighInfluenceRule::TopShare { .. } => None,
    };
    match bars {
        Some(bars) => {
            leaders
                .par_chunks_mut(NODES_PER_TASK)
                .zip(batch.totals.par_chunks(NODES_PER_TASK))
                .zip(formal.par_chunks(NODES_PER_TASK))
                .for_each(|((leaders, totals), formal)| {
                    for ((count, total), &f) in leaders.iter_mut().zip(totals).zip(formal) {
                        let lanes = total[..batch.lanes].iter().zip(&bars);
                        let high = lanes.filter(|(t, b)| **t >= b[usize::from(f)]).count();
                        *count += high as u32;
                    }
                });
        }
        // The ranking breaks ties by PageRank and then by person: in the file's numbering.
        None => {
            let mut by_person = vec![0u32; leaders.len()];
            let peers = Peers {
                formal_power: r.formal_power,
                others: r.others,
            };
            for lane in 0..batch.lanes {
                for (node, total) in batch.totals.iter().enumerate() {
                    by_person[space.person[node] as usize] = total[lane];
                }
                let (high, _) =
                    high_influence(&by_person, r.pagerank, peers, r.rule, r.min_nominations);
                for (node, count) in leaders.iter_mut().enumerate() {
                    *count += u32::from(high[space.person[node] as usize]);
                }
            }
        }
    }
}

/// Counts how often each of `m` respondents was drawn into `draws`, one byte each, so
/// that the counts of a batch stay in the processor's cache while every nomination reads
/// them. A count that would pass 255 (which a resample of thousands practically never
/// draws) switches to four bytes: then the counts are returned instead. The counts are the
/// same either way.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Rates;

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

    /// What a resample needs, with at least 3 nominators for high influence.
    fn resampling<'a>(
        g: &'a Csr,
        responded: &'a [bool],
        formal: &'a [bool],
        pagerank: &'a [f64],
        rule: &'a HighInfluenceRule,
    ) -> Resampling<'a> {
        Resampling {
            influence: g,
            responded,
            formal_power: formal,
            pagerank,
            rule,
            min_nominations: 3,
            others: (responded.iter().filter(|&&r| r).count() as u32).saturating_sub(1),
        }
    }

    #[test]
    fn a_clear_leader_is_stable_and_threads_do_not_matter() {
        let (g, responded, formal) = org();
        let pagerank = vec![1.0 / 30.0; 30];
        let rule = HighInfluenceRule::default();
        let r = resampling(&g, &responded, &formal, &pagerank, &rule);
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
        // Formal power: a leader-manager, as stable.
        assert_eq!(s[28], 1.0);
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

    /// A random organisation of `n` people (person 0 named by nearly everyone), the
    /// respondents, and formal power for every seventh person.
    fn random_org(n: usize, seed: u64) -> (Csr, Vec<bool>, Vec<bool>) {
        let ties = crate::graph::random_ties(n, 5 * n, &[1.0], seed);
        let hub = (1..n as u32).filter(|p| p % 5 != 0).map(|p| (p, 0, 1.0));
        let edges = ties.into_iter().filter(|(a, b, _)| a != b).chain(hub);
        let g = Csr::from_edges(n, edges);
        let responded = (0..n).map(|p| !g.out_neighbors(p).is_empty()).collect();
        let formal = (0..n).map(|p| p % 7 == 3).collect();
        (g, responded, formal)
    }

    /// The respondents in numbering order (respondent number i is the i-th respondent in
    /// the locality order).
    fn by_number(space: &Renumbered, responded: &[bool]) -> Vec<usize> {
        let order = space.person.iter().map(|&p| p as usize);
        order.filter(|&p| responded[p]).collect()
    }

    /// A batch adds up each person's nominations, each nominator counted as often as drawn,
    /// as a direct count over the file's numbering would, in every lane; the histograms
    /// are those of the counts, also above the tally's size; a lane with a respondent
    /// drawn over 255 times is counted exactly.
    #[test]
    fn a_batch_counts_as_resamples_one_by_one_would() {
        let n = 400;
        let (g, responded, formal) = random_org(n, 3);
        let (pagerank, rule) = (vec![0.0; n], HighInfluenceRule::default());
        let r = resampling(&g, &responded, &formal, &pagerank, &rule);
        let space = Renumbered::new(&r);
        let numbers = by_number(&space, &responded);
        let m = space.respondents;
        assert_eq!(numbers.len(), m);
        // Lane 5 draws respondent 0 three hundred times.
        let picks = |lane: usize| -> Vec<usize> {
            let mut rng = SplitMix64::stream(11, lane as u64);
            let mut picks: Vec<usize> = (0..m).map(|_| rng.below(m as u64) as usize).collect();
            if lane == 5 {
                picks[..300].fill(0);
            }
            picks
        };
        let mut batch = Batch::new(&space);
        let lanes = 13;
        batch.draw(lanes, |lane| picks(lane).into_iter());
        assert_eq!(batch.wide.len(), 1, "lane 5 goes wide");
        let histograms = batch.sum(&space);
        assert_eq!(histograms.len(), lanes);
        for (lane, histogram) in histograms.iter().enumerate() {
            let mut drawn = vec![0u32; n];
            for i in picks(lane) {
                drawn[numbers[i]] += 1;
            }
            let direct: Vec<u32> = (0..n)
                .map(|p| g.in_neighbors(p).iter().map(|&u| drawn[u as usize]).sum())
                .collect();
            for (p, &want) in direct.iter().enumerate() {
                let total = batch.totals[space.rank[p] as usize][lane];
                assert_eq!(total, want, "lane {lane}, person {p}");
            }
            if lane != 5 {
                assert!(
                    direct[0] >= TALLY as u32,
                    "lane {lane}: the hub is above the tally"
                );
            }
            let both = histogram[0].merged(&histogram[1]);
            assert_eq!(
                histogram_bar(&both, 1.5, 0),
                super::super::rule::outlier_bar(&direct, 1.5, 0),
                "lane {lane}"
            );
            let groups = super::super::rule::standing_histograms(&direct, &formal);
            for g in 0..2 {
                assert_eq!(histogram[g].total(), groups[g].total(), "lane {lane}");
                let bar = |h: &[Histogram; 2]| {
                    super::super::rule::standing_bars(h, 300, Rates::default(), 3)
                        .map(|g| g.threshold)
                };
                assert_eq!(bar(histogram), bar(&groups), "lane {lane}");
            }
        }
    }

    /// The reference: each resample drawn, counted and judged on its own, in the file's
    /// numbering.
    fn one_by_one(r: &Resampling<'_>, resamples: usize, seed: u64) -> Vec<f64> {
        let space = Renumbered::new(r);
        let numbers = by_number(&space, r.responded);
        let (n, m) = (r.responded.len(), space.respondents);
        let mut leaders = vec![0u32; n];
        for b in 0..resamples {
            let mut rng = SplitMix64::stream(seed, b as u64);
            let mut drawn = vec![0u32; n];
            for _ in 0..m {
                drawn[numbers[rng.below(m as u64) as usize]] += 1;
            }
            let in_degree: Vec<u32> = (0..n)
                .map(|p| {
                    r.influence
                        .in_neighbors(p)
                        .iter()
                        .map(|&u| drawn[u as usize])
                        .sum()
                })
                .collect();
            let peers = Peers {
                formal_power: r.formal_power,
                others: r.others,
            };
            let (high, _) =
                high_influence(&in_degree, r.pagerank, peers, r.rule, r.min_nominations);
            for p in 0..n {
                leaders[p] += u32::from(high[p]);
            }
        }
        leaders
            .iter()
            .map(|&c| f64::from(c) / resamples as f64)
            .collect()
    }

    #[test]
    fn batches_give_what_one_resample_at_a_time_gives() {
        let n = 300;
        let (g, responded, formal) = random_org(n, 8);
        let pagerank: Vec<f64> = (0..n).map(|p| ((p * 37) % 101) as f64).collect();
        for rule in [
            HighInfluenceRule::Standing(Rates {
                false_discovery: 0.3,
                local: 0.5,
            }),
            HighInfluenceRule::Outlier { z: 1.0 },
            HighInfluenceRule::TopShare { share: 0.1 },
        ] {
            let r = resampling(&g, &responded, &formal, &pagerank, &rule);
            // Two full batches and part of a third.
            let got = leader_stability(&r, 37, 5).unwrap();
            assert_eq!(got, one_by_one(&r, 37, 5), "{rule:?}");
            let some = got.iter().filter(|&&s| s > 0.0 && s < 1.0).count();
            assert!(some > 5, "{rule:?}: {some} people between never and always");
        }
    }
}
