//! Memory on a HAR entry with a long request id and many `X-TC-RequestId` headers that
//! differ from it: the findings they draw do not copy the id once per header.
//!
//! Alone in its test binary so that the process's peak resident size (`VmHWM`, Linux) is
//! this test's alone.
#![cfg(all(feature = "capture", target_os = "linux"))]

mod common;

use common::peak_resident_bytes;

use std::fmt::Write as _;

use tencentcloud_envelope::capture::{self, Flow, Layout, Options, Record, Sink, Skip};

const MB: usize = 1 << 20;

struct Count(usize);

impl Sink for Count {
    fn record(&mut self, _: Record<'_>) -> Flow {
        self.0 += 1;
        Flow::Continue(())
    }

    fn skip(&mut self, reason: Skip) {
        panic!("{reason:?}");
    }
}

/// Regression: each later header that differed drew a message quoting the first id whole, so
/// an entry of 200 KB (a 64 KB id, then 2,000 short ids) cost 2,000 copies of the id, twice
/// (once by the HAR reader, once by `classify`): 256 MB.
#[test]
fn differing_request_id_headers_cost_no_copy_of_the_id_each() {
    let first = "i".repeat(64 * 1024);
    let mut headers = format!(r#"{{"name": "X-TC-RequestId", "value": "{first}"}}"#);
    for n in 0..2_000 {
        write!(
            headers,
            r#", {{"name": "X-TC-RequestId", "value": "r-{n}"}}"#
        )
        .unwrap();
    }
    let archive = format!(
        r#"{{"log": {{"entries": [{{"request": {{"method": "POST", "url": "https://cbs.tencentcloudapi.com/"}},
            "response": {{"status": 200, "headers": [{headers}],
                "content": {{"mimeType": "application/json", "text": "{{}}"}}}}}}]}}}}"#
    );
    let before = peak_resident_bytes();
    let mut count = Count(0);
    let flow = capture::read(
        "c",
        archive.as_bytes(),
        Layout::Har,
        &Options::new(),
        &mut count,
    );
    assert!(flow.unwrap().is_continue());
    let extra = peak_resident_bytes().saturating_sub(before);
    assert_eq!(count.0, 1);
    assert!(extra < 16 * MB, "{} MB beyond the input", extra / MB);
    eprintln!("{} KB beyond the input", extra / 1024);
}
