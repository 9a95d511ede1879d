//! Perceived against actual influence (cognitive social structures; Krackhardt 1987, 1990).
//!
//! In: a checked [`Dataset`] with perceptions. Out: per perceiver and question, how their
//! view of who goes to whom matches what the surveys say (hits, misses, false alarms,
//! correct rejections, hit rate, false-alarm rate and Cohen's kappa); per person, how many
//! perceivers see them sought; and, when perceivers gave their view of the whole
//! organisation (the ties form), Krackhardt's locally aggregated and consensus structures.
//!
//! The actual network is what the surveys say: a tie i → j exists when i named j (the row-
//! dominated locally aggregated structure, the only one a survey holds). A perceiver is
//! scored on the ties of the senders in view — every respondent of the question in the
//! ties form, the respondents of their team in the team form — to anyone; never on their
//! own ties, which are their survey answers rather than a perception of others. People who
//! did not answer the question have no known ties and are not in view.
//!
//! The metrics floor: reads validate only. Roles, findings and correlations with power are
//! the findings stage's (`findings::perception`).

use foldhash::{HashSet, HashSetExt};

use crate::validate::Dataset;
use crate::validate::perceptions::{
    PerceiverView, PerceptionData, PerceptionTarget, direct_reports,
};

/// A perceiver's 2 × 2 table against the actual ties, with the measures read from it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Confusion {
    pub hits: u64,
    pub misses: u64,
    pub false_alarms: u64,
    pub correct_rejections: u64,
}

impl Confusion {
    fn add(&mut self, o: &Confusion) {
        self.hits += o.hits;
        self.misses += o.misses;
        self.false_alarms += o.false_alarms;
        self.correct_rejections += o.correct_rejections;
    }

    pub fn total(&self) -> u64 {
        self.hits + self.misses + self.false_alarms + self.correct_rejections
    }

    /// Share of the actual ties the perceiver sees; `None` when there are none in view.
    pub fn hit_rate(&self) -> Option<f64> {
        let actual = self.hits + self.misses;
        (actual > 0).then(|| self.hits as f64 / actual as f64)
    }

    /// Share of the absent ties the perceiver believes exist; `None` when none is absent.
    pub fn false_alarm_rate(&self) -> Option<f64> {
        let absent = self.false_alarms + self.correct_rejections;
        (absent > 0).then(|| self.false_alarms as f64 / absent as f64)
    }

    /// Cohen's kappa (1960): agreement beyond chance, (pₒ − pₑ) / (1 − pₑ), where pₒ is the
    /// share of pairs judged right and pₑ the share expected from the perceiver's and the
    /// network's densities alone. 1 is a perfect view, 0 no better than guessing at the
    /// right density. `None` when chance agreement is total (nothing or everything in view
    /// is a tie, and the perceiver says the same).
    pub fn kappa(&self) -> Option<f64> {
        let t = self.total() as f64;
        if t == 0.0 {
            return None;
        }
        let (h, m, f, c) = (
            self.hits as f64,
            self.misses as f64,
            self.false_alarms as f64,
            self.correct_rejections as f64,
        );
        let po = (h + c) / t;
        let pe = ((h + f) * (h + m) + (m + c) * (f + c)) / (t * t);
        (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
    }
}

/// One perceiver's accuracy on one target.
#[derive(Debug, Clone, PartialEq)]
pub struct PerceiverAccuracy {
    pub view: PerceiverView,
    /// Senders in view (respondents of the target, the perceiver excluded).
    pub senders: u32,
    pub confusion: Confusion,
    /// The same, on the senders of the perceiver's formal sphere (people with reports).
    pub sphere: Option<Confusion>,
    /// Perceived ties whose sender is out of view (did not answer the question): not scored.
    pub unscored: u64,
}

/// A structure aggregated from perceptions of the whole organisation (Krackhardt 1987).
#[derive(Debug, Clone, PartialEq)]
pub struct AggregatedStructures {
    pub target: PerceptionTarget,
    /// Perceivers who gave the ties form for this target.
    pub perceivers: u32,
    /// i → j as i reports it in their own view (row LAS).
    pub row_las: u64,
    /// i → j as j reports it (column LAS).
    pub column_las: u64,
    /// Both i and j report it (LAS intersection).
    pub las_intersection: u64,
    /// Either reports it (LAS union).
    pub las_union: u64,
    /// More than half of the perceivers report it (consensus structure).
    pub consensus: u64,
}

/// What the perceptions say, measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Perception {
    /// One per view, in the order of `PerceptionData::views`.
    pub accuracy: Vec<PerceiverAccuracy>,
    /// Per person: perceivers who see them sought on an influence target (a perceived tie
    /// into them from a sender in view), `None` for everyone when nobody gave a view.
    pub perceived_in_degree: Vec<u32>,
    /// Per person: perceivers who could have seen them sought on an influence target: at
    /// least a quarter of the senders in their view go to them.
    pub could_see: Vec<u32>,
    /// Per person: of those, the perceivers who did see them sought.
    pub did_see: Vec<u32>,
    /// Per person, over the perceivers' views of the whole organisation on influence
    /// targets (tie form; the team form does not say how many go to a nominee), the
    /// perceiver excluded: the ties into them as perceivers believe them…
    pub believed_ties_in: Vec<u64>,
    /// …and as the surveys have them, on the same senders.
    pub actual_ties_in: Vec<u64>,
    /// Per person and perceiver pairs: whether a perceiver sees the person sought by
    /// anyone (influence targets), sorted (perceiver, person).
    pub sees_sought: Vec<(u32, u32)>,
    /// Per target whose perceptions cover the whole organisation.
    pub structures: Vec<AggregatedStructures>,
    /// Per person: their 2 × 2 tables added up over the influence targets they gave a
    /// view of; `None` when they gave none.
    pub pooled: Vec<Option<Confusion>>,
    /// The same, on the senders of their formal sphere (people with reports).
    pub pooled_sphere: Vec<Option<Confusion>>,
}

