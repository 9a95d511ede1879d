//! The high-influence rule (SPEC §5): which people stand out for influence.
//!
//! The default compares like with like (`standing_rule`): each person's distinct
//! nominators against a model of how often people *of the same formal standing* (with
//! formal power, or without) are named in this organisation — a beta-binomial of the
//! other respondents, fitted to the group's central 95 % (at least its three most named
//! left out) so that the people it looks for
//! cannot raise their own bar — and names those whom that model makes improbable, with
//! the false-discovery rate over everyone held at `q` (Benjamini & Hochberg 1995; default
//! 10 %), where at most half the group's people with about as many nominators are what the
//! model expects of the ordinary crowd (the local false-discovery rate, `local_bar`), and
//! with at least `min_nominations` nominators. The bar is attainable: someone named
//! by every other respondent always stands out. It works the same on a sparse survey of a
//! million people (few names each) and on a dense roster of twenty (everyone rates
//! everyone); see `beta_binomial` for the model and VALIDATION.md for how it was chosen.
//!
//! The earlier outlier rule is kept (`--outlier-z`): a person is high
//! influence when `in_degree ≥ median + z · spread` and at least
//! `min_nominations` people nominate them. The spread is the standard deviation of the
//! people at or below the 90th percentile of nominations: the top 10 % are left out so that
//! the very people the rule looks for cannot raise their own bar, even in a small team
//! where a few of them stand out together (a one-sided trimmed
//! standard deviation, in the spirit of Iglewicz & Hoaglin (1993), *How to Detect and
//! Handle Outliers*). Unlike the median absolute deviation, it does not jump between whole
//! numbers on count data, so the bar moves smoothly with the organisation. When the
//! central 90 % all share one value, a spread of one nomination stands in.
//! z = 5 was chosen on sparse synthetic organisations with planted leaders; on dense
//! roster surveys its bar can lie above the number of respondents.
//! The last alternative keeps a fixed top share of the ranking (distinct nominators, PageRank
//! breaking ties). Both cost O(V) (a histogram of the counts, or selection; no sorting), so
//! the bootstrap can apply them hundreds of times.

use serde::Serialize;

use super::beta_binomial::BetaBinomial;
use crate::options::HighInfluenceRule;
use crate::options::Rates;

/// The high-influence rule as applied to this organisation, for the report and
/// `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleApplied {
    /// `standing`, `outlier` or `top-share`.
    pub kind: &'static str,
    /// A sentence stating the rule with its numbers.
    pub description: String,
    pub min_nominations: u32,
    /// Outlier rule: the fewest distinct nominators that count as high influence.
    pub threshold: Option<u32>,
    pub median: Option<f64>,
    pub spread: Option<f64>,
    pub z: Option<f64>,
    pub top_share: Option<f64>,
    /// Standing rule: the false-discovery rate held.
    pub false_discovery: Option<f64>,
    /// Standing rule: the local false-discovery rate allowed (1: the local test left out).
    pub local_false_discovery: Option<f64>,
    /// Standing rule: the model and bar of each standing group (no formal power first).
    pub groups: Vec<GroupBar>,
}

/// The standing rule's model and bar for one group of people of the same formal standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupBar {
    /// `no formal power` or `formal power`.
    pub standing: &'static str,
    pub people: u64,
    /// Whether the group's own counts were fitted (else, being smaller than
    /// [`MIN_FIT`], the whole organisation's).
    pub own_fit: bool,
    /// Mean nominators of the group's central 95 % ([`CENTRAL`]).
    pub mean: f64,
    /// Overdispersion (intra-class correlation) of the fitted beta-binomial.
    pub overdispersion: f64,
    /// The fewest distinct nominators that count as high influence in this group; `None`
    /// when no count can (fewer other respondents than `min_nominations`).
    pub threshold: Option<u32>,
}

impl RuleApplied {
    /// The bar that applies to a person with (`true`) or without formal power.
    pub fn bar(&self, formal_power: bool) -> Option<u32> {
        match self.groups.len() {
            0 => self.threshold,
            _ => self.groups[usize::from(formal_power)].threshold,
        }
    }
}

