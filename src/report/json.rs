//! The report's JSON text, written piece by piece: the head fields through serde, the
//! indicator and reference arrays from bodies built one item at a time (in memory, or in an
//! anonymous temporary file for a large document), so that a report never has to be held
//! whole. The bytes are exactly those `serde_json` writes for the whole [`Report`] (compact,
//! or pretty with two-space indents); a test holds the two together.

use super::{Report, ReportHead};
use serde::Serialize;
use std::io::{self, BufWriter, Read, Seek, Write};

/// Spaces per level of pretty JSON, as `serde_json` indents.
const INDENT: &[u8] = b"  ";

/// A writer that puts `depth` indents after every line break it passes on. JSON strings
/// never hold a raw line break, so this indents a pretty value written at depth 0 to sit at
/// `depth`, as `serde_json` would have written it there.
struct Indented<W> {
    out: W,
    depth: usize,
}

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (k, piece) in buf.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                self.out.write_all(b"\n")?;
                for _ in 0..self.depth {
                    self.out.write_all(INDENT)?;
                }
            }
            self.out.write_all(piece)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `value` as JSON at `depth` (only pretty output is indented).
fn write_value(out: &mut dyn Write, value: &impl Serialize, pretty: bool, depth: usize) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(Indented { out, depth }, value)
    } else {
        serde_json::to_writer(out, value)
    }
    .map_err(io::Error::from)
}

/// The text between the brackets of one array of the report (indicators or references),
/// built one item at a time into `W`: a `Vec<u8>`, or a temporary file (see [`Spill`]).
pub(crate) struct ArrayBody<W> {
    out: W,
    len: usize,
    pretty: bool,
}

/// Depth of the items of the report's arrays: inside the top object, inside the array.
const ITEM_DEPTH: usize = 2;

impl<W: Write> ArrayBody<W> {
    /// An empty body written to `out`.
    pub fn new(out: W, pretty: bool) -> ArrayBody<W> {
        ArrayBody { out, len: 0, pretty }
    }

    /// Add `item` after the others.
    pub fn push(&mut self, item: &impl Serialize) -> io::Result<()> {
        if self.pretty {
            self.out.write_all(if self.len == 0 { b"\n" } else { b",\n" })?;
            for _ in 0..ITEM_DEPTH {
                self.out.write_all(INDENT)?;
            }
        } else if self.len > 0 {
            self.out.write_all(b",")?;
        }
        write_value(&mut self.out, item, self.pretty, ITEM_DEPTH)?;
        self.len += 1;
        Ok(())
    }
}

/// An array body kept in an anonymous temporary file (in the system's temporary folder, gone
/// when closed), so that memory does not grow with the document's figures.
pub(crate) type Spill = ArrayBody<BufWriter<std::fs::File>>;

impl Spill {
    /// An empty body in a new temporary file.
    pub fn temporary(pretty: bool) -> io::Result<Spill> {
        Ok(ArrayBody::new(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?), pretty))
    }

    /// The body's text, from the start.
    fn reader(self) -> io::Result<impl Read> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        Ok(io::BufReader::with_capacity(1 << 16, file))
    }
}

/// Where an array body can be read back from.
pub(crate) trait Body {
    /// The number of items.
    fn items(&self) -> usize;
    /// Copy the text to `out`.
    fn copy_to(self, out: &mut dyn Write) -> io::Result<()>;
}

impl Body for ArrayBody<Vec<u8>> {
    fn items(&self) -> usize {
        self.len
    }
    fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.out)
    }
}

impl Body for Spill {
    fn items(&self) -> usize {
        self.len
    }
    fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        io::copy(&mut self.reader()?, out).map(drop)
    }
}

/// Write the report of `head` with the arrays `indicators` and `references` (built with the
/// same `pretty`) to `out`, without a final line break.
pub(crate) fn write_report(
    out: &mut dyn Write,
    head: &ReportHead,
    indicators: impl Body,
    references: impl Body,
    pretty: bool,
) -> io::Result<()> {
    out.write_all(b"{")?;
    let mut fields = Fields { out: &mut *out, pretty, first: true };
    fields.value("schema_version", &head.schema_version)?;
    fields.value("producer", &head.producer)?;
    fields.value("source", &head.source)?;
    fields.value("document", &head.document)?;
    fields.array("indicators", indicators)?;
    fields.array("references", references)?;
    fields.value("restoration", &head.restoration)?;
    out.write_all(if pretty { b"\n}" } else { b"}" })
}

