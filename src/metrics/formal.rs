//! Formal-layer metrics: direct reports, formal reach (subtree size), level (depth), and
//! the preorder numbering that answers "is A in B's formal sphere?" in O(1).

use crate::graph::Csr;

/// The formal layer's measures, indexed by person.
#[derive(Debug, Clone, PartialEq)]
pub struct Formal {
    pub direct_reports: Vec<u32>,
    /// People in the person's subtree, the person excluded.
    pub formal_reach: Vec<u32>,
    /// Depth below a root; a root is level 0.
    pub level: Vec<u32>,
    /// Preorder number of each person in a depth-first walk from the roots.
    pub preorder: Vec<u32>,
}

impl Formal {
    /// True when `other` is in the formal sphere (the subtree below) of `person`.
    pub fn in_sphere(&self, person: usize, other: usize) -> bool {
        let (start, other_at) = (self.preorder[person], self.preorder[other]);
        other_at > start && other_at <= start + self.formal_reach[person]
    }

    /// True when `other` is in `person`'s chain of command (their manager, the manager's
    /// manager, and so on up to the root).
    pub fn in_chain(&self, person: usize, other: usize) -> bool {
        self.in_sphere(other, person)
    }
}

/// Computes the formal measures from the authority layer (manager → report edges), which
/// validation has made a forest. Roots are walked in person order, reports in id order.
///
/// Complexity: O(V + E), iterative (no recursion, so deep hierarchies cannot overflow).
pub fn formal(authority: &Csr, managers: &[Option<u32>]) -> Formal {
    let n = authority.node_count();
    let mut f = Formal {
        direct_reports: (0..n)
            .map(|v| authority.out_neighbors(v).len() as u32)
            .collect(),
        formal_reach: vec![0; n],
        level: vec![0; n],
        preorder: vec![0; n],
    };
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<u32> = Vec::new();
    for root in (0..n).filter(|&v| managers[v].is_none()) {
        stack.push(root as u32);
        while let Some(v) = stack.pop() {
            let v = v as usize;
            f.preorder[v] = order.len() as u32;
            order.push(v);
            for &child in authority.out_neighbors(v).iter().rev() {
                f.level[child as usize] = f.level[v] + 1;
                stack.push(child);
            }
        }
    }
    // Children come after their manager in preorder, so a reverse pass sums subtrees.
    for &v in order.iter().rev() {
        if let Some(m) = managers[v] {
            f.formal_reach[m as usize] += f.formal_reach[v] + 1;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 0 is the root; 0 → 1, 0 → 2; 1 → 3, 1 → 4; 4 → 5. Person 6 is a second root.
    fn tree() -> Formal {
        let managers = [None, Some(0), Some(0), Some(1), Some(1), Some(4), None];
        let edges = managers
            .iter()
            .enumerate()
            .filter_map(|(r, m)| m.map(|m| (m, r as u32, 1.0)));
        formal(&Csr::from_edges(7, edges), &managers)
    }

    #[test]
    fn reports_reach_and_level() {
        let f = tree();
        assert_eq!(f.direct_reports, [2, 2, 0, 0, 1, 0, 0]);
        assert_eq!(f.formal_reach, [5, 3, 0, 0, 1, 0, 0]);
        assert_eq!(f.level, [0, 1, 1, 2, 2, 3, 0]);
    }

    #[test]
    fn sphere_and_chain_membership() {
        let f = tree();
        assert!(f.in_sphere(1, 5) && f.in_sphere(0, 2) && !f.in_sphere(1, 2));
        assert!(!f.in_sphere(5, 5) && !f.in_sphere(0, 6));
        assert!(f.in_chain(5, 1) && f.in_chain(5, 0) && !f.in_chain(5, 3) && !f.in_chain(1, 5));
    }
}
