"""Restore a folder of reports with PySpark in local mode through `vnreport stream`.

usage: python scripts/spark_example.py FOLDER OUT.jsonl VNREPORT_BINARY [PARTITIONS]

Each *.txt under FOLDER becomes a record {"id": relative path, "text": contents}; the RDD of
records goes through `RDD.pipe("vnreport stream --threads 1")` (one process per partition,
the model loaded once per process) and the output records are written to OUT.jsonl, sorted by id.
On a cluster, ship the binary to the executors (spark-submit --files) and pipe through it the
same way.
"""

import json
import sys
import time
from pathlib import Path

from pyspark.sql import SparkSession


def main():
    folder, out, binary = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    partitions = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    records = [
        json.dumps({"id": str(p.relative_to(folder)), "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
        for p in files
    ]
    spark = (
        SparkSession.builder.master(f"local[{partitions}]")
        .appName("vnreport-stream")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    started = time.time()
    rdd = spark.sparkContext.parallelize(records, partitions)
    results = rdd.pipe(f"{binary} stream --threads 1").map(json.loads).collect()
    elapsed = time.time() - started
    spark.stop()
    results.sort(key=lambda r: r["id"])
    with out.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tokens = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    errors = sum(1 for r in results if "error" in r)
    print(f"{len(results)} records ({errors} errors) from {len(files)} files, {tokens} tokens "
          f"in {elapsed:.2f} s: {tokens / elapsed:.0f} tokens/s", file=sys.stderr)


if __name__ == "__main__":
    main()
