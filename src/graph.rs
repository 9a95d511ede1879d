//! Graph: the one petgraph graph of an organisation, with two layers of edges — authority
//! (manager → report) and influence (respondent → nominee, with question and weight) —
//! and the compact views of it that the metrics read.
//!
//! Node `i` is person `i` of the [`Dataset`]. [`OrgGraph::build`] adds the edges in a
//! fixed order: every manager link in person order, then every nomination in survey order.
//! Each view the algorithms read — the authority layer, the combined influence layer, one
//! influence view per question — is then derived from that graph's edge list, filtered
//! and weighted ([`Csr::from_graph`]), the views side by side. A view is a petgraph graph
//! too: [`Csr`] implements petgraph's visit traits (`IntoNeighborsDirected`,
//! `IntoEdgesDirected`, `NodeIndexable`, `NodeCount`, `Visitable`, …), so petgraph's own
//! algorithms, and any written against those traits, run on it as on the graph it came
//! from. The metrics' tests do just that: each measure on a view against petgraph's
//! algorithms on a petgraph graph.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rayon::prelude::*;
use std::sync::OnceLock;

use crate::load::QuestionKind;
use crate::validate::Dataset;

mod traits;

/// Which layer an edge belongs to: the org chart's authority, or the kind of the survey
/// question that made it (only influence ties make the influence layer's measures and
/// the roles; the others are context, kept per question).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Authority,
    Influence,
    Collaboration,
    Social,
    Negative,
    Direction,
}

impl Layer {
    /// Every layer, in declaration order.
    pub const ALL: [Layer; 6] = [
        Layer::Authority,
        Layer::Influence,
        Layer::Collaboration,
        Layer::Social,
        Layer::Negative,
        Layer::Direction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Authority => "authority",
            Layer::Influence => "influence",
            Layer::Collaboration => "collaboration",
            Layer::Social => "social",
            Layer::Negative => "negative",
            Layer::Direction => "direction",
        }
    }

    /// The layer of a survey question's ties.
    pub fn of(kind: QuestionKind) -> Layer {
        match kind {
            QuestionKind::Influence => Layer::Influence,
            QuestionKind::Collaboration => Layer::Collaboration,
            QuestionKind::Social => Layer::Social,
            QuestionKind::Negative => Layer::Negative,
            QuestionKind::Direction => Layer::Direction,
        }
    }
}

/// An edge of either layer. Authority edges have no question and weight 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tie {
    pub layer: Layer,
    pub question: Option<u16>,
    pub weight: f64,
}

/// The two-layer graph of an organisation.
#[derive(Debug)]
pub struct OrgGraph {
    pub graph: DiGraph<(), Tie, u32>,
    /// Question names, indexed by `Tie::question`.
    pub questions: Vec<String>,
    /// Compact index of the authority layer (manager → reports).
    authority: Csr,
    /// Compact indices of the influence views: every question combined, then one per
    /// question. Made when the graph is built; a question's view released with
    /// [`OrgGraph::release_question_views`] is made again from the graph if asked for.
    views: Vec<OnceLock<Csr>>,
    /// Each question's weight in the combined layer (`--question-weight`), indexed alike.
    pub question_weights: Vec<f64>,
}

/// Which survey edges a view keeps: one question (of any kind), or every influence question
/// combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Questions {
    All,
    One(u16),
}

