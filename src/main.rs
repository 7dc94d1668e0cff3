//! The `vnreport` command line (being written).
fn main() {}
