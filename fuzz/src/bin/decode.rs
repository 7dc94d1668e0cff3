//! Fuzz target `decode`: arbitrary bytes through `vnreport::decode`, with
//! detection and each encoding forced, strict and lossy.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        vnreport_fuzz::decode_all(data);
    });
}
