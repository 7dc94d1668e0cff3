#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ through cargo-afl, on the stable toolchain.
#
#   scripts/fuzz.sh TARGET SECONDS      TARGET: decode | restore | extract | document | cli | stream
#
# Installs what is missing (a C compiler and make from apt, cargo-afl from crates.io, which
# builds its own AFL++ when installed), builds the instrumented target of fuzz/ (and, for cli and
# stream, the release binary they run), and runs
# `cargo afl fuzz` for SECONDS under `nice -n 19`. Seeds and the kept corpus: fuzz/corpus/TARGET;
# findings and statistics: fuzz/out/TARGET/default/{crashes,hangs,fuzzer_stats} (not committed).
# A second run resumes from fuzz/out/TARGET. Environment: AFL_TIMEOUT_MS (per input; by default
# 2000 for decode, 20000 for the others), CARGO_AFL_VERSION (0.18.2).
#
# The afl-fuzz of the Debian package afl++ (4.04c) cannot drive targets built by cargo-afl
# 0.18 (their runtime is AFL++ 4.40c: "Unable to request new process from fork server");
# `cargo afl fuzz` runs the matching afl-fuzz.
set -euo pipefail

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
case $target in
  decode|restore|extract|document|cli|stream) ;;
  *) echo "unknown target $target (decode, restore, extract, document, cli, stream)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
version=${CARGO_AFL_VERSION:-0.18.2}

if ! command -v make >/dev/null || ! command -v cc >/dev/null; then
  apt-get update && apt-get install -y build-essential
fi
if ! cargo afl --version 2>/dev/null | grep -q "cargo-afl $version"; then
  nice -n 19 cargo install --locked cargo-afl --version "$version"
fi
# cargo-afl builds AFL++ (without LLVM plugins) when it is installed; build it if that was skipped
rustc_id=$(rustc -vV | sed -n 's/^commit-hash: \(.......\).*/\1/p')
if ! ls "${XDG_DATA_HOME:-$HOME/.local/share}"/afl.rs/rustc-*-"$rustc_id"/afl.rs-"$version"/afl/bin/afl-fuzz >/dev/null 2>&1; then
  nice -n 19 cargo afl config --build
fi

(cd "$root/fuzz" && nice -n 19 cargo afl build --release --bin "$target")
if [ "$target" = cli ] || [ "$target" = stream ]; then
  (cd "$root" && nice -n 19 cargo build --release --bin vnreport)
  export VNREPORT_BIN="$root/target/release/vnreport"
fi

if [ "$target" = decode ]; then timeout_ms=${AFL_TIMEOUT_MS:-2000}; else timeout_ms=${AFL_TIMEOUT_MS:-20000}; fi
out="$root/fuzz/out/$target"
mkdir -p "$out"
export AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_AUTORESUME=1
nice -n 19 cargo afl fuzz -V "$seconds" -t "$timeout_ms" \
  -i "$root/fuzz/corpus/$target" -o "$out" "$root/fuzz/target/release/$target" \
  > "$out/afl.log" 2>&1 || { tail -20 "$out/afl.log" >&2; exit 1; }

stats="$out/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|corpus_found|saved_crashes|saved_hangs|bitmap_cvg|stability) ' "$stats"
echo "crashes: $out/default/crashes  hangs: $out/default/hangs"
