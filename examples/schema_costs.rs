//! Measures what the built-in API descriptions cost at run time: resident memory and time to
//! decode them, and the time to look one up once decoded. Figures for the README.
//!
//! `cargo run --release --example schema_costs`

use std::hint::black_box;
use std::time::Instant;

use tencentcloud_envelope::Schema;

/// The process's resident memory (`VmRSS`, Linux), in bytes; 0 elsewhere.
fn resident() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<usize>().ok()
        })
        .map_or(0, |kib| kib * 1024)
}

const LOOKUPS: u32 = 1_000_000;

fn main() {
    let index: Vec<(&str, &str)> = Schema::builtin_index().collect();
    let mut costs = Vec::new();
    let start_all = Instant::now();
    for &(service, version) in &index {
        let before = resident();
        let start = Instant::now();
        let schema = Schema::builtin(service, version).expect("every built-in decodes");
        let took = start.elapsed();
        let bytes = resident().saturating_sub(before);
        costs.push((bytes, took, schema.actions().len(), service, version));
    }
    let all = start_all.elapsed();
    let total: usize = costs.iter().map(|c| c.0).sum();
    costs.sort_by_key(|c| c.0);
    let median = costs[costs.len() / 2];
    let largest = costs[costs.len() - 1];
    println!(
        "decoded {} descriptions in {all:.2?}: {} MB more resident",
        costs.len(),
        total / 1_000_000
    );
    println!(
        "median {} {}: {} KB, {:.2?}, {} actions",
        median.3,
        median.4,
        median.0 / 1000,
        median.1,
        median.2
    );
    println!(
        "largest {} {}: {} KB, {:.2?}, {} actions",
        largest.3,
        largest.4,
        largest.0 / 1000,
        largest.1,
        largest.2
    );
    for service in ["cvm", "cbs", "vpc"] {
        if let Some((bytes, took, ..)) = costs.iter().find(|c| c.3 == service) {
            println!("{service}: {} KB, {took:.2?}", bytes / 1000);
        }
    }
    let names: Vec<(&str, &str)> = index.iter().copied().cycle().take(1000).collect();
    let start = Instant::now();
    for i in 0..LOOKUPS {
        let (service, version) = names[i as usize % names.len()];
        black_box(Schema::builtin(black_box(service), black_box(version)));
    }
    println!(
        "lookup of a decoded description: {:?}",
        start.elapsed() / LOOKUPS
    );
    let start = Instant::now();
    for i in 0..LOOKUPS {
        let (service, _) = names[i as usize % names.len()];
        black_box(Schema::builtin_newest(black_box(service)));
    }
    println!(
        "newest version of a service: {:?}",
        start.elapsed() / LOOKUPS
    );
}
