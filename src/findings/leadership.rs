//! Findings on how people lead, written only when the survey asks (a question on
//! a leadership dimension, or on direction), each tested against chance as the team
//! findings are ([`super::teams`]).
//!
//! A team is a manager and their direct reports. On each leader dimension, the chance model
//! is random naming inside the team: a report who names `d` people on the dimension and has
//! `t` teammates names any given one with probability `ρ = min(1, d/t)`. The team's most
//! named person on a dimension (teammate or not), named by `c` of the responding reports, is
//! *followed beyond chance* when `1 − Π(1 − P(Bin(n_y, ρ̄_y) ≥ c))` over the teammates (and
//! that person, when from outside) — the chance that random naming makes someone that
//! popular — survives the Benjamini–Hochberg adjustment over every team and dimension at
//! 5 %. Only teams with at least [`MIN_TEAM`] responding reports are tested.
//!
//! - `roles-separated` (info, or low when the manager is followed by fewer than half of
//!   their reports on every leader dimension): the manager holds direction (named in it by
//!   at least half of their responding reports) while someone else is followed beyond
//!   chance on a leader dimension, by more of the reports than the manager. It can be
//!   healthy; the finding says which dimensions and who.
//! - `nobody-leads` (low): a team of at least the minimum group size whose reports follow
//!   nobody, manager or peer, beyond chance on any leader dimension (unadjusted p ≥ 5 %
//!   on each), nor by half of them on any.
//! - `direction-outside-chart` (medium at a 5 % false-discovery rate over departments, else
//!   low at p < 5 %): in a department of at least the minimum group size, most responding
//!   reports take direction from someone other than their manager, more than the rest of
//!   the organisation does (one-sided binomial against the other departments' rate).
//! - `leadership-concentrated` (medium): one person is followed beyond chance on at least
//!   two dimensions, across at least three teams: a succession and overload risk.

use super::teams::MIN_TEAM;
use super::{Finding, FindingInputs, Sentence, Severity, benjamini_hochberg, binomial_sf};
use crate::classify::profile::{DimensionProfile, Leadership, in_words};
use crate::graph::{Csr, Questions};

/// Adjusted p-value (false-discovery rate) for "followed beyond chance".
const FDR: f64 = 0.05;
/// Unadjusted p-value above which nobody is followed beyond chance.
const P_LOW: f64 = 0.05;
/// Fewest teams, and dimensions, for `leadership-concentrated`.
const CONCENTRATED_TEAMS: usize = 3;
const CONCENTRATED_DIMENSIONS: usize = 2;

/// A team's most followed person on one dimension.
struct Followed {
    manager: u32,
    dimension: usize,
    responding: u32,
    person: u32,
    count: u32,
    manager_count: u32,
    p: f64,
}

/// Every finding on how people lead; none when the survey does not ask.
pub fn leadership_findings(cx: &FindingInputs<'_>) -> Vec<Finding> {
    let Some(l) = cx.analysis.leadership else {
        return Vec::new();
    };
    let managers = &cx.analysis.metrics.managers;
    let n = managers.len();
    let mut reports: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (p, m) in managers.iter().enumerate() {
        if let Some(m) = m {
            reports[*m as usize].push(p as u32);
        }
    }
    let mut followed = Vec::new();
    for (i, d) in l.dimensions.iter().enumerate() {
        let layers: Vec<&Csr> = d
            .questions
            .iter()
            .map(|&q| cx.analysis.graph.influence(Questions::One(q as u16)))
            .collect();
        for m in 0..n {
            if let Some(f) = most_followed(&reports, m, d, i, &layers) {
                followed.push(f);
            }
        }
    }
    let adjusted = benjamini_hochberg(&followed.iter().map(|f| f.p).collect::<Vec<_>>());
    let beyond: Vec<(&Followed, f64)> = followed
        .iter()
        .zip(adjusted)
        .filter(|(f, q)| *q < FDR && f.count > 0)
        .collect();
    let mut out = roles_separated(l, &reports, &beyond);
    out.extend(nobody_leads(cx, l, &reports, &followed));
    out.extend(direction_outside_chart(cx, l));
    out.extend(concentrated(l, &beyond));
    out
}

