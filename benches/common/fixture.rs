//! Shared organisations for the stage benches, made by orgsphere's own generator (what
//! `orgsphere generate --people N --seed 1` writes, as `benches/compare/compare.py` uses)
//! and kept in memory: each size is generated once per bench run, and its data set, graph
//! and whole analysis are built on first use and kept.
//!
//! Also here: the sizes to measure (`ORGSPHERE_BENCH_SIZES`), criterion's settings for
//! these slow stages, and the two thread pools a parallel stage is measured in.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use criterion::Criterion;
use orgsphere::generate::{Spec, generate};
use orgsphere::graph::OrgGraph;
use orgsphere::options::{Format, OutputOptions};
use orgsphere::validate::Dataset;
use orgsphere::{Analysis, Options, analyze_dataset, check_bytes};

/// The generator's seed, as in `benches/compare/compare.py`.
pub const SEED: u64 = 1;

/// People per organisation: `ORGSPHERE_BENCH_SIZES` (comma-separated, `_` allowed), or
/// 10,000 and 100,000.
pub fn sizes() -> Vec<usize> {
    let parsed = std::env::var("ORGSPHERE_BENCH_SIZES").ok().map(|list| {
        list.split(',')
            .map(|s| s.trim().replace('_', ""))
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 2)
                    .unwrap_or_else(|| {
                        panic!("ORGSPHERE_BENCH_SIZES: {s:?} is not a number of people (2 or more); give e.g. 10000,100000")
                    })
            })
            .collect::<Vec<_>>()
    });
    match parsed {
        Some(list) if !list.is_empty() => list,
        _ => vec![10_000, 100_000],
    }
}

/// Criterion for stages that take milliseconds to seconds: 10 samples, short warm-up
/// and measurement (a slow stage still runs its 10 samples, once each).
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// How a parallel stage runs: inside a one-thread rayon pool, or in the default pool.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    Seq,
    Par,
}

impl Mode {
    pub const BOTH: [Mode; 2] = [Mode::Seq, Mode::Par];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Seq => "seq",
            Mode::Par => "par",
        }
    }

    /// Runs `f` in this mode's pool.
    pub fn run<T: Send>(self, f: impl FnOnce() -> T + Send) -> T {
        match self {
            Mode::Seq => one_thread().install(f),
            Mode::Par => f(),
        }
    }
}

fn one_thread() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
    })
}

/// A generated organisation: its input files in memory, and what is built from them.
pub struct Org {
    pub people: usize,
    /// `org.csv`.
    pub org: Vec<u8>,
    /// `survey-advice.csv` and `survey-trust.csv`, by name.
    pub surveys: Vec<(String, Vec<u8>)>,
    dataset: OnceLock<Dataset>,
    graph: OnceLock<OrgGraph>,
    analysis: OnceLock<Analysis>,
}

/// The organisation of `people` people, generated on first use and kept for the run.
pub fn org(people: usize) -> &'static Org {
    static ORGS: Mutex<BTreeMap<usize, &'static Org>> = Mutex::new(BTreeMap::new());
    let mut orgs = ORGS.lock().unwrap();
    orgs.entry(people)
        .or_insert_with(|| Box::leak(Box::new(Org::generate(people))))
}

/// The options of a default run, with every optional file asked for.
pub fn options() -> Options {
    Options {
        output: OutputOptions {
            formats: Format::ALL.into_iter().collect(),
            ..OutputOptions::default()
        },
        ..Options::default()
    }
}

impl Org {
    fn generate(people: usize) -> Org {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("org");
        let spec = Spec {
            people,
            seed: SEED,
            ..Spec::default()
        };
        generate(&spec, &out).unwrap();
        let read = |name: &str| std::fs::read(out.join(name)).unwrap();
        Org {
            people,
            org: read("org.csv"),
            surveys: ["survey-advice.csv", "survey-trust.csv"]
                .map(|name| (name.to_string(), read(name)))
                .into(),
            dataset: OnceLock::new(),
            graph: OnceLock::new(),
            analysis: OnceLock::new(),
        }
    }

    /// Loads and validates the files, as `orgsphere validate` does.
    pub fn check(&self) -> Dataset {
        let surveys: Vec<(&str, &[u8])> = self
            .surveys
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
            .collect();
        check_bytes(("org.csv", &self.org), &surveys, &options()).unwrap()
    }

    /// The checked data set, kept.
    pub fn dataset(&self) -> &Dataset {
        self.dataset.get_or_init(|| self.check())
    }

    /// The graph of [`Org::dataset`], kept.
    pub fn graph(&self) -> &OrgGraph {
        self.graph.get_or_init(|| OrgGraph::build(self.dataset()))
    }

    /// The whole analysis (graph, metrics, classification, findings) of a default run, kept.
    pub fn analysis(&self) -> &Analysis {
        self.analysis
            .get_or_init(|| analyze_dataset(self.check(), &options()))
    }

    /// Survey rows, for throughput.
    pub fn nominations(&self) -> usize {
        self.dataset().answers.nominations.len()
    }
}
