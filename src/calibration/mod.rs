//! Calibrated confidences: the lattice's raw posteriors are over-confident, so each token's raw
//! score is mapped, per class of token, through a monotone table fitted on text the model was
//! not trained on (`dictionaries/calibration.tsv`, written by `vnreport eval --calibration
//! --fit`). A confidence of 0.8 then means that about 80% of such tokens are right.

#[cfg(feature = "train")]
mod fit;

#[cfg(feature = "train")]
pub(crate) use fit::Sample;
#[cfg(feature = "cli")]
pub use fit::{caught, Reliability};

use crate::error::LineError;

/// What kind of decision produced a token's output; each class has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Class {
    /// A word with a single reading: kept as written, there was no choice.
    Only,
    /// A word the lattice kept as written, among other readings.
    Kept,
    /// A word the lattice changed.
    Changed,
    /// A word or mark written by a fixed rule (list marker, roman numeral, abbreviation,
    /// period read as a comma).
    Rule,
    /// A number kept as written.
    Number,
    /// Punctuation kept as written.
    Punct,
    /// A document code or address, kept or repaired.
    Code,
}

impl Class {
    /// Every class, in table order.
    pub const ALL: [Class; 7] =
        [Class::Only, Class::Kept, Class::Changed, Class::Rule, Class::Number, Class::Punct, Class::Code];

    /// The class's name in the table file.
    pub fn name(self) -> &'static str {
        match self {
            Class::Only => "only",
            Class::Kept => "kept",
            Class::Changed => "changed",
            Class::Rule => "rule",
            Class::Number => "number",
            Class::Punct => "punct",
            Class::Code => "code",
        }
    }

    fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// What the written token itself says about how doubtful its reading is; each class has a
/// table per combination of traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Traits {
    /// A word with digits or symbols among its letters ("s6", "tt’"), or punctuation with a
    /// symbol other than the common ones ("|", "®"): OCR noise.
    pub marked: bool,
    /// A short word in capitals ("BO", "SG"): its casing is a guess too.
    pub caps: bool,
    /// A reading far from what was written (emission cost above [`FAR_EMISSION`]).
    pub far: bool,
    /// The language model overruled the channel: another reading is closer to what was
    /// written (of smaller emission cost) than the output.
    pub overruled: bool,
    /// Punctuation ending in a colon before a lower-case word of the same line: the clause
    /// goes on, so the colon is often an OCR misreading (wrong for 181 of 251 such tokens of
    /// the held-out text; docs/confidence.md).
    pub colon: bool,
}

/// Emission cost (−ln P(written | reading)) above which a reading is far from the token.
pub const FAR_EMISSION: f32 = 4.0;

/// Punctuation that ordinary text is made of; anything else in a punctuation token is noise.
const COMMON_PUNCT: &str = ",.;:()-/%…“”\"'";

impl Traits {
    /// The traits of a token as written; `word` tells a word from punctuation and the rest.
    pub fn of(text: &str, word: bool) -> Traits {
        if !word {
            return Traits { marked: text.chars().any(|c| !COMMON_PUNCT.contains(c)), ..Traits::default() };
        }
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        Traits {
            marked: letters < text.chars().count(),
            caps: (1..=4).contains(&letters) && text.chars().all(|c| !c.is_lowercase()),
            ..Traits::default()
        }
    }

    fn bits(self) -> usize {
        usize::from(self.marked)
            | usize::from(self.caps) << 1
            | usize::from(self.far) << 2
            | usize::from(self.overruled) << 3
            | usize::from(self.colon) << 4
    }

    fn from_bits(bits: usize) -> Traits {
        Traits {
            marked: bits & 1 != 0,
            caps: bits & 2 != 0,
            far: bits & 4 != 0,
            overruled: bits & 8 != 0,
            colon: bits & 16 != 0,
        }
    }

    /// The suffix of a table's name: "", "/marked", "/caps", "/marked/caps", "/far"...
    fn suffix(self) -> String {
        let mut s = String::new();
        let names = [
            (self.marked, "/marked"),
            (self.caps, "/caps"),
            (self.far, "/far"),
            (self.overruled, "/overruled"),
            (self.colon, "/colon"),
        ];
        for (on, name) in names {
            if on {
                s.push_str(name);
            }
        }
        s
    }
}

/// Combinations of traits.
const COMBINATIONS: usize = 32;

/// Tables: one per class and combination of traits.
const TABLES: usize = Class::ALL.len() * COMBINATIONS;

fn table(class: Class, traits: Traits) -> usize {
    class as usize * COMBINATIONS + traits.bits()
}

/// The table named `name` ("changed/marked").
fn table_named(name: &str) -> Option<usize> {
    let (class, rest) = name.split_once('/').map_or((name, ""), |(c, r)| (c, r));
    let class = Class::from_name(class)?;
    let bits = (0..COMBINATIONS).find(|&b| Traits::from_bits(b).suffix().trim_start_matches('/') == rest)?;
    Some(class as usize * COMBINATIONS + bits)
}

