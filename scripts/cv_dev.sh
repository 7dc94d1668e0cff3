#!/usr/bin/env bash
# Honest accuracy on the dev half of 003: 2-fold cross-validation. Confusions are learned from
# the synthetic pairs plus one half of the dev lines, and the other half is restored and scored.
# Extra arguments go to `vnreport restore` (e.g. --lm-weight 1.2). Prints the word accuracy of
# each fold and of both together, computed by `vnreport eval`'s metric (same as score.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/vnreport
[ -x $bin ] || cargo build --release -q
G=corpus/gold/003.dev.gold.txt; O=corpus/gold/003.dev.ocr.txt; U=corpus/gold/003.dev.uncertain.tsv
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
args=(); for f in corpus/synthetic/*.s?.txt; do stem=$(basename "$f" | sed 's/\.s[0-9]\.txt$//'); args+=(--pairs "$f" "corpus/clean/$stem.txt"); done
n=$(wc -l < $G); half=$((n / 2))
keep() { awk -v a="$1" -v b="$2" '{ if (NR >= a && NR <= b) print; else print "" }' "$3"; }
for fold in 1 2; do
  d=$work/f$fold; mkdir -p $d; cp corpus/clean/*.txt $d/
  if [ $fold = 1 ]; then tr_a=1; tr_b=$half; else tr_a=$((half + 1)); tr_b=$n; fi
  keep $tr_a $tr_b $O > $work/o.txt; keep $tr_a $tr_b $G > $work/g.txt
  $bin learn-confusions --real-pairs $work/o.txt $work/g.txt "${args[@]}" --out $d/confusions.tsv 2>/dev/null
  $bin restore --model $d "$@" $O > $d/out.txt
  # blank the training lines in the output and gold: only the test lines count
  keep $((tr_b == n ? 1 : tr_b + 1)) $((tr_b == n ? half : n)) $d/out.txt > $work/h$fold.txt
  keep $((tr_b == n ? 1 : tr_b + 1)) $((tr_b == n ? half : n)) $G > $work/g$fold.txt
  echo -n "fold $fold: "; $bin eval --hyp $work/h$fold.txt --gold $work/g$fold.txt --skip $U | grep '^word_acc:'
done
# both folds together: take each test line from its fold
awk -v h=$half 'FNR==NR { a[FNR]=$0; next } { print (FNR <= h ? $0 : a[FNR]) }' $work/h1.txt $work/h2.txt > $work/h.txt
echo -n "both: "; $bin eval --hyp $work/h.txt --gold $G --skip $U | grep '^word_acc:'
