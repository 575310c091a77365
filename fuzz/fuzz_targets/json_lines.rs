//! The tool's JSON Lines reader never panics and yields one record per non-blank line.
#![no_main]

#[path = "../../src/bin/tc-envelope/sources.rs"]
#[allow(dead_code)]
mod sources;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut records = 0;
    sources::read_lines("fuzz", data, &mut |_record| records += 1).unwrap();
    let expected = data
        .split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count();
    assert_eq!(records, expected);
});