/// Who is compared with whom, and how many could name each person.
#[derive(Debug, Clone, Copy)]
pub struct Peers<'a> {
    /// Formal power, by person: the two standing groups.
    pub formal_power: &'a [bool],
    /// How many others can name a person: the respondents of the influence questions,
    /// less one.
    pub others: u32,
}

/// Applies `rule` to the influence scores: who is high influence, and the rule's numbers.
pub fn high_influence(
    in_degree: &[u32],
    pagerank: &[f64],
    peers: Peers<'_>,
    rule: &HighInfluenceRule,
    min_nominations: u32,
) -> (Vec<bool>, RuleApplied) {
    match *rule {
        HighInfluenceRule::Standing(rates) => {
            standing_rule(in_degree, peers, rates, min_nominations)
        }
        HighInfluenceRule::Outlier { z } => outlier_rule(in_degree, z, min_nominations),
        HighInfluenceRule::TopShare { share } => {
            top_share_rule(in_degree, pagerank, share, min_nominations)
        }
    }
}

/// How many people received each number of nominations: `counts[k]` people have `k`.
/// Nomination counts are whole numbers below the number of people, so the rule's order
/// statistics come from this histogram in O(V) without sorting.
pub(super) struct Histogram {
    counts: Vec<u64>,
    total: u64,
}

impl Histogram {
    pub(super) fn new(values: &[u32]) -> Self {
        let top = values.iter().copied().max().unwrap_or(0) as usize;
        let mut counts = vec![0u64; top + 1];
        for &v in values {
            counts[v as usize] += 1;
        }
        Histogram::from_counts(counts)
    }

    /// From `counts[k]`, the number of people with `k` nominations.
    pub(super) fn from_counts(counts: Vec<u64>) -> Self {
        Histogram {
            total: counts.iter().sum(),
            counts,
        }
    }

    /// The value at 0-based position `rank` of the sorted values.
    fn nth(&self, rank: u64) -> u32 {
        let mut seen = 0;
        for (value, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen > rank {
                return value as u32;
            }
        }
        (self.counts.len() - 1) as u32
    }

    fn median(&self) -> f64 {
        let n = self.total;
        if n == 0 {
            return 0.0;
        }
        let upper = f64::from(self.nth(n / 2));
        if n % 2 == 1 {
            return upper;
        }
        (f64::from(self.nth(n / 2 - 1)) + upper) / 2.0
    }

    /// The mean and variance of the values at or below the `share` quantile (nearest
    /// rank), leaving out at least the `keep_out` highest values (and always the single
    /// highest): the central part of the module documentation.
    fn central_moments(&self, share: f64, keep_out: u64) -> (f64, f64) {
        if self.total == 0 {
            return (0.0, 0.0);
        }
        // At least the single highest value stays out, so in a team of six the one person
        // everyone names cannot set their own bar.
        let rank = ((share * self.total as f64).ceil() as u64)
            .min(self.total.saturating_sub(keep_out.max(1)))
            .max(1);
        let central = &self.counts[..=self.nth(rank - 1) as usize];
        let m = central.iter().sum::<u64>() as f64;
        let sum: u64 = central.iter().enumerate().map(|(v, &c)| v as u64 * c).sum();
        let mean = sum as f64 / m;
        let var = central
            .iter()
            .enumerate()
            .map(|(v, &c)| c as f64 * (v as f64 - mean).powi(2))
            .sum::<f64>()
            / m;
        (mean, var)
    }

    /// The spread of the module documentation: the standard deviation of the central
    /// part, or one nomination when its values are all equal.
    fn trimmed_spread(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        match self.central_moments(0.9, 1).1.sqrt() {
            s if s > 0.0 => s,
            _ => 1.0,
        }
    }

    /// People counted.
    pub(super) fn total(&self) -> u64 {
        self.total
    }

    /// The largest value counted (0 when empty).
    fn top(&self) -> u32 {
        self.counts.iter().rposition(|&c| c > 0).unwrap_or(0) as u32
    }

