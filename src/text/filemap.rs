//! Offsets that point at the file: the decoded text is NFC in the classic tone style and a
//! legacy encoding spends one to three bytes on a letter, so a char offset in the decoded
//! text is not one in the file. A [`FileMap`] turns (line, char offset in the decoded line)
//! into the char offset in the line as the file reads and the byte offset in the file.

use super::decode::Encoding;
use super::sink::OddWidth;
use super::split_lines;
use super::trace::DecodingChange;

/// Where an offset of the decoded text lies in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePos {
    /// Char offset in the line as the file reads, before normalisation: for UTF-8 and UTF-16
    /// the file's own characters; for a legacy encoding the characters its table gives.
    pub col: usize,
    /// Byte offset from the start of the file (its byte-order mark included); `None` when the
    /// decoded text does not account for every byte (a lossy VIQR reading).
    pub byte: Option<u64>,
}

/// The map of one decoded text (a whole file, or one block of it) back to the file.
#[derive(Debug, Clone)]
pub struct FileMap {
    encoding: Encoding,
    /// Normalisation changes, in file order.
    changes: Vec<DecodingChange>,
    /// Chars whose width in bytes is not the encoding's usual one, in file order.
    odd: Vec<OddWidth>,
    /// Byte offset of each line's start, from the start of the file; `None` when the widths
    /// do not add up to the file's length.
    line_bytes: Option<Vec<u64>>,
}

impl FileMap {
    /// The map of `text`, decoded from `total` bytes in `encoding` (`mark` of them a
    /// byte-order mark) with the normalisation `changes` and the `odd` widths the decoder
    /// recorded.
    pub(crate) fn new(
        text: &str,
        changes: Vec<DecodingChange>,
        odd: Vec<OddWidth>,
        encoding: Encoding,
        mark: u64,
        total: u64,
    ) -> FileMap {
        let mut map = FileMap { encoding, changes, odd, line_bytes: None };
        let mut at = mark;
        let mut starts = Vec::new();
        for (i, line) in split_lines(text).into_iter().enumerate() {
            starts.push(at);
            at += map.widths(i + 1, line.content).iter().sum::<usize>() as u64;
            at += line.ending.chars().map(|c| width(encoding, c)).sum::<usize>() as u64;
        }
        if at == total {
            map.line_bytes = Some(starts);
        }
        map
    }

    /// The same map for a text that starts `base` bytes into the file (a later block).
    pub fn at_offset(mut self, base: u64) -> FileMap {
        if let Some(starts) = &mut self.line_bytes {
            starts.iter_mut().for_each(|s| *s += base);
        }
        self
    }

    /// Decoded line `line` (1-based; `content` is that line) indexed for
    /// [`LineLocator::locate`]: linear in the line once, then a binary search per offset, so a
    /// one-line file of a million characters is mapped in linear time.
    pub fn line(&self, line: usize, content: &str) -> LineLocator {
        let mut changes = Vec::with_capacity(self.changes_of(line).len());
        let mut delta = 0isize; // raw minus decoded, before the current change
        for c in self.changes_of(line) {
            let to = c.to.chars().count();
            let start = (c.start as isize - delta) as usize;
            delta += (c.end - c.start) as isize - to as isize;
            changes.push(ChangeAt { start, end: start + to, raw: (c.start, c.end), delta_after: delta });
        }
        let bytes = self.line_bytes.as_ref().and_then(|starts| {
            let start = *starts.get(line.checked_sub(1)?)?;
            let mut at = start;
            let mut prefix = vec![at];
            for w in self.widths(line, content) {
                at += w as u64;
                prefix.push(at);
            }
            Some(prefix)
        });
        LineLocator { changes, bytes }
    }

    fn changes_of(&self, line: usize) -> &[DecodingChange] {
        let a = self.changes.partition_point(|c| c.line < line);
        let b = self.changes.partition_point(|c| c.line <= line);
        &self.changes[a..b]
    }

    /// The bytes behind each char of decoded line `line` as the file reads it.
    fn widths(&self, line: usize, content: &str) -> Vec<usize> {
        let chars: Vec<char> = content.chars().collect();
        let mut raw: Vec<char> = Vec::with_capacity(chars.len());
        let mut pos = 0;
        for c in self.changes_of(line) {
            // decoded chars before this change are the file's; then its `from` stands for `to`
            let start = pos + c.start - raw.len().min(c.start);
            raw.extend(chars.get(pos..start.min(chars.len())).unwrap_or_default());
            raw.extend(c.from.chars());
            pos = start + c.to.chars().count();
        }
        raw.extend(chars.get(pos.min(chars.len())..).unwrap_or_default());
        let mut widths: Vec<usize> = raw.iter().map(|&c| width(self.encoding, c)).collect();
        let a = self.odd.partition_point(|o| o.line < line);
        for o in self.odd[a..].iter().take_while(|o| o.line == line) {
            if let Some(w) = widths.get_mut(o.col) {
                *w = o.bytes;
            }
        }
        widths
    }
}

/// A normalisation change of one line, placed in the decoded line.
#[derive(Debug, Clone, Copy)]
struct ChangeAt {
    /// Char range of the change's result in the decoded line.
    start: usize,
    end: usize,
    /// Char range of what the file wrote, in the line as the file reads.
    raw: (usize, usize),
    /// Raw minus decoded length of the line up to the change's end.
    delta_after: isize,
}

/// One line of a [`FileMap`], indexed by [`FileMap::line`].
#[derive(Debug, Clone)]
pub struct LineLocator {
    changes: Vec<ChangeAt>,
    /// Byte offset in the file of each char of the line as the file reads (one past the end
    /// last); `None` when the map has no byte offsets.
    bytes: Option<Vec<u64>>,
}

impl LineLocator {
    /// Where char offset `col` of the decoded line lies in the file. An offset inside a word
    /// that normalisation changed maps to the word's start, or to its end when `end` (so a
    /// span keeps the whole word).
    pub fn locate(&self, col: usize, end: bool) -> FilePos {
        // the changes that start before `col`; only the last of them can hold it
        let k = self.changes.partition_point(|c| c.start < col);
        let col = match k.checked_sub(1).map(|i| self.changes[i]) {
            Some(c) if col < c.end => {
                if end {
                    c.raw.1
                } else {
                    c.raw.0
                }
            }
            Some(c) => (col as isize + c.delta_after).max(0) as usize,
            None => col,
        };
        let byte = self.bytes.as_ref().map(|prefix| prefix[col.min(prefix.len() - 1)]);
        FilePos { col, byte }
    }
}

/// The usual bytes of `c` in `encoding`.
fn width(encoding: Encoding, c: char) -> usize {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Viqr => c.len_utf8(),
        Encoding::Utf16Le | Encoding::Utf16Be => 2 * c.len_utf16(),
        _ => 1,
    }
}
