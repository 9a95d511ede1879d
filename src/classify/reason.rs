//! The one-line reason for each person's role, in plain words.

use std::fmt::Write;

use super::rule::RuleApplied;
use crate::metrics::Metrics;

/// Appends `n` and the noun for it: "1 person", "2 people".
fn push_count(line: &mut String, n: u32, one: &str, many: &str) {
    let _ = write!(line, "{n} {}", if n == 1 { one } else { many });
}

/// What the reason says about one person besides their metrics.
pub struct Person<'a> {
    pub title: &'a str,
    /// Their level, when their formal power comes from it alone (`--manager-levels`: no
    /// reports, no managerial title).
    pub power_level: Option<f64>,
    pub formal_power: bool,
    pub high: bool,
    /// Whether the org chart has reporting lines (and so teams).
    pub reporting_lines: bool,
    /// How many of their responding direct reports name them, of how many responded, in
    /// the layer team findings read.
    pub command: (u32, u32),
}

/// One line in plain words: why this person has this role. `team_question` is the
/// question of the layer team findings read, when it is one question.
pub fn reason(
    metrics: &Metrics,
    person: Person<'_>,
    team_question: Option<&str>,
    rule: &RuleApplied,
    p: usize,
) -> String {
    let Person {
        title,
        power_level,
        reporting_lines,
        formal_power,
        high,
        command: (naming, responding),
    } = person;
    let inf = &metrics.combined;
    let mut line = String::with_capacity(192);
    let d = inf.in_degree[p];
    line.push_str("nominated by ");
    push_count(&mut line, d, "person", "people");
    if d > 0 && !metrics.department_names.is_empty() {
        line.push_str(" in ");
        push_count(
            &mut line,
            inf.nominating_departments[p],
            "department",
            "departments",
        );
    }
    let departments = !metrics.department_names.is_empty();
    // Without reporting lines nobody has a team: the share counts the department alone, and
    // without departments either it would say nothing.
    if let Some(share) = inf.outside_team_share(p)
        && (reporting_lines || departments)
    {
        let outside = (share * d as f64).round() as u32;
        let _ = write!(line, ", {outside} of them outside their own ");
        // Without departments, the share counts the team alone.
        line.push_str(match (reporting_lines, departments) {
            (true, true) => "team and department",
            (true, false) => "team",
            _ => "department",
        });
    }
    if metrics.formal.direct_reports[p] > 0 && responding > 0 {
        let _ = write!(
            line,
            "; {naming} of {responding} responding {} them",
            if responding == 1 {
                "report names"
            } else {
                "reports name"
            }
        );
        if let Some(q) = team_question {
            let _ = write!(line, " for {q}");
        }
    }
    // Under the standing rule each group has its own bar: say whose.
    let peers = match (rule.groups.is_empty(), formal_power) {
        (true, _) => "",
        (false, true) => " for people with formal power",
        (false, false) => " for people without formal power",
    };
    match rule.bar(formal_power) {
        Some(t) if high => {
            let _ = write!(line, " (high influence: {t} or more{peers})");
        }
        Some(t) => {
            let _ = write!(line, ", below the high-influence bar of {t}{peers}");
        }
        None if high => line.push_str(" (high influence: in the top of the ranking)"),
        None => line.push_str(", not high influence"),
    }
    line.push_str("; ");
    let reports = metrics.formal.direct_reports[p];
    if reports > 0 {
        push_count(&mut line, reports, "direct report", "direct reports");
    } else if let Some(level) = power_level {
        let _ = write!(
            line,
            "no direct reports, but level {} carries formal power",
            crate::validate::structure::number(level)
        );
    } else if formal_power {
        let _ = write!(
            line,
            "no direct reports, but the title {title:?} is managerial"
        );
    } else {
        line.push_str("no direct reports");
    }
    line
}
