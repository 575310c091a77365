//! The HAR reader (the library's `capture` feature) never panics, and an archive that is not
//! JSON (invalid UTF-8 anywhere, a skipped member included) still yields a record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use tencentcloud_envelope::capture::{self, Flow, Layout, Options, Record, Sink, Skip};

#[derive(Default)]
struct Count {
    records: usize,
    skipped: usize,
}

impl Sink for Count {
    fn record(&mut self, record: Record) -> Flow {
        self.records += 1;
        let origin = record.origin.to_string();
        assert!(origin == "fuzz" || origin.starts_with("fuzz#"));
        Flow::Continue(())
    }

    fn skip(&mut self, _reason: Skip) {
        self.skipped += 1;
    }
}

fuzz_target!(|data: &[u8]| {
    let mut count = Count::default();
    let flow = capture::read("fuzz", data, Layout::Har, &Options::new(), &mut count).unwrap();
    assert!(flow.is_continue(), "the sink never asked to stop");
    // JSON's grammar, in UTF-8 throughout. Not `Value`: it also refuses numbers past a
    // double's range (`"wait": 4E445` in a timing), which are JSON and which the reader skips.
    let mut grammar = serde_json::Deserializer::from_slice(data);
    grammar.disable_recursion_limit();
    let is_json = std::str::from_utf8(data).is_ok()
        && serde::de::IgnoredAny::deserialize(&mut grammar).is_ok()
        && grammar.end().is_ok();
    if !is_json {
        assert!(count.records >= 1, "a broken archive is reported as a record");
    }
});
