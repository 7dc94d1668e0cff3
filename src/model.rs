//! The trained model (being written).

/// The trained model.
pub struct Model;
