//! Which encoding a file without a byte-order mark is in: decode a sample under each
//! candidate and keep the one under which most words are plausible Vietnamese syllables,
//! provided the words its decoding decided are valid syllables and no table that reads
//! other text comes close (else no guess is silent).

use super::decode::Encoding;
use super::sink::Sink;
use super::{legacy, unicode};
use crate::viet::grammar::{is_syllable, is_valid, Mode};
use crate::viet::letter::parse;

/// Bytes of sample scored per candidate.
const SAMPLE: usize = 64 * 1024;
/// Sample pieces are lines, cut to this length.
const PIECE: usize = 4096;
/// A legacy decoding must make at least this share of words plausible to be believed.
const MIN_FIT: f64 = 0.5;
/// Of the words a legacy decoding decides (those with a non-ASCII or control character),
/// at least this share must be valid Vietnamese syllables (`viet::is_valid`) when there
/// are [`MIN_DECIDED`] or more, and at least [`MIN_VALID_MIXED_CASE`] when more than
/// [`MAX_ODD_CASE`] of them mix the cases inside the word. Measured on the 23 shipped
/// documents in each of the five 8-bit encodings: the right table gives 0.29-1.00 valid
/// (typed text 0.99-1.00, OCR output with its noise from 0.29) and at most 0.024 odd case; a
/// wrong table 0.00-0.47 valid, often with many odd-case words ("HỵI", "thÕnh").
pub(crate) const MIN_VALID: f64 = 0.25;
/// The bar when many decided words mix the cases.
pub(crate) const MIN_VALID_MIXED_CASE: f64 = 0.5;
/// Share of decided words with mixed case above which [`MIN_VALID_MIXED_CASE`] applies.
const MAX_ODD_CASE: f64 = 0.05;
/// Fewer decided words than this say too little to refuse a file.
const MIN_DECIDED: usize = 10;
/// The 8-bit encodings tried, in order of preference on a tie (VN3 before VN1, which reads
/// the same lower-case bytes).
const CANDIDATES: [Encoding; 6] =
    [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Viscii, Encoding::Vn1, Encoding::Vps];

/// How well a decoding reads as Vietnamese.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Fit {
    /// The encoding tried.
    pub encoding: Encoding,
    /// Share of words that are plausible syllables ([`vietnamese_score`]).
    pub plausible: f64,
    /// Words with a non-ASCII or control character, and how many of them are valid syllables.
    pub decided: usize,
    pub valid: usize,
    /// Decided words with a capital after a lower-case letter or a lower-case letter between
    /// capitals ("HỵI", "thÕnh"): a wrong table mixes the cases, OCR noise rarely does.
    pub odd_case: usize,
    /// Decided words in capitals with a character that is neither ASCII nor a Vietnamese
    /// letter ("QUYŠN", "D•NG"): what TCVN3 makes of VN1's capitals.
    pub foreign: usize,
}

impl Fit {
    /// Whether enough of the decided words are valid syllables.
    fn valid_enough(&self) -> bool {
        self.decided < MIN_DECIDED || self.valid_share() >= self.min_valid()
    }

    /// The share of valid decided words this reading needs.
    pub(crate) fn min_valid(&self) -> f64 {
        if self.odd_case as f64 > MAX_ODD_CASE * self.decided as f64 {
            MIN_VALID_MIXED_CASE
        } else {
            MIN_VALID
        }
    }

    /// Share of the decided words that are valid (1 when there are none).
    pub(crate) fn valid_share(&self) -> f64 {
        if self.decided == 0 {
            1.0
        } else {
            self.valid as f64 / self.decided as f64
        }
    }

    /// How well the reading does: plausible words, valid decided words, less the decided
    /// words that mix the cases (the mark of a wrong table: VISCII reads VN1's É as a
    /// capital that makes more valid syllables, but inside lower-case words).
    fn rank(&self) -> f64 {
        self.plausible + self.valid_share() - self.odd_share()
    }

    /// Share of the decided words that mix the cases (0 when there are none).
    fn odd_share(&self) -> f64 {
        if self.decided == 0 {
            0.0
        } else {
            self.odd_case as f64 / self.decided as f64
        }
    }
}

/// VIQR must beat plain UTF-8 by this much (ASCII text with "?" and "." after vowels is
/// usually just text).
const VIQR_MARGIN: f64 = 0.05;

