"""The Python package against the command line: same restored text, same report, on report 003."""

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest
import vnreport

REPO = Path(__file__).resolve().parents[2]
S3 = REPO / "corpus" / "degraded" / "003_4df792cc80223c47.txt"
BIN = os.environ.get("VNREPORT_BIN", str(REPO / "target" / "release" / "vnreport"))


@pytest.fixture(scope="module")
def restorer():
    return vnreport.Restorer()


def cli(*args):
    return subprocess.run([BIN, *args], check=True, capture_output=True).stdout.decode("utf-8")


def test_restore_matches_the_command_line(restorer):
    text = S3.read_text(encoding="utf-8")
    assert restorer.restore(text) == cli("restore", str(S3))
    assert restorer.restore("Két qua thyc hign cdng tac") == "Kết quả thực hiện công tác"


def test_extract_matches_the_command_line(restorer):
    text = S3.read_text(encoding="utf-8")
    report = restorer.extract(text, name=str(S3))
    expected = json.loads(cli("extract", str(S3)))
    assert report == expected
    assert report["document"]["number"] == "205/BC-UBND"
    assert len(report["indicators"]) > 20


def test_corrections_point_into_the_input(restorer):
    line = "Két qua thyc hign cdng tac"
    changes = restorer.corrections(line)
    assert [c["from"] for c in changes] == ["Két", "qua", "thyc", "hign", "cdng", "tac"]
    for c in changes:
        assert line[c["start"]:c["end"]] == c["from"]
        assert c["line"] == 1 and 0.0 <= c["confidence"] <= 1.0


def test_threads_share_one_restorer(restorer):
    lines = ["Két qua thyc hign cdng tac", "Quyét dinh s6 5085/QB-UBND ngay 31/12/2024"] * 8
    expected = [restorer.restore(l) for l in lines]
    got = [None] * len(lines)

    def work(i):
        got[i] = restorer.restore(lines[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(lines))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_errors_are_python_exceptions(tmp_path):
    with pytest.raises(OSError, match="nowhere"):
        vnreport.Restorer(model=str(tmp_path / "nowhere"))
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"VNRMODEL")
    with pytest.raises(ValueError, match="model file"):
        vnreport.Restorer(model=str(bad))


def test_a_folder_adds_to_the_shipped_model(tmp_path):
    (tmp_path / "names.txt").write_text("Ông Phùng Đức Khiêm ký văn bản.\n", encoding="utf-8")
    r = vnreport.Restorer(model=str(tmp_path))
    assert r.restore("ong Phung Duc Khiem ky") == "ông Phùng Đức Khiêm ký"


def test_tokens_match_the_command_line(restorer, tmp_path):
    text = (REPO / "corpus" / "gold" / "003.dev.ocr.txt").read_text(encoding="utf-8")
    out = tmp_path / "tokens.jsonl"
    cli("restore", str(REPO / "corpus" / "gold" / "003.dev.ocr.txt"), "--tokens", str(out))
    expected = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    tokens = restorer.restore_tokens(text)
    assert tokens == expected
    restored = restorer.restore(text).split("\n")
    first = [t["output"] for t in tokens if t["line"] == 1]
    assert "".join(first) == restored[0]
