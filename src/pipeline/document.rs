//! The one document path: read a document block by block, decode, restore, stream the
//! restored text out, extract, and build the JSON report (in memory, or written out with its
//! figures kept in temporary files meanwhile, so that memory does not grow with the document).

use super::chunk::Chunker;
use super::parallel::restore_plan_in_parallel;
use crate::extract::{extract_block, locate_in_file, Carry, Extraction, Indicator, Reference};
use crate::report::{
    representable, write_report, Producer, Report, ReportHead, RestorationSummary, SourceInfo, Spill,
    SCHEMA_VERSION,
};
use crate::restore::{Detail, Restoration, Restorer, TokenRecord};
use crate::text::decode::{BlockDecoder, DecodeOptions, DecodingChange, Encoding};
use crate::text::filemap::FileMap;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::time::{Duration, Instant};

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

/// Why a document could not be restored: its input (read or decode), or the restored text's sink.
#[derive(Debug)]
pub enum DocError {
    /// The input could not be read or decoded, or took longer than its time budget (the
    /// message says where).
    Read(String),
    /// The restored text could not be written.
    Write(std::io::Error),
    /// The JSON report, or the temporary files that hold its figures meanwhile, could not be
    /// written.
    Report(std::io::Error),
}

/// The one document path: read `source` block by block, decode, restore, write the restored
/// text to `restored_out` as it comes, extract, and return the report (`path` is what the
/// report names as the source); with `tokens`, also describe every token there.
/// `on_block(bytes, tokens)` is called after each block. The report is held in memory: for
/// documents of any size, [`restore_and_write_report`] writes it out instead.
pub fn restore_and_report(
    restorer: &Restorer,
    source: impl std::io::Read,
    path: &str,
    restored_out: &mut impl Write,
    tokens: Option<&mut Vec<TokenRecord>>,
    opts: &DocOptions,
    on_block: &dyn Fn(u64, u64),
) -> Result<Report, DocError> {
    let mut items = Extraction::default();
    let mut text = TextSink { out: restored_out, tokens };
    let read = read_document(restorer, source, path, opts, &mut text, Some(&mut items), on_block)?;
    Ok(read.head.with_items(&items.indicators, items.references))
}

/// [`restore_and_report`] with the report written to `json_out` (as [`to_json`](crate::to_json)
/// writes it, without a final line break) rather than returned: its indicators and references
/// wait in temporary files until the document ends, so memory is bounded by a block whatever
/// the number of figures. Returns the report without its items, and how many undecodable
/// bytes were replaced.
#[allow(clippy::too_many_arguments)]
pub fn restore_and_write_report(
    restorer: &Restorer,
    source: impl std::io::Read,
    path: &str,
    restored_out: &mut impl Write,
    opts: &DocOptions,
    on_block: &dyn Fn(u64, u64),
    json_out: &mut dyn Write,
    pretty: bool,
) -> Result<DocumentRead, DocError> {
    let mut items = SpilledItems {
        indicators: Spill::temporary(pretty).map_err(DocError::Report)?,
        references: Spill::temporary(pretty).map_err(DocError::Report)?,
    };
    let mut text = TextSink { out: restored_out, tokens: None };
    let read = read_document(restorer, source, path, opts, &mut text, Some(&mut items), on_block)?;
    write_report(json_out, &read.head, items.indicators, items.references, pretty)
        .map_err(DocError::Report)?;
    Ok(read)
}

/// One restored block of a document, as the document path hands it on.
pub(crate) struct RestoredBlock<'a> {
    /// The block restored (its corrections' lines counted in the document).
    pub restoration: &'a Restoration,
    /// Every token, when the sink asks for them; lines counted in the document.
    pub tokens: Vec<TokenRecord>,
    /// What decoding changed, when the sink asks for it; lines counted in the document.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub decoding: Vec<DecodingChange>,
}

