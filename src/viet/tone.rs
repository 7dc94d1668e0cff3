//! The six Vietnamese tones, and splitting a word into its toneless form and its tone.

use super::letter;

/// The six tones, in the order of their traditional names; `Level` (thanh ngang) has no mark.
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

/// The five marked tones, in the order the encoding tables index them.
pub const MARKED_TONES: [Tone; 5] = [Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot];

impl Tone {
    /// All tones, level first.
    pub const ALL: [Tone; 6] = [Tone::Level, Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot];

    /// Index 0 (level) to 5 (nặng), matching [`MARKED_TONES`] shifted by one.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The combining character that writes the tone in NFD.
    pub(crate) fn combining(self) -> Option<char> {
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

/// Split a word into its toneless form (vowel marks and case kept, other chars as they are)
/// and its tone (the first tone mark found).
pub fn split_tone(word: &str) -> (String, Tone) {
    let mut tone = Tone::Level;
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match letter::parse(c) {
            Some(l) => {
                if l.tone != Tone::Level && tone == Tone::Level {
                    tone = l.tone;
                }
                out.push(l.with_tone(Tone::Level).to_char().unwrap_or(c));
            }
            None => out.push(c),
        }
    }
    (out, tone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_split_off() {
        assert_eq!(split_tone("hiện"), ("hiên".to_string(), Tone::Dot));
        assert_eq!(split_tone("NGƯỜI"), ("NGƯƠI".to_string(), Tone::Grave));
        assert_eq!(split_tone("s6"), ("s6".to_string(), Tone::Level));
    }
}
