//! A compact view as a petgraph graph: [`Csr`] implements petgraph's visit traits, the way
//! rustworkx-core's algorithms expect a graph, so that petgraph's algorithms (and any
//! written against the traits) run on a view unchanged.
//!
//! Node ids are petgraph's [`NodeIndex`] (node `i` is person `i`), edges are directed and
//! weighted (`f64`), and an edge is named by its two ends: a view holds at most one edge
//! per ordered pair. Neighbours come in ascending order, as the view keeps them.

use std::iter::Copied;
use std::slice::Iter;

use fixedbitset::FixedBitSet;
use petgraph::visit::{
    Data, EdgeCount, EdgeRef, GraphBase, GraphProp, IntoEdgeReferences, IntoEdges,
    IntoEdgesDirected, IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers,
    NodeCompactIndexable, NodeCount, NodeIndexable, Visitable,
};
use petgraph::{Directed, Direction};

use super::Csr;
use petgraph::graph::NodeIndex;

impl GraphBase for Csr {
    /// The edge from the first node to the second.
    type EdgeId = (NodeIndex, NodeIndex);
    type NodeId = NodeIndex;
}

impl Data for Csr {
    type NodeWeight = ();
    type EdgeWeight = f64;
}

impl GraphProp for Csr {
    type EdgeType = Directed;
}

impl NodeCount for Csr {
    fn node_count(&self) -> usize {
        Csr::node_count(self)
    }
}

impl EdgeCount for Csr {
    fn edge_count(&self) -> usize {
        Csr::edge_count(self)
    }
}

impl NodeIndexable for Csr {
    fn node_bound(&self) -> usize {
        Csr::node_count(self)
    }

    fn to_index(&self, a: NodeIndex) -> usize {
        a.index()
    }

    fn from_index(&self, i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }
}

impl NodeCompactIndexable for Csr {}

impl Visitable for Csr {
    type Map = FixedBitSet;

    fn visit_map(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(Csr::node_count(self))
    }

    fn reset_map(&self, map: &mut FixedBitSet) {
        map.clear();
        map.grow(Csr::node_count(self));
    }
}

/// The nodes of a neighbour list, ascending.
#[derive(Debug, Clone)]
pub struct Neighbors<'a>(Copied<Iter<'a, u32>>);

impl Iterator for Neighbors<'_> {
    type Item = NodeIndex;

    #[inline]
    fn next(&mut self) -> Option<NodeIndex> {
        self.0.next().map(NodeIndex::from)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }

    fn count(self) -> usize {
        self.0.len()
    }
}

impl ExactSizeIterator for Neighbors<'_> {}

impl<'a> IntoNeighbors for &'a Csr {
    type Neighbors = Neighbors<'a>;

    /// The nodes `a` names.
    fn neighbors(self, a: NodeIndex) -> Neighbors<'a> {
        Neighbors(self.out_neighbors(a.index()).iter().copied())
    }
}

impl<'a> IntoNeighborsDirected for &'a Csr {
    type NeighborsDirected = Neighbors<'a>;

    /// `Outgoing`: the nodes `n` names; `Incoming`: the nodes that name `n`.
    fn neighbors_directed(self, n: NodeIndex, d: Direction) -> Neighbors<'a> {
        let list = match d {
            Direction::Outgoing => self.out_neighbors(n.index()),
            Direction::Incoming => self.in_neighbors(n.index()),
        };
        Neighbors(list.iter().copied())
    }
}

impl IntoNodeIdentifiers for &Csr {
    type NodeIdentifiers = std::iter::Map<std::ops::Range<usize>, fn(usize) -> NodeIndex>;

    fn node_identifiers(self) -> Self::NodeIdentifiers {
        (0..Csr::node_count(self)).map(NodeIndex::new)
    }
}

/// One edge of a view: its ends and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge<'a> {
    source: NodeIndex,
    target: NodeIndex,
    weight: &'a f64,
}

impl EdgeRef for Edge<'_> {
    type NodeId = NodeIndex;
    type EdgeId = (NodeIndex, NodeIndex);
    type Weight = f64;

    fn source(&self) -> NodeIndex {
        self.source
    }

    fn target(&self) -> NodeIndex {
        self.target
    }

    fn weight(&self) -> &f64 {
        self.weight
    }

    fn id(&self) -> (NodeIndex, NodeIndex) {
        (self.source, self.target)
    }
}

/// The edges at one node, in the order of its neighbour list.
#[derive(Debug, Clone)]
pub struct Edges<'a> {
    node: NodeIndex,
    direction: Direction,
    others: Iter<'a, u32>,
    weights: Iter<'a, f64>,
}

impl<'a> Edges<'a> {
    fn of(g: &'a Csr, node: NodeIndex, direction: Direction) -> Edges<'a> {
        let v = node.index();
        let (others, weights) = match direction {
            Direction::Outgoing => (g.out_neighbors(v), g.out_weights(v)),
            Direction::Incoming => (g.in_neighbors(v), g.in_weights(v)),
        };
        Edges {
            node,
            direction,
            others: others.iter(),
            weights: weights.iter(),
        }
    }
}

impl<'a> Iterator for Edges<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        let other = NodeIndex::from(*self.others.next()?);
        let weight = self.weights.next()?;
        let (source, target) = match self.direction {
            Direction::Outgoing => (self.node, other),
            Direction::Incoming => (other, self.node),
        };
        Some(Edge {
            source,
            target,
            weight,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.others.size_hint()
    }
}

/// Every edge of a view, by source, then target.
#[derive(Debug, Clone)]
pub struct EdgeReferences<'a> {
    g: &'a Csr,
    /// The node whose edges come after those of `at`.
    next_source: usize,
    at: Edges<'a>,
}

impl<'a> Iterator for EdgeReferences<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        loop {
            if let Some(e) = self.at.next() {
                return Some(e);
            }
            if self.next_source >= Csr::node_count(self.g) {
                return None;
            }
            self.at = Edges::of(
                self.g,
                NodeIndex::new(self.next_source),
                Direction::Outgoing,
            );
            self.next_source += 1;
        }
    }
}

impl<'a> IntoEdgeReferences for &'a Csr {
    type EdgeRef = Edge<'a>;
    type EdgeReferences = EdgeReferences<'a>;

    fn edge_references(self) -> EdgeReferences<'a> {
        let empty = Edges {
            node: NodeIndex::new(0),
            direction: Direction::Outgoing,
            others: [].iter(),
            weights: [].iter(),
        };
        EdgeReferences {
            g: self,
            next_source: 0,
            at: empty,
        }
    }
}

impl<'a> IntoEdges for &'a Csr {
    type Edges = Edges<'a>;

    /// The edges from `a`.
    fn edges(self, a: NodeIndex) -> Edges<'a> {
        Edges::of(self, a, Direction::Outgoing)
    }
}

impl<'a> IntoEdgesDirected for &'a Csr {
    type EdgesDirected = Edges<'a>;

    /// `Outgoing`: the edges from `a`; `Incoming`: the edges to `a` (`a` their target).
    fn edges_directed(self, a: NodeIndex, dir: Direction) -> Edges<'a> {
        Edges::of(self, a, dir)
    }
}
