//! Classify: formal power, high influence, and the four roles of SPEC §1, each with a
//! reason in plain words.
//!
//! In: the metrics and each person's title. Out: [`Classification`]. The influence score
//! is distinct nominators (`in_degree` of the combined layer) with PageRank breaking ties.
//!
//! Which people count as high influence is [`rule`]'s business; how stable that call is
//! under non-response, [`stability`]'s.

mod beta_binomial;
pub mod flags;
pub mod profile;
mod reason;
pub mod rule;
pub mod stability;

pub use rule::{GroupBar, Peers, RuleApplied, high_influence};
pub use stability::{Resampling, leader_stability};

use std::cmp::Ordering;

use rayon::prelude::*;
use serde::Serialize;

use crate::graph::Csr;
use crate::metrics::Metrics;
use crate::options::{FormalPowerOptions, RoleOptions};

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

/// Roles and reasons, indexed by person.
#[derive(Debug, Clone)]
pub struct Classification {
    pub formal_power: Vec<bool>,
    pub high_influence: Vec<bool>,
    /// Share (0–100) of the other people with a lower influence score; empty when alone.
    pub influence_percentile: Vec<Option<f64>>,
    /// Everyone by influence, most first: distinct nominators, then PageRank, then person
    /// (computed once here; the report, `summary.json` and the DOT file read it).
    pub ranking: Vec<usize>,
    pub role: Vec<Role>,
    pub reason: Vec<String>,
    pub rule: RuleApplied,
    /// Share of bootstrap resamples in which the person is high influence (an informal
    /// leader, or a leader-manager for people with formal power); `None` when no
    /// resampling was asked for.
    pub leader_stability: Option<Vec<f64>>,
    /// Roles beyond the four (`broker`, `central-connector`, `peripheral`, `overloaded`).
    pub flags: Vec<Vec<&'static str>>,
}

/// What classification reads besides the metrics.
pub struct ClassifyInputs<'a> {
    /// Each person's title (empty when unknown).
    pub titles: &'a [&'a str],
    /// The level column read as numbers, whose levels named by `--manager-levels` carry
    /// formal power.
    pub levels: Option<&'a crate::validate::Levels>,
    /// The combined influence layer, for resampling.
    pub influence: &'a Csr,
    /// Who answered any influence question.
    pub responded: &'a [bool],
    /// For each person, how many of their responding direct reports name them and how many
    /// responded, in the layer team findings read (`findings::team_layer`), so that a
    /// manager's reason and their finding give the same counts.
    pub command: &'a [(u32, u32)],
    /// That layer's question, when it is one question.
    pub team_question: Option<&'a str>,
}

/// Classifies everyone; `formal` says which titles carry formal power, `seed` seeds the
/// bootstrap's resamples.
pub fn classify(
    metrics: &Metrics,
    inputs: &ClassifyInputs<'_>,
    options: &RoleOptions,
    formal: &FormalPowerOptions,
    seed: u64,
) -> Classification {
    let inf = &metrics.combined;
    let n = inf.in_degree.len();
    let titles = inputs.titles;
    // Titles repeat across thousands of people: each distinct one is matched once.
    let mut managerial: foldhash::HashMap<&str, bool> = foldhash::HashMap::default();
    let formal_power: Vec<bool> = (0..n)
        .map(|p| {
            let title = titles[p];
            metrics.formal.direct_reports[p] > 0
                || (!title.is_empty()
                    && *managerial
                        .entry(title)
                        .or_insert_with(|| formal.managerial_title(title)))
                || inputs.levels.is_some_and(|l| l.gives_power(p))
        })
        .collect();
    let respondents = inputs.responded.iter().filter(|&&r| r).count() as u32;
    let reporting_lines = metrics.managers.iter().any(Option::is_some);
    let peers = Peers {
        formal_power: &formal_power,
        others: respondents.saturating_sub(1),
    };
    let (high_influence, rule) = high_influence(
        &inf.in_degree,
        &inf.pagerank,
        peers,
        &options.rule,
        options.min_nominations,
    );
    let role: Vec<Role> = (0..n)
        .map(|p| match (formal_power[p], high_influence[p]) {
            (true, true) => Role::LeaderManager,
            (true, false) => Role::Manager,
            (false, true) => Role::InformalLeader,
            (false, false) => Role::Contributor,
        })
        .collect();
    let resampling = Resampling {
        influence: inputs.influence,
        responded: inputs.responded,
        formal_power: &formal_power,
        pagerank: &inf.pagerank,
        rule: &options.rule,
        min_nominations: options.min_nominations,
        others: peers.others,
    };
    // The resamples and the reasons are independent: they run side by side.
    let (leader_stability, (flags, reason)) = rayon::join(
        || leader_stability(&resampling, options.bootstrap, seed),
        || {
            let flags = flags::flag(metrics, inputs.influence, &formal_power, &rule);
            let reason: Vec<String> = (0..n)
                .into_par_iter()
                .map(|p| {
                    let mut line = reason::reason(
                        metrics,
                        reason::Person {
                            title: titles[p],
                            power_level: inputs.levels.and_then(|l| {
                                let by_title = managerial.get(titles[p]) == Some(&true);
                                let only_level = formal_power[p]
                                    && metrics.formal.direct_reports[p] == 0
                                    && !by_title;
                                l.value[p].filter(|_| only_level)
                            }),
                            reporting_lines,
                            formal_power: formal_power[p],
                            high: high_influence[p],
                            command: inputs.command[p],
                        },
                        inputs.team_question,
                        &rule,
                        p,
                    );
                    for clause in &flags.reasons[p] {
                        line.push_str("; ");
                        line.push_str(clause);
                    }
                    // Kept at its own length: a million lines hold no spare room.
                    line.shrink_to_fit();
                    line
                })
                .collect();
            (flags, reason)
        },
    );
    let order = ranking(&inf.in_degree, &inf.pagerank);
    Classification {
        influence_percentile: percentiles(&inf.in_degree, &inf.pagerank, &order),
        ranking: order,
        formal_power,
        high_influence,
        role,
        reason,
        rule,
        leader_stability,
        flags: flags.flags,
    }
}

/// Compares two people's influence: more nominators first, then higher PageRank.
pub(crate) fn by_score(in_degree: &[u32], pagerank: &[f64], a: usize, b: usize) -> Ordering {
    in_degree[b]
        .cmp(&in_degree[a])
        .then(pagerank[b].total_cmp(&pagerank[a]))
}

/// People from most to least influential; equal scores keep person order (kept in
/// [`Classification::ranking`] for everything after classify).
fn ranking(in_degree: &[u32], pagerank: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..in_degree.len()).collect();
    order.par_sort_unstable_by(|&a, &b| by_score(in_degree, pagerank, a, b).then(a.cmp(&b)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_and_percentiles() {
        let deg = [5, 1, 9, 1, 9];
        let pr = [0.1, 0.1, 0.3, 0.1, 0.3];
        let order = ranking(&deg, &pr);
        assert_eq!(order, [2, 4, 0, 1, 3]);
        let pct = percentiles(&deg, &pr, &order);
        assert_eq!(
            pct,
            [Some(50.0), Some(0.0), Some(75.0), Some(0.0), Some(75.0)]
        );
    }
}
