//! "How they lead" in `report.html`, written only when the survey asks how people lead (a
//! question on a leadership dimension, or on direction): the sentence on which dimensions
//! the organisation's informal leadership comes from; for each informal leader and
//! leader-manager a small bar chart of their dimensions (inline SVG, one shared scale, so
//! the charts read side by side); and per team the direction sphere (the share of the
//! manager's responding reports who take direction from them) beside the leadership sphere
//! (the share who follow them on at least one leader dimension).
//!
//! People are shown through the [`View`](crate::export::View) as every table of people
//! shows them (a pseudonym only, under `--pseudonymize`). A team is shown only when it
//! has at least `--min-group-size` people, its manager included, and a sphere only when at
//! least [`MIN_TEAM`] of the reports answered its questions, as the findings on teams
//! describe them: a share of fewer would tell one person's answer.

use std::fmt::Write as _;

use super::people::who;
use crate::classify::Role;
use crate::classify::profile::{Leadership, in_words};
use crate::export::context::ExportContext;
use crate::findings::MIN_TEAM;
use crate::text::{count, float, html};

/// Informal leaders, and leader-managers, drawn at most (the most nominated first).
const MAX_INFORMAL: usize = 24;
const MAX_LEADER_MANAGERS: usize = 12;
/// Team rows at most.
const MAX_TEAMS: usize = 40;

/// The small multiples' geometry: a label column, the bar, the count after it.
const CHART_W: f64 = 250.0;
const LABEL_W: f64 = 66.0;
const BAR_W: f64 = 150.0;
const ROW_H: f64 = 18.0;
const BAR_H: f64 = 11.0;

/// A bar the person does not lead on, and the direction bar (the formal sphere).
const MUTED: &str = "#c5ccd4";
const DIRECTION: &str = "#0072b2";

