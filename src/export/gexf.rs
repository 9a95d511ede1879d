//! `graph.gexf` (GEXF 1.3) for Gephi: every person column as a typed node attribute, both
//! layers as edges with `layer`, `question` and `weight`, and the look of the picture:
//! `viz:color` by role, `viz:size` by influence (distinct nominators) and `viz:position`
//! from orgsphere's layout (see [`super::layout`]), so Gephi opens a readable org chart
//! with the influence ties over it rather than a scatter of black dots.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::columns::{Cell, Kind};
use super::format::{float, push_xml, xml};
use super::{Context, Exporter, style};
use crate::graph::Layer;

pub struct Gexf;

/// Layout units to Gephi's coordinates (Gephi's y axis points up).
const SCALE_X: f64 = 40.0;
const SCALE_Y: f64 = -120.0;

fn gexf_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "string",
        Kind::Int => "long",
        Kind::Float => "double",
        Kind::Bool => "boolean",
    }
}

impl Exporter for Gexf {
    fn file_name(&self) -> &'static str {
        "graph.gexf"
    }

    fn write(&self, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
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
    cx: &Context<'_>,
    columns: &[super::Column<'_>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let a = cx.analysis;
    let layout = cx.layout();
    let in_degree = &a.metrics.combined.in_degree;
    writeln!(out, "    <nodes>")?;
    let mut buf = String::new();
    for &p in cx.view.order() {
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            xml(cx.view.id(p)),
            xml(&cx.view.label(p))
        )?;
        buf.clear();
        buf.push_str("        <attvalues>\n");
        for (i, c) in columns.iter().enumerate() {
            let cell = c.cell(p);
            if cell != Cell::Empty {
                let _ = write!(buf, r#"          <attvalue for="{i}" value=""#);
                push_xml(&mut buf, &cell.text());
                buf.push_str("\"/>\n");
            }
        }
        buf.push_str("        </attvalues>\n");
        out.write_all(buf.as_bytes())?;
        let (r, g, b) = style::rgb(a.classification.role[p]);
        writeln!(
            out,
            "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\" a=\"1.0\"/>\n        <viz:position x=\"{}\" y=\"{}\" z=\"0.0\"/>\n        <viz:size value=\"{}\"/>\n      </node>",
            float(layout.x[p] * SCALE_X),
            float(layout.y[p] * SCALE_Y),
            float(style::size(in_degree[p], cx.max_in_degree, 6.0, 30.0))
        )?;
    }
    writeln!(out, "    </nodes>")
}

fn write_edges(cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let a = cx.analysis;
    writeln!(out, "    <edges>")?;
    // Ids escaped once per person, each edge built in one reused buffer.
    let ids: Vec<String> = (0..a.dataset.people.len())
        .map(|p| xml(cx.view.id(p)))
        .collect();
    let questions: Vec<String> = a.graph.questions.iter().map(|q| xml(q)).collect();
    let mut buf = String::new();
    for (e, (s, t, tie)) in cx.view.edges().into_iter().enumerate() {
        let layer = tie.layer.as_str();
        buf.clear();
        let _ = write!(
            buf,
            r#"      <edge id="e{e}" source="{}" target="{}" weight="{}" label="{layer}"><attvalues><attvalue for="layer" value="{layer}"/>"#,
            ids[s],
            ids[t],
            float(tie.weight)
        );
        if let (Layer::Influence, Some(q)) = (tie.layer, tie.question) {
            let _ = write!(
                buf,
                r#"<attvalue for="question" value="{}"/>"#,
                questions[q as usize]
            );
        }
        let look = match tie.layer {
            Layer::Authority => {
                r#"<viz:color r="68" g="68" b="68" a="0.9"/><viz:thickness value="2.0"/><viz:shape value="solid"/>"#
            }
            Layer::Influence => {
                r#"<viz:color r="86" g="180" b="233" a="0.5"/><viz:thickness value="1.0"/><viz:shape value="dashed"/>"#
            }
        };
        let _ = writeln!(buf, "</attvalues>{look}</edge>");
        out.write_all(buf.as_bytes())?;
    }
    writeln!(out, "    </edges>")
}
