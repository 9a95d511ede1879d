//! The department sections of `report.html`: roles per department and the
//! department-to-department influence matrix, both through [`DepartmentGroups`](crate::export::DepartmentGroups), so
//! groups smaller than `--min-group-size` are merged or left out.

use std::fmt::Write as _;

use super::sections::pct;
use crate::classify::Role;
use crate::export::context::ExportContext;
use crate::text::{float, html};

pub fn departments(cx: &ExportContext<'_>, page: &mut String) {
    let g = &cx.groups;
    let role = cx.view.roles();
    page.push_str("<h2 id=\"departments\">Where they are</h2>\n");
    if g.is_empty() {
        page.push_str("<p>No department is large enough to report on its own (or the org chart has no department column).</p>\n");
        return;
    }
    let counts: Vec<Vec<usize>> = [Role::InformalLeader, Role::LeaderManager, Role::Manager]
        .into_iter()
        .map(|r| g.count(|p| role[p] == r))
        .collect();
    page.push_str("<div class=\"scroll\"><table><thead><tr><th>Department</th><th class=\"num\">People</th><th class=\"num\">Informal leaders</th><th class=\"num\">Leader-managers</th><th class=\"num\">Managers</th></tr></thead><tbody>\n");
    #[allow(clippy::needless_range_loop)] // four vectors indexed alike
    for i in 0..g.len() {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            html(&g.names[i]),
            g.sizes[i],
            counts[0][i],
            counts[1][i],
            counts[2][i]
        );
    }
    page.push_str("</tbody></table></div>\n");
    page.push_str(&suppression_note(cx));
}

fn suppression_note(cx: &ExportContext<'_>) -> String {
    let g = &cx.groups;
    let min = cx.options.output.min_group_size;
    let mut note = format!(
        "<p class=\"note\">Figures are shown only for groups of at least {min} people (<code>--min-group-size</code>)."
    );
    if g.merged > 0 {
        let _ = write!(
            note,
            " {} smaller departments are counted together as “other departments”.",
            g.merged
        );
    }
    if g.suppressed > 0 {
        let _ = write!(
            note,
            " {} people in groups too small even together are left out.",
            g.suppressed
        );
    }
    note.push_str("</p>\n");
    note
}

pub fn matrix(cx: &ExportContext<'_>, page: &mut String) {
    let g = &cx.groups;
    page.push_str("<h2 id=\"matrix\">Who goes to whom, by department</h2>\n<p class=\"note\">Influence ties from the nominator's department (row) to the nominee's department (column), every influence question combined, one tie per pair of people. The diagonal stays inside a department; shading is the share of the row.</p>\n");
    if g.len() < 2 {
        page.push_str("<p>Fewer than two departments are large enough to compare.</p>\n");
        return;
    }
    let m = g.influence_matrix(&cx.view);
    page.push_str("<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th class=\"corner\">from \\ to</th>");
    for i in 0..g.len() {
        let _ = write!(page, "<th title=\"{}\">{}</th>", html(&g.names[i]), i + 1);
    }
    page.push_str("<th>ties</th><th>inside</th></tr></thead><tbody>\n");
    for (i, row) in m.iter().enumerate() {
        let total: usize = row.iter().sum();
        let _ = write!(
            page,
            "<tr><th class=\"row\">{} · {}</th>",
            i + 1,
            html(&g.names[i])
        );
        for (j, &c) in row.iter().enumerate() {
            let share = if total > 0 {
                c as f64 / total as f64
            } else {
                0.0
            };
            let ink = if share > 0.45 { "#ffffff" } else { "#1d2630" };
            let diag = if i == j { " class=\"diag\"" } else { "" };
            let _ = write!(
                page,
                "<td{diag} style=\"background:rgba(0,114,178,{});color:{ink}\">{c}</td>",
                float((share * 0.9 * 100.0).round() / 100.0)
            );
        }
        let inside = if total > 0 {
            pct(row[i] as f64 / total as f64)
        } else {
            "–".into()
        };
        let _ = writeln!(page, "<td>{total}</td><td>{inside}</td></tr>");
    }
    page.push_str("</tbody></table></div>\n");
    page.push_str(&suppression_note(cx));
}
