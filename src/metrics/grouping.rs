//! Groups of people by an org-chart column: departments by default, or any column named
//! with `--group-by` (office, location, level, tenure band…), for the group findings
//! (silos, groups that never seek each other out, fragile bridges, peripheral people) and
//! the report's group-to-group matrix; and the homophily of each attribute: the E-I index
//! of the organisation's influence ties between and within its groups (Krackhardt & Stern
//! 1988), over groups of at least the minimum size only; and the ties between each pair of
//! groups ([`group_ties`]), which the group findings and the key players read.

use std::collections::BTreeMap;

use crate::graph::Csr;
use crate::validate::Dataset;

/// An attribute's groups with more distinct values than this get no homophily figure
/// (names, e-mail addresses, dates: not groups).
pub const HOMOPHILY_MAX_GROUPS: usize = 200;

/// Each person's group by one org-chart column.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// The column's header, as the org chart names it.
    pub attribute: String,
    /// Whether this is the department column (or, without one, no grouping at all).
    pub is_department: bool,
    /// Each person's group, `None` when their cell is empty.
    pub of: Vec<Option<u32>>,
    /// Group names (the cells' trimmed texts), sorted.
    pub names: Vec<String>,
}

impl Grouping {
    /// The departments, as the metrics numbered them.
    pub fn departments(dataset: &Dataset, of: &[Option<u32>], names: &[String]) -> Grouping {
        Grouping {
            attribute: dataset.org.columns.department.map_or_else(
                || "department".to_string(),
                |c| dataset.org.headers[c].clone(),
            ),
            is_department: true,
            of: of.to_vec(),
            names: names.to_vec(),
        }
    }

    /// The groups of org-chart column `col` (numbered as departments are: by sorted text).
    pub fn by_column(dataset: &Dataset, col: usize) -> Grouping {
        let (of, names) = column_groups(dataset, col);
        Grouping {
            attribute: dataset.org.headers[col].clone(),
            is_department: dataset.org.columns.department == Some(col),
            of,
            names,
        }
    }

    /// What the findings call the groups: `departments`, or `groups by ATTRIBUTE`.
    pub fn plural(&self) -> String {
        if self.is_department {
            "departments".to_string()
        } else {
            format!("groups by {}", self.attribute)
        }
    }

    /// People per group.
    pub fn sizes(&self) -> Vec<usize> {
        let mut size = vec![0usize; self.names.len()];
        for g in self.of.iter().flatten() {
            size[*g as usize] += 1;
        }
        size
    }
}

/// The org-chart column `--group-by` names: its header, matched without regard to case or
/// surrounding spaces.
pub fn find_column(dataset: &Dataset, name: &str) -> Option<usize> {
    let name = name.trim();
    dataset
        .org
        .headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// Each person's group by the trimmed text of column `col`, and the group names sorted;
/// numbered in sorted order.
pub fn column_groups(dataset: &Dataset, col: usize) -> (Vec<Option<u32>>, Vec<String>) {
    let text = |p: usize| dataset.org.rows.cell(dataset.people.record[p], col).trim();
    // An organisation has few groups and many people: number the distinct texts first,
    // then renumber them in sorted order.
    let mut first: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    let seen: Vec<Option<u32>> = (0..dataset.people.len())
        .map(|p| {
            let t = text(p);
            let next = first.len() as u32;
            (!t.is_empty()).then(|| *first.entry(t).or_insert(next))
        })
        .collect();
    let mut names: Vec<(&str, u32)> = first.into_iter().collect();
    names.sort_unstable();
    let mut rank = vec![0u32; names.len()];
    for (sorted, &(_, i)) in names.iter().enumerate() {
        rank[i as usize] = sorted as u32;
    }
    let ids = seen
        .into_iter()
        .map(|i| i.map(|i| rank[i as usize]))
        .collect();
    (ids, names.into_iter().map(|(t, _)| t.to_string()).collect())
}

/// The ties between two groups (either direction): how many, and the people at an end of
/// every one of them (none, one or two, ascending): if such a person leaves, the two
/// groups have no tie left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairTies {
    pub ties: usize,
    pub holders: Vec<u32>,
}

/// Ties between groups, by pair `(a, b)` with `a < b`; pairs without a tie are absent.
pub type GroupTies = BTreeMap<(u32, u32), PairTies>;

