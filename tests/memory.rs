//! Memory on a 100 MB string value: the validator does not copy what it reads.
//!
//! Alone in its test binary so that the process's peak resident size (`VmHWM`, Linux) is
//! this test's alone.
#![cfg(target_os = "linux")]

mod common;

use common::peak_resident_bytes;

use tencentcloud_envelope::{Outcome, validate};

const MB: usize = 1 << 20;

#[test]
fn a_100_mb_string_costs_memory_close_to_its_size() {
    let size = 100 * MB;
    let mut plain = Vec::with_capacity(size + 200);
    plain.extend_from_slice(br#"{"Response": {"Blob": ""#);
    plain.resize(plain.len() + size, b'x');
    plain.extend_from_slice(br#"", "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#);

    let before = peak_resident_bytes();
    assert_eq!(validate(&plain).outcome(), Outcome::Success);
    let plain_extra = peak_resident_bytes().saturating_sub(before);
    // A string without escapes is borrowed from the input, never copied.
    assert!(
        plain_extra < 8 * MB,
        "{} MB beyond the input",
        plain_extra / MB
    );

    // A string with escapes is unescaped once, into one buffer of about its size.
    let escaped_at = plain.len() / 2;
    plain[escaped_at] = b'\\';
    plain[escaped_at + 1] = b'n';
    let before = peak_resident_bytes();
    assert_eq!(validate(&plain).outcome(), Outcome::Success);
    let escaped_extra = peak_resident_bytes().saturating_sub(before);
    assert!(
        escaped_extra < size + size / 2,
        "{} MB beyond the input",
        escaped_extra / MB
    );
    eprintln!(
        "100 MB string: {} MB beyond the input without escapes, {} MB with one",
        plain_extra / MB,
        escaped_extra / MB
    );
}
