//! One document of a batch: read it block by block, decode, restore, stream the restored
//! text out, extract, and write the JSON report; or recognise outputs that are up to date.

use super::atomic::{write_atomic, AtomicFile};
use super::chunk::Chunker;
use super::parallel::restore_in_parallel;
use super::walk::Input;
use crate::extract::{extract, locate_in_file, DocumentMeta, Extraction};
use crate::report::{build_report, to_json, Producer, Report, RestorationSummary, SourceInfo};
use crate::restore::{Detail, Restoration, Restorer, TokenRecord};
use crate::review;
use crate::text::decode::{BlockDecoder, DecodeOptions, Encoding};
use crate::text::filemap::FileMap;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where a document's outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    /// `<stem>.restored.txt`
    pub restored: PathBuf,
    /// `<stem>.json`
    pub json: PathBuf,
    /// `<stem>.review.html`, when review pages are asked for.
    pub review: Option<PathBuf>,
}

impl Outputs {
    /// The outputs of `input` under `out_dir`.
    pub fn new(out_dir: &Path, input: &Input) -> Outputs {
        let stem = out_dir.join(input.output_stem());
        let with = |suffix: &str| {
            let mut s = stem.clone().into_os_string();
            s.push(suffix);
            PathBuf::from(s)
        };
        Outputs { restored: with(".restored.txt"), json: with(".json"), review: None }
    }

    /// The same outputs plus the review page `<stem>.review.html`.
    pub fn with_review(mut self) -> Outputs {
        // the JSON is `<stem>.json`: drop ".json" and add ".review.html"
        let mut page = self.json.with_extension("").into_os_string();
        page.push(".review.html");
        self.review = Some(PathBuf::from(page));
        self
    }
}

/// How documents are read.
#[derive(Debug, Clone, Copy)]
pub struct DocOptions {
    /// Encoding and error handling.
    pub decode: DecodeOptions,
    /// Documents are decoded and restored in blocks of about this many bytes.
    pub block_bytes: usize,
    /// The time a document may take: checked after each block, so a document stops at most
    /// one block past it; `None` for no limit (see [`TimeBudget`]).
    pub budget: Option<Duration>,
}

/// How long a document of a batch may take: so many seconds per started MiB of input, so that
/// one pathological file (a hang, or work that grows faster than its size) cannot stall a
/// batch, while large files get time in proportion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeBudget {
    /// Seconds per started MiB of input.
    pub secs_per_mib: f64,
}

impl TimeBudget {
    /// The default: 30 s per MiB, about four times the slowest pace measured on legitimate
    /// text (10^6 short lines of "a b", 7 s per MiB on one core).
    pub const DEFAULT: TimeBudget = TimeBudget { secs_per_mib: 30.0 };

    /// The time allowed to a document of `bytes` bytes.
    pub fn for_bytes(self, bytes: u64) -> Duration {
        let mib = bytes.div_ceil(1 << 20).max(1);
        Duration::from_secs_f64(self.secs_per_mib * mib as f64)
    }
}

/// The report of a document whose outputs exist, whose JSON reads back, and which records
/// `producer` (this vnreport version and model) and the input's SHA-256 now; `None` when it
/// must be processed (a file edited, or copied over with an old modification time, is
/// redone, and so is a report of another version or model).
pub fn up_to_date(input: &Input, outputs: &Outputs, producer: &Producer) -> Option<Report> {
    if !outputs.restored.is_file() || outputs.review.as_ref().is_some_and(|p| !p.is_file()) {
        return None;
    }
    let report: Report = serde_json::from_slice(&fs::read(&outputs.json).ok()?).ok()?;
    if report.producer != *producer {
        return None;
    }
    let mut hasher = Sha256::new();
    let mut file = fs::File::open(&input.path).ok()?;
    std::io::copy(&mut file, &mut hasher).ok()?;
    let sha: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    (sha == report.source.sha256).then_some(report)
}