impl Perception {
    /// Whether `perceiver` sees `person` sought by anyone on an influence target.
    pub fn sees(&self, perceiver: u32, person: u32) -> bool {
        self.sees_sought.binary_search(&(perceiver, person)).is_ok()
    }
}

/// Per person, the tables of `part` added up over the influence targets: one pass over
/// the views.
fn pool(
    accuracy: &[PerceiverAccuracy],
    dataset: &Dataset,
    part: impl Fn(&PerceiverAccuracy) -> Option<Confusion>,
) -> Vec<Option<Confusion>> {
    let mut out: Vec<Option<Confusion>> = vec![None; dataset.people.len()];
    for a in accuracy {
        if !is_influence(dataset, a.view.target) {
            continue;
        }
        if let Some(c) = part(a) {
            out[a.view.perceiver as usize]
                .get_or_insert_with(Confusion::default)
                .add(&c);
        }
    }
    out
}

/// Whether a target is influence: the combined layer, or an influence question.
pub fn is_influence(dataset: &Dataset, target: PerceptionTarget) -> bool {
    target.is_none_or(|q| dataset.is_influence(q as usize))
}

/// The actual ties of a target, and who answered it.
struct ActualTies {
    ties: HashSet<(u32, u32)>,
    /// Sorted out-neighbours per person.
    out: Vec<Vec<u32>>,
    responded: Vec<bool>,
}

fn actual(dataset: &Dataset, target: PerceptionTarget) -> ActualTies {
    let n = dataset.people.len();
    let mut ties = HashSet::new();
    let mut out = vec![Vec::new(); n];
    for t in &dataset.answers.nominations {
        let keep = match target {
            Some(q) => t.question == q,
            None => dataset.is_influence(t.question as usize),
        };
        if keep && ties.insert((t.from, t.to)) {
            out[t.from as usize].push(t.to);
        }
    }
    let responded = match target {
        Some(q) => dataset.answers.responded[q as usize].clone(),
        None => (0..n).map(|p| dataset.responded_influence(p)).collect(),
    };
    ActualTies {
        ties,
        out,
        responded,
    }
}

