//! Text handling before restoration: decoding bytes from any Vietnamese encoding, and splitting
//! lines while keeping their endings so output line k is always input line k.

pub mod decode;
pub mod filemap;
mod lines;

pub use lines::{split_lines, Line};

mod detect;
mod legacy;
mod sink;
pub mod trace;
mod unicode;
mod wide;
