//! The findings budget: a report keeps the first findings and counts the rest by rule, each
//! finding quotes a long key by its head, and a description check that fails alike in every
//! element of a list draws one finding.

use crate::common::hostile_bodies::{self, MB};
use tencentcloud_envelope::{
    Call, Classified, Outcome, Rule, Severity, Validator, classify, validate,
};

const ID: &str = r#""RequestId": "c933aca1-90d2-4ab8-b045-f1b08069d76f""#;

fn body_with(members: &str) -> Vec<u8> {
    format!(r#"{{"Response": {{{ID}, {members}}}}}"#).into_bytes()
}

#[test]
fn a_report_keeps_the_budget_and_counts_the_rest_by_rule() {
    let members = vec![r#""a": 1"#; 2_501].join(", ");
    let report = validate(&body_with(&members));
    assert_eq!(report.outcome(), Outcome::Invalid);
    assert_eq!(report.diagnostics().len(), 1_000);
    assert!(
        report
            .diagnostics()
            .iter()
            .all(|d| d.rule() == Rule::DuplicateKey)
    );
    let omitted = report.omitted();
    assert_eq!(omitted.len(), 1);
    assert_eq!(
        (omitted[0].rule(), omitted[0].severity(), omitted[0].count()),
        (Rule::DuplicateKey, Severity::Error, 1_500)
    );
    assert_eq!(report.count(Severity::Error), 2_500);
    // The kept ones are the first the check came to.
    assert_eq!(report.diagnostics()[0].pointer(), "/Response/a");
    assert_eq!(report.diagnostics()[999].column(), {
        let body = body_with(&members);
        let text = std::str::from_utf8(&body).unwrap();
        text.match_indices(r#""a""#).nth(1000).unwrap().0 + 1
    });
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["omitted"],
        serde_json::json!([{"rule": "duplicate-key", "severity": "error", "count": 1500}])
    );
}

#[test]
fn the_budget_is_an_option_and_dropped_rules_do_not_spend_it() {
    let members = r#""a": 1, "a": 2, "a": 3, "X": 1, "X": 2"#;
    let report = Validator::new()
        .max_findings(2)
        .validate(&body_with(members));
    assert_eq!(report.diagnostics().len(), 2);
    assert_eq!(report.omitted()[0].count(), 1);
    let none = Validator::new()
        .max_findings(0)
        .validate(&body_with(members));
    assert!(none.diagnostics().is_empty());
    assert_eq!(
        none.outcome(),
        Outcome::Invalid,
        "omitted errors still decide"
    );
    assert_eq!(none.count(Severity::Error), 3);
    assert!(none.has(Rule::DuplicateKey));
    // Findings of a dropped rule are neither kept nor counted.
    let unknown = r#""Error": {"Code": "Nope.Nope", "Message": "m"}, "a": 1, "a": 2"#;
    let report = Validator::new()
        .max_findings(1)
        .with_severity(Rule::UnknownErrorCode, None)
        .with_severity(Rule::ErrorWithPayload, None)
        .validate(&body_with(unknown));
    assert_eq!(report.diagnostics().len(), 1);
    assert_eq!(report.diagnostics()[0].rule(), Rule::DuplicateKey);
    assert!(report.omitted().is_empty(), "{:?}", report.omitted());
}

#[test]
fn whole_body_findings_are_kept_past_the_budget() {
    let mut body = b"\xef\xbb\xbf".to_vec();
    body.extend(body_with(r#""a": 1, "a": 2, "a": 3"#));
    body.truncate(body.len() - 1);
    let report = Validator::new().max_findings(1).validate(&body);
    let rules: Vec<Rule> = report
        .diagnostics()
        .iter()
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect();
    assert_eq!(
        rules,
        [Rule::ByteOrderMark, Rule::DuplicateKey, Rule::InvalidJson]
    );
}

#[test]
fn a_long_key_is_quoted_by_its_head_and_its_length() {
    let key = "k".repeat(300_000);
    let members = format!(r#""{key}": {{"a": 1, "a": 2}}, "{key}": 2"#);
    let report = validate(&body_with(&members));
    assert_eq!(report.diagnostics().len(), 2);
    for diagnostic in report.diagnostics() {
        assert!(diagnostic.pointer().len() < 200, "{}", diagnostic.pointer());
        assert!(diagnostic.message().len() < 300, "{}", diagnostic.message());
        assert!(
            diagnostic.pointer().contains("…[300000 bytes]"),
            "{}",
            diagnostic.pointer()
        );
    }
    assert_eq!(
        report.diagnostics()[0].pointer(),
        format!("/Response/{}…[300000 bytes]/a", "k".repeat(64))
    );
    // A key within the limit is quoted whole.
    let key = "q".repeat(256);
    let report = validate(&body_with(&format!(r#""{key}": 1, "{key}": 2"#)));
    assert_eq!(
        report.diagnostics()[0].pointer(),
        format!("/Response/{key}")
    );
}

#[test]
fn a_list_failing_alike_in_every_element_draws_one_finding() {
    let elements = vec!["{}"; 5_000].join(", ");
    let body = body_with(&format!(r#""TotalCount": 1, "InstanceSet": [{elements}]"#));
    let call = Call::new("cvm")
        .version("2017-03-12")
        .action("DescribeInstances");
    let report = Validator::new().validate_call(&body, call);
    assert_eq!(
        report.diagnostics().len(),
        1,
        "{:#?}",
        &report.diagnostics()[..3]
    );
    let finding = &report.diagnostics()[0];
    assert_eq!(finding.rule(), Rule::SchemaMissingField);
    assert_eq!(finding.pointer(), "/Response/InstanceSet/0");
    assert!(
        finding.message().ends_with(
            "; the same in 4999 more elements of `/Response/InstanceSet`, the last at index 4999"
        ),
        "{}",
        finding.message()
    );
    assert!(report.omitted().is_empty());
}

#[test]
fn list_findings_group_by_place_and_rule_not_by_element() {
    // Elements 0 and 2 lack the same members; 1 lacks them and has a mistyped member.
    let body = body_with(
        r#""TotalCount": 3, "InstanceSet": [{}, {"CPU": "four"}, {}, {"InstanceId": 1}]"#,
    );
    let call = Call::new("cvm")
        .version("2017-03-12")
        .action("DescribeInstances");
    let report = Validator::new().validate_call(&body, call);
    let found: Vec<(Rule, &str)> = report
        .diagnostics()
        .iter()
        .map(|d| (d.rule(), d.pointer()))
        .collect();
    assert_eq!(
        found,
        [
            (Rule::SchemaMissingField, "/Response/InstanceSet/0"),
            (Rule::SchemaTypeMismatch, "/Response/InstanceSet/1/CPU"),
            (
                Rule::SchemaTypeMismatch,
                "/Response/InstanceSet/3/InstanceId"
            ),
        ]
    );
    assert!(
        report.diagnostics()[0]
            .message()
            .contains("3 more elements")
    );
    assert!(!report.diagnostics()[1].message().contains("more element"));
}

#[test]
fn the_readers_keep_the_verdict_request_id_and_code_of_a_body_past_the_budget() {
    for (shape, body, _) in hostile_bodies::shapes(2 * MB) {
        let report = validate(&body);
        if report.outcome() != Outcome::Invalid {
            continue; // Only a description finds anything in it.
        }
        let headers: [(&str, &str); 0] = [];
        let Classified::ProtocolError(problem) = classify(200, headers, &body) else {
            panic!("{shape}: not a protocol error")
        };
        assert_eq!(problem.request_id(), report.request_id(), "{shape}");
    }
}

/// The scanner leaves wide objects and failures with a payload to the walk as soon as it meets
/// them: its own key set and payload list grew with such bodies (322 MB for a 60 MB failure
/// with 8 million payload members, in the readers).
#[test]
fn the_scanner_leaves_wide_objects_and_failures_with_a_payload_to_the_walk() {
    use tencentcloud_envelope::__private::{FastPath, fast_path_agrees};
    let members = |count: usize| {
        (0..count)
            .map(|i| format!(r#""m{i}": 1"#))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let narrow = body_with(&members(4_000));
    assert_eq!(fast_path_agrees(&narrow), Ok(FastPath::Clean));
    let wide = body_with(&members(5_000));
    assert_eq!(fast_path_agrees(&wide), Ok(FastPath::Walk));
    let failure = body_with(r#""Error": {"Code": "InternalError", "Message": "m"}, "a": 1"#);
    assert_eq!(fast_path_agrees(&failure), Ok(FastPath::Walk));
}
