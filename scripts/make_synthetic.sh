#!/usr/bin/env bash
# Rebuild corpus/synthetic/: simulated scan + English-model OCR of the clean
# seed reports (corpus/clean/*.txt), line-aligned with their sources.
#
# usage: scripts/make_synthetic.sh [PATH/TO/ocr_degrade.py]
#   default tool path: scripts/ocr_degrade.py in this repo (a copy of the
#   simulator, with its scorer scripts/score.py next to it; the table below
#   imports score.py from the tool's folder).  A path given as argument (e.g.
#   an external checkout of the tool) is taken relative to the current directory.
#   Environment: JOBS (default 2), SEEDS (default "0 1 2 3"; e.g. SEEDS="0 1 2"
#   to skip the Liberation-only variant), STATS_ONLY=1 to only re-check the
#   existing files and print the error table.
#
# Prerequisites (scripts/install_ocr_tools.sh installs them; Debian 12 +
# PyPI; versions used for the committed files: tesseract 5.3.0-2,
# tesseract-ocr-eng 1:4.1.0-2, fonts-liberation2 2.1.5-1, fonts-freefont-ttf
# 20120503-10, fonts-texgyre 20180621-6, Pillow 13.0.0, numpy 2.4.6,
# Python 3.11.7):
#   apt-get update
#   apt-get install -y tesseract-ocr tesseract-ocr-eng fonts-liberation2 fonts-freefont-ttf fonts-texgyre
#   pip install pillow numpy
#
# Output: corpus/synthetic/<stem>.s<seed>.txt, line k = OCR of line k of
# corpus/clean/<stem>.txt.  Same tool version, packages and options give the
# same files byte for byte (the tool is deterministic per --seed).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -ge 1 ]]; then
    TOOL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
    TOOL="$REPO/scripts/ocr_degrade.py"
fi
[[ -f "$TOOL" ]] || { echo "ocr_degrade.py not found: $TOOL (pass its path as argument)" >&2; exit 2; }
TOOLDIR="$(dirname "$TOOL")"
JOBS="${JOBS:-2}"
SEEDS="${SEEDS:-0 1 2 3}"
CLEAN="$REPO/corpus/clean"
OUT="$REPO/corpus/synthetic"
mkdir -p "$OUT"

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

if [[ "${STATS_ONLY:-0}" != 1 ]]; then
    tesseract --version 2>&1 | head -1
    for src in "$CLEAN"/*.txt; do
        stem="$(basename "$src" .txt)"
        for s in $SEEDS; do
            # shellcheck disable=SC2046
            set -- $(opts_for "$s")
            dst="$OUT/$stem.s$s.txt"
            t0=$EPOCHREALTIME
            python3 "$TOOL" "$src" "$dst.tmp" --seed "$s" "$@" --jobs "$JOBS"
            mv "$dst.tmp" "$dst"
            t1=$EPOCHREALTIME
            printf '%s s%s [%s]: %s s\n' "$stem" "$s" "${*:-defaults}" \
                "$(python3 -c "print(f'{$t1 - $t0:.1f}')")"
        done
    done
fi

# Check line alignment and print per-file error figures (markdown table).
# Reference = clean line as printed (markup removed with the tool's own
# parser, '---' rules dropped), NFC, whitespace folded; metrics use the
# Levenshtein/alignment code of score.py next to the tool.
cd "$REPO"
python3 - "$TOOLDIR" <<'PY'
import glob, os, re, subprocess, sys, unicodedata
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

bad = 0
print("| file | lines | non-blank | ref words | CER % | WER % | words changed % | base letters changed % |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for f in sorted(glob.glob("corpus/synthetic/*.s*.txt")):
    stem = os.path.basename(f).rsplit(".", 2)[0]
    src = f"corpus/clean/{stem}.txt"
    raw_c, raw_o = open(src, "rb").read(), open(f, "rb").read()
    c, o = raw_c.decode("utf-8").split("\n"), raw_o.decode("utf-8").split("\n")  # raises if not UTF-8
    wc = lambda p: int(subprocess.run(["wc", "-l", p], capture_output=True, text=True).stdout.split()[0])
    probs = []
    if len(c) != len(o): probs.append(f"split lines {len(o)} != {len(c)}")
    if wc(f) != wc(src): probs.append(f"wc -l {wc(f)} != {wc(src)}")
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
    print(f"| {os.path.basename(f)} | {len(o)} | {sum(1 for l in o if l.strip())} | {wt} | "
          f"{100*ce/ct:.1f} | {100*we/wt:.1f} | {100*chg/wt:.1f} | {100*chg2/wt:.1f} |"
          + (f" {'; '.join(probs)}" if probs else ""))
sys.exit(1 if bad else 0)
PY
