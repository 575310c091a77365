//! The driver of the instruction-count benchmark: reads one representative body `ROUNDS`
//! times in one way, inside `count_these_instructions`, which `.ci/instructions` has
//! callgrind count alone (so start-up, the warm-up call and building the bodies are left out).
//!
//! `cargo run --release --example instructions -- validate small-error` runs one case;
//! `-- --list` prints every case, one `MODE BODY` a line. Counts are only meaningful under
//! `valgrind --tool=callgrind --toggle-collect='*count_these_instructions*'`.

#[path = "../benches/inputs/mod.rs"]
#[allow(dead_code, reason = "the benchmark inputs serve several drivers")]
mod inputs;

use std::hint::black_box;
use std::process::ExitCode;

use tencentcloud_envelope::{Envelope, decode, validate};

const JSON: [(&str, &str); 1] = [("Content-Type", "application/json")];

/// How many times the counted function reads the body; the script divides by it.
const ROUNDS: usize = 10;

/// The ways of reading a body, `Value` first as the baseline the others are divided by;
/// `decode` is the one call an SDK makes (status and content type given): `decode` checks the
/// body and ignores the payload (`IgnoredAny`), `decode-value` reads it into `Value`.
const MODES: [&str; 6] = [
    "value",
    "ignored-any",
    "validate",
    "envelope",
    "decode",
    "decode-value",
];

/// The representative bodies, by name: a short failure, a short success, a medium
/// `DescribeDisks` and a large list.
fn bodies() -> Vec<(&'static str, String)> {
    vec![
        ("small-error", inputs::SEED_FAILURE.to_owned()),
        (
            "small-success",
            r#"{"Response": {"TotalCount": 1, "InstanceStatusSet": [{"InstanceId": "ins-r8hr2upy", "InstanceState": "RUNNING"}], "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#
                .to_owned(),
        ),
        (
            "medium-describe-disks",
            include_str!("../tests/fixtures/cbs-describe-disks.json").to_owned(),
        ),
        ("large-40-disks", inputs::describe_disks(40, 2)),
    ]
}

/// Reads `body` `ROUNDS` times in `mode`; the only function callgrind counts.
#[inline(never)]
fn count_these_instructions(mode: &str, body: &[u8]) -> usize {
    let mut accepted = 0;
    for _ in 0..ROUNDS {
        accepted += usize::from(read(mode, black_box(body)));
    }
    accepted
}

fn read(mode: &str, body: &[u8]) -> bool {
    match mode {
        "value" => serde_json::from_slice::<serde_json::Value>(body).is_ok(),
        "ignored-any" => serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok(),
        "validate" => validate(body).diagnostics().is_empty(),
        "decode" => decode::<serde::de::IgnoredAny, _, _>(200, JSON, body).is_ok(),
        "decode-value" => decode::<serde_json::Value, _, _>(200, JSON, body).is_ok(),
        _ => Envelope::from_slice(body).is_ok(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bodies = bodies();
    if args.first().map(String::as_str) == Some("--list") {
        for (body, _) in &bodies {
            for mode in MODES {
                println!("{mode} {body}");
            }
        }
        return ExitCode::SUCCESS;
    }
    let (Some(mode), Some(name)) = (args.first(), args.get(1)) else {
        eprintln!("usage: instructions MODE BODY | --list");
        return ExitCode::FAILURE;
    };
    let Some((_, body)) = bodies.iter().find(|(body, _)| body == name) else {
        eprintln!("no body named {name}");
        return ExitCode::FAILURE;
    };
    if !MODES.contains(&mode.as_str()) {
        eprintln!("no mode named {mode}");
        return ExitCode::FAILURE;
    }
    // One read outside the count: lazily built tables and the first allocations.
    let warm = read(mode, body.as_bytes());
    let accepted = count_these_instructions(mode, body.as_bytes());
    println!("{mode} {name} rounds={ROUNDS} accepted={accepted} warm={warm}");
    ExitCode::SUCCESS
}
