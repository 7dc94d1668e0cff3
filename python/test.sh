#!/usr/bin/env bash
# Build the Python wheel (abi3, CPython >= 3.9) with maturin, install it in a fresh virtual
# environment, and run its pytest suite against the command-line binary.
# usage: python/test.sh   (needs python3 with venv; maturin, pytest and pandas come from PyPI)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/target/py-venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.5,<2" pytest pandas
(cd "$repo" && cargo build --release --quiet)
(cd "$repo/python" && cargo fmt -- --check && CARGO_TARGET_DIR="$repo/target/python" cargo clippy --release --quiet -- -D warnings)
rm -rf "$repo/target/wheels"
(cd "$repo/python" && CARGO_TARGET_DIR="$repo/target/python" "$venv/bin/maturin" build --release --quiet --out "$repo/target/wheels")
"$venv/bin/pip" install --quiet --disable-pip-version-check "$repo"/target/wheels/vnreport-*.whl
cd "$repo/target" && VNREPORT_BIN="$repo/target/release/vnreport" "$venv/bin/python" -m pytest -q "$repo/python/tests"