/// Where the document path puts each restored block, in order.
pub(crate) trait BlockSink {
    /// Whether blocks carry every token ([`Detail::Tokens`]).
    fn wants_tokens(&self) -> bool {
        false
    }
    /// Whether blocks carry what decoding changed.
    fn wants_decoding(&self) -> bool {
        false
    }
    /// Take one block.
    fn block(&mut self, block: RestoredBlock<'_>) -> std::io::Result<()>;
}

/// The restored text to a writer, and the tokens to a list when asked for.
struct TextSink<'a, W> {
    out: &'a mut W,
    tokens: Option<&'a mut Vec<TokenRecord>>,
}

impl<W: Write> BlockSink for TextSink<'_, W> {
    fn wants_tokens(&self) -> bool {
        self.tokens.is_some()
    }
    fn block(&mut self, block: RestoredBlock<'_>) -> std::io::Result<()> {
        if let Some(tokens) = self.tokens.as_deref_mut() {
            tokens.extend(block.tokens);
        }
        write_lines(self.out, block.restoration)
    }
}

/// Write the restored lines of `restoration`, each with its ending.
pub(crate) fn write_lines(out: &mut impl Write, restoration: &Restoration) -> std::io::Result<()> {
    for line in &restoration.lines {
        out.write_all(line.text.as_bytes())?;
        out.write_all(line.ending.as_bytes())?;
    }
    Ok(())
}

/// What reading a document found besides its text and items.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRead {
    /// The report without its items (with no extraction asked for, an empty record).
    pub head: ReportHead,
    /// Undecodable bytes replaced with U+FFFD (only when decoding is lossy).
    pub replaced: usize,
}

/// The path itself: read, decode and restore `source` block by block, hand each block to
/// `sink`, and, when `items` is given, extract each block (while the next is restored) and
/// send its items there.
pub(crate) fn read_document(
    restorer: &Restorer,
    source: impl std::io::Read,
    path: &str,
    opts: &DocOptions,
    sink: &mut dyn BlockSink,
    mut items: Option<&mut (dyn ItemSink + Send)>,
    on_block: &dyn Fn(u64, u64),
) -> Result<DocumentRead, DocError> {
    let started = Instant::now();
    let over_budget = |offset: u64| match opts.budget {
        Some(budget) if started.elapsed() > budget => Err(DocError::Read(format!(
            "stopped after {:.1} s, over its time budget of {:.1} s, at byte {offset} (--time-budget)",
            started.elapsed().as_secs_f64(),
            budget.as_secs_f64()
        ))),
        _ => Ok(()),
    };
    let mut chunks = Chunker::new(source, opts.block_bytes).in_encoding(opts.decode.encoding);
    let mut hasher = Sha256::new();
    let mut acc = Accumulator::default();
    let mut decoder = BlockDecoder::new(opts.decode, false);
    let mut encoding = Encoding::Utf8;
    let (mut offset, mut lines, mut replaced) = (0u64, 0usize, 0usize);
    let detail = if sink.wants_tokens() { Detail::Tokens } else { Detail::Lines };
    let mut pending: Option<Pending> = None;
    // where the next block starts in its first line (after a block cut inside a line)
    let mut continued: Option<LineStart> = None;
    while let Some(block) = chunks.next_block().map_err(|e| {
        DocError::Read(match e.kind() {
            std::io::ErrorKind::InvalidData => format!("{e} (at byte {offset})"),
            _ => format!("read error after byte {offset}: {e}"),
        })
    })? {
        let super::chunk::Block { bytes: block, ends_mid_line } = block;
        hasher.update(&block);
        let (decoded, map, mut decoding) =
            decoder.next_mapped(&block, sink.wants_decoding()).map_err(|e| {
                DocError::Read(if offset == 0 {
                    e.to_string()
                } else {
                    format!("{e} (in the block starting at byte {offset})")
                })
            })?;
        encoding = decoded.encoding;
        replaced += decoded.replaced;
        let plan = restorer.plan(&decoded.text, detail).continuing_a_line(continued.is_some());
        // extract the previous block while this one is restored: one big file uses two cores
        let ((mut restoration, mut tokens), previous) = rayon::join(
            || restore_plan_in_parallel(restorer, plan),
            || match (pending.take(), items.as_deref_mut()) {
                (Some(p), Some(items)) => Some(acc.add(&p, items).map(|_| (p.tokens, p.bytes))),
                _ => None,
            },
        );
        drop(decoded);
        if let Some((tokens, len)) = previous.transpose().map_err(DocError::Report)? {
            on_block(len, tokens as u64);
        }
        let block_tokens = acc.count(&restoration);
        // every record the sink gets counts lines (and columns) in the document
        let first = continued.unwrap_or_default();
        for c in restoration.lines.iter_mut().flat_map(|l| &mut l.corrections) {
            c.line += lines;
        }
        first.place_corrections(&mut restoration, true);
        for t in &mut tokens {
            (t.start, t.end) = LineStart::shift(first.input, t.line, t.start, t.end);
            (t.out_start, t.out_end) = LineStart::shift(first.restored, t.line, t.out_start, t.out_end);
            t.line += lines;
        }
        for c in &mut decoding {
            (c.start, c.end) = LineStart::shift(first.file, c.line, c.start, c.end);
            c.line += lines;
        }
        let line_start = continued;
        continued = ends_mid_line.then(|| first.after_last_line(&restoration, &map));
        lines += restoration.lines.len() - usize::from(ends_mid_line);
        sink.block(RestoredBlock { restoration: &restoration, tokens, decoding }).map_err(DocError::Write)?;
        // extraction reads the corrections against the block's own lines
        first.place_corrections(&mut restoration, false);
        if items.is_some() {
            pending = Some(Pending {
                restoration,
                map: map.at_offset(offset),
                bytes: block.len() as u64,
                tokens: block_tokens,
                line_start,
                ends_mid_line,
            });
        } else {
            on_block(block.len() as u64, block_tokens as u64);
        }
        offset += block.len() as u64;
        over_budget(offset)?;
    }
    if let (Some(p), Some(items)) = (pending.take(), items) {
        acc.add(&p, items).map_err(DocError::Report)?;
        on_block(p.bytes, p.tokens as u64);
    }
    over_budget(offset)?;
    let source = SourceInfo {
        path: path.to_string(),
        bytes: offset,
        sha256: hasher.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        lines,
        encoding: encoding.name().to_string(),
        offsets: crate::report::OFFSETS.to_string(),
    };
    Ok(DocumentRead { head: acc.into_head(source, Producer::new(restorer.model())), replaced })
}

