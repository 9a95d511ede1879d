//! The people sections of `report.html`: informal leaders and leader-managers, each with
//! title, department, nominators, percentile, stability (when computed) and reason.

use std::fmt::Write as _;

use super::sections::pct;
use crate::classify::Role;
use crate::export::context::ExportContext;
use crate::export::view::columns::Cell;
use crate::text::html;

/// Rows of the informal-leader table at most.
const MAX_LEADERS: usize = 100;
/// Rows of the leader-manager table at most.
const MAX_LEADER_MANAGERS: usize = 15;

/// A person as the tables of people show them: the name over the id, or the id alone
/// (a pseudonym under `--pseudonymize`).
pub(super) fn who(cx: &ExportContext<'_>, p: usize) -> String {
    if cx.view.label(p) != cx.view.id(p) {
        format!(
            "<strong>{}</strong><br/><span class=\"small\">{}</span>",
            html(&cx.view.label(p)),
            html(cx.view.id(p))
        )
    } else {
        format!("<strong>{}</strong>", html(cx.view.id(p)))
    }
}

fn person_table(cx: &ExportContext<'_>, page: &mut String, people: &[usize]) {
    let columns = cx.view.columns();
    let stability = columns.iter().find(|c| c.name == "leader_stability");
    let inf = &cx.view.metrics().combined;
    let pct_col = cx.view.influence_percentile();
    page.push_str("<div class=\"scroll\"><table class=\"people\"><thead><tr><th>Person</th><th>Title</th><th>Department</th><th class=\"num\">Named by</th><th class=\"num\">Percentile</th>");
    if stability.is_some() {
        page.push_str("<th class=\"num stability\">Stability</th>");
    }
    page.push_str("<th>Why</th></tr></thead><tbody>\n");
    for &p in people {
        let who = who(cx, p);
        let _ = write!(
            page,
            "<tr><td>{who}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            html(cx.view.title(p)),
            html(cx.view.department(p)),
            inf.in_degree[p],
            pct_col[p].map_or(String::new(), |x| format!("{x:.0}"))
        );
        if let Some(col) = stability {
            let cell = match col.cell(p) {
                Cell::Float(x) => pct(x),
                other => html(&other.text()),
            };
            let _ = write!(page, "<td class=\"num\">{cell}</td>");
        }
        let _ = writeln!(
            page,
            "<td class=\"reason\">{}</td></tr>",
            html(&cx.view.reason(p))
        );
    }
    page.push_str("</tbody></table></div>\n");
}

pub fn leaders(cx: &ExportContext<'_>, page: &mut String) {
    let ranked = cx.view.ranking();
    let of = |role: Role| -> Vec<usize> {
        ranked
            .iter()
            .copied()
            .filter(|&p| cx.view.roles()[p] == role)
            .collect()
    };
    let informal = of(Role::InformalLeader);
    page.push_str("<h2 id=\"leaders\">Informal leaders</h2>\n<p class=\"note\">People without managerial authority whom many colleagues name as someone they go to, most nominated first, each with the reason in plain words.");
    if cx
        .view
        .columns()
        .iter()
        .any(|c| c.name == "leader_stability")
    {
        page.push_str(" Stability is how often the person is still called an informal leader when the respondents are resampled: near 100 % the finding does not hang on who happened to answer.");
    }
    page.push_str("</p>\n");
    if informal.is_empty() {
        page.push_str("<p>None under the rule applied; <a href=\"#rule\">the rule</a> lists the most sought after and how far each is from the bar.</p>\n");
    } else {
        person_table(cx, page, &informal[..informal.len().min(MAX_LEADERS)]);
        if informal.len() > MAX_LEADERS {
            let _ = writeln!(
                page,
                "<p class=\"note\">The {MAX_LEADERS} most nominated of {} are shown; people.csv lists everyone.</p>",
                informal.len()
            );
        }
    }
    let leading = of(Role::LeaderManager);
    let _ = writeln!(
        page,
        "<h3>Leader-managers ({})</h3>\n<p class=\"note\">People with formal power who are also high influence: their authority and their influence point the same way.</p>",
        leading.len()
    );
    if !leading.is_empty() {
        person_table(cx, page, &leading[..leading.len().min(MAX_LEADER_MANAGERS)]);
    }
}
