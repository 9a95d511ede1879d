//! `compare.html`: the comparison as one self-contained HTML section (no scripts, no
//! network), for reading on its own or for placing in the HTML report. Every text from the
//! inputs (ids, roles, reasons, folder names) is escaped.

use std::fmt::Write;

use super::{Comparison, PersonChange, headline_figure};
use crate::text::{float, xml as esc};

/// Rows shown per table before the rest are counted (`changes.csv` holds them all).
const SHOWN: usize = 50;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
.orgsphere-compare table{border-collapse:collapse;margin:.5em 0 1.5em}\
.orgsphere-compare th,.orgsphere-compare td{border-bottom:1px solid #ddd;padding:.25em .75em;text-align:left;vertical-align:top}\
.orgsphere-compare td.n{text-align:right;font-variant-numeric:tabular-nums}\
.orgsphere-compare .up{color:#1a7f37}.orgsphere-compare .down{color:#b3261e}";

/// A whole page holding [`section`].
pub fn page(c: &Comparison) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>orgsphere: what changed</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        section(c)
    )
}

/// The comparison as a `<section>`, ready to be placed in a report.
pub fn section(c: &Comparison) -> String {
    let mut h = String::from(
        "<section class=\"orgsphere-compare\" id=\"compare\">\n<h2>What changed</h2>\n",
    );
    let (joined, left, stayed) = c.counts();
    let when = |at: &Option<String>, analysed: bool| {
        let at = at.as_deref().map(esc);
        match (at, analysed) {
            (Some(t), true) => format!(" (inputs, analysed {t})"),
            (None, true) => " (inputs, analysed now)".to_string(),
            (Some(t), false) => format!(" ({t})"),
            (None, false) => String::new(),
        }
    };
    let _ = writeln!(
        h,
        "<p>From <code>{}</code>{} to <code>{}</code>{}: {} people before, {} now; {joined} joined, {left} left; {} changed role.</p>",
        esc(&c.old_dir),
        when(&c.old_generated_at, c.old_analysed),
        esc(&c.new_dir),
        when(&c.new_generated_at, c.new_analysed),
        stayed + left,
        stayed + joined,
        c.role_changes().len()
    );
    for w in &c.warnings {
        let _ = writeln!(
            h,
            "<p class=\"warning\"><strong>Note:</strong> {}</p>",
            esc(w)
        );
    }
    figures(c, &mut h);
    leaders(
        &mut h,
        "Became informal leaders",
        &c.became_informal_leaders(),
    );
    leaders(
        &mut h,
        "No longer informal leaders",
        &c.stopped_being_informal_leaders(),
    );
    role_changes(c, &mut h);
    lost(c, &mut h);
    movers(c, &mut h);
    h.push_str("</section>\n");
    h
}

fn figures(c: &Comparison, h: &mut String) {
    let shown: Vec<_> = c
        .figures
        .iter()
        .filter(|(p, _)| headline_figure(p))
        .collect();
    if shown.is_empty() {
        return;
    }
    h.push_str("<h3>Figures</h3>\n<table>\n<tr><th>figure</th><th>before</th><th>now</th><th>change</th></tr>\n");
    let n = |x: Option<f64>| x.map(float).unwrap_or_else(|| "–".into());
    for (path, f) in shown {
        let change = f.change().map_or("–".into(), |d| {
            if d > 0.0 {
                format!("+{}", float(d))
            } else {
                float(d)
            }
        });
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(path),
            n(f.old),
            n(f.new),
            change
        );
    }
    h.push_str("</table>\n");
}

fn leaders(h: &mut String, title: &str, people: &[&PersonChange]) {
    let _ = writeln!(h, "<h3>{title}</h3>");
    if people.is_empty() {
        h.push_str("<p>Nobody.</p>\n");
        return;
    }
    h.push_str("<table>\n<tr><th>person</th><th>before</th><th>now</th></tr>\n");
    for p in people.iter().take(SHOWN) {
        person_row(h, p);
    }
    more(h, people.len());
    h.push_str("</table>\n");
}

/// A person with their role and reason on each side.
fn person_row(h: &mut String, p: &PersonChange) {
    let side = |r: &Option<super::PersonRow>, absent: &str| match r {
        Some(r) => format!("<strong>{}</strong><br>{}", esc(&r.role), esc(&r.reason)),
        None => format!("<em>{absent}</em>"),
    };
    let _ = writeln!(
        h,
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        esc(&p.id),
        side(&p.old, "not in this run (joined)"),
        side(&p.new, "not in this run (left)")
    );
}

fn more(h: &mut String, total: usize) {
    if total > SHOWN {
        let _ = writeln!(
            h,
            "<tr><td colspan=\"3\">… and {} more in changes.csv</td></tr>",
            total - SHOWN
        );
    }
}

fn role_changes(c: &Comparison, h: &mut String) {
    let leader = |r: Option<&str>| r == Some(crate::classify::Role::InformalLeader.as_str());
    let changes: Vec<_> = c
        .role_changes()
        .into_iter()
        .filter(|p| !leader(p.old_role()) && !leader(p.new_role()))
        .collect();
    if !changes.is_empty() {
        h.push_str("<h3>Other role changes</h3>\n<table>\n<tr><th>person</th><th>before</th><th>now</th></tr>\n");
        for p in changes.iter().take(SHOWN) {
            person_row(h, p);
        }
        more(h, changes.len());
        h.push_str("</table>\n");
    }
}

fn lost(c: &Comparison, h: &mut String) {
    let lost = c.lost_all_nominations();
    if lost.is_empty() {
        return;
    }
    h.push_str("<h3>Nominated before, not now</h3>\n<table>\n<tr><th>person</th><th>question</th><th>nominators before</th></tr>\n");
    for (p, q, before) in lost.iter().take(SHOWN) {
        let q = q.map_or_else(|| "all questions".to_string(), esc);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{q}</td><td class=\"n\">{before}</td></tr>",
            esc(&p.id)
        );
    }
    more(h, lost.len());
    h.push_str("</table>\n");
}

fn movers(c: &Comparison, h: &mut String) {
    let (up, down) = (c.rank_movers(true), c.rank_movers(false));
    if up.is_empty() && down.is_empty() {
        return;
    }
    h.push_str("<h3>Biggest moves in the influence ranking</h3>\n<table>\n<tr><th>person</th><th>rank before</th><th>rank now</th><th>nominators before → now</th></tr>\n");
    for p in up.iter().chain(&down) {
        let (Some(o), Some(n)) = (&p.old, &p.new) else {
            continue;
        };
        let class = if n.rank < o.rank { "up" } else { "down" };
        let _ = writeln!(
            h,
            "<tr class=\"{class}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} → {}</td></tr>",
            esc(&p.id),
            o.rank,
            n.rank,
            o.in_degree,
            n.in_degree
        );
    }
    h.push_str("</table>\n");
}
