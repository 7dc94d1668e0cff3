//! Reading a document in blocks of about `limit` bytes cut after a line ending, so a huge
//! file is decoded and restored a block at a time instead of all at once. This is the one
//! place a document is cut: a block holds whole lines (a line is restored whole), and ends
//! after a blank line when one is near, so that it restores as the whole text would.

use std::io::{self, Read};

/// How lines end in the raw bytes: one byte `\n` (UTF-8 and the 8-bit encodings) or a
/// two-byte code unit (UTF-16, recognised by its byte-order mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    Byte,
    Utf16 { big_endian: bool },
}

/// Most lines in a block: a text of many short lines costs memory per line, not per byte.
pub const MAX_BLOCK_LINES: usize = 16_384;

/// Longest line read: a line is restored whole, so a longer one is refused rather than held.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Splits a reader into blocks; every block but the last ends after a line ending (LF, CRLF
/// or a lone CR). A line longer than the block size makes its block longer, up to
/// [`MAX_LINE_BYTES`]; a longer line is an error of kind `InvalidData`.
pub struct Chunker<R> {
    reader: R,
    buf: Vec<u8>,
    limit: usize,
    eof: bool,
    width: Option<Width>,
    max_lines: usize,
}

impl<R: Read> Chunker<R> {
    /// Blocks of about `limit` bytes (at least 16).
    pub fn new(reader: R, limit: usize) -> Chunker<R> {
        Chunker {
            reader,
            buf: Vec::new(),
            limit: limit.max(16),
            eof: false,
            width: None,
            max_lines: MAX_BLOCK_LINES,
        }
    }

    /// Blocks of a file read in `encoding` whatever its first bytes say (a forced encoding):
    /// UTF-16 without a byte-order mark is cut between code units.
    pub fn in_encoding(mut self, encoding: Option<crate::Encoding>) -> Chunker<R> {
        match encoding {
            Some(crate::Encoding::Utf16Le) => self.width = Some(Width::Utf16 { big_endian: false }),
            Some(crate::Encoding::Utf16Be) => self.width = Some(Width::Utf16 { big_endian: true }),
            Some(_) => self.width = Some(Width::Byte),
            None => {}
        }
        self
    }

    /// Fill the buffer up to `target` bytes, or to the end of the input.
    fn fill(&mut self, target: usize) -> io::Result<()> {
        while !self.eof && self.buf.len() < target {
            // read_to_end grows the buffer as data arrives: a small file never costs a
            // block-sized allocation
            let want = (target - self.buf.len()) as u64;
            match (&mut self.reader).take(want).read_to_end(&mut self.buf) {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The next block, `None` at the end of the input.
    pub fn next_block(&mut self) -> io::Result<Option<Vec<u8>>> {
        self.fill(self.limit)?;
        if self.buf.is_empty() {
            return Ok(None);
        }
        let width = *self.width.get_or_insert_with(|| match self.buf.get(..2) {
            Some([0xFF, 0xFE]) => Width::Utf16 { big_endian: false },
            Some([0xFE, 0xFF]) => Width::Utf16 { big_endian: true },
            _ => Width::Byte,
        });
        // a line longer than a block: read on to its end
        let mut cut = None;
        while !self.eof {
            cut = after_last_line_end(&self.buf, width);
            if cut.is_some() {
                break;
            }
            if self.buf.len() > MAX_LINE_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "a line longer than {} MB; not read (a line is restored whole)",
                        MAX_LINE_BYTES >> 20
                    ),
                ));
            }
            self.fill(self.buf.len() + self.limit)?;
        }
        let mut cut = cut.unwrap_or(self.buf.len());
        // many short lines cost memory per line: a block holds at most MAX_BLOCK_LINES
        if width == Width::Byte && self.max_lines < self.limit {
            if let Some((i, _)) =
                self.buf[..cut].iter().enumerate().filter(|(_, &b)| b == b'\n').nth(self.max_lines - 1)
            {
                cut = cut.min(i + 1);
            }
        }
        if width == Width::Byte && !self.eof {
            cut = after_blank_line(&self.buf[..cut]).unwrap_or(cut);
        }
        if cut == self.buf.len() {
            return Ok(Some(std::mem::take(&mut self.buf)));
        }
        let rest = self.buf.split_off(cut);
        Ok(Some(std::mem::replace(&mut self.buf, rest)))
    }
}

