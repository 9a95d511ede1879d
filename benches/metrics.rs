//! Metrics, classification and the bootstrap on generated organisations, each stage on
//! its own over the combined influence layer (as `analyze` computes it). Stages that run
//! in parallel are measured twice: `…/seq` inside a one-thread rayon pool and `…/par` in
//! the default pool.
//!
//! Betweenness and closeness: exact on an organisation of `metrics::EXACT_LIMIT` people
//! (the largest a default run computes exactly), and from `DEFAULT_SAMPLES` sources at
//! every size.
//!
//! `cargo bench --bench metrics`; sizes from `ORGSPHERE_BENCH_SIZES` (default
//! 10000,100000); a filter runs part of it: `cargo bench --bench metrics -- pagerank`.

mod common;

use common::fixture::{self, Mode, options, org};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use orgsphere::classify::{self, ClassifyInputs, Resampling};
use orgsphere::graph::Questions;
use orgsphere::metrics::{self, DAMPING, PAGERANK_MAX_ITER, PAGERANK_TOL};
use orgsphere::{Analysis, Options};

/// Times `f` in each mode, as `name/people/seq` and `name/people/par`.
fn both<T: Send>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    people: usize,
    f: impl Fn() -> T + Sync,
) {
    for mode in Mode::BOTH {
        let id = BenchmarkId::new(name, format!("{people}/{}", mode.as_str()));
        group.bench_function(id, |b| b.iter(|| mode.run(&f)));
    }
}

fn sequential_metrics(group: &mut BenchmarkGroup<'_, WallTime>, a: &Analysis, people: usize) {
    let g = a.graph.influence(Questions::All);
    let m = &a.metrics;
    let responded: Vec<bool> = (0..people).map(|p| a.dataset.responded_any(p)).collect();
    group.bench_function(BenchmarkId::new("in_degree_family", people), |b| {
        b.iter(|| {
            (
                metrics::in_degree(g),
                metrics::in_weight(g),
                metrics::in_share(g, &responded),
                metrics::out_degree(g, &responded),
            )
        })
    });
    group.bench_function(BenchmarkId::new("reciprocity", people), |b| {
        b.iter(|| metrics::reciprocity(g))
    });
    group.bench_function(BenchmarkId::new("team_and_departments", people), |b| {
        b.iter(|| {
            (
                metrics::outside_team_share(g, &m.managers, &m.department),
                metrics::nominating_departments(g, &m.department),
            )
        })
    });
    let authority = a.graph.authority();
    group.bench_function(BenchmarkId::new("formal", people), |b| {
        b.iter(|| metrics::formal(authority, &m.managers))
    });
    group.bench_function(BenchmarkId::new("chain", people), |b| {
        b.iter(|| {
            (
                metrics::command_coverage(g, &m.formal, &m.managers, &responded),
                metrics::influence_beyond_chain(g, &m.formal),
                metrics::chain_ties(g, &m.formal, &m.managers),
            )
        })
    });
    group.bench_function(BenchmarkId::new("core", people), |b| {
        b.iter(|| metrics::core_number(g))
    });
    group.bench_function(BenchmarkId::new("louvain", people), |b| {
        b.iter(|| metrics::communities(g, 1))
    });
}

fn parallel_metrics(group: &mut BenchmarkGroup<'_, WallTime>, a: &Analysis, people: usize) {
    let g = a.graph.influence(Questions::All);
    both(group, "pagerank", people, || {
        metrics::pagerank(g, DAMPING, PAGERANK_TOL, PAGERANK_MAX_ITER)
    });
    both(group, "paths_sampled", people, || {
        metrics::paths(g, 0, metrics::DEFAULT_SAMPLES, 1)
    });
    both(group, "structural_holes", people, || {
        metrics::structural_holes(g)
    });
    both(group, "sphere_size_2", people, || {
        metrics::influence_sphere_size_2(g)
    });
}

/// Who answered, each person's title, and the options without the bootstrap.
fn classify_inputs(a: &Analysis) -> (Vec<bool>, Vec<&str>, Options) {
    let n = a.dataset.people.len();
    let responded = (0..n).map(|p| a.dataset.responded_any(p)).collect();
    let titles = match a.dataset.org.columns.title {
        Some(col) => (0..n)
            .map(|p| {
                a.dataset
                    .org
                    .rows
                    .cell(a.dataset.people.record[p], col)
                    .trim()
            })
            .collect(),
        None => vec![""; n],
    };
    (responded, titles, options())
}

fn classification(group: &mut BenchmarkGroup<'_, WallTime>, a: &Analysis, people: usize) {
    let (responded, titles, mut options) = classify_inputs(a);
    let influence = a.graph.influence(Questions::All);
    let team = orgsphere::findings::team_layer(&a.dataset, &a.graph);
    let command = metrics::command_counts(team.graph, &a.metrics.managers, &team.responded);
    let inputs = ClassifyInputs {
        titles: &titles,
        levels: a.dataset.structure.levels(),
        influence,
        responded: &responded,
        command: &command,
        team_question: team.question.map(|q| a.dataset.questions[q].as_str()),
    };
    let resamples = options.roles.bootstrap;
    options.roles.bootstrap = 0;
    group.bench_function(BenchmarkId::new("classify", people), |b| {
        b.iter(|| {
            classify::classify(
                &a.metrics,
                &inputs,
                &options.roles,
                &options.formal,
                options.seed,
            )
        })
    });
    let resampling = Resampling {
        influence,
        responded: &responded,
        formal_power: &a.classification.formal_power,
        pagerank: &a.metrics.combined.pagerank,
        rule: &options.roles.rule,
        min_nominations: options.roles.min_nominations,
        others: (responded.iter().filter(|&&r| r).count() as u32).saturating_sub(1),
    };
    both(group, "bootstrap", people, || {
        classify::leader_stability(&resampling, resamples, options.seed)
    });
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("metrics");
    let exact = metrics::EXACT_LIMIT;
    let g = org(exact).analysis().graph.influence(Questions::All);
    both(&mut group, "paths_exact", exact, || {
        metrics::paths(g, exact, 0, 1)
    });
    for people in fixture::sizes() {
        let a = org(people).analysis();
        sequential_metrics(&mut group, a, people);
        parallel_metrics(&mut group, a, people);
        classification(&mut group, a, people);
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = fixture::criterion();
    targets = bench
}
criterion_main!(benches);
