#!/usr/bin/env bash
# Peak memory (maximum resident set size, from GNU time) and wall time of `restore`, `extract`
# and `run` on large inputs made from the repository's own reports:
#   scripts/memory.sh BINARY SIZE_MB [SIZE_MB...]     e.g. scripts/memory.sh target/release/vnreport 50 300
# A size of "ab" stands for 10^6 lines of "a b", "lineN" for N MB on a single line (the reports'
# words, line ends made spaces). Inputs and outputs go to $TMPDIR (default /tmp)
# and are removed at the end. Run from the repository root; needs /usr/bin/time and python3.
set -euo pipefail
bin=$(realpath "$1"); shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnreport-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 2; }
measure() { # LABEL OUT COMMAND...: stdout to OUT; prints "LABEL  peak MB  wall s  exit"
  local label=$1 out=$2; shift 2
  local status=0
  /usr/bin/time -f '%M %e' -o "$tmp/time" "$@" > "$out" 2> "$tmp/err" || status=$?
  read -r kb secs < <(tail -1 "$tmp/time")
  printf '%-28s %8.1f MB %8.1f s  exit %s\n' "$label" "$(echo "$kb / 1024" | bc -l)" "$secs" "$status"
}
for size in "$@"; do
  in="$tmp/in$size"; mkdir -p "$in"
  if [ "$size" = ab ]; then
    python3 -c "open('$in/doc.txt','w').write('a b\n'*1000000)"
  elif [ "${size#line}" != "$size" ]; then
    python3 - "$in/doc.txt" "${size#line}" <<'PY'
import glob, sys
d = b' '.join(b' '.join(open(f, 'rb').read().split()) for f in sorted(glob.glob('corpus/degraded/*.txt') + glob.glob('corpus/clean/*.txt')))
n = int(sys.argv[2]) * 10**6
open(sys.argv[1], 'wb').write((d + b' ') * (n // len(d) + 1) + b'\n')
PY
  else
    python3 - "$in/doc.txt" "$size" <<'PY'
import glob, sys
d = b''.join(open(f, 'rb').read() for f in sorted(glob.glob('corpus/degraded/*.txt') + glob.glob('corpus/clean/*.txt')))
n = int(sys.argv[2]) * 10**6
open(sys.argv[1], 'wb').write(d * (n // len(d) + 1))
PY
  fi
  bytes=$(stat -c %s "$in/doc.txt")
  echo "input $size: $bytes bytes; bound 2 x input + 100 MB = $(( (2 * bytes + 100000000) / 1000000 )) MB"
  measure "restore $size" "$tmp/restored.txt" "$bin" restore "$in/doc.txt"
  measure "extract $size" "$tmp/extract.json" "$bin" extract "$in/doc.txt"
  measure "run $size" /dev/null "$bin" run "$in" --out "$tmp/out$size" -q --time-budget 0
  # run's restored text is restore's, byte for byte; its report is extract's
  cmp "$tmp/restored.txt" "$tmp/out$size/doc.restored.txt" && echo "run's restored text equals restore's"
  python3 - "$tmp/extract.json" "$tmp/out$size/doc.json" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:])
print("run's report equals extract's:", a == b, f"({len(a['indicators'])} indicators, {len(a['references'])} references)")
PY
  rm -rf "$in" "$tmp/out$size" "$tmp/restored.txt" "$tmp/extract.json"
done
