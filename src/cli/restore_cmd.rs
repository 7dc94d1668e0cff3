//! `vnreport restore`: print the restored text and, optionally, every change as JSON lines.
//! The decoded text is restored and written in pieces of whole lines (about 4 MB each, cut
//! after a blank line when one is near), so a huge file needs little more memory than its text.

use super::chunks::pieces;
use super::input::InputArgs;
use super::ModelArgs;
use anyhow::Context;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Bytes of text restored at a time.
const PIECE_BYTES: usize = 4 << 20;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The file to restore, or - for standard input.
    file: PathBuf,
    /// Also write each change as a JSON line {line, start, end, from, to, confidence}.
    #[arg(long, value_name = "OUT.jsonl")]
    corrections: Option<PathBuf>,
    /// Also write every token as a JSON line {line, start, end, out_start, out_end, input,
    /// output, kind, confidence, alternatives} (docs/json.md).
    #[arg(long, value_name = "OUT.jsonl")]
    tokens: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    for out in args.corrections.iter().chain(&args.tokens) {
        super::out::check_distinct(out, &args.file)?;
    }
    let (decoded, _) = args.input.read(&args.file)?;
    let text = decoded.text;
    let model = args.model.load()?;
    let restorer = vnreport::Restorer::with_config(&model, args.tune.config());
    let create = |path: &PathBuf| -> anyhow::Result<(BufWriter<File>, PathBuf)> {
        let f = File::create(path).with_context(|| format!("{}: cannot write", path.display()))?;
        Ok((BufWriter::new(f), path.clone()))
    };
    let mut corrections = args.corrections.as_ref().map(create).transpose()?;
    let mut token_out = args.tokens.as_ref().map(create).transpose()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut lines_before = 0;
    for piece in pieces(&text, PIECE_BYTES) {
        let (mut restored, mut tokens) = match token_out {
            Some(_) => restorer.restore_tokens(piece),
            None => (restorer.restore_text(piece), Vec::new()),
        };
        for line in &mut restored.lines {
            out.write_all(line.text.as_bytes())?;
            out.write_all(line.ending.as_bytes())?;
        }
        if let Some((file, path)) = &mut corrections {
            for c in restored.lines.iter_mut().flat_map(|l| l.corrections.iter_mut()) {
                c.line += lines_before;
                serde_json::to_writer(&mut *file, c)?;
                file.write_all(b"\n").with_context(|| format!("{}: cannot write", path.display()))?;
            }
        }
        if let Some((file, path)) = &mut token_out {
            for t in &mut tokens {
                t.line += lines_before;
                serde_json::to_writer(&mut *file, t)?;
                file.write_all(b"\n").with_context(|| format!("{}: cannot write", path.display()))?;
            }
        }
        lines_before += restored.lines.len();
    }
    out.flush()?;
    for (mut file, path) in corrections.into_iter().chain(token_out) {
        file.flush().with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
