//! The `vnreport` command line: argument parsing and dispatch (each command lives in its own
//! file), errors turned into one line on stderr and an exit code.

// The arguments' doc comments are their `--help` text, where `<path>` is not HTML.
#![allow(rustdoc::invalid_html_tags)]

mod build_cmd;
mod eval_cmd;
mod extract_cmd;
mod input;
mod learn_cmd;
mod learn_edits_cmd;
mod out;
mod readings_cmd;
mod restore_cmd;
mod review_cmd;
mod run_cmd;
mod stream_cmd;

use crate::model::Combine;
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Restore Vietnamese diacritics in OCR'd reports and extract their data.
#[derive(Parser, Debug)]
#[command(name = "vnreport", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the restored text of FILE (or - for stdin), one output line per input line.
    Restore(restore_cmd::Args),
    /// Restore FILE and print its indicators, references and metadata as JSON.
    Extract(extract_cmd::Args),
    /// Score restoration against gold text, as score.py does; or run the leave-one-out test.
    Eval(eval_cmd::Args),
    /// Learn OCR confusion counts from line-aligned (OCR, correct) files.
    LearnConfusions(learn_cmd::Args),
    /// Fold the edits exported from a review page into a user model folder (--model DIR).
    Learn(learn_edits_cmd::Args),
    /// Restore FILE and write a self-contained HTML page to proof-read it in and export fixes.
    Review(review_cmd::Args),
    /// Restore and extract every document of INPUT... into --out DIR, in parallel.
    Run(run_cmd::Args),
    /// Build the binary model file from third-party source texts and the shipped clean corpus.
    BuildModel(build_cmd::Args),
    /// Compute the readings of the shipped model's frequent words (dictionaries/readings.bin).
    BuildReadings(readings_cmd::Args),
    /// Restore and extract JSON Lines documents from stdin to stdout, in order (for Spark,
    /// Hadoop Streaming, GNU parallel).
    Stream(stream_cmd::Args),
}

/// Most worker threads a command starts, whatever `--threads` asks.
pub const MAX_THREADS: usize = 256;

/// Options shared by commands that restore text.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// A model file (from `vnreport build-model`), or a folder of clean reports (*.txt, one
    /// paragraph a line) whose text adds to the shipped model.
    #[arg(long, value_name = "DIR|FILE")]
    pub model: Option<PathBuf>,
    /// With a --model folder: train on its texts alone instead of adding them to the shipped model.
    #[arg(long, requires = "model")]
    pub replace_model: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Restoration weights, for tuning (hidden from --help).
#[derive(clap::Args, Debug, Clone)]
pub struct TuneArgs {
    #[arg(long, hide = true)]
    lm_weight: Option<f32>,
    #[arg(long, hide = true)]
    emission_weight: Option<f32>,
    #[arg(long, hide = true)]
    beam: Option<f32>,
    #[arg(long, hide = true)]
    max_candidates: Option<usize>,
    #[arg(long, hide = true)]
    keep_cost: Option<f32>,
    #[arg(long, hide = true)]
    split_threshold: Option<f32>,
    #[arg(long, hide = true)]
    split_penalty: Option<f32>,
    #[arg(long, hide = true)]
    unigram_rank_weight: Option<f32>,
    #[arg(long, hide = true)]
    state_beam: Option<f32>,
    #[arg(long, hide = true)]
    rank_beam: Option<f32>,
    #[arg(long, hide = true)]
    neighbour_max_frequency_cost: Option<f32>,
    #[arg(long, hide = true)]
    number_keep_cost: Option<f32>,
    #[arg(long, hide = true)]
    posterior_scale: Option<f32>,
}

impl TuneArgs {
    /// The default configuration with the given overrides.
    pub fn config(&self) -> crate::restore::RestoreConfig {
        let mut c = crate::restore::RestoreConfig::default();
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { c.$f = v; } )* };
        }
        set!(
            lm_weight,
            emission_weight,
            beam,
            max_candidates,
            keep_cost,
            split_threshold,
            split_penalty,
            unigram_rank_weight,
            state_beam,
            rank_beam,
            neighbour_max_frequency_cost,
            number_keep_cost,
            posterior_scale
        );
        c
    }
}

impl ModelArgs {
    /// Size the global rayon pool the command's parallel work runs on (`--threads`; all cores
    /// by default). Called by each command before it loads the model, never by loading.
    pub fn start_threads(&self) -> anyhow::Result<()> {
        if let Some(asked) = self.threads {
            if asked == 0 {
                anyhow::bail!("--threads must be at least 1");
            }
            let n = asked.min(MAX_THREADS);
            if n < asked {
                out::note!("vnreport: --threads {asked} is more than {MAX_THREADS}; using {MAX_THREADS}");
            }
            // a second call fails harmlessly when a pool exists already
            let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
        }
        Ok(())
    }

    /// Load the model: the `--model` file or folder, else the shipped one.
    pub fn load(&self) -> anyhow::Result<std::sync::Arc<crate::Model>> {
        Ok(std::sync::Arc::new(match &self.model {
            Some(path) => {
                let combine = if self.replace_model { Combine::Replace } else { Combine::Add };
                crate::Model::from_path(path, combine)?
            }
            None => crate::Model::shipped()?,
        }))
    }
}

/// Run the command line: parse arguments, run the command, turn errors into one line on
/// stderr and an exit code.
pub fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                // the reader went away (`vnreport … | head`): stop quietly, as a process
                // ended by SIGPIPE does
                return ExitCode::from(141);
            }
            let _ = writeln!(std::io::stderr(), "vnreport: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Parse arguments and run; usage errors exit 2 through clap.
fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Restore(a) => restore_cmd::run(a),
        Command::Extract(a) => extract_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::Learn(a) => learn_edits_cmd::run(a),
        Command::LearnConfusions(a) => learn_cmd::run(a),
        Command::Review(a) => review_cmd::run(a),
        Command::Run(a) => run_cmd::run(a),
        Command::BuildModel(a) => build_cmd::run(a),
        Command::BuildReadings(a) => readings_cmd::run(a),
        Command::Stream(a) => stream_cmd::run(a),
    }
}
