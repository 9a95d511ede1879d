//! Communities of the combined influence layer (Louvain, see [`super::louvain`]), their
//! modularity, and how they line up with departments.
//!
//! Communities are found on the undirected graph whose weight between two people is the
//! sum of their ties' weights both ways; modularity is Newman's (resolution 1) on that
//! graph. People without ties belong to no community.
//!
//! Also here: Krackhardt & Stern's E-I index per group, and the normalised mutual
//! information between two labelings (Danon et al. 2005).

use super::louvain::louvain;
use crate::graph::Csr;

/// Community of each person (1-based, numbered by size, largest first; ties by first
/// member), `None` for people without ties; and the partition's modularity.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    pub community: Vec<Option<u32>>,
    pub count: usize,
    pub modularity: f64,
}

/// Runs Louvain with `seed` on the undirected view of `g`.
pub fn communities(g: &Csr, seed: u64) -> Communities {
    let n = g.node_count();
    let edges = undirected(g);
    let has_ties: Vec<bool> = (0..n)
        .map(|v| !g.in_neighbors(v).is_empty() || !g.out_neighbors(v).is_empty())
        .collect();
    let community = relabel(&louvain(n, &edges, seed), &has_ties);
    let count = community.iter().flatten().max().map_or(0, |&c| c as usize);
    Communities {
        modularity: modularity(&edges, &community),
        community,
        count,
    }
}

/// The undirected, merged edge list: (u, v, w(u,v) + w(v,u)) with u ≤ v, sorted. Each
/// person's ties to later people are merged from their out- and in-lists (both sorted), so
/// the list comes out in order without a sort. A tie to oneself is counted once.
fn undirected(g: &Csr) -> Vec<(usize, usize, f64)> {
    let mut edges = Vec::with_capacity(g.edge_count());
    for u in 0..g.node_count() {
        let (out, out_w) = (g.out_neighbors(u), g.out_weights(u));
        let (inn, in_w) = (g.in_neighbors(u), g.in_weights(u));
        let mut i = out.partition_point(|&v| (v as usize) < u);
        let mut j = inn.partition_point(|&v| (v as usize) <= u);
        while i < out.len() || j < inn.len() {
            let take_out = j == inn.len() || (i < out.len() && out[i] <= inn[j]);
            let take_in = i == out.len() || (j < inn.len() && inn[j] <= out[i]);
            let (v, w) = match (take_out, take_in) {
                (true, true) => (out[i], out_w[i] + in_w[j]),
                (true, false) => (out[i], out_w[i]),
                _ => (inn[j], in_w[j]),
            };
            edges.push((u, v as usize, w));
            i += usize::from(take_out);
            j += usize::from(take_in);
        }
    }
    edges
}

/// Numbers communities 1, 2, … by size (largest first), ties by their first member.
fn relabel(raw: &[usize], has_ties: &[bool]) -> Vec<Option<u32>> {
    let mut groups: std::collections::BTreeMap<usize, (usize, usize)> =
        std::collections::BTreeMap::new();
    for (p, &c) in raw.iter().enumerate().filter(|(p, _)| has_ties[*p]) {
        let entry = groups.entry(c).or_insert((0, p));
        entry.0 += 1;
    }
    let mut order: Vec<(usize, usize, usize)> = groups
        .into_iter()
        .map(|(c, (size, first))| (size, first, c))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut label = std::collections::HashMap::new();
    for (i, (_, _, c)) in order.into_iter().enumerate() {
        label.insert(c, i as u32 + 1);
    }
    raw.iter()
        .enumerate()
        .map(|(p, c)| {
            if has_ties[p] {
                label.get(c).copied()
            } else {
                None
            }
        })
        .collect()
}

/// Newman's modularity of a labeling on an undirected weighted edge list.
pub fn modularity(edges: &[(usize, usize, f64)], label: &[Option<u32>]) -> f64 {
    let m: f64 = edges.iter().map(|e| e.2).sum();
    if m == 0.0 {
        return 0.0;
    }
    let groups = label.iter().flatten().max().map_or(0, |&c| c as usize + 1);
    let (mut inside, mut degree) = (vec![0.0; groups], vec![0.0; groups]);
    let group = |p: usize| label.get(p).copied().flatten().map(|c| c as usize);
    for &(u, v, w) in edges {
        if let (Some(a), Some(b)) = (group(u), group(v)) {
            if a == b {
                inside[a] += w;
            }
            degree[a] += w;
            degree[b] += w;
        }
    }
    (0..groups)
        .map(|c| inside[c] / m - (degree[c] / (2.0 * m)).powi(2))
        .sum()
}

