//! k-core number: the largest k such that the person belongs to a subgraph in which
//! everyone has at least k ties.
//!
//! Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of
//! networks. arXiv:cs/0310049. As networkx's `core_number` on a directed graph, a person's
//! degree counts ties in both directions (a mutual tie counts twice).
//! Complexity: O(V + E).

use crate::graph::Csr;

/// The core number of every person of an influence layer.
pub fn core_number(g: &Csr) -> Vec<u32> {
    let n = g.node_count();
    let mut degree: Vec<usize> = (0..n)
        .map(|v| g.in_neighbors(v).len() + g.out_neighbors(v).len())
        .collect();
    let max = degree.iter().copied().max().unwrap_or(0);
    // Bucket sort by degree: `order` lists nodes by degree, `position` is each node's place.
    let mut start = vec![0usize; max + 2];
    for &d in &degree {
        start[d + 1] += 1;
    }
    for d in 0..=max {
        start[d + 1] += start[d];
    }
    let mut next = start.clone();
    let mut order = vec![0usize; n];
    let mut position = vec![0usize; n];
    for v in 0..n {
        position[v] = next[degree[v]];
        order[position[v]] = v;
        next[degree[v]] += 1;
    }
    for i in 0..n {
        let v = order[i];
        for &u in g.in_neighbors(v).iter().chain(g.out_neighbors(v)) {
            let u = u as usize;
            if degree[u] > degree[v] {
                // Swap u to the front of its bucket, move the bucket's start past it, and
                // lower u's degree by one: u now heads the bucket below.
                let du = degree[u];
                let first = start[du];
                let w = order[first];
                order.swap(position[u], first);
                position[w] = position[u];
                position[u] = first;
                start[du] += 1;
                degree[u] -= 1;
            }
        }
    }
    degree.into_iter().map(|d| d as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_networkx() {
        // networkx 3.6: G = nx.DiGraph([(0,1),(1,2),(2,0),(0,2),(3,0),(4,3)]); G.add_node(5)
        // nx.core_number(G) → {0: 2, 1: 2, 2: 2, 3: 1, 4: 1, 5: 0}
        let g = Csr::from_edges(
            6,
            [(0, 1), (1, 2), (2, 0), (0, 2), (3, 0), (4, 3)]
                .into_iter()
                .map(|(a, b)| (a, b, 1.0)),
        );
        assert_eq!(core_number(&g), [2, 2, 2, 1, 1, 0]);
    }
}
