//! `vnreport run`: restore and extract a whole archive into an output folder, in parallel,
//! with a progress bar on a terminal; exit 1 when some documents failed.

use super::out::note;
use super::ModelArgs;
use crate::pipeline::{
    self, BatchConfig, Glob, Observer, SummaryLine, TimeBudget, DEFAULT_BLOCK_BYTES, DEFAULT_GLOB,
};
use crate::text::decode::{DecodeOptions, Encoding};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files and folders to process; folders are walked recursively.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder: <path>.restored.txt and <path>.json per document; indicators.csv,
    /// references.csv, documents.csv and summary.jsonl over every report in the folder
    /// (earlier runs' included).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Which files to take from folders (repeatable; default: *.txt in any case, so .TXT
    /// too); a pattern with '/' is matched against the path under the folder, '**' crossing
    /// folders. Given patterns are case-sensitive.
    #[arg(long, value_name = "PATTERN")]
    glob: Vec<String>,
    /// Skip documents whose report records the same input (SHA-256), vnreport version and
    /// model; redo the others.
    #[arg(long)]
    resume: bool,
    /// Write the CSV tables with a UTF-8 byte order mark, so that spreadsheets read them as UTF-8.
    #[arg(long)]
    excel: bool,
    /// Also write <path>.review.html per document: a page to proof-read the restoration in
    /// (docs/review.md).
    #[arg(long)]
    review: bool,
    /// No progress bar and no closing count.
    #[arg(long, short)]
    quiet: bool,
    /// Read every input in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME")]
    encoding: Option<Encoding>,
    /// Replace undecodable bytes with U+FFFD instead of failing the document.
    #[arg(long)]
    lossy: bool,
    /// Read, decode and restore large files this many MiB at a time (1/16 to 1024; the
    /// memory of a document follows it).
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_BLOCK_BYTES as f64 / f64::from(1 << 20), value_parser = block_mib)]
    block_mib: f64,
    /// Seconds a document may take per started MiB of input before it is stopped and
    /// recorded as failed, so that one pathological file cannot stall the batch; checked
    /// after each block (--block-mib). 0: no limit.
    #[arg(long, value_name = "SECS", default_value_t = TimeBudget::DEFAULT.secs_per_mib, value_parser = budget_secs)]
    time_budget: f64,
    #[command(flatten)]
    model: ModelArgs,
}

/// `--block-mib`: a number of MiB from 1/16 to 1024.
fn block_mib(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (1.0 / 16.0..=1024.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number of MiB from 0.0625 to 1024")),
    }
}

