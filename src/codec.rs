//! The byte-level primitives of the binary model file: LEB128 varints, little-endian floats,
//! length-prefixed strings, and a reader that reports truncation instead of panicking.

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// An unsigned LEB128 varint.
    pub fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(b);
                return;
            }
            self.bytes.push(b | 0x80);
        }
    }

    /// A `f32`, exactly (little-endian bits).
    pub fn f32(&mut self, v: f32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Raw bytes, as they are.
    #[cfg(any(test, feature = "train"))]
    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }

    /// A count-prefixed list of strings.
    #[cfg(any(test, feature = "train"))]
    pub fn strings<S: AsRef<str>>(&mut self, items: &[S]) {
        self.varint(items.len() as u64);
        for s in items {
            self.str(s.as_ref());
        }
    }

    /// A map from packed `u64` keys to `f32` values, sorted by key and delta-coded.
    #[cfg(any(test, feature = "train"))]
    pub fn cost_map<'a>(&mut self, entries: impl Iterator<Item = (&'a u64, &'a f32)>) {
        let mut v: Vec<(u64, f32)> = entries.map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable_by_key(|e| e.0);
        self.varint(v.len() as u64);
        let mut prev = 0;
        for (k, c) in v {
            self.varint(k - prev);
            self.f32(c);
            prev = k;
        }
    }
}

/// Why a model file could not be read.
pub type DecodeError = &'static str;

/// Reads values back from a byte slice.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// An unsigned LEB128 varint.
    pub fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.pos).ok_or("truncated")?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long")
    }

    /// A varint that must fit `usize` and be at most `max` (guards allocations).
    pub fn len(&mut self, max: usize) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > max as u64 {
            return Err("a length runs past the end (truncated file?)");
        }
        Ok(n as usize)
    }

    /// A `f32`.
    pub fn f32(&mut self) -> Result<f32, DecodeError> {
        let b = self.raw(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// `n` raw bytes.
    pub fn raw(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("truncated")?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<&'a str, DecodeError> {
        let n = self.len(self.remaining())?;
        std::str::from_utf8(self.raw(n)?).map_err(|_| "string not UTF-8")
    }

    /// A list written by [`Writer::strings`] of at most `max` strings.
    pub fn strings(&mut self, max: usize) -> Result<Vec<String>, DecodeError> {
        let n = self.len(max.min(self.remaining()))?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    /// A map written by [`Writer::cost_map`], as `(key, cost)` pairs in key order.
    pub fn cost_map(&mut self) -> Result<Vec<(u64, f32)>, DecodeError> {
        let n = self.len(self.remaining() / 5)?;
        let mut out = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.checked_add(self.varint()?).ok_or("key overflow")?;
            out.push((prev, self.f32()?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_truncation_is_an_error() {
        let mut w = Writer::default();
        for v in [0, 1, 127, 128, 300, u64::MAX] {
            w.varint(v);
        }
        w.f32(-1.25);
        w.str("Độc lập");
        let map = [(5u64, 1.5f32), (2, 0.25), (1 << 40, 7.0)];
        w.cost_map(map.iter().map(|(k, v)| (k, v)));
        let mut r = Reader::new(&w.bytes);
        for v in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint(), Ok(v));
        }
        assert_eq!(r.f32(), Ok(-1.25));
        assert_eq!(r.str(), Ok("Độc lập"));
        assert_eq!(r.cost_map(), Ok(vec![(2, 0.25), (5, 1.5), (1 << 40, 7.0)]));
        assert_eq!(r.remaining(), 0);
        let cut = &w.bytes[..w.bytes.len() - 3];
        let mut r = Reader::new(cut);
        let res: Result<(), DecodeError> = (|| {
            for _ in 0..6 {
                r.varint()?;
            }
            r.f32()?;
            r.str()?;
            r.cost_map()?;
            Ok(())
        })();
        assert_eq!(res, Err("truncated"));
    }
}
