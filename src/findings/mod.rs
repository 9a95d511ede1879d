//! Findings: what goes wrong when formal power and influence are confused, at the level of
//! teams, departments and the whole organisation (SPEC §5).
//!
//! In: the parts of an analysis made before the findings ([`AnalysisParts`]). Out: a list
//! of [`Finding`]s, each with a kind, a severity, the people and group involved, a
//! sentence ([`Sentence`]: text, people and groups kept apart until each output writes
//! them as it shows people), and the evidence in numbers. Team findings
//! (shadow leadership, managers without influence) read the advice question when the
//! survey has one (the question whose name contains `advice`), else the combined layer
//! ([`team_layer`]); the reasons of `classify` read the same layer, so a manager's reason
//! and their finding give the same counts. Group findings respect the minimum group size:
//! a department smaller than it is never described.

mod groups;
pub mod key_players;
mod leadership;
mod negative;
mod organisation;
pub mod perception;
mod sentence;
mod teams;

pub use sentence::{Sentence, SentencePart};
pub use teams::MIN_TEAM;

use serde::Serialize;

use crate::classify::Classification;
use crate::graph::{Csr, OrgGraph, Questions};
use crate::metrics::Metrics;
use crate::metrics::grouping::{Grouping, group_ties};
use crate::validate::Dataset;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `shadow-leadership`, `manager-without-influence`, `overload`, `negative-ties`,
    /// `silo`, `disconnected-departments`, `fragile-bridge`, `peripheral-people`,
    /// `alignment`; with a survey that asks how people lead, `roles-separated`,
    /// `nobody-leads`, `direction-outside-chart`, `leadership-concentrated`.
    pub kind: &'static str,
    pub severity: Severity,
    /// The department (or pair of departments) concerned, if any.
    pub group: Option<String>,
    /// The people involved (person numbers; exporters write their ids).
    #[serde(skip)]
    pub people: Vec<u32>,
    /// What was found, in one sentence of text, people and groups, written by each
    /// output as it shows people.
    #[serde(skip)]
    pub summary: Sentence,
    /// What to do about it, in plain words, people and groups written as in `summary`.
    #[serde(skip)]
    pub action: Sentence,
    /// The numbers behind it, by name.
    pub evidence: Vec<(&'static str, f64)>,
}

/// The parts of an analysis the findings read: everything the pipeline made before them.
#[derive(Debug, Clone, Copy)]
pub struct AnalysisParts<'a> {
    pub dataset: &'a Dataset,
    pub graph: &'a OrgGraph,
    pub metrics: &'a Metrics,
    pub classification: &'a Classification,
    /// How people lead, when the survey asks.
    pub leadership: Option<&'a crate::classify::profile::Leadership>,
}

/// What the finding rules may read.
pub struct FindingInputs<'a> {
    pub analysis: AnalysisParts<'a>,
    /// The layer team findings read, and its name.
    pub team_layer: &'a Csr,
    pub team_layer_name: String,
    /// Who answered the question(s) of `team_layer`.
    pub responded: Vec<bool>,
    /// The groups of the group findings: departments, or the `--group-by` column.
    pub grouping: &'a Grouping,
    /// Groups smaller than this are never described.
    pub min_group_size: usize,
}

impl<'a> FindingInputs<'a> {
    pub fn new(analysis: AnalysisParts<'a>, grouping: &'a Grouping, min_group_size: usize) -> Self {
        let team = team_layer(analysis.dataset, analysis.graph);
        FindingInputs {
            analysis,
            team_layer: team.graph,
            team_layer_name: team.name,
            responded: team.responded,
            grouping,
            min_group_size,
        }
    }

    /// Department `d`'s name (the findings that are per department whatever the grouping).
    pub fn department_name(&self, d: u32) -> &str {
        &self.analysis.metrics.department_names[d as usize]
    }

