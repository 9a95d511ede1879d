//! Decisions: from the analysis to what an organisation does next — whom it cannot
//! afford to lose (key players), who can carry a change (change agents), and who could
//! step in for a key player (backups).
//!
//! In: the parts of an analysis up to the classification, and the departments large
//! enough to describe. Out: [`Decisions`]. Between classify and findings: it reads the
//! influence layer's compact indices, the metrics and the roles; the algorithms are
//! [`crate::metrics::keyplayer`] and [`crate::metrics::change_agents`].
//!
//! **Candidates** for key players: everyone high influence, everyone flagged `broker`,
//! everyone at every tie between two departments of at least the minimum group size
//! (the fragile bridges of the findings, and the holders of a pair's only tie), and
//! everyone named with `--key-player`.
//!
//! **What leaving costs**, for each candidate: the people who lose their only or their
//! main source on an influence question, the pairs of departments left with no tie, the
//! people left tied to nobody, and — for the [`PATH_CANDIDATES`] candidates with the
//! largest local losses, and every named one — the change in fragmentation, reach and
//! distance-weighted fragmentation of the combined influence layer (Borgatti 2006).
//! Those take one breadth-first search per source and removal: exact up to
//! [`EXACT_PEOPLE`] people (every person a source, O(k·n·m)); above it from
//! [`SAMPLED_SOURCES`] sources drawn with the run's seed, the same for the whole layer
//! and every removal; above [`PATHS_UP_TO`] people only for the people named with
//! `--key-player` (opt-in: the default run stays near-linear).

use rayon::prelude::*;

use crate::classify::Classification;
use crate::graph::{Csr, OrgGraph, Questions};
use crate::metrics::Metrics;
use crate::metrics::change_agents::{Agent, greedy_sequence, harmonic};
use crate::metrics::grouping::group_ties;
use crate::metrics::keyplayer::{
    Alike, Fragmentation, FragmentationSearch, Undirected, left_alone, source_dependents,
};
use crate::options::DecisionOptions;
use crate::rng::SplitMix64;
use crate::validate::Dataset;

/// Candidates whose removal is measured along the paths (besides the named ones).
pub const PATH_CANDIDATES: usize = 10;
/// Up to this many people fragmentation is exact (every person a source).
pub const EXACT_PEOPLE: usize = 500;
/// Sources sampled above [`EXACT_PEOPLE`].
pub const SAMPLED_SOURCES: usize = 128;
/// Above this many people the path measures are computed for named key players only.
pub const PATHS_UP_TO: usize = 5_000;
/// A backup sought by the same people: at least this Jaccard index of (question,
/// nominator) pairs…
pub const BACKUP_JACCARD: f64 = 0.2;
/// …and at least this many shared pairs.
pub const BACKUP_SHARED: u32 = 2;
/// A backup sought by the same departments: at least this cosine similarity of the
/// departments that name them, and named by at least half as many people (and by 2).
pub const BACKUP_DEPARTMENTS: f64 = 0.8;
/// Backups named per key player.
pub const BACKUPS: usize = 3;
/// A key player is a high retention risk when at least this many people lose their only
/// or main source (or a department pair its last tie).
pub const HIGH_RISK_DEPENDENTS: u32 = 5;
/// The share of the organisation the suggested number of change agents reaches.
pub const CHANGE_AGENT_SHARE: f64 = 0.5;
/// Up to this many people the suggested change agents are chosen in every run (0.4 s at
/// 100,000 people); above it only when `--change-agents` asks.
pub const SUGGEST_AGENTS_UP_TO: usize = 100_000;

/// Why someone is a key-player candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    HighInfluence,
    Broker,
    Bridge,
    Named,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::HighInfluence => "high-influence",
            Why::Broker => "broker",
            Why::Bridge => "bridge",
            Why::Named => "named",
        }
    }
}

/// How much the organisation stands to lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Risk {
    High,
    Medium,
    Low,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::High => "high",
            Risk::Medium => "medium",
            Risk::Low => "low",
        }
    }
}

