#!/usr/bin/env bash
# Release-run benchmark of `vnreport run` over a corpus of >= 1,000 documents made from the
# shipped reports: slices and recombinations of the OCR of report 003
# (corpus/degraded/003_*.txt, corpus/gold/003.dev.ocr.txt) and of the synthetic OCR of the
# other reports (corpus/synthetic/*.txt), a third of them also stripped of every diacritic
# (iconv //TRANSLIT), as typed-without-marks documents.
#
# usage: scripts/bench_corpus.sh [DOCS]          (default 1200 documents)
# environment:
#   THREADS="1 2"   thread counts to run
#   BIN=path        the binary (default: cargo build --release, target/release/vnreport)
#   WORK=dir        where the corpus and outputs go (default: a new temp dir, removed at the end
#                   unless KEEP=1)
#   HUGE_MB=N       also restore one N MB file made of the same text (bounded-memory check)
# Needs: bash, awk, iconv, GNU time (/usr/bin/time -v), wc.
# Prints one line per run: documents, tokens (whitespace-separated words of the inputs), MB,
# wall seconds, tokens/s, MB/s, peak RSS; and the model load time (restore of an empty file).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCS="${1:-1200}"
THREADS="${THREADS:-1 2}"
HUGE_MB="${HUGE_MB:-0}"
if [[ -z "${BIN:-}" ]]; then
    (cd "$REPO" && cargo build --release --quiet)
    BIN="$REPO/target/release/vnreport"
fi
if [[ -z "${WORK:-}" ]]; then
    WORK="$(mktemp -d -t vnreport-bench.XXXXXX)"
    [[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
CORPUS="$WORK/corpus"
rm -rf "$CORPUS" && mkdir -p "$CORPUS"

SOURCES=("$REPO"/corpus/degraded/003_*.txt "$REPO/corpus/gold/003.dev.ocr.txt" "$REPO"/corpus/synthetic/*.txt)

# Document k: variant k % 3 -- 0: a slice of one source; 1: a slice of one source followed by
# a slice of another; 2: like 0, later stripped of diacritics. Slices start and end at
# deterministic positions (no randomness: the same corpus on every machine).
awk -v docs="$DOCS" -v out="$CORPUS" '
    FNR == 1 { nsrc++ }
    { line[nsrc, FNR] = $0; len[nsrc] = FNR }
    function slice(s, start, n, file,   i) {
        for (i = 0; i < n; i++) print line[s, 1 + (start + i) % len[s]] > file
    }
    END {
        for (k = 0; k < docs; k++) {
            dir = sprintf("%s/batch-%02d", out, int(k / 100))
            if (k % 100 == 0) system("mkdir -p " dir)
            file = sprintf("%s/doc-%04d.txt", dir, k)
            s = 1 + k % nsrc
            start = (k * 37) % len[s]
            n = 20 + (k * 13) % 60
            slice(s, start, n, file)
            if (k % 3 == 1) {
                t = 1 + (k * 7 + 3) % nsrc
                slice(t, (k * 53) % len[t], 10 + (k * 11) % 40, file)
            }
            close(file)
        }
    }' "${SOURCES[@]}"
n_stripped=0
while IFS= read -r -d '' f; do
    k=$((10#$(basename "$f" .txt | sed 's/doc-//')))
    if (( k % 3 == 2 )); then
        iconv -f utf-8 -t ascii//TRANSLIT "$f" > "$f.tmp" && mv "$f.tmp" "$f"
        n_stripped=$((n_stripped + 1))
    fi
done < <(find "$CORPUS" -name 'doc-*.txt' -print0)

n_docs=$(find "$CORPUS" -name '*.txt' | wc -l)
tokens=$(find "$CORPUS" -name '*.txt' -exec cat {} + | wc -w)
bytes=$(find "$CORPUS" -name '*.txt' -exec cat {} + | wc -c)
echo "corpus: $n_docs documents ($n_stripped stripped of diacritics), $tokens tokens, $bytes bytes in $CORPUS"

# One run: name, then the vnreport arguments; prints the figures from /usr/bin/time -v.
measure() {
    local name="$1" toks="$2" nbytes="$3"
    shift 3
    local log="$WORK/time-$name.txt"
    local rc=0
    /usr/bin/time -v "$BIN" "$@" 2> "$log" > /dev/null || rc=$?
    local wall rss user
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    user=$(awk -F': ' '/User time/ { print $2 }' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    awk -v name="$name" -v t="$toks" -v b="$nbytes" -v w="$wall" -v u="$user" -v r="$rss" -v rc="$rc" 'BEGIN {
        printf "%-12s exit %d  %.2f s wall  %.2f s user  %.0f tokens/s  %.3f MB/s  %.0f tokens/s per CPU-second  peak RSS %.1f MB\n",
            name, rc, w, u, t / w, b / w / 1e6, t / u, r / 1024 }'
}

for t in $THREADS; do
    rm -rf "$WORK/out-$t"
    measure "run-${t}t" "$tokens" "$bytes" run "$CORPUS" --out "$WORK/out-$t" --threads "$t" --quiet
done
first=""
for t in $THREADS; do
    if [[ -z "$first" ]]; then
        first="$t"
    elif diff -r -q "$WORK/out-$first" "$WORK/out-$t" > /dev/null; then
        echo "outputs on $first and $t threads: identical"
    else
        echo "outputs on $first and $t threads: DIFFERENT"
    fi
done

: > "$WORK/empty.txt"
for i in 1 2 3; do
    measure "model-load" 0 0 restore "$WORK/empty.txt"
done

if (( HUGE_MB > 0 )); then
    huge="$WORK/huge/huge.txt"
    mkdir -p "$WORK/huge"
    : > "$huge"
    while (( $(wc -c < "$huge") < HUGE_MB * 1000000 )); do
        find "$CORPUS" -name '*.txt' -exec cat {} + >> "$huge"
    done
    htoks=$(wc -w < "$huge")
    hbytes=$(wc -c < "$huge")
    echo "huge file: $hbytes bytes, $htoks tokens"
    for t in $THREADS; do
        rm -rf "$WORK/out-huge-$t"
        measure "huge-${t}t" "$htoks" "$hbytes" run "$huge" --out "$WORK/out-huge-$t" --threads "$t" --quiet --block-mib 1
    done
fi
