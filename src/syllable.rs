//! Vietnamese syllable rules: a syllable is onset + rhyme + tone. This module strips a syllable
//! to its base key, splits and re-applies tones in the classic placement the seeds use ("hóa",
//! "Ủy"), tells valid syllables from invalid ones, enumerates every valid syllable, and
//! classifies and re-applies casing.

use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The six Vietnamese tones, in the order of their traditional names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// ngang: no mark.
    Level = 0,
    /// sắc: acute.
    Acute = 1,
    /// huyền: grave.
    Grave = 2,
    /// hỏi: hook above.
    Hook = 3,
    /// ngã: tilde.
    Tilde = 4,
    /// nặng: dot below.
    Dot = 5,
}

impl Tone {
    /// All tones, level first.
    pub const ALL: [Tone; 6] = [Tone::Level, Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot];

    fn combining(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Acute => Some('\u{301}'),
            Tone::Grave => Some('\u{300}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Dot => Some('\u{323}'),
        }
    }
}

/// A letter split into its toneless form (with vowel marks: ă â ê ô ơ ư đ) and its tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LetterInfo {
    toneless: char,
    tone: Tone,
    base: char,
}

/// Table from every Vietnamese letter (both cases) to its parts, built once from NFD.
static LETTERS: LazyLock<crate::lm::IdMap<char, LetterInfo>> = LazyLock::new(|| {
    let mut m = crate::lm::IdMap::default();
    let toneless = "aăâbcdđeêghiklmnoôơpqrstuưvxy";
    for t in toneless.chars() {
        for tone in Tone::ALL {
            let mut s = String::new();
            s.push(t);
            if let Some(c) = tone.combining() {
                if !is_vowel_toneless(t) {
                    continue;
                }
                s.push(c);
            }
            let composed: String = s.nfc().collect();
            let mut it = composed.chars();
            let (Some(lc), None) = (it.next(), it.next()) else { continue };
            let base = base_of_toneless(t);
            m.insert(lc, LetterInfo { toneless: t, tone, base });
            for uc in lc.to_uppercase() {
                let ut = t.to_uppercase().next().unwrap_or(t);
                m.insert(uc, LetterInfo { toneless: ut, tone, base: base.to_ascii_uppercase() });
            }
        }
    }
    m
});

/// Reverse table: (lower-case toneless vowel, tone) → composed lower-case letter.
static COMPOSE: LazyLock<HashMap<(char, Tone), char>> = LazyLock::new(|| {
    LETTERS
        .iter()
        .filter(|(c, _)| c.is_lowercase())
        .map(|(&c, info)| ((info.toneless, info.tone), c))
        .collect()
});

fn is_vowel_toneless(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

fn base_of_toneless(c: char) -> char {
    match c {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        other => other,
    }
}

/// True for a letter of the Vietnamese alphabet (any case, any tone).
pub fn is_vietnamese_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || LETTERS.contains_key(&c)
}

/// True when `c` carries a mark that only Vietnamese uses (ă, ơ, ư, đ, ạ, ả, ẽ, …), i.e. a
/// letter that Latin-1 does not have: a sign that the text was typed, not OCR'd.
pub fn is_vietnamese_only(c: char) -> bool {
    let code = c as u32;
    LETTERS.contains_key(&c) && code > 0xFF
}

/// The base key of a word: lower case, tones and vowel marks removed, đ → d ("Thực" → "thuc").
/// Characters that are not Vietnamese letters are kept as they are (lower-cased).
pub fn base_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match LETTERS.get(&c) {
            Some(info) => out.push(info.base.to_ascii_lowercase()),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Split a word into its toneless form and its tone (the first tone mark found).
pub fn split_tone(word: &str) -> (String, Tone) {
    let mut tone = Tone::Level;
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match LETTERS.get(&c) {
            Some(info) => {
                if info.tone != Tone::Level && tone == Tone::Level {
                    tone = info.tone;
                }
                out.push(info.toneless);
            }
            None => out.push(c),
        }
    }
    (out, tone)
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k",
    "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Every rhyme (medial + nucleus + coda) without tone.
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", "ăc", "ăm", "ăn", "ăng",
    "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em", "en", "eng", "eo", "ep",
    "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i", "ia", "ich", "im", "in", "inh", "ip", "it",
    "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "o", "oc", "oi", "om", "on", "ong", "op", "ot",
    "ooc", "oong", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oap", "oat", "oay", "oăc",
    "oăm", "oăn", "oăng", "oăt", "oe", "oen", "oeo", "oet", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut", "uân", "uâng",
    "uât", "uây", "uê", "uêch", "uênh", "uơ", "uy", "uya", "uych", "uyên", "uyêt", "uyn", "uynh", "uyp",
    "uyt", "uyu", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt",
    "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "y", "yêm", "yên", "yêt", "yêu",
];

