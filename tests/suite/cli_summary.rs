//! What the summary of `tc-envelope check` says besides its counts of records: JSON Lines
//! read as one document, error codes of invalid records kept apart, and everything read but
//! not checked (blank lines, files that are not captures, paths that ignore files name).
#![cfg(all(feature = "cli", unix))]

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// A failure, then a success: JSON Lines.
fn json_lines() -> String {
    format!(
        "{{\"Response\":{{\"RequestId\":\"{ID}\",\"Error\":{{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"m\"}}}}}}\n\
         {{\"Response\":{{\"RequestId\":\"b5b41468-520d-4192-b42f-595cc34b6c1d\"}}}}\n"
    )
}

fn ok_body() -> String {
    format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}")
}

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    command
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path.display().to_string()
}

/// Standard output of `check ARGS`, with `stdin`.
fn check(args: &[&str], stdin: &str) -> String {
    let output = tool()
        .arg("check")
        .args(args)
        .write_stdin(stdin.to_owned())
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn summary(args: &[&str], stdin: &str) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let document: Value = serde_json::from_str(&check(&all, stdin)).unwrap();
    document["summary"].clone()
}

/// The line of the text summary that starts with `start`, if any.
fn line<'t>(text: &'t str, start: &str) -> Option<&'t str> {
    text.lines().find(|line| line.starts_with(start))
}

#[test]
fn json_lines_read_as_one_document_are_told_to_use_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "capture.json", json_lines().as_bytes());
    for args in [vec![file.as_str()], vec!["-"]] {
        let text = check(&args, &json_lines());
        let (records, summary) = text.split_once("1 record:").expect(&text);
        assert!(
            records.contains("help:") && records.contains("--lines"),
            "{text}"
        );
        assert!(records.contains(".jsonl"), "{text}");
        assert!(
            summary.contains("look like JSON Lines") || summary.contains("looks like JSON Lines"),
            "{text}"
        );
        assert!(summary.contains("--lines"), "{text}");

        let summary = self::summary(&args, &json_lines());
        assert_eq!(summary["looks_like_json_lines"], 1, "{summary}");

        let jsonl = check(&[&["--format", "jsonl"][..], &args].concat(), &json_lines());
        let record: Value = serde_json::from_str(jsonl.trim()).unwrap();
        assert!(
            record["hint"].as_str().unwrap().contains("--lines"),
            "{record}"
        );
    }
}

#[test]
fn only_a_complete_value_then_another_on_a_new_line_looks_like_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    for (body, looks) in [
        (format!("{}\n\n  {}\n", ok_body(), ok_body()), true),
        (format!("{}\r\n[1]", ok_body()), true),
        // Trailing text on the same line, and a first value that is not complete.
        (format!("{} {}\n", ok_body(), ok_body()), false),
        (format!("{} x\n", ok_body()), false),
        (
            format!("{{\"Response\": {{\"RequestId\": \"{ID}\"}}\n{}", ok_body()),
            false,
        ),
        (format!("{}\nx\n", ok_body()), false),
    ] {
        let file = write(dir.path(), "capture.json", body.as_bytes());
        let summary = summary(&[&file], "");
        let counted = summary["looks_like_json_lines"].as_u64().unwrap_or(0);
        assert_eq!(counted == 1, looks, "{body:?}: {summary}");
        let text = check(&[&file], "");
        assert_eq!(text.contains("--lines"), looks, "{body:?}: {text}");
    }
}