/// The fields of the report's top object, written one after the other.
struct Fields<'a> {
    out: &'a mut dyn Write,
    pretty: bool,
    first: bool,
}

impl Fields<'_> {
    fn key(&mut self, name: &str) -> io::Result<()> {
        if !std::mem::take(&mut self.first) {
            self.out.write_all(b",")?;
        }
        if self.pretty {
            self.out.write_all(b"\n")?;
            self.out.write_all(INDENT)?;
            write!(self.out, "\"{name}\": ")
        } else {
            write!(self.out, "\"{name}\":")
        }
    }

    fn value(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(name)?;
        write_value(self.out, value, self.pretty, 1)
    }

    fn array(&mut self, name: &str, body: impl Body) -> io::Result<()> {
        self.key(name)?;
        let items = body.items();
        self.out.write_all(b"[")?;
        body.copy_to(self.out)?;
        if self.pretty && items > 0 {
            self.out.write_all(b"\n")?;
            self.out.write_all(INDENT)?;
        }
        self.out.write_all(b"]")
    }
}

/// `report` as JSON text, pretty-printed or on one line.
pub fn to_json(report: &Report, pretty: bool) -> String {
    let mut out = Vec::new();
    // writing to memory fails only if serialising does, which these plain types cannot
    if let Err(e) = write_json(&mut out, report, pretty) {
        return format!("{{\"error\":\"{e}\"}}");
    }
    // serde_json writes UTF-8
    String::from_utf8(out).unwrap_or_default()
}

/// Write `report` as JSON to `out` (see [`to_json`]).
fn write_json(out: &mut dyn Write, report: &Report, pretty: bool) -> io::Result<()> {
    let mut indicators = ArrayBody::new(Vec::new(), pretty);
    for i in &report.indicators {
        indicators.push(i)?;
    }
    let mut references = ArrayBody::new(Vec::new(), pretty);
    for r in &report.references {
        references.push(r)?;
    }
    write_report(out, &report.head(), indicators, references, pretty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, Extraction};
    use crate::report::{build_report, SourceInfo};

    fn report(text: &str) -> Report {
        let r = crate::extract::identity_restoration(text);
        let ex: Extraction = extract(&r);
        build_report(SourceInfo::new("a \"b\"\n.txt", text.as_bytes(), r.lines.len(), "utf-8"), &r, &ex)
    }

    #[test]
    fn the_text_is_what_serde_json_writes_for_the_whole_report() {
        let texts = [
            "",
            "Số: 125/BC-UBND\nTỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n",
            "Thực hiện Quyết định số 5085/QĐ-UBND ngày 20/12/2023, các sở đã tiếp nhận 12.450 hồ sơ, \
             chi 1,5 tỷ đồng; 15/48 xã đạt chuẩn.\n\"Tab\there\" \\ \u{1F600}\n",
        ];
        for text in texts {
            let r = report(text);
            assert_eq!(to_json(&r, false), serde_json::to_string(&r).unwrap(), "{text:?}");
            assert_eq!(to_json(&r, true), serde_json::to_string_pretty(&r).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn a_spilled_body_reads_back_as_the_one_in_memory() {
        let r = report("Tỷ lệ đạt 98,5%, 12.450 hồ sơ, 1,5 tỷ đồng.\n");
        assert!(r.indicators.len() >= 3);
        for pretty in [false, true] {
            let mut memory = ArrayBody::new(Vec::new(), pretty);
            let mut spill = Spill::temporary(pretty).unwrap();
            for i in &r.indicators {
                memory.push(i).unwrap();
                spill.push(i).unwrap();
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            write_report(&mut a, &r.head(), memory, ArrayBody::new(Vec::new(), pretty), pretty).unwrap();
            write_report(&mut b, &r.head(), spill, ArrayBody::new(Vec::new(), pretty), pretty).unwrap();
            assert_eq!(a, b);
        }
    }
}
