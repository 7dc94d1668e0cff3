#!/usr/bin/env bash
# Writes every output vnreport gives on the repository's own documents (restored text, tokens,
# corrections, decoding record, extraction JSON, a batch run with its tables) into OUT_DIR, so
# that two builds can be compared byte for byte:
#   scripts/snapshot.sh BINARY OUT_DIR
#   diff -r OUT_A OUT_B
# Run from the repository root.
set -euo pipefail
bin=$(realpath "$1")
out=$2
mkdir -p "$out"
files=(corpus/degraded/*.txt corpus/gold/003.dev.ocr.txt corpus/synthetic/*.txt corpus/clean/*.txt
       tests/data/encodings/*.txt)
# A fixed place, so that the paths recorded in the reports are the same from run to run.
strip_dir=target/snapshot-stripped
mkdir -p "$strip_dir"
for f in corpus/clean/000_*.txt corpus/clean/004_*.txt; do
  python3 -c 'import sys,unicodedata as u
t=u.normalize("NFD",open(sys.argv[1],encoding="utf-8").read())
t="".join(c for c in t if not u.combining(c)).replace("đ","d").replace("Đ","D")
open(sys.argv[2],"w",encoding="utf-8").write(t)' "$f" "$strip_dir/stripped.$(basename "$f")"
  files+=("$strip_dir/stripped.$(basename "$f")")
done
for f in "${files[@]}"; do
  name=$(basename "$f" .txt)
  case "$f" in tests/data/*) name="enc.$name" ;; esac
  "$bin" restore "$f" --threads 1 --tokens "$out/$name.tokens.jsonl" \
    --corrections "$out/$name.corrections.jsonl" --decoding "$out/$name.decoding.jsonl" \
    > "$out/$name.restored.txt" 2> "$out/$name.restore.err" || echo "exit $?" >> "$out/$name.restore.err"
  "$bin" extract "$f" --threads 1 > "$out/$name.json" 2> "$out/$name.extract.err" \
    || echo "exit $?" >> "$out/$name.extract.err"
done
mkdir -p "$out/run"
"$bin" run corpus --out "$out/run" --quiet --threads 2 > "$out/run.log" 2>&1 || echo "exit $?" >> "$out/run.log"
# Reports record where they were written and when; neither is output of the restoration.
find "$out" -name '*.json' -o -name '*.jsonl' | xargs sed -i -E \
  's/"(elapsed_ms|elapsed_s|seconds|started|finished|duration_ms)":[^,}]*/"\1":0/g'
