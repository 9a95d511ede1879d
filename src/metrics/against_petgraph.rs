//! Each measure on a compact view against petgraph on a petgraph graph.
//!
//! The measures read a [`Csr`](crate::graph::Csr) derived from the organisation's petgraph graph. Here each
//! one is computed again from its definition with petgraph's own algorithms (`dijkstra`
//! for distances, `Dfs` for reach, `toposort` for levels, `connected_components` and
//! `kosaraju_scc` for components), written against petgraph's visit traits and run on
//! the petgraph graph the view came from; the same reference run on the view itself must
//! agree too, which checks the view's trait implementations. Burt's measures are computed
//! from their definitions on the mutual weights of petgraph's edges; the measures that set
//! nominators against the hierarchy (outside-team share, influence beyond the chain,
//! nominating departments, command coverage) from petgraph's graph of both layers. The
//! graphs: random ones, and Krackhardt's high-tech managers (`sample-data/krackhardt`)
//! through the real pipeline's two-layer graph, one question at a time.
//!
//! Louvain's communities have no petgraph counterpart and are left to their own tests;
//! petgraph's `page_rank` is another definition (unweighted, a node's random jump shared
//! only with the nodes it does not name), so PageRank is checked against networkx's
//! definition written over the traits instead.

#[cfg(test)]
mod tests {
    use petgraph::Direction::{Incoming, Outgoing};
    use petgraph::algo::{connected_components, dijkstra, kosaraju_scc};
    use petgraph::graph::{DiGraph, NodeIndex};
    use petgraph::unionfind::UnionFind;
    use petgraph::visit::{
        Dfs, EdgeFiltered, EdgeRef, IntoEdgesDirected, IntoNeighbors, IntoNeighborsDirected,
        IntoNodeIdentifiers, NodeCount, NodeIndexable, Reversed, Visitable, Walker,
    };

    use super::super::*;
    use crate::graph::{Csr, Layer, OrgGraph, Tie};
    use crate::rng::SplitMix64;
    use crate::validate::hierarchy::{ChainsOfCommand, chains_of_command};

    /// What the references need of a graph: petgraph's traits, as `Csr` and `DiGraph` have them.
    trait Traversable:
        IntoEdgesDirected
        + IntoNeighborsDirected
        + IntoNodeIdentifiers
        + NodeIndexable
        + NodeCount
        + Visitable
    {
    }

    impl<G> Traversable for G where
        G: IntoEdgesDirected
            + IntoNeighborsDirected
            + IntoNodeIdentifiers
            + NodeIndexable
            + NodeCount
            + Visitable
    {
    }

    fn node<G: Traversable>(g: G, i: usize) -> G::NodeId {
        g.from_index(i)
    }

    /// Every measure the references give, per node.
    #[derive(Debug, PartialEq)]
    struct Reference {
        in_degree: Vec<u32>,
        out_degree: Vec<u32>,
        in_weight: Vec<f64>,
        reciprocity: Vec<Option<f64>>,
        pagerank: Vec<f64>,
        betweenness: Vec<f64>,
        closeness: Vec<f64>,
        core: Vec<u32>,
        sphere_2: Vec<u32>,
        constraint: Vec<Option<f64>>,
        effective_size: Vec<Option<f64>>,
    }