/// The encoding of `bytes` (no BOM, no NUL bytes), or `None` if they are not valid UTF-8
/// and no legacy encoding reads them as Vietnamese.
#[cfg(test)]
pub(crate) fn detect(bytes: &[u8]) -> Option<Encoding> {
    detect_or_best(bytes).ok()
}

/// Why no 8-bit table was picked for a file that is not UTF-8.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Undetected {
    /// No table reads it as Vietnamese; the best reading that was rejected (if any made half
    /// its words plausible), to name in the error, and the tables whose readings come within
    /// [`MIN_MARGIN`] of it into other text, best first (the file may be in any of them).
    Unfit(Option<Fit>, Vec<Encoding>),
    /// The tables whose readings come within [`MIN_MARGIN`] of the best, best first, when two
    /// of them read it into different text: OCR output whose few marked letters are Latin-1
    /// letters reads as TCVN3 as well as in its own table.
    Ambiguous(Vec<Encoding>),
}

/// The rank ([`Fit::rank`]) by which the best reading must beat every reading that decodes
/// the sample into other text, except VN1 against TCVN3 and back (one standard, same
/// lower-case bytes, told apart by [`CANDIDATES`] order). Measured on the 23 shipped
/// documents in each of the six 8-bit tables: where the best reading is the right table
/// its lead is at least 0.44 (VISCII and VPS over each other, typed text; against the other
/// tables more); where a wrong table won (OCR output in Windows-1258, VISCII or VPS taken for
/// TCVN3, VNI or VN1) its lead was at most 0.082.
const MIN_MARGIN: f64 = 0.2;

/// As [`detect`], but saying why no encoding was picked.
pub(crate) fn detect_or_best(bytes: &[u8]) -> Result<Encoding, Undetected> {
    match std::str::from_utf8(bytes) {
        Ok(_) => {
            let sample = sample(bytes, has_viqr_marks);
            if sample.is_empty() {
                return Ok(Encoding::Utf8);
            }
            let utf8 = score_with(&sample, Encoding::Utf8);
            let viqr_text = decoded_with(&sample, Encoding::Viqr);
            let viqr = vietnamese_score(&viqr_text);
            let is_viqr = viqr > utf8 + VIQR_MARGIN && marked_like_viqr(&sample, &viqr_text);
            Ok(if is_viqr { Encoding::Viqr } else { Encoding::Utf8 })
        }
        Err(_) => {
            let sample = sample(bytes, |p| p.iter().any(|&b| !b.is_ascii() || is_control(b)));
            let broken_utf8 = score_with(&sample, Encoding::Utf8);
            let readings: Vec<(Fit, String)> = CANDIDATES
                .iter()
                .map(|&enc| reading_with(&sample, enc))
                .filter(|(f, _)| f.plausible >= MIN_FIT && f.plausible > broken_utf8)
                .collect();
            // the best reading that passes the bars; else the best one, to name in the error
            let best = |passing: bool| {
                readings.iter().filter(|(f, _)| !passing || f.valid_enough()).fold(
                    None,
                    |best: Option<&(Fit, String)>, r| {
                        if best.is_none_or(|b| r.0.rank() > b.0.rank()) {
                            Some(r)
                        } else {
                            best
                        }
                    },
                )
            };
            let Some(best) = best(true) else {
                let closest = best(false);
                let mut close: Vec<&(Fit, String)> = readings
                    .iter()
                    .filter(|r| {
                        closest.is_some_and(|c| {
                            c.0.encoding != r.0.encoding
                                && c.0.rank() - r.0.rank() < MIN_MARGIN
                                && !same_standard(c.0.encoding, r.0.encoding)
                                && c.1 != r.1
                        })
                    })
                    .collect();
                close.sort_by(|a, b| b.0.rank().total_cmp(&a.0.rank()));
                return Err(Undetected::Unfit(
                    closest.map(|r| r.0),
                    close.iter().map(|r| r.0.encoding).collect(),
                ));
            };
            // of one standard's two readings, the one with fewer foreign characters in words in
            // capitals, then the one that mixes the cases less: VN1 reads as capitals bytes
            // that TCVN3 leaves to Windows-1252, so Windows-1252 signs in a heading ("QUYŠN")
            // mark TCVN3 read from VN1, and capitals inside a word ("ÁCải") VN1 read from TCVN3
            let (best_fit, best_text) = readings
                .iter()
                .find(|(f, _)| {
                    same_standard(f.encoding, best.0.encoding)
                        && f.valid_enough()
                        && (f.foreign, f.odd_case) < (best.0.foreign, best.0.odd_case)
                        && best.0.rank() - f.rank() < MIN_MARGIN
                })
                .unwrap_or(best);
            let close = |f: &Fit| f.valid_enough() && best_fit.rank() - f.rank() < MIN_MARGIN;
            let rivalled = readings.iter().any(|(f, text)| {
                close(f) && !same_standard(f.encoding, best_fit.encoding) && text != best_text
            });
            if rivalled {
                // every close reading, those that read like the best one included
                let others =
                    readings.iter().map(|r| r.0).filter(|f| f.encoding != best_fit.encoding && close(f));
                Err(Undetected::Ambiguous(
                    std::iter::once(best_fit.encoding).chain(others.map(|f| f.encoding)).collect(),
                ))
            } else {
                Ok(best_fit.encoding)
            }
        }
    }
}

