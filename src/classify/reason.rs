//! The one-line reason for each person's role, in plain words.

use std::fmt::Write;

use super::rule::RuleApplied;
use crate::metrics::Metrics;

/// Appends `n` and the noun for it: "1 person", "2 people".
fn push_count(line: &mut String, n: u32, one: &str, many: &str) {
    let _ = write!(line, "{n} {}", if n == 1 { one } else { many });
}

/// Appends `x` rounded to a whole number, as `format!("{x:.0}")` writes it (ties to
/// even), without the general formatter for the usual case of a finite, non-negative
/// number.
fn push_whole(line: &mut String, x: f64) {
    if x.is_finite() && x.is_sign_positive() && x < 1e15 {
        let _ = write!(line, "{}", x.round_ties_even() as u64);
    } else {
        let _ = write!(line, "{x:.0}");
    }
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
    if let Some(share) = inf.outside_team_share[p] {
        let outside = (share * d as f64).round() as u32;
        let _ = write!(
            line,
            ", {outside} of them outside their own team and department"
        );
    }
    if let Some(cov) = inf.command_coverage[p] {
        line.push_str("; ");
        push_whole(&mut line, cov * 100.0);
        line.push_str(" % of their responding reports name them");
    }
    match rule.bar(formal_power) {
        Some(t) if high => {
            let _ = write!(line, " (high influence: {t} or more)");
        }
        Some(t) => {
            let _ = write!(line, ", below the high-influence bar of {t}");
        }
        None if high => line.push_str(" (high influence: in the top of the ranking)"),
        None => line.push_str(", not high influence"),
    }
    line.push_str("; ");
    let reports = metrics.formal.direct_reports[p];
    if reports > 0 {
        push_count(&mut line, reports, "direct report", "direct reports");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_round_as_the_formatter_does() {
        let mut rng = crate::rng::SplitMix64::new(4);
        let halves = (0..=200).map(|k| k as f64 / 2.0);
        let shares = (1..=60u32).flat_map(|m| (0..=m).map(move |k| f64::from(k) / f64::from(m)));
        let random = (0..2000).map(|_| rng.unit() * 100.0);
        let special = [
            0.0,
            -0.0,
            -0.5,
            -1.5,
            1e300,
            f64::INFINITY,
            f64::NAN,
            99.5,
            100.0,
        ];
        for x in halves
            .chain(shares.map(|s| s * 100.0))
            .chain(random)
            .chain(special)
        {
            let mut line = String::new();
            push_whole(&mut line, x);
            assert_eq!(line, format!("{x:.0}"), "{x}");
        }
    }
}
