"""The batch tables of `vnreport run` load in pandas with the types docs/tables.md gives."""

import os
import subprocess
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("VNREPORT_BIN", str(REPO / "target" / "release" / "vnreport"))
S3 = REPO / "corpus" / "degraded" / "003_4df792cc80223c47.txt"

# documents.csv: the column types of docs/tables.md (nullable, as failed rows leave them empty)
DOCUMENT_TYPES = {
    "path": "string",
    "status": "string",
    "number": "string",
    "type": "string",
    "issuer": "string",
    "title": "string",
    "period": "string",
    "signer": "string",
    "tokens": "Int64",
    "changed": "Int64",
    "mean_confidence": "Float64",
    "indicators": "Int64",
    "references": "Int64",
    "error": "string",
    "json": "string",
    "tool_version": "string",
    "model": "string",
}


def run(inputs, out, *extra):
    res = subprocess.run([BIN, "run", *map(str, inputs), "--out", str(out), "--quiet", *extra])
    return res.returncode


def load(path):
    return pd.read_csv(path, dtype=DOCUMENT_TYPES, parse_dates=["date"], date_format="%Y-%m-%d")


def test_documents_csv_loads_with_the_documented_types(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "report.TXT").write_bytes(S3.read_bytes())
    (a / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (b / "short.txt").write_text("Số: 12/BC-UBND\nTỷ lệ đạt 98,5%.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run([a], out) == 1  # image.txt fails
    assert run([b], out, "--excel") == 0

    docs = load(out / "documents.csv")
    assert list(docs.columns) == [
        "path", "status", "number", "type", "date", "issuer", "title", "period", "signer", "tokens",
        "changed", "mean_confidence", "indicators", "references", "error", "json", "tool_version", "model",
    ]
    assert list(docs["status"]) == ["failed", "ok", "ok"]
    assert pd.api.types.is_datetime64_any_dtype(docs["date"])
    ok = docs[docs["status"] == "ok"].set_index("json")
    report = ok.loc["report.json"]
    assert report["number"] == "205/BC-UBND"
    assert report["date"] == pd.Timestamp("2025-06-20")
    assert report["tokens"] > 1000 and report["indicators"] > 20
    assert 0.0 < report["mean_confidence"] <= 1.0
    assert ok.loc["short.json", "number"] == "12/BC-UBND"
    assert pd.isna(ok.loc["short.json", "date"])
    assert ok["model"].str.fullmatch(r"[0-9a-f]{16}").all()
    failed = docs[docs["status"] == "failed"].iloc[0]
    assert "binary" in failed["error"] and pd.isna(failed["tokens"])
    assert docs["type"].isna().all()

    # the other tables agree with documents.csv, and the byte order mark of --excel is read
    indicators = pd.read_csv(out / "indicators.csv")
    assert list(indicators.columns[:2]) == ["path", "document_number"]
    assert list(indicators.columns[18:20]) == ["restored_start", "restored_end"]
    assert list(indicators.columns[20:]) == ["role", "direction", "change", "period", "measure", "checks"]
    counts = indicators.groupby("path").size()
    for _, row in docs[docs["status"] == "ok"].iterrows():
        assert counts[row["path"]] == row["indicators"]
