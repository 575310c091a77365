//! The tool's HAR reader never panics, and an archive that is not JSON (invalid UTF-8
//! anywhere, a skipped member included) still yields a record.
#![no_main]

#[path = "../../src/bin/tc-envelope/sources/mod.rs"]
#[allow(dead_code)]
mod sources;

use libfuzzer_sys::fuzz_target;
use sources::{Flow, Options, Record, Sink};

#[derive(Default)]
struct Count {
    records: usize,
    skipped: usize,
}

impl Sink for Count {
    fn record(&mut self, record: Record) -> Flow {
        self.records += 1;
        assert!(record.source == "fuzz" || record.source.starts_with("fuzz#"));
        Flow::Continue(())
    }

    fn skip(&mut self, _reason: &'static str) {
        self.skipped += 1;
    }
}

fuzz_target!(|data: &[u8]| {
    let mut count = Count::default();
    let flow = sources::read_har("fuzz", data, &Options::default(), &mut count).unwrap();
    assert!(flow.is_continue(), "the sink never asked to stop");
    if serde_json::from_slice::<serde_json::Value>(data).is_err() {
        assert!(count.records >= 1, "a broken archive is reported as a record");
    }
});
