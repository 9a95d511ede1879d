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
use crate::graph::{Layer, Tie};
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

/// The text of an edge line that depends only on its tie's layer and question, made once
/// per kind of tie: a million-person graph file has millions of edges and only a few
/// kinds, so each edge copies two ready pieces instead of assembling them from a dozen.
pub(super) struct EdgeKinds {
    /// (before the weight, after the weight), by [`EdgeKinds::index`].
    texts: Vec<(String, String)>,
    questions: usize,
}

impl EdgeKinds {
    /// `text(layer, question)` gives the two pieces of every kind; `questions` are the
    /// question names as the file writes them, indexed by [`Tie::question`].
    pub(super) fn new(
        questions: &[String],
        text: impl Fn(Layer, Option<&str>) -> (String, String),
    ) -> Self {
        let texts = Layer::ALL
            .iter()
            .flat_map(|&layer| {
                std::iter::once(None)
                    .chain(questions.iter().map(|q| Some(q.as_str())))
                    .map(move |q| (layer, q))
            })
            .map(|(layer, q)| text(layer, q))
            .collect();
        EdgeKinds {
            texts,
            questions: questions.len(),
        }
    }

    fn index(&self, tie: &Tie) -> usize {
        // `Layer::ALL` lists the layers in declaration order: a layer's place is its number.
        tie.layer as usize * (self.questions + 1) + tie.question.map_or(0, |q| q as usize + 1)
    }

    /// The pieces of `tie`'s line before and after its weight.
    pub(super) fn get(&self, tie: &Tie) -> (&str, &str) {
        let (before, after) = &self.texts[self.index(tie)];
        (before, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of tie gets its own pieces: each layer (by its number) and each
    /// question, or none.
    #[test]
    fn each_kind_of_tie_finds_its_own_text() {
        let questions = ["advice".to_string(), "trust".to_string()];
        let kinds = EdgeKinds::new(&questions, |layer, question| {
            (
                layer.as_str().to_string(),
                question.unwrap_or("-").to_string(),
            )
        });
        for layer in Layer::ALL {
            for question in [None, Some(0), Some(1)] {
                let tie = Tie {
                    layer,
                    question,
                    weight: 1.0,
                };
                let want = question.map_or("-", |q| questions[q as usize].as_str());
                assert_eq!(kinds.get(&tie), (layer.as_str(), want));
            }
        }
    }
}
