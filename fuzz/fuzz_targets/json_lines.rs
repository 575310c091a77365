//! The tool's JSON Lines reader never panics and yields one record per line that holds
//! anything but JSON whitespace (space, tab, carriage return): nothing is dropped.
#![no_main]

#[path = "../../src/bin/tc-envelope/sources/mod.rs"]
#[allow(dead_code)]
mod sources;

use libfuzzer_sys::fuzz_target;
use sources::{Flow, Record, Sink};

#[derive(Default)]
struct Count(usize);

impl Sink for Count {
    fn record(&mut self, _record: Record) -> Flow {
        self.0 += 1;
        Flow::Continue(())
    }

    fn skip(&mut self, reason: &'static str) {
        panic!("a JSON Lines reader skips nothing, yet skipped: {reason}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut count = Count::default();
    // A small cap, so that over-long lines are exercised too.
    let flow = sources::read_lines("fuzz", data, 64, &mut count).unwrap();
    assert!(flow.is_continue(), "the sink never asked to stop");
    let expected = data
        .split(|&b| b == b'\n')
        // A line over the cap is reported unread, whatever it holds.
        .filter(|line| line.len() > 64 || !line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')))
        .count();
    assert_eq!(count.0, expected);
});
