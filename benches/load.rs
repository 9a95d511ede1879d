//! Loading and validation on generated HR exports: the org chart alone, a survey alone,
//! and the whole data-quality stage (`check_bytes`), at growing sizes. Costs should grow
//! near-linearly: compare the per-row time across sizes in one run.
//!
//! `cargo bench --bench load`; sizes from `ORGSPHERE_BENCH_SIZES` (default 10000,100000).
//! `check/generated` checks the files of orgsphere's own generator (the organisations the
//! stage benches and `benches/compare/compare.py` use). The 1M-people / 5M-rows case is measured by
//! `cargo run --release --example scale` (too slow for criterion's repetitions).

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgsphere::diagnostics::Problems;
use orgsphere::load::{InputFile, OrgChart, Survey};
use orgsphere::{Options, check_bytes};

fn load(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for people in common::fixture::sizes() {
        let rows = people * 5;
        let org = common::org_chart(people);
        let survey = common::survey(people, rows, 7);
        group.throughput(Throughput::Elements(people as u64));
        group.bench_with_input(BenchmarkId::new("org_chart", people), &org, |b, org| {
            b.iter(|| OrgChart::from_bytes("org.csv", org, &options.read).unwrap())
        });
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("survey", rows), &survey, |b, bytes| {
            b.iter(|| {
                Survey::read(
                    &[InputFile::Bytes("survey.csv", bytes)],
                    &options.read,
                    &mut Problems::new(false),
                )
                .unwrap()
            })
        });
        group.bench_function(BenchmarkId::new("check", format!("{people}x{rows}")), |b| {
            b.iter(|| check_bytes(("org.csv", &org), &[("survey.csv", &survey)], &options).unwrap())
        });
        let generated = common::fixture::org(people);
        group.throughput(Throughput::Elements(people as u64));
        group.bench_function(BenchmarkId::new("check/generated", people), |b| {
            b.iter(|| generated.check())
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
