//! `report.html`.
use std::io::{self, Write};

use super::{Context, Exporter};

pub struct ReportHtml;

impl Exporter for ReportHtml {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn write(&self, _cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<!DOCTYPE html>")
    }
}
