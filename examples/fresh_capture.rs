//! Writes a JSON Lines capture of at least the given number of bytes (default 100 MB) made of
//! the documentation examples, each on one line, round after round, every `RequestId` value
//! replaced by a fresh UUID: real bodies (with their real defects) and no duplicate request
//! ids, for measuring `tc-envelope check` end to end.
//!
//! `cargo run --release --example fresh_capture -- 100000000 ../shared/corpus/doc-examples > capture.jsonl`
//!
//! With `--har` after the directory, the same bodies are the entries of an HTTP Archive as a
//! browser exports it (request to the product's endpoint, response headers, the body as the
//! content's text), for measuring HAR reading:
//! `cargo run --release --example fresh_capture -- 200000000 ../shared/corpus/doc-examples --har > capture.har`

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/doc_corpus/mod.rs"]
mod doc_corpus;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let target: usize = args
        .next()
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(100_000_000);
    let root = args.next().map_or_else(
        || PathBuf::from("../shared/corpus/doc-examples"),
        PathBuf::from,
    );
    let har = args.next().as_deref() == Some("--har");
    let mut bodies = Vec::new();
    for example in doc_corpus::examples(&root)? {
        let bytes = std::fs::read(&example.path)?;
        let body = doc_corpus::one_line(&String::from_utf8_lossy(&bytes));
        bodies.push((example.product, body));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut written = 0;
    let mut n = 0u64;
    if har {
        write!(out, r#"{{"log": {{"version": "1.2", "entries": ["#)?;
    }
    'rounds: loop {
        for (product, body) in &bodies {
            if written >= target {
                break 'rounds;
            }
            n += 1;
            let id = uuid(n);
            let body = with_request_id(body, &id);
            let record = if har {
                let separator = if n > 1 { "," } else { "" };
                har_entry(separator, product, &id, &body)
            } else {
                format!("{body}\n")
            };
            out.write_all(record.as_bytes())?;
            written += record.len();
        }
    }
    if har {
        writeln!(out, "]}}}}")?;
    }
    out.flush()?;
    Ok(())
}

/// One HAR entry answering a call to `product`, as a browser's developer tools save it.
fn har_entry(separator: &str, product: &str, id: &str, body: &str) -> String {
    let text = serde_json::to_string(body).unwrap_or_default();
    format!(
        r#"{separator}
{{"startedDateTime": "2026-12-06T10:00:00.000Z", "time": 42,
"request": {{"method": "POST", "url": "https://{product}.tencentcloudapi.com/", "httpVersion": "HTTP/2",
"headers": [{{"name": "content-type", "value": "application/json"}}],
"queryString": [], "cookies": [], "headersSize": -1, "bodySize": 2}},
"response": {{"status": 200, "statusText": "", "httpVersion": "HTTP/2",
"headers": [{{"name": "content-type", "value": "application/json"}}, {{"name": "x-tc-requestid", "value": "{id}"}}],
"cookies": [], "content": {{"size": {size}, "mimeType": "application/json", "text": {text}}},
"redirectURL": "", "headersSize": -1, "bodySize": {size}}},
"cache": {{}}, "timings": {{"send": 0, "wait": 40, "receive": 2}}}}"#,
        size = body.len()
    )
}

/// A version-4 UUID made from `n` alone, so that every record has its own.
fn uuid(n: u64) -> String {
    let mixed = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (n >> 7);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        mixed >> 32,
        (mixed >> 16) & 0xffff,
        mixed & 0xfff,
        (n >> 48) & 0xfff,
        n & 0xffff_ffff_ffff
    )
}

/// `body` with the value of every `"RequestId": "..."` string replaced by `id`; other
/// bodies are left as they are.
fn with_request_id(body: &str, id: &str) -> String {
    const KEY: &str = "\"RequestId\":\"";
    let mut out = String::with_capacity(body.len() + id.len());
    let mut rest = body;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let Some(end) = after.find('"') else {
            rest = after;
            break;
        };
        out.push_str(id);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}