/// Measures the perceptions of `dataset`; `None` when it has none.
pub fn measure(dataset: &Dataset) -> Option<Perception> {
    let data = dataset.perceptions.as_ref()?;
    let n = dataset.people.len();
    let reports = direct_reports(&dataset.people);
    let in_sphere = SphereIndex::new(&dataset.people.manager);
    let mut targets: Vec<PerceptionTarget> = data.views.iter().map(|v| v.target).collect();
    targets.dedup();
    let mut accuracy = Vec::with_capacity(data.views.len());
    let mut could = vec![Vec::<u32>::new(); n];
    let mut did = vec![Vec::<u32>::new(); n];
    let mut believed = vec![0u64; n];
    let mut actual_in = vec![0u64; n];
    let mut sees_sought = Vec::new();
    let mut structures = Vec::new();
    for &target in &targets {
        let act = actual(dataset, target);
        let influence = is_influence(dataset, target);
        let ties = target_ties(data, target);
        for view in data.views.iter().filter(|v| v.target == target) {
            let k = view.perceiver;
            let senders: Vec<u32> = if view.whole {
                (0..n as u32)
                    .filter(|&s| s != k && act.responded[s as usize])
                    .collect()
            } else {
                PerceptionData::team(&dataset.people, &reports, k)
                    .into_iter()
                    .filter(|&s| act.responded[s as usize])
                    .collect()
            };
            let mine = perceiver_ties(ties, k);
            let has_reports = !reports[k as usize].is_empty();
            let in_view = |s: u32| {
                s != k
                    && act.responded[s as usize]
                    && (view.whole || senders.binary_search(&s).is_ok())
            };
            let mut c = Confusion::default();
            let mut sphere = Confusion::default();
            let mut unscored = 0u64;
            let mut seen: Vec<u32> = Vec::new();
            for t in mine {
                if !in_view(t.sender) {
                    unscored += 1;
                    continue;
                }
                seen.push(t.receiver);
                let hit = act.ties.contains(&(t.sender, t.receiver));
                let mine_sphere = has_reports && in_sphere.contains(k, t.sender);
                for (table, on) in [(&mut c, true), (&mut sphere, mine_sphere)] {
                    if on {
                        if hit {
                            table.hits += 1;
                        } else {
                            table.false_alarms += 1;
                        }
                    }
                }
            }
            let mut actual_in_view = 0u64;
            let mut actual_sphere = 0u64;
            let mut sphere_senders = 0u64;
            let mut sought: Vec<u32> = Vec::new();
            for &s in &senders {
                let outs = &act.out[s as usize];
                actual_in_view += outs.len() as u64;
                sought.extend(outs.iter().copied());
                if has_reports && in_sphere.contains(k, s) {
                    actual_sphere += outs.len() as u64;
                    sphere_senders += 1;
                }
            }
            let pairs = senders.len() as u64 * (n as u64 - 1);
            c.misses = actual_in_view - c.hits;
            c.correct_rejections = pairs - c.hits - c.false_alarms - c.misses;
            let sphere = (sphere_senders > 0).then(|| {
                sphere.misses = actual_sphere - sphere.hits;
                sphere.correct_rejections = sphere_senders * (n as u64 - 1)
                    - sphere.hits
                    - sphere.false_alarms
                    - sphere.misses;
                sphere
            });
            accuracy.push(PerceiverAccuracy {
                view: *view,
                senders: senders.len() as u32,
                confusion: c,
                sphere,
                unscored,
            });
            if influence && view.whole {
                for &x in seen.iter().filter(|&&x| x != k) {
                    believed[x as usize] += 1;
                }
                for &x in sought.iter().filter(|&&x| x != k) {
                    actual_in[x as usize] += 1;
                }
            }
            if influence {
                seen.sort_unstable();
                seen.dedup();
                sought.sort_unstable();
                // Could see X sought: at least a quarter of the senders in view go to X.
                let mut notable = Vec::new();
                for run in sought.chunk_by(|a, b| a == b) {
                    if run.len() * 4 >= senders.len() {
                        notable.push(run[0]);
                    }
                }
                for &x in &notable {
                    if x != k {
                        could[x as usize].push(k);
                        if seen.binary_search(&x).is_ok() {
                            did[x as usize].push(k);
                        }
                    }
                }
                sees_sought.extend(seen.iter().filter(|&&x| x != k).map(|&x| (k, x)));
            }
        }
        if let Some(s) = aggregate(data, ties, target, n) {
            structures.push(s);
        }
    }
    sees_sought.sort_unstable();
    sees_sought.dedup();
    let distinct = |lists: Vec<Vec<u32>>| -> Vec<u32> {
        lists
            .into_iter()
            .map(|mut l| {
                l.sort_unstable();
                l.dedup();
                l.len() as u32
            })
            .collect()
    };
    let mut perceived_in_degree = vec![0u32; n];
    let mut last = None;
    for &(k, x) in &sees_sought {
        if last != Some((k, x)) {
            perceived_in_degree[x as usize] += 1;
            last = Some((k, x));
        }
    }
    let pooled = pool(&accuracy, dataset, |a| Some(a.confusion));
    let pooled_sphere = pool(&accuracy, dataset, |a| a.sphere);
    Some(Perception {
        pooled,
        pooled_sphere,
        accuracy,
        perceived_in_degree,
        could_see: distinct(could),
        did_see: distinct(did),
        believed_ties_in: believed,
        actual_ties_in: actual_in,
        sees_sought,
        structures,
    })
}

/// The perceived ties of one target (the ties are sorted by target first).
fn target_ties(
    data: &PerceptionData,
    target: PerceptionTarget,
) -> &[crate::validate::perceptions::Perceived] {
    let start = data.ties.partition_point(|t| t.target < target);
    let end = data.ties.partition_point(|t| t.target <= target);
    &data.ties[start..end]
}

