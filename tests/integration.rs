//! Integration tests: one binary, one module per area.

mod batch;
mod decode;
mod restore;
