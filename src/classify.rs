//! Classify: formal power, high influence, and the four roles of SPEC §1, each with a
//! reason in plain words.
//!
//! In: the metrics and each person's title. Out: [`Classification`]. The influence score
//! is distinct nominators (`in_degree` of the combined layer) with PageRank breaking ties.
//!
//! High influence, by default, is a robust outlier rule (Iglewicz, B. & Hoaglin, D. C.
//! (1993). *How to Detect and Handle Outliers*. ASQC): a person is high influence when
//! `(in_degree − median) / (1.4826 · MAD) ≥ z` (z = 3.5) and at least `min_nominations`
//! people nominate them. Median and MAD (median absolute deviation) adapt the bar to how
//! nominations fall in this organisation, so the list stays short in a team of 20 and in a
//! company of 200,000; when more than half the people share one value (MAD = 0) the mean
//! absolute deviation · 1.2533 stands in for the spread, as Iglewicz & Hoaglin advise.

use std::cmp::Ordering;

use regex::Regex;
use serde::Serialize;

use crate::metrics::Metrics;
use crate::options::HighInfluenceRule;

/// A person's role (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    LeaderManager,
    Manager,
    InformalLeader,
    Contributor,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::InformalLeader,
        Role::LeaderManager,
        Role::Manager,
        Role::Contributor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::LeaderManager => "leader-manager",
            Role::Manager => "manager",
            Role::InformalLeader => "informal-leader",
            Role::Contributor => "contributor",
        }
    }
}

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

/// Roles and reasons, indexed by person.
#[derive(Debug, Clone)]
pub struct Classification {
    pub formal_power: Vec<bool>,
    pub high_influence: Vec<bool>,
    /// Share (0–100) of the other people with a lower influence score; empty when alone.
    pub influence_percentile: Vec<Option<f64>>,
    pub role: Vec<Role>,
    pub reason: Vec<String>,
    pub rule: RuleApplied,
}

/// Classifies everyone. `titles[p]` is the person's title (empty when unknown).
pub fn classify(
    metrics: &Metrics,
    titles: &[&str],
    manager_titles: &Regex,
    rule: &HighInfluenceRule,
    min_nominations: u32,
) -> Classification {
    let inf = &metrics.combined;
    let n = inf.in_degree.len();
    let formal_power: Vec<bool> = (0..n)
        .map(|p| {
            metrics.formal.direct_reports[p] > 0
                || (!titles[p].is_empty() && manager_titles.is_match(titles[p]))
        })
        .collect();
    let order = ranking(&inf.in_degree, &inf.pagerank);
    let (high_influence, rule) = match *rule {
        HighInfluenceRule::Outlier { z } => outlier_rule(&inf.in_degree, z, min_nominations),
        HighInfluenceRule::TopShare { share } => {
            top_share_rule(&inf.in_degree, &order, share, min_nominations)
        }
    };
    let role: Vec<Role> = (0..n)
        .map(|p| match (formal_power[p], high_influence[p]) {
            (true, true) => Role::LeaderManager,
            (true, false) => Role::Manager,
            (false, true) => Role::InformalLeader,
            (false, false) => Role::Contributor,
        })
        .collect();
    let reason = (0..n)
        .map(|p| {
            reason(
                metrics,
                titles[p],
                formal_power[p],
                high_influence[p],
                &rule,
                p,
            )
        })
        .collect();
    Classification {
        influence_percentile: percentiles(&inf.in_degree, &inf.pagerank, &order),
        formal_power,
        high_influence,
        role,
        reason,
        rule,
    }
}

/// Compares two people's influence: more nominators first, then higher PageRank.
fn by_score(in_degree: &[u32], pagerank: &[f64], a: usize, b: usize) -> Ordering {
    in_degree[b]
        .cmp(&in_degree[a])
        .then(pagerank[b].total_cmp(&pagerank[a]))
}

/// People from most to least influential; equal scores keep person order.
pub fn ranking(in_degree: &[u32], pagerank: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..in_degree.len()).collect();
    order.sort_by(|&a, &b| by_score(in_degree, pagerank, a, b).then(a.cmp(&b)));
    order
}

