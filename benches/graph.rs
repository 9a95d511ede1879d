//! Graph build on generated organisations: the two-layer petgraph graph from a checked
//! data set, each person's manager read back, and the compact indices (CSR) the metrics
//! read — the authority layer, the combined influence layer and one question's layer.
//! These stages are sequential.
//!
//! `cargo bench --bench graph`; sizes from `ORGSPHERE_BENCH_SIZES` (default 10000,100000).

mod common;

use common::fixture::{self, org};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgsphere::graph::{OrgGraph, Questions};

fn graph(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    for people in fixture::sizes() {
        let o = org(people);
        let dataset = o.dataset();
        let g = o.graph();
        group.throughput(Throughput::Elements((people + o.nominations()) as u64));
        group.bench_function(BenchmarkId::new("build", people), |b| {
            b.iter(|| OrgGraph::build(dataset))
        });
        group.bench_function(BenchmarkId::new("managers", people), |b| {
            b.iter(|| g.managers())
        });
        group.bench_function(BenchmarkId::new("csr_authority", people), |b| {
            b.iter(|| g.authority())
        });
        // Influence views are built once per graph and kept: each iteration gets a new
        // graph (untimed) and times the first build of the view.
        let one = format!("csr_influence_{}", g.questions[0]);
        for (name, questions) in [
            ("csr_influence_all", Questions::All),
            (one.as_str(), Questions::One(0)),
        ] {
            group.bench_function(BenchmarkId::new(name, people), |b| {
                b.iter_batched(
                    || OrgGraph::build(dataset),
                    |fresh| {
                        fresh.influence(questions);
                        fresh
                    },
                    BatchSize::LargeInput,
                )
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = fixture::criterion();
    targets = graph
}
criterion_main!(benches);
