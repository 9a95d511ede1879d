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
    in_degree, in_share, in_weight, nominating_departments, out_degree, outside_team_counts,
    outside_team_share, reciprocity, same_team,
};
pub use kcore::core_number;
pub use pagerank::pagerank;
pub use spheres::{
    ChainTies, chain_ties, command_counts, command_coverage, influence_beyond_chain,
    influence_beyond_counts, influence_sphere_size_2, share_of_nominators,
};
pub use structural_holes::structural_holes;

use fixedbitset::FixedBitSet;

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
///
/// A run holds one of these per question besides the combined one, so they are kept
/// compact: measures that may not apply in 8 or 4 bytes ([`MaybeFloats`],
/// [`MaybeCounts`]), and the shares of nominators as the counts they divide (each share
/// is worked out when read, by the same division, so it has the same bits).
#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub in_degree: Vec<u32>,
    pub in_weight: Vec<f64>,
    /// Who answered the layer's question(s), and how many did ([`Influence::in_share`]).
    responded: FixedBitSet,
    respondents: usize,
    pub out_degree: MaybeCounts,
    pub pagerank: Vec<f64>,
    pub paths: Paths,
    pub reciprocity: MaybeFloats,
    pub constraint: MaybeFloats,
    pub effective_size: MaybeFloats,
    pub core: Vec<u32>,
    /// Of each person's nominators, how many are outside their team (and department).
    pub outside_team: Vec<u32>,
    pub nominating_departments: Vec<u32>,
    pub influence_sphere_size_2: Vec<u32>,
    pub command_coverage: MaybeFloats,
    /// Of each person's nominators, how many are neither in their formal sphere nor in
    /// their chain of command.
    pub beyond_chain: Vec<u32>,
}

impl Influence {
    /// Depth-1 influence sphere: the distinct people who nominate the person, which is
    /// the in-degree (kept once).
    pub fn influence_sphere_size(&self) -> &[u32] {
        &self.in_degree
    }

    /// The share of the other respondents who nominate person `p` ([`in_share`]); `None`
    /// when nobody else answered.
    pub fn in_share(&self, p: usize) -> Option<f64> {
        let others = self.respondents - usize::from(self.responded.contains(p));
        (others > 0).then(|| self.in_degree[p] as f64 / others as f64)
    }

    /// The share of person `p`'s nominators outside their team ([`outside_team_share`]);
    /// `None` when nobody names them.
    pub fn outside_team_share(&self, p: usize) -> Option<f64> {
        share_of_nominators(self.outside_team[p], self.in_degree[p])
    }

    /// The share of person `p`'s nominators beyond their formal sphere and chain of
    /// command ([`influence_beyond_chain`]); `None` when nobody names them.
    pub fn influence_beyond_chain(&self, p: usize) -> Option<f64> {
        share_of_nominators(self.beyond_chain[p], self.in_degree[p])
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
        let respondents = responded.iter().filter(|&&r| r).count();
        let mut answered = FixedBitSet::with_capacity(responded.len());
        for (p, _) in responded.iter().enumerate().filter(|(_, r)| **r) {
            answered.insert(p);
        }
        let out_degree = out_degree(g, responded).into();
        let reciprocity = reciprocity(g).into();
        let outside_team = outside_team_counts(g, self.managers, self.department);
        let nominating_departments = nominating_departments(g, self.department);
        let command_coverage = command_coverage(g, self.formal, self.managers, responded).into();
        let beyond_chain = influence_beyond_counts(g, self.formal);
        move |paths| Influence {
            in_weight,
            responded: answered,
            respondents,
            out_degree,
            pagerank,
            paths,
            reciprocity,
            constraint,
            effective_size,
            core,
            outside_team,
            nominating_departments,
            influence_sphere_size_2,
            command_coverage,
            beyond_chain,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The shares an [`Influence`] works out from its counts have the bits the share
    /// functions give, on the combined layer and on every question's.
    #[test]
    fn shares_read_from_counts_are_the_shares() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let inputs = crate::Options::inputs_from_dir(&dir).unwrap();
        let options = crate::Options::new(inputs, dir.join("unused-out"));
        let d = crate::check(&options).unwrap();
        let graph = OrgGraph::build(&d);
        let m = compute(
            &graph,
            &d,
            options.paths,
            options.seed,
            &crate::progress::Silent,
        );
        let any: Vec<bool> = (0..d.people.len())
            .map(|p| d.responded_influence(p))
            .collect();
        let layers = std::iter::once((&m.combined, Questions::All, any)).chain(
            m.per_question.iter().enumerate().map(|(q, inf)| {
                (
                    inf,
                    Questions::One(q as u16),
                    d.answers.responded[q].clone(),
                )
            }),
        );
        let bits = |v: Option<f64>| v.map(f64::to_bits);
        let mut checked = 0;
        for (inf, questions, responded) in layers {
            let g = graph.influence(questions);
            let share = in_share(g, &responded);
            let outside = outside_team_share(g, &m.managers, &m.department);
            let beyond = influence_beyond_chain(g, &m.formal);
            for p in 0..d.people.len() {
                assert_eq!(bits(inf.in_share(p)), bits(share[p]), "{questions:?} {p}");
                assert_eq!(bits(inf.outside_team_share(p)), bits(outside[p]));
                assert_eq!(bits(inf.influence_beyond_chain(p)), bits(beyond[p]));
                checked += usize::from(outside[p].is_some_and(|x| x > 0.0 && x < 1.0));
            }
        }
        assert!(checked > 50, "{checked}");
    }
}
