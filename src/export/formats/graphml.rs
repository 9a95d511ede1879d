//! `graph.graphml`: both layers for yEd, Cytoscape and Gephi. Every person column is a
//! typed node `<key>`; edges carry `layer` (authority/influence), `question` and `weight`.
//! One influence edge per nomination and question, so parallel edges occur (GraphML
//! allows them; networkx reads the file as a multigraph).
//!
//! For yEd, which draws only its own graphics keys, each node also carries a
//! `y:ShapeNode` (position from orgsphere's layout, fill by role, the label) and each
//! edge a `y:PolyLineEdge` (influence dashed), so yEd opens the same picture as Gephi.
//! Other readers ignore these keys (networkx reads them as `x`, `y` and `shape_type`).
//! Above [`crate::options::LARGE_ORGANISATION`] people the hints are left out (yEd cannot lay out
//! that many people; every data attribute stays). Edges carry no id (optional in GraphML).

use std::io::{self, Write};

use super::EdgeKinds;
use crate::export::context::{ExportContext, Exporter};
use crate::export::view::columns::{Cell, ColumnKind, for_each_row};
use crate::export::writing::chunks;
use crate::graph::Layer;
use crate::text::number::push_float;
use crate::text::{push_xml, xml};

pub struct GraphMl;

fn graphml_type(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Text => "string",
        ColumnKind::Int => "long",
        ColumnKind::Float => "double",
        ColumnKind::Bool => "boolean",
    }
}

impl Exporter for GraphMl {
    fn graph_file(&self) -> bool {
        true
    }

