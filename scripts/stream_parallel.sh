#!/usr/bin/env bash
# Restore and extract a folder of reports with GNU parallel and `vnreport stream`: the folder's
# *.txt files become JSON Lines records {id, path}, parallel cuts the records into blocks, runs
# one `vnreport stream` per block (each loads the model once) and keeps the output in input order.
# The same shape works with Spark's RDD.pipe or Hadoop Streaming: records in, records out.
#
# usage: scripts/stream_parallel.sh FOLDER OUT.jsonl [JOBS]
#   JOBS: parallel jobs (default: the number of cores); each job runs `vnreport stream --threads 1`.
#   Needs GNU parallel (Debian: apt-get install parallel) and python3 (to write the records).
#   VNREPORT: the binary to use (default: target/release/vnreport, built if missing).
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 FOLDER OUT.jsonl [JOBS]" >&2; exit 2; }
folder="$1" out="$2" jobs="${3:-$(nproc)}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${VNREPORT:-$repo/target/release/vnreport}"
[[ -x "$bin" ]] || (cd "$repo" && cargo build --release --quiet)
command -v parallel >/dev/null || { echo "GNU parallel is not installed" >&2; exit 2; }
(cd "$folder" && find . -name '*.txt' -type f | sort) | python3 -c '
import json, sys
for p in sys.stdin:
    p = p.strip()[2:]
    print(json.dumps({"id": p, "path": p}, ensure_ascii=False))
' | (cd "$folder" && parallel --pipe --keep-order --block 64k -j "$jobs" "$bin" stream --threads 1) > "$out"
echo "$(wc -l < "$out") records in $out" >&2