    /// The histogram of both `self`'s values and `other`'s.
    pub(super) fn merged(&self, other: &Histogram) -> Histogram {
        let mut counts = vec![0u64; self.counts.len().max(other.counts.len())];
        for (i, &c) in self.counts.iter().enumerate() {
            counts[i] += c;
        }
        for (i, &c) in other.counts.iter().enumerate() {
            counts[i] += c;
        }
        Histogram::from_counts(counts)
    }
}

/// The outlier rule's bar: the fewest distinct nominators that count as high influence
/// (`u32::MAX` when everyone received the same number), with the median and spread.
pub(super) fn outlier_bar(in_degree: &[u32], z: f64, min_nominations: u32) -> (u32, f64, f64) {
    histogram_bar(&Histogram::new(in_degree), z, min_nominations)
}

/// [`outlier_bar`] from the histogram of the nomination counts.
pub(super) fn histogram_bar(
    histogram: &Histogram,
    z: f64,
    min_nominations: u32,
) -> (u32, f64, f64) {
    let med = histogram.median();
    let spread = histogram.trimmed_spread();
    // The smallest whole number of nominators that reaches the bar.
    let bar = if spread > 0.0 {
        (med + z * spread - 1e-9).ceil().max(0.0) as u32
    } else {
        u32::MAX
    };
    (bar.max(min_nominations), med, spread)
}

/// Groups smaller than this are not fitted on their own: their members are compared with
/// the whole organisation's model.
pub const MIN_FIT: u64 = 10;

/// The share of a group the standing rule's model is fitted to: all but the top 5 %, and
/// at least the [`KEEP_OUT`] most named, so that the people it looks for do not widen their
/// own group's model (three sought-after associates in a firm of forty would otherwise
/// hide each other).
pub const CENTRAL: f64 = 0.95;
pub const KEEP_OUT: u64 = 3;

/// The two standing groups' labels, by formal power.
const STANDING: [&str; 2] = ["no formal power", "formal power"];

/// Each standing group's histogram of nominators (no formal power first).
pub(super) fn standing_histograms(in_degree: &[u32], formal_power: &[bool]) -> [Histogram; 2] {
    let top = in_degree.iter().copied().max().unwrap_or(0) as usize;
    let mut counts = [vec![0u64; top + 1], vec![0u64; top + 1]];
    for (&d, &f) in in_degree.iter().zip(formal_power) {
        counts[usize::from(f)][d as usize] += 1;
    }
    counts.map(Histogram::from_counts)
}

/// The standing rule's bar for each group, from the groups' histograms of nominators:
/// `others` colleagues could name each person, `rates` the two rates.
///
/// Each group with at least [`MIN_FIT`] people gets a beta-binomial fitted to its central
/// 95 % (a smaller group borrows the fit of everyone). Every person's upper-tail
/// probability under their group's model is their p-value; Benjamini–Hochberg over all
/// people gives the largest p-value still counted, and the group's false-discovery bar is
/// the fewest nominators whose p-value is at most that (or, when nobody qualifies, at most
/// `q / n`, the bar the first discovery would need; `q` the false-discovery rate). The
/// group's bar is the higher of that and its local bar ([`local_bar`]), at least
/// `min_nominations` and at most `others`.
/// O(V) to build the histograms, then O(K log K) for K distinct counts and the models'
/// tails up to the bars (see [`local_bar`] for its cost).
pub(super) fn standing_bars(
    groups: &[Histogram; 2],
    others: u32,
    rates: Rates,
    min_nominations: u32,
) -> [GroupBar; 2] {
    let q = rates.false_discovery;
    let everyone = groups[0].merged(&groups[1]);
    let n = everyone.total();
    let models: Vec<(BetaBinomial, bool, f64)> = groups
        .iter()
        .map(|g| {
            let own = g.total() >= MIN_FIT;
            let (mean, var) = if own { g } else { &everyone }.central_moments(CENTRAL, KEEP_OUT);
            (BetaBinomial::fit(others, mean, var), own, mean)
        })
        .collect();
    let top = everyone.top().min(others);
    let tails: Vec<Vec<f64>> = models.iter().map(|(m, ..)| m.upper_tails(top)).collect();
    // Benjamini–Hochberg over people, by cells of one group and count (one p-value each).
    let mut cells: Vec<(f64, u64)> = Vec::new();
    for (g, h) in groups.iter().enumerate() {
        for (k, &c) in h.counts.iter().enumerate() {
            if c > 0 {
                cells.push((tails[g][(k as u32).min(top) as usize], c));
            }
        }
    }
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cut = q / n.max(1) as f64;
    let mut rank = 0u64;
    for &(p, c) in &cells {
        rank += c;
        if p <= q * rank as f64 / n as f64 {
            cut = cut.max(p);
        }
    }
    let bar = |g: usize| -> Option<u32> {
        if others < min_nominations.max(1) {
            return None;
        }
        let local = local_bar(&groups[g], &models[g].0, others, rates.local);
        let model = &models[g].0;
        let found = tails[g].iter().position(|&p| p <= cut).map(|k| k as u32);
        // Beyond the highest count seen: look further out, doubling, up to `others`.
        let found = found.or_else(|| {
            let mut reach = top.max(1);
            loop {
                reach = reach.saturating_mul(2).min(others);
                let t = model.upper_tails(reach);
                if let Some(k) = t.iter().position(|&p| p <= cut) {
                    return Some(k as u32);
                }
                if reach == others {
                    return None;
                }
            }
        });
        Some(
            found
                .unwrap_or(others)
                .max(local)
                .clamp(min_nominations, others),
        )
    };
    [0, 1].map(|g| GroupBar {
        standing: STANDING[g],
        people: groups[g].total(),
        own_fit: models[g].1,
        mean: rounded(models[g].2),
        overdispersion: rounded(models[g].0.rho),
        threshold: bar(g),
    })
}

