//! Writes every documentation example as a JSON Lines capture record
//! `{"service", "version", "action", "response"}`, the call taken from the example's path
//! `PRODUCT/vYYYYMMDD/Action.N.json`, for `tc-envelope check`.
//!
//! `cargo run --example corpus_capture -- ../shared/corpus/doc-examples > doc-examples.jsonl`

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/doc_corpus/mod.rs"]
mod doc_corpus;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("../shared/corpus/doc-examples"),
        PathBuf::from,
    );
    let mut out = BufWriter::new(io::stdout().lock());
    for example in doc_corpus::examples(&root)? {
        let bytes = std::fs::read(&example.path)?;
        let body = String::from_utf8_lossy(&bytes);
        writeln!(out, "{}", doc_corpus::capture_line(&example, &body))?;
    }
    out.flush()?;
    Ok(())
}
