//! Measures how encoding detection (src/text/detect.rs) does on Vietnamese text it was not
//! tuned on: each text file is cut into report-sized pieces, each piece is made into several
//! forms (typed, as an OCR engine limited to Latin-1 would write it, with noise), every form
//! is written in each 8-bit table with `vnreport::encode`, and `vnreport::decode` must read
//! it right or refuse it naming its table, never read it wrong with success.
//!
//! Run from the crate root (scripts/encoding_margin.sh fetches the held-out text and runs it):
//! `cargo run --release --features tools --example encoding_margin -- [--lines N] [--every K] FILE...`
//! (pieces of N consecutive lines, default 60; every K-th piece, default 1).

use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use vnreport::{decode, encode, DecodeOptions, Encoding};

/// The 8-bit tables detection chooses among.
const TABLES: [Encoding; 6] =
    [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Viscii, Encoding::Vn1, Encoding::Vps];
/// Cases listed in full for each form and table.
const SHOWN: usize = 3;

/// What a piece is turned into before it is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Form {
    /// The text as it is.
    Typed,
    /// Every letter the closest letter Latin-1 has ([`to_latin1`]).
    Latin1,
    /// [`Form::Latin1`] with character noise ([`add_noise`]).
    Latin1Noisy,
    /// Marks dropped, except that an e with any mark becomes é ([`to_e_acute`]): the corpus's
    /// OCR output (corpus/degraded) has next to no marked letter but é.
    EAcute,
}

const FORMS: [Form; 4] = [Form::Typed, Form::Latin1, Form::Latin1Noisy, Form::EAcute];

impl Form {
    fn name(self) -> &'static str {
        match self {
            Form::Typed => "typed",
            Form::Latin1 => "latin1",
            Form::Latin1Noisy => "latin1+noise",
            Form::EAcute => "e-acute",
        }
    }

    fn make(self, text: &str, seed: u64) -> String {
        match self {
            Form::Typed => text.to_string(),
            Form::Latin1 => to_latin1(text),
            Form::Latin1Noisy => add_noise(&to_latin1(text), seed),
            Form::EAcute => to_e_acute(text),
        }
    }
}

/// How detection handled one encoded file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Decoded into the text its own table gives (any table reading the same text).
    Right,
    /// Refused as read about equally well by several tables, the best of them reading the
    /// file's own text: the margin cost a right reading.
    CloseRightLed,
    /// Refused as read about equally well by several tables, the best of them reading other
    /// text: the margin kept a wrong reading from being returned.
    CloseWrongLed,
    /// Refused as not Vietnamese in any table.
    Unfit,
    /// Decoded with success into other text.
    Wrong,
}

const OUTCOMES: [Outcome; 5] =
    [Outcome::Right, Outcome::CloseRightLed, Outcome::CloseWrongLed, Outcome::Unfit, Outcome::Wrong];

impl Outcome {
    fn name(self) -> &'static str {
        match self {
            Outcome::Right => "right",
            Outcome::CloseRightLed => "refused, right table led",
            Outcome::CloseWrongLed => "refused, wrong table led",
            Outcome::Unfit => "refused, no table fits",
            Outcome::Wrong => "wrong",
        }
    }
}

/// Whether ISO-8859-1 has the letter `c` outside ASCII (à, é, ô, õ, ý …).
fn latin1_has(c: char) -> bool {
    let code = u32::from(c);
    (0xC0..=0xFF).contains(&code) && c.is_alphabetic()
}

/// A Vietnamese letter taken apart: base letter (ASCII), whether it has a circumflex, and its
/// tone as a combining mark (None for level tone). Horn, breve and the stroke of đ are
/// dropped here: Latin-1 has none of them.
fn parts(c: char) -> (char, bool, Option<char>) {
    let (mut base, mut hat, mut tone) = (c, false, None);
    let decomposed: Vec<char> = std::iter::once(c).nfd().collect();
    for (i, &d) in decomposed.iter().enumerate() {
        match d {
            _ if i == 0 => base = d,
            '\u{302}' => hat = true,
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tone = Some(d),
            _ => {} // horn U+031B, breve U+0306
        }
    }
    base = match base {
        'đ' => 'd',
        'Đ' => 'D',
        b => b,
    };
    (base, hat, tone)
}

/// `base` with a circumflex if `hat` and the tone, composed.
fn compose(base: char, hat: bool, tone: Option<char>) -> char {
    let s: String =
        std::iter::once(base).chain(hat.then_some('\u{302}')).chain(tone).collect::<String>().nfc().collect();
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c,
        _ => base,
    }
}

