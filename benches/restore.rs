//! Restoration throughput: whole documents on a pool of 1 and 2 threads, reported as tokens
//! (whitespace-separated words) per second, with the candidate cache warm (the steady state of
//! a batch) and cold (a first pass); plus the shipped model's load time.
//!
//! `cargo bench --bench restore`; sizes in bytes are printed so MB/s = tokens/s × bytes/tokens.

use criterion::{
    criterion_group, criterion_main, BatchSize, Bencher, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use vnreport::restore_in_parallel;
use vnreport::Detail;
use vnreport::{Model, Restorer};

/// (name, file under the repository root)
const DOCUMENTS: [(&str, &str); 3] = [
    ("003-ocr", "corpus/degraded/003_4df792cc80223c47.txt"),
    ("001-synthetic-ocr", "corpus/synthetic/001_4b7321f46e9814a7.s0.txt"),
    ("004-clean", "corpus/clean/004_a3c9a3b6801f2d92.txt"),
];

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn documents() -> Vec<(&'static str, String)> {
    DOCUMENTS.iter().map(|(n, p)| (*n, read(p))).collect()
}

/// Run `bench` over every document on pools of 1 and 2 threads, in groups `name/N-thread`.
fn per_pool(
    c: &mut Criterion,
    name: &str,
    docs: &[(&str, String)],
    bench: impl Fn(&mut Bencher, &rayon::ThreadPool, &str),
) {
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        let mut group = c.benchmark_group(format!("{name}/{threads}-thread"));
        group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(8));
        for (doc, text) in docs {
            group.throughput(Throughput::Elements(text.split_whitespace().count() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(doc), text.as_str(), |b, text| {
                bench(b, &pool, text)
            });
        }
        group.finish();
    }
}

/// The steady state of a batch: one restorer, its candidate cache warm after the first run.
fn restore(c: &mut Criterion) {
    let restorer = Restorer::new(Model::shipped().expect("the shipped model loads"));
    let docs = documents();
    for (name, text) in &docs {
        let tokens = text.split_whitespace().count();
        eprintln!(
            "{name}: {} bytes, {tokens} tokens, {:.2} bytes/token",
            text.len(),
            text.len() as f64 / tokens as f64
        );
    }
    per_pool(c, "restore", &docs, |b, pool, text| {
        b.iter(|| pool.install(|| restore_in_parallel(&restorer, text, Detail::Lines)))
    });
}

/// The first pass over a document: a new restorer for every run, made outside the timed part
/// (its cache holds only the readings shipped with the model). This is the speed on text whose
/// other words the restorer has not met yet.
fn restore_cold(c: &mut Criterion) {
    let model = Arc::new(Model::shipped().expect("the shipped model loads"));
    per_pool(c, "restore-cold", &documents(), |b, pool, text| {
        b.iter_batched(
            || Restorer::new(model.clone()),
            |restorer| {
                pool.install(|| std::hint::black_box(restore_in_parallel(&restorer, text, Detail::Lines)))
            },
            BatchSize::PerIteration,
        )
    });
}

fn model_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("model");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("shipped+restorer", |b| {
        b.iter(|| {
            let restorer = Restorer::new(Model::shipped().expect("the shipped model loads"));
            std::hint::black_box(restorer.config().beam);
        })
    });
    group.finish();
}

criterion_group!(benches, restore, restore_cold, model_load);
criterion_main!(benches);
