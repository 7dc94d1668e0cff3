//! `vnreport extract FILE`: read a report, restore it, extract its data and print the JSON.
//! The restorer is passed in as a function so this runs with any restorer (or none). Include
//! it from the binary (`#[path = "cli/extract_cmd.rs"] mod extract_cmd;` in main.rs): it uses
//! the library through `vnreport::`.

use std::io::{Read, Write};
use std::path::Path;

use vnreport::extract::extract;
use vnreport::report::{build_report, to_json, SourceInfo};
use vnreport::restore::Restoration;

/// Read `input` ("-" for standard input), restore it with `restore`, extract, write the JSON
/// to `out`, and the restored text to `text_out` when given.
pub fn run_extract(
    input: &str,
    pretty: bool,
    text_out: Option<&Path>,
    restore: &dyn Fn(&str) -> Restoration,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(input).map_err(|e| anyhow::anyhow!("{input}: {e}"))?;
    }
    let bytes_in = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8_lossy(bytes_in);
    let restoration = restore(&text);
    let extraction = extract(&restoration);
    let source = SourceInfo::new(input, &bytes, restoration.lines.len(), "utf-8");
    let report = build_report(source, &restoration, &extraction);
    if let Some(p) = text_out {
        std::fs::write(p, restoration.text()).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
    }
    writeln!(out, "{}", to_json(&report, pretty))?;
    Ok(())
}
