//! The one-line reason for each person's role, in plain words.

use super::rule::RuleApplied;
use crate::metrics::Metrics;

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line in plain words: why this person has this role.
pub fn reason(
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
