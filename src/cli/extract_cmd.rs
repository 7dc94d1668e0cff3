//! `vnreport extract FILE`: read a report in any supported encoding, restore it, extract its
//! indicators, references and metadata, and print the JSON report.

use super::input::InputArgs;
use super::out::note;
use super::ModelArgs;
use crate::pipeline::{restore_and_write_report, DocError, DocOptions, DEFAULT_BLOCK_BYTES};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The report to read, or - for standard input.
    file: PathBuf,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Also write the restored text to this file.
    #[arg(long, value_name = "OUT")]
    text: Option<PathBuf>,
    /// Largest input read, in bytes (1 GiB by default): an endless input is refused once it
    /// passes it.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 30)]
    max_bytes: u64,
    /// Bytes read and decoded at a time (for tests; the default is 1 MiB).
    #[arg(long, value_name = "N", hide = true, default_value_t = DEFAULT_BLOCK_BYTES)]
    block_bytes: usize,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::out::require_stdout()?;
    if let Some(t) = &args.text {
        super::out::check_distinct(t, &args.file)?;
    }
    let reader = super::input::Capped::new(args.input.open_checked(&args.file)?, args.max_bytes);
    let opts =
        DocOptions { decode: args.input.options()?, block_bytes: args.block_bytes.max(64), budget: None };
    args.model.start_threads()?;
    let model = args.model.load()?;
    let restorer = crate::Restorer::with_config(model, args.tune.config());
    let name = args.file.display().to_string();
    // the one document path of `run`: blocks of --block-bytes and the report's figures
    // in temporary files until the end, so memory does not grow with the input, and `extract`
    // writes what `run` writes
    let mut text: Box<dyn Write> = match &args.text {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot write", p.display()))?,
        )),
        None => Box::new(std::io::sink()),
    };
    let text_error = |e: std::io::Error| {
        let p = args.text.as_deref().unwrap_or(std::path::Path::new("--text"));
        anyhow::anyhow!("{}: cannot write: {e}", p.display())
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let read = restore_and_write_report(
        &restorer,
        reader,
        &name,
        &mut text,
        &opts,
        &|_, _| {},
        &mut out,
        args.pretty,
    )
    .map_err(|e| match e {
        DocError::Read(m) => anyhow::anyhow!("{name}: {m}"),
        DocError::Write(e) => text_error(e),
        DocError::Report(e) => anyhow::Error::from(e).context("cannot write the report"),
    })?;
    text.flush().map_err(text_error)?;
    writeln!(out)?;
    out.flush()?;
    if read.replaced > 0 {
        note!("vnreport: {name}: {} undecodable bytes replaced", read.replaced);
    }
    Ok(ExitCode::SUCCESS)
}
