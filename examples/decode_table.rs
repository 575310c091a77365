//! The readers' table of `docs/performance.md`: every reader an SDK or a capture check calls,
//! against `serde_json::Value` (1.00) and `serde_json`'s own skip (`IgnoredAny`), on both
//! sites' documentation examples, on the largest example (62 KB, one long escaped string) and
//! on one small error. Higher is faster. Each figure is the median of `ROUNDS` passes, the
//! readers taking turns within each pass, so that a noisy machine slows them alike.
//!
//! `cargo run --release --example decode_table -- ../shared/corpus`
//!
//! `bench/decode-instructions` runs it as `decode_table CORPUS --count READER COLUMN` under
//! callgrind: one pass of one reader over one column, the same table in instructions.

#[path = "../benches/inputs/mod.rs"]
#[allow(dead_code, reason = "the benchmark inputs serve several drivers")]
mod inputs;

use std::path::PathBuf;
use std::time::Duration;

use serde::de::IgnoredAny;
use tencentcloud_envelope::{Envelope, classify, decode, validate};

const ROUNDS: usize = 9;
const JSON: [(&str, &str); 1] = [("Content-Type", "application/json")];

/// The large body: one long string with thousands of escapes.
const LARGE: &str = "doc-examples/cls/v20201016/QueryRangeMetric.1.json";
/// A small failure.
const SMALL_ERROR: &str = "doc-examples/cwp/v20180228/DescribeRaspEventDetailCWP.1.json";

type Reader = (&'static str, fn(&[u8]) -> bool);

/// Each reader, returning whether it accepted the body (so that none is optimized away).
const READERS: [Reader; 7] = [
    ("serde_json Value", |b| {
        serde_json::from_slice::<serde_json::Value>(b).is_ok()
    }),
    ("serde_json skip (IgnoredAny)", |b| {
        serde_json::from_slice::<IgnoredAny>(b).is_ok()
    }),
    ("decode<IgnoredAny>", |b| {
        decode::<IgnoredAny, _, _>(200, JSON, b).is_ok()
    }),
    ("decode<Value>", |b| {
        decode::<serde_json::Value, _, _>(200, JSON, b).is_ok()
    }),
    ("classify", |b| {
        !matches!(
            classify(200, JSON, b),
            tencentcloud_envelope::Classified::ProtocolError(_)
        )
    }),
    ("validate", |b| {
        validate(b).outcome() != tencentcloud_envelope::Outcome::Invalid
    }),
    ("Envelope::from_slice", |b| Envelope::from_slice(b).is_ok()),
];

/// One pass of `read` over `bodies`; the only function callgrind counts.
#[inline(never)]
fn count_these_instructions(read: fn(&[u8]) -> bool, bodies: &[Vec<u8>]) -> usize {
    bodies
        .iter()
        .filter(|body| read(std::hint::black_box(body)))
        .count()
}

/// The median time of each reader over `bodies`.
fn measure(bodies: &[Vec<u8>]) -> Vec<Duration> {
    let readers: Vec<fn(&[u8]) -> bool> = READERS.iter().map(|&(_, read)| read).collect();
    inputs::median_times(&readers, bodies, ROUNDS).0
}

fn main() {
    let corpus = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/corpus".into()),
    );
    let international = inputs::corpus_bodies(&corpus.join("doc-examples"));
    let china = inputs::corpus_bodies(&corpus.join("doc-examples-china"));
    let one = |path: &str| std::fs::read(corpus.join(path)).expect("the corpus holds it");
    let (large, error) = (one(LARGE), one(SMALL_ERROR));
    let columns = [
        (
            format!("international examples ({})", international.len()),
            international,
        ),
        (format!("China examples ({})", china.len()), china),
        (format!("one {} KB body", large.len() / 1000), vec![large]),
        (format!("one {} B error", error.len()), vec![error]),
    ];
    let args: Vec<String> = std::env::args().skip(2).collect();
    if let [flag, reader, column] = args.as_slice()
        && flag == "--count"
    {
        let (_, read) = READERS
            .iter()
            .find(|(name, _)| name == reader)
            .expect("a reader of the table");
        let (name, bodies) = &columns[column.parse::<usize>().expect("a column number")];
        let accepted = count_these_instructions(*read, bodies);
        println!(
            "{reader} on {name}: {} bodies, {accepted} accepted",
            bodies.len()
        );
        return;
    }
    let measured: Vec<Vec<Duration>> = columns.iter().map(|(_, bodies)| measure(bodies)).collect();
    print!("| reader |");
    for (name, _) in &columns {
        print!(" {name} |");
    }
    println!();
    println!("|---|{}", "---|".repeat(columns.len()));
    for (reader, (name, _)) in READERS.iter().enumerate() {
        print!("| {name} |");
        for times in &measured {
            let ratio = times[0].as_secs_f64() / times[reader].as_secs_f64();
            print!(" {ratio:.2} |");
        }
        println!();
    }
}