/// TCVN3 (VN3) and VN1: one standard, the same bytes for lower-case letters.
fn same_standard(a: Encoding, b: Encoding) -> bool {
    matches!((a, b), (Encoding::Tcvn3, Encoding::Vn1) | (Encoding::Vn1, Encoding::Tcvn3))
}

/// `Err` with the fit when the sample of `bytes` (no byte-order mark, no NUL bytes) does not
/// read as Vietnamese in `encoding`: enough of its words with marks must be valid syllables,
/// as [`detect_or_best`] asks of the reading it picks.
pub(crate) fn confirm(bytes: &[u8], encoding: Encoding) -> Result<(), Fit> {
    let sample = sample(bytes, |p| p.iter().any(|&b| !b.is_ascii() || is_control(b)));
    let fit = fit_with(&sample, encoding);
    if fit.valid_enough() {
        Ok(())
    } else {
        Err(fit)
    }
}

/// Whether the VIQR reading of `sample` looks like a VIQR file rather than text with stray
/// apostrophes, question marks and periods after vowels (OCR output, English): at least a
/// fifth of its words become valid syllables with marks, and the sample has next to no
/// letters outside ASCII already (VIQR is ASCII).
fn marked_like_viqr(sample: &[u8], viqr_text: &str) -> bool {
    let (mut counted, mut marked) = (0usize, 0usize);
    for word in words(viqr_text) {
        counted += 1;
        if !word.is_ascii() && is_valid(word) {
            marked += 1;
        }
    }
    let unicode = words(&String::from_utf8_lossy(sample)).filter(|w| !w.is_ascii()).count();
    marked > 0 && marked * 5 >= counted && unicode * 10 <= marked
}

/// A control byte that is not a line or column separator: VISCII and VN1 put capitals there.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
}

/// `sample` decoded as `enc` (UTF-8 and VIQR lossily).
fn decoded_with(sample: &[u8], enc: Encoding) -> String {
    let mut sink = Sink::with_capacity(sample.len() * 2);
    match enc {
        Encoding::Viqr => legacy::viqr::decode(&String::from_utf8_lossy(sample), &mut sink),
        Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Utf16Le | Encoding::Utf16Be => {
            let _ = unicode::utf8(sample, true, 0, &mut sink);
        }
        _ => legacy::decode_8bit(sample, enc, &mut sink),
    }
    sink.finish()
}

/// The Vietnamese score of `sample` decoded as `enc`.
fn score_with(sample: &[u8], enc: Encoding) -> f64 {
    vietnamese_score(&decoded_with(sample, enc))
}

/// How well `sample` reads decoded as `enc`.
fn fit_with(sample: &[u8], enc: Encoding) -> Fit {
    reading_with(sample, enc).0
}

/// How well `sample` reads decoded as `enc`, and the text it reads as.
fn reading_with(sample: &[u8], enc: Encoding) -> (Fit, String) {
    let text = decoded_with(sample, enc);
    let (mut decided, mut valid, mut odd_case, mut foreign) = (0, 0, 0, 0);
    for word in words(&text) {
        if word.chars().any(|c| !c.is_ascii() || c.is_control()) {
            decided += 1;
            valid += usize::from(is_valid(word));
            odd_case += usize::from(is_odd_case(word));
            foreign += usize::from(has_foreign_capital(word));
        }
    }
    let plausible = vietnamese_score(&text);
    let fit = Fit { encoding: enc, plausible, decided, valid, odd_case, foreign };
    (fit, text)
}