    /// Group `d`'s name (a department, or a value of the `--group-by` column).
    pub fn group_name(&self, d: u32) -> &str {
        &self.grouping.names[d as usize]
    }
}

/// The layer team findings read: the advice question when the survey has one, else every
/// question combined.
pub struct TeamLayer<'a> {
    pub graph: &'a Csr,
    /// The question's name, or "all questions".
    pub name: String,
    /// The question, when the layer is one question.
    pub question: Option<usize>,
    /// Who answered the question(s) of the layer.
    pub responded: Vec<bool>,
}

/// The layer team findings, and the reasons' counts of reports who name their manager,
/// read: the advice question when it is an influence question, else every influence
/// question combined.
pub fn team_layer<'a>(dataset: &Dataset, graph: &'a OrgGraph) -> TeamLayer<'a> {
    let advice = (0..dataset.questions.len())
        .find(|&q| dataset.is_influence(q) && dataset.questions[q].contains("advice"));
    match advice {
        Some(q) => TeamLayer {
            graph: graph.influence(Questions::One(q as u16)),
            name: dataset.questions[q].clone(),
            question: Some(q),
            responded: dataset.answers.responded[q].clone(),
        },
        None => TeamLayer {
            graph: graph.influence(Questions::All),
            name: "all influence questions".to_string(),
            question: None,
            responded: (0..dataset.people.len())
                .map(|p| dataset.responded_influence(p))
                .collect(),
        },
    }
}

/// How many responding reports name their own manager in the team layer, of how many
/// responding reports there are (people with a manager who answered): the organisation's
/// rate that manager findings compare against.
pub fn reports_naming_their_manager(analysis: AnalysisParts<'_>) -> (u64, u64) {
    let team = team_layer(analysis.dataset, analysis.graph);
    crate::metrics::command_counts(team.graph, &analysis.metrics.managers, &team.responded)
        .iter()
        .fold((0, 0), |(named, asked), &(n, a)| {
            (named + u64::from(n), asked + u64::from(a))
        })
}

/// Every finding, most severe first, then by kind and group.
pub fn find(cx: &FindingInputs<'_>) -> Vec<Finding> {
    // Team findings and group findings read the analysis only: found side by side, then
    // listed in the same order as one after the other.
    let (mut all, groups) = rayon::join(
        || {
            let mut all = teams::team_findings(cx);
            all.extend(organisation::overload(cx));
            all.extend(negative::negative_ties(cx));
            all.extend(leadership::leadership_findings(cx));
            all
        },
        || {
            let ties = group_ties(cx.analysis.graph.influence(Questions::All), &cx.grouping.of);
            let mut all = groups::silos(cx, &ties);
            all.extend(groups::fragile_bridges(cx, &ties));
            all.extend(groups::peripheral_people(cx));
            all.extend(organisation::alignment(cx));
            all
        },
    );
    all.extend(groups);
    sort(&mut all);
    all
}

/// Sorts findings as [`find`] lists them: most severe first, then by kind and group.
pub fn sort(all: &mut [Finding]) {
    all.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(a.kind.cmp(b.kind))
            .then(a.group.cmp(&b.group))
            .then(a.people.cmp(&b.people))
    });
}

/// The probability that a binomial(n, p) count is at most k.
pub fn binomial_cdf(k: u32, n: u32, p: f64) -> f64 {
    if k >= n {
        return 1.0;
    }
    if p <= 0.0 {
        return 1.0;
    }
    if p >= 1.0 {
        return 0.0;
    }
    let q = 1.0 - p;
    // Term i is C(n, i) p^i q^(n−i), built up from term 0 = q^n in log space.
    let mut log_term = f64::from(n) * q.ln();
    let mut total = log_term.exp();
    for i in 0..k {
        log_term += (f64::from(n - i) / f64::from(i + 1)).ln() + p.ln() - q.ln();
        total += log_term.exp();
    }
    total.min(1.0)
}

