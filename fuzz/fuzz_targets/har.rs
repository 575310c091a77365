//! The HAR reader (the library's `capture` feature) never panics, and an archive that is not
//! JSON (invalid UTF-8 anywhere, a skipped member included) still yields a record.
#![no_main]

use libfuzzer_sys::fuzz_target;
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
    if serde_json::from_slice::<serde_json::Value>(data).is_err() {
        assert!(count.records >= 1, "a broken archive is reported as a record");
    }
});