/// Whether `word` is written in capitals and holds a character that is neither ASCII nor a
/// Vietnamese letter ("QUYŠN", "D•NG"): TCVN3's reading of VN1's capitals. (Such characters
/// in words in lower case are OCR's: "ko’".)
fn has_foreign_capital(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let capitals = letters.clone().count() >= 2 && letters.all(char::is_uppercase);
    capitals && word.chars().any(|c| !c.is_ascii() && parse(c).is_none())
}

/// Whether a capital follows a lower-case letter in `word`, or a lower-case letter follows
/// two capitals.
fn is_odd_case(word: &str) -> bool {
    let mut prev: [Option<bool>; 2] = [None, None];
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let upper = c.is_uppercase();
        if upper && prev[1] == Some(false) || !upper && prev == [Some(true), Some(true)] {
            return true;
        }
        prev = [prev[1], Some(upper)];
    }
    false
}

/// The words of `text` that count: split at spaces, slashes and dashes, punctuation trimmed,
/// at least one letter and no digit.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '–' | '—')).filter_map(|token| {
        let word = token.trim_matches(|c: char| c.is_ascii_punctuation() || "“”‘’«»…".contains(c));
        let counts = !word.is_empty()
            && !word.chars().any(|c| c.is_ascii_digit())
            && word.chars().any(char::is_alphabetic);
        counts.then_some(word)
    })
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

/// The share (0 to 1) of the words in `text` that could be Vietnamese syllables under the
/// lenient grammar ([`Mode::Lenient`]: unaccented and modern-styled text pass). Words with
/// digits and tokens without letters do not count.
pub(crate) fn vietnamese_score(text: &str) -> f64 {
    let (mut good, mut counted) = (0usize, 0usize);
    for word in words(text) {
        counted += 1;
        if is_syllable(word, Mode::Lenient) {
            good += 1;
        }
    }
    if counted == 0 {
        0.0
    } else {
        good as f64 / counted as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_signs_in_words_in_capitals_mark_tcvn3_read_from_vn1() {
        // the held-out measurement (scripts/encoding_margin.sh) shows the effect on whole files
        for (word, foreign) in [
            ("QUYŠN", true),
            ("D•NG", true),
            ("QUYÉN", false),
            ("QUYỀN", false),
            ("ko’", false),
            ("Š", false),
        ] {
            assert_eq!(has_foreign_capital(word), foreign, "{word}");
        }
    }

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
        // the medial u after "qu" is the onset's u: "quỵu" is a syllable like "khuỵu"
        assert_eq!(vietnamese_score("khuỵu quỵu"), 1.0);
        // unaccented text with stop codas reads as Vietnamese
        assert_eq!(vietnamese_score("chip soc sup"), 1.0);
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
    fn ordinary_text_with_apostrophes_and_periods_stays_utf8() {
        let texts = [
            // English and stripped OCR with periods after vowels and apostrophes
            "Don't go. It's me. Who are you? I'd say so.\nTo be or not to be? Maybe.\n",
            "Uy ban nhan dan tinh da chi dao. Ong A' ky ngay 5. Ba B. co mat.\nSo lieu: 'a' la 5, 'o' la 6.\n",
            "Thuc hien Cong van so 12 cua Bo Noi vu. Dat 95%. Muc a. va b. Ket qua: tot.\n",
            // OCR'd Vietnamese with marks, plus apostrophes and periods
            "Báo cáo số 12/BC-UBND của Ủy ban nhân dân tỉnh. Ông A' nói: 'Đạt 95%'. Xem mục a. và e.\n",
            "Kết quả thực hiện công tác cải cách hành chính năm 2024. Ho' tro' doanh nghiệp.\n",
        ];
        for t in texts {
            assert_eq!(detect(t.as_bytes()), Some(Encoding::Utf8), "{t}");
        }
        // a real VIQR file is still VIQR
        let viqr = "U?y ban nha^n da^n tho`nh pho^'. Ba'o ca'o ke^'t qua? thu+.c hie^.n co^ng ta'c.\n";
        assert_eq!(detect(viqr.as_bytes()), Some(Encoding::Viqr));
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
