//! The document path (decode, restore, extract, report; a large document a block at a time,
//! the blocks of a text spread over the rayon pool) and, with the `cli` feature, batches of
//! documents written to an output folder.

#[cfg(feature = "cli")]
pub mod batch;
mod chunk;
mod document;
#[cfg(feature = "cli")]
mod lines;
mod parallel;

#[cfg(feature = "cli")]
pub use batch::*;
#[cfg(feature = "cli")]
pub(crate) use document::{read_document, write_lines, BlockSink, RestoredBlock};
pub use document::{
    restore_and_report, restore_and_write_report, DocError, DocOptions, DocumentRead, TimeBudget,
};
#[cfg(feature = "cli")]
pub(crate) use lines::{DecodedLines, LfLines};
pub use parallel::restore_in_parallel;

/// Default block size for large documents: 128 KiB of input. A block is the unit of memory
/// (its restoration takes tens of bytes per input byte of OCR text, and `extract` and `run`
/// hold two, one restoring while the other is extracted); 128 KiB keeps a document within
/// 2 × its size + 100 MB from a few MB up, and costs no speed (docs/robustness.md). A report
/// is smaller: one block.
pub const DEFAULT_BLOCK_BYTES: usize = 128 << 10;
