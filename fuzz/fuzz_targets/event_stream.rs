//! The event-stream parser never panics, and splitting the input anywhere changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::EventStream;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, stream)) = data.split_first() else { return };
    let cut = usize::from(cut).min(stream.len());
    let parse = |chunks: &[&[u8]]| {
        let mut parser = EventStream::new().max_line(4096).max_event(16384);
        let mut items = Vec::new();
        let result = chunks.iter().try_for_each(|chunk| parser.feed(chunk, &mut items));
        (items, result)
    };
    let whole = parse(&[stream]);
    let (head, tail) = stream.split_at(cut);
    assert_eq!(parse(&[head, tail]), whole);
});
