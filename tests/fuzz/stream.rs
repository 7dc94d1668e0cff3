//! `vnreport stream` on arbitrary bytes: whatever comes between them, every well-formed record
//! comes out with its id and restored text, in order, and the process never panics.

use crate::common::spawn_piped;
use proptest::prelude::*;
use std::io::Write;

/// A line of arbitrary bytes (no newline inside), sometimes JSON-looking.
fn junk_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>().prop_filter("no newline", |&b| b != b'\n'), 0..300),
        "[{}\\[\\]\":, a-z0-9\\\\]{0,80}".prop_map(String::into_bytes),
        Just(b"{\"id\": 1, \"text\": 5}".to_vec()),
        Just(b"{\"id\": [1], \"path\": \"/dev/null\"}".to_vec()),
    ]
}

proptest! {
    #![proptest_config(super::config(12))]
    #[test]
    fn well_formed_records_survive_any_junk(junk in proptest::collection::vec(junk_line(), 1..12), good_every in 1usize..4) {
        let mut input = Vec::new();
        let mut expected = Vec::new();
        for (i, j) in junk.iter().enumerate() {
            input.extend_from_slice(j);
            input.push(b'\n');
            if i % good_every == 0 {
                let id = format!("good-{i}");
                input.extend_from_slice(serde_json::json!({"id": id, "text": "Két qua thyc hign"}).to_string().as_bytes());
                input.push(b'\n');
                expected.push(id);
            }
        }
        let mut child = spawn_piped(&["stream", "--fields", "restored", "--max-bytes", "200"]);
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || { let _ = stdin.write_all(&input); });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        prop_assert!(out.status.success(), "exit {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        let mut good = Vec::new();
        for line in text.lines() {
            let r: serde_json::Value = serde_json::from_str(line).expect("every output line is JSON");
            prop_assert!(r.get("error").is_some() || r.get("restored").is_some());
            if let Some(id) = r["id"].as_str().filter(|s| s.starts_with("good-")) {
                prop_assert_eq!(&r["restored"], "Kết quả thực hiện");
                good.push(id.to_string());
            }
        }
        prop_assert_eq!(good, expected);
    }
}