static RHYME_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| RHYMES.iter().copied().collect());

/// A parsed toneless lower-case syllable.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parsed {
    onset: &'static str,
    rhyme: String,
}

fn rhyme_ok(onset: &str, rhyme: &str) -> bool {
    if onset == "qu" {
        let u = format!("u{rhyme}");
        let o = format!("o{rhyme}");
        return !rhyme.starts_with('u')
            && !rhyme.starts_with('o')
            && (RHYME_SET.contains(u.as_str()) || RHYME_SET.contains(o.as_str()));
    }
    if !RHYME_SET.contains(rhyme) {
        return false;
    }
    let first = rhyme.chars().next().unwrap_or(' ');
    let front = matches!(first, 'e' | 'ê' | 'i' | 'y');
    if rhyme.starts_with("yê") && !onset.is_empty() {
        return false;
    }
    match onset {
        "c" | "g" | "ng" => !front || (onset == "g" && first == 'i'),
        "k" | "gh" | "ngh" => front,
        "gi" => first != 'i' && first != 'y',
        _ => true,
    }
}

/// Parse a toneless lower-case syllable into onset and rhyme, preferring the "gi" onset.
fn parse(toneless: &str) -> Option<Parsed> {
    let mut tried_empty = false;
    for onset in ONSETS.iter().copied().chain(std::iter::once("")) {
        if onset.is_empty() {
            tried_empty = true;
        }
        if let Some(rest) = toneless.strip_prefix(onset) {
            if !rest.is_empty() && rhyme_ok(onset, rest) {
                return Some(Parsed { onset, rhyme: rest.to_string() });
            }
        }
    }
    debug_assert!(tried_empty);
    None
}

fn is_stop_coda(rhyme: &str) -> bool {
    rhyme.ends_with('c') || rhyme.ends_with("ch") || rhyme.ends_with('p') || rhyme.ends_with('t')
}

/// True when `word` (any case, any tone) is a valid Vietnamese syllable.
pub fn is_valid(word: &str) -> bool {
    if word.is_empty() || word.chars().count() > 8 {
        return false;
    }
    let lower = word.to_lowercase();
    let (toneless, tone) = split_tone(&lower);
    if lower.chars().filter(|c| LETTERS.get(c).is_some_and(|i| i.tone != Tone::Level)).count() > 1 {
        return false;
    }
    match parse(&toneless) {
        Some(p) => !is_stop_coda(&p.rhyme) || matches!(tone, Tone::Acute | Tone::Dot),
        None => false,
    }
}

