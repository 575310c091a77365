//! The tool on records built to draw millions of findings: a 60 MB JSON Lines line of
//! repeated keys neither aborts the run nor loses the records after it, and every shape costs
//! a small multiple of the record's size, with output that does not grow with the findings.
#![cfg(all(feature = "cli", target_os = "linux"))]

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;

use crate::common;

use crate::common::hostile_bodies::{self, MB};

/// Runs `tc-envelope check ARGS` with its output in a file; returns the exit code, the peak
/// resident size in bytes and the output.
fn run(args: &[&str], dir: &std::path::Path) -> (Option<i32>, usize, Vec<u8>) {
    let out_path = dir.join("out");
    let child = Command::new(cargo_bin("tc-envelope"))
        .arg("check")
        .args(args)
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (code, peak_kib) = common::wait_with_peak_kib(child, Duration::from_secs(900));
    let peak = usize::try_from(peak_kib).unwrap() * 1024;
    (code, peak, std::fs::read(out_path).unwrap())
}

#[test]
fn a_60_mb_line_of_repeated_keys_loses_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("capture.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    let (_, body, _) = hostile_bodies::shapes(60 * MB).remove(0);
    file.write_all(&body).unwrap();
    file.write_all(
        b"\n{\"Response\": {\"RequestId\": \"b5b41468-520d-4192-b042-595cc34b6c1c\"}}\n",
    )
    .unwrap();
    drop(file);
    let (code, peak, out) = run(
        &["--lines", "--format", "jsonl", path.to_str().unwrap()],
        dir.path(),
    );
    // Before the budget this aborted ("memory allocation of 1342177280 bytes failed").
    assert_eq!(code, Some(1));
    let records: Vec<serde_json::Value> = out
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).unwrap())
        .collect();
    assert_eq!(records.len(), 2, "both records are reported");
    assert_eq!(records[0]["outcome"], "invalid");
    assert_eq!(records[0]["diagnostics"].as_array().unwrap().len(), 1_000);
    assert_eq!(records[0]["omitted"][0]["rule"], "duplicate-key");
    assert_eq!(records[1]["outcome"], "success");
    assert!(out.len() < MB, "{} bytes of output", out.len());
    assert!(peak < 3 * body.len() + 32 * MB, "{} MB at peak", peak / MB);
}

#[test]
fn every_shape_costs_a_small_multiple_of_the_record() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, body, call) in hostile_bodies::shapes(16 * MB) {
        let path = dir.path().join("body.json");
        std::fs::write(&path, &body).unwrap();
        let mut args = vec!["--format", "jsonl"];
        if call.is_some() {
            args.extend([
                "--service",
                "cvm",
                "--api-version",
                "2017-03-12",
                "--action",
                "DescribeInstances",
            ]);
        }
        args.push(path.to_str().unwrap());
        let (code, peak, out) = run(&args, dir.path());
        assert!(matches!(code, Some(0 | 1)), "{shape}: exit {code:?}");
        // The widest shape, millions of distinct short keys, takes a table of 8 bytes a key.
        assert!(
            peak < 3 * body.len() + 32 * MB,
            "{shape}: {} MB at peak for {} MB",
            peak / MB,
            body.len() / MB
        );
        assert!(out.len() < MB, "{shape}: {} bytes of output", out.len());
        eprintln!("{shape}: {} MB at peak, {} bytes out", peak / MB, out.len());
    }
}
