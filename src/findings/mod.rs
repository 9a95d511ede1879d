//! Findings: what goes wrong when formal power and influence are confused, at the level of
//! teams, departments and the whole organisation (SPEC §5).
//!
//! In: an [`Analysis`]. Out: a list of [`Finding`]s, each with a kind, a severity, the
//! people and group involved, a sentence, and the evidence in numbers. Team findings
//! (shadow leadership, managers without influence) read the advice question when the
//! survey has one (the question whose name contains `advice`), else the combined layer.
//! Group findings respect the minimum group size: a department smaller than it is never
//! described.

mod groups;
mod organisation;
mod teams;

use serde::Serialize;

use crate::Analysis;
use crate::graph::{Csr, Questions};

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
    /// `shadow-leadership`, `manager-without-influence`, `overload`, `silo`,
    /// `disconnected-departments`, `fragile-bridge`, `peripheral-people`, `alignment`.
    pub kind: &'static str,
    pub severity: Severity,
    /// The department (or pair of departments) concerned, if any.
    pub group: Option<String>,
    /// The people involved (person numbers; exporters write their ids).
    #[serde(skip)]
    pub people: Vec<u32>,
    /// What was found, in one sentence.
    pub summary: String,
    /// The numbers behind it, by name.
    pub evidence: Vec<(&'static str, f64)>,
}

/// What the finding rules may read.
pub struct Context<'a> {
    pub analysis: &'a Analysis,
    /// The layer team findings read, and its name.
    pub team_layer: &'a Csr,
    pub team_layer_name: String,
    /// Who answered the question(s) of `team_layer`.
    pub responded: Vec<bool>,
    /// Groups smaller than this are never described.
    pub min_group_size: usize,
}

impl<'a> Context<'a> {
    pub fn new(analysis: &'a Analysis, min_group_size: usize) -> Self {
        let d = &analysis.dataset;
        let advice = d.questions.iter().position(|q| q.contains("advice"));
        let (team_layer, team_layer_name, responded) = match advice {
            Some(q) => (
                analysis.graph.influence(Questions::One(q as u16)),
                d.questions[q].clone(),
                d.answers.responded[q].clone(),
            ),
            None => (
                analysis.graph.influence(Questions::All),
                "all questions".to_string(),
                (0..d.people.len()).map(|p| d.responded_influence(p)).collect(),
            ),
        };
        Context {
            analysis,
            team_layer,
            team_layer_name,
            responded,
            min_group_size,
        }
    }

    /// A placeholder for person `p` in a summary; exporters put the person's id or
    /// pseudonym in its place ([`render`]), so no finding text fixes a real id.
    pub fn id(&self, p: u32) -> String {
        format!("⟦{p}⟧")
    }

    pub fn department_name(&self, d: u32) -> &str {
        &self.analysis.metrics.department_names[d as usize]
    }
}

/// Every finding, most severe first, then by kind and group.
pub fn find(cx: &Context<'_>) -> Vec<Finding> {
    // Team findings and group findings read the analysis only: found side by side, then
    // listed in the same order as one after the other.
    let (mut all, groups) = rayon::join(
        || {
            let mut all = teams::shadow_leadership(cx);
            all.extend(teams::managers_without_influence(cx));
            all.extend(organisation::overload(cx));
            all
        },
        || {
            let ties = groups::department_ties(cx);
            let mut all = groups::silos(cx, &ties);
            all.extend(groups::fragile_bridges(cx, &ties));
            all.extend(groups::peripheral_people(cx));
            all.extend(organisation::alignment(cx));
            all
        },
    );
    all.extend(groups);
    all.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(a.kind.cmp(b.kind))
            .then(a.group.cmp(&b.group))
            .then(a.people.cmp(&b.people))
    });
    all
}

/// A summary with every person placeholder replaced by `name(person)`.
pub fn render(summary: &str, name: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(summary.len());
    let mut rest = summary;
    while let Some(start) = rest.find('⟦') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '⟦'.len_utf8()..];
        match after
            .find('⟧')
            .and_then(|end| after[..end].parse::<usize>().ok().map(|p| (p, end)))
        {
            Some((p, end)) => {
                out.push_str(&name(p));
                rest = &after[end + '⟧'.len_utf8()..];
            }
            None => {
                out.push('⟦');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The probability that a binomial(n, p) count is at most k.
pub fn binomial_cdf(k: u32, n: u32, p: f64) -> f64 {
    if k >= n {
        return 1.0;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_names() {
        assert_eq!(
            render("⟦3⟧ leads ⟦10⟧; ⟦x⟧", |p| format!("P{p}")),
            "P3 leads P10; ⟦x⟧"
        );
    }

    #[test]
    fn binomial_tail() {
        // scipy.stats.binom.cdf(1, 4, 0.8) = 0.0272; cdf(0, 2, 0.8) = 0.04
        assert!((binomial_cdf(1, 4, 0.8) - 0.0272).abs() < 1e-12);
        assert!((binomial_cdf(0, 2, 0.8) - 0.04).abs() < 1e-12);
        assert_eq!(binomial_cdf(5, 5, 0.3), 1.0);
    }
}