/// Index (in chars of the toneless syllable) of the vowel that carries the tone, classic style.
fn tone_position(toneless: &str) -> Option<usize> {
    let p = parse(toneless)?;
    let onset_len = p.onset.chars().count();
    let rhyme: Vec<char> = p.rhyme.chars().collect();
    let vowels: Vec<usize> = (0..rhyme.len()).take_while(|&i| is_vowel_toneless(rhyme[i])).collect();
    if vowels.is_empty() {
        return None;
    }
    let has_coda = vowels.len() < rhyme.len();
    let marked: Vec<usize> =
        vowels.iter().copied().filter(|&i| matches!(rhyme[i], 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')).collect();
    let pos = if let Some(&last) = marked.last() {
        last
    } else if has_coda {
        *vowels.last()?
    } else {
        match vowels.len() {
            1 | 2 => vowels[0],
            _ => vowels[1],
        }
    };
    Some(onset_len + pos)
}

/// Put `tone` on a syllable (replacing any tone it has) in the classic placement; `None` if it
/// is not a syllable. Keeps the case of each letter.
pub fn apply_tone(word: &str, tone: Tone) -> Option<String> {
    let (toneless, _) = split_tone(word);
    let lower = toneless.to_lowercase();
    let pos = tone_position(&lower)?;
    let mut out = String::with_capacity(toneless.len() + 2);
    for (i, c) in toneless.chars().enumerate() {
        if i == pos && tone != Tone::Level {
            let lc = c.to_lowercase().next().unwrap_or(c);
            let composed = *COMPOSE.get(&(lc, tone))?;
            if c.is_uppercase() {
                out.extend(composed.to_uppercase());
            } else {
                out.push(composed);
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Rewrite one word in the project's style: NFC, and for a valid syllable the tone moved to its
/// classic place ("hoà" → "hòa", "thuỷ" → "thủy"). Other words come back NFC only.
pub fn normalize_word(word: &str) -> String {
    let nfc: String = word.nfc().collect();
    let (toneless, tone) = split_tone(&nfc);
    if tone == Tone::Level || !is_valid(&nfc) {
        return nfc;
    }
    apply_tone(&toneless, tone).unwrap_or(nfc)
}

/// Every valid lower-case syllable with every tone the rules allow, sorted.
pub fn all_syllables() -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut rhymes: Vec<String> = RHYMES.iter().map(|r| r.to_string()).collect();
    // rhymes after "qu": the medial u/o is written as the u of "qu"
    for r in RHYMES {
        if let Some(rest) = r.strip_prefix('u').or_else(|| r.strip_prefix('o')) {
            if !rest.is_empty() {
                rhymes.push(rest.to_string());
            }
        }
    }
    for onset in ONSETS.iter().copied().chain(std::iter::once("")) {
        for r in &rhymes {
            let toneless = format!("{onset}{r}");
            for tone in Tone::ALL {
                if let Some(s) = apply_tone(&toneless, tone) {
                    if is_valid(&s) && base_key(&s).len() == toneless.chars().count() {
                        out.insert(s);
                    }
                }
            }
        }
    }
    out.into_iter().collect()
}

/// Every lower-case letter that occurs in a valid syllable, sorted: the source alphabet of the
/// OCR channel.
pub fn alphabet() -> Vec<char> {
    let mut letters: Vec<char> = LETTERS.keys().copied().filter(|c| c.is_lowercase()).collect();
    letters.sort_unstable();
    letters
}

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// all lower case (or no letters).
    Lower,
    /// first letter upper case, the rest lower.
    Title,
    /// all (or nearly all) letters upper case.
    Upper,
}

/// Classify the casing of a word, tolerating OCR's odd letters ("CAl" is upper, "K&t" title).
pub fn classify_casing(word: &str) -> Casing {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return Casing::Lower };
    if !first.is_uppercase() {
        return Casing::Lower;
    }
    let (mut up, mut low) = (1, 0);
    for c in letters {
        if c.is_uppercase() {
            up += 1;
        } else {
            low += 1;
        }
    }
    if up >= 2 && up > low {
        Casing::Upper
    } else {
        Casing::Title
    }
}

/// Apply a casing to a lower-case word.
pub fn apply_casing(lower: &str, casing: Casing) -> String {
    let mut out = String::with_capacity(lower.len());
    push_cased(&mut out, lower, casing);
    out
}

/// Append `lower` to `out` in `casing` (no allocation of its own: restoration writes every
/// changed word this way).
pub fn push_cased(out: &mut String, lower: &str, casing: Casing) {
    match casing {
        Casing::Lower => out.push_str(lower),
        Casing::Upper => out.extend(lower.chars().flat_map(char::to_uppercase)),
        Casing::Title => {
            let mut it = lower.chars();
            if let Some(f) = it.next() {
                out.extend(f.to_uppercase());
                out.push_str(it.as_str());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_alphabet_is_the_letters_of_the_syllable_inventory() {
        let mut from_syllables: Vec<char> =
            super::all_syllables().iter().flat_map(|s| s.chars().collect::<Vec<_>>()).collect();
        from_syllables.sort_unstable();
        from_syllables.dedup();
        assert_eq!(super::alphabet(), from_syllables);
    }

    use super::*;

    #[test]
    fn base_keys_strip_everything() {
        assert_eq!(base_key("Thực"), "thuc");
        assert_eq!(base_key("ĐẠO"), "dao");
        assert_eq!(base_key("người"), "nguoi");
        assert_eq!(base_key("s6"), "s6");
    }

    #[test]
    fn tones_split_and_apply_in_classic_style() {
        assert_eq!(split_tone("hiện"), ("hiên".to_string(), Tone::Dot));
        assert_eq!(apply_tone("hoa", Tone::Acute).as_deref(), Some("hóa"));
        assert_eq!(apply_tone("Uy", Tone::Hook).as_deref(), Some("Ủy"));
        assert_eq!(apply_tone("hoan", Tone::Grave).as_deref(), Some("hoàn"));
        assert_eq!(apply_tone("quy", Tone::Acute).as_deref(), Some("quý"));
        assert_eq!(apply_tone("gia", Tone::Grave).as_deref(), Some("già"));
        assert_eq!(apply_tone("gin", Tone::Grave).as_deref(), Some("gìn"));
        assert_eq!(apply_tone("nguơi", Tone::Grave), None);
        assert_eq!(apply_tone("người", Tone::Level).as_deref(), Some("ngươi"));
        assert_eq!(apply_tone("ngươi", Tone::Grave).as_deref(), Some("người"));
        assert_eq!(apply_tone("ngoai", Tone::Grave).as_deref(), Some("ngoài"));
        assert_eq!(apply_tone("thuyêt", Tone::Acute).as_deref(), Some("thuyết"));
        assert_eq!(apply_tone("của", Tone::Acute).as_deref(), Some("cúa"));
        assert_eq!(apply_tone("cua", Tone::Hook).as_deref(), Some("của"));
        assert_eq!(apply_tone("KHOE", Tone::Hook).as_deref(), Some("KHỎE"));
    }

    #[test]
    fn normalizes_modern_placement() {
        assert_eq!(normalize_word("hoà"), "hòa");
        assert_eq!(normalize_word("thuỷ"), "thủy");
        assert_eq!(normalize_word("Uỷ"), "Ủy");
        assert_eq!(normalize_word("ho\u{0061}\u{0300}n"), "hoàn");
        assert_eq!(normalize_word("UBND"), "UBND");
    }

    #[test]
    fn validity() {
        for w in [
            "năm", "Kết", "quả", "thực", "hiện", "nghiêng", "giữ", "gì", "ĐẠO", "khuyến", "yêu", "quốc",
            "oẳn",
        ] {
            assert!(is_valid(w), "{w} should be valid");
        }
        for w in ["thyc", "hign", "cdng", "s6", "ghá", "cen", "kan", "qoa", "nghà"] {
            assert!(!is_valid(w), "{w} should be invalid");
        }
        assert!(!is_valid("màt"), "stop coda takes only sắc/nặng");
        assert!(!is_valid("UBND"));
    }

    #[test]
    fn inventory_is_the_size_the_rules_give() {
        let all = all_syllables();
        assert!(all.len() > 10_000 && all.len() < 25_000, "{}", all.len());
        for w in ["năm", "người", "được", "quyết", "giữ", "gì", "khuya", "thủy", "hóa"] {
            assert!(all.binary_search(&w.to_string()).is_ok(), "{w} missing");
        }
    }

    #[test]
    fn casing_round_trip() {
        assert_eq!(classify_casing("KET"), Casing::Upper);
        assert_eq!(classify_casing("CAl"), Casing::Upper);
        assert_eq!(classify_casing("K&t"), Casing::Title);
        assert_eq!(classify_casing("S6"), Casing::Title);
        assert_eq!(classify_casing("thuc"), Casing::Lower);
        assert_eq!(apply_casing("kết quả", Casing::Upper), "KẾT QUẢ");
        assert_eq!(apply_casing("ủy", Casing::Title), "Ủy");
    }
}
