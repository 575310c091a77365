//! `check --threads N` prints what one thread prints, byte for byte, in input order, with the
//! same summary, the same duplicate request ids and the same exit status.
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    command
}

fn check(threads: u16, args: &[&str]) -> Output {
    tool()
        .args(["check", "--threads", &threads.to_string()])
        .args(args)
        .output()
        .unwrap()
}

/// Runs `check` with `args` on 1, 2 and 4 threads in every format and asserts the same
/// standard output and exit status; returns the one-thread JSON Lines output.
fn same_on_every_thread_count(args: &[&str]) -> String {
    let mut jsonl = String::new();
    for format in ["text", "jsonl", "json"] {
        let mut with_format = vec!["--format", format];
        with_format.extend_from_slice(args);
        let one = check(1, &with_format);
        assert!(
            matches!(one.status.code(), Some(0..=2)),
            "{args:?}: {:?}",
            one.status
        );
        for threads in [2, 4] {
            let many = check(threads, &with_format);
            assert_eq!(
                String::from_utf8_lossy(&many.stdout),
                String::from_utf8_lossy(&one.stdout),
                "--threads {threads} --format {format} {args:?}"
            );
            assert_eq!(
                many.status.code(),
                one.status.code(),
                "--threads {threads} --format {format} {args:?}"
            );
        }
        if format == "jsonl" {
            jsonl = String::from_utf8(one.stdout).unwrap();
        }
    }
    jsonl
}

fn uuid(n: usize) -> String {
    format!("{n:08x}-520d-4192-b42f-595cc34b6c1c")
}

