//! `vnreport restore`: print the restored text and, optionally, every change as JSON lines.

use super::input::InputArgs;
use super::ModelArgs;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The file to restore, or - for standard input.
    file: PathBuf,
    /// Also write each change as a JSON line {line, start, end, from, to, confidence}.
    #[arg(long, value_name = "OUT.jsonl")]
    corrections: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (decoded, _) = args.input.read(&args.file)?;
    let text = decoded.text;
    let model = args.model.load()?;
    let restorer = vnreport::Restorer::with_config(&model, args.tune.config());
    let restored = restorer.restore_text(&text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    out.write_all(restored.text().as_bytes())?;
    out.flush()?;
    if let Some(path) = &args.corrections {
        let mut buf = String::new();
        for c in restored.corrections() {
            buf.push_str(&serde_json::to_string(c)?);
            buf.push('\n');
        }
        std::fs::write(path, buf).with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
