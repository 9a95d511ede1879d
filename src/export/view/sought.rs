//! The most sought-after people and those nearest to the high-influence bar: what
//! `summary.json` lists (`most_sought_after`, `nearest_to_the_bar`) and the report's rule
//! section shows, from this one function so that the two always agree. When nobody reaches
//! the bar, these are what a reader still wants to know: who is sought out most, and how
//! far from the bar they are.
//!
//! In: the analysis. Out: people by person number (the exporters name them through their
//! [`super::View`]). O(V) (a bounded selection, no sorting of everyone).

use std::cmp::Ordering;

use crate::analysis::Analysis;
use crate::classify::by_score;

/// How many of the most sought-after people are listed.
pub const TOP_SOUGHT: usize = 10;
/// How many of those nearest to the high-influence bar (without reaching it) are listed.
pub const NEAREST: usize = 5;

/// One person among the most sought after, with the bar that applies to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sought {
    pub person: usize,
    pub formal_power: bool,
    /// Distinct nominators in the influence questions.
    pub in_degree: u32,
    /// The high-influence bar for people of their formal standing (`None` without one).
    pub bar: Option<u32>,
    /// Nominators still missing to reach it (0 at or above it).
    pub short_of_bar: Option<u32>,
}

/// The two lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoughtAfter {
    /// The [`TOP_SOUGHT`] most nominated people, in ranking order (distinct nominators,
    /// then PageRank, then person order).
    pub most: Vec<Sought>,
    /// The [`NEAREST`] people below their bar who are named at all, fewest nominators
    /// short first, the ranking breaking ties.
    pub nearest: Vec<Sought>,
}

/// The most sought-after people and the nearest to the bar, in `a`.
pub fn sought_after(a: &Analysis) -> SoughtAfter {
    let cls = &a.classification;
    let inf = &a.metrics.combined;
    let rank = |x: usize, y: usize| by_score(&inf.in_degree, &inf.pagerank, x, y).then(x.cmp(&y));
    let sought = |p: usize| {
        let bar = cls.rule.bar(cls.formal_power[p]);
        Sought {
            person: p,
            formal_power: cls.formal_power[p],
            in_degree: inf.in_degree[p],
            bar,
            short_of_bar: bar.map(|b| b.saturating_sub(inf.in_degree[p])),
        }
    };
    let people = 0..inf.in_degree.len();
    let most = top(people.clone(), TOP_SOUGHT, rank);
    let short = |p: usize| {
        cls.rule
            .bar(cls.formal_power[p])
            .map_or(u32::MAX, |b| b.saturating_sub(inf.in_degree[p]))
    };
    let below = people.filter(|&p| {
        !cls.high_influence[p]
            && inf.in_degree[p] > 0
            && cls.rule.bar(cls.formal_power[p]).is_some()
    });
    let nearest = top(below, NEAREST, |x, y| {
        short(x).cmp(&short(y)).then(rank(x, y))
    });
    SoughtAfter {
        most: most.into_iter().map(sought).collect(),
        nearest: nearest.into_iter().map(sought).collect(),
    }
}

/// The first `k` of `people` in the order `cmp` gives (a total order), kept in a short
/// sorted list: O(V) when `k` is small, nothing allocated per person.
fn top(
    people: impl Iterator<Item = usize>,
    k: usize,
    cmp: impl Fn(usize, usize) -> Ordering,
) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(k + 1);
    for p in people {
        if kept.len() == k && kept.last().is_none_or(|&last| cmp(p, last).is_ge()) {
            continue;
        }
        let at = kept.partition_point(|&q| cmp(q, p).is_lt());
        kept.insert(at, p);
        kept.truncate(k);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bounded selection gives what sorting everyone and taking the head gives.
    #[test]
    fn top_equals_sorting_everyone() {
        let mut rng = crate::rng::SplitMix64::new(11);
        for len in [0usize, 1, 3, 10, 11, 200] {
            let score: Vec<u64> = (0..len).map(|_| rng.below(7)).collect();
            let cmp = |x: usize, y: usize| score[y].cmp(&score[x]).then(x.cmp(&y));
            for k in [0, 1, 5, 10] {
                let mut all: Vec<usize> = (0..len).collect();
                all.sort_by(|&x, &y| cmp(x, y));
                all.truncate(k);
                assert_eq!(top(0..len, k, cmp), all, "{len} {k}");
            }
        }
    }
}
