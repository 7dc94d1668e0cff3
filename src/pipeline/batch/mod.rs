//! Batches: many documents restored and extracted in parallel, with per-document outputs
//! and batch tables written in input order whatever the number of threads.
//!
//! Documents are handed to the workers in input order (one worker per thread of the rayon
//! pool), and each finished document waits in a small reorder buffer until all documents
//! before it are written, so memory stays bounded by the documents in flight. Within a
//! document, [`restore_in_parallel`](crate::pipeline::restore_in_parallel) spreads its blocks
//! of sentences over the same pool, and a large file is read, decoded and restored
//! [`BatchConfig::block_bytes`] at a time.

mod atomic;
mod collect;
mod glob;
mod outputs;
mod tables;
mod walk;

pub use atomic::{remove_leftovers, write_atomic};
pub use collect::Rebuilt;
pub use glob::{Glob, DEFAULT_GLOB};
pub use outputs::{process, up_to_date, Outputs};
pub use tables::SummaryLine;
pub use walk::{discover, Input};

use crate::error::{Error, ErrorKind};
use crate::pipeline::{DocOptions, TimeBudget};
use crate::report::Producer;
use crate::restore::Restorer;
use crate::text::decode::DecodeOptions;
use collect::RunDocument;
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Where outputs go.
    pub out_dir: PathBuf,
    /// Skip documents whose report records the input's SHA-256, this vnreport version and
    /// this model (see [`up_to_date`]).
    pub resume: bool,
    /// Encoding and error handling of inputs.
    pub decode: DecodeOptions,
    /// Documents are processed this many bytes at a time.
    pub block_bytes: usize,
    /// Also write each document's review page (`<stem>.review.html`).
    pub review: bool,
    /// Start the CSV tables with a UTF-8 byte order mark, for spreadsheets.
    pub excel: bool,
    /// How long each document may take before it is recorded as failed (`None`: no limit).
    pub time_budget: Option<TimeBudget>,
}

/// Hears about a batch as it runs. Methods are called from worker threads.
pub trait Observer: Sync {
    /// `bytes` more input and `tokens` more word tokens are done (any order).
    fn advanced(&self, _bytes: u64, _tokens: u64) {}
    /// A document is done (any order).
    fn document_done(&self) {}
    /// A document's summary line, in input order.
    fn summary(&self, _line: &SummaryLine) {}
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Documents processed or resumed.
    pub ok: usize,
    /// Documents that could not be processed.
    pub failed: usize,
    /// Of `ok`, those kept from an earlier run.
    pub resumed: usize,
    /// Word tokens over all `ok` documents.
    pub tokens: usize,
    /// Temporary files of killed earlier runs removed from the output folder at the start.
    pub leftovers_removed: usize,
    /// What the rebuilt tables hold (all documents of the output folder).
    pub tables: Rebuilt,
}

/// Names of the batch tables inside the output folder.
pub const INDICATORS_CSV: &str = "indicators.csv";
/// See [`INDICATORS_CSV`].
pub const REFERENCES_CSV: &str = "references.csv";
/// See [`INDICATORS_CSV`].
pub const DOCUMENTS_CSV: &str = "documents.csv";
/// See [`INDICATORS_CSV`].
pub const SUMMARY_JSONL: &str = "summary.jsonl";

/// The batch tables, rebuilt at the end of each run from every report under the output
/// folder (see [`collect`](self)); this run's summary lines go to the observer in input order
/// through a reorder buffer.
struct Ordered {
    next: usize,
    pending: BTreeMap<usize, RunDocument>,
    done: Vec<RunDocument>,
    totals: BatchSummary,
}

impl Ordered {
    fn push(&mut self, index: usize, doc: RunDocument, observer: &dyn Observer) {
        self.pending.insert(index, doc);
        while let Some(d) = self.pending.remove(&self.next) {
            self.next += 1;
            let s = &d.summary;
            if s.status == "ok" {
                self.totals.ok += 1;
                self.totals.tokens += s.tokens;
                self.totals.resumed += usize::from(s.resumed);
            } else {
                self.totals.failed += 1;
            }
            observer.summary(s);
            self.done.push(d);
        }
    }
}

/// Run a batch over `inputs` (see [`discover`]): per-document outputs, then the tables,
/// rebuilt from every report under the output folder (this run's and earlier runs').
/// Documents that cannot be processed are reported in `summary.jsonl`, `documents.csv` and
/// to `observer`; the error is only for the batch tables that cannot be written.
pub fn run_batch(
    restorer: &Restorer,
    inputs: &[Input],
    config: &BatchConfig,
    observer: &dyn Observer,
) -> io::Result<BatchSummary> {
    std::fs::create_dir_all(&config.out_dir)?;
    let leftovers_removed = remove_leftovers(&config.out_dir);
    let outputs: Vec<Outputs> = inputs
        .iter()
        .map(|i| Outputs::new(&config.out_dir, i))
        .map(|o| if config.review { o.with_review() } else { o })
        .collect();
    let mut first_with_json: HashMap<&PathBuf, usize> = HashMap::new();
    let collides: Vec<Option<usize>> = outputs
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let first = *first_with_json.entry(&o.json).or_insert(k);
            (first != k).then_some(first)
        })
        .collect();
    let ordered = Mutex::new(Ordered {
        next: 0,
        pending: BTreeMap::new(),
        done: Vec::with_capacity(inputs.len()),
        totals: BatchSummary::default(),
    });
    let producer = Producer::new(restorer.model());
    let next = AtomicUsize::new(0);
    let handle = |k: usize| -> RunDocument {
        let input = &inputs[k];
        let path = input.path.display().to_string();
        let json = format!("{}.json", input.output_stem());
        let reported = std::cell::Cell::new(0u64);
        let result = if let Some(first) = collides[k] {
            Err(Error::new(
                ErrorKind::Io,
                format!("its outputs would overwrite those of {}", inputs[first].path.display()),
            ))
        } else if let Some(report) =
            config.resume.then(|| up_to_date(input, &outputs[k], &producer)).flatten()
        {
            observer.advanced(0, report.restoration.tokens as u64);
            Ok((report, true))
        } else {
            let on_block = |bytes: u64, tokens: u64| {
                reported.set(reported.get() + bytes);
                observer.advanced(bytes, tokens);
            };
            let budget = config.time_budget.map(|b| b.for_bytes(input.bytes));
            let opts = DocOptions { decode: config.decode, block_bytes: config.block_bytes, budget };
            process(restorer, input, &outputs[k], &opts, &on_block).map(|r| (r, false))
        };
        observer.advanced(input.bytes.saturating_sub(reported.get()), 0);
        observer.document_done();
        let summary = match result {
            Ok((report, resumed)) => SummaryLine::ok(&path, &json, &report, resumed),
            Err(e) => SummaryLine::failed(&path, &json, &e.to_string()),
        };
        RunDocument { summary, collided: collides[k].is_some() }
    };
    let workers = rayon::current_num_threads().min(inputs.len()).max(1);
    rayon::scope(|s| {
        for _ in 0..workers {
            s.spawn(|_| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= inputs.len() {
                    break;
                }
                let done = handle(k);
                ordered.lock().unwrap_or_else(|e| e.into_inner()).push(k, done, observer);
            });
        }
    });
    let ordered = ordered.into_inner().unwrap_or_else(|e| e.into_inner());
    let rebuilt = collect::rebuild(&config.out_dir, &ordered.done, config.excel)?;
    Ok(BatchSummary { leftovers_removed, tables: rebuilt, ..ordered.totals })
}
