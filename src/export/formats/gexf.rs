//! `graph.gexf` (GEXF 1.3) for Gephi: every person column as a typed node attribute, both
//! layers as edges with `layer`, `question` and `weight`, and the look of the picture:
//! `viz:color` by role, `viz:size` by influence (distinct nominators) and `viz:position`
//! from orgsphere's layout (see [`layout`](crate::export::layout)), so Gephi opens a readable org chart
//! with the influence ties over it rather than a scatter of black dots. Edges get their own
//! colour, thickness and dashes up to [`crate::options::LARGE_ORGANISATION`] people.

use std::io::{self, Write};

use super::{EdgeKinds, style};
use crate::export::context::{ExportContext, Exporter};
use crate::export::view::columns::{Cell, Column, ColumnKind, for_each_row};
use crate::export::writing::chunks;
use crate::graph::Layer;
use crate::text::number::{push_float, push_int};
use crate::text::{push_xml, xml};

pub struct Gexf;

/// Layout units to Gephi's coordinates (Gephi's y axis points up).
const SCALE_X: f64 = 40.0;
const SCALE_Y: f64 = -120.0;

fn gexf_type(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Text => "string",
        ColumnKind::Int => "long",
        ColumnKind::Float => "double",
        ColumnKind::Bool => "boolean",
    }
}

impl Exporter for Gexf {
    fn graph_file(&self) -> bool {
        true
    }

    fn file_name(&self) -> &'static str {
        "graph.gexf"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let columns = cx.view.graph_columns();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
        )?;
        writeln!(
            out,
            "  <meta>\n    <creator>orgsphere {}</creator>\n    <description>Org chart (authority ties, manager to report) with influence ties (respondent to nominee) over it; colour by role, size by distinct nominators</description>\n  </meta>",
            env!("CARGO_PKG_VERSION")
        )?;
        writeln!(out, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
        writeln!(out, r#"    <attributes class="node" mode="static">"#)?;
        for (i, c) in columns.iter().enumerate() {
            writeln!(
                out,
                r#"      <attribute id="{i}" title="{}" type="{}"/>"#,
                xml(&c.name),
                gexf_type(c.kind)
            )?;
        }
        writeln!(out, "    </attributes>")?;
        writeln!(
            out,
            "    <attributes class=\"edge\" mode=\"static\">\n      <attribute id=\"layer\" title=\"layer\" type=\"string\"/>\n      <attribute id=\"question\" title=\"question\" type=\"string\"/>\n    </attributes>"
        )?;
        write_nodes(cx, &columns, out)?;
        write_edges(cx, out)?;
        writeln!(out, "  </graph>\n</gexf>")
    }
}