/// Who could step in, and on what evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backup {
    pub person: u32,
    /// (question, nominator) pairs naming both.
    pub shared: u32,
    /// Jaccard index of the two sets of pairs.
    pub jaccard: f64,
    /// Cosine similarity of the departments that name them.
    pub departments: f64,
    /// Sought by the same people (`true`), or only by the same departments.
    pub same_people: bool,
}

/// One key player: what their leaving would cost.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPlayer {
    pub person: u32,
    pub why: Vec<Why>,
    /// People for whom they are the only source on some influence question.
    pub only_source: u32,
    /// Other people for whom they are the main (heaviest) source on some question.
    pub main_source: u32,
    /// Pairs of departments whose every tie goes through them.
    pub last_ties: Vec<(u32, u32)>,
    /// People tied to nobody but them.
    pub left_alone: u32,
    /// The combined layer without them, when measured.
    pub after: Option<Fragmentation>,
    pub backups: Vec<Backup>,
    pub risk: Risk,
}

/// How the path measures were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMethod {
    /// Every person a source.
    Exact,
    /// From this many sampled sources.
    Sampled(usize),
    /// Not computed (above [`PATHS_UP_TO`] people, nobody named).
    Skipped,
}

/// The key-player section: the layer as it is, and each key player: those measured along
/// the paths first, by the rise in distance-weighted fragmentation their leaving brings,
/// then the others, highest risk first.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPlayers {
    pub whole: Option<Fragmentation>,
    pub method: PathMethod,
    pub players: Vec<KeyPlayer>,
    /// Each person's place in `players`.
    index: Vec<Option<u32>>,
    department_names: Vec<String>,
}

/// One greedy set of change agents.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentSet {
    /// Nomination steps (1 or 2).
    pub steps: u8,
    pub agents: Vec<Agent>,
    /// How many agents the greedy choice needs to reach [`CHANGE_AGENT_SHARE`].
    pub suggested: usize,
    /// `H(Δ)`: the greedy set is at most this many times the fewest that reach as many.
    pub bound: f64,
}

/// The change agents (`--change-agents`): within one and within two steps.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeAgents {
    pub people: usize,
    pub sets: Vec<AgentSet>,
}

/// What the decisions stage made.
#[derive(Debug, Clone, PartialEq)]
pub struct Decisions {
    pub key_players: KeyPlayers,
    pub change_agents: Option<ChangeAgents>,
    /// As many change agents as reaching [`CHANGE_AGENT_SHARE`] takes, within one and
    /// within two steps: up to [`SUGGEST_AGENTS_UP_TO`] people, or when asked.
    pub suggested_agents: Option<ChangeAgents>,
}

/// What the stage reads.
pub struct DecisionInputs<'a> {
    pub dataset: &'a Dataset,
    pub graph: &'a OrgGraph,
    pub metrics: &'a Metrics,
    pub classification: &'a Classification,
    /// Departments smaller than this are never described.
    pub min_group_size: usize,
    /// The people named with `--key-player`, resolved.
    pub named: &'a [u32],
    pub options: &'a DecisionOptions,
    pub seed: u64,
}

/// Key players, their backups and, when asked, change agents.
pub fn decide(inputs: &DecisionInputs<'_>) -> Decisions {
    let people = inputs.graph.influence(Questions::All).node_count();
    let (key_players, (change_agents, suggested_agents)) = rayon::join(
        || key_players(inputs),
        || {
            let asked = inputs.options.change_agents;
            if asked.is_some() || people <= SUGGEST_AGENTS_UP_TO {
                let (chosen, suggested) = change_agents(inputs, asked);
                (chosen, Some(suggested))
            } else {
                (None, None)
            }
        },
    );
    Decisions {
        key_players,
        change_agents,
        suggested_agents,
    }
}

fn influence_questions<'a>(inputs: &DecisionInputs<'a>) -> Vec<&'a Csr> {
    (0..inputs.dataset.questions.len())
        .filter(|&q| inputs.dataset.is_influence(q))
        .map(|q| inputs.graph.influence(Questions::One(q as u16)))
        .collect()
}

