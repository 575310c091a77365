//! The size-class table of the README's performance section: about 10 MB of JSON Lines built
//! from the documentation's example responses (each compacted to one line, its request id
//! replaced by a fresh UUID from a fixed seed), read by `serde_json::Value`, `validate`,
//! `Envelope::from_slice` and `serde_json`'s `IgnoredAny`, bucketed by body size. Each figure
//! is the median of `ROUNDS` passes, the readers taking turns within each pass.
//!
//! `cargo run --release --example size_classes -- ../shared/corpus/doc-examples`

#[path = "../benches/inputs/mod.rs"]
#[allow(dead_code, reason = "the benchmark inputs serve several drivers")]
mod inputs;

use std::hint::black_box;
use std::path::Path;

use tencentcloud_envelope::__private::{FastPath, fast_path_agrees};
use tencentcloud_envelope::{Envelope, validate};

const ROUNDS: usize = 7;
const TARGET_BYTES: usize = 10_000_000;

/// The size classes: upper bounds in bytes, the last unbounded.
const CLASSES: [(&str, usize); 5] = [
    ("≤ 512 B", 512),
    ("≤ 1 KB", 1024),
    ("≤ 4 KB", 4096),
    ("≤ 16 KB", 16384),
    ("> 16 KB", usize::MAX),
];

/// A small deterministic generator (splitmix64), so the set is the same on every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            8 + (b >> 62),
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }
}

/// `text` on one line: whitespace outside strings dropped; line breaks inside strings (which
/// make the body invalid anyway) become a control character, which keeps it invalid.
fn compact(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if in_string {
            match (escaped, b) {
                (_, b'\n' | b'\r') => out.push(0x01),
                (true, _) => {
                    escaped = false;
                    out.push(b);
                }
                (false, b'\\') => {
                    escaped = true;
                    out.push(b);
                }
                (false, b'"') => {
                    in_string = false;
                    out.push(b);
                }
                _ => out.push(b),
            }
        } else {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b'"' => {
                    in_string = true;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
    }
    out
}

/// `line` with the value of its first `"RequestId":"…"` replaced by `id`.
fn fresh_request_id(line: &[u8], id: &str) -> Vec<u8> {
    let key = b"\"RequestId\":\"";
    let Some(at) = line.windows(key.len()).position(|w| w == key) else {
        return line.to_vec();
    };
    let start = at + key.len();
    let Some(length) = line[start..].iter().position(|&b| b == b'"') else {
        return line.to_vec();
    };
    let mut out = line[..start].to_vec();
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(&line[start + length..]);
    out
}

/// The records, in corpus order repeated until the set reaches `TARGET_BYTES`.
fn records(corpus: &Path) -> Vec<Vec<u8>> {
    let bodies: Vec<Vec<u8>> = inputs::corpus_bodies(corpus)
        .iter()
        .map(|text| compact(text))
        .collect();
    assert!(
        !bodies.is_empty(),
        "no .json files under {}",
        corpus.display()
    );
    let mut seed = Seeded(17);
    let (mut records, mut total) = (Vec::new(), 0);
    'fill: loop {
        for body in &bodies {
            let record = fresh_request_id(body, &seed.uuid());
            total += record.len() + 1;
            records.push(record);
            if total >= TARGET_BYTES {
                break 'fill;
            }
        }
    }
    records
}

type Reader = fn(&[u8]) -> bool;

const READERS: [(&str, Reader); 4] = [
    ("Value", |b| {
        serde_json::from_slice::<serde_json::Value>(b).is_ok()
    }),
    ("validate", |b| validate(b).diagnostics().is_empty()),
    ("Envelope", |b| Envelope::from_slice(b).is_ok()),
    ("IgnoredAny", |b| {
        serde_json::from_slice::<serde::de::IgnoredAny>(b).is_ok()
    }),
];

#[inline(never)]
fn count_these_instructions(read: Reader, class: &[&[u8]]) -> usize {
    class
        .iter()
        .filter(|record| read(black_box(record)))
        .count()
}

fn main() {
    let corpus = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/doc-examples".to_owned());
    let records = records(Path::new(&corpus));
    let mut classes: Vec<(&str, Vec<&[u8]>)> =
        vec![("all", records.iter().map(Vec::as_slice).collect())];
    let mut lower = 0;
    for (name, upper) in CLASSES {
        let class = records
            .iter()
            .filter(|r| r.len() > lower && r.len() <= upper)
            .map(Vec::as_slice)
            .collect();
        classes.push((name, class));
        lower = upper;
    }
    // `--count READER CLASS`: one pass of one reader over one class (0 is all), for
    // `valgrind --tool=callgrind --toggle-collect='*count_these_instructions*'`.
    let args: Vec<String> = std::env::args().skip(2).collect();
    if let [flag, reader, class] = args.as_slice()
        && flag == "--count"
    {
        let read = READERS.iter().find(|(name, _)| name == reader).map(|r| r.1);
        let class = class.parse::<usize>().ok().and_then(|c| classes.get(c));
        if let (Some(read), Some((name, class))) = (read, class) {
            let accepted = count_these_instructions(read, class);
            println!(
                "{reader} on {name}: {} records, {accepted} accepted",
                class.len()
            );
        }
        return;
    }
    let total: usize = records.iter().map(Vec::len).sum();
    println!(
        "{} records, {total} bytes ({} on average); median of {ROUNDS} passes\n",
        records.len(),
        total / records.len()
    );
    let read_by = |path| {
        records
            .iter()
            .filter(|r| fast_path_agrees(r) == Ok(path))
            .count()
    };
    let clean = records
        .iter()
        .filter(|r| validate(r).diagnostics().is_empty())
        .count();
    println!(
        "{clean} records draw no finding; the scanner reads {} of them and {} broken ones, the walk the rest\n",
        read_by(FastPath::Clean),
        read_by(FastPath::Broken),
    );
    println!(
        "| bodies | count | Value MB/s | `validate` | `Envelope::from_slice` | serde_json `IgnoredAny` (skip only) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for (name, class) in &classes {
        let bytes: usize = class.iter().map(|r| r.len()).sum();
        let readers: Vec<Reader> = READERS.iter().map(|&(_, read)| read).collect();
        let (medians, repeat) = inputs::median_times(&readers, class, ROUNDS);
        let value = medians[0].as_secs_f64();
        #[allow(clippy::cast_precision_loss, reason = "a figure, not a count")]
        let megabytes = (bytes * repeat) as f64 / 1e6;
        let ratios: Vec<String> = medians[1..]
            .iter()
            .map(|t| format!("{:.2}×", value / t.as_secs_f64()))
            .collect();
        println!(
            "| {name} | {} | {:.0} | {} |",
            class.len(),
            megabytes / value,
            ratios.join(" | ")
        );
    }
}
