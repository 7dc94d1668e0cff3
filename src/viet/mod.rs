//! The one model of Vietnamese letters and syllables: letters taken apart into base, vowel mark
//! and tone ([`letter`], [`tone`]), the onset/rhyme grammar in its strict and lenient modes
//! ([`grammar`]), tone placement in the classic and modern styles ([`style`]), folding to base
//! letters ([`fold`]), casing ([`case`]) and the syllable inventory ([`inventory`]).

pub mod case;
pub mod fold;
pub mod grammar;
pub mod inventory;
pub mod letter;
pub mod style;
pub mod tone;

pub use case::{classify_casing, push_cased, Casing};
pub use fold::base_key;
#[cfg(feature = "train")]
pub use fold::strip_diacritics;
pub use grammar::is_valid;
#[cfg(feature = "train")]
pub use grammar::ToneStyle;
pub use inventory::all_syllables;
pub use letter::{alphabet, is_vietnamese_only};
pub use style::normalize_word;
#[cfg(feature = "train")]
pub use style::{apply_tone_style, normalize_tone_style};
pub use tone::split_tone;