/// The most followed person on dimension `d` (index `i`) among the responding reports of
/// manager `m`, with the chance of someone being followed that often; `None` for teams
/// with fewer than [`MIN_TEAM`] responding reports.
fn most_followed(
    reports: &[Vec<u32>],
    m: usize,
    d: &DimensionProfile,
    i: usize,
    layers: &[&Csr],
) -> Option<Followed> {
    let team = &reports[m];
    let responding: Vec<u32> = team
        .iter()
        .copied()
        .filter(|&r| d.responded[r as usize])
        .collect();
    if (responding.len() as u32) < MIN_TEAM {
        return None;
    }
    let direct = |p: u32| reports[p as usize].len() as u32;
    let mut rho = Vec::with_capacity(responding.len());
    let mut counts: Vec<(u32, u32)> = Vec::new();
    let mut named: Vec<u32> = Vec::new();
    for &r in &responding {
        named.clear();
        for g in layers {
            named.extend_from_slice(g.out_neighbors(r as usize));
        }
        named.sort_unstable();
        named.dedup();
        let teammates = team.len() as u32 + direct(r);
        rho.push((named.len() as f64 / f64::from(teammates.max(1))).min(1.0));
        counts.extend(named.iter().map(|&y| (y, 1)));
    }
    counts.sort_unstable();
    let mut tally: Vec<(u32, u32)> = Vec::new();
    for (y, c) in counts {
        match tally.last_mut() {
            Some(last) if last.0 == y => last.1 += c,
            _ => tally.push((y, c)),
        }
    }
    let count_of = |y: u32| {
        tally
            .binary_search_by_key(&y, |t| t.0)
            .map_or(0, |i| tally[i].1)
    };
    // The most named; ties go to the manager, then to the lower person number.
    let (person, count) = tally
        .iter()
        .copied()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then((a.0 == m as u32).cmp(&(b.0 == m as u32)))
                .then(b.0.cmp(&a.0))
        })
        .unwrap_or((m as u32, 0));
    let total: f64 = rho.iter().sum();
    let resp = responding.len();
    let mut candidates: Vec<u32> = std::iter::once(m as u32)
        .chain(team.iter().copied())
        .collect();
    if !candidates.contains(&person) {
        candidates.push(person);
    }
    let mut none = 1.0;
    for &y in &candidates {
        let pos = responding.iter().position(|&r| r == y);
        let (could, sum) = match pos {
            Some(k) => (resp - 1, total - rho[k]),
            None => (resp, total),
        };
        if could == 0 {
            continue;
        }
        let mean = sum / could as f64;
        none *= 1.0 - binomial_sf(count, could as u32, mean);
    }
    Some(Followed {
        manager: m as u32,
        dimension: i,
        responding: resp as u32,
        person,
        count,
        manager_count: count_of(m as u32),
        p: if count == 0 {
            1.0
        } else {
            (1.0 - none).clamp(0.0, 1.0)
        },
    })
}

fn roles_separated(
    l: &Leadership,
    reports: &[Vec<u32>],
    beyond: &[(&Followed, f64)],
) -> Vec<Finding> {
    let Some(direction) = &l.direction else {
        return Vec::new();
    };
    // Each team's entries, in `beyond`'s order: one pass, not one per team.
    let mut by_team: Vec<Vec<&(&Followed, f64)>> = vec![Vec::new(); reports.len()];
    for b in beyond {
        by_team[b.0.manager as usize].push(b);
    }
    let mut out = Vec::new();
    for (m, team) in reports.iter().enumerate() {
        let (directed, answered) = direction.reports[m];
        if team.is_empty() || answered == 0 || 2 * directed < answered {
            continue;
        }
        let others: Vec<&(&Followed, f64)> = by_team[m]
            .iter()
            .copied()
            .filter(|(f, _)| f.person as usize != m && f.count > f.manager_count)
            .collect();
        let Some(main) = others.iter().max_by(|a, b| {
            a.0.count
                .cmp(&b.0.count)
                .then(b.0.person.cmp(&a.0.person))
                .then(b.0.dimension.cmp(&a.0.dimension))
        }) else {
            continue;
        };
        let person = main.0.person;
        let dims: Vec<&str> = others
            .iter()
            .filter(|(f, _)| f.person == person)
            .map(|(f, _)| l.dimensions[f.dimension].dimension.as_str())
            .collect();
        let coverage = l.leadership_coverage(m).unwrap_or(0.0);
        let severity = if coverage < 0.5 {
            Severity::Low
        } else {
            Severity::Info
        };
        let q = others
            .iter()
            .filter(|(f, _)| f.person == person)
            .map(|(_, q)| *q)
            .fold(1.0, f64::min);
        out.push(Finding {
            kind: "roles-separated",
            severity,
            group: None,
            people: vec![m as u32, person],
            summary: Sentence::new()
                .person(m as u32)
                .text(format!(
                    " gives direction to {directed} of {answered} responding reports, who follow "
                ))
                .person(person)
                .text(format!(
                    " for {} ({} of {}); {:.0} % of the reports follow their manager on some leader dimension. Separate roles can work well: worth knowing, not a fault",
                    in_words(&dims),
                    main.0.count,
                    main.0.responding,
                    coverage * 100.0
                )),
            action: Sentence::new()
                .text("None needed where it works: agree openly with ")
                .person(m as u32)
                .text(" and ")
                .person(person)
                .text(" who sets the team's direction and who is followed, so that the two roles support each other"),
            evidence: vec![
                ("responding_reports", answered.into()),
                ("taking_direction_from_the_manager", directed.into()),
                ("following_the_other_person", main.0.count.into()),
                ("following_the_manager", main.0.manager_count.into()),
                ("leadership_coverage", coverage),
                ("adjusted_p_value", q),
            ],
        });
    }
    out
}