#[test]
fn codes_of_invalid_records_are_not_among_the_most_frequent() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = json_lines();
    // A failure that is valid: its code is among the most frequent.
    lines.push_str(
        "{\"Response\":{\"RequestId\":\"b5b41468-520d-4192-b42f-595cc34b6c1e\",\"Error\":{\"Code\":\"InternalError\",\"Message\":\"m\"}}}\n",
    );
    let file = write(dir.path(), "capture.json", lines.as_bytes());
    let text = check(&[&file], "");
    let frequent = line(&text, "most frequent error codes").unwrap_or_default();
    assert!(!frequent.contains("AuthFailure"), "{text}");
    let apart = text
        .lines()
        .find(|line| line.contains("AuthFailure.SignatureFailure (1)"))
        .expect(&text);
    assert!(
        apart.contains("invalid"),
        "labelled as from invalid records: {text}"
    );

    let summary = summary(&[&file], "");
    assert_eq!(summary["codes"], serde_json::json!([]), "{summary}");
    assert_eq!(
        summary["codes_in_invalid"],
        serde_json::json!([{"code": "AuthFailure.SignatureFailure", "count": 1}])
    );

    let valid = write(dir.path(), "lines.jsonl", lines.as_bytes());
    let summary = self::summary(&[&valid], "");
    let codes: Vec<&str> = summary["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["AuthFailure.SignatureFailure", "InternalError"]);
    assert!(summary.get("codes_in_invalid").is_none(), "{summary}");
}

/// The summary's `skipped` rows as (unit, reason, count).
fn skipped(summary: &Value) -> Vec<(String, String, u64)> {
    summary["skipped"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    (
                        row["unit"].as_str().unwrap().to_owned(),
                        row["reason"].as_str().unwrap().to_owned(),
                        row["count"].as_u64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn blank_json_lines_lines_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!("{}\n\n \t\r\n{}\n\n", ok_body(), ok_body());
    let file = write(dir.path(), "capture.jsonl", body.as_bytes());
    for args in [vec![file.as_str()], vec!["--lines", "-"]] {
        let summary = summary(&args, &body);
        assert_eq!(summary["records"], 2);
        let rows = skipped(&summary);
        assert_eq!(rows.len(), 1, "{rows:?}");
        let (unit, reason, count) = &rows[0];
        assert_eq!((unit.as_str(), *count), ("line", 3), "{rows:?}");
        assert!(reason.contains("blank"), "{reason}");
        let text = check(&args, &body);
        assert!(line(&text, "skipped 3 lines: blank").is_some(), "{text}");
    }
}

#[test]
fn files_a_walk_passes_over_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().display().to_string();
    write(dir.path(), "captures/a.json", ok_body().as_bytes());
    write(dir.path(), "captures/README.md", b"# notes");
    write(dir.path(), "captures/b.json.gz", b"\x1f\x8b");
    let summary = summary(&[&root], "");
    assert_eq!(summary["records"], 1);
    let rows = skipped(&summary);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (unit, reason, count) = &rows[0];
    assert_eq!((unit.as_str(), *count), ("file", 2), "{rows:?}");
    assert!(reason.contains("not a capture"), "{reason}");
    let text = check(&[&root], "");
    assert!(
        line(&text, "skipped 2 files: not a capture").is_some(),
        "{text}"
    );
}

#[test]
fn paths_ignore_files_name_are_counted_with_the_option_that_takes_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().display().to_string();
    write(dir.path(), ".gitignore", b"big/\n*.tmp.json\n");
    write(dir.path(), "captures/a.json", ok_body().as_bytes());
    write(dir.path(), "captures/b.tmp.json", ok_body().as_bytes());
    write(dir.path(), "captures/big/c.json", ok_body().as_bytes());
    write(dir.path(), "captures/big/d.json", ok_body().as_bytes());
    // Hidden paths are --hidden's, not counted as ignored.
    write(dir.path(), "captures/.cache/e.json", ok_body().as_bytes());

    let summary = summary(&[&root], "");
    assert_eq!(summary["records"], 1);
    let mut rows = skipped(&summary);
    rows.sort();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (rows[0].0.as_str(), rows[0].2),
        ("directory", 1),
        "{rows:?}"
    );
    assert_eq!((rows[1].0.as_str(), rows[1].2), ("file", 1), "{rows:?}");
    for (_, reason, _) in &rows {
        assert!(
            reason.contains(".gitignore") && reason.contains("--no-ignore"),
            "{reason}"
        );
    }
    let text = check(&[&root], "");
    let file = line(&text, "skipped 1 file:").expect(&text);
    assert!(file.contains("--no-ignore"), "{text}");
    assert!(line(&text, "skipped 1 directory:").is_some(), "{text}");

    let summary = self::summary(&["--no-ignore", &root], "");
    assert_eq!(summary["records"], 4);
    assert!(skipped(&summary).is_empty(), "{summary}");
}