fn key_players(inputs: &DecisionInputs<'_>) -> KeyPlayers {
    let m = inputs.metrics;
    let cls = inputs.classification;
    let g = inputs.graph.influence(Questions::All);
    let n = g.node_count();
    let mut size = vec![0usize; m.department_names.len()];
    for d in m.department.iter().flatten() {
        size[*d as usize] += 1;
    }
    let describable: Vec<bool> = size
        .iter()
        .map(|&s| s >= inputs.min_group_size.max(1))
        .collect();
    let questions = influence_questions(inputs);
    let (dependents, ties) = rayon::join(
        || source_dependents(&questions, n),
        || group_ties(g, &m.department),
    );
    // The pairs of departments large enough to describe, with the people at every tie.
    let pairs = ties
        .into_iter()
        .filter(|&((a, b), _)| describable[a as usize] && describable[b as usize]);
    // Candidates and why.
    let mut why: std::collections::BTreeMap<u32, Vec<Why>> = std::collections::BTreeMap::new();
    for p in 0..n {
        if cls.high_influence[p] {
            why.entry(p as u32).or_default().push(Why::HighInfluence);
        }
        if cls.flags[p].contains(&"broker") {
            why.entry(p as u32).or_default().push(Why::Broker);
        }
    }
    let mut holds: std::collections::BTreeMap<u32, Vec<(u32, u32)>> =
        std::collections::BTreeMap::new();
    for ((a, b), pair) in pairs {
        for h in pair.holders {
            holds.entry(h).or_default().push((a, b));
            let w = why.entry(h).or_default();
            if !w.contains(&Why::Bridge) {
                w.push(Why::Bridge);
            }
        }
    }
    for &p in inputs.named {
        let w = why.entry(p).or_default();
        if !w.contains(&Why::Named) {
            w.push(Why::Named);
        }
    }
    let mut players: Vec<KeyPlayer> = why
        .into_iter()
        .map(|(p, why)| {
            let (only_source, main_source) = dependents[p as usize];
            KeyPlayer {
                person: p,
                why,
                only_source,
                main_source,
                last_ties: holds.remove(&p).unwrap_or_default(),
                left_alone: left_alone(g, p as usize).len() as u32,
                after: None,
                backups: Vec::new(),
                risk: Risk::Low,
            }
        })
        .collect();
    // Local losses first, then influence.
    let local = |k: &KeyPlayer| {
        (
            k.last_ties.len(),
            k.only_source + k.main_source,
            k.left_alone,
            m.combined.in_degree[k.person as usize],
        )
    };
    players.sort_by(|a, b| {
        local(b).cmp(&local(a)).then(
            m.combined.pagerank[b.person as usize]
                .total_cmp(&m.combined.pagerank[a.person as usize])
                .then(a.person.cmp(&b.person)),
        )
    });
    // The path measures: the top candidates and the named ones.
    let measured: Vec<usize> = players
        .iter()
        .enumerate()
        .filter(|(i, k)| k.why.contains(&Why::Named) || (n <= PATHS_UP_TO && *i < PATH_CANDIDATES))
        .map(|(i, _)| i)
        .collect();
    let (method, sources) = if measured.is_empty() {
        (PathMethod::Skipped, None)
    } else if n <= EXACT_PEOPLE {
        (PathMethod::Exact, None)
    } else {
        let k = SAMPLED_SOURCES.min(n);
        let sources: Vec<u32> = SplitMix64::stream(inputs.seed, 0x6b65_7970_6c61_7972)
            .sample(n, k)
            .into_iter()
            .map(|s| s as u32)
            .collect();
        (PathMethod::Sampled(k), Some(sources))
    };
    // The layer read both ways, only when some removal is measured along the paths.
    let whole = (method != PathMethod::Skipped).then(|| {
        let contacts = Undirected::of(g);
        let search = FragmentationSearch::new(&contacts);
        let whole = search.measure(None, sources.as_deref());
        for &i in &measured {
            let removed = players[i].person;
            players[i].after = Some(search.measure(Some(removed), sources.as_deref()));
        }
        whole
    });
    // Backups and risk.
    let alike = Alike::new(&questions, g, &m.department);
    players.par_iter_mut().for_each(|k| {
        k.backups = backups(inputs, &alike, k.person as usize);
        let dependents = k.only_source + k.main_source;
        k.risk = if !k.last_ties.is_empty() || dependents >= HIGH_RISK_DEPENDENTS {
            Risk::High
        } else if dependents > 0 || k.left_alone > 0 {
            Risk::Medium
        } else {
            Risk::Low
        };
    });
    // Borgatti's ranking first: the people measured along the paths, by the rise in
    // distance-weighted fragmentation their leaving brings; then the others, highest risk
    // first, by their local losses.
    let rise = |k: &KeyPlayer| match (k.after, whole) {
        (Some(a), Some(w)) => Some(a.distance_weighted - w.distance_weighted),
        _ => None,
    };
    players.sort_by(|a, b| match (rise(a), rise(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.person.cmp(&b.person)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a
            .risk
            .cmp(&b.risk)
            .then(local(b).cmp(&local(a)))
            .then(a.person.cmp(&b.person)),
    });
    let mut index = vec![None; n];
    for (i, k) in players.iter().enumerate() {
        index[k.person as usize] = Some(i as u32);
    }
    KeyPlayers {
        whole,
        method,
        players,
        index,
        department_names: m.department_names.clone(),
    }
}

/// The people best placed to step in for `v` ([`BACKUPS`] at most): sought by the same
/// people on the same questions (Jaccard ≥ [`BACKUP_JACCARD`], [`BACKUP_SHARED`] pairs),
/// else, among those who share a nominator, sought by the same departments (cosine ≥
/// [`BACKUP_DEPARTMENTS`], named by at least half as many). None: nobody passes.
fn backups(inputs: &DecisionInputs<'_>, alike: &Alike<'_>, v: usize) -> Vec<Backup> {
    let m = inputs.metrics;
    let overlap = alike.same_nominators(v);
    let dept = |u: usize| alike.same_departments(u, v);
    let mut out: Vec<Backup> = overlap
        .iter()
        .filter(|o| o.jaccard >= BACKUP_JACCARD && o.shared >= BACKUP_SHARED)
        .take(BACKUPS)
        .map(|o| Backup {
            person: o.person,
            shared: o.shared,
            jaccard: o.jaccard,
            departments: dept(o.person as usize),
            same_people: true,
        })
        .collect();
    if out.is_empty() {
        let named = m.combined.in_degree[v];
        let mut by_department: Vec<Backup> = overlap
            .iter()
            .filter(|o| {
                let theirs = m.combined.in_degree[o.person as usize];
                theirs >= 2 && 2 * theirs >= named
            })
            .map(|o| Backup {
                person: o.person,
                shared: o.shared,
                jaccard: o.jaccard,
                departments: dept(o.person as usize),
                same_people: false,
            })
            .filter(|b| b.departments >= BACKUP_DEPARTMENTS)
            .collect();
        by_department.sort_by(|a, b| {
            b.departments
                .total_cmp(&a.departments)
                .then(a.person.cmp(&b.person))
        });
        by_department.truncate(BACKUPS);
        out = by_department;
    }
    out
}

impl KeyPlayers {
    /// The key player `p` is, if any.
    pub fn get(&self, p: usize) -> Option<&KeyPlayer> {
        self.index
            .get(p)
            .copied()
            .flatten()
            .map(|i| &self.players[i as usize])
    }

    /// The `retention_risk` of person `p` in words: the level, then what their leaving
    /// would cost and whether anyone could step in; `None` for people who are no key
    /// player.
    pub fn retention_risk(&self, p: usize) -> Option<String> {
        let k = self.get(p)?;
        let parts = self.costs(k);
        let backups = match (k.backups.len(), k.backups.first()) {
            (0, _) => "no backup: nobody is sought by the same people or departments".to_string(),
            (b, Some(first)) if first.same_people => {
                format!("{} sought by the same people", backups_words(b))
            }
            (b, _) => format!("{} sought by the same departments", backups_words(b)),
        };
        Some(format!(
            "{}: {}; {backups}",
            k.risk.as_str(),
            parts.join("; ")
        ))
    }

    /// What key player `k`'s leaving would cost, in words, one part per loss (departments
    /// by name, nobody named).
    pub fn costs(&self, k: &KeyPlayer) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for &(a, b) in k.last_ties.iter().take(3) {
            parts.push(format!(
                "the last tie between {} and {}",
                self.department_names[a as usize], self.department_names[b as usize]
            ));
        }
        if k.last_ties.len() > 3 {
            parts.push(format!(
                "and {} more pairs of departments",
                k.last_ties.len() - 3
            ));
        }
        match (k.only_source, k.main_source) {
            (0, 0) => {}
            (o, 0) => parts.push(format!(
                "the only source on an influence question for {}",
                people(o)
            )),
            (0, mm) => parts.push(format!(
                "the main source on an influence question for {}",
                people(mm)
            )),
            (o, mm) => parts.push(format!(
                "the only source on an influence question for {}, the main one for {mm} more",
                people(o)
            )),
        }
        if k.left_alone > 0 {
            parts.push(format!("{} tied to no one else", people(k.left_alone)));
        }
        if let (Some(a), Some(w)) = (k.after, self.whole) {
            parts.push(format!(
                "distance-weighted fragmentation {:.3} → {:.3} and reach {:.1} % → {:.1} % without them",
                w.distance_weighted,
                a.distance_weighted,
                100.0 * w.reach(),
                100.0 * a.reach()
            ));
        }
        if parts.is_empty() {
            parts.push("others have other sources: nobody loses their only or main one".into());
        }
        parts
    }
}

