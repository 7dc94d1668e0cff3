//! Learning from an archivist's edits: the edits exported by the review page (corrections
//! format, offsets in the input line) applied over the restorer's own changes give corrected
//! lines, which teach a user model both the words of the archive and how its OCR misreads them.

use crate::confusion::ConfusionCounts;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Model;
use crate::pairs::text_pairs;
use crate::{Correction, Restoration};

/// Parse edits, one JSON object a line in the corrections format; `path` names the file in
/// errors.
#[cfg(feature = "cli")]
pub fn parse_edits(jsonl: &str, path: &str) -> Result<Vec<Correction>> {
    let mut edits = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let e: Correction =
            serde_json::from_str(line).map_err(|e| Error::parse(path, i + 1, e.to_string()))?;
        if e.line == 0 || e.end < e.start {
            return Err(Error::parse(path, i + 1, "line must be 1-based and end at or after start"));
        }
        edits.push(e);
    }
    Ok(edits)
}

/// The lines an archivist checked (those with at least one edit), as (1-based line, the
/// input line, the corrected line): the edits replace the restorer's changes they overlap,
/// and its other changes stand. An edit whose `from` is not the input's text at its offsets
/// belongs to another input, and is refused.
pub fn corrected_lines(
    restoration: &Restoration,
    edits: &[Correction],
) -> Result<Vec<(usize, String, String)>> {
    let mut by_line: std::collections::BTreeMap<usize, Vec<&Correction>> = Default::default();
    for e in edits {
        by_line.entry(e.line).or_default().push(e);
    }
    let mut out = Vec::new();
    for (line, mut mine) in by_line {
        let Some(restored) = restoration.lines.get(line - 1) else {
            return Err(Error::new(
                ErrorKind::Config,
                format!("an edit is on line {line}, past the input's end"),
            ));
        };
        let input: Vec<char> = restored.input.chars().collect();
        mine.sort_by_key(|e| (e.start, e.end));
        for e in &mine {
            let found: String = input.get(e.start..e.end).map(|s| s.iter().collect()).unwrap_or_default();
            if found != e.from {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!(
                        "line {line}: the edit of {:?} at {}..{} finds {found:?} in the input",
                        e.from, e.start, e.end
                    ),
                ));
            }
        }
        if mine.windows(2).any(|w| w[1].start < w[0].end) {
            return Err(Error::new(ErrorKind::Config, format!("line {line}: edits overlap")));
        }
        // the archivist's edits, and the restorer's changes they do not touch
        let overlaps =
            |c: &Correction| mine.iter().any(|e| c.start < e.end.max(e.start + 1) && e.start < c.end);
        let mut changes: Vec<&Correction> =
            restored.corrections.iter().filter(|c| !overlaps(c)).chain(mine.iter().copied()).collect();
        changes.sort_by_key(|c| (c.start, c.end));
        let mut text = String::with_capacity(restored.input.len() + 16);
        let mut pos = 0;
        for c in changes {
            text.extend(&input[pos..c.start]);
            text.push_str(&c.to);
            pos = c.end;
        }
        text.extend(&input[pos..]);
        out.push((line, restored.input.clone(), text));
    }
    Ok(out)
}

/// `base` confusion counts plus the word pairs of checked lines (input line, corrected line),
/// aligned by `model`'s channel, each counted `weight` times.
pub fn learn_confusions(
    model: &Model,
    base: &ConfusionCounts,
    lines: &[(usize, String, String)],
    weight: f32,
) -> (ConfusionCounts, usize) {
    let ocr: String = lines.iter().map(|l| format!("{}\n", l.1)).collect();
    let gold: String = lines.iter().map(|l| format!("{}\n", l.2)).collect();
    let pairs: Vec<(String, String, f32)> =
        text_pairs(&ocr, &gold).into_iter().map(|(o, g)| (o, g, weight)).collect();
    let mut counts = base.clone();
    counts.add(&model.channel.count(&pairs));
    (counts, pairs.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RestoredLine;

    fn change(start: usize, end: usize, from: &str, to: &str) -> Correction {
        Correction { line: 1, start, end, from: from.into(), to: to.into(), confidence: 0.5 }
    }

    #[test]
    fn edits_replace_the_changes_they_overlap() {
        let restoration = Restoration {
            lines: vec![RestoredLine {
                input: "Ket qua thyc hign".into(),
                text: "Kết quả thức hiện".into(),
                corrections: vec![
                    change(0, 3, "Ket", "Kết"),
                    change(4, 7, "qua", "quả"),
                    change(8, 12, "thyc", "thức"),
                    change(13, 17, "hign", "hiện"),
                ],
                ..Default::default()
            }],
        };
        let lines = corrected_lines(&restoration, &[change(8, 12, "thyc", "thực")]).unwrap();
        assert_eq!(lines, vec![(1, "Ket qua thyc hign".to_string(), "Kết quả thực hiện".to_string())]);
        // an edit that does not match the input is refused
        assert!(corrected_lines(&restoration, &[change(8, 12, "thuc", "thực")]).is_err());
        assert!(corrected_lines(&restoration, &[Correction { line: 2, ..change(0, 1, "K", "K") }]).is_err());
        assert!(parse_edits("{\"line\":1}\n", "e.jsonl").is_err());
    }
}