/// Process `input`: write its restored text, its review page when `outputs` has one, and
/// its JSON report (last), atomically, and return the report, or the reason it could not be processed. `on_block(bytes, tokens)` is called
/// after each block.
pub fn process(
    restorer: &Restorer,
    input: &Input,
    outputs: &Outputs,
    opts: &DocOptions,
    on_block: &dyn Fn(u64, u64),
) -> Result<Report, String> {
    let meta = fs::metadata(&input.path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".into());
    }
    let file = fs::File::open(&input.path).map_err(|e| format!("cannot read: {e}"))?;
    let mut restored_out =
        AtomicFile::create(&outputs.restored).map_err(|e| write_error(&outputs.restored, e))?;
    let mut tokens = Vec::new();
    let report = restore_and_report(
        restorer,
        file,
        &input.path.display().to_string(),
        &mut restored_out,
        outputs.review.is_some().then_some(&mut tokens),
        opts,
        on_block,
    )
    .map_err(|e| match e {
        DocError::Read(m) => m,
        DocError::Write(e) => write_error(&outputs.restored, e),
    })?;
    let mut json = to_json(&report, true);
    json.push('\n');
    restored_out.commit().map_err(|e| write_error(&outputs.restored, e))?;
    if let Some(path) = &outputs.review {
        let (input_lines, restored_lines) = review::lines_from_tokens(&tokens, report.source.lines);
        let page = review::page(&input_lines, &restored_lines, &tokens, &report);
        drop(tokens);
        write_atomic(path, page.as_bytes()).map_err(|e| write_error(path, e))?;
    }
    write_atomic(&outputs.json, json.as_bytes()).map_err(|e| write_error(&outputs.json, e))?;
    Ok(report)
}

/// Why a document could not be restored: its input (read or decode), or the restored text's sink.
#[derive(Debug)]
pub enum DocError {
    /// The input could not be read or decoded, or took longer than its time budget (the
    /// message says where).
    Read(String),
    /// The restored text could not be written.
    Write(std::io::Error),
}

/// The one document path: read `source` block by block, decode, restore, write the restored
/// text to `restored_out` as it comes, extract, and return the report (`path` is what the
/// report names as the source); with `tokens`, also describe every token there.
/// `on_block(bytes, tokens)` is called after each block.
pub fn restore_and_report(
    restorer: &Restorer,
    source: impl std::io::Read,
    path: &str,
    restored_out: &mut impl Write,
    mut tokens: Option<&mut Vec<TokenRecord>>,
    opts: &DocOptions,
    on_block: &dyn Fn(u64, u64),
) -> Result<Report, DocError> {
    let started = Instant::now();
    let over_budget = |offset: u64| match opts.budget {
        Some(budget) if started.elapsed() > budget => Err(DocError::Read(format!(
            "stopped after {:.1} s, over its time budget of {:.1} s, at byte {offset} (--time-budget)",
            started.elapsed().as_secs_f64(),
            budget.as_secs_f64()
        ))),
        _ => Ok(()),
    };
    let mut chunks = Chunker::new(source, opts.block_bytes);
    let mut hasher = Sha256::new();
    let mut acc = Accumulator::default();
    let mut decoder = BlockDecoder::new(opts.decode, false);
    let mut encoding = Encoding::Utf8;
    let mut offset = 0u64;
    let mut pending: Option<Pending> = None;
    while let Some(block) =
        chunks.next_block().map_err(|e| DocError::Read(format!("read error after byte {offset}: {e}")))?
    {
        hasher.update(&block);
        let (decoded, map) = decoder.next_mapped(&block).map_err(|e| {
            DocError::Read(if offset == 0 {
                e.to_string()
            } else {
                format!("{e} (in the block starting at byte {offset})")
            })
        })?;
        encoding = decoded.encoding;
        // extract the previous block while this one is restored: one big file uses two cores
        let lines_before = acc.lines + pending.as_ref().map_or(0, |(r, _, _)| r.lines.len());
        let want_tokens = tokens.is_some();
        let ((restoration, block_tokens), previous) = rayon::join(
            || {
                restore_in_parallel(
                    restorer,
                    &decoded.text,
                    if want_tokens { Detail::Tokens } else { Detail::Lines },
                )
            },
            || pending.take().map(|(r, map, len): Pending| (acc.add(&r, &map), len)),
        );
        drop(decoded);
        if let Some(out) = tokens.as_deref_mut() {
            out.extend(block_tokens.into_iter().map(|mut t| {
                t.line += lines_before;
                t
            }));
        }
        if let Some((tokens, len)) = previous {
            on_block(len, tokens as u64);
        }
        for line in &restoration.lines {
            restored_out
                .write_all(line.text.as_bytes())
                .and_then(|_| restored_out.write_all(line.ending.as_bytes()))
                .map_err(DocError::Write)?;
        }
        pending = Some((restoration, map.at_offset(offset), block.len() as u64));
        offset += block.len() as u64;
        over_budget(offset)?;
    }
    if let Some((r, map, len)) = pending.take() {
        let tokens = acc.add(&r, &map);
        on_block(len, tokens as u64);
    }
    over_budget(offset)?;
    let source = SourceInfo {
        path: path.to_string(),
        bytes: offset,
        sha256: hasher.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        lines: acc.lines,
        encoding: encoding.name().to_string(),
        offsets: crate::report::OFFSETS.to_string(),
    };
    Ok(acc.into_report(source).made_with(restorer.model()))
}

