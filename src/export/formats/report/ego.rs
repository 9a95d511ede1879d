//! The ego networks of `report.html`, as inline SVG: for each informal leader and each key
//! player, the person in the centre and around them the colleagues who name them on an
//! influence question, coloured by department (with a legend), their manager marked.
//!
//! What is drawn is bounded whatever the organisation's size: the [`MAX_LEADERS`] most
//! nominated informal leaders and the first [`MAX_KEY_PLAYERS`] key players of the
//! key-player ranking (one picture each, a person who is both drawn once), and around each
//! at most [`MAX_NOMINATORS`] of the people who name them, chosen by
//! [`shown_nominators`]; the caption says "showing 40 of 1234 who name them".
//!
//! People appear as the tables of people show them, through the
//! [`View`](crate::export::View) (a pseudonym only, under `--pseudonymize`). Colours are by
//! department through [`DepartmentGroups`]: the [`PALETTE`]'s twelve largest departments of
//! at least `--min-group-size` people get a colour each, the other departments share one
//! grey, and people of departments too small to show even together are drawn white, so no
//! colour tells a department of fewer than the minimum.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::super::style;
use super::people::who;
use crate::classify::{Role, by_score};
use crate::export::context::ExportContext;
use crate::export::view::groups::DepartmentGroups;
use crate::graph::Questions;
use crate::load::QuestionKind;
use crate::text::{count, float, html};

/// Informal leaders drawn at most (the most nominated first).
pub const MAX_LEADERS: usize = 12;
/// Key players drawn at most (the first of the key-player ranking).
pub const MAX_KEY_PLAYERS: usize = 12;
/// People who name someone drawn around them at most.
pub const MAX_NOMINATORS: usize = 40;
/// One colour per department, largest first: Paul Tol's "muted" scheme (readable with the
/// common colour-vision deficiencies), then blue, brown and light green; every other
/// department is [`OTHER`].
pub const PALETTE: [&str; 12] = [
    "#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255",
    "#aa4499", "#0072b2", "#a6761d", "#b2df8a",
];
const OTHER: &str = "#6b7682";
/// People of departments too small to show even together.
const HIDDEN: &str = "#ffffff";

const SIZE: f64 = 460.0;
const RING: f64 = 118.0;
const DOT: f64 = 6.0;
const EGO: f64 = 16.0;
/// Names around the ring are cut to this many characters (the tooltip has them whole).
const LABEL_CHARS: usize = 18;

/// The people who name someone that their picture shows: at most `max`, those who name
/// them on most questions first, then in output order (`rank`); their manager, when among
/// them, always kept. `all` holds (person, questions).
pub fn shown_nominators(
    all: &[(usize, u32)],
    rank: &[usize],
    manager: Option<usize>,
    max: usize,
) -> Vec<(usize, u32)> {
    let mut sorted = all.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(rank[a.0].cmp(&rank[b.0])));
    // The manager, when they name them but would not be among the first `max`.
    let late_manager = manager
        .and_then(|m| sorted.iter().position(|x| x.0 == m))
        .filter(|&at| at >= max && max > 0)
        .map(|at| sorted[at]);
    sorted.truncate(max);
    if let Some(m) = late_manager {
        sorted.pop();
        sorted.push(m);
    }
    sorted
}

/// The section.
pub fn egos(cx: &ExportContext<'_>, page: &mut String) {
    let min = cx.options.output.min_group_size.max(1);
    let (people, leaders, players) = drawn(cx);
    page.push_str("<h2 id=\"ego-networks\">Who names them</h2>\n");
    let _ = writeln!(
        page,
        "<p class=\"note\">For each informal leader ({}) and each key player ({}): the person in the centre, and around them the colleagues who name them on an influence question, grouped and coloured by department, each line thicker for more questions. Their manager is ringed in black when they name them, else drawn as a square below them on a dashed line. At most {MAX_NOMINATORS} of the people who name someone are drawn: those who name them on most questions, then in the order of <code>people.csv</code> (their manager always kept); the caption says how many of how many. The {} largest departments of at least {min} people (<code>--min-group-size</code>) have a colour each, the others share the grey of “other departments”, and people of departments too small to show even together are drawn white.</p>",
        how_many(leaders, MAX_LEADERS, "the {k} most nominated of {n}"),
        how_many(
            players,
            MAX_KEY_PLAYERS,
            "the first {k} of {n} in the ranking above"
        ),
        PALETTE.len()
    );
    if people.is_empty() {
        page.push_str("<p>No informal leader or key player to draw.</p>\n");
        return;
    }
    let dg = cx.view.department_groups(min, PALETTE.len() + 1);
    let questions = influence_questions(cx);
    page.push_str("<div class=\"egos\">\n");
    for p in people {
        ego(cx, &dg, &questions, p, page);
    }
    page.push_str("</div>\n");
}