/// The probability that a binomial(n, p) count is at least k, summed from the tail itself
/// so that small probabilities keep their precision.
pub fn binomial_sf(k: u32, n: u32, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    // log C(n, k) as a sum of logs: k ≤ n stays small for team sizes.
    let log_choose: f64 = (0..k)
        .map(|i| (f64::from(n - i) / f64::from(i + 1)).ln())
        .sum();
    let mut log_term = log_choose + f64::from(k) * lp + f64::from(n - k) * lq;
    let mut total = log_term.exp();
    for i in k..n {
        log_term += (f64::from(n - i) / f64::from(i + 1)).ln() + lp - lq;
        total += log_term.exp();
    }
    total.min(1.0)
}

/// Fisher's combination of two independent p-values: the probability, under both null
/// hypotheses, of a product `a·b` as small as this one (−2 ln(ab) against χ² with 4
/// degrees of freedom).
pub fn fisher_combined(a: f64, b: f64) -> f64 {
    let t = a * b;
    if t <= 0.0 {
        return 0.0;
    }
    (t * (1.0 - t.ln())).min(1.0)
}

/// Benjamini–Hochberg adjusted p-values (q-values), in the order given: a hypothesis is a
/// discovery at false-discovery rate α when its adjusted value is below α.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut adjusted = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m as f64 / (rank + 1) as f64);
        adjusted[i] = running.min(1.0);
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomial_tail() {
        // scipy.stats.binom.cdf(1, 4, 0.8) = 0.0272; cdf(0, 2, 0.8) = 0.04
        assert!((binomial_cdf(1, 4, 0.8) - 0.0272).abs() < 1e-12);
        assert!((binomial_cdf(0, 2, 0.8) - 0.04).abs() < 1e-12);
        assert_eq!(binomial_cdf(5, 5, 0.3), 1.0);
        // scipy.stats.binom.sf(5, 7, 0.46) = P(X ≥ 6) = 0.0401710…; sf of 19 of 20 at 0.01
        // is 1.9e-37 (20·0.01^19·0.99 + 0.01^20), which 1 − cdf would lose entirely.
        assert!((binomial_sf(6, 7, 0.46) - 0.040_171_018_839).abs() < 1e-11);
        let tiny = binomial_sf(19, 20, 0.01);
        assert!((tiny / (20.0 * 0.01f64.powi(19) * 0.99 + 0.01f64.powi(20)) - 1.0).abs() < 1e-9);
        assert_eq!(binomial_sf(0, 4, 0.2), 1.0);
        assert_eq!(binomial_sf(5, 4, 0.2), 0.0);
        for (k, n, p) in [(3, 9, 0.3), (1, 2, 0.5), (7, 7, 0.9)] {
            let both = binomial_cdf(k - 1, n, p) + binomial_sf(k, n, p);
            assert!((both - 1.0).abs() < 1e-12, "{k} {n} {p}");
        }
    }

    #[test]
    fn fisher_and_benjamini_hochberg() {
        // scipy.stats.combine_pvalues([0.1, 0.2]).pvalue = 0.0982…: t(1 − ln t), t = 0.02.
        assert!((fisher_combined(0.1, 0.2) - 0.02 * (1.0 - 0.02f64.ln())).abs() < 1e-15);
        assert!((fisher_combined(0.1, 0.2) - 0.098_240_460_4).abs() < 1e-9);
        assert_eq!(fisher_combined(1.0, 1.0), 1.0);
        assert_eq!(fisher_combined(0.0, 0.5), 0.0);
        // statsmodels multipletests([0.01, 0.04, 0.03, 0.5], method="fdr_bh"):
        // [0.04, 0.0533…, 0.0533…, 0.5].
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.5]);
        let want = [0.04, 0.16 / 3.0, 0.16 / 3.0, 0.5];
        for (a, b) in q.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{q:?}");
        }
        assert!(benjamini_hochberg(&[]).is_empty());
    }
}
