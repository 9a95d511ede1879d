//! Layout: a position for every person, so that graph files open as a readable picture
//! (GEXF `viz:position`, Cytoscape.js `position`, D3 `x`/`y`).
//!
//! The picture is the org chart, top-down, with the influence ties drawn over it: an
//! analyst reads influence *against* the hierarchy, so the hierarchy stays put. It is a
//! layered tree layout: y is the level (the top is 0, growing downward), x comes from the
//! order of subtrees, and a manager sits above the middle of their subtree. Two
//! refinements keep it readable:
//!
//! - the reports of a manager who have no reports themselves are stacked in a compact grid
//!   (about √k columns for k such reports) below the manager, most nominated first, as
//!   org-chart tools do, instead of a line thousands of people wide;
//! - sibling subtrees are ordered by the mean x of the people their members are tied to by
//!   influence (the barycentre heuristic of Sugiyama, Tagawa & Toda, 1981, used to reduce
//!   crossings in layered drawings), so teams that seek each other out sit side by side
//!   and influence ties stay short.
//!
//! People without a manager and without reports are laid out in a grid under the trees.
//!
//! An org chart without reporting lines (a partnership, a consultancy that exports titles
//! and levels) has no tree to draw. Its people are laid out in rows by seniority instead:
//! one row per level of the level column, the top level first (people without a level
//! last), or, without a level column, the people with formal power (by title) above the
//! others. Each row is a compact grid as wide as the widest row needs (about √k columns
//! for the largest row of k people), most nominated first.
//!
//! A force-directed layout would show influence communities better, but it would scramble
//! the hierarchy and costs far more at a million people; this layout is O(V log V + E),
//! and deterministic: the same data gives the same coordinates.

use crate::analysis::Analysis;
use crate::graph::{Csr, Questions};

/// Vertical distance between two rows of a grid of reports, in levels.
const GRID_ROW: f64 = 0.45;

/// Positions, indexed by person: `x` in slots, `y` in levels (0 at the top).
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleLayout {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// Lays out the people of `a`; `rank` is each person's place in the output order, which
/// orders siblings before the refinement.
pub fn layout(a: &Analysis, rank: &[usize]) -> PeopleLayout {
    if !a.dataset.structure.reporting_lines.given() {
        return by_seniority(a, rank);
    }
    let tree = Tree::new(a, rank);
    let first = tree.place();
    let influence = a.graph.influence(Questions::All);
    let ordered = tree.reordered(&first.x, influence, &a.metrics.combined.in_degree);
    ordered.place()
}

/// The org chart as ordered child lists.
struct Tree {
    children: Vec<Vec<u32>>,
    roots: Vec<u32>,
    singles: Vec<u32>,
    level: Vec<u32>,
}

impl Tree {
    fn new(a: &Analysis, rank: &[usize]) -> Tree {
        let by_id = |x: &u32, y: &u32| rank[*x as usize].cmp(&rank[*y as usize]);
        let auth = a.graph.authority();
        let n = auth.node_count();
        let children: Vec<Vec<u32>> = (0..n)
            .map(|v| {
                let mut c = auth.out_neighbors(v).to_vec();
                c.sort_by(by_id);
                c
            })
            .collect();
        let reach = &a.metrics.formal.formal_reach;
        let mut roots: Vec<u32> = (0..n as u32)
            .filter(|&v| a.dataset.people.manager[v as usize].is_none())
            .collect();
        roots.sort_by(|x, y| {
            reach[*y as usize]
                .cmp(&reach[*x as usize])
                .then(by_id(x, y))
        });
        let singles = roots
            .iter()
            .copied()
            .filter(|&r| children[r as usize].is_empty())
            .collect();
        roots.retain(|&r| !children[r as usize].is_empty());
        Tree {
            children,
            roots,
            singles,
            level: a.metrics.formal.level.clone(),
        }
    }

    fn is_leaf(&self, v: u32) -> bool {
        self.children[v as usize].is_empty()
    }

    /// Nodes in preorder (a manager before their reports).
    fn preorder(&self) -> Vec<u32> {
        let mut order = Vec::with_capacity(self.children.len());
        let mut stack: Vec<u32> = self.roots.iter().rev().copied().collect();
        while let Some(v) = stack.pop() {
            order.push(v);
            stack.extend(self.children[v as usize].iter().rev());
        }
        order
    }

    /// The children of `v` in drawing order: half the sub-managers, the grid of reports
    /// without reports, the other half. Returns (left, grid, right).
    fn blocks(&self, v: u32) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let (inner, leaves): (Vec<u32>, Vec<u32>) = self.children[v as usize]
            .iter()
            .partition(|&&c| !self.is_leaf(c));
        let half = inner.len().div_ceil(2);
        (inner[..half].to_vec(), leaves, inner[half..].to_vec())
    }

    /// Assigns positions with the current child order.
    fn place(&self) -> PeopleLayout {
        let n = self.children.len();
        let order = self.preorder();
        let mut width = vec![1.0f64; n];
        for &v in order.iter().rev() {
            let (left, grid, right) = self.blocks(v);
            let sub: f64 = left.iter().chain(&right).map(|&c| width[c as usize]).sum();
            width[v as usize] = (sub + grid_columns(grid.len()) as f64).max(1.0);
        }
        let mut l = PeopleLayout {
            x: vec![0.0; n],
            y: vec![0.0; n],
        };
        let mut start = vec![0.0f64; n];
        let mut cursor = 0.0;
        for &r in &self.roots {
            start[r as usize] = cursor;
            cursor += width[r as usize] + 1.0;
        }
        let mut bottom = 0.0f64;
        for &v in &order {
            if self.is_leaf(v) {
                continue; // placed in their manager's grid
            }
            let v = v as usize;
            l.x[v] = start[v] + width[v] / 2.0;
            l.y[v] = self.level[v] as f64;
            bottom = bottom.max(l.y[v]);
            let (left, grid, right) = self.blocks(v as u32);
            let mut x = start[v];
            for &c in &left {
                start[c as usize] = x;
                x += width[c as usize];
            }
            let below = l.y[v] + 1.0;
            bottom = bottom.max(self.grid(&mut l, &grid, x, below));
            x += grid_columns(grid.len()) as f64;
            for &c in &right {
                start[c as usize] = x;
                x += width[c as usize];
            }
        }
        let top = if self.roots.is_empty() {
            0.0
        } else {
            bottom + 1.0
        };
        self.grid_wide(&mut l, &self.singles, cursor.max(1.0), top);
        l
    }

    /// Puts `people` in a grid of about √k columns from `x0`, rows from `y0`; returns the
    /// lowest y used.
    fn grid(&self, l: &mut PeopleLayout, people: &[u32], x0: f64, y0: f64) -> f64 {
        let cols = grid_columns(people.len()).max(1);
        let mut low = y0;
        for (i, &p) in people.iter().enumerate() {
            l.x[p as usize] = x0 + (i % cols) as f64 + 0.5;
            l.y[p as usize] = y0 + (i / cols) as f64 * GRID_ROW;
            low = l.y[p as usize];
        }
        low
    }

    /// Like [`Tree::grid`], as wide as the trees above (or √k, if wider).
    fn grid_wide(&self, l: &mut PeopleLayout, people: &[u32], width: f64, y0: f64) {
        let cols = (width.floor() as usize)
            .max(grid_columns(people.len()))
            .max(1);
        for (i, &p) in people.iter().enumerate() {
            l.x[p as usize] = (i % cols) as f64 + 0.5;
            l.y[p as usize] = y0 + (i / cols) as f64 * GRID_ROW;
        }
    }

    /// The same tree with sibling sub-managers ordered by the barycentre of their
    /// subtree's influence ties (positions `x` from a first pass), and each grid of reports
    /// ordered most nominated first.
    fn reordered(&self, x: &[f64], influence: &Csr, in_degree: &[u32]) -> Tree {
        let n = self.children.len();
        let (mut sum, mut count) = (vec![0.0f64; n], vec![0usize; n]);
        for v in 0..n {
            for &u in influence
                .out_neighbors(v)
                .iter()
                .chain(influence.in_neighbors(v))
            {
                sum[v] += x[u as usize];
                count[v] += 1;
            }
        }
        for &v in self.preorder().iter().rev() {
            for &c in &self.children[v as usize] {
                sum[v as usize] += sum[c as usize];
                count[v as usize] += count[c as usize];
            }
        }
        let centre = |v: u32| {
            let v = v as usize;
            if count[v] > 0 {
                sum[v] / count[v] as f64
            } else {
                x[v]
            }
        };
        let children = self
            .children
            .iter()
            .map(|kids| {
                let mut kids = kids.clone();
                // Sub-managers by centre, then reports without reports, most nominated
                // first; a stable sort, so ties keep id order.
                kids.sort_by(|&p, &q| {
                    let (lp, lq) = (self.is_leaf(p), self.is_leaf(q));
                    lp.cmp(&lq).then_with(|| {
                        if lp {
                            in_degree[q as usize].cmp(&in_degree[p as usize])
                        } else {
                            centre(p).total_cmp(&centre(q))
                        }
                    })
                });
                kids
            })
            .collect();
        Tree {
            children,
            roots: self.roots.clone(),
            singles: self.singles.clone(),
            level: self.level.clone(),
        }
    }
}

