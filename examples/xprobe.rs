//! Print the indicators found in a text taken as already restored, one a line (a development
//! aid): `cargo run --release --features tools --example xprobe FILE` (or '-' for standard input).
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let mut text = String::new();
    if path == "-" {
        std::io::stdin().read_to_string(&mut text).expect("stdin");
    } else {
        text = std::fs::read_to_string(&path).expect("read");
    }
    let x = vnreport::extract(&vnreport::identity_restoration(&text));
    for i in &x.indicators {
        println!(
            "L{} {:?} v={} tot={:?} unit={:?} kind={} | {}",
            i.span.line,
            i.raw,
            i.value,
            i.total,
            i.unit,
            i.kind.as_str(),
            i.subject
        );
    }
}
