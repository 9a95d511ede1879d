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
//! Besides the paths, three local losses: the people for whom `v` is the only or the main
//! source on an influence question ([`source_dependents`], every person's at once in one
//! pass over the questions, O(n + m)), the pairs of groups whose every tie has `v` at one
//! end ([`crate::metrics::grouping::group_ties`]), and the people tied to nobody but `v`
//! ([`left_alone`], O(Σ degree of `v`'s contacts)).
//!
//! Who could step in for `v` ([`Alike`]): the people sought by the same people on the same
//! questions, and by the same departments.

use rayon::prelude::*;

use super::pool::Pool;
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
}

/// The people of `g` whose only contact (in either direction) is `v`: tied to nobody once
/// `v` leaves. Ascending. Reads `g` directly: no two-way copy of the layer is needed.
pub fn left_alone(g: &Csr, v: usize) -> Vec<u32> {
    let only_v = |list: &[u32]| list.iter().all(|&x| x as usize == v);
    let alone = |u: u32| {
        let (out, inn) = (g.out_neighbors(u as usize), g.in_neighbors(u as usize));
        !(out.is_empty() && inn.is_empty()) && only_v(out) && only_v(inn)
    };
    let (mut a, mut b) = (g.out_neighbors(v), g.in_neighbors(v));
    let mut found = Vec::new();
    // Each contact once, ascending: merge the two sorted, distinct lists.
    loop {
        let next = match (a.first(), b.first()) {
            (Some(&x), Some(&y)) if x == y => {
                (a, b) = (&a[1..], &b[1..]);
                x
            }
            (Some(&x), Some(&y)) if x < y => {
                a = &a[1..];
                x
            }
            (_, Some(&y)) => {
                b = &b[1..];
                y
            }
            (Some(&x), None) => {
                a = &a[1..];
                x
            }
            (None, None) => break,
        };
        if alone(next) {
            found.push(next);
        }
    }
    found
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

/// Reusable state of one breadth-first search. Each search marks the people it meets with
/// a stamp of its own, so a state leased for the next search is valid as it is.
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

/// Fragmentation of one layer, whole and after removals, with the searches' state kept
/// between them: each worker leases a state from a pool instead of making one the size
/// of the organisation for every piece of work.
pub struct FragmentationSearch<'a> {
    g: &'a Undirected,
    states: Pool<ReachSearch>,
}

impl<'a> FragmentationSearch<'a> {
    pub fn new(g: &'a Undirected) -> Self {
        FragmentationSearch {
            g,
            states: Pool::new(),
        }
    }

