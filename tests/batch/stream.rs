//! `vnreport stream`: the same restored text and report per id as `run`, in input order; a
//! malformed line, odd bytes or an over-long line become error records and the stream goes on.

use crate::common::{bin, repo};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn stream(input: &[u8], extra: &[&str]) -> (std::process::ExitStatus, Vec<Value>) {
    let mut child = Command::new(bin())
        .arg("stream")
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let records = String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    (out.status, records)
}

#[test]
fn stream_gives_what_run_gives_per_document() {
    let docs = ["corpus/degraded/003_4df792cc80223c47.txt", "corpus/synthetic/001_4b7321f46e9814a7.s0.txt"];
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut lines = String::new();
    for (i, d) in docs.iter().enumerate() {
        let name = format!("doc{i}.txt");
        std::fs::copy(repo(d), input.join(&name)).unwrap();
        let path = input.join(&name);
        lines.push_str(&serde_json::json!({"id": name, "path": path}).to_string());
        lines.push('\n');
    }
    let out = dir.path().join("out");
    let run = Command::new(bin()).args(["run", "--quiet", "--out"]).arg(&out).arg(&input).output().unwrap();
    assert!(run.status.success());
    let (status, records) = stream(lines.as_bytes(), &[]);
    assert!(status.success());
    assert_eq!(records.len(), docs.len());
    for (i, r) in records.iter().enumerate() {
        let name = format!("doc{i}");
        assert_eq!(r["id"], format!("{name}.txt"), "order kept");
        let report: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap())
                .unwrap();
        let restored = std::fs::read_to_string(out.join(format!("{name}.restored.txt"))).unwrap();
        assert_eq!(r["report"], report, "{name}: report");
        assert_eq!(r["restored"], restored, "{name}: restored text");
    }
}

#[test]
fn bad_lines_become_error_records_and_the_stream_goes_on() {
    let good = |id: &str| serde_json::json!({"id": id, "text": "Két qua thyc hign cdng tac"}).to_string();
    let mut input = Vec::new();
    input.extend_from_slice(format!("{}\n", good("a")).as_bytes());
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"\xff\xfe\x00binary\x00\n");
    input.extend_from_slice(b"{\"id\": 3}\n");
    input.extend_from_slice(b"{\"id\": 4, \"path\": \"/no/such/file.txt\"}\n");
    input.extend_from_slice(format!("{{\"id\": 5, \"text\": \"{}\"}}\n", "x".repeat(5000)).as_bytes());
    input.extend_from_slice(b"\n");
    input.extend_from_slice(good("b").as_bytes()); // no final newline
    let (status, records) = stream(&input, &["--max-bytes", "1000", "--threads", "2"]);
    assert!(status.success());
    let ids: Vec<&Value> = records.iter().map(|r| &r["id"]).collect();
    assert_eq!(
        ids,
        [
            &Value::from("a"),
            &Value::Null,
            &Value::Null,
            &Value::from(3),
            &Value::from(4),
            &Value::Null,
            &Value::from("b")
        ]
    );
    assert_eq!(records[0]["restored"], "Kết quả thực hiện công tác");
    assert_eq!(records[6]["restored"], "Kết quả thực hiện công tác");
    for (r, line) in records[1..6].iter().zip([2, 3, 4, 5, 6]) {
        assert_eq!(r["line"], line, "{r}");
        assert!(r["error"].as_str().is_some_and(|e| !e.is_empty()), "{r}");
    }
    assert!(records[5]["error"].as_str().unwrap().contains("--max-bytes"));
}

#[test]
fn fields_choose_what_a_record_carries() {
    let line = serde_json::json!({"id": 1, "text": "Két qua thyc hign"}).to_string() + "\n";
    let (_, records) = stream(line.as_bytes(), &["--fields", "restored"]);
    assert_eq!(records[0]["restored"], "Kết quả thực hiện");
    assert!(records[0].get("report").is_none());
    let (_, records) = stream(line.as_bytes(), &["--fields", "report"]);
    assert!(records[0].get("restored").is_none());
    assert_eq!(records[0]["report"]["restoration"]["tokens"], 4);
}
