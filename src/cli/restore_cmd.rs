//! `vnreport restore`: print the restored text and, optionally, every change as JSON lines.
//! The input is read in blocks of 16 MB (its first 64 KB checked before anything else, so
//! binary or undecodable data fails at once), decoded block by block, and restored and
//! written in pieces of whole lines (about 4 MB each, cut after a blank line when one is
//! near), so memory stays bounded whatever the size of the input, endless ones included.

use super::chunks::{pieces, settled_prefix};
use super::input::InputArgs;
use super::out::note;
use super::ModelArgs;
use crate::pipeline::{restore_in_parallel, Chunker};
use crate::restore::Detail;
use crate::text::decode::BlockDecoder;
use anyhow::Context;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Bytes of text restored at a time.
const PIECE_BYTES: usize = 4 << 20;
/// Bytes of input read and decoded at a time; an input up to this size is decoded whole
/// (and its encoding detected on all of it).
const BLOCK_BYTES: usize = 16 << 20;
/// Longest line of an input longer than a block (a line is restored whole).
const MAX_LINE_BYTES: usize = 64 << 20;

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
    /// Also write what decoding changed (NFC composition, tone placement) as JSON lines
    /// {line, start, end, from, to, reason}, offsets in the decoded line before
    /// normalisation; applied before the corrections they give the output (docs/json.md).
    #[arg(long, value_name = "OUT.jsonl")]
    decoding: Option<PathBuf>,
    /// Bytes read and decoded at a time (for tests; the default is 16 MB).
    #[arg(long, value_name = "N", hide = true, default_value_t = BLOCK_BYTES)]
    block_bytes: usize,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

/// A JSON-lines output file.
struct JsonLines {
    file: BufWriter<File>,
    path: PathBuf,
}

impl JsonLines {
    fn create(path: &Path) -> anyhow::Result<JsonLines> {
        let f = File::create(path).with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(JsonLines { file: BufWriter::new(f), path: path.to_path_buf() })
    }

    fn write<T: serde::Serialize>(&mut self, record: &T) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.file, record)
            .map_err(std::io::Error::from)
            .and_then(|_| self.file.write_all(b"\n"))
            .with_context(|| format!("{}: cannot write", self.path.display()))
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.file.flush().with_context(|| format!("{}: cannot write", self.path.display()))
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::out::require_stdout()?;
    for out in args.corrections.iter().chain(&args.tokens).chain(&args.decoding) {
        super::out::check_distinct(out, &args.file)?;
    }
    let path = &args.file;
    let read_error = |offset: usize| format!("{}: read error after byte {offset}", path.display());
    let mut chunker =
        Chunker::new(args.input.open_checked(path)?, args.block_bytes.max(64)).max_lines(usize::MAX);
    let mut decoder = BlockDecoder::new(args.input.options()?, args.decoding.is_some());
    // the first block is decoded before any output is created, so a file that cannot be read
    // leaves nothing behind
    let first = chunker.next_block().with_context(|| read_error(0))?.unwrap_or_default();
    let mut offset = first.len();
    let (decoded, changes) = decoder.next(&first).map_err(|e| e.with_path(path))?;
    drop(first);
    let mut replaced = decoded.replaced;
    let mut text = decoded.text;
    args.model.start_threads()?;
    let model = args.model.load()?;
    let restorer = crate::Restorer::with_config(model, args.tune.config());
    let detail = if args.tokens.is_some() { Detail::Tokens } else { Detail::Lines };
    let mut corrections = args.corrections.as_deref().map(JsonLines::create).transpose()?;
    let mut token_out = args.tokens.as_deref().map(JsonLines::create).transpose()?;
    let mut decoding_out = args.decoding.as_deref().map(JsonLines::create).transpose()?;
    if let Some(out) = &mut decoding_out {
        changes.iter().try_for_each(|c| out.write(c))?;
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut lines_before = 0;
    let mut eof = chunker.at_end();
    loop {
        let settled = if eof { text.len() } else { settled_prefix(&text) };
        if !eof && settled == 0 && text.len() > MAX_LINE_BYTES.max(4 * args.block_bytes) {
            anyhow::bail!(
                "{}: a line longer than {} MB (at byte {offset}); not restored",
                path.display(),
                MAX_LINE_BYTES >> 20
            );
        }
        for piece in pieces(&text[..settled], PIECE_BYTES) {
            let (mut restored, mut tokens) = restore_in_parallel(&restorer, piece, detail);
            for line in &mut restored.lines {
                out.write_all(line.text.as_bytes())?;
                out.write_all(line.ending.as_bytes())?;
            }
            if let Some(file) = &mut corrections {
                for c in restored.lines.iter_mut().flat_map(|l| l.corrections.iter_mut()) {
                    c.line += lines_before;
                    file.write(c)?;
                }
            }
            if let Some(file) = &mut token_out {
                for t in &mut tokens {
                    t.line += lines_before;
                    file.write(t)?;
                }
            }
            lines_before += restored.lines.len();
        }
        if eof {
            break;
        }
        text.drain(..settled);
        match chunker.next_block().with_context(|| read_error(offset))? {
            None => eof = true,
            Some(block) => {
                eof = chunker.at_end();
                offset += block.len();
                let (decoded, changes) = decoder.next(&block).map_err(|e| e.with_path(path))?;
                replaced += decoded.replaced;
                text.push_str(&decoded.text);
                if let Some(out) = &mut decoding_out {
                    changes.iter().try_for_each(|c| out.write(c))?;
                }
            }
        }
    }
    out.flush()?;
    for file in corrections.into_iter().chain(token_out).chain(decoding_out) {
        file.finish()?;
    }
    if replaced > 0 {
        note!("vnreport: {}: {} undecodable bytes replaced", path.display(), replaced);
    }
    Ok(ExitCode::SUCCESS)
}
