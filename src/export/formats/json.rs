//! The graph as JSON for web pages: `graph.cyjs` (Cytoscape.js and Cytoscape desktop:
//! `elements.nodes` / `elements.edges`, each with `data`, nodes with a `position`) and
//! `graph.json` (D3's node-link form, as networkx's `node_link_data` writes it: `nodes`
//! and `links` with `source` / `target`).
//!
//! Node data holds every person column with its type (numbers as numbers, booleans as
//! booleans, "does not apply" as null), plus `label`, `color` (by role) and `size` (by
//! influence) for styling. One element per line, so two runs diff line by line.

use std::io::{self, Write};

use super::style;
use crate::export::context::{ExportContext, Exporter};
use crate::export::view::columns::{Cell, Column};
use crate::export::writing::chunks;
use crate::graph::Tie;
use crate::text::number::{push_float, push_int};

pub struct CytoscapeJson;
pub struct NodeLinkJson;

/// Layout units to screen pixels (y grows downward on a web page).
const SCALE_X: f64 = 40.0;
const SCALE_Y: f64 = 120.0;

/// Appends `text` as a JSON string (runs of plain text copied at once).
fn string(buf: &mut String, text: &str) {
    buf.push('"');
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // `b` is ASCII, so `i` is a character boundary.
        buf.push_str(&text[start..i]);
        if escaped.is_empty() {
            buf.push_str("\\u00");
            buf.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            buf.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        } else {
            buf.push_str(escaped);
        }
        start = i + 1;
    }
    buf.push_str(&text[start..]);
    buf.push('"');
}

/// A JSON object written straight into a line buffer, keys in the order given (one
/// allocation per line instead of one per value: the graph files of a million people are
/// written in seconds).
struct Object<'b> {
    buf: &'b mut String,
    empty: bool,
}

impl<'b> Object<'b> {
    fn new(buf: &'b mut String) -> Self {
        buf.push('{');
        Object { buf, empty: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.buf.push(',');
        }
        self.empty = false;
        string(self.buf, key);
        self.buf.push(':');
        self.buf
    }

