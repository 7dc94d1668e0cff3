//! Nothing is lost: every output line maps to its input line, and the corrections replayed on
//! the input give the restored text exactly.

use crate::common::{read, repo, MODEL};
use vnreport::{Restoration, Restorer};

/// Apply the corrections of `r` to its input lines.
fn replay(r: &Restoration) -> String {
    let mut out = String::new();
    for line in &r.lines {
        let chars: Vec<char> = line.input.chars().collect();
        let mut pos = 0;
        for c in &line.corrections {
            assert!(c.start >= pos && c.end <= chars.len(), "correction out of order or range: {c:?}");
            assert_eq!(
                chars[c.start..c.end].iter().collect::<String>(),
                c.from,
                "offsets do not point at `from`"
            );
            out.extend(&chars[pos..c.start]);
            out.push_str(&c.to);
            pos = c.end;
        }
        out.extend(&chars[pos..]);
        out.push_str(&line.ending);
    }
    out
}

fn check(text: &str, what: &str) {
    let r = Restorer::new(MODEL.clone()).restore_text(text);
    assert_eq!(r.lines.len(), vnreport::split_lines(text).len(), "{what}: line count changed");
    let inputs: String = r.lines.iter().map(|l| format!("{}{}", l.input, l.ending)).collect();
    assert_eq!(inputs, text, "{what}: input lines do not rebuild the input");
    assert_eq!(replay(&r), r.text(), "{what}: corrections do not reproduce the output");
}

#[test]
fn corrections_replay_to_the_output_on_every_shipped_document() {
    let mut n = 0;
    for dir in ["corpus/clean", "corpus/degraded", "corpus/gold", "corpus/synthetic"] {
        for e in std::fs::read_dir(repo(dir)).expect("corpus folder") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&p).expect("utf-8 corpus file");
                check(&text, &p.display().to_string());
                n += 1;
            }
        }
    }
    assert!(n >= 20, "only {n} documents checked");
}

#[test]
fn crlf_cr_and_missing_final_newline_are_kept() {
    let ocr = read("corpus/gold/003.dev.ocr.txt");
    let crlf = ocr.replace('\n', "\r\n");
    let r = Restorer::new(MODEL.clone()).restore_text(&crlf);
    assert!(r.text().contains("\r\n") && !r.text().replace("\r\n", "").contains('\n'));
    let lf = Restorer::new(MODEL.clone()).restore_text(&ocr).text();
    assert_eq!(r.text().replace("\r\n", "\n"), lf, "CRLF input restores differently");
    let cr = "Ket qua\rthuc hien\tcong  tac";
    let out = Restorer::new(MODEL.clone()).restore_text(cr).text();
    assert_eq!(out, "Kết quả\rthực hiện\tcông  tác");
    check(cr, "CR line endings");
}
