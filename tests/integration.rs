//! Integration tests: one binary, one module per area.

mod decode;
mod restore;
