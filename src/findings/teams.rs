//! Team findings: shadow leadership, and managers whom their own reports do not turn to.

use super::{Context, Finding, Severity, binomial_cdf};

/// Fewest responding direct reports for a team finding.
const MIN_TEAM: u32 = 3;
/// A manager is "without influence" when so few of their reports name them that this
/// would happen with probability below this, were their reports like everyone else's.
const P_VALUE: f64 = 0.05;
/// When none of a manager's (two or more) responding reports names them, the finding is
/// raised at low severity up to this probability: too few answers to be sure, worth a look.
const P_VALUE_NONE: f64 = 0.2;

/// For each manager: their direct reports who answered, in person order.
fn responding_reports(cx: &Context<'_>) -> Vec<Vec<u32>> {
    let managers = &cx.analysis.metrics.managers;
    let mut teams = vec![Vec::new(); managers.len()];
    for (p, m) in managers.iter().enumerate() {
        if let Some(m) = m
            && cx.responded[p]
        {
            teams[*m as usize].push(p as u32);
        }
    }
    teams
}

/// How many of `reports` name `person` in the team layer.
fn named_by(cx: &Context<'_>, person: u32, reports: &[u32]) -> u32 {
    let nominators = cx.team_layer.in_neighbors(person as usize);
    reports
        .iter()
        .filter(|r| nominators.binary_search(r).is_ok())
        .count() as u32
}

/// Shadow leadership: in a team of at least three responding reports, someone other than
/// the manager is named by at least half of the manager's reports and by more of them than
/// the manager is, while fewer than half name the manager.
pub fn shadow_leadership(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (m, reports) in responding_reports(cx).iter().enumerate() {
        let asked = reports.len() as u32;
        if asked < MIN_TEAM {
            continue;
        }
        let mut named: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        for &r in reports {
            for &x in cx.team_layer.out_neighbors(r as usize) {
                if x as usize != m {
                    *named.entry(x).or_default() += 1;
                }
            }
        }
        let Some((&shadow, &count)) = named.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        let manager_count = named_by(cx, m as u32, reports);
        if count > manager_count && 2 * count >= asked && 2 * manager_count < asked {
            let severity = if manager_count == 0 {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(Finding {
                kind: "shadow-leadership",
                severity,
                group: None,
                people: vec![m as u32, shadow],
                summary: format!(
                    "{count} of {asked} responding reports of {} name {} for {}, against {manager_count} who name their manager",
                    cx.id(m as u32),
                    cx.id(shadow),
                    cx.team_layer_name
                ),
                evidence: vec![("responding_reports", asked.into()), ("naming_the_other_person", count.into()), ("naming_the_manager", manager_count.into())],
            });
        }
    }
    out
}

/// Managers without influence: a manager whose responding reports name them far less often
/// than reports name their managers across the organisation (a one-sided binomial test at
/// 5 % against the organisation's pooled rate; at low severity up to 20 % when none of two
/// or more responding reports names them), while people outside the team may still name
/// them.
pub fn managers_without_influence(cx: &Context<'_>) -> Vec<Finding> {
    let teams = responding_reports(cx);
    let counts: Vec<(u32, u32)> = teams
        .iter()
        .enumerate()
        .map(|(m, r)| (r.len() as u32, named_by(cx, m as u32, r)))
        .collect();
    let (asked, named) = counts
        .iter()
        .filter(|c| c.0 >= 2)
        .fold((0u32, 0u32), |(a, n), c| (a + c.0, n + c.1));
    if asked == 0 {
        return Vec::new();
    }
    let rate = f64::from(named) / f64::from(asked);
    let mut out = Vec::new();
    for (m, &(asked, named)) in counts.iter().enumerate() {
        if asked < 2 || f64::from(named) >= rate * f64::from(asked) / 2.0 {
            continue;
        }
        let p = binomial_cdf(named, asked, rate);
        let severity = match p {
            p if p < 0.01 && asked >= MIN_TEAM => Severity::High,
            p if p < P_VALUE => Severity::Medium,
            p if p < P_VALUE_NONE && named == 0 => Severity::Low,
            _ => continue,
        };
        let others = cx.team_layer.in_neighbors(m).len() as u32 - named;
        out.push(Finding {
            kind: "manager-without-influence",
            severity,
            group: None,
            people: vec![m as u32],
            summary: format!(
                "only {named} of {asked} responding reports of {} name them for {}, where {:.0} % of reports name their manager across the organisation; {} outside the team name them",
                cx.id(m as u32),
                cx.team_layer_name,
                rate * 100.0,
                if others == 1 { "1 person".to_string() } else { format!("{others} people") }
            ),
            evidence: vec![("responding_reports", asked.into()), ("naming_the_manager", named.into()), ("organisation_rate", rate), ("p_value", p), ("named_by_others", others.into())],
        });
    }
    out
}