    /// Fragmentation of the layer without `removed` (when given), from `sources` (every
    /// person when `None`; a sample otherwise, `removed` skipped among them). Exact over
    /// every source; from a sample, the mean over the sampled sources of each one's share
    /// of the others reached and of its Σ 1/d, which is unbiased for the exact value.
    /// Sources are searched in parallel and added up in their order, so any thread count
    /// gives the same bits. Fewer than two people: 0 (nothing to fragment).
    pub fn measure(&self, removed: Option<u32>, sources: Option<&[u32]>) -> Fragmentation {
        let g = self.g;
        let n = g.node_count();
        let people = n - usize::from(removed.is_some_and(|r| (r as usize) < n));
        if people < 2 {
            return Fragmentation {
                fragmentation: 0.0,
                distance_weighted: 0.0,
            };
        }
        let sources: Vec<u32> = match sources {
            Some(s) => s.iter().copied().filter(|&s| Some(s) != removed).collect(),
            None => (0..n as u32).filter(|&s| Some(s) != removed).collect(),
        };
        if sources.is_empty() {
            return Fragmentation {
                fragmentation: 1.0,
                distance_weighted: 1.0,
            };
        }
        let found: Vec<FromSource> = sources
            .par_iter()
            .map_init(
                || self.states.lease(|| ReachSearch::new(n)),
                |sc, &s| search(g, s, removed, sc),
            )
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
}

/// [`FragmentationSearch::measure`] for one measurement.
pub fn fragmentation(
    g: &Undirected,
    removed: Option<u32>,
    sources: Option<&[u32]>,
) -> Fragmentation {
    FragmentationSearch::new(g).measure(removed, sources)
}

/// Person `i`'s only or main source on question layer `g`: `(source, 0)` when `i` names
/// one person, `(source, 1)` when one nominee weighs more than every other; `None` when
/// `i` names nobody or several of equal top weight.
fn only_or_main(g: &Csr, i: usize) -> Option<(u32, u8)> {
    let (named, weights) = (g.out_neighbors(i), g.out_weights(i));
    match named.len() {
        0 => None,
        1 => Some((named[0], 0)),
        _ => {
            let (mut best, mut top, mut second) = (0, f64::NEG_INFINITY, f64::NEG_INFINITY);
            for (k, &w) in weights.iter().enumerate() {
                if w > top {
                    second = top;
                    top = w;
                    best = k;
                } else if w > second {
                    second = w;
                }
            }
            (top > second).then_some((named[best], 1))
        }
    }
}

/// For each person, how many people depend on them as a source on an influence question:
/// `(only, main)`, where `only` counts the people whose sole nominee they are on some
/// question, and `main` the others whose heaviest nominee they are, heavier than every
/// other, on some question (a person with several nominees of equal weight has no main
/// source). Each dependent counts once per source. `questions` are the influence
/// questions' own layers.
///
/// One pass over the people: each person's sources on every question (one per question
/// at most) are gathered, each source kept once ("only" before "main") and counted.
/// O(n + m) time, no memory beyond the counts.
pub fn source_dependents(questions: &[&Csr], n: usize) -> Vec<(u32, u32)> {
    let mut counts = vec![(0u32, 0u32); n];
    let mut sources: Vec<(u32, u8)> = Vec::with_capacity(questions.len());
    for i in 0..n {
        sources.clear();
        sources.extend(
            questions
                .iter()
                .filter(|g| i < g.node_count())
                .filter_map(|g| only_or_main(g, i)),
        );
        if sources.len() > 1 {
            // By source, "only" (0) first; then each source once.
            sources.sort_unstable();
            sources.dedup_by_key(|s| s.0);
        }
        for &(source, kind) in &sources {
            let c = &mut counts[source as usize];
            if kind == 0 {
                c.0 += 1;
            } else {
                c.1 += 1;
            }
        }
    }
    counts
}

/// How alike two people's nominators are: the Jaccard index of the sets of (question,
/// nominator) pairs that name each, and how many such pairs they share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    pub person: u32,
    pub shared: u32,
    pub jaccard: f64,
}

/// The departments that name each person: for every person, the distinct nominators per
/// department in the combined layer, by department. Made once for everyone (O(m log d)),
/// so comparing two people reads a few departments each, however many people name them.
struct DepartmentProfiles {
    offsets: Vec<u32>,
    /// (department, nominators), ascending by department within each person.
    counts: Vec<(u32, u32)>,
}

/// (department, nominators) pairs of a run of people.
type Counted = Vec<(u32, u32)>;

/// People per piece of work when the profiles are made.
const PROFILE_CHUNK: usize = 4096;

impl DepartmentProfiles {
    fn of(g: &Csr, department: &[Option<u32>]) -> DepartmentProfiles {
        let n = g.node_count();
        let people: Vec<usize> = (0..n).collect();
        // Per piece of people: how many departments name each, and their counts.
        let pieces: Vec<(Vec<u32>, Counted)> = people
            .par_chunks(PROFILE_CHUNK)
            .map(|chunk| {
                let (mut lengths, mut counts) = (Vec::with_capacity(chunk.len()), Vec::new());
                let mut named_by: Vec<u32> = Vec::new();
                for &p in chunk {
                    named_by.clear();
                    named_by.extend(
                        g.in_neighbors(p)
                            .iter()
                            .filter_map(|&i| department[i as usize]),
                    );
                    named_by.sort_unstable();
                    let before = counts.len();
                    for &d in &named_by {
                        match counts[before..].last_mut() {
                            Some((x, c)) if *x == d => *c += 1,
                            _ => counts.push((d, 1)),
                        }
                    }
                    lengths.push((counts.len() - before) as u32);
                }
                (lengths, counts)
            })
            .collect();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut counts = Vec::with_capacity(pieces.iter().map(|p| p.1.len()).sum());
        for (lengths, piece) in pieces {
            for l in lengths {
                offsets.push(offsets.last().copied().unwrap_or(0) + l);
            }
            counts.extend(piece);
        }
        DepartmentProfiles { offsets, counts }
    }