/// A capture of `records` lines: successes, failures, invalid JSON, blank lines, lines over
/// a 600-byte cap, capture records that name their call, and every 7th record repeating an
/// earlier request id (every other repeat in capitals, which is the same UUID), so that
/// records travel in many batches and duplicates span them. Returns the capture and how
/// many repeats it holds.
fn capture(records: usize) -> (String, usize) {
    let mut lines = String::new();
    let mut repeats = 0;
    for n in 0..records {
        let id = if n % 7 == 6 {
            repeats += 1;
            let earlier = uuid(n / 3);
            if n % 2 == 0 {
                earlier.to_uppercase()
            } else {
                earlier
            }
        } else {
            uuid(n)
        };
        let line = match n % 6 {
            0 => format!(r#"{{"Response": {{"TotalCount": {n}, "RequestId": "{id}"}}}}"#),
            1 => format!(
                r#"{{"Response": {{"Error": {{"Code": "ResourceNotFound.Disk{}", "Message": "m"}}, "RequestId": "{id}"}}}}"#,
                n % 13
            ),
            2 => format!(r#"{{"Response": {{"RequestId": "{id}", "Broken": [1, 2"#),
            3 => format!(
                r#"{{"service": "cbs", "version": "2017-03-12", "action": "DescribeDisks", "response": {{"Response": {{"TotalCount": 0, "DiskSet": [], "RequestId": "{id}"}}}}}}"#
            ),
            4 => format!(
                r#"{{"Response": {{"Padding": "{}", "RequestId": "{id}"}}}}"#,
                "x".repeat(if n % 24 == 4 { 700 } else { 20 })
            ),
            _ => format!(r#"{{"Response": {{"RequestId": "{id}"}}}}  "#),
        };
        lines.push_str(&line);
        lines.push('\n');
        if n % 50 == 0 {
            lines.push_str(" \t\n");
        }
    }
    (lines, repeats)
}

fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .display()
        .to_string()
}

#[test]
fn every_sample_prints_the_same_on_any_number_of_threads() {
    let dir = samples();
    same_on_every_thread_count(&[&dir]);
    for sample in [
        "describe-disks.json",
        "signature-failure.json",
        "proxy-capture.jsonl",
        "browser-session.har",
        "chat-stream.sse",
    ] {
        let path = format!("{dir}/{sample}");
        same_on_every_thread_count(&[&path]);
        same_on_every_thread_count(&["--har-all-json", "--deny-warnings", &path]);
    }
}

#[test]
fn a_large_capture_with_duplicates_and_broken_records_prints_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (lines, repeats) = capture(6_000);
    let path = dir.path().join("capture.jsonl");
    std::fs::write(&path, &lines).unwrap();
    let path = path.display().to_string();
    let jsonl = same_on_every_thread_count(&["--max-record-size", "600", &path]);
    let records: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(
        records.len(),
        6_000,
        "one record per line that is not blank"
    );
    let duplicates = jsonl.matches("\"rule\":\"duplicate-request-id\"").count();
    // A repeat is found unless its line, or the line it repeats, went unread (over the cap,
    // or broken before its request id), or what it repeats was itself a repeat.
    let unread = jsonl.matches("\"rule\":\"unreadable-capture\"").count();
    assert!(unread > 0);
    assert!(
        duplicates <= repeats && duplicates > repeats / 2,
        "{duplicates} duplicates found, {repeats} repeats, {unread} unread"
    );
    // A small memory forgets ids: the summary says how many, the same on every count.
    let _ = same_on_every_thread_count(&["--request-id-memory", "100", &path]);
    let text = String::from_utf8(check(2, &["--request-id-memory", "100", &path]).stdout).unwrap();
    assert!(text.contains("older ids were forgotten"), "{text}");
    // Rules turned off and up: the same on every count.
    let _ = same_on_every_thread_count(&["--allow", "duplicate-request-id", &path]);
    let _ = same_on_every_thread_count(&[
        "--deny",
        "duplicate-request-id",
        "--max-diagnostics",
        "1",
        &path,
    ]);
}

#[test]
fn several_files_and_standard_input_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let (lines, _) = capture(2_000);
    let first = dir.path().join("a.jsonl");
    let second = dir.path().join("b.jsonl");
    std::fs::write(&first, &lines).unwrap();
    std::fs::write(&second, &lines).unwrap();
    let (first, second) = (first.display().to_string(), second.display().to_string());
    let samples = samples();
    let jsonl = same_on_every_thread_count(&[&second, &samples, &first]);
    // The same lines in the second file repeat every request id of the first.
    assert!(jsonl.matches("duplicate-request-id").count() > 1_500);
    let har = format!("{samples}/browser-session.har");
    for threads in [1, 2, 4] {
        let piped = tool()
            .args(["check", "--format", "jsonl", "--lines", "--threads"])
            .arg(threads.to_string())
            .arg("-")
            .write_stdin(lines.clone())
            .output()
            .unwrap();
        let from_file = check(threads, &["--format", "jsonl", &first]);
        assert_eq!(
            String::from_utf8_lossy(&piped.stdout).replace("\"source\":\"-:", "\"source\":\"F:"),
            String::from_utf8_lossy(&from_file.stdout)
                .replace(&format!("\"source\":\"{first}:"), "\"source\":\"F:"),
            "--threads {threads}"
        );
        let piped_har = tool()
            .args(["check", "--stdin-format", "har", "--threads"])
            .arg(threads.to_string())
            .arg("-")
            .write_stdin(std::fs::read(&har).unwrap())
            .output()
            .unwrap();
        assert_eq!(
            piped_har.status.code(),
            Some(1),
            "the sample archive has errors"
        );
    }
}

#[test]
fn exit_statuses_are_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.jsonl");
    std::fs::write(
        &clean,
        format!("{{\"Response\": {{\"RequestId\": \"{}\"}}}}\n", uuid(1)),
    )
    .unwrap();
    let clean = clean.display().to_string();
    let missing = dir.path().join("missing.json").display().to_string();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = empty.display().to_string();
    for (args, status) in [
        (vec![clean.as_str()], 0),
        (vec![clean.as_str(), clean.as_str()], 0),
        (vec!["--deny", "duplicate-request-id", &clean, &clean], 1),
        (vec![clean.as_str(), &missing], 2),
        (vec![empty.as_str()], 2),
    ] {
        for threads in [1, 2, 4] {
            let output = check(threads, &args);
            assert_eq!(
                output.status.code(),
                Some(status),
                "--threads {threads} {args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

#[test]
fn a_closed_output_ends_a_threaded_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (lines, _) = capture(20_000);
    let path = dir.path().join("capture.jsonl");
    std::fs::write(&path, lines).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tc-envelope"))
        .args(["check", "--format", "jsonl", "--threads", "2"])
        .arg(&path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn zero_threads_is_a_usage_error() {
    let output = check(0, &["x.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--threads"));
}