/// Krackhardt & Stern's E-I index of each group over directed ties: (external − internal)
/// / (external + internal), counting every tie with at least one end in the group; −1
/// means every tie stays inside, +1 that none does. `None` for a group with no ties.
pub fn ei_index(g: &Csr, group: &[Option<u32>], groups: usize) -> Vec<Option<f64>> {
    let (mut internal, mut external) = (vec![0usize; groups], vec![0usize; groups]);
    for u in 0..g.node_count() {
        for &v in g.out_neighbors(u) {
            match (group[u], group[v as usize]) {
                (Some(a), Some(b)) if a == b => internal[a as usize] += 1,
                (a, b) => {
                    for x in [a, b].into_iter().flatten() {
                        external[x as usize] += 1;
                    }
                }
            }
        }
    }
    (0..groups)
        .map(|c| {
            let total = internal[c] + external[c];
            (total > 0).then(|| (external[c] as f64 - internal[c] as f64) / total as f64)
        })
        .collect()
}

/// Normalised mutual information of two labelings over the people labelled in both
/// (arithmetic-mean normalisation, as scikit-learn's default); `None` when fewer than two
/// people are labelled or both labelings are constant.
pub fn normalized_mutual_information(a: &[Option<u32>], b: &[Option<u32>]) -> Option<f64> {
    use std::collections::HashMap;
    let pairs: Vec<(u32, u32)> = a
        .iter()
        .zip(b)
        .filter_map(|(x, y)| Some(((*x)?, (*y)?)))
        .collect();
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return None;
    }
    let (mut joint, mut ca, mut cb) = (HashMap::new(), HashMap::new(), HashMap::new());
    for &(x, y) in &pairs {
        *joint.entry((x, y)).or_insert(0.0) += 1.0;
        *ca.entry(x).or_insert(0.0) += 1.0;
        *cb.entry(y).or_insert(0.0) += 1.0;
    }
    let entropy =
        |c: &HashMap<u32, f64>| -> f64 { c.values().map(|&k| -(k / n) * (k / n).ln()).sum() };
    let (ha, hb) = (entropy(&ca), entropy(&cb));
    if ha + hb == 0.0 {
        return None;
    }
    let mut keys: Vec<(&(u32, u32), &f64)> = joint.iter().collect();
    keys.sort_by_key(|(k, _)| **k);
    let mi: f64 = keys
        .into_iter()
        .map(|(&(x, y), &k)| (k / n) * ((k * n) / (ca[&x] * cb[&y])).ln())
        .sum();
    Some((2.0 * mi / (ha + hb)).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles {0,1,2} and {3,4,5} joined by the tie 2 → 3; person 6 has no ties.
    fn two_triangles() -> Csr {
        let e = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)];
        Csr::from_edges(7, e.into_iter().map(|(a, b)| (a, b, 1.0)))
    }

    #[test]
    fn undirected_ties_merge_both_ways_in_order() {
        let ties = crate::graph::random_ties(60, 400, &[1.0, 1.25, 1.5, 1.75, 2.0], 7);
        let g = Csr::from_edges(60, ties.into_iter());
        // The definition: every tie as (min, max), sorted, pairs' weights added.
        let mut expected: Vec<(usize, usize, f64)> = (0..g.node_count())
            .flat_map(|u| {
                g.out_neighbors(u)
                    .iter()
                    .zip(g.out_weights(u))
                    .map(move |(&v, &w)| (u.min(v as usize), u.max(v as usize), w))
            })
            .collect();
        expected.sort_by_key(|&(u, v, _)| (u, v));
        crate::graph::merge_repeated(&mut expected);
        assert!(
            expected.iter().any(|&(u, v, _)| u == v),
            "no tie to oneself drawn"
        );
        assert_eq!(undirected(&g), expected);
    }

    #[test]
    fn finds_the_two_triangles() {
        let c = communities(&two_triangles(), 1);
        assert_eq!(
            c.community,
            [Some(1), Some(1), Some(1), Some(2), Some(2), Some(2), None]
        );
        assert_eq!(c.count, 2);
        // networkx: community.modularity(G.to_undirected(), [{0,1,2},{3,4,5}]) = 0.3571428571
        assert!(
            (c.modularity - 0.3571428571).abs() < 1e-9,
            "{}",
            c.modularity
        );
    }

    #[test]
    fn ei_index_and_nmi() {
        let g = two_triangles();
        let group = [Some(0), Some(0), Some(0), Some(1), Some(1), Some(1), None];
        // Group 0: 3 internal ties, 1 external; group 1 likewise.
        assert_eq!(ei_index(&g, &group, 2), [Some(-0.5), Some(-0.5)]);
        let same = normalized_mutual_information(&group, &group).unwrap();
        assert!((same - 1.0).abs() < 1e-12);
        let other = [
            Some(0),
            Some(1),
            Some(0),
            Some(1),
            Some(0),
            Some(1),
            Some(0),
        ];
        // scikit-learn: normalized_mutual_info_score([0,0,0,1,1,1],[0,1,0,1,0,1]) = 0.0817...
        let nmi = normalized_mutual_information(&group, &other).unwrap();
        assert!((nmi - 0.08170416594551044).abs() < 1e-9, "{nmi}");
    }
}
