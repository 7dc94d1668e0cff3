//! Fuzz target `document`: the input (after its first byte) as a file read through the library's
//! document path (`restore_and_report`) in tiny blocks, 16 to 1,036 bytes as the first byte
//! chooses, so that lines longer than a block are cut inside and carried from block to block.
//! Read as UTF-8, replacing undecodable bytes. Checked on every input that decodes:
//!
//! - one restored line per input line, as the report counts them, and the restored text is
//!   the token records' outputs in order;
//! - in every line the token records tile the line: each starts where the one before ended,
//!   from 0, in the input and in the output alike (columns count in the whole line, whatever
//!   block a token came from);
//! - every figure and citation points at its own text in the restored line
//!   (`restored_start..restored_end` holds `raw`) and at the same words of the input
//!   (`start..end` inside the line).

use vnreport::{restore_and_report, DecodeOptions, DocOptions, Encoding, Span, TokenRecord};

fn main() {
    vnreport_fuzz::restorer();
    afl::fuzz!(|data: &[u8]| {
        let Some((&first, file)) = data.split_first() else { return };
        let opts = DocOptions {
            decode: DecodeOptions { encoding: Some(Encoding::Utf8), lossy: true },
            block_bytes: 16 + 4 * usize::from(first),
            budget: None,
        };
        let mut restored = Vec::new();
        let mut tokens = Vec::new();
        let Ok(report) = restore_and_report(
            vnreport_fuzz::restorer(),
            file,
            "fuzz.txt",
            &mut restored,
            Some(&mut tokens),
            &opts,
            &|_, _| {},
        ) else {
            return;
        };
        let restored = String::from_utf8(restored).expect("restored text is UTF-8");
        let lines = split(&restored);
        assert_eq!(lines.len(), report.source.lines, "restored lines and the report's count differ");
        let (inputs, outputs) = tile(&tokens, lines.len());
        for (k, (line, out)) in lines.iter().zip(&outputs).enumerate() {
            assert_eq!(line, out, "line {}: the token outputs do not make the restored line", k + 1);
        }
        let spans = report.indicators.iter().map(|i| (&i.span, &i.raw));
        for (span, raw) in spans.chain(report.references.iter().map(|r| (&r.span, &r.raw))) {
            check_span(span, raw, &inputs, &lines);
        }
    });
}

/// `text` cut into lines as the restorer counts them, without their endings.
fn split(text: &str) -> Vec<String> {
    vnreport::split_lines(text).iter().map(|l| l.content.to_string()).collect()
}

/// Check that the records tile each of `n` lines, and return each line's input and output as
/// the records give them.
fn tile(tokens: &[TokenRecord], n: usize) -> (Vec<String>, Vec<String>) {
    let (mut inputs, mut outputs) = (vec![String::new(); n], vec![String::new(); n]);
    let mut at = vec![(0usize, 0usize); n];
    for t in tokens {
        assert!((1..=n).contains(&t.line), "token on line {} of {n}", t.line);
        let k = t.line - 1;
        assert_eq!(
            (t.start, t.out_start),
            at[k],
            "line {}: token {:?} does not start where the last ended",
            t.line,
            t.input
        );
        assert_eq!(t.end - t.start, t.input.chars().count(), "token {:?}: input span", t.input);
        assert_eq!(t.out_end - t.out_start, t.output.chars().count(), "token {:?}: output span", t.output);
        at[k] = (t.end, t.out_end);
        inputs[k].push_str(&t.input);
        outputs[k].push_str(&t.output);
    }
    (inputs, outputs)
}

/// Check one figure's or citation's span against the lines.
fn check_span(span: &Span, raw: &str, inputs: &[String], lines: &[String]) {
    let k = span.line.checked_sub(1).filter(|&k| k < lines.len()).expect("span line in the document");
    let restored: String =
        lines[k].chars().skip(span.restored_start).take(span.restored_end - span.restored_start).collect();
    assert_eq!(restored, raw, "line {}: restored span does not hold the item", span.line);
    let chars = inputs[k].chars().count();
    assert!(
        span.start <= span.end && span.end <= chars,
        "line {}: input span {}..{} in {chars} chars",
        span.line,
        span.start,
        span.end
    );
}