/// The closest letter Latin-1 has to `c`: `c` itself if Latin-1 has it; else horn, breve and
/// stroke dropped (ơ→o, ư→u, ă→a, đ→d); then the first of these that Latin-1 has: the
/// letter with circumflex and tone, without the circumflex (ế→é, ẫ→ã), without the tone
/// (ệ→ê, ể→ê), the bare letter (ả→a, ợ→o, ỳ→y).
fn latin1_letter(c: char) -> char {
    if c.is_ascii() || latin1_has(c) {
        return c;
    }
    let (base, hat, tone) = parts(c);
    if !base.is_ascii() {
        return c; // not a Vietnamese letter
    }
    [compose(base, hat, tone), compose(base, false, tone), compose(base, hat, None)]
        .into_iter()
        .find(|&l| latin1_has(l))
        .unwrap_or(base)
}

/// `text` as an OCR engine that writes only Latin-1 letters gives it ([`latin1_letter`]).
fn to_latin1(text: &str) -> String {
    text.nfc().map(latin1_letter).collect()
}

/// `text` with every mark dropped (ơ→o, ệ→e, đ→d), except that an e with any mark or tone
/// becomes é.
fn to_e_acute(text: &str) -> String {
    text.nfc()
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            let (base, hat, tone) = parts(c);
            match base {
                'e' if hat || tone.is_some() => 'é',
                'E' if hat || tone.is_some() => 'É',
                b if b.is_ascii() => b,
                _ => c,
            }
        })
        .collect()
}

/// SplitMix64: a small, fixed generator, so the noise is the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `per_mille`/1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// Letters dropped, per thousand letters.
const DROP_PER_MILLE: u64 = 20;
/// Letters read as digits, per thousand letters.
const DIGIT_PER_MILLE: u64 = 20;