fn nobody_leads(
    cx: &FindingInputs<'_>,
    l: &Leadership,
    reports: &[Vec<u32>],
    followed: &[Followed],
) -> Vec<Finding> {
    if l.dimensions.is_empty() {
        return Vec::new();
    }
    // Each team's entries, in `followed`'s order: one pass, not one per team.
    let mut by_team: Vec<Vec<&Followed>> = vec![Vec::new(); reports.len()];
    for f in followed {
        by_team[f.manager as usize].push(f);
    }
    let mut out = Vec::new();
    for (m, team) in reports.iter().enumerate() {
        if team.len() + 1 < cx.min_group_size {
            continue;
        }
        let tested = &by_team[m];
        // Every dimension tested, none beyond chance, and on none is anyone named by half
        // of the reports (where reports name most of their teammates, a manager named by
        // most of them is not beyond chance, yet is followed).
        if tested.len() < l.dimensions.len()
            || tested
                .iter()
                .any(|f| f.p < P_LOW || 2 * f.count >= f.responding)
        {
            continue;
        }
        let responding = tested.iter().map(|f| f.responding).max().unwrap_or(0);
        let most = tested.iter().map(|f| f.count).max().unwrap_or(0);
        let p = tested.iter().map(|f| f.p).fold(1.0, f64::min);
        let names: Vec<&str> = l.dimensions.iter().map(|d| d.dimension.as_str()).collect();
        out.push(Finding {
            kind: "nobody-leads",
            severity: Severity::Low,
            group: None,
            people: vec![m as u32],
            summary: Sentence::new()
                .text(format!("the {responding} responding reports of "))
                .person(m as u32)
                .text(format!(
                    " follow nobody, their manager or anyone else, more than chance would give on {}: the most named is named by {most}",
                    in_words(&names)
                )),
            action: Sentence::new()
                .text("Talk with ")
                .person(m as u32)
                .text("'s team about who they learn from and look to; give the manager support in leading, not only directing"),
            evidence: vec![
                ("responding_reports", responding.into()),
                ("most_named_by", most.into()),
                ("smallest_p_value", p),
            ],
        });
    }
    out
}

