//! Metrics: one value per person, as plain functions over views of the graph.
//!
//! In: the [`OrgGraph`] and the [`Dataset`] it was built from. Out: [`Metrics`] — the
//! formal measures and, for the combined influence layer and for each question, the
//! influence measures, each a vector indexed by person; plus communities of the combined
//! layer. Every measure reads a compact view ([`Csr`]) derived from the organisation's
//! petgraph graph. Which algorithm is whose: PageRank, betweenness/closeness (Brandes),
//! structural holes, k-core and the sphere measures are orgsphere's own, on a compact
//! view, each tested against networkx's values and against petgraph's algorithms run on
//! the petgraph graph the view came from (`against_petgraph`, the tests). Communities:
//! Louvain, also orgsphere's own (the leiden-rs crate was measured and found too slow at
//! scale).

mod against_petgraph;
mod brandes;
pub mod change_agents;
mod column;
mod community;
mod formal;
pub mod grouping;
mod influence;
mod kcore;
pub mod keyplayer;
mod louvain;
mod pagerank;
mod pool;
mod spheres;
mod structural_holes;

pub use brandes::{
    DEFAULT_SAMPLES, EXACT_LIMIT, Method, Paths, error_bound, paths, question_samples,
};
pub use column::{MaybeCounts, MaybeFloats};
pub use community::{Communities, communities, ei_index, normalized_mutual_information};
pub use formal::{Formal, formal};
pub(crate) use influence::sorted_overlap;
pub use influence::{
    in_degree, in_share, in_weight, nominating_departments, out_degree, outside_team_share,
    reciprocity, same_team,
};
pub use kcore::core_number;
pub use pagerank::pagerank;
pub use spheres::{
    ChainTies, chain_ties, command_counts, command_coverage, influence_beyond_chain,
    influence_sphere_size_2,
};
pub use structural_holes::structural_holes;

use crate::graph::{Csr, OrgGraph, Questions};
use crate::options::PathSettings;
use crate::progress::{Progress, stage};
use crate::validate::Dataset;

/// PageRank damping factor (the conventional 0.85).
pub const DAMPING: f64 = 0.85;
/// PageRank convergence: L1 change per node.
pub const PAGERANK_TOL: f64 = 1e-10;
pub const PAGERANK_MAX_ITER: usize = 1000;

/// The influence measures of one layer (combined, or one question), indexed by person.
/// `None` means "does not apply" and is written as an empty cell.
#[derive(Debug, Clone, PartialEq)]
/// Measures that may not apply are kept compact ([`MaybeFloats`], [`MaybeCounts`]): a
/// run holds one of these per question besides the combined one.
pub struct Influence {
    pub in_degree: Vec<u32>,
    pub in_weight: Vec<f64>,
    pub in_share: MaybeFloats,
    pub out_degree: MaybeCounts,
    pub pagerank: Vec<f64>,
    pub paths: Paths,
    pub reciprocity: MaybeFloats,
    pub constraint: MaybeFloats,
    pub effective_size: MaybeFloats,
    pub core: Vec<u32>,
    pub outside_team_share: MaybeFloats,
    pub nominating_departments: Vec<u32>,
    pub influence_sphere_size_2: Vec<u32>,
    pub command_coverage: MaybeFloats,
    pub influence_beyond_chain: MaybeFloats,
}

impl Influence {
    /// Depth-1 influence sphere: the distinct people who nominate the person, which is
    /// the in-degree (kept once).
    pub fn influence_sphere_size(&self) -> &[u32] {
        &self.in_degree
    }
}

/// Every metric of a run.
#[derive(Debug, Clone)]
pub struct Metrics {
    pub formal: Formal,
    pub managers: Vec<Option<u32>>,
    /// Each person's department as a number (`None` when unknown), for group measures.
    pub department: Vec<Option<u32>>,
    pub department_names: Vec<String>,
    pub combined: Influence,
    /// One per question, in the order of `Dataset::questions`.
    pub per_question: Vec<Influence>,
    pub communities: Communities,
    /// How the combined influence ties follow the hierarchy.
    pub chain: ChainTies,
}

