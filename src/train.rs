//! Learning and measuring (the `train` feature): building model files, learning OCR
//! confusions from review edits, the calibration table, and scoring restoration and
//! extraction against gold text. The `vnreport` commands `build-model`, `learn`,
//! `learn-confusions` and `eval` are built on these.

pub use crate::calibration::Calibration;
pub use crate::confusion::ConfusionCounts;
pub use crate::corpus::strip_markdown;
pub use crate::edits::{corrected_lines, learn_confusions};
pub use crate::eval::{parse_skip, score, Score};
pub use crate::extract::agreement::Agreement;
pub use crate::lm::{NgramCounts, NgramModel};
pub use crate::model::{count_texts, ModelFile};
pub use crate::robustness::{measure, FileAgreement};
pub use crate::token::{tokenize, Token, TokenKind};
pub use crate::viet::{all_syllables, apply_tone_style, normalize_tone_style, strip_diacritics, ToneStyle};
