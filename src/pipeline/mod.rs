//! The document path (decode, restore, extract, report; a large document a block at a time,
//! the blocks of a text spread over the rayon pool) and, with the `cli` feature, batches of
//! documents written to an output folder.

#[cfg(feature = "cli")]
pub mod batch;
mod chunk;
mod document;
mod parallel;

#[cfg(feature = "cli")]
pub use batch::*;
pub(crate) use document::{read_document, write_document_report, write_lines, BlockSink, RestoredBlock};
pub use document::{restore_and_report, restore_and_write_report, DocError, DocOptions, TimeBudget};
pub use parallel::restore_in_parallel;

/// Default block size for large documents: 4 MiB of input.
pub const DEFAULT_BLOCK_BYTES: usize = 4 << 20;
