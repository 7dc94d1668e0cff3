//! Fuzz target `extract`: restore the input, then `extract`, `build_report` and `to_json`; also
//! extraction from the unchanged (identity) restoration.

use vnreport::identity_restoration;

fn main() {
    vnreport_fuzz::restorer();
    afl::fuzz!(|data: &[u8]| {
        let text = vnreport_fuzz::text_of(data);
        let r = vnreport_fuzz::restore_checked(&text);
        vnreport_fuzz::extract_checked(data, &r);
        vnreport_fuzz::extract_checked(data, &identity_restoration(&text));
    });
}