    fn file_name(&self) -> &'static str {
        "graph.graphml"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let columns = cx.view.graph_columns();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        let yed = !cx.large();
        if yed {
            writeln!(
                out,
                r#"  <key id="yed_node" for="node" yfiles.type="nodegraphics"/>
  <key id="yed_edge" for="edge" yfiles.type="edgegraphics"/>"#
            )?;
        }
        writeln!(
            out,
            r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
        )?;
        for (i, c) in columns.iter().enumerate() {
            writeln!(
                out,
                r#"  <key id="n{i}" for="node" attr.name="{}" attr.type="{}"/>"#,
                xml(&c.name),
                graphml_type(c.kind)
            )?;
        }
        writeln!(
            out,
            r#"  <key id="layer" for="edge" attr.name="layer" attr.type="string"/>"#
        )?;
        writeln!(
            out,
            r#"  <key id="question" for="edge" attr.name="question" attr.type="string"/>"#
        )?;
        writeln!(
            out,
            r#"  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#
        )?;
        writeln!(out, r#"  <graph id="orgsphere" edgedefault="directed">"#)?;
        let order = cx.view.order();
        let keys: Vec<String> = (0..columns.len())
            .map(|i| format!(r#"<data key="n{i}">"#))
            .collect();
        chunks::write_blocks(out, order.len(), |rows, buf| {
            for_each_row(&columns, &order[rows], |p, row| {
                node(cx, row, &keys, p, yed, buf)
            });
        })?;
        let ids = cx.xml_ids();
        let questions: Vec<String> = cx.view.graph().questions.iter().map(|q| xml(q)).collect();
        let edges = cx.edges();
        // Edges carry no id: GraphML makes it optional and no reader needs one.
        let kinds = EdgeKinds::new(&questions, |layer, question| {
            let mut before = format!(r#""><data key="layer">{}</data>"#, layer.as_str());
            if let Some(q) = question {
                before.push_str(&format!(r#"<data key="question">{q}</data>"#));
            }
            before.push_str(r#"<data key="weight">"#);
            let mut after = String::from("</data>");
            if yed {
                yed_edge(layer, &mut after);
            }
            after.push_str("</edge>\n");
            (before, after)
        });
        chunks::write_rows(out, edges.len(), |e, buf| {
            edges.prefetch_ahead(e, ids);
            let (s, t, tie) = &edges.get(e);
            let (before, after) = kinds.get(tie);
            buf.push_str(r#"    <edge source=""#);
            buf.push_str(&ids[*s]);
            buf.push_str(r#"" target=""#);
            buf.push_str(&ids[*t]);
            buf.push_str(before);
            push_float(buf, tie.weight);
            buf.push_str(after);
        })?;
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")
    }
}

/// Appends person `p`'s node, on one line like an edge (indenting each value would add a
/// sixth to a million-person file): id, label, every non-empty cell of the person's
/// `cells` (each opened by its column's `keys` entry), yEd's drawing if `yed`.
fn node(
    cx: &ExportContext<'_>,
    cells: &[Cell<'_>],
    keys: &[String],
    p: usize,
    yed: bool,
    buf: &mut String,
) {
    buf.push_str(r#"    <node id=""#);
    buf.push_str(&cx.xml_ids()[p]);
    buf.push_str("\"><data key=\"label\">");
    let label = cx.view.label(p);
    push_xml(buf, &label);
    buf.push_str("</data>");
    for (cell, key) in cells.iter().zip(keys) {
        if *cell != Cell::Empty {
            buf.push_str(key);
            cell.push_text(buf, push_xml);
            buf.push_str("</data>");
        }
    }
    if yed {
        yed_node(cx, p, &label, buf);
    }
    buf.push_str("</node>\n");
}

/// yEd's drawing of an edge: authority solid and dark, influence dashed and light blue;
/// the context questions dotted (collaboration green, social yellow), negative ties
/// dash-dotted in vermilion, direction dotted in dark blue.
fn yed_edge(layer: Layer, buf: &mut String) {
    let line = match layer {
        Layer::Authority => r##"<y:LineStyle color="#444444" type="line" width="1.5"/>"##,
        Layer::Influence => r##"<y:LineStyle color="#56B4E9" type="dashed" width="1.0"/>"##,
        Layer::Collaboration => r##"<y:LineStyle color="#009E73" type="dotted" width="1.0"/>"##,
        Layer::Social => r##"<y:LineStyle color="#F0E442" type="dotted" width="1.0"/>"##,
        Layer::Negative => r##"<y:LineStyle color="#D55E00" type="dashed_dotted" width="1.0"/>"##,
        Layer::Direction => r##"<y:LineStyle color="#0072B2" type="dotted" width="1.0"/>"##,
    };
    buf.push_str(r#"<data key="yed_edge"><y:PolyLineEdge>"#);
    buf.push_str(line);
    buf.push_str(r#"<y:Arrows source="none" target="standard"/></y:PolyLineEdge></data>"#);
}

/// Layout units to yEd's coordinates (y grows downward).
const SCALE_X: f64 = 40.0;
const SCALE_Y: f64 = 120.0;

/// yEd's drawing of person `p`: a rounded box at the layout position, filled by role.
fn yed_node(cx: &ExportContext<'_>, p: usize, label: &str, buf: &mut String) {
    let layout = cx.layout();
    let role = cx.view.roles()[p];
    let side = super::style::size(
        cx.view.metrics().combined.in_degree[p],
        cx.max_in_degree,
        14.0,
        36.0,
    );
    buf.push_str(r#"<data key="yed_node"><y:ShapeNode><y:Geometry x=""#);
    push_float(buf, layout.x[p] * SCALE_X - side / 2.0);
    buf.push_str(r#"" y=""#);
    push_float(buf, layout.y[p] * SCALE_Y - side / 2.0);
    buf.push_str(r#"" width=""#);
    push_float(buf, side);
    buf.push_str(r#"" height=""#);
    push_float(buf, side);
    buf.push_str(r#""/><y:Fill color=""#);
    super::style::push_hex(buf, role, true);
    buf.push_str(r##"" transparent="false"/><y:BorderStyle color="#FFFFFF" type="line" width="1.0"/><y:NodeLabel modelName="sides" modelPosition="s" fontSize="10">"##);
    push_xml(buf, label);
    buf.push_str("</y:NodeLabel><y:Shape type=\"ellipse\"/></y:ShapeNode></data>");
}
