//! The JSON Lines reader (the library's `capture` feature) never panics and yields one
//! record per line that holds anything but JSON whitespace (space, tab, carriage return):
//! nothing is dropped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::capture::{self, Flow, Layout, Options, Record, Sink, Skip};

#[derive(Default)]
struct Count(usize);

impl Sink for Count {
    fn record(&mut self, _record: Record) -> Flow {
        self.0 += 1;
        Flow::Continue(())
    }

    fn skip(&mut self, reason: Skip) {
        panic!("a JSON Lines reader skips nothing, yet skipped: {reason}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut count = Count::default();
    // A small cap, so that over-long lines are exercised too.
    let options = Options::new().max_record(64);
    let flow = capture::read("fuzz", data, Layout::Lines, &options, &mut count).unwrap();
    assert!(flow.is_continue(), "the sink never asked to stop");
    let expected = data
        .split(|&b| b == b'\n')
        // A line over the cap is reported unread, whatever it holds.
        .filter(|line| line.len() > 64 || !line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')))
        .count();
    assert_eq!(count.0, expected);
});
