//! Integration tests: one binary, one module per area.

mod batch;
mod common;
mod decode;
mod extract;
mod fuzz;
mod restore;
mod review;
mod robust;
mod schema;
mod snapshot;
