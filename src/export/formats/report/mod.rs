//! `report.html`: one self-contained page a head of HR can read and print — the headline,
//! the quadrant chart of formal power against influence, the informal leaders with their
//! reasons (and stability, when the analysis computed it), how they lead (when the survey
//! asks), the findings and key players, who names each informal leader and key player
//! (their ego networks), where they are by department, the group-to-group influence map,
//! the department-to-department influence matrix, the data-quality section with each
//! question's kind and rating scale, the rule applied with the most sought-after people,
//! and method notes.
//!
//! It loads nothing: styles are inline, charts are inline SVG, there are no scripts, fonts
//! or images. Every text from the inputs goes through [`html`] escaping, and the page is
//! well-formed XML as well as HTML, so tests parse it with an XML parser. The only
//! timestamp is the run's (`SOURCE_DATE_EPOCH` fixes it). Group figures respect
//! `--min-group-size` through [`DepartmentGroups`](crate::export::DepartmentGroups); under `--pseudonymize` people appear by
//! pseudonym only.

mod chart;
mod departments;
mod ego;
mod findings;
mod leading;
mod map;
mod people;
mod questions;
mod ring;
mod rule;
mod sections;

use std::io::{self, Write};

use crate::export::context::{ExportContext, Exporter};
use crate::text::html;

pub struct ReportHtml;

const CSS: &str = include_str!("report.css");

impl Exporter for ReportHtml {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn one_thread(&self) -> bool {
        true
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut page = String::with_capacity(64 * 1024);
        page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        page.push_str(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n",
        );
        page.push_str("<meta name=\"generator\" content=\"orgsphere\"/>\n");
        page.push_str("<title>orgsphere report: formal power and influence</title>\n<style>\n");
        page.push_str(CSS);
        if cx.view.leadership().is_some() {
            page.push_str(leading::CSS);
        }
        page.push_str("</style>\n</head>\n<body>\n<main>\n");
        sections::headline(cx, leading::headline(cx), &mut page);
        sections::quadrant(cx, &mut page);
        people::leaders(cx, &mut page);
        leading::how_they_lead(cx, &mut page);
        findings::findings(cx, &mut page);
        findings::key_players(cx, &mut page);
        ego::egos(cx, &mut page);
        departments::departments(cx, &mut page);
        map::map(cx, &mut page);
        departments::matrix(cx, &mut page);
        super::perception::report(cx, &mut page);
        sections::quality(cx, &mut page);
        rule::rule(cx, &mut page);
        sections::method(cx, &mut page);
        page.push_str(&format!(
            "<footer>Written by orgsphere {} on {}. This page loads nothing from the network; it can be saved, mailed and printed as it is.</footer>\n",
            env!("CARGO_PKG_VERSION"),
            html(&cx.generated_at)
        ));
        page.push_str("</main>\n</body>\n</html>\n");
        out.write_all(page.as_bytes())
    }
}
