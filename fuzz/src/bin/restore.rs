//! Fuzz target `restore`: the input as UTF-8 (invalid sequences replaced) through
//! `Restorer::restore_text` over the shipped model, with the restoration invariants checked.

fn main() {
    vnreport_fuzz::restorer(); // load the model before the fork server starts
    afl::fuzz!(|data: &[u8]| {
        let text = vnreport_fuzz::text_of(data);
        vnreport_fuzz::restore_checked(&text);
    });
}
