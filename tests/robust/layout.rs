//! Layout kept: CRLF, CR, a missing final newline, tabs and runs of spaces come back as they
//! were, through the CLI and the library.

use super::{assert_replays, decoded, restore_cli, sample};
use crate::common::MODEL;
use crate::fuzz::check;
use vnreport::split_lines;
use vnreport::Restorer;

const LAYOUTS: [&str; 5] =
    ["layout.lf.txt", "layout.crlf.txt", "layout.cr.txt", "layout.no-final-newline.txt", "layout.tabs.txt"];

/// Each line's leading and trailing whitespace, and its tabs and runs of spaces in order.
fn whitespace_skeleton(text: &str) -> Vec<(String, String, Vec<String>)> {
    split_lines(text)
        .into_iter()
        .map(|l| {
            let c = l.content;
            let lead = c[..c.len() - c.trim_start().len()].to_string();
            let trail = c[c.trim_end().len()..].to_string();
            let mut runs = Vec::new();
            let mut cur = String::new();
            for ch in c.trim().chars().chain(std::iter::once('x')) {
                if ch == ' ' || ch == '\t' {
                    cur.push(ch);
                } else {
                    if cur.contains('\t') || cur.len() > 1 {
                        runs.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                }
            }
            (lead, trail, runs)
        })
        .collect()
}

#[test]
fn every_layout_replays_and_keeps_its_endings_and_whitespace() {
    for name in LAYOUTS {
        let file = sample(name);
        let run = restore_cli(&file, &[]);
        assert_replays(&file, &run, false);
        let input = decoded(&file, false);
        assert_eq!(check::endings(&run.stdout), check::endings(&input), "{name}: endings");
        assert_eq!(whitespace_skeleton(&run.stdout), whitespace_skeleton(&input), "{name}: whitespace");
        assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
        // the library gives the same text and keeps every invariant
        let r = Restorer::new(MODEL.clone()).restore_text(&input);
        check::restoration(&input, &r).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(r.text(), run.stdout, "{name}: library and CLI differ");
    }
}

#[test]
fn endings_do_not_change_the_restored_words() {
    let lf = restore_cli(&sample("layout.lf.txt"), &[]).stdout;
    assert_eq!(lf.lines().count(), 24);
    assert!(lf.contains("Kết quả thực hiện công tác cải cách hành chính"), "{lf}");
    assert_eq!(restore_cli(&sample("layout.crlf.txt"), &[]).stdout, lf.replace('\n', "\r\n"));
    assert_eq!(restore_cli(&sample("layout.cr.txt"), &[]).stdout, lf.replace('\n', "\r"));
    let no_final = restore_cli(&sample("layout.no-final-newline.txt"), &[]).stdout;
    assert_eq!(no_final, lf.strip_suffix('\n').expect("final newline"));
}

#[test]
fn tabs_and_space_runs_stay_where_they_were() {
    let out = restore_cli(&sample("layout.tabs.txt"), &[]).stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 26);
    assert!(lines[0].starts_with("\t ỦY BAN"), "{:?}", lines[0]);
    assert!(lines[3].starts_with("    ") && lines[3].ends_with("  "), "{:?}", lines[3]);
    assert_eq!(lines[24].split('\t').count(), 5, "{:?}", lines[24]);
    assert!(lines[25].starts_with("1\t") && lines[25].ends_with("\t 96,5%\t"), "{:?}", lines[25]);
    assert_eq!(
        out.matches('\t').count(),
        std::fs::read_to_string(sample("layout.tabs.txt")).unwrap().matches('\t').count()
    );
}