/// A restored block waiting for extraction: its restoration, its map to the file, its bytes.
type Pending = (Restoration, FileMap, u64);

fn write_error(path: &Path, e: std::io::Error) -> String {
    format!("cannot write {}: {e}", path.display())
}

/// What the blocks of a document add up to.
#[derive(Default)]
struct Accumulator {
    lines: usize,
    tokens: usize,
    changed: usize,
    confidence_sum: f64,
    extraction: Extraction,
}

impl Accumulator {
    /// Add one restored block (`map` points it at the file); returns its word tokens.
    fn add(&mut self, restoration: &Restoration, map: &FileMap) -> usize {
        let (tokens, changed, _) = restoration.stats();
        self.tokens += tokens;
        self.changed += changed;
        self.confidence_sum += restoration.lines.iter().map(|l| l.confidence_sum).sum::<f64>();
        let mut ex = extract(restoration);
        locate_in_file(&mut ex, map, &restoration.lines);
        for i in &mut ex.indicators {
            i.span.line += self.lines;
        }
        for r in &mut ex.references {
            r.span.line += self.lines;
        }
        merge_meta(&mut self.extraction.document, ex.document);
        self.extraction.indicators.append(&mut ex.indicators);
        self.extraction.references.append(&mut ex.references);
        self.lines += restoration.lines.len();
        tokens
    }

    /// The document's report; this is the one place where the JSON is assembled.
    fn into_report(self, source: SourceInfo) -> Report {
        let mut report = build_report(source, &Restoration::default(), &self.extraction);
        let mean = if self.tokens == 0 { 1.0 } else { self.confidence_sum / self.tokens as f64 };
        report.restoration = RestorationSummary {
            tokens: self.tokens,
            changed: self.changed,
            mean_confidence: if mean.is_finite() { mean } else { 0.0 },
        };
        report
    }
}

