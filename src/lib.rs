//! vnreport restores the Vietnamese diacritics that OCR lost in scanned government reports,
//! and extracts their figures, cited documents and metadata as JSON that points back to the
//! source text.
//!
//! The pipeline: decode bytes ([`decode`], [`BlockDecoder`]) → restore each line with a
//! [`Restorer`] over a [`Model`] (candidates per word from the syllable lexicon and the OCR
//! channel model, Viterbi over a syllable trigram language model) → a [`Restoration`] of
//! [`RestoredLine`]s with their [`Correction`]s → [`extract`] an [`Extraction`] → a
//! [`Report`] ([`build_report`], [`to_json`]). [`restore_and_report`] is that whole path for
//! one document, read a block at a time; [`restore_and_write_report`] writes the report as it
//! goes, so memory does not grow with the document, and [`read_report`] reads one back an
//! item at a time.
//!
//! Features: `cli` (default) builds the `vnreport` program (with its batches of documents
//! written to an output folder) and implies `train` (model building, learning and
//! evaluation: the `train` module); `cargo build --no-default-features` builds the library
//! alone.
//!
//! ```
//! let restorer = vnreport::Restorer::new(vnreport::Model::shipped()?);
//! let out = restorer.restore_text("Két qua thyc hign cdng tac cai cach hanh chinh");
//! assert_eq!(out.lines[0].text, "Kết quả thực hiện công tác cải cách hành chính");
//! # Ok::<(), vnreport::Error>(())
//! ```
//!
//! An application holds one restorer (it owns its model, and is `Send + Sync`) and uses it
//! for every text it gets:
//!
//! ```
//! use vnreport::{extract, Extraction, Model, Restorer};
//!
//! struct App {
//!     restorer: Restorer,
//! }
//!
//! impl App {
//!     fn new() -> vnreport::Result<App> {
//!         Ok(App { restorer: Restorer::new(Model::shipped()?) })
//!     }
//!
//!     /// The restored text of `ocr` and what it reports.
//!     fn read(&self, ocr: &str) -> (String, Extraction) {
//!         let restoration = self.restorer.restore_text(ocr);
//!         let text = restoration.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
//!         (text, extract(&restoration))
//!     }
//! }
//!
//! let app = App::new()?;
//! let (text, found) = app.read("Ty le ho so giai quyet dung han dat 98,5%.");
//! assert_eq!(text, "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.");
//! assert_eq!(found.indicators[0].value, 98.5);
//! let (_, found) = app.read("Thuc hien Quyet dinh so 5085/QD-UBND ngay 20/12/2023.");
//! assert_eq!(found.references[0].number, "5085/QĐ-UBND");
//! # Ok::<(), vnreport::Error>(())
//! ```

#![deny(missing_docs)]
// Dynamic-programming tables read more clearly with explicit indices.
#![allow(clippy::needless_range_loop)]

mod calibration;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
mod codec;
mod codes;
mod confusion;
mod corpus;
#[cfg(feature = "train")]
mod edits;
mod error;
#[cfg(feature = "train")]
mod eval;
mod extract;
mod lexicon;
mod lm;
mod model;
#[cfg(feature = "train")]
mod pairs;
mod pipeline;
mod report;
mod restore;
#[cfg(feature = "cli")]
mod review;
#[cfg(feature = "train")]
mod robustness;
mod text;
mod token;
#[cfg(feature = "train")]
pub mod train;
mod viet;

pub use error::{Error, ErrorKind, LineError, Result};
pub use extract::{
    extract, identity_restoration, Direction, DocumentMeta, Extraction, Indicator, Kind, Reference, Role,
    Span,
};
pub use model::{Combine, Model};
pub use pipeline::{
    restore_and_report, restore_and_write_report, restore_in_parallel, DocError, DocOptions, DocumentRead,
    TimeBudget, DEFAULT_BLOCK_BYTES,
};
pub use report::{
    build_report, read_report, to_json, Producer, Report, ReportHead, ReportItem, RestorationSummary,
    SourceInfo, SCHEMA_VERSION,
};
pub use restore::{
    Alternative, BlockChoices, ChannelMix, Correction, Detail, OffsetMap, Plan, Restoration, RestoreConfig,
    RestoredLine, Restorer, TokenRecord,
};
pub use text::decode::{
    apply_changes, can_encode, decode, encode, BlockDecoder, DecodeOptions, Decoded, DecodingChange,
    Encoding, CONFIRM_BYTES,
};
pub use text::{split_lines, Line};
