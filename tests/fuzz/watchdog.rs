//! The hang guard: run one fuzz case on its own thread and fail the case when it does not
//! finish within the budget (a real hang never returns, so timing after the fact would not do).

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The time one case of `len` bytes may take: `FUZZ_BUDGET_SECS` (default 5 s in release and
/// 60 s in debug builds, which are about ten times slower) plus as much again per 20 KB of
/// input. Even dense OCR noise restores at about 25 KB/s on one busy core (a 32 KB line of
/// it in 1.2 s), so only a hang or a blow-up (quadratic or worse) exhausts 4 KB/s.
pub fn budget(len: usize) -> Duration {
    let default = if cfg!(debug_assertions) { 60 } else { 5 };
    let secs: u64 = std::env::var("FUZZ_BUDGET_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    Duration::from_secs(secs) + Duration::from_secs(secs).mul_f64(len as f64 / 20_000.0)
}

/// Run `f` on `len` bytes of input on a fresh thread; its result, or a panic naming `what` if it
/// takes longer than [`budget`]. A panic inside `f` is passed on to the caller (so proptest
/// sees and shrinks it).
pub fn within<T: Send + 'static>(what: &str, len: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    within_limit(what, budget(len), f)
}

/// [`within`] with an explicit limit.
pub fn within_limit<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let handle = std::thread::Builder::new()
        .name(format!("fuzz {what}"))
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a fuzz worker");
    match rx.recv_timeout(limit) {
        Ok(v) => {
            let _ = handle.join();
            v
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match handle.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("{what}: worker ended without a result"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // the worker is left running: there is no safe way to stop a thread
            panic!(
                "{what}: no result after {:?} (budget {limit:?}): hang or pathological slowness",
                started.elapsed()
            )
        }
    }
}

#[test]
fn a_slow_case_fails_and_a_panic_is_passed_on() {
    assert_eq!(within("quick", 0, || 7), 7);
    assert_eq!(budget(40_000), budget(0) * 3);
    let limit = Duration::from_millis(100);
    let slow = std::panic::catch_unwind(|| {
        within_limit("sleeper", limit, || std::thread::sleep(Duration::from_millis(400)))
    });
    let msg = slow.expect_err("must time out");
    let msg = msg.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("sleeper: no result after"), "{msg}");
    let boom = std::panic::catch_unwind(|| within("boom", 0, || panic!("inner failure")));
    assert!(boom.is_err());
}
