//! Which encoding a file without a byte-order mark is in: decode a sample under each
//! candidate and keep the one under which most words are plausible Vietnamese syllables.

use super::decode::Encoding;
use super::letters::{self, Letter, Tone};
use super::shape::{self, ToneStyle, MAX_LEN};
use super::sink::Sink;
use super::{legacy, unicode};

/// Bytes of sample scored per candidate.
const SAMPLE: usize = 64 * 1024;
/// Sample pieces are lines, cut to this length.
const PIECE: usize = 4096;
/// A legacy decoding must make at least this share of words plausible to be believed.
const MIN_FIT: f64 = 0.5;
/// VIQR must beat plain UTF-8 by this much (ASCII text with "?" and "." after vowels is
/// usually just text).
const VIQR_MARGIN: f64 = 0.05;

/// The encoding of `bytes` (no BOM, no NUL bytes), or `None` if they are not valid UTF-8
/// and no legacy encoding reads them as Vietnamese.
pub(crate) fn detect(bytes: &[u8]) -> Option<Encoding> {
    match std::str::from_utf8(bytes) {
        Ok(_) => {
            let sample = sample(bytes, has_viqr_marks);
            if sample.is_empty() {
                return Some(Encoding::Utf8);
            }
            let utf8 = score_with(&sample, Encoding::Utf8);
            let viqr = score_with(&sample, Encoding::Viqr);
            Some(if viqr > utf8 + VIQR_MARGIN { Encoding::Viqr } else { Encoding::Utf8 })
        }
        Err(_) => {
            let sample = sample(bytes, |p| !p.is_ascii());
            let broken_utf8 = score_with(&sample, Encoding::Utf8);
            let mut best: Option<(f64, Encoding)> = None;
            for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258] {
                let s = score_with(&sample, enc);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, enc));
                }
            }
            best.filter(|&(s, _)| s >= MIN_FIT && s > broken_utf8).map(|(_, e)| e)
        }
    }
}

/// The Vietnamese score of `sample` decoded as `enc` (UTF-8 and VIQR lossily).
fn score_with(sample: &[u8], enc: Encoding) -> f64 {
    let mut sink = Sink::with_capacity(sample.len() * 2);
    match enc {
        Encoding::Tcvn3 => legacy::tcvn3::decode(sample, &mut sink),
        Encoding::Vni => legacy::vni::decode(sample, &mut sink),
        Encoding::Cp1258 => legacy::cp1258::decode(sample, &mut sink),
        Encoding::Viqr => legacy::viqr::decode(&String::from_utf8_lossy(sample), &mut sink),
        _ => {
            let _ = unicode::utf8(sample, true, 0, &mut sink);
        }
    }
    vietnamese_score(&sink.finish())
}

/// Up to [`SAMPLE`] bytes of the lines of `bytes` that `keep` selects (the lines that tell the
/// candidates apart), each cut to [`PIECE`] bytes.
fn sample(bytes: &[u8], keep: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() && out.len() < SAMPLE {
        let end = rest.iter().take(PIECE).position(|&b| b == b'\n').map_or(rest.len().min(PIECE), |i| i + 1);
        let (piece, tail) = rest.split_at(end);
        if keep(piece) {
            out.extend_from_slice(piece);
            if !piece.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
        rest = tail;
    }
    out
}

/// Whether a line has an ASCII vowel followed by a VIQR mark, or "dd".
fn has_viqr_marks(line: &[u8]) -> bool {
    line.windows(2).any(|w| {
        let vowel = matches!(w[0].to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        (vowel && matches!(w[1], b'^' | b'(' | b'+' | b'\'' | b'`' | b'?' | b'~' | b'.'))
            || w.eq_ignore_ascii_case(b"dd")
    })
}

/// The share (0 to 1) of the words in `text` that could be Vietnamese syllables: letters of
/// the Vietnamese alphabet only, a well-formed onset, vowel nucleus and final consonant, at
/// most one tone, on a vowel that either spelling style would put it on, and a tone the final
/// consonant allows. Words with digits and tokens without letters do not count.
pub(crate) fn vietnamese_score(text: &str) -> f64 {
    let (mut good, mut counted) = (0usize, 0usize);
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '–' | '—')) {
        let word = token.trim_matches(|c: char| c.is_ascii_punctuation() || "“”‘’«»…".contains(c));
        if word.is_empty()
            || word.chars().any(|c| c.is_ascii_digit())
            || !word.chars().any(char::is_alphabetic)
        {
            continue;
        }
        counted += 1;
        if plausible(word) {
            good += 1;
        }
    }
    if counted == 0 {
        0.0
    } else {
        good as f64 / counted as f64
    }
}

/// Whether `word` could be one Vietnamese syllable.
fn plausible(word: &str) -> bool {
    let mut buf = [Letter { base: 0, mark: letters::Mark::None, tone: Tone::Level, upper: false }; MAX_LEN];
    let mut len = 0;
    for c in word.chars() {
        match (buf.get_mut(len), letters::parse(c)) {
            (Some(slot), Some(l)) => *slot = l,
            _ => return false,
        }
        len += 1;
    }
    let ls = &buf[..len];
    let Some(shape) = shape::parse(ls) else { return false };
    let mut toned = ls.iter().enumerate().filter(|(_, l)| l.tone != Tone::Level);
    match (toned.next(), toned.next()) {
        (None, _) => true,
        (Some((at, l)), None) => {
            shape.tone_fits_coda(ls, l.tone)
                && (at == shape.tone_index(ls, ToneStyle::Classic)
                    || at == shape.tone_index(ls, ToneStyle::Modern))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_tell_vietnamese_from_mojibake() {
        assert_eq!(vietnamese_score("Ủy ban nhân dân thành phố Hải Phòng."), 1.0);
        assert_eq!(vietnamese_score("Ninh B×nh"), 0.5);
        assert_eq!(vietnamese_score("Viá»‡t Nam"), 0.5);
        assert_eq!(vietnamese_score("chaứo"), 0.0);
        assert_eq!(vietnamese_score("saụ hòạ"), 0.0);
        assert_eq!(vietnamese_score("2026 4625 ..."), 0.0);
        assert_eq!(vietnamese_score(""), 0.0);
        assert_eq!(vietnamese_score("hoà thuỷ hòa"), 1.0);
    }

    #[test]
    fn detects_the_issue_examples() {
        assert_eq!(detect(b"Ninh B\xD7nh"), Some(Encoding::Tcvn3));
        assert_eq!(detect(b"cha\xF8o ba\xF8n"), Some(Encoding::Vni));
        assert_eq!(detect(b"Vie^.t Nam"), Some(Encoding::Viqr));
        assert_eq!(detect(b"Vi\xEA\xF2t Nam"), Some(Encoding::Cp1258));
        assert_eq!(detect("Việt Nam".as_bytes()), Some(Encoding::Utf8));
        assert_eq!(detect(b"Is it? Yes. Ok."), Some(Encoding::Utf8));
    }

    #[test]
    fn broken_utf8_fits_nothing() {
        let mut bytes = "Ủy ban nhân dân thành phố Hải Phòng báo cáo kết quả".as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        assert_eq!(detect(&bytes), None);
        bytes.remove(10);
        bytes.pop();
        assert_eq!(detect(&bytes), None);
    }
}
