//! Decisions on generated organisations: the greedy change agents (issue 18) and the
//! whole decisions stage (key players, their backups, change agents), as `analyze`
//! computes them.
//!
//! - `change_agents_1_step/N`, `change_agents_2_steps/N`: the greedy set that reaches
//!   half of the organisation within one and within two nomination steps (what
//!   `--change-agents 0` and the suggested number choose), on the combined influence
//!   layer, one thread (the greedy choice is sequential; the two run side by side in a
//!   run);
//! - `decide/N`: the decisions stage of a default run (`key players` in
//!   `ORGSPHERE_TIMINGS`), with `--change-agents 0`.
//!
//! Sizes 1,000 and 100,000 people; 1,000,000 as well with `ORGSPHERE_BENCH_MILLION=1`
//! (its organisation is generated and analysed first: about a minute and 2.5 GB);
//! `ORGSPHERE_BENCH_SIZES` replaces the list. `cargo bench --bench decisions`; a filter
//! runs part of it: `cargo bench --bench decisions -- change_agents`.

mod common;

use common::fixture::{self, org};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgsphere::decisions::{CHANGE_AGENT_SHARE, DecisionInputs, decide};
use orgsphere::graph::Questions;
use orgsphere::metrics::change_agents::greedy_agents;
use orgsphere::options::DecisionOptions;

/// 1,000 and 100,000 people, and a million when asked; or `ORGSPHERE_BENCH_SIZES`.
fn sizes() -> Vec<usize> {
    if std::env::var_os("ORGSPHERE_BENCH_SIZES").is_some() {
        return fixture::sizes();
    }
    let mut sizes = vec![1_000, 100_000];
    if std::env::var_os("ORGSPHERE_BENCH_MILLION").is_some_and(|v| v != "0") {
        sizes.push(1_000_000);
    }
    sizes
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("decisions");
    for people in sizes() {
        let a = org(people).analysis();
        let g = a.graph.influence(Questions::All);
        let (department, departments) = (&a.metrics.department, a.metrics.department_names.len());
        let n = g.node_count();
        let target = (CHANGE_AGENT_SHARE * n as f64).ceil() as u64;
        for (steps, name) in [(1u8, "change_agents_1_step"), (2, "change_agents_2_steps")] {
            group.bench_function(BenchmarkId::new(name, people), |b| {
                b.iter(|| greedy_agents(g, department, departments, steps, n, target))
            });
        }
        let options = DecisionOptions {
            change_agents: Some(0),
            ..DecisionOptions::default()
        };
        let run = fixture::options();
        let inputs = DecisionInputs {
            dataset: &a.dataset,
            graph: &a.graph,
            metrics: &a.metrics,
            classification: &a.classification,
            min_group_size: run.output.min_group_size,
            named: &[],
            options: &options,
            seed: run.seed,
        };
        group.bench_function(BenchmarkId::new("decide", people), |b| {
            b.iter(|| decide(&inputs))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = fixture::criterion();
    targets = bench
}
criterion_main!(benches);
