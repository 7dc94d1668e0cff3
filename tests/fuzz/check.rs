//! The invariants every fuzz case must keep, as functions returning a description of the first
//! violation (so a failing case shows what broke, with its input).

use unicode_normalization::is_nfc;
use vnreport::split_lines;
use vnreport::Extraction;
use vnreport::{Restoration, RestoredLine};

/// The line endings of `text`, in order.
pub fn endings(text: &str) -> Vec<&str> {
    split_lines(text).into_iter().map(|l| l.ending).collect()
}

/// Restoration of `input`: one line per input line, the input lines rebuild the input, each
/// correction points at its `from` in order on char offsets, replaying them gives the output,
/// changes never touch whitespace or line endings, and (for NFC input) the output is NFC.
pub fn restoration(input: &str, r: &Restoration) -> Result<(), String> {
    let lines = split_lines(input);
    if r.lines.len() != lines.len() {
        return Err(format!("{} output lines for {} input lines", r.lines.len(), lines.len()));
    }
    for (i, (got, want)) in r.lines.iter().zip(&lines).enumerate() {
        if got.input != want.content || got.ending != want.ending {
            return Err(format!("line {}: input or ending not kept: {:?}{:?}", i + 1, got.input, got.ending));
        }
        let replayed = replay_line(i + 1, got)?;
        if replayed != got.text {
            return Err(format!(
                "line {}: corrections replay to {replayed:?}, output is {:?}",
                i + 1,
                got.text
            ));
        }
        if got.text.contains(['\n', '\r']) {
            return Err(format!("line {}: a line break inside the output line {:?}", i + 1, got.text));
        }
    }
    let out = r.text();
    if endings(&out) != endings(input) {
        return Err("the output's line endings differ from the input's".into());
    }
    if is_nfc(input) && !is_nfc(&out) {
        return Err(format!("NFC input gave non-NFC output {out:?}"));
    }
    Ok(())
}

/// Apply line `line`'s corrections to `input`, checking each against the line.
fn replay_line(line: usize, l: &RestoredLine) -> Result<String, String> {
    let input = l.input.as_str();
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len() + 16);
    let mut pos = 0;
    for c in &l.corrections {
        if c.line != line {
            return Err(format!("correction {c:?} filed under line {line}"));
        }
        if c.start < pos || c.start >= c.end || c.end > chars.len() {
            return Err(format!(
                "line {line}: correction out of order or range ({} chars): {c:?}",
                chars.len()
            ));
        }
        let from: String = chars[c.start..c.end].iter().collect();
        if from != c.from {
            return Err(format!("line {line}: offsets point at {from:?}, not at {c:?}"));
        }
        if c.from.chars().any(char::is_whitespace) {
            return Err(format!("line {line}: a correction replaces whitespace: {c:?}"));
        }
        if c.to.is_empty() || c.to.contains(['\n', '\r', '\t']) || c.to.contains("  ") {
            return Err(format!("line {line}: a correction changes the layout: {c:?}"));
        }
        if !is_nfc(&c.to) || !(0.0..=1.0).contains(&c.confidence) {
            return Err(format!("line {line}: replacement not NFC or confidence out of 0..1: {c:?}"));
        }
        out.extend(&chars[pos..c.start]);
        out.push_str(&c.to);
        pos = c.end;
    }
    out.extend(&chars[pos..]);
    Ok(out)
}

/// The chars `a..b` of `s`.
fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b.saturating_sub(a)).collect()
}

/// One extracted span: a line that exists, offsets within the input and restored lines, the
/// restored offsets pointing at `raw` (or, with `part`, at a part of it: a reference's span
/// covers its number, `raw` adds its type and date, possibly from other lines), and the
/// input offsets at the text that was restored to it (replaying the corrections inside the
/// span gives the restored text).
fn span(r: &Restoration, what: &str, s: &vnreport::Span, raw: &str, part: bool) -> Result<(), String> {
    let Some(l) = s.line.checked_sub(1).and_then(|i| r.lines.get(i)) else {
        return Err(format!("{what} {raw:?}: line {} of {}", s.line, r.lines.len()));
    };
    let (n_in, n_out) = (l.input.chars().count(), l.text.chars().count());
    if s.start > s.end || s.end > n_in || s.restored_start > s.restored_end || s.restored_end > n_out {
        return Err(format!("{what} {raw:?}: span {s:?} outside its line ({n_in} / {n_out} chars)"));
    }
    let restored = chars(&l.text, s.restored_start, s.restored_end);
    if restored != raw && !(part && !restored.is_empty() && raw.contains(&restored)) {
        return Err(format!("{what}: restored offsets {s:?} point at {restored:?}, raw is {raw:?}"));
    }
    // where each change lands in the restored line
    let mut delta = 0isize;
    let mut outs = Vec::new();
    for c in &l.corrections {
        let out_start = (c.start as isize + delta) as usize;
        let out_end = out_start + c.to.chars().count();
        delta += out_end as isize - out_start as isize - (c.end - c.start) as isize;
        outs.push((out_start, out_end));
    }
    let inside = |x: usize| outs.iter().any(|&(a, b)| a < x && x < b);
    if inside(s.restored_start) || inside(s.restored_end) {
        return Ok(()); // an edge inside a changed word maps to that word's edge in the input
    }
    let mut rebuilt = String::new();
    let mut pos = s.start;
    for c in l.corrections.iter().filter(|c| c.end > s.start && c.start < s.end) {
        if c.start < s.start || c.end > s.end {
            return Err(format!("{what}: span {s:?} cuts the change {c:?}"));
        }
        rebuilt.push_str(&chars(&l.input, pos, c.start));
        rebuilt.push_str(&c.to);
        pos = c.end;
    }
    rebuilt.push_str(&chars(&l.input, pos, s.end));
    if rebuilt != restored {
        let input = chars(&l.input, s.start, s.end);
        return Err(format!(
            "{what}: input offsets {s:?} point at {input:?}, restored {rebuilt:?}, not {restored:?}"
        ));
    }
    Ok(())
}

/// Every indicator and reference span of `x` against `r`.
pub fn extraction(r: &Restoration, x: &Extraction) -> Result<(), String> {
    for i in &x.indicators {
        span(r, "indicator", &i.span, &i.raw, false)?;
        if !i.value.is_finite() || !i.base_value.is_finite() || !(0.0..=1.0).contains(&i.confidence) {
            return Err(format!(
                "indicator {:?}: value {} base {} confidence {}",
                i.raw, i.value, i.base_value, i.confidence
            ));
        }
    }
    for x in &x.references {
        span(r, "reference", &x.span, &x.raw, true)?;
    }
    Ok(())
}