    fn of_person(&self, p: usize) -> &[(u32, u32)] {
        &self.counts[self.offsets[p] as usize..self.offsets[p + 1] as usize]
    }

    /// The norm of person `p`'s counts.
    fn norm(&self, p: usize) -> f64 {
        self.of_person(p)
            .iter()
            .map(|&(_, c)| f64::from(c) * f64::from(c))
            .sum::<f64>()
            .sqrt()
    }

    /// The cosine similarity of the departments that name `u` and `v`; 0 when either has
    /// no nominator with a department. Counts are whole numbers, so every sum is exact
    /// and the result does not depend on the order of the terms.
    fn cosine(&self, u: usize, v: usize) -> f64 {
        let (nu, nv) = (self.norm(u), self.norm(v));
        if nu == 0.0 || nv == 0.0 {
            return 0.0;
        }
        let (a, b) = (self.of_person(u), self.of_person(v));
        let mut dot = 0.0;
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += f64::from(a[i].1) * f64::from(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        dot / (nu * nv)
    }
}

/// Per-person tallies of [`Alike::same_nominators`], all zero between uses.
struct NominatorTally {
    shared: Vec<u32>,
    touched: Vec<u32>,
}

/// Finds the people alike to a person, one person at a time (in parallel or not): those
/// sought by the same people on the same questions, and the departments that seek each.
/// The tallies, the size of the organisation, are leased from a pool, so a pass over
/// many people makes about one per thread.
pub struct Alike<'a> {
    questions: &'a [&'a Csr],
    combined: &'a Csr,
    profiles: DepartmentProfiles,
    tallies: Pool<NominatorTally>,
}

