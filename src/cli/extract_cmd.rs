//! `vnreport extract FILE`: read a report in any supported encoding, restore it, extract its
//! indicators, references and metadata, and print the JSON report.

use super::input::InputArgs;
use super::ModelArgs;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vnreport::extract::{extract, locate_in_file};
use vnreport::report::{build_report, to_json, SourceInfo};

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
    /// Largest input read, in bytes (extract holds the whole text; 1 GiB by default).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 30)]
    max_bytes: u64,
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
    let (decoded, map, bytes) = args.input.read_mapped(&args.file, args.max_bytes)?;
    let model = args.model.load()?;
    let restorer = vnreport::Restorer::with_config(&model, args.tune.config());
    let restoration = restorer.restore_text(&decoded.text);
    let mut extraction = extract(&restoration);
    locate_in_file(&mut extraction, &map, &restoration.lines);
    let source = SourceInfo::new(
        args.file.display().to_string(),
        &bytes,
        restoration.lines.len(),
        decoded.encoding.name(),
    );
    let report = build_report(source, &restoration, &extraction).made_with(&model);
    if let Some(p) = &args.text {
        std::fs::write(p, restoration.text()).with_context(|| format!("{}: cannot write", p.display()))?;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "{}", to_json(&report, args.pretty))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