    fn reference<G: Traversable>(g: G, weight: impl Fn(&G::EdgeWeight) -> f64) -> Reference
    where
        G::NodeId: Eq + std::hash::Hash,
    {
        let n = g.node_count();
        let nodes = || (0..n).map(|i| node(g, i));
        let ins = |v| g.neighbors_directed(v, Incoming).map(|u| g.to_index(u));
        let outs = |v| g.neighbors_directed(v, Outgoing).map(|u| g.to_index(u));
        let reciprocity = nodes()
            .map(|v| {
                let named: Vec<usize> = outs(v).collect();
                let mutual = ins(v).filter(|u| named.contains(u)).count();
                let total = ins(v).count() + named.len();
                (total > 0).then(|| 2.0 * mutual as f64 / total as f64)
            })
            .collect();
        let (betweenness, closeness) = paths_by_distances(g);
        let (constraint, effective_size) = holes_by_definition(g, &weight);
        Reference {
            constraint,
            effective_size,
            in_degree: nodes().map(|v| ins(v).count() as u32).collect(),
            out_degree: nodes().map(|v| outs(v).count() as u32).collect(),
            in_weight: nodes()
                .map(|v| {
                    g.edges_directed(v, Incoming)
                        .map(|e| weight(e.weight()))
                        .sum()
                })
                .collect(),
            reciprocity,
            pagerank: pagerank_by_definition(g, &weight),
            betweenness,
            closeness,
            core: cores_by_peeling(g),
            sphere_2: nodes()
                .map(|v| {
                    // Unit distances from v against the ties: who reaches v in one or two steps.
                    let d = dijkstra(Reversed(g), v, None, |_| 1u32);
                    d.values().filter(|&&d| d == 1 || d == 2).count() as u32
                })
                .collect(),
        }
    }

