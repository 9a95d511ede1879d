//! The findings section of `report.html`: what goes wrong where formal power and influence
//! part ways, most severe first.

use std::fmt::Write as _;

use super::sections::count;
use crate::export::context::ExportContext;
use crate::text::html;

/// Findings shown in the report; every one is in `findings.csv`.
const SHOWN: usize = 60;

pub fn findings(cx: &ExportContext<'_>, page: &mut String) {
    let all = cx.view.findings();
    page.push_str("<h2 id=\"findings\">Findings</h2>\n");
    if all.is_empty() {
        page.push_str("<p>Nothing stood out.</p>\n");
        return;
    }
    let _ = writeln!(
        page,
        "<p class=\"note\">{}, most severe first{}. Each carries its evidence in numbers in <code>findings.csv</code> and <code>findings.json</code>.</p>",
        count(all.len(), "finding", "findings"),
        if all.len() > SHOWN {
            format!("; the first {SHOWN} are shown")
        } else {
            String::new()
        }
    );
    page.push_str("<div class=\"scroll\"><table><thead><tr><th>Severity</th><th>Finding</th><th>Where</th><th>What was found</th></tr></thead><tbody>\n");
    for f in all.iter().take(SHOWN) {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            f.severity.as_str(),
            f.kind,
            html(f.group.as_deref().unwrap_or("")),
            cx.view.sentence_html(&f.summary)
        );
    }
    page.push_str("</tbody></table></div>\n");
}