/// "none", "all 4", or `some` with `{k}` (the most drawn) and `{n}` (how many there are).
fn how_many(n: usize, max: usize, some: &str) -> String {
    match n {
        0 => "none here".to_string(),
        _ if n <= max => format!("all {n}"),
        _ => some
            .replace("{k}", &max.to_string())
            .replace("{n}", &n.to_string()),
    }
}

/// The people drawn, with how many informal leaders and key players there are.
fn drawn(cx: &ExportContext<'_>) -> (Vec<usize>, usize, usize) {
    let roles = cx.view.roles();
    let inf = &cx.view.metrics().combined;
    let mut leaders: Vec<usize> = (0..roles.len())
        .filter(|&p| roles[p] == Role::InformalLeader)
        .collect();
    leaders.sort_by(|&a, &b| by_score(&inf.in_degree, &inf.pagerank, a, b).then(a.cmp(&b)));
    let players = &cx.view.key_players().players;
    let mut people: Vec<usize> = leaders.iter().copied().take(MAX_LEADERS).collect();
    for k in players.iter().take(MAX_KEY_PLAYERS) {
        let p = k.person as usize;
        if !people.contains(&p) {
            people.push(p);
        }
    }
    (people, leaders.len(), players.len())
}

/// The influence questions of the combined layer (of the influence kind, weight above 0).
fn influence_questions(cx: &ExportContext<'_>) -> Vec<u16> {
    let (kinds, weights) = (cx.view.question_kinds(), cx.view.question_weights());
    (0..kinds.len())
        .filter(|&q| kinds[q] == QuestionKind::Influence && weights.get(q).is_none_or(|&w| w > 0.0))
        .map(|q| q as u16)
        .collect()
}

/// Everyone who names `p` in the combined influence layer, with on how many of
/// `questions` they do.
fn nominators(cx: &ExportContext<'_>, questions: &[u16], p: usize) -> Vec<(usize, u32)> {
    let graph = cx.view.graph();
    let mut on: BTreeMap<u32, u32> = BTreeMap::new();
    for &q in questions {
        for &u in graph.influence(Questions::One(q)).in_neighbors(p) {
            *on.entry(u).or_default() += 1;
        }
    }
    graph
        .influence(Questions::All)
        .in_neighbors(p)
        .iter()
        .map(|&u| (u as usize, on.get(&u).copied().unwrap_or(1).max(1)))
        .collect()
}

/// A person's colour and what the legend calls it.
fn colour(dg: &DepartmentGroups, p: usize) -> (&'static str, Option<usize>) {
    match dg.of[p] {
        Some(g) if dg.merged > 0 && g + 1 == dg.len() => (OTHER, Some(g)),
        Some(g) => (PALETTE.get(g).copied().unwrap_or(OTHER), Some(g)),
        None => (HIDDEN, None),
    }
}

fn n(x: f64) -> String {
    float((x * 10.0).round() / 10.0)
}

fn short(label: &str) -> String {
    if label.chars().count() > LABEL_CHARS {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        label.to_string()
    }
}

