//! Integration tests: one binary, one module per area.

mod common;
mod decode;
mod extract;
mod restore;
mod fuzz;
mod robust;
