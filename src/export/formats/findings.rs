//! `findings.csv` and `findings.json`: the findings of SPEC §5 with severity, people,
//! group, summary and evidence.

use std::io::{self, Write};

use serde::Serialize;

use crate::export::context::{ExportContext, Exporter};
use crate::findings::Finding;
use crate::text as format;

pub struct FindingsCsv;
pub struct FindingsJson;

/// Evidence as `name=value; name=value`.
fn evidence_text(f: &Finding) -> String {
    f.evidence
        .iter()
        .map(|(k, v)| format!("{k}={}", format::float(*v)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn people<'a>(cx: &'a ExportContext<'_>, f: &Finding) -> Vec<&'a str> {
    f.people.iter().map(|&p| cx.view.id(p as usize)).collect()
}

/// The summary as plain text, people by id or pseudonym.
fn summary(cx: &ExportContext<'_>, f: &Finding) -> String {
    cx.view.sentence(&f.summary)
}

impl Exporter for FindingsCsv {
    fn file_name(&self) -> &'static str {
        "findings.csv"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(["kind", "severity", "group", "people", "summary", "evidence"])?;
        for f in cx.view.findings() {
            let group = f.group.as_deref().unwrap_or("");
            w.write_record([
                f.kind,
                f.severity.as_str(),
                &format::csv_text(group),
                &format::csv_text(&people(cx, f).join(";")),
                &format::csv_text(&summary(cx, f)),
                &evidence_text(f),
            ])?;
        }
        w.flush()
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    kind: &'a str,
    severity: &'a str,
    group: Option<&'a str>,
    people: Vec<&'a str>,
    summary: String,
    evidence: serde_json::Map<String, serde_json::Value>,
}

impl Exporter for FindingsJson {
    fn file_name(&self) -> &'static str {
        "findings.json"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let list: Vec<JsonFinding<'_>> = cx
            .view
            .findings()
            .iter()
            .map(|f| JsonFinding {
                kind: f.kind,
                severity: f.severity.as_str(),
                group: f.group.as_deref(),
                people: people(cx, f),
                summary: summary(cx, f),
                evidence: f
                    .evidence
                    .iter()
                    .map(|(k, v)| (k.to_string(), super::summary::json_number(*v)))
                    .collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        out.write_all(b"\n")
    }
}
