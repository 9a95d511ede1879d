//! Influence-layer measures that count nominations: received, weighted, as a share of
//! respondents, made; and the spheres — who nominates a person, and where those
//! nominators sit relative to the person's team, department and chain of command.

use super::spheres::share_of_nominators;
use crate::graph::Csr;

/// Nominations received: distinct nominators. O(1) per node.
pub fn in_degree(g: &Csr) -> Vec<u32> {
    (0..g.node_count())
        .map(|v| g.in_neighbors(v).len() as u32)
        .collect()
}

/// Nominations received, weighted: the sum of the weights of the ties naming the person.
pub fn in_weight(g: &Csr) -> Vec<f64> {
    (0..g.node_count())
        .map(|v| g.in_weights(v).iter().sum())
        .collect()
}

/// Nominations made, for respondents; empty for people who did not answer.
pub fn out_degree(g: &Csr, responded: &[bool]) -> Vec<Option<u32>> {
    (0..g.node_count())
        .map(|v| responded[v].then(|| g.out_neighbors(v).len() as u32))
        .collect()
}

/// The share of the other respondents who nominate the person; empty when nobody else
/// answered.
pub fn in_share(g: &Csr, responded: &[bool]) -> Vec<Option<f64>> {
    let respondents = responded.iter().filter(|&&r| r).count();
    (0..g.node_count())
        .map(|v| {
            let others = respondents - usize::from(responded[v]);
            (others > 0).then(|| g.in_neighbors(v).len() as f64 / others as f64)
        })
        .collect()
}

/// Reciprocity of each person's ties, as networkx's `reciprocity(G, nodes)`: twice the
/// number of people with whom the tie goes both ways, over in-degree plus out-degree.
/// Empty for people with no ties.
pub fn reciprocity(g: &Csr) -> Vec<Option<f64>> {
    (0..g.node_count())
        .map(|v| {
            let (ins, outs) = (g.in_neighbors(v), g.out_neighbors(v));
            let total = ins.len() + outs.len();
            (total > 0).then(|| 2.0 * sorted_overlap(ins, outs) as f64 / total as f64)
        })
        .collect()
}

/// How many values two ascending lists share.
pub(crate) fn sorted_overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// Whether `u` is in `v`'s own team: `v`'s manager, the people who share that manager, or
/// `v`'s direct reports.
pub fn same_team(managers: &[Option<u32>], v: usize, u: usize) -> bool {
    let (mv, mu) = (managers[v], managers[u]);
    mv == Some(u as u32) || mu == Some(v as u32) || (mv.is_some() && mv == mu)
}

/// The share of a person's nominators from outside both their own team (see
/// [`same_team`]) and their department; empty for people nobody nominates.
pub fn outside_team_share(
    g: &Csr,
    managers: &[Option<u32>],
    department: &[Option<u32>],
) -> Vec<Option<f64>> {
    outside_team_counts(g, managers, department)
        .iter()
        .enumerate()
        .map(|(v, &outside)| share_of_nominators(outside, g.in_neighbors(v).len() as u32))
        .collect()
}

/// For each person, how many of their nominators are outside their team and, when the
/// person has a department, outside it too ([`outside_team_share`]'s numerator).
pub fn outside_team_counts(
    g: &Csr,
    managers: &[Option<u32>],
    department: &[Option<u32>],
) -> Vec<u32> {
    (0..g.node_count())
        .map(|v| {
            g.in_neighbors(v)
                .iter()
                .map(|&u| u as usize)
                .filter(|&u| {
                    !same_team(managers, v, u)
                        && (department[v].is_none() || department[u] != department[v])
                })
                .count() as u32
        })
        .collect()
}

