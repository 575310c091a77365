//! `validate` never panics, and its report is consistent with itself and with serde_json.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::{validate, Outcome, Rule, Severity};

fuzz_target!(|data: &[u8]| {
    let report = validate(data);
    let has_error = report.diagnostics().iter().any(|d| d.severity() == Severity::Error);
    assert_eq!(report.outcome() == Outcome::Invalid, has_error);
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
