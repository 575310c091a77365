//! Writes a JSON Lines capture of at least the given number of bytes (default 10 MB), every
//! record with its own request id, for measuring `tc-envelope check` end to end.
//!
//! `cargo run --release --example make_capture -- 1000000000 > capture-1g.jsonl`

#[path = "../benches/inputs/mod.rs"]
#[allow(dead_code, reason = "the benchmarks use the rest")]
mod inputs;

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let target: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(10_000_000);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut written = 0;
    for n in 0.. {
        if written >= target {
            break;
        }
        let line = inputs::record(n);
        writeln!(out, "{line}")?;
        written += line.len() + 1;
    }
    out.flush()
}
