//! Key players: what the influence layer loses when one person leaves (Borgatti, S. P.
//! (2006). Identifying sets of key players in a social network. *Computational and
//! Mathematical Organization Theory*, 12, 21–34).
//!
//! The layer is read as who is in touch with whom: a tie in either direction joins two
//! people (Borgatti's measures are defined on undirected graphs). For a graph of `n`
//! people with `d(i, j)` the length of the shortest chain of ties between them (infinite
//! when there is none):
//!
//! - fragmentation `F = 1 − Σ_{i≠j} r(i, j) / (n(n − 1))`, `r` = 1 when `j` can be reached
//!   from `i`, else 0: the share of pairs with no chain at all;
//! - distance-weighted fragmentation `DF = 1 − Σ_{i≠j} 1/d(i, j) / (n(n − 1))` (`1/∞ = 0`):
//!   0 when everyone is tied to everyone, 1 when nobody is tied to anybody;
//! - reach, `1 − F`: the share of pairs joined by some chain.
//!
//! Removing person `v` leaves `n − 1` people, measured the same way. One breadth-first
//! search per source: O(n·m) for the whole layer, O(k·n·m) for `k` candidates; with a
//! sample of `s` sources, O(k·s·m), the same sources before and after each removal.
//!
//! Besides the paths, three local losses, each O(n + m): the people for whom `v` is the
//! only or the main source on an influence question ([`source_dependents`]), the pairs of
//! departments whose every tie has `v` at one end ([`last_ties`]), and the people tied to
//! nobody but `v` ([`Undirected::left_alone`]).

use rayon::prelude::*;

use crate::graph::Csr;

/// A layer's ties read in both directions: each person's contacts, ascending, once each.
#[derive(Debug, Clone)]
pub struct Undirected {
    offsets: Vec<u32>,
    contacts: Vec<u32>,
}

