"""The review page in headless Chromium, driven by Selenium (run by scripts/browser_test.sh).

usage: browser_test.py OUT_DIR SHORT_PAGE SHORT_INPUT LONG_PAGE LONG_INPUT [MAX_LOAD_SECONDS]
  where each INPUT is the report and INPUT.tokens.jsonl its tokens from `vnreport restore
  --tokens` (whose inputs make up the lines as vnreport reads them: decoded, NFC, classic
  tone placement; corrections count their offsets in these lines)

For each page: it loads with no console error and asks for no resource; then, on the short
page: clicking a word shows its alternatives and OCR text, n/p step through the doubtful
words, an accepted alternative and a typed fix are exported as JSON Lines in the
corrections format whose `from` is the input line's chars [start, end), the download link
holds the same text, and a cited document in the side panel jumps to its line. The long
page must be ready (script done and painted) within MAX_LOAD_SECONDS (default 3).
"""

import json
import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

FIELDS = {"line", "start", "end", "from", "to", "confidence"}
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def input_lines(path):
    """The lines of an input file as vnreport reads them, rebuilt from its token records."""
    text = open(path, encoding="utf-8", newline="").read()
    count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if text.endswith(("\n", "\r")):
        count -= 1
    lines = [""] * count
    for record in open(path + ".tokens.jsonl", encoding="utf-8"):
        t = json.loads(record)
        lines[t["line"] - 1] += t["input"]
    return lines


def browser():
    opts = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,860", "--lang=vi"):
        opts.add_argument(arg)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        opts.binary_location = chromium
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    return webdriver.Chrome(service=service, options=opts)


def load(driver, page):
    """Open a page; returns (seconds until the load event, ms until script done and painted)."""
    started = time.monotonic()
    driver.get("file://" + page)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return !!window.vnreportReview"))
    seconds = time.monotonic() - started
    painted = driver.execute_async_script(
        "const done = arguments[0];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));")
    return seconds, painted


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def common_checks(driver, name, lines):
    errors = console_errors(driver)
    check(not errors, f"{name}: no console error {errors[:3] if errors else ''}")
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    check(resources == [], f"{name}: no resource fetched (self-contained) {resources[:3]}")
    rows = driver.execute_script("return document.querySelectorAll('#rows .row').length")
    check(rows == len(lines), f"{name}: {rows} rows for {len(lines)} input lines")
    ocr = driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows .ocr'), e => e.textContent)")
    check(ocr == lines, f"{name}: the OCR column shows the input lines exactly")


