//! Restoration throughput on one thread, model already built and cache warm: a release-run
//! measurement. `cargo run --release --features tools --example throughput -- FILE [ROUNDS]`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).expect("read input");
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let t0 = std::time::Instant::now();
    let restorer = vnreport::Restorer::new(vnreport::Model::shipped().expect("model"));
    let build = t0.elapsed();
    let tokens = text.split_whitespace().count();
    let cold = std::time::Instant::now();
    restorer.restore_text(&text);
    let cold = cold.elapsed();
    let t = std::time::Instant::now();
    warm_rounds(&restorer, &text, rounds);
    let warm = t.elapsed().as_secs_f64() / rounds as f64;
    println!("model build {:.0} ms; {tokens} tokens; cold pass {:.0} ms ({:.0} tokens/s); warm {:.1} ms ({:.0} tokens/s, {:.2} MB/s)",
        build.as_secs_f64() * 1e3, cold.as_secs_f64() * 1e3, tokens as f64 / cold.as_secs_f64(), warm * 1e3, tokens as f64 / warm, text.len() as f64 / warm / 1e6);
}

/// The timed part, kept out of line so a profiler can collect it alone
/// (`valgrind --tool=callgrind --collect-atstart=no --toggle-collect=*warm_rounds*`).
#[inline(never)]
fn warm_rounds(restorer: &vnreport::Restorer, text: &str, rounds: usize) {
    for _ in 0..rounds {
        std::hint::black_box(restorer.restore_text(text));
    }
}