impl OrgGraph {
    /// Builds the graph: one node per person, an authority edge per manager link, an
    /// influence edge per nomination, in a fixed order (person, then nomination order), so
    /// every traversal is deterministic. Then derives each view from its edges, in the
    /// graph's order.
    pub fn build(dataset: &Dataset) -> OrgGraph {
        let graph = two_layers(dataset);
        let weights = &dataset.question_weights;
        let views: Vec<Questions> = std::iter::once(Questions::All)
            .chain((0..dataset.questions.len()).map(|q| Questions::One(q as u16)))
            .collect();
        let (authority, views) = rayon::join(
            || authority_view(&graph),
            || {
                views
                    .par_iter()
                    .map(|&questions| OnceLock::from(influence_view(&graph, questions, weights)))
                    .collect()
            },
        );
        OrgGraph {
            graph,
            questions: dataset.questions.clone(),
            authority,
            views,
            question_weights: dataset.question_weights.clone(),
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Each person's manager, read from the authority layer.
    pub fn managers(&self) -> Vec<Option<u32>> {
        (0..self.node_count())
            .map(|p| {
                self.graph
                    .edges_directed(NodeIndex::new(p), Direction::Incoming)
                    .find(|e| e.weight().layer == Layer::Authority)
                    .map(|e| e.source().index() as u32)
            })
            .collect()
    }

    /// The authority layer as a compact view (manager → reports).
    pub fn authority(&self) -> &Csr {
        &self.authority
    }

    /// The influence layer for `questions` as a compact view. `All` combines the questions
    /// of the influence kind only (friendship, cowork or conflict never count as
    /// influence); parallel edges of several questions merge into one whose weight is the
    /// sum of question weight × tie weight (`--question-weight`; every question weighs 1 by
    /// default), and a question of weight 0 is left out. One question's view keeps the tie
    /// weights as answered.
    pub fn influence(&self, questions: Questions) -> &Csr {
        let i = match questions {
            Questions::All => 0,
            Questions::One(q) => 1 + q as usize,
        };
        self.views[i].get_or_init(|| influence_view(&self.graph, questions, &self.question_weights))
    }

    /// Lets go of each question's own view (the combined one stays): once the metrics,
    /// findings and decisions have read them, a million people with six questions hold a
    /// quarter of a gigabyte in them that the files do not need. A view asked for again
    /// is made again from the graph, the same.
    pub fn release_question_views(&mut self) {
        for view in &mut self.views[1..] {
            view.take();
        }
    }

    /// The edges whose tie passes `keep`, as (source, target, tie), in the graph's order.
    pub fn edges<'a>(
        &'a self,
        keep: impl Fn(&Tie) -> bool + 'a,
    ) -> impl Iterator<Item = (u32, u32, Tie)> + 'a {
        self.graph
            .edge_references()
            .filter(move |e| keep(e.weight()))
            .map(|e| {
                (
                    e.source().index() as u32,
                    e.target().index() as u32,
                    *e.weight(),
                )
            })
    }
}

/// The petgraph graph of `dataset`'s two layers: one node per person; an authority edge
/// per manager link, in person order; then an edge per nomination, in survey order.
fn two_layers(dataset: &Dataset) -> DiGraph<(), Tie, u32> {
    let n = dataset.people.len();
    let nominations = &dataset.answers.nominations;
    let mut graph = DiGraph::with_capacity(n, n + nominations.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for (report, manager) in dataset.people.manager.iter().enumerate() {
        if let Some(m) = manager {
            let tie = Tie {
                layer: Layer::Authority,
                question: None,
                weight: 1.0,
            };
            graph.add_edge(NodeIndex::new(*m as usize), NodeIndex::new(report), tie);
        }
    }
    for nom in nominations {
        let tie = Tie {
            layer: Layer::of(dataset.question_kinds[nom.question as usize]),
            question: Some(nom.question),
            weight: nom.weight,
        };
        graph.add_edge(
            NodeIndex::new(nom.from as usize),
            NodeIndex::new(nom.to as usize),
            tie,
        );
    }
    graph
}

/// The authority layer of the two-layer `graph` as a compact view: its authority edges
/// (manager → report), in its order.
pub fn authority_view(graph: &DiGraph<(), Tie, u32>) -> Csr {
    Csr::from_graph(graph, |tie| (tie.layer == Layer::Authority).then_some(1.0))
}

/// One influence view of the two-layer `graph` as a compact view (see
/// [`OrgGraph::influence`]): its survey edges that `questions` keeps, weighted, in its
/// order. `weights` are the questions' weights in the combined layer.
pub fn influence_view(graph: &DiGraph<(), Tie, u32>, questions: Questions, weights: &[f64]) -> Csr {
    Csr::from_graph(graph, |tie| view_weight(tie, questions, weights))
}

/// A survey tie's weight in the influence view of `questions` (see
/// [`OrgGraph::influence`]); `None` when the view leaves it out. `weights` are the
/// questions' weights in the combined layer.
fn view_weight(tie: &Tie, questions: Questions, weights: &[f64]) -> Option<f64> {
    let q = tie.question?;
    let weight = match questions {
        Questions::All if tie.layer != Layer::Influence => return None,
        Questions::All => weights.get(q as usize).copied().unwrap_or(1.0) * tie.weight,
        Questions::One(one) if one == q => tie.weight,
        Questions::One(_) => return None,
    };
    (weight > 0.0).then_some(weight)
}

/// Compressed sparse rows: each node's out-neighbours (sorted, distinct) with weights, and
/// the same for in-neighbours. Built once per view; every metric reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    out_offsets: Vec<u32>,
    out_targets: Vec<u32>,
    out_weights: Vec<f64>,
    in_offsets: Vec<u32>,
    in_sources: Vec<u32>,
    in_weights: Vec<f64>,
    /// [`locality_order`] of the view, computed by the first pass that asks.
    locality: OnceLock<Vec<u32>>,
}

