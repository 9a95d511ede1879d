//! The rule section of `report.html`: the high-influence rule with its numbers — under
//! the standing rule each formal-standing group's model (mean nominators, overdispersion)
//! and bar — then the most sought-after people and how many nominators each lacks, said
//! plainly when nobody reaches the bar. The people are those of `summary.json`'s
//! `most_sought_after` and `nearest_to_the_bar` ([`crate::export::sought`]), named as the
//! tables of people name them.

use std::fmt::Write as _;

use super::people::who;
use crate::classify::GroupBar;
use crate::classify::rule::MIN_FIT;
use crate::export::context::ExportContext;
use crate::export::view::sought::Sought;
use crate::text::{float, html};

pub fn rule(cx: &ExportContext<'_>, page: &mut String) {
    let r = cx.view.rule();
    let _ = writeln!(
        page,
        "<h2 id=\"rule\">The rule applied</h2>\n<p class=\"rule\">{}.</p>",
        html(&r.description)
    );
    if !r.groups.is_empty() {
        groups(cx, &r.groups, page);
    }
    let mut facts = Vec::new();
    if let (Some(m), Some(s)) = (r.median, r.spread) {
        facts.push(format!(
            "median nominators {}, robust spread {}",
            float(m),
            float((s * 100.0).round() / 100.0)
        ));
    }
    if let Some(t) = r.threshold {
        facts.push(format!("bar {t} nominators"));
    }
    facts.push(format!("at least {} nominators", r.min_nominations));
    let _ = writeln!(
        page,
        "<p class=\"note\">{}. Formal power: direct reports, or a title matching <code>{}</code>{}.</p>",
        html(&facts.join("; ")),
        html(cx.options.formal.manager_titles.as_str()),
        match &cx.options.formal.manager_levels {
            Some(levels) if cx.view.structure().level_power() => format!(
                ", or level {} (<code>--manager-levels</code>)",
                html(levels.as_str())
            ),
            _ => String::new(),
        }
    );
    sought(cx, page);
}

/// How many colleagues could name a person: the respondents of the influence questions,
/// less one (the most anyone can be named by).
fn others(cx: &ExportContext<'_>) -> usize {
    (0..cx.view.people())
        .filter(|&p| cx.view.responded_influence(p))
        .count()
        .saturating_sub(1)
}

/// The standing rule's groups: who is compared with whom, each group's model and bar.
/// The model figures of a group fitted on its own and smaller than `--min-group-size` are
/// withheld (its bar is the rule itself and stays).
fn groups(cx: &ExportContext<'_>, groups: &[GroupBar], page: &mut String) {
    let min = cx.options.output.min_group_size;
    let others = others(cx);
    page.push_str("<p class=\"note\">Like is compared with like: a person without formal power with the others without it, a person with formal power with the others with it. For each group a beta-binomial model says how many of the other respondents would name one of its people by chance (the mean nominators, and the overdispersion: how much more people's chances of being named vary than pure chance makes them); it is fitted to the group's central 95 %, so the people the rule looks for do not raise their own bar. The bar is the fewest nominators that stand out under that model twice over: across everyone, at the false-discovery rate held, and among the people with about as many nominators, at most half of whom may be what the model expects of ordinary colleagues — so that when a few people stand far out, the most popular of the ordinary crowd are not named beside them.</p>\n");
    page.push_str("<div class=\"scroll\"><table><thead><tr><th>Formal standing</th><th class=\"num\">People</th><th>Model fitted to</th><th class=\"num\">Mean nominators</th><th class=\"num\">Overdispersion</th><th class=\"num\">Bar</th></tr></thead><tbody>\n");
    let mut withheld = false;
    for g in groups.iter().filter(|g| g.people > 0) {
        let fitted = if g.own_fit {
            "the group".to_string()
        } else {
            format!("everyone (a group of fewer than {MIN_FIT} people)")
        };
        let (mean, overdispersion) = if g.own_fit && (g.people as usize) < min {
            withheld = true;
            ("withheld".to_string(), "withheld".to_string())
        } else {
            let overdispersion = match (g.overdispersion * 1000.0).round() / 1000.0 {
                0.0 => "none".to_string(),
                x => float(x),
            };
            (float((g.mean * 100.0).round() / 100.0), overdispersion)
        };
        let bar = g.threshold.map_or_else(
            || "none".to_string(),
            |t| format!("{t} of {others} possible"),
        );
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{fitted}</td><td class=\"num\">{mean}</td><td class=\"num\">{overdispersion}</td><td class=\"num\">{bar}</td></tr>",
            g.standing, g.people
        );
    }
    page.push_str("</tbody></table></div>\n");
    if withheld {
        let _ = writeln!(
            page,
            "<p class=\"note\">The model figures of a group of fewer than {min} people are withheld (<code>--min-group-size</code>).</p>"
        );
    }
}

/// The most sought-after people, and those nearest to the bar when they are others.
fn sought(cx: &ExportContext<'_>, page: &mut String) {
    let listed = cx.sought_after();
    if listed.most.is_empty() {
        return;
    }
    let standing = !cx.view.rule().groups.is_empty();
    if cx.view.high_influence().iter().any(|&h| h) {
        page.push_str("<h3>The most sought after</h3>\n<p class=\"note\">The most nominated people, with the bar for their formal standing and how many nominators each lacks.</p>\n");
    } else {
        let _ = writeln!(
            page,
            "<h3>The most sought after</h3>\n<p><strong>No one stands out{}: nobody reaches the bar.</strong> The most sought after, and how many nominators each lacks:</p>",
            if standing {
                " from people of the same formal standing"
            } else {
                ""
            }
        );
    }
    table(cx, &listed.most, page);
    let listed_above = |s: &Sought| listed.most.iter().any(|m| m.person == s.person);
    if !listed.nearest.iter().all(listed_above) {
        page.push_str("<p class=\"note\">Nearest to the bar without reaching it:</p>\n");
        table(cx, &listed.nearest, page);
    }
}

fn table(cx: &ExportContext<'_>, people: &[Sought], page: &mut String) {
    let role = cx.view.roles();
    page.push_str("<div class=\"scroll\"><table class=\"sought\"><thead><tr><th>Person</th><th>Formal standing</th><th>Role</th><th class=\"num\">Named by</th><th class=\"num\">Bar</th><th class=\"num\">Nominators lacking</th></tr></thead><tbody>\n");
    for s in people {
        let lacking = match s.short_of_bar {
            Some(0) => "none: reaches it".to_string(),
            Some(k) => k.to_string(),
            None => "–".to_string(),
        };
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{lacking}</td></tr>",
            who(cx, s.person),
            if s.formal_power {
                "formal power"
            } else {
                "no formal power"
            },
            role[s.person].as_str(),
            s.in_degree,
            s.bar.map_or_else(|| "–".to_string(), |b| b.to_string()),
        );
    }
    page.push_str("</tbody></table></div>\n");
}