impl Undirected {
    /// The contacts of every node of `g`: the people it names or is named by.
    pub fn of(g: &Csr) -> Undirected {
        let n = g.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut contacts = Vec::with_capacity(2 * g.edge_count());
        offsets.push(0u32);
        for v in 0..n {
            let (mut a, mut b) = (g.out_neighbors(v), g.in_neighbors(v));
            // Merge two sorted, distinct lists.
            while let (Some(&x), Some(&y)) = (a.first(), b.first()) {
                if x <= y {
                    contacts.push(x);
                    a = &a[1..];
                    if x == y {
                        b = &b[1..];
                    }
                } else {
                    contacts.push(y);
                    b = &b[1..];
                }
            }
            contacts.extend_from_slice(a);
            contacts.extend_from_slice(b);
            offsets.push(contacts.len() as u32);
        }
        Undirected { offsets, contacts }
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The people `v` names or is named by, ascending.
    pub fn contacts(&self, v: usize) -> &[u32] {
        &self.contacts[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }

    /// The people whose only contact is `v`: tied to nobody once `v` leaves.
    pub fn left_alone(&self, v: usize) -> Vec<u32> {
        self.contacts(v)
            .iter()
            .copied()
            .filter(|&u| self.contacts(u as usize) == [v as u32])
            .collect()
    }
}

/// Fragmentation of a layer, whole or after one removal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fragmentation {
    /// `F`: the share of ordered pairs with no chain of ties between them.
    pub fragmentation: f64,
    /// `DF`: one minus the mean of `1/d` over ordered pairs.
    pub distance_weighted: f64,
}

impl Fragmentation {
    /// Reach: the share of ordered pairs joined by some chain, `1 − F`.
    pub fn reach(&self) -> f64 {
        1.0 - self.fragmentation
    }
}

/// What one search from a source finds: how many others it reaches and Σ 1/d over them.
#[derive(Debug, Clone, Copy, Default)]
struct FromSource {
    reached: u64,
    inverse_distance: f64,
}

/// Reusable state of one breadth-first search.
struct ReachSearch {
    seen: Vec<u32>,
    /// The search that marked each node (`seen[v] == stamp` means seen in this one).
    stamp: u32,
    frontier: Vec<u32>,
    next: Vec<u32>,
}

impl ReachSearch {
    fn new(n: usize) -> ReachSearch {
        ReachSearch {
            seen: vec![0; n],
            stamp: 0,
            frontier: Vec::new(),
            next: Vec::new(),
        }
    }
}

/// One breadth-first search from `s` that never enters `removed`. Σ 1/d is added up level
/// by level (count at distance d, divided by d), so every run gives the same bits.
fn search(g: &Undirected, s: u32, removed: Option<u32>, sc: &mut ReachSearch) -> FromSource {
    sc.stamp = sc.stamp.wrapping_add(1);
    if sc.stamp == 0 {
        sc.seen.fill(0);
        sc.stamp = 1;
    }
    let stamp = sc.stamp;
    if let Some(r) = removed {
        sc.seen[r as usize] = stamp;
    }
    sc.seen[s as usize] = stamp;
    sc.frontier.clear();
    sc.frontier.push(s);
    let mut out = FromSource::default();
    let mut depth = 0u32;
    while !sc.frontier.is_empty() {
        depth += 1;
        sc.next.clear();
        for &v in &sc.frontier {
            for &w in g.contacts(v as usize) {
                if sc.seen[w as usize] != stamp {
                    sc.seen[w as usize] = stamp;
                    sc.next.push(w);
                }
            }
        }
        out.reached += sc.next.len() as u64;
        out.inverse_distance += sc.next.len() as f64 / f64::from(depth);
        std::mem::swap(&mut sc.frontier, &mut sc.next);
    }
    out
}

/// Fragmentation of `g` without `removed` (when given), from `sources` (every person
/// when `None`; a sample otherwise, `removed` skipped among them). Exact over every
/// source; from a sample, the mean over the sampled sources of each one's share of the
/// others reached and of its Σ 1/d, which is unbiased for the exact value. Sources are
/// searched in parallel and added up in their order, so any thread count gives the same
/// bits. Fewer than two people: 0 (nothing to fragment).
pub fn fragmentation(
    g: &Undirected,
    removed: Option<u32>,
    sources: Option<&[u32]>,
) -> Fragmentation {
    let n = g.node_count();
    let people = n - usize::from(removed.is_some_and(|r| (r as usize) < n));
    if people < 2 {
        return Fragmentation {
            fragmentation: 0.0,
            distance_weighted: 0.0,
        };
    }
    let all: Vec<u32>;
    let sources: Vec<u32> = match sources {
        Some(s) => s.iter().copied().filter(|&s| Some(s) != removed).collect(),
        None => {
            all = (0..n as u32).filter(|&s| Some(s) != removed).collect();
            all
        }
    };
    if sources.is_empty() {
        return Fragmentation {
            fragmentation: 1.0,
            distance_weighted: 1.0,
        };
    }
    let found: Vec<FromSource> = sources
        .par_iter()
        .map_init(|| ReachSearch::new(n), |sc, &s| search(g, s, removed, sc))
        .collect();
    let others = (people - 1) as f64;
    let (reached, inverse) = found.iter().fold((0.0, 0.0), |(r, i), f| {
        (
            r + f.reached as f64 / others,
            i + f.inverse_distance / others,
        )
    });
    let k = sources.len() as f64;
    Fragmentation {
        fragmentation: 1.0 - reached / k,
        distance_weighted: 1.0 - inverse / k,
    }
}

/// For each person, how many people depend on them as a source on an influence question:
/// `(only, main)`, where `only` counts the people whose sole nominee they are on some
/// question, and `main` the others whose heaviest nominee they are, heavier than every
/// other, on some question (a person with several nominees of equal weight has no main
/// source). Each dependent counts once per source. `questions` are the influence
/// questions' own layers.
pub fn source_dependents(questions: &[&Csr], n: usize) -> Vec<(u32, u32)> {
    // (source, dependent, 0 = only / 1 = main) for every question, then counted once per
    // pair, "only" winning.
    let mut pairs: Vec<(u32, u32, u8)> = questions
        .par_iter()
        .flat_map_iter(|g| {
            (0..g.node_count()).filter_map(move |i| {
                let (named, weights) = (g.out_neighbors(i), g.out_weights(i));
                match named.len() {
                    0 => None,
                    1 => Some((named[0], i as u32, 0)),
                    _ => {
                        let (mut best, mut top, mut second) =
                            (0, f64::NEG_INFINITY, f64::NEG_INFINITY);
                        for (k, &w) in weights.iter().enumerate() {
                            if w > top {
                                second = top;
                                top = w;
                                best = k;
                            } else if w > second {
                                second = w;
                            }
                        }
                        (top > second).then_some((named[best], i as u32, 1))
                    }
                }
            })
        })
        .collect();
    pairs.par_sort_unstable();
    let mut counts = vec![(0u32, 0u32); n];
    let mut k = 0;
    while k < pairs.len() {
        let (source, dependent, kind) = pairs[k];
        let c = &mut counts[source as usize];
        if kind == 0 {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
        while k < pairs.len() && (pairs[k].0, pairs[k].1) == (source, dependent) {
            k += 1;
        }
    }
    counts
}

/// Pairs of departments and the people at every one of their ties: for each unordered
/// pair `(a, b)`, `a < b`, both in `describable`, with at least one tie (either
/// direction) between their people, the people at an end of every such tie (none, one or
/// two). Removing such a person leaves the two departments with no tie at all.
/// Returns `(a, b, ties, holders)`, sorted by pair.
pub fn last_ties(
    g: &Csr,
    department: &[Option<u32>],
    describable: &[bool],
) -> Vec<(u32, u32, u32, Vec<u32>)> {
    let mut pairs: std::collections::BTreeMap<(u32, u32), (u32, Vec<u32>)> =
        std::collections::BTreeMap::new();
    for u in 0..g.node_count() {
        let Some(a) = department[u] else { continue };
        for &w in g.out_neighbors(u) {
            let Some(b) = department[w as usize] else {
                continue;
            };
            if a == b || !describable[a as usize] || !describable[b as usize] {
                continue;
            }
            let ends = [u as u32, w];
            pairs
                .entry((a.min(b), a.max(b)))
                .and_modify(|(ties, holders)| {
                    *ties += 1;
                    holders.retain(|h| ends.contains(h));
                })
                .or_insert((1, ends.to_vec()));
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), (ties, holders))| (a, b, ties, holders))
        .collect()
}

/// How alike two people's nominators are: the Jaccard index of the sets of (question,
/// nominator) pairs that name each, and how many such pairs they share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    pub person: u32,
    pub shared: u32,
    pub jaccard: f64,
}

