//! A report's JSON form is the library's contract with programs (the tool's `--format json`
//! and `jsonl` print it, Python's `to_dict` mirrors it): these pin it, text for text. And the
//! report on a record that could not be taken out of its capture is built by the library,
//! with the `unreadable-capture` rule at the validator's severity.

use tencentcloud_envelope::{Outcome, Report, Rule, Severity, Validator, validate};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

fn json(report: &Report) -> String {
    serde_json::to_string(report).unwrap()
}

#[test]
fn success_failure_and_invalid_reports_serialize_as_before() {
    let success = format!(r#"{{"Response": {{"TotalCount": 0, "RequestId": "{ID}"}}}}"#);
    assert_eq!(
        json(&validate(success.as_bytes())),
        format!(r#"{{"outcome":"success","request_id":"{ID}","code":null,"diagnostics":[]}}"#)
    );
    let failure = format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "RequestId": "{ID}"}}}}"#
    );
    assert_eq!(
        json(&validate(failure.as_bytes())),
        format!(
            r#"{{"outcome":"failure","request_id":"{ID}","code":"InternalError","diagnostics":[]}}"#
        )
    );
    assert_eq!(
        json(&validate(b"[1]")),
        r#"{"outcome":"invalid","request_id":null,"code":null,"diagnostics":[{"rule":"not-an-object","severity":"error","pointer":"","line":1,"column":1,"message":"the top-level value is an array, not an object"}]}"#
    );
}

#[test]
fn findings_past_the_budget_serialize_as_omitted() {
    let body = format!(r#"{{"Response": {{"RequestId": "{ID}", "a": 1, "a": 2, "a": 3}}}}"#);
    let report = Validator::new().max_findings(1).validate(body.as_bytes());
    assert_eq!(
        json(&report),
        r#"{"outcome":"invalid","request_id":"b5b41468-520d-4192-b42f-595cc34b6c1c","code":null,"diagnostics":[{"rule":"duplicate-key","severity":"error","pointer":"/Response/a","line":1,"column":76,"message":"the key `a` appears more than once in this object"}],"omitted":[{"rule":"duplicate-key","severity":"error","count":1}]}"#
    );
}

/// Regression: `Report::unreadable` reported `invalid-json`, the rule of a body that is not
/// JSON, for a record that never reached the validator.
#[test]
#[allow(
    deprecated,
    reason = "the old constructor is kept for a release, fixed"
)]
fn the_old_unreadable_constructor_reports_unreadable_capture() {
    let report = Report::unreadable("the content is not valid base64");
    assert_eq!(report.outcome(), Outcome::Invalid);
    assert_eq!(report.diagnostics()[0].rule(), Rule::UnreadableCapture);
    assert_eq!(report.diagnostics()[0].severity(), Severity::Error);
}

/// The tool printed this form when it built the report from JSON itself; the library's
/// report is the same, text for text, at each severity the rule may have.
#[test]
fn the_unreadable_report_serializes_as_the_tool_printed_it() {
    let message = "the record has 231 bytes, more than the cap of 100 bytes (--max-record-size); it was not checked";
    let diagnostic = |severity: &str| {
        format!(
            r#"[{{"rule":"unreadable-capture","severity":"{severity}","pointer":"","line":1,"column":1,"message":"{message}"}}]"#
        )
    };
    for (validator, outcome, diagnostics) in [
        (Validator::new(), "invalid", diagnostic("error")),
        (
            Validator::new().levels([], [Rule::UnreadableCapture], []),
            "success",
            diagnostic("warning"),
        ),
        (
            Validator::new()
                .levels([], [Rule::UnreadableCapture], [])
                .deny_warnings(),
            "invalid",
            diagnostic("error"),
        ),
        (
            Validator::new().levels([Rule::UnreadableCapture], [], []),
            "success",
            "[]".to_owned(),
        ),
    ] {
        assert_eq!(
            json(&validator.unreadable(message)),
            format!(
                r#"{{"outcome":"{outcome}","request_id":null,"code":null,"diagnostics":{diagnostics}}}"#
            )
        );
    }
}
