//! The findings budget holds memory whatever a record's shape: bodies of 60 MB built to draw
//! millions of findings cost a small multiple of their size.
//!
//! Alone in its test binary, one test, so that the process's peak resident size (`VmHWM`,
//! reset between shapes through `/proc/self/clear_refs`) is this test's alone.
#![cfg(target_os = "linux")]

mod common;

use common::hostile_bodies::{self, MB};
use common::{peak_resident_bytes, reset_peak};
use tencentcloud_envelope::{Envelope, Validator, classify, decode, validate};

/// The memory `read` takes beyond what is resident before it, at its peak.
fn extra_bytes(read: impl FnOnce()) -> usize {
    reset_peak();
    let before = peak_resident_bytes();
    read();
    peak_resident_bytes().saturating_sub(before)
}

#[test]
fn every_reader_stays_within_a_small_multiple_of_the_record() {
    // 60 MB in release (`.ci/run` runs it so); a debug build reads the same shapes at 16 MB.
    let size = if cfg!(debug_assertions) { 16 } else { 60 } * MB;
    for (shape, body, call) in hostile_bodies::shapes(size) {
        // The widest shape is an object of millions of distinct short keys: finding repeats
        // takes a table of 8 bytes a key, which doubles as it grows (docs/hostile-input.md).
        let bound = 3 * body.len() + 16 * MB;
        let mut measured = Vec::new();
        let mut check = |reader: &str, extra: usize| {
            measured.push(format!("{reader} {} MB", extra / MB));
            assert!(
                extra < bound,
                "{shape}: {reader} took {} MB beyond a {} MB body (bound {} MB)",
                extra / MB,
                body.len() / MB,
                bound / MB
            );
        };
        check(
            "validate",
            extra_bytes(|| {
                let report = match call {
                    Some(call) => Validator::new().validate_call(&body, call),
                    None => validate(&body),
                };
                assert!(!report.diagnostics().is_empty(), "{shape}");
                assert!(report.diagnostics().len() <= Validator::DEFAULT_MAX_FINDINGS + 4);
            }),
        );
        check(
            "Envelope::from_slice",
            extra_bytes(|| drop(Envelope::from_slice(&body))),
        );
        let headers: [(&str, &str); 0] = [];
        check(
            "classify",
            extra_bytes(|| drop(classify(200, headers, &body))),
        );
        check(
            "decode",
            extra_bytes(|| drop(decode::<serde::de::IgnoredAny, _, _>(200, headers, &body))),
        );
        eprintln!("{shape} ({} MB): {}", body.len() / MB, measured.join(", "));
    }
}
