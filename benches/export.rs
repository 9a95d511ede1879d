//! Exporters on generated organisations: each result file written into memory on its own
//! (people.csv, people.parquet, graph.graphml, graph.gexf, graph.dot, graph.cyjs,
//! graph.json, report.html, summary.json, findings, data-quality.csv), the shared
//! layout and context they read, and the whole `export::write_all` into a temporary folder.
//! Each file is written by one thread; `write_all` writes the files in parallel, so it is
//! measured inside a one-thread rayon pool (`…/seq`) and the default pool (`…/par`), on
//! the smallest size only (it costs as much as all the files together).
//!
//! `cargo bench --bench export`; sizes from `ORGSPHERE_BENCH_SIZES` (default
//! 10000,100000); a filter runs part of it: `cargo bench --bench export -- graphml`.

mod common;

use common::fixture::{self, Mode, options, org};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use orgsphere::export::{ExportContext, exporters, layout, write_all};
use orgsphere::options::Format;
use orgsphere::progress::Silent;

/// The timestamp every file carries, fixed so runs write the same bytes.
const GENERATED_AT: &str = "2026-01-01T00:00:00Z";

fn files(group: &mut BenchmarkGroup<'_, WallTime>, people: usize) {
    let a = org(people).analysis();
    let options = options();
    group.bench_function(BenchmarkId::new("context", people), |b| {
        b.iter(|| ExportContext::new(a, &options, GENERATED_AT.into()))
    });
    let cx = ExportContext::new(a, &options, GENERATED_AT.into());
    group.bench_function(BenchmarkId::new("layout", people), |b| {
        b.iter(|| layout::layout(a, cx.view.rank()))
    });
    cx.layout();
    let mut buffer: Vec<u8> = Vec::new();
    // Every file, also those a large organisation leaves out by default.
    for exporter in exporters(&Format::ALL.into_iter().collect()) {
        let id = BenchmarkId::new(exporter.file_name(), people);
        group.bench_function(id, |b| {
            b.iter(|| {
                buffer.clear();
                exporter.write(&cx, &mut buffer).unwrap();
                buffer.len()
            })
        });
    }
}

fn write_all_files(group: &mut BenchmarkGroup<'_, WallTime>, people: usize) {
    let a = org(people).analysis();
    let dir = tempfile::tempdir().unwrap();
    let options = orgsphere::Options {
        out: dir.path().join("results"),
        ..options()
    };
    for mode in Mode::BOTH {
        let id = BenchmarkId::new("write_all", format!("{people}/{}", mode.as_str()));
        group.bench_function(id, |b| {
            b.iter(|| mode.run(|| write_all(a, &options, &Silent).unwrap()))
        });
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    let sizes = fixture::sizes();
    for &people in &sizes {
        files(&mut group, people);
    }
    if let Some(&smallest) = sizes.iter().min() {
        write_all_files(&mut group, smallest);
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = fixture::criterion();
    targets = bench
}
criterion_main!(benches);
