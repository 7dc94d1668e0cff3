//! `vnreport stream`: JSON Lines in, JSON Lines out, one document a line, for engines that
//! pipe records through a program (Spark's `RDD.pipe`, Hadoop Streaming, GNU parallel).
//! Input `{"id": …, "text": "…"}` or `{"id": …, "path": "…"}`; output `{"id", "restored",
//! "report"}` or `{"id", "line", "error"}`, in input order. A bad line is an error record,
//! never the end of the stream; only a closed or failing stdout, or an unusable model, stops it.

use super::input::InputArgs;
use super::ModelArgs;
use crate::pipeline::{restore_and_report, DocError, DocOptions, DEFAULT_BLOCK_BYTES};
use crate::Restorer;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// What an output record carries besides its id.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The restored text.
    Restored,
    /// The extraction report (the JSON of `vnreport extract`).
    Report,
    /// Every token with its spans, confidence and alternatives (as `restore --tokens`).
    Tokens,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What each record carries besides its id, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Field::Restored, Field::Report])]
    fields: Vec<Field>,
    /// Longest input line, in bytes; a longer one becomes an error record.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_bytes: usize,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

/// One input line: its number, and its bytes or why it was not read whole.
type Line = (usize, Result<Vec<u8>, TooLong>);

/// A line longer than `--max-bytes` (which it names): consumed, not read.
#[derive(Debug, Clone, Copy)]
struct TooLong(usize);

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line longer than --max-bytes {}", self.0)
    }
}

/// Read the next line of at most `max` bytes (its end of line dropped); a longer one is
/// consumed and reported. `None` at the end of input.
fn next_line(reader: &mut impl BufRead, max: usize) -> std::io::Result<Option<Result<Vec<u8>, TooLong>>> {
    let mut buf = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > max + 1 {
                too_long = true;
                buf = Vec::new();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(Err(TooLong(max))));
    }
    while buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        buf.pop();
    }
    Ok(Some(Ok(buf)))
}

/// The output record of one input line.
fn record(restorer: &Restorer, opts: &DocOptions, fields: &[Field], (number, line): &Line) -> String {
    let fail = |id: Value, msg: String| json!({ "id": id, "line": number, "error": msg }).to_string();
    let line = match line {
        Ok(l) => l,
        Err(too_long) => return fail(Value::Null, too_long.to_string()),
    };
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return fail(Value::Null, format!("not JSON: {e}")),
    };
    let Some(obj) = value.as_object() else { return fail(Value::Null, "not a JSON object".into()) };
    let Some(id) = obj.get("id").cloned() else { return fail(Value::Null, "no \"id\"".into()) };
    let label = match &id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut restored = Vec::new();
    let mut tokens = Vec::new();
    let want = fields.contains(&Field::Tokens).then_some(&mut tokens);
    let result = match (obj.get("text"), obj.get("path")) {
        (Some(Value::String(text)), None) => {
            restore_and_report(restorer, text.as_bytes(), &label, &mut restored, want, opts, &|_, _| {})
        }
        (None, Some(Value::String(path))) => match std::fs::File::open(path) {
            Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => {
                restore_and_report(restorer, f, path, &mut restored, want, opts, &|_, _| {})
            }
            Ok(_) => Err(DocError::Read(format!("{path}: not a regular file"))),
            Err(e) => Err(DocError::Read(format!("{path}: cannot read: {e}"))),
        },
        _ => return fail(id, "give a string \"text\" or a string \"path\" (one of them)".into()),
    };
    let report = match result {
        Ok(r) => r,
        Err(DocError::Read(msg)) => return fail(id, msg),
        Err(DocError::Write(e) | DocError::Report(e)) => return fail(id, e.to_string()),
    };
    // written by hand so the report is the exact text `extract` writes (no float round trip)
    let mut out = format!("{{\"id\":{id}");
    if fields.contains(&Field::Restored) {
        out.push_str(",\"restored\":");
        out.push_str(&Value::String(String::from_utf8_lossy(&restored).into_owned()).to_string());
    }
    if fields.contains(&Field::Report) {
        out.push_str(",\"report\":");
        out.push_str(&crate::report::to_json(&report, false));
    }
    if fields.contains(&Field::Tokens) {
        out.push_str(",\"tokens\":");
        match serde_json::to_string(&tokens) {
            Ok(t) => out.push_str(&t),
            Err(e) => return fail(Value::Null, e.to_string()),
        }
    }
    out.push('}');
    out
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    args.model.start_threads()?;
    let model = args.model.load()?;
    let restorer = Restorer::with_config(model, args.tune.config());
    let opts = DocOptions { decode: args.input.options()?, block_bytes: DEFAULT_BLOCK_BYTES, budget: None };
    // a few documents per thread in flight: order kept, memory bounded
    let window = rayon::current_num_threads() * 2;
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut number = 0usize;
    loop {
        let mut batch: Vec<Line> = Vec::with_capacity(window);
        while batch.len() < window {
            match next_line(&mut reader, args.max_bytes)? {
                Some(line) => {
                    number += 1;
                    if line.as_ref().is_ok_and(|l| l.iter().all(u8::is_ascii_whitespace)) {
                        continue;
                    }
                    batch.push((number, line));
                }
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let records: Vec<String> =
            batch.par_iter().map(|l| record(&restorer, &opts, &args.fields, l)).collect();
        for r in records {
            out.write_all(r.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
