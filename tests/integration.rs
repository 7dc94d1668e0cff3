//! Integration tests: one binary, one module per area.

mod common;
mod decode;
mod fuzz;
mod restore;