impl<'a> Alike<'a> {
    /// `questions`: the influence questions' own layers; `combined`: the combined
    /// influence layer, whose nominators' departments make the profiles.
    pub fn new(questions: &'a [&'a Csr], combined: &'a Csr, department: &'a [Option<u32>]) -> Self {
        Alike {
            questions,
            combined,
            profiles: DepartmentProfiles::of(combined, department),
            tallies: Pool::new(),
        }
    }

    /// The people sought by the same people on the same questions as `v`, most alike
    /// first: everyone who shares at least one (question, nominator) pair with `v`, with
    /// the Jaccard index of the two sets. O(Σ out-degree of `v`'s nominators).
    pub fn same_nominators(&self, v: usize) -> Vec<Overlap> {
        let n = self.combined.node_count();
        let mut tally = self.tallies.lease(|| NominatorTally {
            shared: vec![0; n],
            touched: Vec::new(),
        });
        let NominatorTally { shared, touched } = &mut *tally;
        let mut own = 0u32;
        for g in self.questions {
            for &i in g.in_neighbors(v) {
                own += 1;
                for &u in g.out_neighbors(i as usize) {
                    if u as usize != v {
                        if shared[u as usize] == 0 {
                            touched.push(u);
                        }
                        shared[u as usize] += 1;
                    }
                }
            }
        }
        let mut out: Vec<Overlap> = touched
            .iter()
            .map(|&u| {
                let s = shared[u as usize];
                let theirs: u32 = self
                    .questions
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
        // Leave the tally zero for the next borrower.
        for &u in touched.iter() {
            shared[u as usize] = 0;
        }
        touched.clear();
        out.sort_by(|a, b| {
            b.jaccard
                .total_cmp(&a.jaccard)
                .then(b.shared.cmp(&a.shared))
                .then(a.person.cmp(&b.person))
        });
        out
    }

    /// The cosine similarity of the departments that name `u` and `v` (counts of distinct
    /// nominators per department, in the combined layer); 0 when either has no nominator
    /// with a department.
    pub fn same_departments(&self, u: usize, v: usize) -> f64 {
        self.profiles.cosine(u, v)
    }
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
        let layer = Csr::from_ties(5, &[(1, 0), (2, 0), (3, 0), (0, 4)]);
        let g = Undirected::of(&layer);
        let whole = fragmentation(&g, None, None);
        // 8 pairs at distance 1, 12 at distance 2: DF = 1 − (8 + 6)/20.
        assert!((whole.distance_weighted - 0.3).abs() < 1e-15);
        assert_eq!(whole.fragmentation, 0.0);
        let without = fragmentation(&g, Some(0), None);
        assert_eq!(
            (without.fragmentation, without.distance_weighted),
            (1.0, 1.0)
        );
        assert_eq!(left_alone(&layer, 0), [1, 2, 3, 4]);
        assert!(left_alone(&layer, 1).is_empty());
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

    /// Every (source, dependent) pair listed and counted once, "only" winning: the
    /// definition, against the one pass.
    #[test]
    fn one_pass_counts_as_listing_every_pair() {
        for seed in 0..40u64 {
            let n = 3 + (seed as usize % 30);
            let layers: Vec<Csr> = (0..1 + seed % 4)
                .map(|q| {
                    let ties = crate::graph::random_ties(n, 2 * n, &[1.0, 2.0, 3.0], seed * 7 + q);
                    Csr::from_edges(n, ties.into_iter().filter(|&(a, b, _)| a != b))
                })
                .collect();
            let questions: Vec<&Csr> = layers.iter().collect();
            let mut pairs: Vec<(u32, u32, u8)> = Vec::new();
            for g in &questions {
                for i in 0..n {
                    if let Some((s, kind)) = only_or_main(g, i) {
                        pairs.push((s, i as u32, kind));
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup_by_key(|p| (p.0, p.1));
            let mut want = vec![(0u32, 0u32); n];
            for (s, _, kind) in pairs {
                if kind == 0 {
                    want[s as usize].0 += 1;
                } else {
                    want[s as usize].1 += 1;
                }
            }
            assert_eq!(source_dependents(&questions, n), want, "seed {seed}");
        }
    }

    /// The people left alone, read from the layer, are those whose two-way contacts are
    /// the removed person only.
    #[test]
    fn left_alone_reads_the_layer_as_its_two_way_copy() {
        for seed in 0..40u64 {
            let n = 2 + (seed as usize % 25);
            let ties = crate::graph::random_ties(n, n, &[1.0], seed);
            let layer = Csr::from_edges(n, ties.into_iter());
            let both = Undirected::of(&layer);
            for v in 0..n {
                let want: Vec<u32> = both
                    .contacts(v)
                    .iter()
                    .copied()
                    .filter(|&u| both.contacts(u as usize) == [v as u32])
                    .collect();
                assert_eq!(left_alone(&layer, v), want, "seed {seed}, person {v}");
            }
        }
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
        let questions = [&g];
        let alike = Alike::new(&questions, &g, &[None; 8]);
        let got = alike.same_nominators(3);
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
        let alike = Alike::new(&questions, &g, &dept);
        assert!((alike.same_departments(4, 3) - want).abs() < 1e-12);
        assert_eq!(alike.same_departments(3, 4), alike.same_departments(4, 3));
        // Asked again, the tallies leased back give the same answer.
        assert_eq!(alike.same_nominators(3), alike.same_nominators(3));
        // Nobody names 0; 7 is named by 6 only (department A), as 4 is by A and B.
        assert_eq!(alike.same_departments(0, 4), 0.0);
        let want = 3.0 / 10f64.sqrt();
        assert!((alike.same_departments(7, 4) - want).abs() < 1e-12);
    }
}
