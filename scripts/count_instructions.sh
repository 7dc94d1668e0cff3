#!/usr/bin/env bash
# Instructions of one cold pass (empty candidate cache) and of one warm pass of restoration over
# FILE, counted by callgrind on the throughput example: a measure that other load on the machine
# does not move (wall-clock figures do). Needs valgrind (Debian package `valgrind`).
# usage: scripts/count_instructions.sh [FILE]   (default: the real OCR of report 003)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
file=${1:-corpus/degraded/003_4df792cc80223c47.txt}
cargo build --release --quiet --features tools --example throughput
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
        --toggle-collect="$1" target/release/examples/throughput "$file" "$2" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
cold=$(count '*restore_text*' 0)
warm=$(count '*warm_rounds*' 3)
echo "$file: cold pass $cold instructions; warm pass $((warm / 3)) instructions"
