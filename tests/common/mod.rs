//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test crate uses a part")]

pub mod hostile_bodies;

use std::path::{Path, PathBuf};

use tencentcloud_envelope::{
    CallError, Classified, Consequence, Outcome, Report, classify, decode, validate,
};

/// `../shared/SUB` beside the repository. Under CI (`CI` set) its absence fails the test;
/// elsewhere the test says plainly that it was skipped.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if dir.exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have {}: the test cannot be skipped there",
        dir.display()
    );
    eprintln!("SKIPPED: {} is missing", dir.display());
    None
}

/// The documentation examples of both sites under `../shared`, with how many each holds: every
/// corpus test runs over both.
pub const CORPORA: [(&str, usize); 2] = [
    ("corpus/doc-examples", 10_602),
    ("corpus/doc-examples-china", 18_263),
];

/// Every `.json` file under `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

/// What `classify` must say of a body, judged from the validator's report alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Success,
    ServiceError,
    ProtocolError,
}

/// The verdict the rule table implies: a fatal finding is a protocol error; otherwise a
/// readable `Error` is the service's error and its absence a success.
pub fn expected_verdict(report: &Report) -> Verdict {
    let fatal = report
        .diagnostics()
        .iter()
        .any(|d| d.rule().consequence() != Consequence::Tolerated);
    if fatal {
        Verdict::ProtocolError
    } else if report.code().is_some() {
        Verdict::ServiceError
    } else {
        Verdict::Success
    }
}

/// Holds `classify`, `decode` and `Envelope` to the validator on one body (no headers) and
/// returns the verdict.
pub fn assert_one_truth(body: &[u8], what: &str) -> Verdict {
    let report = validate(body);
    let verdict = expected_verdict(&report);
    let headers: [(&str, &str); 0] = [];
    let (found, request_id) = match classify(200, headers, body) {
        Classified::Success(success) => (
            Verdict::Success,
            Some(success.envelope().request_id().to_owned()),
        ),
        Classified::ServiceError(error) => {
            assert_eq!(
                Some(error.code().as_str()),
                report.code(),
                "{what}: the code"
            );
            (Verdict::ServiceError, Some(error.request_id().to_owned()))
        }
        Classified::ProtocolError(problem) => (
            Verdict::ProtocolError,
            problem.request_id().map(str::to_owned),
        ),
    };
    assert_eq!(found, verdict, "{what}: classify against {report:#?}");
    // An empty `RequestId` names no request: the report shows the text, the readers none.
    let named = report.request_id().filter(|id| !id.is_empty());
    assert_eq!(request_id.as_deref(), named, "{what}: the request id");
    let decoded = decode::<serde_json::Value, _, _>(200, headers, body);
    let decoded_verdict = match &decoded {
        Ok(_) => Verdict::Success,
        Err(CallError::Service(_)) => Verdict::ServiceError,
        Err(CallError::Protocol(_)) => Verdict::ProtocolError,
        Err(other) => panic!("{what}: a payload error for `Value`: {other}"),
    };
    assert_eq!(decoded_verdict, verdict, "{what}: decode");
    let envelope = tencentcloud_envelope::Envelope::from_slice(body);
    assert_eq!(
        envelope.is_ok(),
        verdict != Verdict::ProtocolError,
        "{what}: Envelope::from_slice"
    );
    if report.outcome() != Outcome::Invalid {
        assert_ne!(
            verdict,
            Verdict::ProtocolError,
            "{what}: a valid body refused"
        );
    }
    verdict
}

/// Waits for `child` to exit, reading its peak resident size (`VmHWM`, KiB) from `/proc` as
/// it runs; kills it after `limit`. Returns its exit code (`None` when killed or signalled)
/// and the peak.
#[cfg(target_os = "linux")]
pub fn wait_with_peak_kib(
    mut child: std::process::Child,
    limit: std::time::Duration,
) -> (Option<i32>, u64) {
    let status = format!("/proc/{}/status", child.id());
    let started = std::time::Instant::now();
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| rest.trim().trim_end_matches(" kB").parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if let Some(exit) = child.try_wait().unwrap() {
            return (exit.code(), peak);
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            return (None, peak);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// This process's peak resident size (`VmHWM`), in bytes: for the memory tests, each alone in
/// its test binary so that the peak is its own.
#[cfg(target_os = "linux")]
pub fn peak_resident_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

/// Starts the peak resident size again from the present size.
#[cfg(target_os = "linux")]
pub fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
}
