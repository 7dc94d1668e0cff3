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

/// Fail when standard output was closed at the start (`vnreport restore F >&-`). The Rust
/// runtime puts `/dev/null`, opened read-write, on a closed standard descriptor, so every
/// write would "succeed" and the results be lost; a shell's `> /dev/null` opens it write-only.
/// Linux only (read from /proc); elsewhere nothing is checked.
pub fn require_stdout() -> anyhow::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let null =
            std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        });
        if null && read_write {
            anyhow::bail!("standard output is closed: the results would be lost");
        }
    }
    Ok(())
}
