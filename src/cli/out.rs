//! Output that never panics: results go to stdout through `say!`, whose error (a closed pipe, a
//! full disk) ends the command through the caller's `?`; notes go to stderr through `note!`,
//! which ignores a closed stderr so that a batch is never stopped by its log.

/// Write a line to stdout; evaluates to `std::io::Result<()>`.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// Write a line to stderr, ignoring a stderr that is closed or full.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub(crate) use {note, say};

/// Refuse an output path that is the same file as an input.
pub fn check_distinct(output: &std::path::Path, input: &std::path::Path) -> anyhow::Result<()> {
    let same = match (std::fs::canonicalize(output), std::fs::canonicalize(input)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        anyhow::bail!("{}: is also the input; refusing to overwrite it", output.display());
    }
    Ok(())
}
