//! `vnreport restore`: print the restored text and, optionally, every change as JSON lines.
//! The input goes through the one document path (`pipeline::read_document`) without
//! extraction: read in blocks (its first 64 KB checked before anything else,
//! so binary or undecodable data fails at once), decoded, restored and written block by
//! block, so memory stays bounded whatever the size of the input, endless ones included.

use super::input::InputArgs;
use super::out::note;
use super::ModelArgs;
use crate::pipeline::{read_document, BlockSink, DocError, DocOptions, RestoredBlock, DEFAULT_BLOCK_BYTES};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Bytes read and decoded at a time (for tests; the default is 4 MiB).
    #[arg(long, value_name = "N", hide = true, default_value_t = DEFAULT_BLOCK_BYTES)]
    block_bytes: usize,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

/// A JSON-lines output file, created when the first block comes (so that an input that
/// cannot be read leaves nothing behind).
struct JsonLines {
    file: Option<BufWriter<File>>,
    path: PathBuf,
}

impl JsonLines {
    fn new(path: &Path) -> JsonLines {
        JsonLines { file: None, path: path.to_path_buf() }
    }

    fn named(&self, e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), format!("{}: cannot write: {e}", self.path.display()))
    }

    fn file(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        if self.file.is_none() {
            let f = File::create(&self.path).map_err(|e| self.named(e))?;
            self.file = Some(BufWriter::new(f));
        }
        Ok(self.file.as_mut().expect("created above"))
    }

    fn write<T: serde::Serialize>(&mut self, record: &T) -> std::io::Result<()> {
        let file = self.file()?;
        let written = serde_json::to_writer(&mut *file, record)
            .map_err(std::io::Error::from)
            .and_then(|_| file.write_all(b"\n"));
        written.map_err(|e| self.named(e))
    }

    fn finish(mut self) -> std::io::Result<()> {
        let flushed = self.file()?.flush();
        flushed.map_err(|e| self.named(e))
    }
}

/// Where `restore` puts each block: the text to stdout, the records to their files.
struct RestoreOut<W> {
    text: W,
    corrections: Option<JsonLines>,
    tokens: Option<JsonLines>,
    decoding: Option<JsonLines>,
}

impl<W: Write> BlockSink for RestoreOut<W> {
    fn wants_tokens(&self) -> bool {
        self.tokens.is_some()
    }
    fn wants_decoding(&self) -> bool {
        self.decoding.is_some()
    }
    fn block(&mut self, block: RestoredBlock<'_>) -> std::io::Result<()> {
        if let Some(out) = &mut self.decoding {
            block.decoding.iter().try_for_each(|c| out.write(c))?;
        }
        crate::pipeline::write_lines(&mut self.text, block.restoration)?;
        if let Some(out) = &mut self.corrections {
            block.restoration.lines.iter().flat_map(|l| &l.corrections).try_for_each(|c| out.write(c))?;
        }
        if let Some(out) = &mut self.tokens {
            block.tokens.iter().try_for_each(|t| out.write(t))?;
        }
        Ok(())
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::out::require_stdout()?;
    for out in args.corrections.iter().chain(&args.tokens).chain(&args.decoding) {
        super::out::check_distinct(out, &args.file)?;
    }
    let path = &args.file;
    let source = args.input.open_checked(path)?;
    let opts =
        DocOptions { decode: args.input.options()?, block_bytes: args.block_bytes.max(64), budget: None };
    args.model.start_threads()?;
    let model = args.model.load()?;
    let restorer = crate::Restorer::with_config(model, args.tune.config());
    let mut out = RestoreOut {
        text: BufWriter::new(std::io::stdout().lock()),
        corrections: args.corrections.as_deref().map(JsonLines::new),
        tokens: args.tokens.as_deref().map(JsonLines::new),
        decoding: args.decoding.as_deref().map(JsonLines::new),
    };
    let name = path.display().to_string();
    let read =
        read_document(&restorer, source, &name, &opts, &mut out, None, &|_, _| {}).map_err(|e| match e {
            DocError::Read(m) => anyhow::anyhow!("{name}: {m}"),
            DocError::Write(e) | DocError::Report(e) => anyhow::Error::from(e),
        })?;
    out.text.flush()?;
    for file in [out.corrections, out.tokens, out.decoding].into_iter().flatten() {
        file.finish()?;
    }
    if read.replaced > 0 {
        note!("vnreport: {}: {} undecodable bytes replaced", path.display(), read.replaced);
    }
    Ok(ExitCode::SUCCESS)
}
