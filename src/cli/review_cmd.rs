//! `vnreport review FILE -o PAGE.html`: restore a report and write the page an archivist
//! proof-reads it in (OCR and restored lines side by side, doubtful words, edits exported as
//! corrections; docs/review.md).

use super::input::{read_bytes, InputArgs};
use super::ModelArgs;
use crate::pipeline::{restore_and_report, write_atomic, DocError, DocOptions, DEFAULT_BLOCK_BYTES};
use crate::review;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The report to review, or - for standard input.
    file: PathBuf,
    /// The HTML page to write (self-contained: open it in any browser, no network needed).
    #[arg(short, long, value_name = "PAGE.html")]
    out: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::out::check_distinct(&args.out, &args.file)?;
    let bytes = read_bytes(&args.file)?;
    let opts = DocOptions { decode: args.input.options()?, block_bytes: DEFAULT_BLOCK_BYTES, budget: None };
    args.model.start_threads()?;
    let model = args.model.load()?;
    let restorer = crate::Restorer::with_config(model, args.tune.config());
    let name = args.file.display().to_string();
    let mut tokens = Vec::new();
    let report = restore_and_report(
        &restorer,
        &bytes[..],
        &name,
        &mut std::io::sink(),
        Some(&mut tokens),
        &opts,
        &|_, _| {},
    )
    .map_err(|e| match e {
        DocError::Read(m) => anyhow::anyhow!("{name}: {m}"),
        DocError::Write(e) | DocError::Report(e) => anyhow::Error::from(e),
    })?;
    let (input_lines, restored_lines) = review::lines_from_tokens(&tokens, report.source.lines);
    let page = review::page(&input_lines, &restored_lines, &tokens, &report);
    write_atomic(&args.out, page.as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", args.out.display()))?;
    Ok(ExitCode::SUCCESS)
}