/// The number of distinct departments among a person's nominators (people without a
/// department are not counted).
pub fn nominating_departments(g: &Csr, department: &[Option<u32>]) -> Vec<u32> {
    let mut seen: Vec<u32> = Vec::new();
    (0..g.node_count())
        .map(|v| {
            seen.clear();
            seen.extend(
                g.in_neighbors(v)
                    .iter()
                    .filter_map(|&u| department[u as usize]),
            );
            seen.sort_unstable();
            seen.dedup();
            seen.len() as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::formal::{Formal, formal};
    use super::super::spheres::*;
    use super::*;

    /// Hierarchy: 0 manages 1, 2 and 3; 3 manages 4. Person 5 is another root.
    /// Departments: 0–2 in A, 3–4 in B, 5 none.
    /// Nominations: 1 → 0, 2 → 3, 4 → 3, 5 → 3, 0 → 3, 1 → 2.
    /// Respondents: 0, 1, 2, 4, 5 (3 did not answer).
    type Fixture = (Csr, Vec<Option<u32>>, Vec<Option<u32>>, Vec<bool>);

    fn fixture() -> Fixture {
        let managers = vec![None, Some(0), Some(0), Some(0), Some(3), None];
        let g = Csr::from_edges(
            6,
            [
                (1, 0, 1.0),
                (2, 3, 1.0),
                (4, 3, 2.0),
                (5, 3, 1.0),
                (0, 3, 1.0),
                (1, 2, 1.0),
            ]
            .into_iter(),
        );
        let dept = vec![Some(0), Some(0), Some(0), Some(1), Some(1), None];
        let responded = vec![true, true, true, false, true, true];
        (g, managers, dept, responded)
    }

    fn formal_of(managers: &[Option<u32>]) -> Formal {
        let edges = managers
            .iter()
            .enumerate()
            .filter_map(|(r, m)| m.map(|m| (m, r as u32, 1.0)));
        formal(&Csr::from_edges(managers.len(), edges), managers)
    }

    #[test]
    fn counts_and_shares() {
        let (g, _, _, responded) = fixture();
        assert_eq!(in_degree(&g), [1, 0, 1, 4, 0, 0]);
        assert_eq!(in_weight(&g), [1.0, 0.0, 1.0, 5.0, 0.0, 0.0]);
        assert_eq!(
            out_degree(&g, &responded),
            [Some(1), Some(2), Some(1), None, Some(1), Some(1)]
        );
        // Five people answered; 3 is not one of them, so all five count as others for 3,
        // while 0 answered and has four others.
        let share = in_share(&g, &responded);
        assert_eq!(share[3], Some(4.0 / 5.0));
        assert_eq!(share[0], Some(1.0 / 4.0));
    }

    #[test]
    fn spheres() {
        let (g, managers, dept, responded) = fixture();
        let f = formal_of(&managers);
        // 0's reports 1, 2, 3 of which 1 and 2 answered; only 1 names 0.
        // 3's only report 4 answered and names 3.
        assert_eq!(
            command_coverage(&g, &f, &managers, &responded),
            [Some(0.5), None, None, Some(1.0), None, None]
        );
        // 3 is named by 2 (a peer: beyond), 4 (below: in sphere), 5 (beyond), 0 (above: chain).
        assert_eq!(influence_beyond_chain(&g, &f)[3], Some(0.5));
        // For 3: 2 and 0 are team (peer, manager), 4 is a report; 5 is outside.
        assert_eq!(outside_team_share(&g, &managers, &dept)[3], Some(0.25));
        // 3 is named from A (2, 0) and B (4); 5 has no department.
        assert_eq!(nominating_departments(&g, &dept)[3], 2);
    }

    #[test]
    fn reciprocity_and_the_two_step_sphere() {
        // 0 ↔ 1, 2 → 0, 3 → 2; 4 has no ties.
        let g = Csr::from_edges(
            5,
            [(0, 1, 1.0), (1, 0, 1.0), (2, 0, 1.0), (3, 2, 1.0)].into_iter(),
        );
        assert_eq!(
            reciprocity(&g),
            [Some(2.0 / 3.0), Some(1.0), Some(0.0), Some(0.0), None]
        );
        // 0 is named by 1 and 2, and through 2 by 3 (1's own nominator is 0 itself).
        assert_eq!(influence_sphere_size_2(&g), [3, 2, 1, 0, 0]);
    }
}