/// Knots `(raw, calibrated)` of one class, raw ascending; empty means "raw as it is".
type Knots = Vec<(f32, f32)>;

/// The calibration of every class: a monotone piecewise-linear map of raw scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    knots: [Knots; TABLES],
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration { knots: std::array::from_fn(|_| Vec::new()) }
    }
}

impl Calibration {
    /// No calibration: every confidence is its raw score.
    pub fn identity() -> Calibration {
        Calibration::default()
    }

    /// Whether this maps every score to itself.
    pub fn is_identity(&self) -> bool {
        self.knots.iter().all(Vec::is_empty)
    }

    /// The calibrated confidence of a token of `class` and `traits` with raw posterior `raw`.
    pub(crate) fn confidence(&self, class: Class, traits: Traits, raw: f32) -> f32 {
        let k = &self.knots[table(class, traits)];
        let (Some(first), Some(last)) = (k.first(), k.last()) else { return raw };
        if raw <= first.0 {
            return first.1;
        }
        if raw >= last.0 {
            return last.1;
        }
        let i = k.partition_point(|&(x, _)| x <= raw);
        let ((x0, y0), (x1, y1)) = (k[i - 1], k[i]);
        if x1 <= x0 {
            return y1;
        }
        y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    }

    /// Parse the table file: `class<TAB>raw<TAB>calibrated` lines, `#` comments.
    pub fn from_tsv(text: &str) -> Result<Calibration, LineError> {
        let mut c = Calibration::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [name, raw, p] = f[..] else {
                return Err(LineError::new(
                    i + 1,
                    format!("expected 3 tab-separated fields, found {}", f.len()),
                ));
            };
            let t =
                table_named(name).ok_or_else(|| LineError::new(i + 1, format!("unknown class {name:?}")))?;
            let num = |s: &str| {
                s.parse::<f32>()
                    .ok()
                    .filter(|v| (0.0..=1.0).contains(v))
                    .ok_or_else(|| LineError::new(i + 1, format!("{s:?} is not a number in 0..1")))
            };
            let knots = &mut c.knots[t];
            let (raw, p) = (num(raw)?, num(p)?);
            if knots.last().is_some_and(|&(x, y)| raw < x || p < y) {
                return Err(LineError::new(i + 1, "knots of a class must ascend in both columns"));
            }
            knots.push((raw, p));
        }
        Ok(c)
    }

    /// The table file's text.
    pub fn to_tsv(&self) -> String {
        let mut s = String::from("# class\traw posterior\tcalibrated confidence\n");
        for class in Class::ALL {
            for bits in 0..COMBINATIONS {
                let traits = Traits::from_bits(bits);
                for &(x, y) in &self.knots[table(class, traits)] {
                    s.push_str(&format!("{}{}\t{x:.4}\t{y:.4}\n", class.name(), traits.suffix()));
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_keeps_raw_scores() {
        let c = Calibration::identity();
        assert_eq!(c.confidence(Class::Changed, Traits::default(), 0.37), 0.37);
        assert!(c.is_identity());
    }

    #[test]
    fn bad_tables_are_refused_with_their_line() {
        assert_eq!(Calibration::from_tsv("kept\t0.5\n").unwrap_err().line, 1);
        assert!(Calibration::from_tsv("# c\nkept\t0.5\t0.9\nkept\t0.6\t0.8\n").is_err());
        assert!(Calibration::from_tsv("nope\t0.5\t0.9\n").is_err());
        assert!(Calibration::from_tsv("kept\t0.5\t1.5\n").is_err());
        // traits are named in a fixed order
        let c = Calibration::from_tsv("changed/far/overruled\t0.5\t0.3\n").unwrap();
        let t = Traits { far: true, overruled: true, ..Traits::default() };
        assert_eq!(c.confidence(Class::Changed, t, 0.9), 0.3);
        assert_eq!(Calibration::from_tsv(&c.to_tsv()).unwrap(), c);
        assert!(Calibration::from_tsv("changed/overruled/far\t0.5\t0.3\n").is_err());
        let c = Calibration::from_tsv("changed/marked/caps\t0.5\t0.2\n").unwrap();
        let both = Traits { marked: true, caps: true, ..Traits::default() };
        assert_eq!(c.confidence(Class::Changed, both, 0.9), 0.2);
        assert_eq!(c.confidence(Class::Changed, Traits::default(), 0.9), 0.9);
    }

    #[test]
    fn traits_come_from_the_written_token() {
        assert_eq!(Traits::of("s6", true), Traits { marked: true, ..Traits::default() });
        assert_eq!(Traits::of("BO", true), Traits { caps: true, ..Traits::default() });
        assert_eq!(Traits::of("Bộ", true), Traits::default());
        assert_eq!(Traits::of("THÀNH", true), Traits::default());
        assert_eq!(Traits::of("),", false), Traits::default());
        assert!(Traits::of("|", false).marked);
    }
}
