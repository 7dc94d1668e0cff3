//! Restoration on real data: accuracy on the dev gold, what must be kept, traceability, and
//! properties that must hold for any input.

mod accuracy;
mod calibration;
mod cli;
mod learn;
mod model_file;
mod properties;
mod readings;
mod tokens;
mod traceability;
