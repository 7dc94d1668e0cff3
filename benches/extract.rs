//! Extraction throughput on restored documents (bytes of restored text per second), and the
//! JSON report built from it.
//!
//! `cargo bench --bench extract`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;
use vnreport::{build_report, to_json, SourceInfo};
use vnreport::{extract, identity_restoration};
use vnreport::{Model, Restoration, Restorer};

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn extraction(c: &mut Criterion) {
    let restorer = Restorer::new(Model::shipped().expect("the shipped model loads"));
    let docs: Vec<(&str, Restoration)> = vec![
        ("003-restored", restorer.restore_text(&read("corpus/degraded/003_4df792cc80223c47.txt"))),
        ("000-clean", identity_restoration(&read("corpus/clean/000_4ccff56f1272ca17.txt"))),
        ("004-clean", identity_restoration(&read("corpus/clean/004_a3c9a3b6801f2d92.txt"))),
    ];
    let mut group = c.benchmark_group("extract");
    for (name, r) in &docs {
        group.throughput(Throughput::Bytes(r.text().len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), r, |b, r| b.iter(|| extract(r)));
    }
    group.finish();

    let mut group = c.benchmark_group("report-json");
    for (name, r) in &docs {
        let ex = extract(r);
        let text = r.text();
        let lines = r.lines.len();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), r, |b, r| {
            b.iter(|| {
                let source = SourceInfo::new("doc.txt", text.as_bytes(), lines, "utf-8");
                to_json(&build_report(source, r, &ex), true)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
