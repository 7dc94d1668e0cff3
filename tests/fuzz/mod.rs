//! Fuzz targets as property tests: decode, restore and extract on arbitrary and realistic
//! degraded input. Case counts come from `PROPTEST_CASES` (small by default so the suite stays
//! fast); every case runs under a time budget so a hang fails instead of stalling the run.
//! See docs/robustness.md for the long runs.

pub mod check;
mod decode;
mod extract;
pub mod gen;
mod regressions;
mod restore;
mod stream;
mod watchdog;

use proptest::test_runner::Config;

/// Proptest configuration: `PROPTEST_CASES` cases (default `default_cases`), no shrinking
/// beyond a few seconds so a long run reports a failure promptly.
pub fn config(default_cases: u32) -> Config {
    let cases =
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default_cases);
    Config { cases, max_shrink_time: 60_000, failure_persistence: None, ..Config::default() }
}