/// Keep the first value found for each field (the heading is in the first block, the
/// signature in the last).
fn merge_meta(into: &mut DocumentMeta, from: DocumentMeta) {
    let fields = [
        (&mut into.number, from.number),
        (&mut into.date, from.date),
        (&mut into.issuer, from.issuer),
        (&mut into.title, from.title),
        (&mut into.recipient, from.recipient),
        (&mut into.signer, from.signer),
        (&mut into.signer_title, from.signer_title),
        (&mut into.period, from.period),
    ];
    for (slot, value) in fields {
        if slot.is_none() {
            *slot = value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    const REPORT: &str = "Số: 125/BC-UBND\n\
        Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n\
        \n\
        Thực hiện Quyết định số 5085/QĐ-UBND ngày 20/12/2023, các sở đã tiếp nhận 12.450 hồ sơ.\n";

    #[test]
    fn small_blocks_keep_line_numbers_and_text() {
        let restorer = Restorer::new(Model::shipped().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let text = REPORT.repeat(6);
        let path = dir.path().join("r.txt");
        fs::write(&path, &text).unwrap();
        let input = Input { path: path.clone(), relative: "r.txt".into(), bytes: text.len() as u64 };
        let outputs = Outputs::new(&dir.path().join("out"), &input);
        let mut reports = Vec::new();
        for block_bytes in [200, 1 << 20] {
            let blocks = std::cell::Cell::new(0);
            let opts = DocOptions { decode: DecodeOptions::default(), block_bytes, budget: None };
            let report =
                process(&restorer, &input, &outputs, &opts, &|_, _| blocks.set(blocks.get() + 1)).unwrap();
            assert_eq!(fs::read_to_string(&outputs.restored).unwrap(), text);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(report.source.lines, lines.len());
            assert_eq!(report.source.bytes, text.len() as u64);
            for i in &report.indicators {
                assert!(lines[i.span.line - 1].contains(&i.raw), "{} on line {}", i.raw, i.span.line);
            }
            assert!(blocks.get() > 1 || block_bytes > text.len());
            reports.push(report);
        }
        assert_eq!(reports[0].indicators.len(), reports[1].indicators.len());
        assert_eq!(reports[0].references.len(), reports[1].references.len());
        assert_eq!(reports[0].source.sha256, reports[1].source.sha256);
        assert_eq!(reports[0].document, reports[1].document);
        assert_eq!(reports[0].restoration.tokens, reports[1].restoration.tokens);
    }

    #[test]
    fn spans_point_at_the_file_across_blocks() {
        use unicode_normalization::UnicodeNormalization;
        let restorer = Restorer::new(Model::shipped().unwrap());
        let dir = tempfile::tempdir().unwrap();
        // NFD, CRLF, in blocks of about 200 bytes: every offset differs from the decoded text's
        let text: String = REPORT.repeat(5).replace('\n', "\r\n").nfd().collect();
        let path = dir.path().join("r.txt");
        fs::write(&path, &text).unwrap();
        let input = Input { path: path.clone(), relative: "r.txt".into(), bytes: text.len() as u64 };
        let outputs = Outputs::new(&dir.path().join("out"), &input);
        let opts = DocOptions { decode: DecodeOptions::default(), block_bytes: 200, budget: None };
        let report = process(&restorer, &input, &outputs, &opts, &|_, _| {}).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let spans = report.indicators.iter().map(|i| (i.span.line, i.span, &i.raw));
        let spans = spans.chain(report.references.iter().map(|r| (r.span.line, r.span, &r.raw)));
        let mut n = 0;
        for (line, f, raw) in spans {
            let (a, b) = (f.byte_start.unwrap() as usize, f.byte_end.unwrap() as usize);
            let by_bytes: String = text[a..b].nfc().collect();
            let by_chars: String = lines[line - 1]
                .chars()
                .skip(f.file_start.unwrap())
                .take(f.file_end.unwrap() - f.file_start.unwrap())
                .nfc()
                .collect();
            assert_eq!(by_bytes, by_chars, "line {line}");
            assert_eq!(&by_bytes, raw, "line {line}");
            n += 1;
        }
        assert!(n >= 15, "{n} spans");
    }

    #[test]
    fn undecodable_blocks_name_their_offset_and_leave_no_output() {
        let restorer = Restorer::new(Model::shipped().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        let mut bytes = REPORT.repeat(4).into_bytes();
        bytes.extend_from_slice(b"tail\0\n");
        fs::write(&path, &bytes).unwrap();
        let input = Input { path, relative: "r.txt".into(), bytes: bytes.len() as u64 };
        let outputs = Outputs::new(&dir.path().join("out"), &input);
        let opts = DocOptions { decode: DecodeOptions::default(), block_bytes: 200, budget: None };
        let err = process(&restorer, &input, &outputs, &opts, &|_, _| {}).unwrap_err();
        assert!(err.contains("binary") && err.contains("block starting at byte"), "{err}");
        assert!(!outputs.restored.exists() && !outputs.json.exists());
        assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 0, "temporary file removed");
    }
}
