//! `validate` never panics, and its report is consistent with itself and with serde_json,
//! within the findings budget and against a description with lists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::{validate, Call, Outcome, Report, Rule, Severity, Validator};

/// The outcome follows every finding, kept or counted past the budget, and the budget holds.
fn consistent(report: &Report, budget: usize) {
    let has_error = report.diagnostics().iter().any(|d| d.severity() == Severity::Error)
        || report.omitted().iter().any(|o| o.severity() == Severity::Error);
    assert_eq!(report.outcome() == Outcome::Invalid, has_error);
    // Findings about the whole body come beyond the budget: at most four.
    assert!(report.diagnostics().len() <= budget + 4, "{report:?}");
    for diagnostic in report.diagnostics() {
        // A quoted key or value is at most 256 bytes, or its head and length.
        let longest = diagnostic.pointer().split('/').map(str::len).max().unwrap_or(0);
        assert!(longest <= 256 * 2, "{}", diagnostic.pointer());
    }
}

fuzz_target!(|data: &[u8]| {
    let call = Call::new_const("cvm", "2017-03-12", "DescribeInstances");
    let small = Validator::new().max_findings(3).validate_call(data, call);
    consistent(&small, 3);
    let report = validate(data);
    consistent(&report, Validator::DEFAULT_MAX_FINDINGS);

    let mut last = 0;
    for diagnostic in report.diagnostics() {
        assert!(diagnostic.line() >= 1 && diagnostic.column() >= 1);
        assert!(diagnostic.offset() <= data.len());
        assert!(diagnostic.offset() >= last, "diagnostics come in input order");
        last = diagnostic.offset();
        assert!(diagnostic.pointer().is_empty() || diagnostic.pointer().starts_with('/'));
    }
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(_) => assert!(!report.has(Rule::InvalidJson), "{report:?}"),
        // serde_json's own nesting limit and the validator's differ by a level.
        Err(error) if error.to_string().starts_with("recursion limit exceeded") => {}
        // This build of serde_json has `raw_value`: it reads a reserved key its own way, and
        // the validator refuses such a body with `reserved-key`.
        Err(_) if report.has(Rule::ReservedKey) => assert_eq!(report.outcome(), Outcome::Invalid),
        Err(_) => assert!(report.has(Rule::InvalidJson), "{report:?}"),
    }
});
