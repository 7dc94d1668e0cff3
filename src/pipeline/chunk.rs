//! Reading a document in blocks of about `limit` bytes cut after a line ending, so a huge
//! file is decoded and restored a block at a time instead of all at once.

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

/// Splits a reader into blocks; every block but the last ends after a newline when the
/// window holds one (else after a space, else at a character boundary).
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

    /// At most `lines` lines per block instead of [`MAX_BLOCK_LINES`] (for a reader that cuts
    /// the decoded text further itself).
    #[cfg(feature = "cli")]
    pub fn max_lines(mut self, lines: usize) -> Chunker<R> {
        self.max_lines = lines.max(1);
        self
    }

    /// Whether the input is used up: the block returned last was its end.
    #[cfg(feature = "cli")]
    pub fn at_end(&self) -> bool {
        self.eof && self.buf.is_empty()
    }

    /// The next block, `None` at the end of the input.
    pub fn next_block(&mut self) -> io::Result<Option<Vec<u8>>> {
        while !self.eof && self.buf.len() < self.limit {
            // read_to_end grows the buffer as data arrives: a small file never costs a
            // block-sized allocation
            let want = (self.limit - self.buf.len()) as u64;
            match (&mut self.reader).take(want).read_to_end(&mut self.buf) {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let width = *self.width.get_or_insert_with(|| match self.buf.get(..2) {
            Some([0xFF, 0xFE]) => Width::Utf16 { big_endian: false },
            Some([0xFE, 0xFF]) => Width::Utf16 { big_endian: true },
            _ => Width::Byte,
        });
        let mut cut = if self.eof { self.buf.len() } else { cut_point(&self.buf, width) };
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

/// Where to end a block of `buf` (which is not the end of the input): after the last line
/// ending, else after the last space, else at the last character boundary. Never 0.
fn cut_point(buf: &[u8], width: Width) -> usize {
    match width {
        Width::Byte => {
            if let Some(i) = buf.iter().rposition(|&b| b == b'\n') {
                return i + 1;
            }
            if let Some(i) = buf.iter().rposition(|&b| b == b' ') {
                return i + 1;
            }
            utf8_boundary(buf)
        }
        Width::Utf16 { big_endian } => {
            let unit = |i: usize| {
                let (a, b) = (buf[i], buf[i + 1]);
                if big_endian {
                    u16::from_be_bytes([a, b])
                } else {
                    u16::from_le_bytes([a, b])
                }
            };
            let units = buf.len() / 2;
            for want in [0x0A, 0x20] {
                if let Some(k) = (0..units).rev().find(|&k| unit(2 * k) == want) {
                    return 2 * k + 2;
                }
            }
            // do not split a surrogate pair
            let mut k = units;
            if k > 1 && (0xD800..0xDC00).contains(&unit(2 * (k - 1))) {
                k -= 1;
            }
            (2 * k).max(2)
        }
    }
}

/// The largest cut point of `buf` that does not split a UTF-8 character (for 8-bit
/// encodings this may move the cut back by up to three bytes, which is harmless).
fn utf8_boundary(buf: &[u8]) -> usize {
    let len = buf.len();
    let mut start = len;
    while start > 0 && len - start < 4 && buf[start - 1] & 0xC0 == 0x80 {
        start -= 1;
    }
    if start == 0 {
        return len.max(1);
    }
    let lead = buf[start - 1];
    let needed = match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    };
    if start - 1 + needed > len && start > 1 {
        start - 1
    } else {
        len
    }
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
    fn utf8_without_spaces_is_cut_on_char_boundaries() {
        let text = "đượcđượcđượcđượcđượcđượcđượcđược";
        for b in blocks(text.as_bytes(), 16) {
            assert!(std::str::from_utf8(&b).is_ok());
        }
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
