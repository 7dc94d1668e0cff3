//! The `vnreport` command line (the commands live in the library's `cli` module, so that they
//! can use its internals).

fn main() -> std::process::ExitCode {
    vnreport::cli::main()
}