/// `text` with light OCR noise from `seed`: each letter dropped with probability 2%, else
/// read as a digit with probability 2% (o, ô, ó, ò, õ → 0 or 6; i, l, í, ì → 1; s → 5;
/// b → 8; g → 9; z → 2; a, â, á, à, ã → 4; any other letter → 6).
fn add_noise(text: &str, seed: u64) -> String {
    let mut rng = SplitMix(seed);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_alphabetic() {
            out.push(c);
        } else if rng.chance(DROP_PER_MILLE) {
            // dropped
        } else if rng.chance(DIGIT_PER_MILLE) {
            let base = std::iter::once(c).nfd().next().unwrap_or(c).to_ascii_lowercase();
            out.push(match base {
                'o' if c.is_ascii() => '0',
                'o' => '6',
                'i' | 'l' => '1',
                's' => '5',
                'b' => '8',
                'g' => '9',
                'z' => '2',
                'a' => '4',
                _ => '6',
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// A piece of a text file: which file, which piece, its text.
struct Piece {
    file: String,
    index: usize,
    text: String,
}

/// Pieces of `lines` consecutive lines of each file, every `every`-th; the shorter tail of
/// a file is left out (a few lines are no report).
fn pieces(files: &[String], lines: usize, every: usize) -> Result<Vec<Piece>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)?;
        let all: Vec<&str> = text.lines().collect();
        for (index, chunk) in all.chunks_exact(lines).enumerate().step_by(every) {
            out.push(Piece { file: file.clone(), index, text: chunk.join("\n") + "\n" });
        }
    }
    Ok(out)
}

/// The seed of a piece's noise: from its file name and index, so that a piece gets the same
/// noise whatever else is measured.
fn seed_of(piece: &Piece) -> u64 {
    let name = std::path::Path::new(&piece.file).file_name().map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_default()
        .bytes()
        .fold(0xCBF2_9CE4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3))
        ^ (piece.index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// How `decode` handles `text` written in `table`, what it read it as (or the error), and
/// whether a refusal names the table's `--encoding NAME`.
fn classify(text: &str, table: Encoding) -> (Outcome, String, bool) {
    let bytes = encode(text, table);
    let forced_as = |encoding: Encoding| {
        decode(&bytes, &DecodeOptions { encoding: Some(encoding), lossy: false })
            .expect("a table given by force reads any bytes without NUL")
            .text
    };
    let forced = forced_as(table);
    match decode(&bytes, &DecodeOptions::default()) {
        Ok(d) if d.text == forced => (Outcome::Right, d.encoding.to_string(), true),
        Ok(d) => {
            let differing: Vec<(&str, &str)> =
                d.text.lines().zip(forced.lines()).filter(|(a, b)| a != b).collect();
            let first = differing.first().map_or(String::new(), |(read, right)| {
                let cut = |s: &str| s.chars().take(70).collect::<String>();
                format!(", first: {:?} for {:?}", cut(read), cut(right))
            });
            let total = forced.lines().count();
            (
                Outcome::Wrong,
                format!("read as {}, {} of {total} lines differ{first}", d.encoding, differing.len()),
                true,
            )
        }
        Err(e) => {
            let msg = e.to_string();
            let named = msg.contains(&format!("--encoding {}", table.name()));
            // an ambiguous file's error offers the tables best first: "give --encoding a, …"
            let best = msg.split(" give --encoding ").nth(1).and_then(|rest| {
                let name = rest.split([',', ' ']).next()?;
                name.parse::<Encoding>().ok()
            });
            let outcome = match best {
                None => Outcome::Unfit,
                Some(best) if forced_as(best) == forced => Outcome::CloseRightLed,
                Some(_) => Outcome::CloseWrongLed,
            };
            (outcome, msg, named)
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut lines, mut every, mut files) = (60usize, 1usize, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lines" => lines = args.next().ok_or("--lines N")?.parse()?,
            "--every" => every = args.next().ok_or("--every K")?.parse()?,
            _ => files.push(arg),
        }
    }
    if files.is_empty() || lines == 0 || every == 0 {
        return Err("usage: encoding_margin [--lines N] [--every K] FILE...".into());
    }
    let pieces = pieces(&files, lines, every)?;
    let bytes: usize = pieces.iter().map(|p| p.text.len()).sum();
    println!(
        "{} pieces of {lines} lines (every {every}-th) from {} files, {} KB of UTF-8 in all",
        pieces.len(),
        files.len(),
        bytes / 1000
    );
    let mut counts: BTreeMap<(Form, usize, Outcome), usize> = BTreeMap::new();
    let mut other_tables: BTreeMap<(Form, usize, String), usize> = BTreeMap::new();
    let mut cases: BTreeMap<(Form, usize), Vec<String>> = BTreeMap::new();
    let mut unnamed: BTreeMap<(Form, usize), Vec<String>> = BTreeMap::new();
    for piece in &pieces {
        for form in FORMS {
            let text = form.make(&piece.text, seed_of(piece));
            for (t, table) in TABLES.into_iter().enumerate() {
                let (outcome, how, named) = classify(&text, table);
                *counts.entry((form, t, outcome)).or_default() += 1;
                let case = format!("{} piece {}, {} in {table}: {how}", piece.file, piece.index, form.name());
                match outcome {
                    Outcome::Right if how != table.to_string() => {
                        *other_tables.entry((form, t, how)).or_default() += 1;
                    }
                    Outcome::Wrong => cases.entry((form, t)).or_default().push(case),
                    _ if !named => unnamed.entry((form, t)).or_default().push(case),
                    _ => {}
                }
            }
        }
    }
    print_table(&counts);
    if !other_tables.is_empty() {
        println!("\nRead right as another table with the same text:");
        for ((form, t, read_as), n) in &other_tables {
            println!("  {} in {}: {n} read as {read_as}", form.name(), TABLES[*t]);
        }
    }
    for (title, lists) in
        [("Read wrong (exit 0, other text)", &cases), ("Refused without naming the table", &unnamed)]
    {
        println!("\n{title}: {}", lists.values().map(Vec::len).sum::<usize>());
        for ((form, t), list) in lists {
            println!("  {} in {}: {}", form.name(), TABLES[*t], list.len());
            for case in list.iter().take(SHOWN) {
                println!("    {case}");
            }
        }
    }
    Ok(())
}

/// One row per form and table: how many files were read right, refused, read wrong.
fn print_table(counts: &BTreeMap<(Form, usize, Outcome), usize>) {
    print!("\n| form | table |");
    for o in OUTCOMES {
        print!(" {} |", o.name());
    }
    println!("\n|---|---|{}", "---:|".repeat(OUTCOMES.len()));
    for form in FORMS {
        for (t, table) in TABLES.into_iter().enumerate() {
            print!("| {} | {table} |", form.name());
            for o in OUTCOMES {
                print!(" {} |", counts.get(&(form, t, o)).copied().unwrap_or(0));
            }
            println!();
        }
    }
    print!("| all | all |");
    for o in OUTCOMES {
        print!(" {} |", counts.iter().filter(|(k, _)| k.2 == o).map(|(_, n)| n).sum::<usize>());
    }
    println!();
}