    /// Burt's constraint and effective size from their definitions (see
    /// [`super::super::structural_holes`]), on the mutual weights `w(u, v) + w(v, u)` summed over
    /// petgraph's edges.
    #[allow(clippy::type_complexity)]
    fn holes_by_definition<G: Traversable>(
        g: G,
        weight: &impl Fn(&G::EdgeWeight) -> f64,
    ) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
        let n = g.node_count();
        let mut mutual = vec![vec![0.0; n]; n];
        for e in g.edge_references() {
            let (a, b) = (g.to_index(e.source()), g.to_index(e.target()));
            mutual[a][b] += weight(e.weight());
            mutual[b][a] += weight(e.weight());
        }
        super::super::structural_holes::tests::burt_by_definition(&mutual)
    }

    /// networkx's PageRank (alpha 0.85, weighted, dangling nodes spread evenly), iterated far
    /// past convergence.
    fn pagerank_by_definition<G: Traversable>(
        g: G,
        weight: &impl Fn(&G::EdgeWeight) -> f64,
    ) -> Vec<f64> {
        let n = g.node_count();
        let alpha = 0.85;
        let strength: Vec<f64> = (0..n)
            .map(|v| {
                g.edges_directed(node(g, v), Outgoing)
                    .map(|e| weight(e.weight()))
                    .sum()
            })
            .collect();
        let mut x = vec![1.0 / n as f64; n];
        for _ in 0..500 {
            let dangling: f64 = (0..n).filter(|&v| strength[v] == 0.0).map(|v| x[v]).sum();
            x = (0..n)
                .map(|v| {
                    let got: f64 = g
                        .edges_directed(node(g, v), Incoming)
                        .map(|e| {
                            let u = g.to_index(e.source());
                            x[u] * weight(e.weight()) / strength[u]
                        })
                        .sum();
                    alpha * (got + dangling / n as f64) + (1.0 - alpha) / n as f64
                })
                .collect();
        }
        x
    }

    /// Betweenness and harmonic closeness from every pair's distance (petgraph's `dijkstra`,
    /// every tie of length 1) and number of shortest paths, normalised as networkx does.
    fn paths_by_distances<G: Traversable>(g: G) -> (Vec<f64>, Vec<f64>)
    where
        G::NodeId: Eq + std::hash::Hash,
    {
        let n = g.node_count();
        let dist: Vec<Vec<Option<u32>>> = (0..n)
            .map(|s| {
                let d = dijkstra(g, node(g, s), None, |_| 1u32);
                (0..n).map(|t| d.get(&node(g, t)).copied()).collect()
            })
            .collect();
        // Shortest paths from s to t: one to s, else the sum over the nodes one step closer.
        let sigma: Vec<Vec<f64>> = (0..n)
            .map(|s| {
                let mut by_distance: Vec<usize> =
                    (0..n).filter(|&t| dist[s][t].is_some()).collect();
                by_distance.sort_by_key(|&t| dist[s][t]);
                let mut count = vec![0.0; n];
                for t in by_distance {
                    count[t] = if t == s {
                        1.0
                    } else {
                        g.neighbors_directed(node(g, t), Incoming)
                            .map(|u| g.to_index(u))
                            .filter(|&u| dist[s][u].map(|d| d + 1) == dist[s][t])
                            .map(|u| count[u])
                            .sum()
                    };
                }
                count
            })
            .collect();
        let mut betweenness = vec![0.0; n];
        let mut closeness = vec![0.0; n];
        for v in 0..n {
            for s in (0..n).filter(|&s| s != v) {
                if let Some(d) = dist[s][v] {
                    closeness[v] += 1.0 / f64::from(d);
                }
                for t in (0..n).filter(|&t| t != v && t != s) {
                    if let (Some(a), Some(b), Some(st)) = (dist[s][v], dist[v][t], dist[s][t])
                        && a + b == st
                    {
                        betweenness[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                    }
                }
            }
        }
        let scale = if n > 2 {
            1.0 / ((n - 1) * (n - 2)) as f64
        } else {
            0.0
        };
        betweenness.iter_mut().for_each(|b| *b *= scale);
        closeness
            .iter_mut()
            .for_each(|c| *c /= (n - 1).max(1) as f64);
        (betweenness, closeness)
    }

    /// Core numbers by definition: the k-core is what is left after removing, again and again,
    /// everyone with fewer than k ties (both directions) to those left.
    fn cores_by_peeling<G: Traversable>(g: G) -> Vec<u32> {
        let n = g.node_count();
        let mut core = vec![0u32; n];
        for k in 1.. {
            let mut left: Vec<bool> = vec![true; n];
            loop {
                let degree = |v: usize, left: &[bool]| {
                    let v = node(g, v);
                    g.neighbors_directed(v, Incoming)
                        .chain(g.neighbors_directed(v, Outgoing))
                        .filter(|&u| left[g.to_index(u)])
                        .count()
                };
                let out: Vec<usize> = (0..n)
                    .filter(|&v| left[v] && degree(v, &left) < k)
                    .collect();
                if out.is_empty() {
                    break;
                }
                out.into_iter().for_each(|v| left[v] = false);
            }
            if !left.contains(&true) {
                return core;
            }
            for v in (0..n).filter(|&v| left[v]) {
                core[v] = k as u32;
            }
        }
        core
    }

    /// The measures orgsphere computes on the view, in the references' shape.
    fn measured(view: &Csr) -> Reference {
        let everyone = vec![true; view.node_count()];
        let paths = paths(view, usize::MAX, 0, 0);
        assert_eq!(paths.method, Method::Exact);
        let (constraint, effective_size) = structural_holes(view);
        Reference {
            constraint,
            effective_size,
            in_degree: in_degree(view),
            out_degree: out_degree(view, &everyone).into_iter().flatten().collect(),
            in_weight: in_weight(view),
            reciprocity: reciprocity(view),
            pagerank: pagerank(view, DAMPING, 1e-15, 10_000),
            betweenness: paths.betweenness,
            closeness: paths.closeness,
            core: core_number(view),
            sphere_2: influence_sphere_size_2(view),
        }
    }

    fn assert_close(got: &[f64], want: &[f64], what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (v, (a, b)) in got.iter().zip(want).enumerate() {
            assert!(
                (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                "{what} of {v}: {a} vs {b}"
            );
        }
    }

    fn assert_close_or_empty(got: &[Option<f64>], want: &[Option<f64>], what: &str) {
        let empty = |x: &[Option<f64>]| x.iter().map(Option::is_none).collect::<Vec<_>>();
        assert_eq!(empty(got), empty(want), "{what}");
        let values = |x: &[Option<f64>]| x.iter().map(|x| x.unwrap_or(0.0)).collect::<Vec<_>>();
        assert_close(&values(got), &values(want), what);
    }

    /// Compares the measures of `view` with the references on petgraph's graph `g` and on the
    /// view itself.
    fn compare<G: Traversable>(g: G, weight: impl Fn(&G::EdgeWeight) -> f64, view: &Csr, what: &str)
    where
        G::NodeId: Eq + std::hash::Hash,
    {
        let on_graph = reference(g, weight);
        let on_view = reference(view, |&w| w);
        let ours = measured(view);
        for (name, got) in [("the view", &on_view), ("orgsphere", &ours)] {
            let what = format!("{what}, {name}");
            assert_eq!(got.in_degree, on_graph.in_degree, "{what}: in-degree");
            assert_eq!(got.out_degree, on_graph.out_degree, "{what}: out-degree");
            assert_eq!(got.core, on_graph.core, "{what}: k-core");
            assert_eq!(got.sphere_2, on_graph.sphere_2, "{what}: depth-2 sphere");
            assert_close(
                &got.in_weight,
                &on_graph.in_weight,
                &format!("{what}: in-weight"),
            );
            for (name, got, want) in [
                ("reciprocity", &got.reciprocity, &on_graph.reciprocity),
                ("constraint", &got.constraint, &on_graph.constraint),
                (
                    "effective size",
                    &got.effective_size,
                    &on_graph.effective_size,
                ),
            ] {
                assert_close_or_empty(got, want, &format!("{what}: {name}"));
            }
            assert_close(
                &got.pagerank,
                &on_graph.pagerank,
                &format!("{what}: PageRank"),
            );
            assert_close(
                &got.betweenness,
                &on_graph.betweenness,
                &format!("{what}: betweenness"),
            );
            assert_close(
                &got.closeness,
                &on_graph.closeness,
                &format!("{what}: closeness"),
            );
        }
        // Components, by petgraph on both: weakly (union-find over the edges) and strongly.
        assert_eq!(components(g), components(view), "{what}: weak components");
        let strong = |mut c: Vec<Vec<usize>>| {
            c.iter_mut().for_each(|c| c.sort_unstable());
            c.sort_unstable();
            c
        };
        let on_graph = kosaraju_scc(g)
            .into_iter()
            .map(|c| c.into_iter().map(|v| g.to_index(v)).collect());
        let on_view = kosaraju_scc(view)
            .into_iter()
            .map(|c| c.into_iter().map(|v| v.index()).collect());
        assert_eq!(
            strong(on_graph.collect()),
            strong(on_view.collect()),
            "{what}: strong components"
        );
        // The locality order numbers each weak component in one run.
        let rank = view.locality_order();
        let labels = components(view);
        let mut by_rank: Vec<usize> = (0..view.node_count()).collect();
        by_rank.sort_by_key(|&v| rank[v]);
        let mut runs = by_rank
            .windows(2)
            .filter(|w| labels[w[0]] != labels[w[1]])
            .count();
        runs += usize::from(!by_rank.is_empty());
        assert_eq!(runs, connected_components(view), "{what}: locality order");
    }

    /// Each node's weak component, labelled by its lowest node.
    fn components<G: Traversable>(g: G) -> Vec<usize> {
        let mut sets = UnionFind::new(g.node_count());
        for e in g.edge_references() {
            sets.union(g.to_index(e.source()), g.to_index(e.target()));
        }
        let mut lowest = vec![usize::MAX; g.node_count()];
        for v in 0..g.node_count() {
            let root = sets.find(v);
            lowest[root] = lowest[root].min(v);
        }
        (0..g.node_count()).map(|v| lowest[sets.find(v)]).collect()
    }

    /// A random simple directed graph (no tie to oneself, no pair twice), weights 1 to 3.
    fn random_graph(n: usize, ties: usize, seed: u64) -> DiGraph<(), f64> {
        let mut rng = SplitMix64::new(seed);
        let mut g = DiGraph::new();
        for _ in 0..n {
            g.add_node(());
        }
        for _ in 0..ties {
            let (a, b) = (rng.below(n as u64) as usize, rng.below(n as u64) as usize);
            let (a, b) = (NodeIndex::new(a), NodeIndex::new(b));
            if a != b && g.find_edge(a, b).is_none() {
                g.add_edge(a, b, 1.0 + rng.below(3) as f64);
            }
        }
        g
    }

    #[test]
    fn random_graphs_agree_with_petgraph() {
        for (n, ties, seed) in [
            (1, 0, 1),
            (2, 1, 2),
            (12, 30, 3),
            (40, 60, 4),
            (40, 300, 5),
            (70, 180, 6),
        ] {
            let g = random_graph(n, ties, seed);
            let view = Csr::from_graph(&g, |&w| Some(w));
            assert_eq!(view.edge_count(), g.edge_count());
            compare(&g, |&w| w, &view, &format!("random graph {seed}"));
            assert_eq!(connected_components(&g), connected_components(&view));
        }
    }

    fn krackhardt() -> (crate::validate::Dataset, OrgGraph) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/krackhardt");
        let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
        let (org, survey) = (read("org.csv"), read("survey.csv"));
        let d = crate::check_bytes(
            ("org.csv", &org),
            &[("survey.csv", &survey)],
            &crate::Options::default(),
        )
        .unwrap();
        let g = OrgGraph::build(&d);
        (d, g)
    }

    #[test]
    fn krackhardts_managers_agree_with_petgraph_question_by_question() {
        let (d, og) = krackhardt();
        assert_eq!(og.node_count(), 21);
        for (q, question) in d.questions.iter().enumerate() {
            let q = q as u16;
            let layer = EdgeFiltered::from_fn(&og.graph, |e| e.weight().question == Some(q));
            let view = og.influence(Questions::One(q));
            assert!(view.edge_count() > 80, "{question}");
            let weight = |t: &Tie| t.weight;
            compare(&layer, weight, view, question);
            let responded = &d.answers.responded[q as usize];
            against_the_hierarchy(&d, &og, &layer, view, responded, question);
        }
        // The combined layer: advice is the one question of the influence kind.
        let influence = EdgeFiltered::from_fn(&og.graph, |e| e.weight().layer == Layer::Influence);
        compare(
            &influence,
            |t: &Tie| t.weight,
            og.influence(Questions::All),
            "influence",
        );
    }

    /// The measures that set a layer's nominators against the hierarchy and the departments,
    /// on `view`, against the same read off petgraph's graph: the nominators are the
    /// sources of the layer's edges into a person, the hierarchy is the authority edges.
    fn against_the_hierarchy<G: Traversable>(
        d: &crate::validate::Dataset,
        og: &OrgGraph,
        layer: G,
        view: &Csr,
        responded: &[bool],
        what: &str,
    ) {
        let managers = &d.people.manager;
        let (department, _) = departments(d);
        let f = formal(og.authority(), managers);
        let authority = EdgeFiltered::from_fn(&og.graph, |e| e.weight().layer == Layer::Authority);
        let above = |a: usize, b: usize| {
            a != b
                && petgraph::algo::has_path_connecting(
                    &authority,
                    NodeIndex::new(a),
                    NodeIndex::new(b),
                    None,
                )
        };
        let manages = |a: usize, b: usize| {
            (&authority)
                .neighbors(NodeIndex::new(a))
                .any(|r| r.index() == b)
        };
        let n = view.node_count();
        let nominators = |v: usize| -> Vec<usize> {
            let mut by: Vec<usize> = layer
                .neighbors_directed(layer.from_index(v), Incoming)
                .map(|u| layer.to_index(u))
                .collect();
            by.sort_unstable();
            by.dedup();
            by
        };
        let share = |v: usize, keep: &dyn Fn(usize) -> bool| {
            let by = nominators(v);
            (!by.is_empty())
                .then(|| by.iter().filter(|&&u| keep(u)).count() as f64 / by.len() as f64)
        };
        let outside: Vec<Option<f64>> = (0..n)
            .map(|v| {
                share(v, &|u| {
                    let team = manages(u, v)
                        || manages(v, u)
                        || (0..n).any(|m| manages(m, u) && manages(m, v));
                    !team && (department[v].is_none() || department[u] != department[v])
                })
            })
            .collect();
        let beyond: Vec<Option<f64>> = (0..n)
            .map(|v| share(v, &|u| !above(v, u) && !above(u, v)))
            .collect();
        let groups: Vec<u32> = (0..n)
            .map(|v| {
                let mut seen: Vec<u32> = nominators(v)
                    .iter()
                    .filter_map(|&u| department[u])
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                seen.len() as u32
            })
            .collect();
        let coverage: Vec<Option<f64>> = (0..n)
            .map(|v| {
                let asked: Vec<usize> = (0..n).filter(|&r| manages(v, r) && responded[r]).collect();
                let by = nominators(v);
                let named = asked.iter().filter(|r| by.contains(r)).count();
                (!asked.is_empty()).then(|| named as f64 / asked.len() as f64)
            })
            .collect();
        assert!(
            outside.iter().flatten().any(|&x| x > 0.0 && x < 1.0),
            "{what}"
        );
        assert!(coverage.iter().flatten().any(|&x| x > 0.0), "{what}");
        let what = |m: &str| format!("{what}: {m}");
        let ours = outside_team_share(view, managers, &department);
        assert_close_or_empty(&ours, &outside, &what("outside-team share"));
        let ours = influence_beyond_chain(view, &f);
        assert_close_or_empty(&ours, &beyond, &what("influence beyond the chain"));
        assert_eq!(
            nominating_departments(view, &department),
            groups,
            "{}",
            what("departments")
        );
        let ours = command_coverage(view, &f, managers, responded);
        assert_close_or_empty(&ours, &coverage, &what("command coverage"));
    }

    #[test]
    fn the_formal_measures_agree_with_petgraph() {
        let (d, og) = krackhardt();
        // Each: the managers, the authority view, and petgraph's graph of the reporting lines.
        type Forest = (Vec<Option<u32>>, Csr, DiGraph<(), f64>);
        let mut trees: Vec<Forest> = Vec::new();
        // Krackhardt's org chart through the pipeline's graph, and random forests.
        let authority = EdgeFiltered::from_fn(&og.graph, |e| e.weight().layer == Layer::Authority);
        let mut krack = DiGraph::new();
        for _ in 0..og.node_count() {
            krack.add_node(());
        }
        for e in petgraph::visit::IntoEdgeReferences::edge_references(&authority) {
            krack.add_edge(e.source(), e.target(), 1.0);
        }
        trees.push((d.people.manager.clone(), og.authority().clone(), krack));
        let mut rng = SplitMix64::new(8);
        for n in [1usize, 5, 40, 200] {
            let managers: Vec<Option<u32>> = (0..n)
                .map(|p| (p > 0 && rng.below(8) > 0).then(|| rng.below(p as u64) as u32))
                .collect();
            let mut g = DiGraph::new();
            for _ in 0..n {
                g.add_node(());
            }
            for (r, m) in managers.iter().enumerate() {
                if let Some(m) = m {
                    g.add_edge(NodeIndex::new(*m as usize), NodeIndex::new(r), 1.0);
                }
            }
            let view = Csr::from_graph(&g, |&w| Some(w));
            trees.push((managers, view, g));
        }
        for (managers, view, g) in &trees {
            let f = formal(view, managers);
            let n = managers.len();
            let reports: Vec<u32> = (0..n)
                .map(|v| g.neighbors(NodeIndex::new(v)).count() as u32)
                .collect();
            assert_eq!(f.direct_reports, reports);
            // Formal reach: everyone a depth-first walk down from the person reaches.
            let reach: Vec<u32> = (0..n)
                .map(|v| Dfs::new(g, NodeIndex::new(v)).iter(g).count() as u32 - 1)
                .collect();
            assert_eq!(f.formal_reach, reach);
            // Levels: petgraph's topological order of the reporting lines.
            assert_eq!(
                chains_of_command(managers),
                ChainsOfCommand::Levels(f.level.clone())
            );
            for v in 0..n {
                for u in 0..n {
                    let below = u != v
                        && petgraph::algo::has_path_connecting(
                            g,
                            NodeIndex::new(v),
                            NodeIndex::new(u),
                            None,
                        );
                    assert_eq!(f.in_sphere(v, u), below, "{u} below {v}");
                }
            }
        }
    }
}
