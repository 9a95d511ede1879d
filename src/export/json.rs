//! The graph as JSON for web pages: `graph.cyjs` (Cytoscape.js and Cytoscape desktop:
//! `elements.nodes` / `elements.edges`, each with `data`, nodes with a `position`) and
//! `graph.json` (D3's node-link form, as networkx's `node_link_data` writes it: `nodes`
//! and `links` with `source` / `target`).
//!
//! Node data holds every person column with its type (numbers as numbers, booleans as
//! booleans, "does not apply" as null), plus `label`, `color` (by role) and `size` (by
//! influence) for styling. One element per line, so two runs diff line by line.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::columns::{Cell, Column};
use super::format::float;
use super::{Context, Exporter, style};
use crate::graph::{Layer, Tie};

pub struct CytoscapeJson;
pub struct NodeLinkJson;

/// Layout units to screen pixels (y grows downward on a web page).
const SCALE_X: f64 = 40.0;
const SCALE_Y: f64 = 120.0;

/// A JSON object that keeps its keys in the order given.
struct Ordered(Vec<(String, Value)>);

/// A Cytoscape element: its data (keys in column order) and, for nodes, a position.
#[derive(serde::Serialize)]
struct Element {
    data: Ordered,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Value>,
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A number as every output writes it (10 significant digits), as JSON.
fn number(x: f64) -> Value {
    float(x).parse::<f64>().map_or(Value::Null, |v| json!(v))
}

fn value(cell: Cell<'_>) -> Value {
    match cell {
        Cell::Empty => Value::Null,
        Cell::Text(t) => Value::String(t.into_owned()),
        Cell::Int(v) => json!(v),
        Cell::Float(v) => number(v),
        Cell::Bool(v) => Value::Bool(v),
    }
}

/// A person's data: `id`, `label`, the person columns, `color`, `size`.
fn node_data(cx: &Context<'_>, columns: &[Column<'_>], p: usize) -> Ordered {
    let a = cx.analysis;
    let inf = &a.metrics.combined.in_degree;
    let mut data = vec![
        ("id".to_string(), json!(cx.view.id(p))),
        ("label".to_string(), json!(cx.view.label(p))),
    ];
    data.extend(columns.iter().map(|c| (c.name.clone(), value(c.cell(p)))));
    data.push(("color".into(), json!(style::hex(a.classification.role[p]))));
    data.push((
        "size".into(),
        number(style::size(inf[p], cx.max_in_degree, 6.0, 30.0)),
    ));
    Ordered(data)
}

fn edge_data(cx: &Context<'_>, e: usize, s: usize, t: usize, tie: &Tie) -> Vec<(String, Value)> {
    let question = match (tie.layer, tie.question) {
        (Layer::Influence, Some(q)) => json!(cx.analysis.graph.questions[q as usize]),
        _ => Value::Null,
    };
    vec![
        ("id".into(), json!(format!("e{e}"))),
        ("source".into(), json!(cx.view.id(s))),
        ("target".into(), json!(cx.view.id(t))),
        ("layer".into(), json!(tie.layer.as_str())),
        ("question".into(), question),
        ("weight".into(), number(tie.weight)),
    ]
}

/// Writes `items` as the lines of a JSON array, one compact element per line.
fn lines<T: Serialize>(
    out: &mut dyn Write,
    items: impl Iterator<Item = T>,
    indent: &str,
) -> io::Result<()> {
    let mut first = true;
    for item in items {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        out.write_all(indent.as_bytes())?;
        serde_json::to_writer(&mut *out, &item)?;
        first = false;
    }
    Ok(())
}

impl Exporter for CytoscapeJson {
    fn file_name(&self) -> &'static str {
        "graph.cyjs"
    }

    fn write(&self, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
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
        let nodes = cx.view.order().iter().map(|&p| Element {
            data: node_data(cx, &columns, p),
            position: Some(
                json!({"x": number(layout.x[p] * SCALE_X), "y": number(layout.y[p] * SCALE_Y)}),
            ),
        });
        lines(out, nodes, "  ")?;
        write!(out, "\n ],\n \"edges\": [")?;
        let edges = cx
            .view
            .edges()
            .into_iter()
            .enumerate()
            .map(|(e, (s, t, tie))| {
                let mut data = edge_data(cx, e, s, t, &tie);
                data.push(("interaction".into(), json!(tie.layer.as_str())));
                Element {
                    data: Ordered(data),
                    position: None,
                }
            });
        lines(out, edges, "  ")?;
        writeln!(out, "\n ]}}\n}}")
    }
}

impl Exporter for NodeLinkJson {
    fn file_name(&self) -> &'static str {
        "graph.json"
    }

    fn write(&self, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let columns = cx.view.graph_columns();
        let layout = cx.layout();
        write!(
            out,
            "{{\"directed\": true, \"multigraph\": true, \"graph\": {{\"name\": \"orgsphere\", \"generated_by\": \"orgsphere {}\"}},\n \"nodes\": [",
            env!("CARGO_PKG_VERSION")
        )?;
        let nodes = cx.view.order().iter().map(|&p| {
            let mut data = node_data(cx, &columns, p);
            data.0.push(("x".into(), number(layout.x[p] * SCALE_X)));
            data.0.push(("y".into(), number(layout.y[p] * SCALE_Y)));
            data
        });
        lines(out, nodes, "  ")?;
        write!(out, "\n ],\n \"links\": [")?;
        let links = cx
            .view
            .edges()
            .into_iter()
            .enumerate()
            .map(|(e, (s, t, tie))| {
                let mut data = edge_data(cx, e, s, t, &tie);
                data[0] = ("key".into(), json!(e));
                Ordered(data)
            });
        lines(out, links, "  ")?;
        writeln!(out, "\n ]\n}}")
    }
}
