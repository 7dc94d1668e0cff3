//! Restoration: candidates per word, a lattice scored by the channel and language models,
//! Viterbi and forward-backward, and the restored lines with their corrections.

mod output;

pub use output::{Correction, Restoration, RestoredLine};

/// Restores documents with a built [`crate::Model`] (being written).
pub struct Restorer;
