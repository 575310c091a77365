//! The tool's memory stays flat whatever the number of records: the request-id memory and
//! the code table have budgets (a scaled-down run of the 5-million-id attack). A large record
//! is held about once, not once per stage that reads it.
#![cfg(all(feature = "cli", target_os = "linux"))]

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use base64::Engine as _;

use crate::common;

/// Runs `check` on `records` distinct request ids and error codes and returns the peak
/// resident size of the process, read from `/proc` while it runs, in KiB.
fn peak_kib(dir: &std::path::Path, records: usize) -> u64 {
    let mut lines = String::new();
    for n in 0..records {
        writeln!(
            lines,
            r#"{{"Response": {{"Error": {{"Code": "FailedOperation.Code{n}", "Message": "m"}}, "RequestId": "req-{n:012}"}}}}"#
        )
        .unwrap();
    }
    let path = dir.join(format!("{records}.jsonl"));
    std::fs::write(&path, lines).unwrap();
    let child = Command::new(cargo_bin("tc-envelope"))
        .args(["check", "--format", "jsonl", "--request-id-memory", "20000"])
        .arg(&path)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    common::wait_with_peak_kib(child, Duration::from_secs(600)).1
}

#[test]
fn memory_does_not_grow_with_the_number_of_records() {
    let dir = tempfile::tempdir().unwrap();
    let small = peak_kib(dir.path(), 40_000);
    let large = peak_kib(dir.path(), 240_000);
    eprintln!("peak RSS: {small} KiB for 40,000 records, {large} KiB for 240,000");
    // Without budgets the ids alone took about 42 bytes each and the code table 177 bytes a
    // code: 240,000 records would add over 40 MiB. With them, growth stays within noise.
    assert!(
        large < small + 6 * 1024,
        "{small} KiB for 40,000 records, {large} KiB for 240,000"
    );
    assert!(large < 64 * 1024, "{large} KiB");
}

/// Writes a HAR archive of one Tencent Cloud API entry whose body, `body_bytes` long, is saved
/// as base64, and returns its path and size.
fn base64_har(dir: &std::path::Path, name: &str, body_bytes: usize) -> (std::path::PathBuf, u64) {
    let head = r#"{"Response": {"Blob": ""#;
    let tail = r#"", "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    let mut body = String::with_capacity(body_bytes);
    body.push_str(head);
    body.push_str(&"x".repeat(body_bytes - head.len() - tail.len()));
    body.push_str(tail);
    let text = base64::engine::general_purpose::STANDARD.encode(body);
    let har = format!(
        r#"{{"log": {{"version": "1.2", "entries": [{{"request": {{"method": "POST", "url": "https://tencentcloudapi.com/", "headers": []}}, "response": {{"status": 200, "headers": [], "content": {{"mimeType": "application/json", "encoding": "base64", "text": "{text}"}}}}}}]}}}}"#
    );
    let path = dir.join(name);
    std::fs::write(&path, &har).unwrap();
    (path, har.len() as u64)
}

/// Runs `check --threads THREADS --max-record-size 16M` on `path`; its exit code and peak
/// resident size in KiB.
fn check_peak_kib(path: &std::path::Path, threads: &str) -> (Option<i32>, u64) {
    let child = Command::new(cargo_bin("tc-envelope"))
        .args(["check", "--format", "jsonl", "--max-record-size", "16M"])
        .args(["--threads", threads])
        .arg(path)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    common::wait_with_peak_kib(child, Duration::from_secs(600))
}

/// Regression: a HAR entry within the cap cost four times its body on two threads (64 MiB
/// saved as base64 peaked at 310 MB): the entry's text, the base64 text copied out of it,
/// the decoded body, and the body copied into a batch. The entry's text is now the only
/// copy the reader holds (the body is decoded inside it), and the batch's the only other.
#[test]
fn a_large_base64_har_entry_is_held_about_once() {
    const BODY: usize = 16 << 20;
    let dir = tempfile::tempdir().unwrap();
    let (small, _) = base64_har(dir.path(), "small.har", 1 << 10);
    let (large, archive) = base64_har(dir.path(), "large.har", BODY);
    let archive_kib = archive / 1024;
    let body_kib = (BODY / 1024) as u64;
    for threads in ["1", "2"] {
        // The small run can end between two samples of its size, before any was taken: its
        // peak is the largest of three runs' samples, each a lower bound.
        let runs = [(); 3].map(|()| check_peak_kib(&small, threads));
        let small_exit = runs[0].0;
        let base = runs.iter().map(|&(_, peak)| peak).max().unwrap_or_default();
        let (large_exit, peak) = check_peak_kib(&large, threads);
        assert_eq!(
            (small_exit, large_exit),
            (Some(0), Some(0)),
            "{threads} threads"
        );
        let extra = peak.saturating_sub(base);
        eprintln!(
            "{threads} threads: peak RSS {peak} KiB, {extra} KiB above a 1 KiB body's; the archive has {archive_kib} KiB, the body {body_kib} KiB"
        );
        // One copy of the archive's text on one thread; a batch's copy of the body besides
        // on two. 8 MiB of slack for the allocator's rounding and growth.
        let bound = archive_kib + if threads == "1" { 0 } else { body_kib } + 8 * 1024;
        assert!(
            extra < bound,
            "{threads} threads: {extra} KiB above a small entry's peak, more than {bound} KiB"
        );
    }
}
