//! vnreport restores the Vietnamese diacritics that OCR lost in scanned government reports,
//! and extracts their figures, cited documents and metadata as JSON that points back to the
//! source text.
//!
//! The pipeline: decode bytes ([`text`]) → tokenize each line ([`token`]) → candidates per word
//! from the syllable lexicon and the OCR channel model ([`lexicon`], [`confusion`]) → Viterbi
//! over a syllable trigram language model ([`lm`], [`restore`]) → restored lines with
//! [`Correction`]s → extraction ([`extract`]) → JSON ([`report`]);
//! and, for proof-reading, an HTML page of the document ([`review`]).
//!
//! ```
//! let restorer = vnreport::Restorer::new(vnreport::Model::shipped()?);
//! let out = restorer.restore_text("Két qua thyc hign cdng tac cai cach hanh chinh");
//! assert_eq!(out.lines[0].text, "Kết quả thực hiện công tác cải cách hành chính");
//! # Ok::<(), vnreport::Error>(())
//! ```

// Dynamic-programming tables read more clearly with explicit indices.
#![allow(clippy::needless_range_loop)]

pub mod calibration;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
pub mod codec;
pub mod codes;
pub mod confusion;
pub mod corpus;
#[cfg(feature = "train")]
pub mod edits;
pub mod error;
#[cfg(feature = "train")]
pub mod eval;
pub mod extract;
pub mod lexicon;
pub mod lm;
pub mod model;
#[cfg(feature = "train")]
pub mod pairs;
pub mod pipeline;
pub mod report;
pub mod restore;
pub mod review;
#[cfg(feature = "train")]
pub mod robustness;
pub mod text;
pub mod token;
pub mod viet;

pub use error::{Error, ErrorKind, LineError, Result};
pub use model::Model;
pub use restore::{Alternative, Correction, Restoration, RestoredLine, Restorer, TokenRecord};
