//! `check --threads N` stays bounded when things go wrong: large records do not multiply
//! with the thread count, and a validating thread that fails ends the run instead of hanging
//! it.
#![cfg(all(feature = "cli", target_os = "linux"))]

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;

use crate::common;

/// Runs `check` with `args` and returns its exit code (None when it was killed after
/// `limit`) and its peak resident size in KiB, read from `/proc` while it runs.
fn run(args: &[&str], env: Option<(&str, &str)>, limit: Duration) -> (Option<i32>, u64) {
    let mut command = Command::new(cargo_bin("tc-envelope"));
    command
        .arg("check")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some((name, value)) = env {
        command.env(name, value);
    }
    common::wait_with_peak_kib(command.spawn().unwrap(), limit)
}

#[test]
fn large_records_do_not_multiply_with_the_thread_count() {
    const RECORD: usize = 4 << 20;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let filler = "x".repeat(RECORD);
    for n in 0..12 {
        writeln!(
            file,
            r#"{{"Response": {{"Blob": "{filler}", "RequestId": "b5b41468-520d-4192-b42f-{n:012}"}}}}"#
        )
        .unwrap();
    }
    drop(file);
    let path = path.to_str().unwrap();
    let limit = Duration::from_secs(120);
    let (one_exit, one) = run(&["--threads", "1", "--format", "jsonl", path], None, limit);
    let (many_exit, many) = run(&["--threads", "8", "--format", "jsonl", path], None, limit);
    eprintln!("peak RSS: {one} KiB on one thread, {many} KiB on eight");
    assert_eq!((one_exit, many_exit), (Some(0), Some(0)));
    // Eight threads may hold a few large records at once, not one per batch in flight
    // (eighteen batches: the whole file).
    let record_kib = (RECORD / 1024) as u64;
    assert!(
        many < one + 4 * record_kib,
        "{one} KiB on one thread, {many} KiB on eight"
    );
}

/// A validating thread that panics (a bug, made here on purpose by a failure point compiled
/// into debug builds only) ends the run with the panic's status, as on one thread, instead of
/// leaving the printer waiting for its batch forever.
#[test]
fn a_failing_validating_thread_ends_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("capture.jsonl");
    let mut lines = String::new();
    for n in 0..3000 {
        writeln!(
            lines,
            "{{\"Response\": {{\"N\": {n}, \"RequestId\": \"b5b41468-520d-4192-b42f-{n:012}\"}}}}"
        )
        .unwrap();
    }
    std::fs::write(&path, lines).unwrap();
    let path = path.to_str().unwrap();
    let fail = Some(("TC_ENVELOPE_FAIL_ON", "\"N\": 1234,"));
    for threads in ["1", "2"] {
        let (exit, _) = run(
            &["--threads", threads, "--format", "jsonl", path],
            fail,
            Duration::from_secs(60),
        );
        assert_eq!(exit, Some(101), "--threads {threads}");
    }
}
