//! The high-influence rule (SPEC §5): which people stand out for influence.
//!
//! The default is a robust outlier rule (Iglewicz, B. & Hoaglin, D. C. (1993). *How to
//! Detect and Handle Outliers*. ASQC): a person is high influence when
//! `(in_degree − median) / (1.4826 · MAD) ≥ z` (z = 3.5) and at least `min_nominations`
//! people nominate them. Median and MAD (median absolute deviation) adapt the bar to how
//! nominations fall in this organisation, so the list stays short in a team of 20 and in a
//! company of 200,000; when more than half the people share one value (MAD = 0) the mean
//! absolute deviation · 1.2533 stands in for the spread, as Iglewicz & Hoaglin advise.
//! The alternative keeps a fixed top share of the ranking (distinct nominators, PageRank
//! breaking ties). Both cost O(V) (selection, not sorting), so the bootstrap can apply them
//! hundreds of times.

use serde::Serialize;

use crate::options::HighInfluenceRule;

/// The high-influence rule as applied to this organisation, for the report and
/// `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleApplied {
    /// `outlier` or `top-share`.
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
}

/// Applies `rule` to the influence scores: who is high influence, and the rule's numbers.
pub fn high_influence(
    in_degree: &[u32],
    pagerank: &[f64],
    rule: &HighInfluenceRule,
    min_nominations: u32,
) -> (Vec<bool>, RuleApplied) {
    match *rule {
        HighInfluenceRule::Outlier { z } => outlier_rule(in_degree, z, min_nominations),
        HighInfluenceRule::TopShare { share } => {
            top_share_rule(in_degree, pagerank, share, min_nominations)
        }
    }
}

/// The median of `x` (reordering it), in O(n) by selection.
fn median(x: &mut [f64]) -> f64 {
    let n = x.len();
    if n == 0 {
        return 0.0;
    }
    let (_, &mut upper, _) = x.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return upper;
    }
    let lower = x[..n / 2].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lower + upper) / 2.0
}

/// The robust outlier rule of the module documentation.
fn outlier_rule(in_degree: &[u32], z: f64, min_nominations: u32) -> (Vec<bool>, RuleApplied) {
    let mut x: Vec<f64> = in_degree.iter().map(|&d| f64::from(d)).collect();
    let med = median(&mut x);
    let mut dev: Vec<f64> = x.iter().map(|v| (v - med).abs()).collect();
    let mean_dev = dev.iter().sum::<f64>() / dev.len().max(1) as f64;
    let mad = median(&mut dev);
    let spread = if mad > 0.0 {
        1.4826 * mad
    } else {
        1.2533 * mean_dev
    };
    // The smallest whole number of nominators whose score reaches z.
    let bar = if spread > 0.0 {
        (med + z * spread - 1e-9).ceil().max(0.0) as u32
    } else {
        u32::MAX
    };
    let threshold = bar.max(min_nominations);
    let high = in_degree.iter().map(|&d| d >= threshold).collect();
    let description = if spread > 0.0 {
        format!(
            "high influence = nominated by at least {threshold} distinct people: a robust outlier rule, (nominators − median {med}) / spread {spread:.2} ≥ {z}, with at least {min_nominations} nominators"
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
    };
    (high, rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlier_rule_flags_the_far_tail_only() {
        // Typical people get 2–4 nominations; one gets 20.
        let deg = [2, 3, 3, 4, 2, 3, 20, 3, 4, 2];
        let (high, rule) = outlier_rule(&deg, 3.5, 3);
        // median 3, MAD 1 → spread 1.4826; bar = ceil(3 + 3.5·1.4826) = 9.
        assert_eq!(rule.threshold, Some(9));
        assert_eq!(high.iter().filter(|&&h| h).count(), 1);
        assert!(high[6]);
    }

    #[test]
    fn outlier_rule_with_zero_mad_uses_mean_deviation() {
        // Most people are never named: median 0, MAD 0.
        let deg = [0, 0, 0, 0, 0, 0, 0, 1, 2, 12];
        let (high, rule) = outlier_rule(&deg, 3.5, 3);
        // mean |dev| = 1.5 → spread 1.88; bar = ceil(3.5 · 1.88) = 7.
        assert_eq!(rule.threshold, Some(7));
        assert_eq!(
            high,
            [
                false, false, false, false, false, false, false, false, false, true
            ]
        );
    }

    #[test]
    fn min_nominations_is_a_floor() {
        let deg = [0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
        let (high, rule) = outlier_rule(&deg, 3.5, 3);
        assert_eq!(rule.threshold, Some(3));
        assert!(high.iter().all(|&h| !h));
    }

    #[test]
    fn medians_by_selection() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut []), 0.0);
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
