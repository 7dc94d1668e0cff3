#!/usr/bin/env bash
# The review page (docs/review.md) in headless Chromium: builds the release binary, writes the
# page of the degraded report 003 and of a long report (the synthetic reports and 003 end to
# end, 2000+ lines), and drives both with Selenium (scripts/browser_test.py): no console error,
# no resource fetched, alternatives on click, n/p between doubtful words, edits exported as
# corrections that replay on the OCR text, the side panel, and the long page ready in 3 s.
# usage: scripts/browser_test.sh
#   Needs Debian's chromium and chromium-driver: installed with apt-get when missing and run as
#   root. Without them the test fails, unless VNREPORT_BROWSER_TEST_OPTIONAL=1, which turns it
#   into a SKIP. Selenium comes from PyPI into target/browser-venv. Screenshots and the
#   exported corrections go to target/browser-test/; VNREPORT_UPDATE_SCREENSHOT=1 also copies
#   the screenshot to docs/review.png. VNREPORT_MAX_LOAD_SECONDS changes the 3 s limit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skip() {
    if [[ "${VNREPORT_BROWSER_TEST_OPTIONAL:-}" == 1 ]]; then
        echo "SKIP browser test: $1"
        exit 0
    fi
    echo "browser test: $1 (VNREPORT_BROWSER_TEST_OPTIONAL=1 makes this a skip)" >&2
    exit 1
}
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y chromium chromium-driver \
            || { apt-get update && apt-get install -y chromium chromium-driver; } \
            || skip "chromium and chromium-driver could not be installed with apt-get"
    else
        skip "chromium and chromedriver are missing (as root: apt-get install -y chromium chromium-driver)"
    fi
    command -v chromium >/dev/null && command -v chromedriver >/dev/null \
        || skip "chromium or chromedriver is still not on PATH after apt-get install"
fi
venv="$repo/target/browser-venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -c "import selenium" 2>/dev/null \
    || "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium>=4.10,<5"
(cd "$repo" && cargo build --release --quiet)
target="${CARGO_TARGET_DIR:-$repo/target}"
[[ "$target" == /* ]] || target="$repo/$target"
bin="$target/release/vnreport"
work="$repo/target/browser-test"
rm -rf "$work" && mkdir -p "$work"
short_in="$repo/corpus/degraded/003_4df792cc80223c47.txt"
long_in="$work/long.txt"
cat "$repo"/corpus/synthetic/*.s0.txt "$short_in" > "$long_in"
# the tokens give the test the lines as vnreport reads them, by another path than the page
cp "$short_in" "$work/003.txt" && short_in="$work/003.txt"
"$bin" restore "$short_in" --tokens "$short_in.tokens.jsonl" >/dev/null
"$bin" restore "$long_in" --tokens "$long_in.tokens.jsonl" >/dev/null
"$bin" review "$short_in" -o "$work/003.review.html"
"$bin" review "$long_in" -o "$work/long.review.html"
"$venv/bin/python" "$repo/scripts/browser_test.py" "$work" \
    "$work/003.review.html" "$short_in" "$work/long.review.html" "$long_in" \
    "${VNREPORT_MAX_LOAD_SECONDS:-3}"
if [[ "${VNREPORT_UPDATE_SCREENSHOT:-}" == 1 ]]; then
    cp "$work/review.png" "$repo/docs/review.png"
fi
