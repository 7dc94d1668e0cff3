//! Inputs the long fuzz runs found, kept as plain tests (outside the `fuzz::<target>::`
//! filters, so the long runs count only generated cases).

use super::restore::restore_checked;

/// Found by `extract::arbitrary_text`: the mark was split off "l", the restorer made "lộ",
/// and "lộ\u{31B}" is not NFC. Combining marks now stay with their word.
#[test]
fn a_stray_combining_mark_stays_with_its_word() {
    let r = restore_checked("l\u{31B}\n").expect("invariants");
    assert_eq!(r.lines.len(), 1);
    restore_checked("a \u{301}b x\u{302}.\u{303}").expect("invariants");
}
