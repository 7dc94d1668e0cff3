#!/usr/bin/env bash
# The PySpark example, checked: restore FOLDER with Spark (local mode, RDD.pipe through
# `vnreport stream`) and with `vnreport run`, and require the same restored text and report
# for every document. Skipped (exit 0, with a message) when Java is absent.
# usage: scripts/spark_example.sh [FOLDER] [PARTITIONS]
#   FOLDER defaults to corpus/synthetic plus corpus/degraded (copied into target/spark-demo/in).
#   Needs Java 17+ (Debian: default-jre-headless) and pip (pyspark goes into target/spark-venv).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v java >/dev/null || { echo "spark example skipped: no java (apt-get install default-jre-headless)"; exit 0; }
work="$repo/target/spark-demo"
rm -rf "$work" && mkdir -p "$work"
if [[ $# -ge 1 ]]; then folder="$(cd "$1" && pwd)"; else
    folder="$work/in"; mkdir -p "$folder"
    cp "$repo"/corpus/synthetic/*.txt "$repo"/corpus/degraded/*.txt "$folder/"
fi
venv="$repo/target/spark-venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pyspark" 2>/dev/null || "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/vnreport"
"$venv/bin/python" "$repo/scripts/spark_example.py" "$folder" "$work/spark.jsonl" "$bin" "${2:-4}"
"$bin" run --quiet --out "$work/run" "$folder"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
n = 0
for line in open(f"{work}/spark.jsonl", encoding="utf-8"):
    r = json.loads(line)
    stem = r["id"][: -len(".txt")]
    report = json.load(open(f"{work}/run/{stem}.json", encoding="utf-8"))
    text = open(f"{work}/run/{stem}.restored.txt", encoding="utf-8").read()
    report["source"]["path"] = r["report"]["source"]["path"]  # the run names the file, the stream the id
    assert r["restored"] == text, f"{stem}: restored text differs"
    assert r["report"] == report, f"{stem}: report differs"
    n += 1
assert n > 0
print(f"spark example: {n} documents, restored text and report identical to vnreport run")
PY