/// One perceiver's ties within a target's (sorted by perceiver next).
fn perceiver_ties(
    ties: &[crate::validate::perceptions::Perceived],
    perceiver: u32,
) -> &[crate::validate::perceptions::Perceived] {
    let start = ties.partition_point(|t| t.perceiver < perceiver);
    let end = ties.partition_point(|t| t.perceiver <= perceiver);
    &ties[start..end]
}

/// Krackhardt's structures from the perceivers of the whole organisation; `None` when
/// nobody gave the ties form for the target.
fn aggregate(
    data: &PerceptionData,
    ties: &[crate::validate::perceptions::Perceived],
    target: PerceptionTarget,
    n: usize,
) -> Option<AggregatedStructures> {
    let whole: Vec<u32> = data
        .views
        .iter()
        .filter(|v| v.target == target && v.whole)
        .map(|v| v.perceiver)
        .collect();
    if whole.is_empty() {
        return None;
    }
    let is_whole = {
        let mut w = vec![false; n];
        whole.iter().for_each(|&p| w[p as usize] = true);
        w
    };
    let mut row = HashSet::new();
    let mut column = HashSet::new();
    let mut counts: foldhash::HashMap<(u32, u32), u32> = foldhash::HashMap::default();
    for t in ties.iter().filter(|t| is_whole[t.perceiver as usize]) {
        if t.perceiver == t.sender {
            row.insert((t.sender, t.receiver));
        }
        if t.perceiver == t.receiver {
            column.insert((t.sender, t.receiver));
        }
        *counts.entry((t.sender, t.receiver)).or_insert(0) += 1;
    }
    let half = whole.len() as f64 / 2.0;
    Some(AggregatedStructures {
        target,
        perceivers: whole.len() as u32,
        row_las: row.len() as u64,
        column_las: column.len() as u64,
        las_intersection: row.intersection(&column).count() as u64,
        las_union: row.union(&column).count() as u64,
        consensus: counts.values().filter(|&&c| f64::from(c) > half).count() as u64,
    })
}

/// "Is s in k's formal sphere?" from the managers alone, by preorder numbers.
struct SphereIndex {
    preorder: Vec<u32>,
    reach: Vec<u32>,
}

impl SphereIndex {
    fn new(manager: &[Option<u32>]) -> SphereIndex {
        let n = manager.len();
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (p, m) in manager.iter().enumerate() {
            match m {
                Some(m) => children[*m as usize].push(p as u32),
                None => roots.push(p as u32),
            }
        }
        let mut preorder = vec![0u32; n];
        let mut reach = vec![0u32; n];
        let mut next = 0u32;
        // Iterative depth-first walk; the reporting lines are a forest (validated).
        let mut stack: Vec<(u32, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((p, done)) = stack.pop() {
            if done {
                reach[p as usize] = next - preorder[p as usize] - 1;
                continue;
            }
            preorder[p as usize] = next;
            next += 1;
            stack.push((p, true));
            stack.extend(children[p as usize].iter().rev().map(|&c| (c, false)));
        }
        SphereIndex { preorder, reach }
    }

    fn contains(&self, k: u32, s: u32) -> bool {
        let (start, at) = (self.preorder[k as usize], self.preorder[s as usize]);
        at > start && at <= start + self.reach[k as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_of_a_perfect_a_blind_and_a_chance_view() {
        let perfect = Confusion {
            hits: 5,
            misses: 0,
            false_alarms: 0,
            correct_rejections: 15,
        };
        assert_eq!(perfect.kappa(), Some(1.0));
        assert_eq!(perfect.hit_rate(), Some(1.0));
        assert_eq!(perfect.false_alarm_rate(), Some(0.0));
        // Seeing a tie in half the pairs, whatever is there: no better than chance.
        let chance = Confusion {
            hits: 2,
            misses: 2,
            false_alarms: 8,
            correct_rejections: 8,
        };
        assert!(chance.kappa().unwrap().abs() < 1e-12);
        let nothing = Confusion {
            hits: 0,
            misses: 0,
            false_alarms: 0,
            correct_rejections: 20,
        };
        assert_eq!(nothing.kappa(), None);
        assert_eq!(nothing.hit_rate(), None);
    }

    #[test]
    fn the_sphere_is_the_subtree() {
        // 0 → 1 → 2, 0 → 3
        let s = SphereIndex::new(&[None, Some(0), Some(1), Some(0)]);
        assert!(s.contains(0, 2) && s.contains(1, 2) && s.contains(0, 3));
        assert!(!s.contains(1, 3) && !s.contains(2, 1) && !s.contains(0, 0));
    }
}
