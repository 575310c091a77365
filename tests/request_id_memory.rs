//! The request-id memory of a `Validator` has a budget: it stays flat whatever the number of
//! bodies, and says how many ids it forgot.
//!
//! Alone in its test binary so that the process's peak resident size (`VmHWM`, Linux) is
//! this test's alone.

use tencentcloud_envelope::{Rule, Validator};

fn body(id: &str) -> Vec<u8> {
    format!(r#"{{"Response": {{"RequestId": "{id}"}}}}"#).into_bytes()
}

fn uuid(n: u64) -> String {
    format!(
        "{:08x}-0000-4000-8000-{:012x}",
        n >> 48,
        n & 0xFFFF_FFFF_FFFF
    )
}

#[test]
fn the_most_recent_ids_are_remembered_and_older_ones_counted() {
    let mut validator = Validator::new().request_id_memory(1_000);
    for n in 0..5_000 {
        assert!(
            !validator
                .validate(&body(&uuid(n)))
                .has(Rule::DuplicateRequestId)
        );
    }
    assert_eq!(validator.forgotten_request_ids(), 4_000);
    // The last thousand are remembered, UUIDs or not.
    assert!(
        validator
            .validate(&body(&uuid(4_999)))
            .has(Rule::DuplicateRequestId)
    );
    assert!(
        validator
            .validate(&body(&uuid(4_000)))
            .has(Rule::DuplicateRequestId)
    );
    assert!(
        !validator
            .validate(&body(&uuid(3_999)))
            .has(Rule::DuplicateRequestId)
    );
    assert!(
        !validator
            .validate(&body("req-1"))
            .has(Rule::DuplicateRequestId)
    );
    assert!(
        validator
            .validate(&body("req-1"))
            .has(Rule::DuplicateRequestId)
    );
    assert!(
        !validator
            .validate(&body("req-2"))
            .has(Rule::DuplicateRequestId)
    );
    validator.reset();
    assert!(
        !validator
            .validate(&body("req-1"))
            .has(Rule::DuplicateRequestId)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn half_a_million_distinct_ids_cost_the_budget_not_more() {
    fn peak_resident_bytes() -> usize {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        let kib: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kib * 1024
    }
    let before = peak_resident_bytes();
    // Ids that are not UUIDs cost the most when kept as text; they are hashed to 16 bytes.
    let mut validator = Validator::new().request_id_memory(1 << 16);
    for n in 0..500_000u64 {
        validator.validate(&body(&format!("request-{n}-{}", "x".repeat(40))));
    }
    let grown = peak_resident_bytes().saturating_sub(before);
    assert_eq!(validator.forgotten_request_ids(), 500_000 - (1 << 16));
    // 2^16 ids at about 80 bytes each once full, plus the table it leaves behind when it
    // doubles once to twice the budget: about 8 MiB at the peak. Kept as text without a bound
    // they took 42 bytes each plus the set's own: over 30 MiB here.
    assert!(
        grown < 12 << 20,
        "{} MiB for a budget of 2^16 ids",
        grown >> 20
    );
    eprintln!("500,000 distinct ids, budget 2^16: {} MiB", grown >> 20);
}
