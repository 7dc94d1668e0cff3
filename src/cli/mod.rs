//! Argument parsing and dispatch for the binary; each command lives in its own file.

mod eval_cmd;
mod input;
mod learn_cmd;
mod restore_cmd;
mod run_cmd;

use clap::{Parser, Subcommand};
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
    /// Score restoration against gold text, as score.py does; or run the leave-one-out test.
    Eval(eval_cmd::Args),
    /// Learn OCR confusion counts from line-aligned (OCR, correct) files.
    LearnConfusions(learn_cmd::Args),
    /// Restore and extract every document of INPUT... into --out DIR, in parallel.
    Run(run_cmd::Args),
}

/// Options shared by commands that restore text.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// Train on the clean reports (*.txt) in this folder instead of the shipped corpus.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

impl ModelArgs {
    /// Build the model and set up the thread pool.
    pub fn load(&self) -> anyhow::Result<vnreport::Model> {
        if let Some(n) = self.threads {
            if n == 0 {
                anyhow::bail!("--threads must be at least 1");
            }
            // a second call fails harmlessly when a pool exists already
            let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
        }
        Ok(match &self.model {
            Some(dir) => vnreport::Model::from_dir(dir)?,
            None => vnreport::Model::shipped()?,
        })
    }
}

/// Parse arguments and run; usage errors exit 2 through clap.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Restore(a) => restore_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::LearnConfusions(a) => learn_cmd::run(a),
        Command::Run(a) => run_cmd::run(a),
    }
}
