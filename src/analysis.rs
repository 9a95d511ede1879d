//! The analysis: what one run of the pipeline made, from the checked data set to the
//! findings, as the exporters and callers read it. Between the findings, which read its
//! parts before it is whole ([`AnalysisParts`]), and export, which writes it.

use crate::classify::Classification;
use crate::classify::profile::Leadership;
use crate::decisions::Decisions;
use crate::findings::perception::PerceptionResults;
use crate::findings::{AnalysisParts, Finding};
use crate::graph::OrgGraph;
use crate::metrics::Metrics;
use crate::metrics::grouping::Grouping;
use crate::validate::Dataset;

/// Everything one analysis produced, ready for the exporters.
#[derive(Debug)]
pub struct Analysis {
    pub dataset: Dataset,
    pub graph: OrgGraph,
    pub metrics: Metrics,
    pub classification: Classification,
    /// How people lead (leadership dimensions and direction), when the survey asks.
    pub leadership: Option<Leadership>,
    pub findings: Vec<Finding>,
    /// Key players, their backups, and change agents when asked.
    pub decisions: Decisions,
    /// The key-player section of the findings, read from `decisions`
    /// ([`crate::findings::key_players`]): listed after `findings`.
    pub key_player_findings: Vec<Finding>,
    /// The groups of the group findings and the group matrix (`--group-by`, else the
    /// departments).
    pub grouping: Grouping,
    /// What the perception files gave; `None` without them.
    pub perception: Option<PerceptionResults>,
}

impl Analysis {
    /// Everything but the findings, as the findings read it.
    pub fn parts(&self) -> AnalysisParts<'_> {
        AnalysisParts {
            dataset: &self.dataset,
            graph: &self.graph,
            metrics: &self.metrics,
            classification: &self.classification,
            leadership: self.leadership.as_ref(),
        }
    }
}