/// Half the width of the neighbourhood the local rate is counted over: one standard
/// deviation of the group's model (at least one nominator).
fn window(model: &BetaBinomial) -> u32 {
    let m = f64::from(model.m);
    let variance = m * model.mu * (1.0 - model.mu) * (1.0 + (m - 1.0) * model.rho);
    (variance.sqrt().round() as u32).max(1)
}

/// The local part of a group's bar. Benjamini–Hochberg holds the share of chance names
/// over everyone named; once a few people stand far out, it lets the far tail of the
/// ordinary crowd in beside them (on a 1,000-person roster survey with twenty leaders, a
/// p-value of 0.0025, which the most named one or two of 600 colleagues pass). The local
/// rate looks at a count's own neighbourhood instead: for a count `x`, the people the
/// group's model expects within `x ± window` against those the group has there (the person
/// with `x` included, when nobody has it yet): the local false-discovery rate (Efron,
/// Tibshirani, Storey & Tusher 2001), counted over a window. The bar is the fewest
/// nominators at which that share is at most `share` (by default one half: more likely a
/// leader than an ordinary colleague, the Bayes rule with equal costs) and at every higher
/// count someone in the group has, so
/// the people named are always the most named of the group; at most `others`. O(K) for K
/// the group's highest count plus two windows, when the group's own model is used; a small
/// group with a model borrowed from everyone and mean far above the group's counts walks
/// out through that mean (O(others log others) at worst, for the tails).
fn local_bar(group: &Histogram, model: &BetaBinomial, others: u32, share: f64) -> u32 {
    let people = group.total() as f64;
    // The estimated rate is at most 1 (Efron's estimates are capped there), so a share of
    // 1 lets every count pass.
    if people == 0.0 || share >= 1.0 {
        return 0;
    }
    let h = window(model);
    let top = group.top();
    // Cumulative people by count: below[k] people have fewer than k nominators.
    let mut below = Vec::with_capacity(top as usize + 2);
    below.push(0u64);
    for &c in &group.counts[..=top as usize] {
        below.push(below.last().copied().unwrap_or(0) + c);
    }
    let seen = |lo: u32, hi: u32| -> u64 {
        let hi = hi.min(top) as usize + 1;
        let lo = (lo as usize).min(hi);
        below[hi] - below[lo]
    };
    // P(K ≥ k) for k ≤ `limit`; beyond `others` it is 0.
    let mut limit = top.saturating_add(2 * h).saturating_add(2).min(others);
    let mut tails = model.upper_tails(limit);
    let expected = |tails: &[f64], x: u32| -> f64 {
        let tail = |k: u32| tails.get(k as usize).copied().unwrap_or(0.0);
        let (lo, hi) = (x.saturating_sub(h), x.saturating_add(h));
        people * (tail(lo) - tail(hi.saturating_add(1))).max(0.0)
    };
    let occupied = |x: u32| x <= top && group.counts[x as usize] > 0;
    let passes = |tails: &[f64], x: u32| -> bool {
        let there = seen(x.saturating_sub(h), x.saturating_add(h)) + u64::from(!occupied(x));
        expected(tails, x) <= share * there as f64
    };
    // Beyond everyone's neighbourhood a person would be alone in theirs: walk out to the
    // first count that passes (at most to `others`, where the bar is always attainable).
    // Most groups pass at once; a small group whose model is borrowed from everyone may
    // walk through that model's mean.
    let mut best = others;
    let mut x = top.saturating_add(h).saturating_add(1);
    while x < others {
        if x.saturating_add(h).saturating_add(1) > limit && limit < others {
            limit = limit.saturating_mul(2).min(others);
            tails = model.upper_tails(limit);
        }
        if passes(&tails, x) {
            best = x;
            break;
        }
        x += 1;
    }
    // Then down from there: the fewest nominators that pass with every count above them
    // that someone has — counts above `others` too, which a bootstrap resample can give
    // (a respondent drawn twice counts twice).
    for x in (0..=top.saturating_add(h)).rev() {
        if passes(&tails, x) {
            best = x;
        } else if occupied(x) {
            break;
        }
    }
    best.min(others)
}

