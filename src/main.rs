//! The `vnreport` command line: parse arguments, run the command, turn errors into one line on
//! stderr and an exit code.

mod cli;

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                // the reader went away (`vnreport … | head`): stop quietly, as a process
                // ended by SIGPIPE does
                return ExitCode::from(141);
            }
            let _ = writeln!(std::io::stderr(), "vnreport: {e:#}");
            ExitCode::from(2)
        }
    }
}