fn direction_outside_chart(cx: &FindingInputs<'_>, l: &Leadership) -> Vec<Finding> {
    let Some(direction) = &l.direction else {
        return Vec::new();
    };
    let metrics = cx.analysis.metrics;
    let departments = metrics.department_names.len();
    if departments == 0 {
        return Vec::new();
    }
    let layers: Vec<&Csr> = direction
        .questions
        .iter()
        .map(|&q| cx.analysis.graph.influence(Questions::One(q as u16)))
        .collect();
    let mut size = vec![0usize; departments];
    for d in metrics.department.iter().flatten() {
        size[*d as usize] += 1;
    }
    // Per department: reports who named someone for direction, of whom outside the chart,
    // and who they follow instead.
    let mut asked = vec![0u32; departments];
    let mut outside = vec![0u32; departments];
    let mut instead: Vec<Vec<u32>> = vec![Vec::new(); departments];
    let mut named: Vec<u32> = Vec::new();
    for (p, m) in metrics.managers.iter().enumerate() {
        let (Some(m), Some(d)) = (m, metrics.department[p]) else {
            continue;
        };
        named.clear();
        for g in &layers {
            named.extend_from_slice(g.out_neighbors(p));
        }
        named.sort_unstable();
        named.dedup();
        if named.is_empty() {
            continue;
        }
        asked[d as usize] += 1;
        if !named.contains(m) {
            outside[d as usize] += 1;
            instead[d as usize].extend_from_slice(&named);
        }
    }
    let (all_asked, all_outside): (u32, u32) = (asked.iter().sum(), outside.iter().sum());
    let mut tested = Vec::new();
    for d in 0..departments {
        if size[d] < cx.min_group_size || asked[d] < MIN_TEAM || 2 * outside[d] <= asked[d] {
            continue;
        }
        let rest = (all_asked - asked[d], all_outside - outside[d]);
        let rate = (f64::from(rest.1) + 0.5) / (f64::from(rest.0) + 1.0);
        let p = binomial_sf(outside[d], asked[d], rate);
        tested.push((d, rate, p));
    }
    let adjusted = benjamini_hochberg(&tested.iter().map(|t| t.2).collect::<Vec<_>>());
    let mut out = Vec::new();
    for (&(d, rate, p), q) in tested.iter().zip(adjusted) {
        let severity = if q < FDR {
            Severity::Medium
        } else if p < P_LOW {
            Severity::Low
        } else {
            continue;
        };
        let mut who = std::mem::take(&mut instead[d]);
        who.sort_unstable();
        let mut tally: Vec<(u32, u32)> = Vec::new();
        for y in who {
            match tally.last_mut() {
                Some(last) if last.0 == y => last.1 += 1,
                _ => tally.push((y, 1)),
            }
        }
        tally.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // Those named by at least two, so that no single answer can be read off.
        let people: Vec<u32> = tally.iter().filter(|t| t.1 >= 2).map(|t| t.0).collect();
        let mut summary = Sentence::new()
            .text("in ")
            .group(cx.department_name(d as u32))
            .text(format!(
                ", {} of {} responding reports take direction from someone other than their manager",
                outside[d], asked[d]
            ));
        if let Some(&(y, c)) = tally.first()
            && c >= 2
        {
            summary = summary
                .text(", mostly from ")
                .person(y)
                .text(format!(" ({c})"));
        }
        out.push(Finding {
            kind: "direction-outside-chart",
            severity,
            group: Some(cx.department_name(d as u32).to_string()),
            people,
            summary: summary.text(format!(
                ", against {:.0} % elsewhere: the chain of command as practised is not the org chart's",
                rate * 100.0
            )),
            action: Sentence::new()
                .text("Make the chain of command as practised in ")
                .group(cx.department_name(d as u32))
                .text(" explicit: confirm the dotted lines that work, or bring priorities back to the reports' own managers"),
            evidence: vec![
                ("responding_reports", asked[d].into()),
                ("outside_the_chart", outside[d].into()),
                ("rate_elsewhere", rate),
                ("p_value", p),
                ("adjusted_p_value", q),
            ],
        });
    }
    out
}

fn concentrated(l: &Leadership, beyond: &[(&Followed, f64)]) -> Vec<Finding> {
    let mut by_person: Vec<(u32, u32, usize)> = beyond
        .iter()
        .map(|(f, _)| (f.person, f.manager, f.dimension))
        .collect();
    by_person.sort_unstable();
    let mut out = Vec::new();
    for run in by_person.chunk_by(|a, b| a.0 == b.0) {
        let person = run[0].0;
        let mut teams: Vec<u32> = run.iter().map(|r| r.1).collect();
        teams.dedup();
        let mut dims: Vec<usize> = run.iter().map(|r| r.2).collect();
        dims.sort_unstable();
        dims.dedup();
        if teams.len() < CONCENTRATED_TEAMS || dims.len() < CONCENTRATED_DIMENSIONS {
            continue;
        }
        let names: Vec<&str> = dims
            .iter()
            .map(|&i| l.dimensions[i].dimension.as_str())
            .collect();
        let mut people = vec![person];
        people.extend(teams.iter().copied().filter(|&m| m != person));
        out.push(Finding {
            kind: "leadership-concentrated",
            severity: Severity::Medium,
            group: None,
            people,
            summary: Sentence::new().person(person).text(format!(
                " is followed beyond chance in {} teams, on {}: the main leader of a large part of the organisation, a succession and overload risk",
                teams.len(),
                in_words(&names)
            )),
            action: Sentence::new()
                .text("Plan for succession and load: involve others beside ")
                .person(person)
                .text(" in each team they lead, so that their example and ideas do not rest on one person"),
            evidence: vec![
                ("teams", teams.len() as f64),
                ("dimensions", dims.len() as f64),
                ("pairs_beyond_chance", run.len() as f64),
            ],
        });
    }
    out
}