/// One person's picture, caption and legend.
fn ego(
    cx: &ExportContext<'_>,
    dg: &DepartmentGroups,
    questions: &[u16],
    p: usize,
    page: &mut String,
) {
    let v = &cx.view;
    let manager = v.managers()[p].map(|m| m as usize);
    let all = nominators(cx, questions, p);
    let mut shown = shown_nominators(&all, v.rank(), manager, MAX_NOMINATORS);
    // Around the ring by department (the legend's order), then as chosen.
    let group_key = |u: usize| dg.of[u].unwrap_or(usize::MAX);
    shown.sort_by(|a, b| {
        group_key(a.0)
            .cmp(&group_key(b.0))
            .then(b.1.cmp(&a.1))
            .then(v.rank()[a.0].cmp(&v.rank()[b.0]))
    });
    let manager_names = manager.is_some_and(|m| all.iter().any(|x| x.0 == m));
    let mut tags: Vec<String> = Vec::new();
    if v.roles()[p] == Role::InformalLeader {
        tags.push("informal leader".to_string());
    }
    if let Some(k) = v.key_players().get(p) {
        tags.push(format!("key player, {} risk", k.risk.as_str()));
    }
    let named = if all.is_empty() {
        "named by nobody on an influence question".to_string()
    } else if shown.len() < all.len() {
        format!("showing {} of {} who name them", shown.len(), all.len())
    } else {
        format!("named by {}", count(all.len(), "person", "people"))
    };
    let boss = match manager {
        None => "no manager in the org chart".to_string(),
        Some(m) => format!(
            "manager {} ({})",
            if v.label(m) == v.id(m) {
                v.id(m).to_string()
            } else {
                format!("{} {}", v.label(m), v.id(m))
            },
            if manager_names {
                "names them"
            } else {
                "does not name them"
            }
        ),
    };
    let _ = write!(
        page,
        "<figure class=\"ego\"><figcaption>{} · {}<br/><span class=\"small\">{}; {}</span></figcaption>",
        who(cx, p),
        tags.join(" · "),
        html(&named),
        html(&boss)
    );
    svg(
        cx,
        dg,
        p,
        &shown,
        manager.filter(|_| !manager_names),
        manager,
        page,
    );
    legend(dg, &shown, manager, manager_names, page);
    page.push_str("</figure>\n");
}