/// `x` to nine decimals, as the outputs show it.
fn rounded(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// The standing rule's bar for one group of everyone: the fewest of `others` possible
/// nominators that stand out from the rest at false-discovery rate `q`, with the default
/// local test (and at least `min_nominations`), for a question analysed on its own (a
/// negative one); `None` when no count can.
pub fn single_group_bar(
    in_degree: &[u32],
    others: u32,
    q: f64,
    min_nominations: u32,
) -> Option<u32> {
    let everyone = Histogram::new(in_degree);
    let none = Histogram::from_counts(Vec::new());
    let rates = Rates {
        false_discovery: q,
        ..Rates::default()
    };
    standing_bars(&[everyone, none], others, rates, min_nominations)[0].threshold
}

/// The standing rule of the module documentation.
fn standing_rule(
    in_degree: &[u32],
    peers: Peers<'_>,
    rates: Rates,
    min_nominations: u32,
) -> (Vec<bool>, RuleApplied) {
    let histograms = standing_histograms(in_degree, peers.formal_power);
    let groups = standing_bars(&histograms, peers.others, rates, min_nominations);
    let high = in_degree
        .iter()
        .zip(peers.formal_power)
        .map(|(&d, &f)| groups[usize::from(f)].threshold.is_some_and(|t| d >= t))
        .collect();
    let bars: Vec<String> = groups
        .iter()
        .filter(|g| g.people > 0)
        .map(|g| match g.threshold {
            Some(1) => format!("1 nominator for people with {}", g.standing),
            Some(t) => format!("{t} nominators for people with {}", g.standing),
            None => format!("no bar for people with {}", g.standing),
        })
        .collect();
    let local = if rates.local < 1.0 {
        format!(
            ", and a local false-discovery rate of at most {}: at most that share of the people with about as many nominators what the model expects",
            crate::text::float(rates.local)
        )
    } else {
        String::new()
    };
    let description = format!(
        "high influence = named by more distinct people than others of the same formal standing would be by chance (a beta-binomial model of each group, false-discovery rate {:.0} %{local}), and by at least {min_nominations}: bars of {}",
        rates.false_discovery * 100.0,
        bars.join(", ")
    );
    let rule = RuleApplied {
        kind: "standing",
        description,
        min_nominations,
        threshold: None,
        median: None,
        spread: None,
        z: None,
        top_share: None,
        false_discovery: Some(rates.false_discovery),
        local_false_discovery: Some(rates.local),
        groups: groups.to_vec(),
    };
    (high, rule)
}

/// The outlier rule of the module documentation.
fn outlier_rule(in_degree: &[u32], z: f64, min_nominations: u32) -> (Vec<bool>, RuleApplied) {
    let (threshold, med, spread) = outlier_bar(in_degree, z, min_nominations);
    let high = in_degree.iter().map(|&d| d >= threshold).collect();
    let description = if spread > 0.0 {
        format!(
            "high influence = nominated by at least {threshold} distinct people: median {med} + {z} × spread {spread:.2} (standard deviation of the central 90 %), with at least {min_nominations} nominators"
        )
    } else {
        "high influence = nobody: everyone received the same number of nominations".to_string()
    };
    let rule = RuleApplied {
        kind: "outlier",
        description,
        min_nominations,
        threshold: (spread > 0.0).then_some(threshold),
        median: Some(med),
        spread: Some(spread),
        z: Some(z),
        top_share: None,
        false_discovery: None,
        local_false_discovery: None,
        groups: Vec::new(),
    };
    (high, rule)
}

/// The top `share` of people by (distinct nominators, PageRank), found by selection.
fn top_share_rule(
    in_degree: &[u32],
    pagerank: &[f64],
    share: f64,
    min_nominations: u32,
) -> (Vec<bool>, RuleApplied) {
    let n = in_degree.len();
    let take = ((share * n as f64).ceil() as usize).min(n);
    let mut high = vec![false; n];
    if take > 0 {
        let mut order: Vec<usize> = (0..n).collect();
        let better =
            |a: &usize, b: &usize| super::by_score(in_degree, pagerank, *a, *b).then(a.cmp(b));
        order.select_nth_unstable_by(take - 1, better);
        for &p in &order[..take] {
            high[p] = in_degree[p] >= min_nominations;
        }
    }
    let rule = RuleApplied {
        kind: "top-share",
        description: format!(
            "high influence = the top {:.1} % of people by distinct nominators (PageRank breaks ties), with at least {min_nominations} nominators",
            share * 100.0
        ),
        min_nominations,
        threshold: None,
        median: None,
        spread: None,
        z: None,
        top_share: Some(share),
        false_discovery: None,
        local_false_discovery: None,
        groups: Vec::new(),
    };
    (high, rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlier_rule_flags_the_far_tail_only() {
        // Twenty people get 2–4 nominations; one gets 20.
        let mut deg = vec![2, 3, 3, 4, 2, 3, 3, 4, 2, 3, 2, 3, 3, 4, 2, 3, 3, 4, 2, 3];
        deg.push(20);
        let (high, rule) = outlier_rule(&deg, 5.5, 3);
        // median 3; the 90th percentile is 4, so the central values are the twenty 2–4s,
        // with sd 0.7; bar = ceil(3 + 5.5·0.7) = 7.
        assert_eq!(rule.threshold, Some(7));
        assert!((rule.spread.unwrap() - 0.7).abs() < 1e-9);
        assert_eq!(high.iter().filter(|&&h| h).count(), 1);
        assert!(high[20]);
    }

    #[test]
    fn when_the_centre_is_flat_the_spread_is_one_nomination() {
        // 19 people are never named; one is named by 12.
        let mut deg = vec![0; 19];
        deg.push(12);
        let (high, rule) = outlier_rule(&deg, 5.5, 3);
        // The central 90 % are all 0, so the spread is one nomination: bar = ceil(5.5) = 6.
        assert_eq!(rule.threshold, Some(6));
        assert!(high[19]);
    }

    #[test]
    fn min_nominations_is_a_floor() {
        let deg = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 2];
        let (high, rule) = outlier_rule(&deg, 1.0, 3);
        assert_eq!(rule.threshold, Some(3));
        assert!(high.iter().all(|&h| !h));
    }

    #[test]
    fn medians_from_the_histogram() {
        assert_eq!(Histogram::new(&[5, 1, 3]).median(), 3.0);
        assert_eq!(Histogram::new(&[4, 1, 3, 2]).median(), 2.5);
        assert_eq!(Histogram::new(&[]).median(), 0.0);
    }

    /// The histogram's order statistics and spread equal those of the sorted values.
    #[test]
    fn histogram_matches_sorting() {
        let mut rng = crate::rng::SplitMix64::new(7);
        for len in [1usize, 2, 3, 10, 11, 97, 1000] {
            let values: Vec<u32> = (0..len).map(|_| rng.below(40) as u32).collect();
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let h = Histogram::new(&values);
            let expected_median = if len % 2 == 1 {
                f64::from(sorted[len / 2])
            } else {
                f64::from(sorted[len / 2 - 1] + sorted[len / 2]) / 2.0
            };
            assert_eq!(h.median(), expected_median);
            let rank = ((0.9 * len as f64).ceil() as usize).min(len - 1).max(1);
            let central: Vec<f64> = sorted
                .iter()
                .filter(|&&v| v <= sorted[rank - 1])
                .map(|&v| f64::from(v))
                .collect();
            let mean = central.iter().sum::<f64>() / central.len() as f64;
            let sd = (central.iter().map(|v| (v - mean).powi(2)).sum::<f64>()
                / central.len() as f64)
                .sqrt();
            let expected_spread = if sd > 0.0 { sd } else { 1.0 };
            assert!(
                (h.trimmed_spread() - expected_spread).abs() < 1e-12,
                "{len}"
            );
        }
    }

    /// 630 ordinary people spread evenly over 44–124 nominators (mean 84) among 850
    /// colleagues, as on a 1,000-person roster survey.
    fn crowd() -> Vec<u32> {
        (0..630u32).map(|i| 44 + (i * 37) % 81).collect()
    }

    /// The roster survey's case: twenty people stand far out, and six of the crowd form a
    /// tail at 160–172. Benjamini–Hochberg alone, counting p-values up to about
    /// 0.1 × 26 / 656 once the twenty are found, names the six too; the local test does
    /// not, because the model expects most of the people around 160–172.
    #[test]
    fn the_local_test_leaves_out_the_crowds_tail_beside_far_leaders() {
        let others = 850;
        let mut counts = crowd();
        let tail = [160, 164, 167, 168, 170, 172];
        counts.extend(tail);
        counts.extend((0..20).map(|i| 600 + 5 * i));
        let group = Histogram::new(&counts);
        let none = Histogram::from_counts(Vec::new());
        let histograms = [group, none];
        let bar = standing_bars(&histograms, others, Rates::default(), 3)[0]
            .threshold
            .unwrap();
        assert!(bar > 172 && bar <= 600, "bar {bar}");
        // The false-discovery bar alone lies below the tail: the local test moved it.
        let (mean, var) = histograms[0].central_moments(CENTRAL, KEEP_OUT);
        let model = BetaBinomial::fit(others, mean, var);
        let local = local_bar(&histograms[0], &model, others, 0.5);
        assert_eq!(local, bar);
        let p160 = model.upper_tails(160)[160];
        assert!(p160 <= 0.1 * 26.0 / 656.0, "p(160) = {p160}");
    }

    /// A lone standout is alone in their neighbourhood: the local test does not make the
    /// rule pass over them, whatever the group's size (a guard against a test too strict).
    #[test]
    fn a_lone_standout_passes_the_local_test() {
        let others = 850;
        for n in [20u32, 200, 630] {
            let mut counts: Vec<u32> = crowd().into_iter().take(n as usize).collect();
            counts.push(240);
            let (high, rule) = standing_rule(
                &counts,
                Peers {
                    formal_power: &vec![false; counts.len()],
                    others,
                },
                Rates::default(),
                3,
            );
            assert!(high[n as usize], "{n}: {:?}", rule.groups[0]);
            assert_eq!(high.iter().filter(|&&h| h).count(), 1, "{n}");
        }
    }

    /// The local bar straight from its definition (README, "Roles and the high-influence
    /// rule"): the smallest count `x` of `0..=others` that passes — the people the model
    /// expects within `x ± window` at most `share` of those the group has there, the
    /// person with `x` counted when nobody has it — with every count above `x` that
    /// someone has passing too; `others` when there is none.
    fn local_bar_by_definition(
        counts: &[u32],
        model: &BetaBinomial,
        others: u32,
        share: f64,
    ) -> u32 {
        if counts.is_empty() || share >= 1.0 {
            return 0;
        }
        let h = window(model);
        let tails = model.upper_tails(others);
        let tail = |k: u32| tails.get(k as usize).copied().unwrap_or(0.0);
        let passes = |x: u32| {
            let (lo, hi) = (x.saturating_sub(h), x + h);
            let expected = counts.len() as f64 * (tail(lo) - tail(hi + 1)).max(0.0);
            let seen = counts.iter().filter(|&&c| c >= lo && c <= hi).count()
                + usize::from(!counts.contains(&x));
            expected <= share * seen as f64
        };
        (0..=others)
            .find(|&x| passes(x) && counts.iter().all(|&y| y <= x || passes(y)))
            .unwrap_or(others)
    }

    /// The fast local bar equals the definition on random groups: small and large, dense
    /// and sparse, models of the group's own counts and borrowed ones, counts above the
    /// other respondents (as a bootstrap resample gives), several shares.
    #[test]
    fn the_local_bar_follows_its_definition() {
        let mut rng = crate::rng::SplitMix64::new(15);
        for case in 0..3000 {
            let others = 3 + rng.below(60) as u32;
            let people = 1 + rng.below(40) as usize;
            let spread = 1 + rng.below(u64::from(others) + 4) as u32;
            let base = rng.below(u64::from(others)) as u32;
            let counts: Vec<u32> = (0..people)
                .map(|_| (base + rng.below(u64::from(spread)) as u32).min(others + 3))
                .collect();
            let mean = 0.5 + rng.unit() * f64::from(others - 1);
            let variance = mean * (0.2 + 4.0 * rng.unit());
            let model = BetaBinomial::fit(others, mean, variance);
            let share = [0.3, 0.5, 0.8][case % 3];
            let fast = local_bar(&Histogram::new(&counts), &model, others, share);
            let slow = local_bar_by_definition(&counts, &model, others, share);
            assert_eq!(
                fast, slow,
                "case {case}: {counts:?}, {model:?}, share {share}"
            );
        }
    }

    /// Worked by hand (scipy's binomial): 22 people named by 9 of 48 each, a binomial model
    /// of mean 9 (sd 2.70, a window of 3). At 18 the model expects 22 · P(15 ≤ K ≤ 21) =
    /// 0.57 people within 3 of the count, for the one person there would be: more than
    /// half; at 19, 22 · P(16 ≤ K ≤ 22) = 0.26.
    #[test]
    fn the_local_bar_worked_by_hand() {
        let model = BetaBinomial::fit(48, 9.0, 0.0);
        assert_eq!(window(&model), 3);
        assert_eq!(local_bar(&Histogram::new(&[9; 22]), &model, 48, 0.5), 19);
        // Seven others, binomial of mean 3.2 (window 1), people with 0, 3 and 8 (one more
        // than could name them, as a resample can give). 8 passes (3 · P(K = 7) = 0.01 for
        // one), 3 does not (3 · P(2 ≤ K ≤ 4) = 2.2 for one), which holds the bar at the
        // lowest count above 3 that passes: 6 (3 · P(5 ≤ K ≤ 7) = 0.49 for the one there
        // would be; at 5, 1.2).
        let model = BetaBinomial::fit(7, 3.2, 7.0 * (3.2 / 7.0) * (1.0 - 3.2 / 7.0));
        assert_eq!(local_bar(&Histogram::new(&[0, 3, 8]), &model, 7, 0.5), 6);
        // Four others, binomial of mean 3.2: the person with 5 fails (2 · P(K = 4) = 0.82
        // for one), so the bar is the other respondents' number, 4.
        let model = BetaBinomial::fit(4, 3.2, 0.64);
        assert_eq!(local_bar(&Histogram::new(&[0, 5]), &model, 4, 0.5), 4);
    }

    #[test]
    fn top_share_takes_the_ranking_head() {
        let deg = [5, 1, 9, 3, 9];
        let pr = [0.1, 0.1, 0.2, 0.1, 0.3];
        let (high, _) = top_share_rule(&deg, &pr, 0.4, 3);
        assert_eq!(high, [false, false, true, false, true]);
        // Ties in both scores are broken by person order.
        let (high, _) = top_share_rule(&[4, 4, 4], &[0.2, 0.2, 0.2], 0.5, 3);
        assert_eq!(high, [true, true, false]);
    }
}