/// A `--time-budget`: finite, 0 or more.
fn budget_secs(s: &str) -> crate::Result<f64> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1e9).contains(&v) => Ok(v),
        _ => Err(crate::Error::new(
            crate::ErrorKind::Config,
            format!("{s}: seconds from 0 (no limit) to 10^9"),
        )),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.out.exists() && !args.out.is_dir() {
        anyhow::bail!("--out {}: not a folder", args.out.display());
    }
    args.model.start_threads()?;
    let model = args.model.load()?;
    let restorer = crate::Restorer::new(model);
    let globs: Vec<Glob> = match args.glob.is_empty() {
        true => Glob::default_set(),
        false => args.glob.iter().map(|g| Glob::new(g)).collect(),
    };
    let out_real = std::fs::canonicalize(&args.out).ok();
    if let Some(input) =
        args.inputs.iter().find(|i| out_real.is_some() && std::fs::canonicalize(i).ok() == out_real)
    {
        anyhow::bail!("--out {} is also an input folder: give another output folder", input.display());
    }
    let inputs = pipeline::discover(&args.inputs, &globs, Some(&args.out));
    if inputs.is_empty() {
        // nothing to do: the batch tables of an earlier run into this folder stay as they are
        let patterns = match args.glob.is_empty() {
            true => format!("{DEFAULT_GLOB}, any case"),
            false => args.glob.join(", "),
        };
        anyhow::bail!("no input file matches ({patterns}): nothing written");
    }
    // an output named like an input (an input "a.json" next to "a.txt", --out their folder)
    // would overwrite it
    let input_paths: std::collections::HashSet<std::path::PathBuf> =
        inputs.iter().filter_map(|i| std::fs::canonicalize(&i.path).ok()).collect();
    for input in &inputs {
        let mut outputs = pipeline::Outputs::new(&args.out, input);
        if args.review {
            outputs = outputs.with_review();
        }
        for out in
            [Some(&outputs.restored), Some(&outputs.json), outputs.review.as_ref()].into_iter().flatten()
        {
            if std::fs::canonicalize(out).is_ok_and(|o| input_paths.contains(&o)) {
                anyhow::bail!(
                    "{}: the output of {} would overwrite this input; give another --out folder",
                    out.display(),
                    input.path.display()
                );
            }
        }
    }
    let config = BatchConfig {
        out_dir: args.out.clone(),
        resume: args.resume,
        decode: DecodeOptions { encoding: args.encoding, lossy: args.lossy },
        block_bytes: (args.block_mib * f64::from(1 << 20)) as usize,
        review: args.review,
        excel: args.excel,
        time_budget: (args.time_budget > 0.0).then_some(TimeBudget { secs_per_mib: args.time_budget }),
    };
    let total_bytes: u64 = inputs.iter().map(|i| i.bytes).sum();
    let show = !args.quiet && std::io::stderr().is_terminal();
    let progress = Progress::new(show, inputs.len(), total_bytes);
    let started = Instant::now();
    let totals = pipeline::run_batch(&restorer, &inputs, &config, &progress)
        .with_context(|| format!("{}: cannot write the batch tables", args.out.display()))?;
    progress.bar.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        note!(
            "vnreport: {} documents: {} ok ({} resumed), {} failed; {} tokens in {:.1} s; the tables list {} documents",
            inputs.len(),
            totals.ok,
            totals.resumed,
            totals.failed,
            totals.tokens,
            secs,
            totals.tables.documents
        );
    }
    if !args.quiet && !totals.tables.foreign.is_empty() {
        note!(
            "vnreport: {} *.json files under {} are not vnreport reports, left out of the tables (first: {})",
            totals.tables.foreign.len(),
            args.out.display(),
            totals.tables.foreign[0]
        );
    }
    if totals.leftovers_removed > 0 {
        note!("vnreport: removed {} temporary files an interrupted run left", totals.leftovers_removed);
    }
    Ok(if totals.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The progress bar (hidden when stderr is not a terminal) and the error lines.
struct Progress {
    bar: ProgressBar,
    files: u64,
    done: AtomicU64,
    tokens: AtomicU64,
    started: Instant,
}

impl Progress {
    fn new(show: bool, files: usize, bytes: u64) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::hidden());
        if show {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {msg} {binary_bytes_per_sec} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
        }
        let p = Progress {
            bar,
            files: files as u64,
            done: AtomicU64::new(0),
            tokens: AtomicU64::new(0),
            started: Instant::now(),
        };
        p.refresh();
        p
    }

    fn refresh(&self) {
        if self.bar.is_hidden() {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = self.tokens.load(Ordering::Relaxed) as f64 / secs;
        self.bar.set_message(format!(
            "{}/{} files, {:.0} tokens/s",
            self.done.load(Ordering::Relaxed),
            self.files,
            rate
        ));
    }
}

impl Observer for Progress {
    fn advanced(&self, bytes: u64, tokens: u64) {
        self.tokens.fetch_add(tokens, Ordering::Relaxed);
        self.bar.inc(bytes);
        self.refresh();
    }

    fn document_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.refresh();
    }

    fn summary(&self, line: &SummaryLine) {
        if let Some(e) = &line.error {
            self.bar.suspend(|| note!("vnreport: {}: {e}", line.path));
        }
    }
}