fn svg(
    cx: &ExportContext<'_>,
    dg: &DepartmentGroups,
    p: usize,
    shown: &[(usize, u32)],
    apart: Option<usize>,
    manager: Option<usize>,
    page: &mut String,
) {
    let v = &cx.view;
    let c = SIZE / 2.0;
    let label = v.label(p);
    let _ = write!(
        page,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img"><title>Who names {}</title>"#,
        html(&label)
    );
    let k = shown.len();
    let at = |i: usize| {
        let theta = -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * i as f64 / k as f64;
        (theta, c + RING * theta.cos(), c + RING * theta.sin())
    };
    // The lines, from each dot's edge to the centre's.
    page.push_str(r##"<g stroke="#8a939e" stroke-opacity="0.6">"##);
    for (i, &(_, q)) in shown.iter().enumerate() {
        let (theta, _, _) = at(i);
        let (cos, sin) = (theta.cos(), theta.sin());
        let _ = write!(
            page,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}"/>"#,
            n(c + (RING - DOT) * cos),
            n(c + (RING - DOT) * sin),
            n(c + (EGO + 2.0) * cos),
            n(c + (EGO + 2.0) * sin),
            n(0.8 + 0.9 * f64::from(q.saturating_sub(1).min(4)))
        );
    }
    page.push_str("</g>");
    if let Some(m) = apart {
        let y = c + 64.0;
        let (fill, _) = colour(dg, m);
        let _ = write!(
            page,
            r##"<line x1="{c}" y1="{}" x2="{c}" y2="{}" stroke="#1d2630" stroke-width="1.2" stroke-dasharray="4 3"/><rect x="{}" y="{}" width="14" height="14" fill="{fill}" stroke="#1d2630" stroke-width="2"><title>{} · their manager · does not name them</title></rect><text x="{c}" y="{}" font-size="10.5" fill="#1d2630" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">manager {}</text>"##,
            n(c + EGO + 2.0),
            n(y - 7.0),
            n(c - 7.0),
            n(y - 7.0),
            html(&v.label(m)),
            n(y + 20.0),
            html(&short(&v.label(m)))
        );
    }
    for (i, &(u, q)) in shown.iter().enumerate() {
        let (_, x, y) = at(i);
        let (fill, g) = colour(dg, u);
        let department = g.map_or("a department too small to show", |g| dg.names[g].as_str());
        let is_manager = Some(u) == manager;
        let (r, stroke, width) = if is_manager {
            (DOT + 1.5, "#1d2630", 2.5)
        } else if fill == HIDDEN {
            (DOT, "#8a939e", 1.2)
        } else {
            (DOT, "#ffffff", 1.0)
        };
        let _ = write!(
            page,
            r#"<circle cx="{}" cy="{}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"><title>{}{} · {} · names them on {}</title></circle>"#,
            n(x),
            n(y),
            html(&v.label(u)),
            if is_manager { " (their manager)" } else { "" },
            html(department),
            count(q as usize, "question", "questions")
        );
    }
    // Names outward from each dot, never upside down.
    page.push_str(r##"<g font-size="10" fill="#34404c">"##);
    for (i, &(u, _)) in shown.iter().enumerate() {
        let (theta, _, _) = at(i);
        let (x, y) = (
            c + (RING + 11.0) * theta.cos(),
            c + (RING + 11.0) * theta.sin(),
        );
        let mut deg = theta.to_degrees();
        let anchor = if theta.cos() < -1e-9 {
            deg += 180.0;
            "end"
        } else {
            "start"
        };
        let _ = write!(
            page,
            r#"<text transform="translate({} {}) rotate({})" dy="3.5" text-anchor="{anchor}">{}</text>"#,
            n(x),
            n(y),
            n(deg),
            html(&short(&v.label(u)))
        );
    }
    page.push_str("</g>");
    let _ = write!(
        page,
        r##"<circle cx="{c}" cy="{c}" r="{EGO}" fill="{}" stroke="#ffffff" stroke-width="2"><title>{}</title></circle><text x="{c}" y="{}" font-size="12" font-weight="700" fill="#1d2630" text-anchor="middle" stroke="#ffffff" stroke-width="3.5" paint-order="stroke">{}</text></svg>"##,
        style::hex(v.roles()[p]),
        html(&label),
        n(c - EGO - 7.0),
        html(&short(&label))
    );
}

/// The departments in the picture with how many of the people drawn are in each, and the
/// manager's mark.
fn legend(
    dg: &DepartmentGroups,
    shown: &[(usize, u32)],
    manager: Option<usize>,
    manager_names: bool,
    page: &mut String,
) {
    let mut per: BTreeMap<Option<usize>, usize> = BTreeMap::new();
    for &(u, _) in shown {
        *per.entry(dg.of[u]).or_default() += 1;
    }
    page.push_str("<div class=\"legend\">");
    // Departments in the legend's order, the hidden ones last.
    let entries = per
        .iter()
        .filter(|(g, _)| g.is_some())
        .chain(per.iter().filter(|(g, _)| g.is_none()));
    for (&g, &k) in entries {
        let (fill, name) = match g {
            Some(g) => (
                if dg.merged > 0 && g + 1 == dg.len() {
                    OTHER
                } else {
                    PALETTE.get(g).copied().unwrap_or(OTHER)
                },
                html(&dg.names[g]),
            ),
            None => (HIDDEN, "departments too small to show".to_string()),
        };
        let _ = write!(
            page,
            "<span><span class=\"dot\" style=\"background:{fill}{}\"></span>{name}: {k}</span>",
            if fill == HIDDEN {
                ";border:1px solid #8a939e"
            } else {
                ""
            }
        );
    }
    if manager.is_some() {
        let _ = write!(
            page,
            "<span><span class=\"mark{}\"></span>their manager{}</span>",
            if manager_names { "" } else { " square" },
            if manager_names {
                ""
            } else {
                ", who does not name them"
            }
        );
    }
    page.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nominators_shown_are_chosen_by_questions_then_order() {
        // 1,234 people name someone; person i names them on 1 + i % 3 questions; the output
        // order is the reverse of person numbers.
        let all: Vec<(usize, u32)> = (0..1234).map(|i| (i, 1 + (i % 3) as u32)).collect();
        let rank: Vec<usize> = (0..1234).map(|i| 1233 - i).collect();
        let shown = shown_nominators(&all, &rank, None, MAX_NOMINATORS);
        assert_eq!(shown.len(), MAX_NOMINATORS);
        // Everyone on three questions, the last in person order first.
        assert!(shown.iter().all(|&(_, q)| q == 3));
        assert_eq!(shown[0], (1232, 3));
        assert_eq!(shown[1], (1229, 3));
        // The manager, who names them on one question, is kept in place of the last.
        let with = shown_nominators(&all, &rank, Some(0), MAX_NOMINATORS);
        assert_eq!(with.len(), MAX_NOMINATORS);
        assert!(with.contains(&(0, 1)));
        assert_eq!(with[..MAX_NOMINATORS - 1], shown[..MAX_NOMINATORS - 1]);
        // A manager who does not name them changes nothing; so many or fewer: everyone.
        assert_eq!(shown_nominators(&all, &rank, Some(5000), 40), shown);
        assert_eq!(shown_nominators(&all[..7], &rank, Some(3), 40).len(), 7);
        // The same input, the same choice.
        assert_eq!(shown_nominators(&all, &rank, Some(0), 40), with);
    }
}
