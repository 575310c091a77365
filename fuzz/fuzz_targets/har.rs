//! The tool's HAR reader never panics, and a broken archive still yields a record.
#![no_main]

#[path = "../../src/bin/tc-envelope/sources.rs"]
#[allow(dead_code)]
mod sources;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut records = 0;
    sources::read_har("fuzz", data, &mut |record| {
        records += 1;
        assert!(record.source == "fuzz" || record.source.starts_with("fuzz#"));
    })
    .unwrap();
    if serde_json::from_slice::<serde_json::Value>(data).is_err() {
        assert!(records >= 1, "a broken archive is reported as a record");
    }
});
