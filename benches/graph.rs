//! Graph build on generated organisations: the two-layer petgraph graph from a checked
//! data set with the compact views (CSR) derived from it, each person's manager read
//! back, and each compact view the metrics read derived on its own from the graph — the
//! authority layer, the combined influence layer and one question's layer.
//!
//! `cargo bench --bench graph`; sizes from `ORGSPHERE_BENCH_SIZES` (default 10000,100000).

mod common;

use common::fixture::{self, org};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgsphere::graph::{self, OrgGraph, Questions};

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
            b.iter(|| graph::authority_view(&g.graph))
        });
        let one = format!("csr_influence_{}", g.questions[0]);
        for (name, questions) in [
            ("csr_influence_all", Questions::All),
            (one.as_str(), Questions::One(0)),
        ] {
            group.bench_function(BenchmarkId::new(name, people), |b| {
                b.iter(|| graph::influence_view(&g.graph, questions, &g.question_weights))
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
