//! One document of a batch: its outputs (restored text, review page, JSON report), written
//! atomically, or recognised as up to date.

use super::atomic::{write_atomic, AtomicFile};
use super::walk::Input;
use crate::error::{Error, ErrorKind, Result};
use crate::pipeline::{restore_and_report, restore_and_write_report, DocError, DocOptions};
use crate::report::{read_report, to_json, Producer, ReportHead};
use crate::restore::Restorer;
use crate::review;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// The report of a document whose outputs exist, whose JSON reads back, and which records
/// `producer` (this vnreport version and model) and the input's SHA-256 now; `None` when it
/// must be processed (a file edited, or copied over with an old modification time, is
/// redone, and so is a report of another version or model).
pub fn up_to_date(input: &Input, outputs: &Outputs, producer: &Producer) -> Option<ReportHead> {
    if !outputs.restored.is_file() || outputs.review.as_ref().is_some_and(|p| !p.is_file()) {
        return None;
    }
    let report = read_report(fs::File::open(&outputs.json).ok()?, &mut |_, _, _| {}).ok()?;
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
/// its JSON report (last), atomically, and return the report without its items, or the reason
/// it could not be processed. `on_block(bytes, tokens)` is called after each block. Memory is
/// bounded by a block, except with a review page, which shows every token of the document.
pub fn process(
    restorer: &Restorer,
    input: &Input,
    outputs: &Outputs,
    opts: &DocOptions,
    on_block: &dyn Fn(u64, u64),
) -> Result<ReportHead> {
    let meta =
        fs::metadata(&input.path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(Error::new(ErrorKind::Io, "is a folder, not a file"));
    }
    let file =
        fs::File::open(&input.path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read: {e}")))?;
    let mut restored_out =
        AtomicFile::create(&outputs.restored).map_err(|e| write_error(&outputs.restored, e))?;
    let mut json_out = AtomicFile::create(&outputs.json).map_err(|e| write_error(&outputs.json, e))?;
    let path = input.path.display().to_string();
    let doc_error = |e| match e {
        DocError::Read(m) => Error::new(ErrorKind::Decode, m),
        DocError::Write(e) => write_error(&outputs.restored, e),
        DocError::Report(e) => write_error(&outputs.json, e),
    };
    let head = match &outputs.review {
        None => {
            restore_and_write_report(
                restorer,
                file,
                &path,
                &mut restored_out,
                opts,
                on_block,
                &mut json_out,
                true,
            )
            .map_err(doc_error)?
            .head
        }
        Some(page_path) => {
            let mut tokens = Vec::new();
            let report = restore_and_report(
                restorer,
                file,
                &path,
                &mut restored_out,
                Some(&mut tokens),
                opts,
                on_block,
            )
            .map_err(doc_error)?;
            let (input_lines, restored_lines) = review::lines_from_tokens(&tokens, report.source.lines);
            let page = review::page(&input_lines, &restored_lines, &tokens, &report);
            drop(tokens);
            write_atomic(page_path, page.as_bytes()).map_err(|e| write_error(page_path, e))?;
            json_out
                .write_all(to_json(&report, true).as_bytes())
                .map_err(|e| write_error(&outputs.json, e))?;
            report.head()
        }
    };
    json_out.write_all(b"\n").map_err(|e| write_error(&outputs.json, e))?;
    restored_out.commit().map_err(|e| write_error(&outputs.restored, e))?;
    json_out.commit().map_err(|e| write_error(&outputs.json, e))?;
    Ok(head)
}

/// An output that could not be written (the message names it; the error has no path, so that
/// it reads the same in the batch tables whatever the output folder).
fn write_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::text::decode::DecodeOptions;

    const REPORT: &str = "Số: 125/BC-UBND\n\
        Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n\
        \n\
        Thực hiện Quyết định số 5085/QĐ-UBND ngày 20/12/2023, các sở đã tiếp nhận 12.450 hồ sơ.\n";

    /// The JSON report `process` wrote.
    fn written(outputs: &Outputs) -> crate::Report {
        serde_json::from_slice(&fs::read(&outputs.json).unwrap()).unwrap()
    }

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
            let head =
                process(&restorer, &input, &outputs, &opts, &|_, _| blocks.set(blocks.get() + 1)).unwrap();
            let report = written(&outputs);
            assert_eq!(head, report.head());
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
        process(&restorer, &input, &outputs, &opts, &|_, _| {}).unwrap();
        let report = written(&outputs);
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
        assert_eq!(err.kind(), &ErrorKind::Decode);
        let err = err.to_string();
        assert!(err.contains("binary") && err.contains("block starting at byte"), "{err}");
        assert!(!outputs.restored.exists() && !outputs.json.exists());
        assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 0, "temporary file removed");
    }
}