    fn text(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// A number as every output writes it (10 significant digits).
    fn number(&mut self, key: &str, x: f64) {
        let buf = self.key(key);
        let before = buf.len();
        push_float(buf, x);
        if buf.len() == before {
            buf.push_str("null");
        }
    }

    fn cell(&mut self, key: &str, cell: Cell<'_>) {
        match cell {
            Cell::Empty => self.key(key).push_str("null"),
            Cell::Text(t) => self.text(key, &t),
            Cell::Int(v) => push_int(self.key(key), v),
            Cell::Float(v) => self.number(key, v),
            Cell::Bool(v) => self.key(key).push_str(if v { "true" } else { "false" }),
        }
    }

    fn end(self) {
        self.buf.push('}');
    }
}

/// A person's data: `id`, `label`, the person columns, `color`, `size`.
fn node_data(o: &mut Object<'_>, cx: &ExportContext<'_>, columns: &[Column<'_>], p: usize) {
    o.text("id", cx.view.id(p));
    o.text("label", &cx.view.label(p));
    for c in columns {
        o.cell(&c.name, c.cell(p));
    }
    let color = o.key("color");
    color.push('"');
    style::push_hex(color, cx.view.roles()[p], false);
    color.push('"');
    o.number(
        "size",
        style::size(
            cx.view.metrics().combined.in_degree[p],
            cx.max_in_degree,
            6.0,
            30.0,
        ),
    );
}

/// An edge's data; `first` names the first key (`id` for Cytoscape, `key` for D3).
fn edge_data(
    o: &mut Object<'_>,
    cx: &ExportContext<'_>,
    e: usize,
    (s, t, tie): (usize, usize, &Tie),
    first: &str,
) {
    if first == "key" {
        push_int(o.key("key"), e);
    } else {
        let id = o.key("id");
        id.push_str("\"e");
        push_int(id, e);
        id.push('"');
    }
    o.text("source", cx.view.id(s));
    o.text("target", cx.view.id(t));
    o.text("layer", tie.layer.as_str());
    match tie.question {
        Some(q) => o.text("question", &cx.view.graph().questions[q as usize]),
        None => o.key("question").push_str("null"),
    }
    o.number("weight", tie.weight);
}

/// Writes one line per item of a JSON array, in parallel chunks; `item` fills the line.
fn lines(
    out: &mut (dyn Write + Send),
    count: usize,
    indent: &str,
    item: impl Fn(usize, &mut String) + Sync,
) -> io::Result<()> {
    chunks::write_rows(out, count, |i, buf| {
        buf.push_str(if i == 0 { "\n" } else { ",\n" });
        buf.push_str(indent);
        item(i, buf);
    })
}

impl Exporter for CytoscapeJson {
    fn graph_file(&self) -> bool {
        true
    }

    fn file_name(&self) -> &'static str {
        "graph.cyjs"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let columns = cx.view.graph_columns();
        let layout = cx.layout();
        writeln!(
            out,
            "{{\"format_version\": \"1.0\", \"generated_by\": \"orgsphere {}\", \"target_cytoscapejs_version\": \"~3.0\",",
            env!("CARGO_PKG_VERSION")
        )?;
        write!(
            out,
            " \"data\": {{\"name\": \"orgsphere\", \"directed\": true}},\n \"elements\": {{\"nodes\": ["
        )?;
        let order = cx.view.order();
        lines(out, order.len(), "  ", |i, buf| {
            let p = order[i];
            let mut element = Object::new(buf);
            let mut data = Object::new(element.key("data"));
            node_data(&mut data, cx, &columns, p);
            data.end();
            let mut position = Object::new(element.key("position"));
            position.number("x", layout.x[p] * SCALE_X);
            position.number("y", layout.y[p] * SCALE_Y);
            position.end();
            element.end();
        })?;
        write!(out, "\n ],\n \"edges\": [")?;
        let edges = cx.edges();
        lines(out, edges.len(), "  ", |e, buf| {
            let (s, t, tie) = &edges.get(e);
            let mut element = Object::new(buf);
            let mut data = Object::new(element.key("data"));
            edge_data(&mut data, cx, e, (*s, *t, tie), "id");
            data.text("interaction", tie.layer.as_str());
            data.end();
            element.end();
        })?;
        writeln!(out, "\n ]}}\n}}")
    }
}

impl Exporter for NodeLinkJson {
    fn graph_file(&self) -> bool {
        true
    }

    fn file_name(&self) -> &'static str {
        "graph.json"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let columns = cx.view.graph_columns();
        let layout = cx.layout();
        write!(
            out,
            "{{\"directed\": true, \"multigraph\": true, \"graph\": {{\"name\": \"orgsphere\", \"generated_by\": \"orgsphere {}\"}},\n \"nodes\": [",
            env!("CARGO_PKG_VERSION")
        )?;
        let order = cx.view.order();
        lines(out, order.len(), "  ", |i, buf| {
            let p = order[i];
            let mut node = Object::new(buf);
            node_data(&mut node, cx, &columns, p);
            node.number("x", layout.x[p] * SCALE_X);
            node.number("y", layout.y[p] * SCALE_Y);
            node.end();
        })?;
        write!(out, "\n ],\n \"links\": [")?;
        let edges = cx.edges();
        lines(out, edges.len(), "  ", |e, buf| {
            let (s, t, tie) = &edges.get(e);
            let mut link = Object::new(buf);
            edge_data(&mut link, cx, e, (*s, *t, tie), "key");
            link.end();
        })?;
        writeln!(out, "\n ]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_objects_are_valid_json() {
        let tricky = "Zoë \"Z\" \\ <b>\n\t\u{1}\u{2028}";
        let mut buf = String::new();
        let mut o = Object::new(&mut buf);
        o.text("name", tricky);
        o.number("x", 0.1 + 0.2);
        o.number("nan", f64::NAN);
        o.cell("n", Cell::Int(7));
        o.cell("none", Cell::Empty);
        o.cell("yes", Cell::Bool(true));
        o.end();
        let v: serde_json::Value = serde_json::from_str(&buf).unwrap();
        assert_eq!(v["name"], tricky);
        assert_eq!(v["x"], 0.3);
        assert!(v["nan"].is_null() && v["none"].is_null());
        assert_eq!((v["n"].as_u64(), v["yes"].as_bool()), (Some(7), Some(true)));
        assert!(buf.starts_with("{\"name\":"));
    }
}
