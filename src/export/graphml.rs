//! `graph.graphml`: both layers for yEd, Cytoscape and Gephi. Every person column is a
//! typed node `<key>`; edges carry `layer` (authority/influence), `question` and `weight`.
//! One influence edge per nomination and question, so parallel edges occur (GraphML
//! allows them; networkx reads the file as a multigraph).

use std::io::{self, Write};

use super::columns::{Cell, Kind, person_columns, person_order};
use super::{Context, Exporter, format::xml};
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
        let columns = person_columns(a);
        let ids = &a.dataset.people.ids;
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
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
        for p in person_order(a) {
            let name = a.dataset.org.name_of(a.dataset.people.record[p]);
            let label = name.as_deref().unwrap_or(&ids[p]);
            writeln!(out, r#"    <node id="{}">"#, xml(&ids[p]))?;
            writeln!(out, r#"      <data key="label">{}</data>"#, xml(label))?;
            for (i, c) in columns.iter().enumerate() {
                let cell = c.cell(p);
                if cell != Cell::Empty {
                    writeln!(
                        out,
                        r#"      <data key="n{i}">{}</data>"#,
                        xml(&cell.text())
                    )?;
                }
            }
            writeln!(out, "    </node>")?;
        }
        for (e, (s, t, tie)) in a.graph.edges(|_| true).enumerate() {
            write!(
                out,
                r#"    <edge id="e{e}" source="{}" target="{}">"#,
                xml(&ids[s as usize]),
                xml(&ids[t as usize])
            )?;
            write!(out, r#"<data key="layer">{}</data>"#, tie.layer.as_str())?;
            if let (Layer::Influence, Some(q)) = (tie.layer, tie.question) {
                write!(
                    out,
                    r#"<data key="question">{}</data>"#,
                    xml(&a.graph.questions[q as usize])
                )?;
            }
            writeln!(
                out,
                r#"<data key="weight">{}</data></edge>"#,
                super::format::float(tie.weight)
            )?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")
    }
}
