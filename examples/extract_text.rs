//! Extract from a text file taken as already restored (identity restoration) and print the
//! JSON: `cargo run --release --example extract_text -- FILE [--pretty] [--text OUT]`.

#[path = "../src/cli/extract_cmd.rs"]
mod extract_cmd;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args.iter().find(|a| !a.starts_with("--")).map(String::as_str).unwrap_or("-");
    let pretty = args.iter().any(|a| a == "--pretty");
    let text_out =
        args.iter().position(|a| a == "--text").and_then(|i| args.get(i + 1)).map(std::path::PathBuf::from);
    let mut stdout = std::io::stdout().lock();
    extract_cmd::run_extract(
        input,
        pretty,
        text_out.as_deref(),
        &vnreport::extract::identity_restoration,
        &mut stdout,
    )
}