/// Each person's row from the top when the org chart has no reporting lines: their level's
/// place (top level 0, people without a level after the last), or without a level column 0
/// for formal power and 1 for the others.
pub fn seniority_rows(a: &Analysis) -> Vec<u32> {
    match a.dataset.structure.levels() {
        Some(levels) => levels.rows(),
        None => a
            .classification
            .formal_power
            .iter()
            .map(|&f| u32::from(!f))
            .collect(),
    }
}

/// Rows by seniority ([`seniority_rows`]), each a grid of the common width, most nominated
/// first (ties in output order), centred under the widest.
fn by_seniority(a: &Analysis, rank: &[usize]) -> PeopleLayout {
    let row = seniority_rows(a);
    let n = row.len();
    let rows = row.iter().max().map_or(0, |&r| r as usize + 1);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); rows];
    for (p, &r) in row.iter().enumerate() {
        members[r as usize].push(p as u32);
    }
    let in_degree = &a.metrics.combined.in_degree;
    for m in &mut members {
        m.sort_unstable_by(|&p, &q| {
            in_degree[q as usize]
                .cmp(&in_degree[p as usize])
                .then(rank[p as usize].cmp(&rank[q as usize]))
        });
    }
    let cols = grid_columns(members.iter().map(Vec::len).max().unwrap_or(0)).max(1);
    let mut l = PeopleLayout {
        x: vec![0.0; n],
        y: vec![0.0; n],
    };
    let mut top = 0.0;
    for m in members.iter().filter(|m| !m.is_empty()) {
        let width = cols.min(m.len());
        let left = (cols - width) as f64 / 2.0;
        for (i, &p) in m.iter().enumerate() {
            l.x[p as usize] = left + (i % width) as f64 + 0.5;
            l.y[p as usize] = top + (i / width) as f64 * GRID_ROW;
        }
        top += ((m.len() - 1) / width) as f64 * GRID_ROW + 1.0;
    }
    l
}

/// Columns of a grid of `k` people: side by side up to 3, then about √k.
fn grid_columns(k: usize) -> usize {
    if k <= 3 {
        k
    } else {
        (k as f64).sqrt().ceil() as usize
    }
}