/// Styles the section adds to the page's, only when it is written.
pub const CSS: &str = ".multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; margin: 10px 0; }
figure.multiple { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
figure.multiple svg { border: none; border-radius: 0; }
figure.multiple figcaption { font-size: 12.5px; color: var(--ink); margin-bottom: 4px; }
td.sphere { white-space: nowrap; }
";

/// The two roles drawn, and the colour of a bar they lead on.
fn role_colour(role: Role) -> String {
    super::super::style::hex(role)
}

/// The headline's sentence on how people lead, as HTML; `None` when the survey asks no
/// leader dimension.
pub fn headline(cx: &ExportContext<'_>) -> Option<String> {
    sources(cx).map(|s| format!("<strong>How they lead.</strong> {s}"))
}

/// The sentence on which dimensions the informal leadership comes from, as HTML; `None`
/// when the survey asks no leader dimension.
fn sources(cx: &ExportContext<'_>) -> Option<String> {
    let l = cx.view.leadership()?;
    if l.dimensions.is_empty() {
        return None;
    }
    let roles = cx.view.roles();
    let informal: Vec<usize> = (0..roles.len())
        .filter(|&p| roles[p] == Role::InformalLeader)
        .collect();
    // Without informal leaders, the people without formal power who lead on a dimension.
    let (base, noun): (Vec<usize>, (&str, &str)) = if informal.is_empty() {
        let formal = cx.view.formal_power();
        (
            (0..roles.len())
                .filter(|&p| !formal[p] && l.dimensions.iter().any(|d| d.leads[p]))
                .collect(),
            (
                "person without formal power who leads on a dimension",
                "people without formal power who lead on a dimension",
            ),
        )
    } else {
        (informal, ("informal leader", "informal leaders"))
    };
    if base.is_empty() {
        return Some(format!(
            "Nobody without formal power leads on any of the dimensions asked ({}): influence without a title, if any, shows only across the questions combined.",
            asked(l)
        ));
    }
    let mut tally: Vec<(usize, &str)> = l
        .dimensions
        .iter()
        .map(|d| {
            (
                base.iter().filter(|&&p| d.leads[p]).count(),
                d.dimension.as_str(),
            )
        })
        .filter(|t| t.0 > 0)
        .collect();
    // Most first; equal counts keep the dimensions' order.
    tally.sort_by_key(|t| std::cmp::Reverse(t.0));
    let total = count(base.len(), noun.0, noun.1);
    let on_none = base
        .iter()
        .filter(|&&p| l.dimensions.iter().all(|d| !d.leads[p]))
        .count();
    let Some(&(top, top_name)) = tally.first() else {
        return Some(format!(
            "None of the {total} leads on any one dimension asked ({}): their influence shows only across the questions combined.",
            asked(l)
        ));
    };
    let mostly = if tally.get(1).is_none_or(|t| t.0 < top) {
        "mostly "
    } else {
        ""
    };
    let mut text = format!(
        "The informal leadership here comes {mostly}from <strong>{}</strong> ({top} of {total})",
        html(top_name)
    );
    let rest: Vec<String> = tally[1..]
        .iter()
        .map(|(k, name)| format!("<strong>{}</strong> ({k})", html(name)))
        .collect();
    if !rest.is_empty() {
        let _ = write!(text, ", then {}", in_words(&rest));
    }
    let silent: Vec<&str> = l
        .dimensions
        .iter()
        .map(|d| d.dimension.as_str())
        .filter(|name| !tally.iter().any(|t| t.1 == *name))
        .collect();
    if !silent.is_empty() {
        let _ = write!(text, "; none leads on {}", html(&in_words(&silent)));
    }
    if on_none > 0 {
        let _ = write!(
            text,
            "; {on_none} of them lead{} on no single dimension",
            if on_none == 1 { "s" } else { "" }
        );
    }
    text.push('.');
    Some(text)
}

/// The dimensions asked, in words.
fn asked(l: &Leadership) -> String {
    let names: Vec<&str> = l.dimensions.iter().map(|d| d.dimension.as_str()).collect();
    html(&in_words(&names))
}

/// The section, when the survey asks how people lead.
pub fn how_they_lead(cx: &ExportContext<'_>, page: &mut String) {
    let Some(l) = cx.view.leadership() else {
        return;
    };
    page.push_str("<h2 id=\"how-they-lead\">How they lead</h2>\n");
    if let Some(sentence) = sources(cx) {
        let _ = writeln!(page, "<p>{sentence}</p>");
    }
    multiples(cx, l, page);
    teams(cx, l, page);
}

fn n(x: f64) -> String {
    float((x * 10.0).round() / 10.0)
}

/// One chart per informal leader and leader-manager: a bar per dimension asked (and per
/// direction, when asked), its length the distinct nominators on one scale for all.
fn multiples(cx: &ExportContext<'_>, l: &Leadership, page: &mut String) {
    let ranked = cx.view.ranking();
    let roles = cx.view.roles();
    let of = |role: Role, max: usize| -> Vec<usize> {
        ranked
            .iter()
            .copied()
            .filter(|&p| roles[p] == role)
            .take(max)
            .collect()
    };
    let informal = of(Role::InformalLeader, MAX_INFORMAL);
    let leading = of(Role::LeaderManager, MAX_LEADER_MANAGERS);
    let _ = write!(
        page,
        "<h3>Each leader's dimensions</h3>\n<p class=\"note\">For each informal leader (up to {MAX_INFORMAL}) and leader-manager (up to {MAX_LEADER_MANAGERS}), most nominated first: how many colleagues name them on each dimension, all charts on one scale. A bar in colour is a dimension the person leads on (named by more people than is usual for their formal standing); a grey bar one they do not."
    );
    if l.direction.is_some() {
        page.push_str(" The blue bar is direction: how many take their day-to-day direction from them, the formal sphere as practised.");
    }
    page.push_str("</p>\n");
    if informal.is_empty() && leading.is_empty() {
        page.push_str("<p>No informal leader or leader-manager to draw.</p>\n");
        return;
    }
    let everyone: Vec<usize> = informal.iter().chain(&leading).copied().collect();
    let scale = everyone
        .iter()
        .flat_map(|&p| {
            l.dimensions
                .iter()
                .map(move |d| d.nominators[p])
                .chain(l.direction.iter().map(move |d| d.nominators[p]))
        })
        .max()
        .unwrap_or(0)
        .max(1);
    for (people, title) in [
        (&informal, "Informal leaders"),
        (&leading, "Leader-managers"),
    ] {
        if people.is_empty() {
            continue;
        }
        let _ = writeln!(
            page,
            "<p class=\"small\"><strong>{title}</strong></p>\n<div class=\"multiples\">"
        );
        for &p in people.iter() {
            chart(cx, l, p, scale, page);
        }
        page.push_str("</div>\n");
    }
}

fn chart(cx: &ExportContext<'_>, l: &Leadership, p: usize, scale: u32, page: &mut String) {
    let colour = role_colour(cx.view.roles()[p]);
    let label = cx.view.label(p);
    let rows = l.dimensions.len() + usize::from(l.direction.is_some());
    let height = ROW_H * rows as f64 + 4.0;
    let _ = write!(
        page,
        r#"<figure class="multiple"><figcaption>{}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {}" role="img"><title>How {} leads</title>"#,
        who(cx, p),
        n(height),
        html(&label)
    );
    let mut y = 2.0;
    let mut bar = |page: &mut String, name: &str, k: u32, fill: &str, tip: String| {
        let w = BAR_W * f64::from(k) / f64::from(scale);
        let mid = y + ROW_H / 2.0;
        let _ = write!(
            page,
            r##"<g><title>{}</title><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#34404c">{}</text><rect x="{LABEL_W}" y="{}" width="{}" height="{BAR_H}" rx="2" fill="{fill}"/><text x="{}" y="{}" font-size="11" fill="#5b6673">{k}</text></g>"##,
            html(&tip),
            n(LABEL_W - 6.0),
            n(mid + 4.0),
            html(name),
            n(mid - BAR_H / 2.0),
            n(w),
            n(LABEL_W + w + 4.0),
            n(mid + 4.0)
        );
        y += ROW_H;
    };
    for d in &l.dimensions {
        let k = d.nominators[p];
        let leads = d.leads[p];
        let percentile = d.percentile[p].map_or(String::new(), |x| {
            format!(", percentile {x:.0} among people of the same formal standing")
        });
        let tip = format!(
            "{}: named by {k}{percentile}{}",
            d.dimension.as_str(),
            if leads { ", leads on it" } else { "" }
        );
        bar(
            page,
            d.dimension.as_str(),
            k,
            if leads { &colour } else { MUTED },
            tip,
        );
    }
    if let Some(direction) = &l.direction {
        let k = direction.nominators[p];
        bar(
            page,
            "direction",
            k,
            DIRECTION,
            format!("direction: {k} take direction from them"),
        );
    }
    page.push_str("</svg></figure>\n");
}

/// Per team of at least the minimum group size: the manager's direction sphere beside their
/// leadership sphere, the teams where the two differ most first.
fn teams(cx: &ExportContext<'_>, l: &Leadership, page: &mut String) {
    let min = cx.options.output.min_group_size;
    let reports = &cx.view.metrics().formal.direct_reports;
    let has_dimensions = !l.dimensions.is_empty();
    let share = |(named, answered): (u32, u32)| {
        (answered >= MIN_TEAM).then(|| f64::from(named) / f64::from(answered))
    };
    let mut rows: Vec<(usize, Option<f64>, Option<f64>)> = (0..reports.len())
        .filter(|&m| reports[m] > 0 && reports[m] as usize + 1 >= min.max(1))
        .map(|m| {
            let direction = l.direction.as_ref().and_then(|d| share(d.reports[m]));
            let leadership = if has_dimensions {
                share(l.leader_reports[m])
            } else {
                None
            };
            (m, direction, leadership)
        })
        .filter(|r| r.1.is_some() || r.2.is_some())
        .collect();
    let rank = cx.view.rank();
    let gap =
        |r: &(usize, Option<f64>, Option<f64>)| (r.1.unwrap_or(0.0) - r.2.unwrap_or(0.0)).abs();
    let answered = |m: usize| {
        let direction = l.direction.as_ref().map_or(0, |d| d.reports[m].1);
        direction.max(l.leader_reports[m].1)
    };
    rows.sort_by(|a, b| {
        gap(b)
            .total_cmp(&gap(a))
            .then(answered(b.0).cmp(&answered(a.0)))
            .then(rank[a.0].cmp(&rank[b.0]))
    });
    let _ = writeln!(
        page,
        "<h3>Each team's two spheres</h3>\n<p class=\"note\">A team is a manager and their direct reports; only teams of at least {min} people, the manager included (<code>--min-group-size</code>), and only shares of at least {MIN_TEAM} reports who answered, are shown. Direction: the share of the reports who answered who take their day-to-day direction from the manager, the formal sphere as practised. Leadership: the share who follow the manager on at least one leader dimension, the sphere of influence. The teams where the two differ most come first; <code>people.csv</code> has both for every manager (<code>direction_coverage</code>, <code>leadership_coverage</code>).</p>"
    );
    if rows.is_empty() {
        page.push_str("<p>No team is large enough to show, or answered enough to.</p>\n");
        return;
    }
    page.push_str("<div class=\"scroll\"><table class=\"spheres\"><thead><tr><th>Manager</th><th>Department</th><th class=\"num\">Reports</th>");
    if l.direction.is_some() {
        page.push_str("<th>Direction sphere</th>");
    }
    if has_dimensions {
        page.push_str("<th>Leadership sphere</th>");
    }
    page.push_str("</tr></thead><tbody>\n");
    let cell = |page: &mut String, x: Option<f64>, (named, answered): (u32, u32), fill: &str| {
        match x {
            Some(x) => {
                let _ = write!(
                    page,
                    "<td class=\"sphere\"><span class=\"bar\" style=\"width:{}px;background:{fill}\"></span>{:.0} % <span class=\"small\">({named} of {answered})</span></td>",
                    n(x * 120.0),
                    x * 100.0
                );
            }
            None => page.push_str("<td class=\"sphere small\">too few answered</td>"),
        }
    };
    let colour = role_colour(Role::InformalLeader);
    for &(m, direction, leadership) in rows.iter().take(MAX_TEAMS) {
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
            who(cx, m),
            html(cx.view.department(m)),
            reports[m]
        );
        if let Some(d) = &l.direction {
            cell(page, direction, d.reports[m], DIRECTION);
        }
        if has_dimensions {
            cell(page, leadership, l.leader_reports[m], &colour);
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody></table></div>\n");
    if rows.len() > MAX_TEAMS {
        let _ = writeln!(
            page,
            "<p class=\"note\">The {MAX_TEAMS} teams whose spheres differ most of {} are shown.</p>",
            count(rows.len(), "team", "teams")
        );
    }
}