impl Csr {
    /// The graph of `n` nodes and ties of weight 1, for tests.
    #[cfg(test)]
    pub fn from_ties(n: usize, ties: &[(u32, u32)]) -> Csr {
        Csr::from_edges(n, ties.iter().map(|&(a, b)| (a, b, 1.0)))
    }

    /// Builds the index of `n` nodes from (source, target, weight) edges; repeated pairs are
    /// merged by adding their weights (in the order given). A stable counting sort by
    /// source, then each source's ties sorted by target: O(V + E log d) for d ties a person,
    /// one copy of the edges fewer than two counting sorts.
    pub fn from_edges(n: usize, edges: impl Iterator<Item = (u32, u32, f64)>) -> Csr {
        // Room for every edge the source could give (a filtered view of a graph keeps its
        // upper bound): no copy while collecting, and room never written is never touched.
        let mut list: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.size_hint().1.unwrap_or(0));
        list.extend(edges);
        // Each pass's input is dropped as soon as its output exists: two copies at most.
        // By source, then each source's ties by target; both sorts are stable, so repeated
        // pairs keep the edges' order and their weights add up in it.
        let mut by_source = bucket_sort(n, &list, |e| e.0);
        drop(list);
        for ties in by_source.chunk_by_mut(|a, b| a.0 == b.0) {
            ties.sort_by_key(|e| e.1);
        }
        let mut list = by_source;
        merge_repeated(&mut list);
        let (out_offsets, out_targets, out_weights) = compress(n, &list, |e| (e.0, e.1));
        // Sorted by source within each target, as the in-lists need.
        let by_target = bucket_sort(n, &list, |e| e.1);
        drop(list);
        let (in_offsets, in_sources, in_weights) = compress(n, &by_target, |e| (e.1, e.0));
        Csr {
            out_offsets,
            out_targets,
            out_weights,
            in_offsets,
            in_sources,
            in_weights,
            locality: OnceLock::new(),
        }
    }

    /// The view of a petgraph graph: its edges that `weight` keeps, in the graph's edge
    /// order, each with the weight it gives (see [`Csr::from_edges`] for repeated pairs).
    /// Node `i` is the graph's node of index `i`.
    pub fn from_graph<G>(g: G, weight: impl Fn(&G::EdgeWeight) -> Option<f64>) -> Csr
    where
        G: IntoEdgeReferences + NodeIndexable,
    {
        let edges = g.edge_references().filter_map(|e| {
            let w = weight(e.weight())?;
            Some((
                g.to_index(e.source()) as u32,
                g.to_index(e.target()) as u32,
                w,
            ))
        });
        Csr::from_edges(g.node_bound(), edges)
    }

    /// The view's [`locality_order`] (`rank[person]`), computed once for every pass that
    /// reads per-person arrays along the ties (the path searches, the bootstrap).
    pub fn locality_order(&self) -> &[u32] {
        self.locality.get_or_init(|| locality_order(self))
    }

    pub fn node_count(&self) -> usize {
        self.out_offsets.len() - 1
    }

    pub fn edge_count(&self) -> usize {
        self.out_targets.len()
    }

    /// The nodes `v` names, ascending.
    pub fn out_neighbors(&self, v: usize) -> &[u32] {
        &self.out_targets[self.out_offsets[v] as usize..self.out_offsets[v + 1] as usize]
    }

    pub fn out_weights(&self, v: usize) -> &[f64] {
        &self.out_weights[self.out_offsets[v] as usize..self.out_offsets[v + 1] as usize]
    }

    /// The nodes that name `v`, ascending.
    pub fn in_neighbors(&self, v: usize) -> &[u32] {
        &self.in_sources[self.in_offsets[v] as usize..self.in_offsets[v + 1] as usize]
    }

    pub fn in_weights(&self, v: usize) -> &[f64] {
        &self.in_weights[self.in_offsets[v] as usize..self.in_offsets[v + 1] as usize]
    }
}

