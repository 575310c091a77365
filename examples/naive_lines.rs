//! The baseline for `tc-envelope check` on JSON Lines: read each line and parse it into
//! `serde_json::Value`, nothing more. Prints how many lines parsed.
//!
//! `cargo run --release --example naive_lines -- capture.jsonl`

use std::io::{self, BufRead, BufReader};

fn main() -> io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".to_owned());
    let reader: Box<dyn BufRead> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(path)?,
        ))
    };
    let mut parsed = 0u64;
    let mut line = Vec::new();
    let mut reader = reader;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if serde_json::from_slice::<serde_json::Value>(&line).is_ok() {
            parsed += 1;
        }
    }
    println!("{parsed}");
    Ok(())
}
