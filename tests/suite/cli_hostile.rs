//! `tc-envelope check` against hostile input and hostile surroundings: terminal escapes,
//! special files, endless lines, closed pipes, killed runs, many distinct codes.
#![cfg(all(feature = "cli", unix))]

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;
use serde_json::Value;

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// Long enough for any of these runs on a loaded machine; a run that blocks never ends.
const PATIENCE: Duration = Duration::from_secs(60);

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .timeout(PATIENCE);
    command
}

fn spawn(args: &[&str]) -> Child {
    Process::new(cargo_bin("tc-envelope"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path.display().to_string()
}

fn make_fifo(path: &Path) {
    let made = Process::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

/// Waits for `child` at most `PATIENCE`, killing it (and failing) if it does not end.
fn wait(mut child: Child) -> std::process::Output {
    let (done, ended) = mpsc::channel();
    let id = child.id();
    let watchdog = thread::spawn(move || {
        if ended.recv_timeout(PATIENCE).is_err() {
            let _ = Process::new("kill").arg(id.to_string()).status();
        }
    });
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_end(&mut stdout).unwrap();
    }
    if let Some(mut err) = child.stderr.take() {
        err.read_to_end(&mut stderr).unwrap();
    }
    let status = child.wait().unwrap();
    let _ = done.send(());
    watchdog.join().unwrap();
    std::process::Output {
        status,
        stdout,
        stderr,
    }
}

#[test]
fn terminal_escapes_in_input_are_printed_inert() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    let body = serde_json::json!({"Response": {"RequestId": hostile}}).to_string();
    let escaped = write(dir.path(), "escaped.json", body.as_bytes());
    let raw = write(
        dir.path(),
        "raw.jsonl",
        b"{\"Response\": {\"RequestId\": \"\x1b]0;PWNED\x07\x1b[2J\" \x1b[2J\n",
    );
    let named = write(dir.path(), "name\x1b[2J.json", b"{}");
    let output = tool()
        .args(["check", &escaped, &raw, &named])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(!text.contains('\u{7}'), "{text}");
    assert!(text.contains("\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J"), "{text}");
    assert!(text.contains("name\\u{1b}[2J.json"), "{text}");
    assert!(text.matches("error[").count() + text.matches("warning[").count() >= 3);
}

#[test]
fn a_line_holding_only_a_form_feed_is_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "ff.jsonl",
        format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}\n\x0c\n \t\r\n").as_bytes(),
    );
    let output = tool()
        .args(["check", "--format", "jsonl", &path])
        .output()
        .unwrap();
    let records: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), 2, "the blank third line is no record");
    assert_eq!(records[1]["source"], format!("{path}:2"));
    assert_eq!(records[1]["diagnostics"][0]["rule"], "invalid-json");
}

#[test]
fn a_fifo_is_refused_and_never_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("capture.json");
    make_fifo(&fifo);
    tool()
        .args(["check", fifo.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));

    // Inside a directory, it is reported and the other files are checked.
    write(
        dir.path(),
        "ok.json",
        format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}").as_bytes(),
    );
    tool()
        .args(["check", "--format", "jsonl"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"))
        .stdout(predicate::str::contains("ok.json"));
}

#[test]
fn each_record_is_flushed_before_the_next_is_read() {
    // Standard input stays open: the first record must come out while the tool waits for
    // more, as it must before a run is killed.
    let mut child = spawn(&["check", "--format", "jsonl", "--stdin-format", "jsonl", "-"]);
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}").unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(PATIENCE);
    child.kill().unwrap();
    child.wait().unwrap();
    let line = line.expect("the first record was not printed while the run went on");
    assert!(line.contains("\"outcome\":\"success\""), "{line}");
}

