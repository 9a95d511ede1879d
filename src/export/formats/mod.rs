//! The files, one [`Exporter`] each: `people.csv`, `data-quality.csv`, `summary.json` and
//! the findings always, then the formats chosen (`people.parquet`, `graph.graphml`,
//! `graph.gexf`, `graph.dot`, `graph.cyjs`, `graph.json`, `report.html`). Shared by the
//! pictures: [`style`], one colour and size per role.

pub mod change_agents;
pub mod dot;
pub mod findings;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod parquet;
pub mod people;
pub mod perception;
pub mod quality;
pub mod report;
pub mod style;
pub mod summary;

pub use dot::check_root as check_dot_root;

use std::collections::BTreeSet;

use super::context::Exporter;
use crate::options::Format;

/// The exporters for `formats`, in the order files are written: `people.csv`,
/// `data-quality.csv` and `summary.json` always, then the chosen formats.
pub fn exporters(formats: &BTreeSet<Format>) -> Vec<Box<dyn Exporter>> {
    let mut list: Vec<Box<dyn Exporter>> = vec![
        Box::new(people::PeopleCsv),
        Box::new(quality::DataQualityCsv),
        Box::new(summary::SummaryJson),
        Box::new(findings::FindingsCsv),
        Box::new(findings::FindingsJson),
    ];
    for format in formats {
        list.push(match format {
            Format::Parquet => Box::new(parquet::PeopleParquet),
            Format::Graphml => Box::new(graphml::GraphMl),
            Format::Gexf => Box::new(gexf::Gexf),
            Format::Dot => Box::new(dot::Dot),
            Format::Cyjs => Box::new(json::CytoscapeJson),
            Format::Json => Box::new(json::NodeLinkJson),
            Format::Report => Box::new(report::ReportHtml),
        });
    }
    list
}