/// Where the indicators and references of a document go, block by block.
pub(crate) trait ItemSink {
    /// Take the items of one block (spans counted in the document).
    fn take(&mut self, indicators: Vec<Indicator>, references: Vec<Reference>) -> std::io::Result<()>;
}

/// In memory.
impl ItemSink for Extraction {
    fn take(
        &mut self,
        mut indicators: Vec<Indicator>,
        mut references: Vec<Reference>,
    ) -> std::io::Result<()> {
        self.indicators.append(&mut indicators);
        self.references.append(&mut references);
        Ok(())
    }
}

/// Written as the report's JSON arrays into temporary files.
struct SpilledItems {
    indicators: Spill,
    references: Spill,
}

impl ItemSink for SpilledItems {
    fn take(&mut self, indicators: Vec<Indicator>, references: Vec<Reference>) -> std::io::Result<()> {
        for i in &indicators {
            self.indicators.push(&representable(i))?;
        }
        for r in &references {
            self.references.push(r)?;
        }
        Ok(())
    }
}

/// A restored block waiting for extraction.
struct Pending {
    restoration: Restoration,
    /// Its map to the file.
    map: FileMap,
    /// Its bytes.
    bytes: u64,
    /// Its word tokens.
    tokens: usize,
    /// Where it starts in its first line, when that line began in the block before.
    line_start: Option<LineStart>,
    /// Whether its last line goes on in the next block.
    ends_mid_line: bool,
}

/// Where a block starts in its first line, when it goes on with a line the blocks before
/// began (a line longer than a block): how many chars of that line came before it, in the
/// decoded text, the restored text and the file's own characters. A block's records count
/// columns from its own start; these place them in the line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct LineStart {
    input: usize,
    restored: usize,
    file: usize,
}