fn percentiles(in_degree: &[u32], pagerank: &[f64], order: &[usize]) -> Vec<Option<f64>> {
    let n = order.len();
    let mut out = vec![None; n];
    if n < 2 {
        return out;
    }
    // Walk from the least influential up; `lower` counts people with a strictly lower score.
    let mut lower = 0;
    let mut i = n;
    while i > 0 {
        let mut j = i - 1;
        while j > 0 && by_score(in_degree, pagerank, order[j - 1], order[i - 1]) == Ordering::Equal
        {
            j -= 1;
        }
        for &p in &order[j..i] {
            out[p] = Some(100.0 * lower as f64 / (n - 1) as f64);
        }
        lower += i - j;
        i = j;
    }
    out
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The robust outlier rule of the module documentation.
fn outlier_rule(in_degree: &[u32], z: f64, min_nominations: u32) -> (Vec<bool>, RuleApplied) {
    let mut x: Vec<f64> = in_degree.iter().map(|&d| d as f64).collect();
    x.sort_by(f64::total_cmp);
    let med = median(&x);
    let mut dev: Vec<f64> = x.iter().map(|v| (v - med).abs()).collect();
    dev.sort_by(f64::total_cmp);
    let mad = median(&dev);
    let spread = if mad > 0.0 {
        1.4826 * mad
    } else {
        1.2533 * dev.iter().sum::<f64>() / dev.len().max(1) as f64
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

fn top_share_rule(
    in_degree: &[u32],
    order: &[usize],
    share: f64,
    min_nominations: u32,
) -> (Vec<bool>, RuleApplied) {
    let take = (share * order.len() as f64).ceil() as usize;
    let mut high = vec![false; order.len()];
    for &p in order.iter().take(take) {
        high[p] = in_degree[p] >= min_nominations;
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

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line in plain words: why this person has this role.
fn reason(
    metrics: &Metrics,
    title: &str,
    formal_power: bool,
    high: bool,
    rule: &RuleApplied,
    p: usize,
) -> String {
    let inf = &metrics.combined;
    let reports = metrics.formal.direct_reports[p];
    let formal = if reports > 0 {
        plural(reports, "direct report", "direct reports")
    } else if formal_power {
        format!("no direct reports, but the title {title:?} is managerial")
    } else {
        "no direct reports".to_string()
    };
    let d = inf.in_degree[p];
    let mut nominated = format!("nominated by {}", plural(d, "person", "people"));
    if d > 0 && !metrics.department_names.is_empty() {
        nominated += &format!(
            " in {}",
            plural(inf.nominating_departments[p], "department", "departments")
        );
    }
    if let Some(share) = inf.outside_team_share[p] {
        let outside = (share * d as f64).round() as u32;
        nominated += &format!(", {outside} of them outside their own team and department");
    }
    if let Some(cov) = metrics.combined.command_coverage[p] {
        nominated += &format!(
            "; {:.0} % of their responding reports name them",
            cov * 100.0
        );
    }
    let bar = match rule.threshold {
        Some(t) if high => format!(" (high influence: {t} or more)"),
        Some(t) => format!(", below the high-influence bar of {t}"),
        None if high => " (high influence: in the top of the ranking)".to_string(),
        None => ", not high influence".to_string(),
    };
    format!("{nominated}{bar}; {formal}")
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
    fn top_share_takes_the_ranking_head() {
        let deg = [5, 1, 9, 3, 9];
        let pr = [0.1, 0.1, 0.2, 0.1, 0.3];
        let order = ranking(&deg, &pr);
        assert_eq!(order, [4, 2, 0, 3, 1]);
        let (high, _) = top_share_rule(&deg, &order, 0.4, 3);
        assert_eq!(high, [false, false, true, false, true]);
    }

    #[test]
    fn percentiles_count_strictly_lower_scores() {
        let deg = [5, 1, 9, 1, 9];
        let pr = [0.1, 0.1, 0.3, 0.1, 0.3];
        let order = ranking(&deg, &pr);
        let pct = percentiles(&deg, &pr, &order);
        assert_eq!(
            pct,
            [Some(50.0), Some(0.0), Some(75.0), Some(0.0), Some(75.0)]
        );
    }
}