/// The end of the last blank line in the second half of `block` (8-bit or UTF-8 bytes, cut
/// after a line ending), if there is one: paragraphs are restored on their own, so a block
/// cut there restores as the whole text would (`restore` cuts its pieces the same way).
fn after_blank_line(block: &[u8]) -> Option<usize> {
    let is_blank = |line: &[u8]| line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    let mut end = block.len();
    while end > block.len() / 2 {
        let start = block[..end - 1].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if start < end && is_blank(&block[start..end]) {
            return Some(end);
        }
        end = start;
    }
    None
}

/// Where a block of `buf` (which is not the end of the input) can end: after its last line
/// ending (LF, or CR followed by something else than LF, so that CRLF stays whole). `None`
/// when `buf` holds no line ending yet.
fn after_last_line_end(buf: &[u8], width: Width) -> Option<usize> {
    let size = if width == Width::Byte { 1 } else { 2 };
    let unit = |k: usize| -> u16 {
        match width {
            Width::Byte => u16::from(buf[k]),
            Width::Utf16 { big_endian: true } => u16::from_be_bytes([buf[2 * k], buf[2 * k + 1]]),
            Width::Utf16 { big_endian: false } => u16::from_le_bytes([buf[2 * k], buf[2 * k + 1]]),
        }
    };
    let units = buf.len() / size;
    (0..units).rev().find_map(|k| match unit(k) {
        0x0A => Some(size * (k + 1)),
        // a CR ends a line when what follows is known and is not its LF
        0x0D if k + 1 < units && unit(k + 1) != 0x0A => Some(size * (k + 1)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(data: &[u8], limit: usize) -> Vec<Vec<u8>> {
        let mut c = Chunker::new(data, limit);
        let mut out = Vec::new();
        while let Some(b) = c.next_block().unwrap() {
            out.push(b);
        }
        out
    }

    #[test]
    fn blocks_end_after_newlines_and_join_back() {
        let data = b"one line\nsecond line here\nthird\n\nno newline";
        let out = blocks(data, 20);
        assert!(out.len() > 1);
        for b in &out[..out.len() - 1] {
            assert_eq!(b.last(), Some(&b'\n'));
        }
        assert_eq!(out.concat(), data.to_vec());
    }

    #[test]
    fn blocks_end_after_a_blank_line_when_one_is_in_their_second_half() {
        let data = b"aaaa\nbbbb\n\ncccc\ndddd\neeee\nffff\n";
        let out = blocks(data, 24);
        assert_eq!(out[0], b"aaaa\nbbbb\n\n".to_vec());
        assert_eq!(out.concat(), data.to_vec());
        // none in the second half: after the last line ending, as before
        let data = b"aaaa\n\nbbbbbbbbbbbb\ncccc\ndddd\n";
        assert_eq!(blocks(data, 24)[0], b"aaaa\n\nbbbbbbbbbbbb\ncccc\n".to_vec());
    }

    #[test]
    fn a_line_longer_than_a_block_stays_whole() {
        let long = "được được được được được được được\n";
        let text = format!("{long}{}", "một hai ba\n".repeat(20));
        let out = blocks(text.as_bytes(), 16);
        assert!(out[0].starts_with(long.as_bytes()) && out[0].ends_with(b"\n"), "{out:?}");
        assert!(out.len() > 2);
        assert_eq!(out.concat(), text.as_bytes());
    }

    #[test]
    fn lone_cr_ends_a_line_and_crlf_stays_whole() {
        let data = b"aaaaaaaaaaaa\rbbbbbbbbbbbb\rcccccccccccc\r\ndddddddddddd\r\neeee";
        let out = blocks(data, 16);
        assert_eq!(out.concat(), data.to_vec());
        for b in &out[..out.len() - 1] {
            assert!(b.ends_with(b"\r") || b.ends_with(b"\n"), "{b:?}");
            assert!(!b.starts_with(b"\n"), "{out:?}");
        }
        assert!(out.len() >= 3, "{out:?}");
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error() {
        let data = vec![b'a'; MAX_LINE_BYTES + (1 << 20)];
        let mut c = Chunker::new(&data[..], 1 << 20);
        let e = c.next_block().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("a line longer than 64 MB"), "{e}");
    }

    #[test]
    fn utf16_is_cut_after_a_whole_newline_unit() {
        let mut data = vec![0xFF, 0xFE];
        for u in "ab\ncd\nef gh\n".encode_utf16() {
            data.extend_from_slice(&u.to_le_bytes());
        }
        let out = blocks(&data, 16);
        assert!(out.len() > 1);
        for b in &out {
            assert_eq!(b.len() % 2, 0);
        }
        assert_eq!(out.concat(), data);
    }
}
