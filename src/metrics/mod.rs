//! Metrics: one value per person, as plain functions over views of the graph.
//!
//! In: the [`OrgGraph`] and the [`Dataset`] it was built from. Out: [`Metrics`] — the
//! formal measures and, for the combined influence layer and for each question, the
//! influence measures, each a vector indexed by person.

mod formal;
mod influence;
mod pagerank;

pub use formal::{Formal, formal};
pub use influence::{
    command_coverage, in_degree, in_share, in_weight, influence_beyond_chain,
    nominating_departments, out_degree, outside_team_share, same_team,
};
pub use pagerank::pagerank;

use crate::graph::{Csr, OrgGraph, Questions};
use crate::validate::Dataset;

/// PageRank damping factor (the conventional 0.85).
pub const DAMPING: f64 = 0.85;
/// PageRank convergence: L1 change per node.
pub const PAGERANK_TOL: f64 = 1e-10;
pub const PAGERANK_MAX_ITER: usize = 1000;

/// The influence measures of one layer (combined, or one question), indexed by person.
/// `None` means "does not apply" and is written as an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub in_degree: Vec<u32>,
    pub in_weight: Vec<f64>,
    pub in_share: Vec<Option<f64>>,
    pub out_degree: Vec<Option<u32>>,
    pub pagerank: Vec<f64>,
    pub outside_team_share: Vec<Option<f64>>,
    pub nominating_departments: Vec<u32>,
    /// Depth-1 influence sphere: the distinct people who nominate the person.
    pub influence_sphere_size: Vec<u32>,
    pub command_coverage: Vec<Option<f64>>,
    pub influence_beyond_chain: Vec<Option<f64>>,
}

/// Every metric of a run.
#[derive(Debug, Clone)]
pub struct Metrics {
    pub formal: Formal,
    /// Each person's department as a number (`None` when unknown), for group measures.
    pub department: Vec<Option<u32>>,
    pub department_names: Vec<String>,
    pub combined: Influence,
    /// One per question, in the order of `Dataset::questions`.
    pub per_question: Vec<Influence>,
}

/// Computes every metric.
pub fn compute(graph: &OrgGraph, dataset: &Dataset) -> Metrics {
    let managers = graph.managers();
    let formal = formal(&graph.authority(), &managers);
    let (department, department_names) = departments(dataset);
    let n = dataset.people.len();
    let any: Vec<bool> = (0..n).map(|p| dataset.responded_any(p)).collect();
    let view =
        |csr: &Csr, responded: &[bool]| influence(csr, responded, &formal, &managers, &department);
    let combined = view(&graph.influence(Questions::All), &any);
    let per_question = (0..graph.questions.len())
        .map(|q| {
            view(
                &graph.influence(Questions::One(q as u16)),
                &dataset.answers.responded[q],
            )
        })
        .collect();
    Metrics {
        formal,
        department,
        department_names,
        combined,
        per_question,
    }
}

fn influence(
    g: &Csr,
    responded: &[bool],
    formal: &Formal,
    managers: &[Option<u32>],
    department: &[Option<u32>],
) -> Influence {
    let in_degree = in_degree(g);
    Influence {
        in_weight: in_weight(g),
        in_share: in_share(g, responded),
        out_degree: out_degree(g, responded),
        pagerank: pagerank(g, DAMPING, PAGERANK_TOL, PAGERANK_MAX_ITER),
        outside_team_share: outside_team_share(g, managers, department),
        nominating_departments: nominating_departments(g, department),
        influence_sphere_size: in_degree.clone(),
        command_coverage: command_coverage(g, formal, managers, responded),
        influence_beyond_chain: influence_beyond_chain(g, formal),
        in_degree,
    }
}

/// Numbers each distinct non-empty department text, in sorted order.
fn departments(dataset: &Dataset) -> (Vec<Option<u32>>, Vec<String>) {
    let Some(col) = dataset.org.columns.department else {
        return (vec![None; dataset.people.len()], Vec::new());
    };
    let text = |p: usize| {
        dataset.org.rows[dataset.people.record[p]].1[col]
            .trim()
            .to_string()
    };
    let mut names: Vec<String> = (0..dataset.people.len())
        .map(text)
        .filter(|t| !t.is_empty())
        .collect();
    names.sort();
    names.dedup();
    let ids = (0..dataset.people.len())
        .map(|p| names.binary_search(&text(p)).ok().map(|i| i as u32))
        .collect();
    (ids, names)
}