/// The people sought by the same people on the same questions as `v`, most alike first:
/// everyone who shares at least one (question, nominator) pair with `v`, with the Jaccard
/// index of the two sets. O(Σ out-degree of `v`'s nominators).
pub fn same_nominators(questions: &[&Csr], v: usize) -> Vec<Overlap> {
    let mut shared: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
    let mut own = 0u32;
    for g in questions {
        for &i in g.in_neighbors(v) {
            own += 1;
            for &u in g.out_neighbors(i as usize) {
                if u as usize != v {
                    *shared.entry(u).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<Overlap> = shared
        .into_iter()
        .map(|(u, s)| {
            let theirs: u32 = questions
                .iter()
                .map(|g| g.in_neighbors(u as usize).len() as u32)
                .sum();
            Overlap {
                person: u,
                shared: s,
                jaccard: f64::from(s) / f64::from(own + theirs - s),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.jaccard
            .total_cmp(&a.jaccard)
            .then(b.shared.cmp(&a.shared))
            .then(a.person.cmp(&b.person))
    });
    out
}

/// The cosine similarity of the departments that name `u` and `v` (counts of distinct
/// nominators per department, in `g`); 0 when either has no nominator with a department.
pub fn same_departments(g: &Csr, department: &[Option<u32>], u: usize, v: usize) -> f64 {
    let profile = |p: usize| {
        let mut d: Vec<u32> = g
            .in_neighbors(p)
            .iter()
            .filter_map(|&i| department[i as usize])
            .collect();
        d.sort_unstable();
        let mut counts: Vec<(u32, f64)> = Vec::new();
        for x in d {
            match counts.last_mut() {
                Some((y, c)) if *y == x => *c += 1.0,
                _ => counts.push((x, 1.0)),
            }
        }
        counts
    };
    let (a, b) = (profile(u), profile(v));
    let norm = |p: &[(u32, f64)]| p.iter().map(|(_, c)| c * c).sum::<f64>().sqrt();
    let (na, nb) = (norm(&a), norm(&b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let mut dot = 0.0;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (na * nb)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Σ 1/d and reachability by Floyd–Warshall on the undirected graph without `removed`.
    fn brute(n: usize, ties: &[(u32, u32)], removed: Option<u32>) -> Fragmentation {
        let inf = u32::MAX / 4;
        let mut d = vec![vec![inf; n]; n];
        for (i, row) in d.iter_mut().enumerate() {
            row[i] = 0;
        }
        for &(a, b) in ties {
            if Some(a) == removed || Some(b) == removed || a == b {
                continue;
            }
            d[a as usize][b as usize] = 1;
            d[b as usize][a as usize] = 1;
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    let via = d[i][k] + d[k][j];
                    if via < d[i][j] {
                        d[i][j] = via;
                    }
                }
            }
        }
        let keep: Vec<usize> = (0..n).filter(|&i| Some(i as u32) != removed).collect();
        let m = keep.len() as f64;
        let (mut r, mut s) = (0.0, 0.0);
        for &i in &keep {
            for &j in &keep {
                if i != j && d[i][j] < inf {
                    r += 1.0;
                    s += 1.0 / f64::from(d[i][j]);
                }
            }
        }
        Fragmentation {
            fragmentation: 1.0 - r / (m * (m - 1.0)),
            distance_weighted: 1.0 - s / (m * (m - 1.0)),
        }
    }

    #[test]
    fn fragmentation_matches_all_pairs_shortest_paths() {
        for seed in 0..30 {
            let n = 5 + (seed as usize % 20);
            let ties: Vec<(u32, u32)> =
                crate::graph::random_ties(n, n + seed as usize, &[1.0], seed)
                    .into_iter()
                    .map(|(a, b, _)| (a, b))
                    .collect();
            let g = Undirected::of(&Csr::from_ties(n, &ties));
            for removed in std::iter::once(None).chain((0..n as u32).map(Some)) {
                let got = fragmentation(&g, removed, None);
                let want = brute(n, &ties, removed);
                assert!(
                    (got.fragmentation - want.fragmentation).abs() < 1e-12,
                    "{seed} {removed:?}"
                );
                assert!(
                    (got.distance_weighted - want.distance_weighted).abs() < 1e-12,
                    "{seed} {removed:?}"
                );
            }
        }
    }

    #[test]
    fn a_star_falls_apart_without_its_centre() {
        // 0 is named by 1, 2, 3 and names 4: everyone is two steps apart through 0.
        let g = Undirected::of(&Csr::from_ties(5, &[(1, 0), (2, 0), (3, 0), (0, 4)]));
        let whole = fragmentation(&g, None, None);
        // 8 pairs at distance 1, 12 at distance 2: DF = 1 − (8 + 6)/20.
        assert!((whole.distance_weighted - 0.3).abs() < 1e-15);
        assert_eq!(whole.fragmentation, 0.0);
        let without = fragmentation(&g, Some(0), None);
        assert_eq!(
            (without.fragmentation, without.distance_weighted),
            (1.0, 1.0)
        );
        assert_eq!(g.left_alone(0), [1, 2, 3, 4]);
        // A sample of every source gives the exact value.
        let every: Vec<u32> = (0..5).collect();
        assert_eq!(fragmentation(&g, None, Some(&every)), whole);
    }

    /// 128 sampled sources estimate DF of a sparse layer of 1,500 people within the
    /// Hoeffding bound (0.12 at 95 %), and in practice far closer; the rise one removal
    /// brings, measured on the same sources, keeps its sign and size.
    #[test]
    fn sampled_sources_estimate_fragmentation() {
        let n = 1_500;
        let ties: Vec<(u32, u32)> = crate::graph::random_ties(n, 2_200, &[1.0], 4)
            .into_iter()
            .map(|(a, b, _)| (a, b))
            .collect();
        let g = Undirected::of(&Csr::from_ties(n, &ties));
        let sources: Vec<u32> = crate::rng::SplitMix64::new(5)
            .sample(n, 128)
            .into_iter()
            .map(|s| s as u32)
            .collect();
        let hub = (0..n).max_by_key(|&v| g.contacts(v).len()).unwrap() as u32;
        let exact = fragmentation(&g, None, None);
        let sampled = fragmentation(&g, None, Some(&sources));
        assert!((exact.distance_weighted - sampled.distance_weighted).abs() < 0.03);
        assert!((exact.fragmentation - sampled.fragmentation).abs() < 0.05);
        let rise = fragmentation(&g, Some(hub), None).distance_weighted - exact.distance_weighted;
        let sampled_rise = fragmentation(&g, Some(hub), Some(&sources)).distance_weighted
            - sampled.distance_weighted;
        assert!(rise > 0.0 && sampled_rise > 0.0);
        assert!(
            (rise - sampled_rise).abs() < 0.5 * rise,
            "{rise} {sampled_rise}"
        );
    }

    #[test]
    fn only_and_main_sources_count_each_dependent_once() {
        // Question 1: 0 names only 2; 1 names 2 (weight 3) and 3 (weight 1); 4 names 2 and 3
        // equally (no main source). Question 2: 0 names only 2 again; 1 names only 3.
        let q1 = Csr::from_edges(
            5,
            [
                (0, 2, 1.0),
                (1, 2, 3.0),
                (1, 3, 1.0),
                (4, 2, 1.0),
                (4, 3, 1.0),
            ]
            .into_iter(),
        );
        let q2 = Csr::from_edges(5, [(0, 2, 1.0), (1, 3, 1.0)].into_iter());
        let counts = source_dependents(&[&q1, &q2], 5);
        assert_eq!(counts[2], (1, 1));
        assert_eq!(counts[3], (1, 0));
        assert_eq!(counts[0], (0, 0));
    }

    #[test]
    fn the_last_tie_between_two_departments_names_its_holders() {
        // Departments: 0, 1 → A; 2, 3 → B; 4 → C. A–B: 0→2 and 3→0 (0 holds both);
        // A–C: 1→4 (both ends hold it); B–C none.
        let dept = [Some(0), Some(0), Some(1), Some(1), Some(2)];
        let g = Csr::from_ties(5, &[(0, 2), (3, 0), (1, 4), (0, 1)]);
        let got = last_ties(&g, &dept, &[true, true, true]);
        assert_eq!(got, [(0, 1, 2, vec![0]), (0, 2, 1, vec![1, 4])]);
        // A department too small to describe is left out.
        assert_eq!(last_ties(&g, &dept, &[true, true, false]).len(), 1);
    }

    #[test]
    fn backups_share_nominators() {
        // 0, 1, 2 name both 3 and 4; 5 names 3 only; 6 names 4 and 7.
        let g = Csr::from_ties(
            8,
            &[
                (0, 3),
                (0, 4),
                (1, 3),
                (1, 4),
                (2, 3),
                (2, 4),
                (5, 3),
                (6, 4),
                (6, 7),
            ],
        );
        let got = same_nominators(&[&g], 3);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].person, got[0].shared), (4, 3));
        assert!((got[0].jaccard - 3.0 / 5.0).abs() < 1e-15);
        let dept = [
            Some(0),
            Some(0),
            Some(1),
            None,
            None,
            Some(1),
            Some(0),
            None,
        ];
        // 3: A 2, B 2; 4: A 3, B 1 → (6 + 2) / (√8 · √10).
        let want = 8.0 / (8f64.sqrt() * 10f64.sqrt());
        assert!((same_departments(&g, &dept, 3, 4) - want).abs() < 1e-12);
    }
}
