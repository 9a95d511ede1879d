//! Groups for group-level figures (departments), with small groups suppressed.
//!
//! In: each person's department and `--min-group-size`. Out: [`DepartmentGroups`]: the departments
//! with at least that many people, the others merged into one "other departments" group
//! (itself suppressed when still too small), so that no figure describes fewer people than
//! the minimum. The report's department matrix and per-department counts, `summary.json`
//! and `graph.dot`'s cluster labels all read groups from here.

use super::View;
use crate::analysis::Analysis;

/// How many groups a matrix shows at most; smaller departments join "other departments".
pub const MAX_GROUPS: usize = 24;

/// People in groups large enough to describe.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentGroups {
    /// Group names, largest group first (ties by name); "other departments …" last if any.
    pub names: Vec<String>,
    /// People per group.
    pub sizes: Vec<usize>,
    /// Each person's group; `None` when their group is suppressed.
    pub of: Vec<Option<usize>>,
    /// People whose group is too small to describe.
    pub suppressed: usize,
    /// Departments merged into "other departments".
    pub merged: usize,
}

impl DepartmentGroups {
    /// Groups the people of `a` by department; departments smaller than `min_size`, and
    /// all but the `max_groups - 1` largest, are merged.
    pub fn departments(a: &Analysis, min_size: usize, max_groups: usize) -> DepartmentGroups {
        let names = &a.metrics.department_names;
        let dept = &a.metrics.department;
        let unknown = names.len();
        let key = |p: usize| dept[p].map_or(unknown, |d| d as usize);
        let mut size = vec![0usize; unknown + 1];
        for p in 0..dept.len() {
            size[key(p)] += 1;
        }
        let mut order: Vec<usize> = (0..=unknown).filter(|&d| size[d] > 0).collect();
        let label = |d: usize| names.get(d).map_or("(no department)", String::as_str);
        order.sort_by(|&x, &y| size[y].cmp(&size[x]).then(label(x).cmp(label(y))));
        let keep_max = max_groups.max(1) - 1;
        let mut group_of = vec![None; unknown + 1];
        let mut g = DepartmentGroups {
            names: Vec::new(),
            sizes: Vec::new(),
            of: Vec::new(),
            suppressed: 0,
            merged: 0,
        };
        let (mut other, mut other_size) = (Vec::new(), 0);
        for d in order {
            if size[d] >= min_size.max(1) && g.names.len() < keep_max {
                group_of[d] = Some(g.names.len());
                g.names.push(label(d).to_string());
                g.sizes.push(size[d]);
            } else {
                other.push(d);
                other_size += size[d];
            }
        }
        if !other.is_empty() {
            if other_size >= min_size.max(1) {
                for &d in &other {
                    group_of[d] = Some(g.names.len());
                }
                g.names.push(format!("other departments ({})", other.len()));
                g.sizes.push(other_size);
                g.merged = other.len();
            } else {
                g.suppressed = other_size;
            }
        }
        g.of = (0..dept.len()).map(|p| group_of[key(p)]).collect();
        g
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Influence ties from each group (row) to each group (column): distinct nominator →
    /// nominee pairs over every question.
    pub fn influence_matrix(&self, view: &View<'_>) -> Vec<Vec<usize>> {
        let g = view.graph().influence(crate::graph::Questions::All);
        let mut m = vec![vec![0usize; self.len()]; self.len()];
        for (r, row_group) in self.of.iter().enumerate() {
            let Some(rg) = row_group else { continue };
            for &n in g.out_neighbors(r) {
                if let Some(cg) = self.of[n as usize] {
                    m[*rg][cg] += 1;
                }
            }
        }
        m
    }

    /// How many people of each group `count` is true for.
    pub fn count(&self, mut count: impl FnMut(usize) -> bool) -> Vec<usize> {
        let mut out = vec![0; self.len()];
        for (p, g) in self.of.iter().enumerate() {
            if let Some(g) = g {
                out[*g] += usize::from(count(p));
            }
        }
        out
    }
}