def short_page(driver, out_dir, page, lines):
    seconds, painted = load(driver, page)
    print(f"     {page}: load event {seconds:.2f} s, painted at {painted:.0f} ms")
    common_checks(driver, "short page", lines)
    js = "window.vnreportReview"
    doubtful = driver.execute_script(f"return {js}.doubtful()")
    tokens = driver.execute_script(
        f"return {js}.tokens.map(t => [t.i, t.line, t.start, t.end, t.input, t.output, t.alts])")
    check(len(doubtful) > 0, f"short page: {len(doubtful)} doubtful words marked")
    marked = driver.execute_script("return document.querySelectorAll('#rows .w.d').length")
    check(marked == len(doubtful), "short page: every doubtful word is outlined")

    # click a doubtful word with two alternatives or more
    first = next((i for i in doubtful if len(tokens[i][6]) >= 2), None)
    check(first is not None, "short page: a doubtful word has alternatives")
    if first is None:
        return
    span = driver.find_element(By.CSS_SELECTOR, f'#rows .w[data-i="{first}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
    span.click()
    alts = [b.text for b in driver.find_elements(By.CSS_SELECTOR, "#alts button")]
    want = tokens[first][6]
    check(len(alts) == len(want) and all(a[0] in b and f"{a[1] * 100:.1f} %" in b for a, b in zip(want, alts)),
          f"short page: clicking '{tokens[first][5]}' shows its alternatives {alts}")
    detail = driver.find_element(By.ID, "detail").text
    check(f"OCR {tokens[first][4]}" in detail, "short page: the word panel shows the OCR original")

    # keyboard: n to the next doubtful word, p back
    selected = lambda: driver.execute_script("const s = document.querySelector('#rows .w.sel'); return s ? +s.dataset.i : -1")
    k = doubtful.index(first)
    keys = ActionChains(driver)
    keys.send_keys("n").perform()
    check(selected() == doubtful[(k + 1) % len(doubtful)], "short page: n selects the next doubtful word")
    ActionChains(driver).send_keys("p").perform()
    check(selected() == first, "short page: p goes back")
    started = time.monotonic()
    for _ in range(20):
        ActionChains(driver).send_keys("n").perform()
    step_ms = (time.monotonic() - started) * 1000 / 20
    check(selected() == doubtful[(k + 20) % len(doubtful)], f"short page: 20 presses of n, {step_ms:.0f} ms each")
    ActionChains(driver).send_keys("p" * 20).perform()
    check(selected() == first, "short page: 20 presses of p come back")

    # accept the second alternative with the key 2
    ActionChains(driver).send_keys("2").perform()
    shown = driver.find_element(By.CSS_SELECTOR, f'#rows .w[data-i="{first}"]').text
    check(shown == want[1][0], f"short page: key 2 accepts '{want[1][0]}'")
    # type a fix on the next doubtful word: e, the text, Enter
    ActionChains(driver).send_keys("n").perform()
    second = selected()
    ActionChains(driver).send_keys("e").perform()
    fix = driver.find_element(By.ID, "fix")
    fix.clear()
    fix.send_keys("Sửa<tay>\n")
    shown = driver.find_element(By.CSS_SELECTOR, f'#rows .w[data-i="{second}"]').text
    check(shown == "Sửa<tay>", "short page: a typed fix replaces the word")
    # a third edit by clicking an alternative button, then undone with u
    ActionChains(driver).send_keys("n").perform()
    third = selected()
    driver.find_element(By.CSS_SELECTOR, '#alts button[data-alt="0"]').click()
    ActionChains(driver).send_keys("u").perform()

    exported = driver.find_element(By.ID, "export").get_attribute("value")
    records = []
    try:
        records = [json.loads(l) for l in exported.splitlines() if l.strip()]
        parsed = exported.endswith("\n") and len(records) == len(exported.splitlines())
    except json.JSONDecodeError:
        parsed = False
    check(parsed, f"short page: the export parses as JSON Lines ({len(records)} records)")
    check(len(records) == 2, "short page: two edits exported (the undone one is not)")
    check(all(set(r) == FIELDS for r in records), "short page: records have exactly line, start, end, from, to, confidence")
    replays = all(
        "".join(list(lines[r["line"] - 1])[r["start"]:r["end"]]) == r["from"] for r in records)
    check(replays, "short page: each record's from is the input line's chars [start, end)")
    byfirst = {(r["line"], r["start"]): r for r in records}
    t1, t2 = tokens[first], tokens[second]
    r1, r2 = byfirst.get((t1[1], t1[2])), byfirst.get((t2[1], t2[2]))
    check(r1 is not None and r1["to"] == want[1][0] and abs(r1["confidence"] - want[1][1]) < 1e-6,
          "short page: the accepted alternative is exported with its p")
    check(r2 is not None and r2["to"] == "Sửa<tay>" and r2["confidence"] == 1,
          "short page: the typed fix is exported with confidence 1")
    # replaying the edits on the OCR line puts the new text in place
    if r2:
        chars = list(lines[r2["line"] - 1])
        fixed = "".join(chars[:r2["start"]]) + r2["to"] + "".join(chars[r2["end"]:])
        check("Sửa<tay>" in fixed and fixed != lines[r2["line"] - 1], "short page: the export replays on the OCR text")
    blob = driver.execute_async_script(
        "const done = arguments[0]; fetch(document.getElementById('download').href)"
        ".then(r => r.text()).then(done, e => done('error: ' + e))")
    check(blob == exported, "short page: the download link holds the exported text")
    with open(f"{out_dir}/corrections.jsonl", "w", encoding="utf-8") as f:
        f.write(exported)
    driver.save_screenshot(f"{out_dir}/review.png")
    third_shown = driver.find_element(By.CSS_SELECTOR, f'#rows .w[data-i="{third}"]').text
    check(third_shown == tokens[third][5], "short page: u undoes an edit")

    # a cited document in the side panel jumps to its line
    refs = driver.find_elements(By.CSS_SELECTOR, "#facts li[data-line]")
    check(len(refs) > 0, f"short page: {len(refs)} indicators and cited documents listed")
    if refs:
        target = refs[-1]
        line = int(target.get_attribute("data-line"))
        driver.execute_script("arguments[0].scrollIntoView()", target)
        target.click()
        visible = driver.execute_script(
            "const r = document.getElementById('L' + arguments[0]).getBoundingClientRect();"
            "const t = document.getElementById('text').getBoundingClientRect();"
            "return r.top >= t.top && r.bottom <= t.bottom + 1", line)
        flashed = driver.execute_script("return document.getElementById('L' + arguments[0]).classList.contains('flash')", line)
        check(visible and flashed, f"short page: clicking the last listed item shows line {line}")
    errors = console_errors(driver)
    check(not errors, f"short page: still no console error after the edits {errors[:3] if errors else ''}")


def long_page(driver, page, lines, limit):
    seconds, painted = load(driver, page)
    common_checks(driver, "long page", lines)
    check(seconds <= limit and painted <= limit * 1000,
          f"long page ({len(lines)} lines): load event {seconds:.2f} s, painted at {painted:.0f} ms (limit {limit} s)")
    pct_ms = driver.execute_script(
        "const e = document.getElementById('pct'); const t = performance.now();"
        "e.value = 10; e.dispatchEvent(new Event('change')); return performance.now() - t")
    check(pct_ms < 500, f"long page: changing the doubtful share re-marks words in {pct_ms:.0f} ms")
    n_words = driver.execute_script("return window.vnreportReview.tokens.filter(t => t.kind === 'word').length")
    marked = driver.execute_script("return document.querySelectorAll('#rows .w.d').length")
    check(marked == -(-n_words // 10), f"long page: 10 % of {n_words} words marked doubtful ({marked})")
    print(f"FIGURE long_page_lines={len(lines)} load_s={seconds:.3f} painted_ms={painted:.0f}")


def main():
    out_dir, short, short_in, long_, long_in = sys.argv[1:6]
    limit = float(sys.argv[6]) if len(sys.argv) > 6 else 3.0
    driver = browser()
    try:
        short_page(driver, out_dir, short, input_lines(short_in))
        long_page(driver, long_, input_lines(long_in), limit)
    finally:
        driver.quit()
    if failures:
        print(f"browser test: {len(failures)} checks failed")
        sys.exit(1)
    print("browser test: all checks passed")


if __name__ == "__main__":
    main()