#[test]
fn a_closed_pipe_stops_the_run_quietly_with_status_zero() {
    // An endless input: only stopping early ends the run.
    let mut child = spawn(&["check", "--format", "jsonl", "--lines", "-"]);
    let mut stdin = child.stdin.take().unwrap();
    let writer = thread::spawn(move || {
        let line = format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}\n");
        while stdin.write_all(line.as_bytes()).is_ok() {}
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let output = wait(child);
    writer.join().unwrap();
    assert!(first.contains("\"source\":\"-:1\""), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// Runs the tool with `args` after its reader has gone, returning its stderr and status.
fn into_a_closed_pipe(args: &str) -> String {
    // `true` exits at once; a second later the tool writes into a pipe with no reader.
    let script = format!("(sleep 1; \"$0\" {args}; echo \"status $?\" >&2) | true");
    let output = Process::new("sh")
        .args(["-c", &script])
        .arg(cargo_bin("tc-envelope"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn every_subcommand_stops_quietly_with_status_zero_on_a_closed_pipe() {
    for args in [
        "check samples/describe-disks.json",
        "check --format jsonl samples/",
        "completions bash",
        "man",
        "codes",
        "codes --format json",
        "explain InternalError",
        "rules",
    ] {
        assert_eq!(into_a_closed_pipe(args), "status 0\n", "{args}");
    }
}

#[test]
fn an_endless_line_is_reported_within_the_record_cap() {
    // 256 MiB without a newline, read under a 192 MiB address-space limit: holding the line
    // would abort the run.
    let mut child = Process::new("sh")
        .args([
            "-c",
            "ulimit -v 196608 && exec \"$0\" check --format jsonl --max-record-size 1M --lines -",
        ])
        .arg(cargo_bin("tc-envelope"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = thread::spawn(move || {
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..256 {
            if stdin.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ =
            stdin.write_all(format!("\n{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}\n").as_bytes());
    });
    let output = wait(child);
    writer.join().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let records: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(
        records.len(),
        2,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(records[0]["diagnostics"][0]["rule"], "unreadable-capture");
    assert!(
        records[0]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("268435456 bytes")
    );
    assert_eq!(records[1]["outcome"], "success", "the run goes on");
}

#[test]
fn records_over_the_size_cap_get_a_finding_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let ok = format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}");
    let big = format!(
        "{{\"Response\":{{\"RequestId\":\"{ID}\",\"Pad\":\"{}\"}}}}",
        "x".repeat(5000)
    );
    let lines = write(dir.path(), "l.jsonl", format!("{big}\n{ok}\n").as_bytes());
    let document = write(dir.path(), "d.json", big.as_bytes());
    let output = tool()
        .args([
            "check",
            "--format",
            "jsonl",
            "--max-record-size",
            "4K",
            &lines,
            &document,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let rules: Vec<&str> = records
        .iter()
        .map(|r| r["diagnostics"][0]["rule"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(rules, ["unreadable-capture", "none", "unreadable-capture"]);
    assert!(
        records[2]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("more than the cap of 4096 bytes")
    );
    tool()
        .args(["check", "--max-record-size", "lots", &lines])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a size"));
}

#[test]
fn the_code_table_has_a_fixed_budget() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for n in 0..3000 {
        writeln!(
            lines,
            "{{\"Response\":{{\"Error\":{{\"Code\":\"Code{n}.{}\",\"Message\":\"m\"}},\"RequestId\":\"id-{n}\"}}}}",
            "X".repeat(200)
        )
        .unwrap();
    }
    let path = write(dir.path(), "codes.jsonl", lines.as_bytes());
    let output = tool()
        .args(["check", "--quiet", "--format", "json", &path])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let summary = &document["summary"];
    assert_eq!(summary["records"], 3000);
    assert_eq!(summary["codes_evicted"], 3000 - 1024);
    let codes = summary["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    assert!(codes[0]["code"].as_str().unwrap().len() <= 128);
    assert_eq!(document["records"].as_array().unwrap().len(), 0, "--quiet");
}

/// Regression: a 500 MB `.sse` file took 2.29 GB, the whole stream and every event held. An
/// event stream is now checked as it is read: larger than the record cap, it is still checked
/// whole (the cap bounds documents, the parser's own caps bound a stream).
#[test]
fn an_event_stream_file_is_checked_as_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut stream = String::new();
    for n in 0..200_000 {
        writeln!(stream, "data: {{\"Delta\": \"token {n}\"}}\n").unwrap();
    }
    stream.push_str("data: {\"Code\": \"InternalError\", \"Msg\": \"late\"}\n\ndata: cut");
    let path = write(dir.path(), "long.sse", stream.as_bytes());
    let output = tool()
        .args([
            "check",
            "--format",
            "jsonl",
            "--max-record-size",
            "1K",
            &path,
        ])
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["code"], "InternalError", "{record}");
    assert_eq!(
        record["diagnostics"][0]["rule"], "truncated-event-stream",
        "{record}"
    );
    assert_eq!(record["diagnostics"][0]["line"], 400_003, "{record}");
}

/// Regression: a 500 MB HAR entry cost its size in memory (1.35 GB as base64) before the
/// record cap could refuse it: `serde_json` holds an entry whole while it reads it. An entry is
/// now passed over while it is read, once it passes twice the record cap and 1 MiB, and
/// reported in its place.
#[test]
fn a_huge_har_entry_is_refused_while_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let body = "x".repeat(6 << 20);
    let har = format!(
        r#"{{"log": {{"entries": [{{"request": {{"method": "POST", "url": "https://cvm.tencentcloudapi.com/", "headers": []}}, "response": {{"status": 200, "headers": [], "content": {{"mimeType": "application/json", "text": "{body}"}}}}}}]}}}}"#
    );
    let path = write(dir.path(), "huge.har", har.as_bytes());
    let output = tool()
        .args([
            "check",
            "--format",
            "jsonl",
            "--max-record-size",
            "1M",
            &path,
        ])
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostic = &record["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "unreadable-capture", "{record}");
    assert!(
        record["source"].as_str().unwrap().ends_with("huge.har#1"),
        "{record}"
    );
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("more than the cap of 3145728 bytes on a whole entry"),
        "{record}"
    );
}
