//! The tool's memory stays flat whatever the number of records: the request-id memory and
//! the code table have budgets (a scaled-down run of the 5-million-id attack).
#![cfg(all(feature = "cli", target_os = "linux"))]

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;

mod common;

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