/// Computes every metric.
pub fn compute(
    graph: &OrgGraph,
    dataset: &Dataset,
    settings: PathSettings,
    seed: u64,
    progress: &dyn Progress,
) -> Metrics {
    // The authority layer's measures, and what the influence layers need (departments,
    // respondents), are independent: computed side by side.
    let all = graph.influence(Questions::All);
    let ((managers, formal), ((department, department_names), any)) = rayon::join(
        || {
            // The authority layer is built from these (`OrgGraph::managers` reads them back).
            let managers = dataset.people.manager.clone();
            let formal = stage(progress, "formal metrics", || {
                formal(graph.authority(), &managers)
            });
            (managers, formal)
        },
        || {
            let any: Vec<bool> = (0..dataset.people.len())
                .map(|p| dataset.responded_influence(p))
                .collect();
            (departments(dataset), any)
        },
    );
    let measures = LayerMeasures {
        formal: &formal,
        managers: &managers,
        department: &department,
        settings,
        seed,
    };
    let per_question_measures = LayerMeasures {
        settings: PathSettings {
            samples: question_samples(settings.samples),
            ..settings
        },
        ..measures
    };
    // The layers and the communities do not depend on each other: they run side by side,
    // so the sequential parts of one overlap the parallel searches of another. The
    // communities (one long sequential run) start first, while the searches of the layers
    // keep the other cores busy; started last, they would run alone at the end. Each
    // result is the same as if they ran one after the other.
    let (combined, ((communities, chain), per_question)) = rayon::join(
        || {
            stage(progress, "influence metrics", || {
                measures.influence(all, &any)
            })
        },
        || {
            rayon::join(
                || {
                    (
                        stage(progress, "communities", || communities(all, seed)),
                        chain_ties(all, &formal, &managers),
                    )
                },
                || {
                    // One question's layer at a time (each runs its own searches in
                    // parallel): layers computed side by side would each hold their search
                    // state and sums at once, which at a million people with several
                    // questions costs more memory than their results.
                    (0..graph.questions.len())
                        .map(|q| {
                            let name = format!("{} metrics", graph.questions[q]);
                            stage(progress, &name, || {
                                per_question_measures.influence(
                                    graph.influence(Questions::One(q as u16)),
                                    &dataset.answers.responded[q],
                                )
                            })
                        })
                        .collect::<Vec<_>>()
                },
            )
        },
    );
    Metrics {
        formal,
        managers,
        department,
        department_names,
        combined,
        per_question,
        communities,
        chain,
    }
}

/// What the influence measures need besides the layer itself.
struct LayerMeasures<'a> {
    formal: &'a Formal,
    managers: &'a [Option<u32>],
    department: &'a [Option<u32>],
    settings: PathSettings,
    /// The seed of the sampled sources.
    seed: u64,
}

impl LayerMeasures<'_> {
    fn influence(&self, g: &Csr, responded: &[bool]) -> Influence {
        let s = self.settings;
        // The searches take most of the time; everything else runs beside them.
        let (paths, finish) = rayon::join(
            || paths(g, s.exact_limit, s.samples, self.seed),
            || self.beside_paths(g, responded),
        );
        finish(paths)
    }

    /// Every measure of the layer but the path measures: the layer's [`Influence`] once
    /// those are given.
    fn beside_paths(&self, g: &Csr, responded: &[bool]) -> impl FnOnce(Paths) -> Influence {
        let ((pagerank, (constraint, effective_size)), (core, influence_sphere_size_2)) =
            rayon::join(
                || {
                    (
                        pagerank(g, DAMPING, PAGERANK_TOL, PAGERANK_MAX_ITER),
                        structural_holes(g),
                    )
                },
                || (core_number(g), influence_sphere_size_2(g)),
            );
        let (constraint, effective_size) = (constraint.into(), effective_size.into());
        let in_degree = in_degree(g);
        let in_weight = in_weight(g);
        let in_share = in_share(g, responded).into();
        let out_degree = out_degree(g, responded).into();
        let reciprocity = reciprocity(g).into();
        let outside_team_share = outside_team_share(g, self.managers, self.department).into();
        let nominating_departments = nominating_departments(g, self.department);
        let command_coverage = command_coverage(g, self.formal, self.managers, responded).into();
        let influence_beyond_chain = influence_beyond_chain(g, self.formal).into();
        move |paths| Influence {
            in_weight,
            in_share,
            out_degree,
            pagerank,
            paths,
            reciprocity,
            constraint,
            effective_size,
            core,
            outside_team_share,
            nominating_departments,
            influence_sphere_size_2,
            command_coverage,
            influence_beyond_chain,
            in_degree,
        }
    }
}

/// Numbers each distinct non-empty department text, in sorted order.
fn departments(dataset: &Dataset) -> (Vec<Option<u32>>, Vec<String>) {
    match dataset.org.columns.department {
        Some(col) => grouping::column_groups(dataset, col),
        None => (vec![None; dataset.people.len()], Vec::new()),
    }
}