fn write_nodes(
    cx: &ExportContext<'_>,
    columns: &[Column<'_>],
    out: &mut (dyn Write + Send),
) -> io::Result<()> {
    writeln!(out, "    <nodes>")?;
    let order = cx.view.order();
    let keys: Vec<String> = (0..columns.len())
        .map(|i| format!(r#"<attvalue for="{i}" value=""#))
        .collect();
    chunks::write_blocks(out, order.len(), |rows, buf| {
        for_each_row(columns, &order[rows], |p, row| node(cx, row, &keys, p, buf));
    })?;
    writeln!(out, "    </nodes>")
}

/// Appends person `p`'s node, on one line like an edge (indenting each value would add a
/// fifth to a million-person file): id, label, every non-empty column, colour, position,
/// size, from the person's `cells`. Each value opens with its column's `keys` entry.
fn node(cx: &ExportContext<'_>, cells: &[Cell<'_>], keys: &[String], p: usize, buf: &mut String) {
    let layout = cx.layout();
    buf.push_str(r#"      <node id=""#);
    buf.push_str(&cx.xml_ids()[p]);
    buf.push_str(r#"" label=""#);
    push_xml(buf, &cx.view.label(p));
    buf.push_str("\"><attvalues>");
    for (cell, key) in cells.iter().zip(keys) {
        if *cell != Cell::Empty {
            buf.push_str(key);
            cell.push_text(buf, push_xml);
            buf.push_str("\"/>");
        }
    }
    buf.push_str("</attvalues>");
    let (r, g, b) = style::rgb(cx.view.roles()[p]);
    buf.push_str("<viz:color r=\"");
    push_int(buf, r);
    buf.push_str("\" g=\"");
    push_int(buf, g);
    buf.push_str("\" b=\"");
    push_int(buf, b);
    buf.push_str("\" a=\"1.0\"/><viz:position x=\"");
    push_float(buf, layout.x[p] * SCALE_X);
    buf.push_str("\" y=\"");
    push_float(buf, layout.y[p] * SCALE_Y);
    buf.push_str("\" z=\"0.0\"/><viz:size value=\"");
    let in_degree = cx.view.metrics().combined.in_degree[p];
    push_float(buf, style::size(in_degree, cx.max_in_degree, 6.0, 30.0));
    buf.push_str("\"/></node>\n");
}

fn write_edges(cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
    writeln!(out, "    <edges>")?;
    let ids = cx.xml_ids();
    let questions: Vec<String> = cx.view.graph().questions.iter().map(|q| xml(q)).collect();
    let edges = cx.edges();
    // Each edge's look (colour, thickness, dashes for influence) helps a drawing of a
    // team or a department; above [`crate::options::LARGE_ORGANISATION`] people it would be a
    // quarter of the file and nobody draws the edges one by one, so it is left out there
    // (Gephi colours edges by their source person, and by `layer` on request).
    let edge_look = !cx.large();
    // Edges carry no id: optional since GEXF 1.3, and no reader needs one.
    let kinds = EdgeKinds::new(&questions, |layer, question| {
        let mut after = String::new();
        if edge_look {
            after.push_str(&format!(r#"" label="{}"#, layer.as_str()));
        }
        after.push_str(&format!(
            r#""><attvalues><attvalue for="layer" value="{}"/>"#,
            layer.as_str()
        ));
        if let Some(q) = question {
            after.push_str(&format!(r#"<attvalue for="question" value="{q}"/>"#));
        }
        after.push_str("</attvalues>");
        if edge_look {
            after.push_str(edge_style(layer));
        }
        after.push_str("</edge>\n");
        (String::from(r#"" weight=""#), after)
    });
    chunks::write_rows(out, edges.len(), |e, buf| {
        edges.prefetch_ahead(e, ids);
        let (s, t, tie) = &edges.get(e);
        let (before, after) = kinds.get(tie);
        buf.push_str(r#"      <edge source=""#);
        buf.push_str(&ids[*s]);
        buf.push_str(r#"" target=""#);
        buf.push_str(&ids[*t]);
        buf.push_str(before);
        push_float(buf, tie.weight);
        buf.push_str(after);
    })?;
    writeln!(out, "    </edges>")
}

/// How Gephi draws a tie of `layer`: colour, thickness and dashes.
fn edge_style(layer: Layer) -> &'static str {
    match layer {
        Layer::Authority => {
            r#"<viz:color r="68" g="68" b="68" a="0.9"/><viz:thickness value="2.0"/><viz:shape value="solid"/>"#
        }
        Layer::Influence => {
            r#"<viz:color r="86" g="180" b="233" a="0.5"/><viz:thickness value="1.0"/><viz:shape value="dashed"/>"#
        }
        Layer::Collaboration => {
            r#"<viz:color r="0" g="158" b="115" a="0.4"/><viz:thickness value="1.0"/><viz:shape value="dotted"/>"#
        }
        Layer::Social => {
            r#"<viz:color r="240" g="228" b="66" a="0.4"/><viz:thickness value="1.0"/><viz:shape value="dotted"/>"#
        }
        Layer::Negative => {
            r#"<viz:color r="213" g="94" b="0" a="0.6"/><viz:thickness value="1.0"/><viz:shape value="dashed"/>"#
        }
        Layer::Direction => {
            r#"<viz:color r="0" g="114" b="178" a="0.6"/><viz:thickness value="1.0"/><viz:shape value="dotted"/>"#
        }
    }
}