type Compressed = (Vec<u32>, Vec<u32>, Vec<f64>);

/// `list` stably sorted by `key` (every key below `n`): counting sort, O(n + list).
pub(crate) fn bucket_sort<T: Copy>(n: usize, list: &[T], key: impl Fn(&T) -> u32) -> Vec<T> {
    let mut start = vec![0usize; n + 1];
    for e in list {
        start[key(e) as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let Some(&first) = list.first() else {
        return Vec::new();
    };
    let mut sorted = vec![first; list.len()];
    for e in list {
        let slot = &mut start[key(e) as usize];
        sorted[*slot] = *e;
        *slot += 1;
    }
    sorted
}

fn compress(
    n: usize,
    sorted: &[(u32, u32, f64)],
    key: impl Fn(&(u32, u32, f64)) -> (u32, u32),
) -> Compressed {
    let mut offsets = vec![0u32; n + 1];
    let mut others = Vec::with_capacity(sorted.len());
    let mut weights = Vec::with_capacity(sorted.len());
    for e in sorted {
        let (node, other) = key(e);
        offsets[node as usize + 1] += 1;
        others.push(other);
        weights.push(e.2);
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    (offsets, others, weights)
}

/// Merges neighbouring ties with the same ends in a list sorted by its ends into one,
/// adding their weights in list order.
pub(crate) fn merge_repeated<A: PartialEq>(list: &mut Vec<(A, A, f64)>) {
    list.dedup_by(|next, kept| {
        let same = next.0 == kept.0 && next.1 == kept.1;
        if same {
            kept.2 += next.2;
        }
        same
    });
}

/// A locality order of a layer's people: breadth-first over ties in either direction
/// (Cuthill & McKee 1969 without the degree sort), so that people who are tied to each
/// other get nearby numbers and the passes over the ties that read per-person arrays find
/// them in cache. Each component is searched from its lowest-numbered person, components
/// in order of that person; a node's out-neighbours ascending, then its in-neighbours
/// ascending.
/// Returns `rank[p]`, a permutation of `0..n`. O(V + E).
pub fn locality_order(g: &Csr) -> Vec<u32> {
    let n = g.node_count();
    const UNSEEN: u32 = u32::MAX;
    let mut rank = vec![UNSEEN; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    for root in 0..n {
        if rank[root] != UNSEEN {
            continue;
        }
        rank[root] = queue.len() as u32;
        queue.push(root as u32);
        let mut head = queue.len() - 1;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &w in g.out_neighbors(v).iter().chain(g.in_neighbors(v)) {
                if rank[w as usize] == UNSEEN {
                    rank[w as usize] = queue.len() as u32;
                    queue.push(w);
                }
            }
        }
    }
    rank
}

/// `count` ties between `n` people drawn at random, repeats and ties to oneself included,
/// each weighing one of `weights`: a test's raw material for the indices built from ties.
#[cfg(test)]
pub(crate) fn random_ties(
    n: usize,
    count: usize,
    weights: &[f64],
    seed: u64,
) -> Vec<(u32, u32, f64)> {
    let mut rng = crate::rng::SplitMix64::new(seed);
    (0..count)
        .map(|_| {
            let (a, b) = (rng.below(n as u64) as u32, rng.below(n as u64) as u32);
            (a, b, weights[rng.below(weights.len() as u64) as usize])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_merges_parallel_edges_and_indexes_both_directions() {
        // 0→1 twice (advice 1.0 + trust 2.0), 2→1, 1→0.
        let csr = Csr::from_edges(
            3,
            [(0, 1, 1.0), (2, 1, 0.5), (1, 0, 1.0), (0, 1, 2.0)].into_iter(),
        );
        assert_eq!(csr.edge_count(), 3);
        assert_eq!(csr.out_neighbors(0), [1]);
        assert_eq!(csr.out_weights(0), [3.0]);
        assert_eq!(csr.in_neighbors(1), [0, 2]);
        assert_eq!(csr.in_weights(1), [3.0, 0.5]);
        assert_eq!(csr.in_neighbors(2), [] as [u32; 0]);
    }

    #[test]
    fn counting_sorts_give_the_comparison_sorts_lists() {
        // Random ties with many repeats: neighbours ascending and weights merged in the
        // order given, as sorting the list by (source, target) and by (target, source).
        let n = 50;
        let edges = random_ties(n, 2_000, &[0.1, 0.2, 0.7, 1.0], 3);
        let csr = Csr::from_edges(n, edges.iter().copied());
        let mut by_source = edges.clone();
        by_source.sort_by_key(|&(s, t, _)| (s, t));
        merge_repeated(&mut by_source);
        // The reference list's ties of `v`, seen from `v`: (other end, weight).
        let expected = |v: usize, outgoing: bool| -> Vec<(u32, f64)> {
            by_source
                .iter()
                .filter(|e| (if outgoing { e.0 } else { e.1 }) as usize == v)
                .map(|e| (if outgoing { e.1 } else { e.0 }, e.2))
                .collect()
        };
        let pairs = |nodes: &[u32], weights: &[f64]| -> Vec<(u32, f64)> {
            nodes.iter().copied().zip(weights.iter().copied()).collect()
        };
        for v in 0..n {
            let got = pairs(csr.out_neighbors(v), csr.out_weights(v));
            assert_eq!(got, expected(v, true), "out of {v}");
            let got = pairs(csr.in_neighbors(v), csr.in_weights(v));
            assert_eq!(got, expected(v, false), "into {v}");
        }
        assert_eq!(Csr::from_edges(4, std::iter::empty()).edge_count(), 0);
    }

    #[test]
    fn the_authority_layer_holds_the_org_charts_managers() {
        // 1 manages 2 and 3; 3 manages 4. Nominations into managers come first in
        // petgraph's incoming lists and must not hide the authority tie.
        let d = crate::check_bytes(
            ("org.csv", b"id,manager_id\n1,\n2,1\n3,1\n4,3\n"),
            &[("s.csv", b"respondent_id,nominee_id\n2,3\n4,3\n2,1\n")],
            &crate::Options::default(),
        )
        .unwrap();
        let g = OrgGraph::build(&d);
        assert_eq!(g.managers(), d.people.manager);
        assert_eq!(d.people.manager, [None, Some(0), Some(0), Some(2)]);
    }

    /// The compact views hold the graph's own edges, filtered and weighted, in the graph's
    /// order: the managers and nominations of the data set, each once.
    #[test]
    fn the_compact_views_hold_the_graphs_edges() {
        let mut rng = crate::rng::SplitMix64::new(9);
        let mut org = String::from("id,manager_id\n1,\n");
        for p in 2..=40u64 {
            org += &format!("{p},{}\n", 1 + rng.below(p - 1));
        }
        let mut survey = String::from("respondent_id,nominee_id,question,weight\n");
        for _ in 0..300 {
            let (from, to) = (1 + rng.below(40), 1 + rng.below(40));
            let question = ["advice", "trust", "friendship"][rng.below(3) as usize];
            survey += &format!("{from},{to},{question},{}\n", 1 + rng.below(3));
        }
        let mut options = crate::Options::default();
        options.check.question_weights = vec![("advice".into(), 0.5)];
        let d = crate::check_bytes(
            ("org.csv", org.as_bytes()),
            &[("s.csv", survey.as_bytes())],
            &options,
        )
        .unwrap();
        let mut g = OrgGraph::build(&d);
        let mut wanted = Vec::new();
        let n = g.node_count();
        let nominations = d.answers.nominations.iter();
        let survey_edges: Vec<(u32, u32, Option<u16>)> = g
            .edges(|t| t.layer != Layer::Authority)
            .map(|(s, t, tie)| (s, t, tie.question))
            .collect();
        let answered: Vec<(u32, u32, Option<u16>)> = nominations
            .map(|n| (n.from, n.to, Some(n.question)))
            .collect();
        assert_eq!(survey_edges, answered);
        let authority = g
            .edges(|t| t.layer == Layer::Authority)
            .map(|(s, t, _)| (s, t, 1.0));
        assert_eq!(*g.authority(), Csr::from_edges(n, authority));
        let views = std::iter::once(Questions::All)
            .chain((0..d.questions.len()).map(|q| Questions::One(q as u16)));
        for questions in views {
            let influence = g
                .edges(|t| t.layer != Layer::Authority)
                .filter_map(|(s, t, tie)| {
                    let q = tie.question.unwrap();
                    let weight = match questions {
                        // Friendship is a social question: never in the combined layer.
                        Questions::All if tie.layer != Layer::Influence => return None,
                        Questions::All => d.question_weights[q as usize] * tie.weight,
                        Questions::One(one) if one == q => tie.weight,
                        Questions::One(_) => return None,
                    };
                    Some((s, t, weight))
                });
            let want = Csr::from_edges(n, influence);
            assert!(want.edge_count() > 60, "{questions:?}");
            assert_eq!(*g.influence(questions), want, "{questions:?}");
            wanted.push((questions, want));
        }
        // Released and asked for again, each question's view is made again the same.
        g.release_question_views();
        for (questions, want) in wanted {
            assert_eq!(*g.influence(questions), want, "{questions:?} again");
        }
    }

    #[test]
    fn question_weights_scale_the_combined_layer_only() {
        let mut options = crate::Options::default();
        options.check.question_weights = vec![("trust".into(), 2.0), ("advice".into(), 0.5)];
        let survey = b"respondent_id,nominee_id,question,weight\n1,2,advice,3\n1,2,trust,1.5\n3,2,advice,1\n";
        let d = crate::check_bytes(
            ("org.csv", b"id\n1\n2\n3\n"),
            &[("s.csv", survey)],
            &options,
        )
        .unwrap();
        let g = OrgGraph::build(&d);
        // 1→2: advice 0.5 × 3 + trust 2 × 1.5 = 4.5; 3→2: advice 0.5 × 1.
        let all = g.influence(Questions::All);
        assert_eq!(all.in_neighbors(1), [0, 2]);
        assert_eq!(all.in_weights(1), [4.5, 0.5]);
        let advice = g.influence(Questions::One(0));
        assert_eq!(advice.in_weights(1), [3.0, 1.0]);
        // A weight of 0 leaves a question out of the combined layer.
        let mut options = crate::Options::default();
        options.check.question_weights = vec![("advice".into(), 0.0)];
        let d = crate::check_bytes(
            ("org.csv", b"id\n1\n2\n3\n"),
            &[("s.csv", survey)],
            &options,
        )
        .unwrap();
        let g = OrgGraph::build(&d);
        let all = g.influence(Questions::All);
        assert_eq!(
            (all.in_neighbors(1), all.in_weights(1)),
            (&[0][..], &[1.5][..])
        );
        // A question the surveys do not have is a usage error that lists theirs.
        let mut options = crate::Options::default();
        options.check.question_weights = vec![("advise".into(), 2.0)];
        let err = crate::check_bytes(
            ("org.csv", b"id\n1\n2\n3\n"),
            &[("s.csv", survey)],
            &options,
        )
        .unwrap_err();
        assert_eq!(err.exit_code(), 64);
        assert!(
            err.to_string()
                .contains("their questions are: advice, trust"),
            "{err}"
        );
    }
}
