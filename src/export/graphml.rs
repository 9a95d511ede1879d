//! `graph.graphml`: both layers for yEd, Cytoscape and Gephi. Every person column is a
//! typed node `<key>`; edges carry `layer` (authority/influence), `question` and `weight`.
//! One influence edge per nomination and question, so parallel edges occur (GraphML
//! allows them; networkx reads the file as a multigraph).
//!
//! For yEd, which draws only its own graphics keys, each node also carries a
//! `y:ShapeNode` (position from orgsphere's layout, fill by role, the label) and each
//! edge a `y:PolyLineEdge` (influence dashed), so yEd opens the same picture as Gephi.
//! Other readers ignore these keys (networkx reads them as `x`, `y` and `shape_type`).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::columns::{Cell, Kind};
use super::format::{push_xml, xml};
use super::{Context, Exporter};
use crate::graph::Layer;

pub struct GraphMl;

fn graphml_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "string",
        Kind::Int => "long",
        Kind::Float => "double",
        Kind::Bool => "boolean",
    }
}

impl Exporter for GraphMl {
    fn file_name(&self) -> &'static str {
        "graph.graphml"
    }

    fn write(&self, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let a = cx.analysis;
        let columns = cx.view.graph_columns();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        writeln!(
            out,
            r#"  <key id="yed_node" for="node" yfiles.type="nodegraphics"/>
  <key id="yed_edge" for="edge" yfiles.type="edgegraphics"/>"#
        )?;
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
        // Each node is built in one reused buffer, then written at once.
        let mut buf = String::new();
        for &p in cx.view.order() {
            buf.clear();
            buf.push_str(r#"    <node id=""#);
            push_xml(&mut buf, cx.view.id(p));
            buf.push_str("\">\n      <data key=\"label\">");
            push_xml(&mut buf, &cx.view.label(p));
            buf.push_str("</data>\n");
            for (i, c) in columns.iter().enumerate() {
                let cell = c.cell(p);
                if cell != Cell::Empty {
                    let _ = write!(buf, r#"      <data key="n{i}">"#);
                    push_xml(&mut buf, &cell.text());
                    buf.push_str("</data>\n");
                }
            }
            out.write_all(buf.as_bytes())?;
            yed_node(cx, p, out)?;
            writeln!(out, "    </node>")?;
        }
        // Ids escaped once per person, each edge built in one reused buffer.
        let ids: Vec<String> = (0..a.dataset.people.len())
            .map(|p| xml(cx.view.id(p)))
            .collect();
        let questions: Vec<String> = a.graph.questions.iter().map(|q| xml(q)).collect();
        for (e, (s, t, tie)) in cx.view.edges().into_iter().enumerate() {
            buf.clear();
            let _ = write!(
                buf,
                r#"    <edge id="e{e}" source="{}" target="{}"><data key="layer">{}</data>"#,
                ids[s],
                ids[t],
                tie.layer.as_str()
            );
            if let (Layer::Influence, Some(q)) = (tie.layer, tie.question) {
                let _ = write!(
                    buf,
                    r#"<data key="question">{}</data>"#,
                    questions[q as usize]
                );
            }
            let line = match tie.layer {
                Layer::Authority => r##"<y:LineStyle color="#444444" type="line" width="1.5"/>"##,
                Layer::Influence => r##"<y:LineStyle color="#56B4E9" type="dashed" width="1.0"/>"##,
            };
            let _ = writeln!(
                buf,
                r#"<data key="weight">{}</data><data key="yed_edge"><y:PolyLineEdge>{line}<y:Arrows source="none" target="standard"/></y:PolyLineEdge></data></edge>"#,
                super::format::float(tie.weight)
            );
            out.write_all(buf.as_bytes())?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")
    }
}

/// Layout units to yEd's coordinates (y grows downward).
const SCALE_X: f64 = 40.0;
const SCALE_Y: f64 = 120.0;

/// yEd's drawing of person `p`: a rounded box at the layout position, filled by role.
fn yed_node(cx: &Context<'_>, p: usize, out: &mut dyn Write) -> io::Result<()> {
    let layout = cx.layout();
    let role = cx.analysis.classification.role[p];
    let side = super::style::size(
        cx.analysis.metrics.combined.in_degree[p],
        cx.max_in_degree,
        14.0,
        36.0,
    );
    let f = super::format::float;
    writeln!(
        out,
        r##"      <data key="yed_node"><y:ShapeNode><y:Geometry x="{}" y="{}" width="{}" height="{}"/><y:Fill color="{}" transparent="false"/><y:BorderStyle color="#FFFFFF" type="line" width="1.0"/><y:NodeLabel modelName="sides" modelPosition="s" fontSize="10">{}</y:NodeLabel><y:Shape type="ellipse"/></y:ShapeNode></data>"##,
        f(layout.x[p] * SCALE_X - side / 2.0),
        f(layout.y[p] * SCALE_Y - side / 2.0),
        f(side),
        f(side),
        super::style::hex(role).to_uppercase(),
        xml(&cx.view.label(p))
    )
}