impl LineStart {
    /// Place the corrections of the block's first line in the whole line (`forward`), or
    /// back in the block's own first line, which the restored line's methods read them against.
    fn place_corrections(&self, restoration: &mut Restoration, forward: bool) {
        let Some(line) = restoration.lines.first_mut().filter(|_| self.input > 0) else { return };
        for c in &mut line.corrections {
            (c.start, c.end) = if forward {
                (c.start + self.input, c.end + self.input)
            } else {
                (c.start - self.input, c.end - self.input)
            };
        }
    }

    /// A char range `start..end` on line `line` of the block placed in the line, `by` chars
    /// (one of the fields) after the line's start: only the block's first line (1) goes on
    /// with a line.
    fn shift(by: usize, line: usize, start: usize, end: usize) -> (usize, usize) {
        if line == 1 {
            (start + by, end + by)
        } else {
            (start, end)
        }
    }

    /// Where the next block starts in its first line, when `restoration` (mapped to the file
    /// by `map`) ends inside a line: after this block's last line, and after what came
    /// before the block too when that line is also its first.
    fn after_last_line(self, restoration: &Restoration, map: &FileMap) -> LineStart {
        let n = restoration.lines.len();
        let Some(last) = restoration.lines.last() else { return self };
        let before = if n == 1 { self } else { LineStart::default() };
        let chars = last.input.chars().count();
        LineStart {
            input: before.input + chars,
            restored: before.restored + last.text.chars().count(),
            file: before.file + map.line(n, &last.input).locate(chars, true).col,
        }
    }
}

/// What the blocks of a document add up to.
#[derive(Default)]
struct Accumulator {
    /// Lines extracted so far.
    lines: usize,
    tokens: usize,
    changed: usize,
    confidence_sum: f64,
    /// What extraction carries from block to block (the document's record among it).
    carry: Carry,
    indicators: usize,
    references: usize,
}

impl Accumulator {
    /// Count the tokens and changes of one restored block; returns its word tokens.
    fn count(&mut self, restoration: &Restoration) -> usize {
        let (tokens, changed, _) = restoration.stats();
        self.tokens += tokens;
        self.changed += changed;
        self.confidence_sum += restoration.lines.iter().map(|l| l.confidence_sum).sum::<f64>();
        tokens
    }

    /// Extract one restored block, its items going to `items`.
    fn add(&mut self, block: &Pending, items: &mut (dyn ItemSink + Send)) -> std::io::Result<()> {
        let restoration = &block.restoration;
        self.carry.continues_a_line = block.line_start.is_some();
        let mut ex = extract_block(restoration, &mut self.carry);
        locate_in_file(&mut ex, &block.map, &restoration.lines);
        let first = block.line_start.unwrap_or_default();
        let spans = ex.indicators.iter_mut().map(|i| &mut i.span);
        for span in spans.chain(ex.references.iter_mut().map(|r| &mut r.span)) {
            (span.start, span.end) = LineStart::shift(first.input, span.line, span.start, span.end);
            (span.restored_start, span.restored_end) =
                LineStart::shift(first.restored, span.line, span.restored_start, span.restored_end);
            if let (Some(a), Some(b)) = (span.file_start, span.file_end) {
                let (a, b) = LineStart::shift(first.file, span.line, a, b);
                (span.file_start, span.file_end) = (Some(a), Some(b));
            }
            span.line += self.lines;
        }
        self.indicators += ex.indicators.len();
        self.references += ex.references.len();
        items.take(ex.indicators, ex.references)?;
        self.lines += restoration.lines.len() - usize::from(block.ends_mid_line);
        Ok(())
    }

    /// The document's report without its items.
    fn into_head(self, source: SourceInfo, producer: Producer) -> ReportHead {
        let mean = if self.tokens == 0 { 1.0 } else { self.confidence_sum / self.tokens as f64 };
        ReportHead {
            schema_version: SCHEMA_VERSION.to_string(),
            producer,
            source,
            document: self.carry.document,
            indicators: self.indicators,
            references: self.references,
            restoration: RestorationSummary {
                tokens: self.tokens,
                changed: self.changed,
                mean_confidence: if mean.is_finite() { mean } else { 0.0 },
            },
        }
    }
}