/// The ties of layer `g` between every two groups of `of` (people without a group left
/// out). One pass over the ties: O(m log p) for `p` tied pairs.
pub fn group_ties(g: &Csr, of: &[Option<u32>]) -> GroupTies {
    let mut pairs = GroupTies::new();
    for u in 0..g.node_count() {
        let Some(a) = of[u] else { continue };
        for &w in g.out_neighbors(u) {
            let Some(b) = of[w as usize] else { continue };
            if a == b {
                continue;
            }
            let ends = [(u as u32).min(w), (u as u32).max(w)];
            pairs
                .entry((a.min(b), a.max(b)))
                .and_modify(|pair| {
                    pair.ties += 1;
                    pair.holders.retain(|h| ends.contains(h));
                })
                .or_insert_with(|| PairTies {
                    ties: 1,
                    holders: ends.to_vec(),
                });
        }
    }
    pairs
}

/// Whether column `col` has at most `limit` distinct non-empty (trimmed) values: read
/// until the one past the limit, so a column of names or dates is given up early,
/// before any grouping is built.
fn distinct_at_most(dataset: &Dataset, col: usize, limit: usize) -> bool {
    let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for p in 0..dataset.people.len() {
        let t = dataset.org.rows.cell(dataset.people.record[p], col).trim();
        if !t.is_empty() && seen.insert(t) && seen.len() > limit {
            return false;
        }
    }
    true
}

/// One attribute's homophily: influence ties within and between its groups of at least
/// the minimum size, and their E-I index `(between − within) / (between + within)`
/// (−1: every tie stays inside a group; +1: every tie crosses).
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeHomophily {
    pub attribute: String,
    /// Groups of at least the minimum size.
    pub groups: usize,
    pub ties_within: usize,
    pub ties_between: usize,
    /// `None` without a tie between two people of such groups.
    pub ei_index: Option<f64>,
}

/// The homophily of `grouping` on layer `g`, counting ties whose two ends are both in
/// groups of at least `min_size` people.
pub fn homophily(g: &Csr, grouping: &Grouping, min_size: usize) -> AttributeHomophily {
    let sizes = grouping.sizes();
    let keep = |p: usize| grouping.of[p].filter(|&x| sizes[x as usize] >= min_size.max(1));
    let (mut within, mut between) = (0usize, 0usize);
    for u in 0..g.node_count() {
        let Some(a) = keep(u) else { continue };
        for &v in g.out_neighbors(u) {
            match keep(v as usize) {
                Some(b) if a == b => within += 1,
                Some(_) => between += 1,
                None => {}
            }
        }
    }
    let total = within + between;
    AttributeHomophily {
        attribute: grouping.attribute.clone(),
        groups: sizes.iter().filter(|&&s| s >= min_size.max(1)).count(),
        ties_within: within,
        ties_between: between,
        ei_index: (total > 0).then(|| (between as f64 - within as f64) / total as f64),
    }
}

/// The homophily of every org-chart column that groups people: all but the id, manager,
/// name and e-mail columns, with 2 to [`HOMOPHILY_MAX_GROUPS`] groups of at least
/// `min_size` people; in the org chart's column order.
pub fn homophily_by_attribute(
    dataset: &Dataset,
    g: &Csr,
    min_size: usize,
) -> Vec<AttributeHomophily> {
    let c = &dataset.org.columns;
    let skip = [
        Some(c.id),
        c.manager,
        c.name,
        c.first_name,
        c.last_name,
        c.email,
    ];
    (0..dataset.org.headers.len())
        .filter(|col| !skip.contains(&Some(*col)))
        .filter(|&col| distinct_at_most(dataset, col, HOMOPHILY_MAX_GROUPS))
        .filter_map(|col| {
            let grouping = Grouping::by_column(dataset, col);
            let h = homophily(g, &grouping, min_size);
            (h.groups >= 2).then_some(h)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(ties: usize, holders: &[u32]) -> PairTies {
        PairTies {
            ties,
            holders: holders.to_vec(),
        }
    }

    #[test]
    fn the_ties_between_two_groups_name_the_people_at_every_one() {
        // Groups: 0, 1 → A; 2, 3 → B; 4 → C; 5 → none. A–B: 0→2 and 3→0 (0 holds both);
        // A–C: 1→4 (both ends hold it); B–C none; 5's tie to 0 has no group pair.
        let of = [Some(0), Some(0), Some(1), Some(1), Some(2), None];
        let g = Csr::from_ties(6, &[(0, 2), (3, 0), (1, 4), (0, 1), (5, 0)]);
        let got = group_ties(&g, &of);
        let want: GroupTies = [((0, 1), pair(2, &[0])), ((0, 2), pair(1, &[1, 4]))].into();
        assert_eq!(got, want);
        // Two ties with no end in common leave nobody holding the pair; both ends of a
        // tie named in both directions hold it, ascending.
        let g = Csr::from_ties(6, &[(0, 2), (1, 3), (4, 1), (1, 4)]);
        let got = group_ties(&g, &of);
        assert_eq!(got[&(0, 1)], pair(2, &[]));
        assert_eq!(got[&(0, 2)], pair(2, &[1, 4]));
    }
}