fn people(k: u32) -> String {
    if k == 1 {
        "1 person".to_string()
    } else {
        format!("{k} people")
    }
}

fn backups_words(k: usize) -> String {
    if k == 1 {
        "1 possible backup".to_string()
    } else {
        format!("{k} possible backups")
    }
}

/// The greedy change agents, within one and within two steps: the set `asked` for
/// (`Some(k)`: `k` of them, 0 = as many as reaching [`CHANGE_AGENT_SHARE`] takes), and
/// the suggested set (as many as reaching the share takes). One greedy run per number of
/// steps serves both: each set is a beginning of the same greedy sequence, which runs
/// until it has `k` agents and reaches the share.
fn change_agents(
    inputs: &DecisionInputs<'_>,
    asked: Option<usize>,
) -> (Option<ChangeAgents>, ChangeAgents) {
    let m = inputs.metrics;
    let g = inputs.graph.influence(Questions::All);
    let n = g.node_count();
    let target = (CHANGE_AGENT_SHARE * n as f64).ceil() as u64;
    let departments = m.department_names.len();
    let k = asked.unwrap_or(0);
    let runs: Vec<(u8, Vec<Agent>, usize, f64)> = [1u8, 2]
        .par_iter()
        .map(|&steps| {
            let sequence = greedy_sequence(g, &m.department, departments, steps, k, target);
            // The agents until the share is reached: as many as a run stopped there has.
            let suggested = if target == 0 {
                0
            } else {
                sequence
                    .iter()
                    .position(|a| a.covered >= target)
                    .map_or(sequence.len(), |i| i + 1)
            };
            let delta = (0..n).map(|v| reach_of(g, v, steps)).max().unwrap_or(0);
            (steps, sequence, suggested, harmonic(delta))
        })
        .collect();
    let sets = |take: &dyn Fn(usize) -> usize| ChangeAgents {
        people: n,
        sets: runs
            .iter()
            .map(|(steps, sequence, suggested, bound)| AgentSet {
                steps: *steps,
                agents: sequence[..take(*suggested).min(sequence.len())].to_vec(),
                suggested: *suggested,
                bound: *bound,
            })
            .collect(),
    };
    let suggested = sets(&|suggested| suggested);
    let chosen = match asked {
        None => None,
        Some(0) => Some(suggested.clone()),
        Some(k) => Some(sets(&|_| k)),
    };
    (chosen, suggested)
}

/// How many people `v` reaches within `steps` steps, themself included (an upper bound
/// for two steps: repeats not removed, so `H` of it bounds the greedy set too).
fn reach_of(g: &Csr, v: usize, steps: u8) -> u32 {
    let one = g.in_neighbors(v).len() as u32;
    if steps == 1 {
        return 1 + one;
    }
    1 + one
        + g.in_neighbors(v)
            .iter()
            .map(|&u| g.in_neighbors(u as usize).len() as u32)
            .sum::<u32>()
}
