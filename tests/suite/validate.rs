//! Every validator rule: a fixture that makes it fire where the issue says, and a near miss
//! that must not.

use tencentcloud_envelope::{NestingLimit, Outcome, Rule, Severity, Validator, validate};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// `(rule, input, pointer, line, column)`: the rule must fire at exactly this place.
#[rustfmt::skip]
fn firing() -> Vec<(Rule, String, &'static str, usize, usize)> {
    vec![
        (Rule::InvalidJson, r#"{"Response": {"RequestId": "x",}}"#.into(), "", 1, 32),
        (Rule::InvalidJson, format!(r#"{{"Response":{{"RequestId":"{ID}"}}}} {{}}"#), "", 1, 67),
        (Rule::InvalidJson, String::new(), "", 1, 1),
        (Rule::InvalidJson, " \n ".into(), "", 2, 2),
        (Rule::NotAnObject, format!(r#"[{{"Response":{{"RequestId":"{ID}"}}}}]"#), "", 1, 1),
        (Rule::NotAnObject, "\n  \"Response\"".into(), "", 2, 3),
        (Rule::MissingResponse, r#"{"Result": {}}"#.into(), "", 1, 1),
        (Rule::LegacyEnvelope, r#"{"code": 4100, "message": "x", "codeDesc": "AuthFailure"}"#.into(), "", 1, 1),
        (Rule::UnexpectedTopLevelField, format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}},\n\"Extra\": 1}}"), "/Extra", 2, 10),
        (Rule::ResponseNotObject, r#"{"Response": "ok"}"#.into(), "/Response", 1, 14),
        (Rule::MissingRequestId, "{\n  \"Response\": {\"TotalCount\": 0}}".into(), "/Response", 2, 15),
        (Rule::InvalidRequestId, r#"{"Response": {"RequestId": 42}}"#.into(), "/Response/RequestId", 1, 28),
        (Rule::InvalidRequestId, r#"{"Response": {"RequestId": ""}}"#.into(), "/Response/RequestId", 1, 28),
        (Rule::DuplicateKey, format!(r#"{{"Response": {{"DiskSet": [{{"DiskId": "a", "DiskId": "b"}}], "RequestId": "{ID}"}}}}"#), "/Response/DiskSet/0/DiskId", 1, 43),
        (Rule::DuplicateKey, format!(r#"{{"Response": {{"RequestId": "{ID}"}}, "Response": {{}}}}"#), "/Response", 1, 69),
        (Rule::ErrorNotObject, format!(r#"{{"Response": {{"Error": null, "RequestId": "{ID}"}}}}"#), "/Response/Error", 1, 24),
        (Rule::MissingErrorCode, format!(r#"{{"Response": {{"Error": {{"Message": "m"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error", 1, 24),
        (Rule::InvalidErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": 4100, "Message": "m"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/Code", 1, 33),
        (Rule::InvalidErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": "", "Message": "m"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/Code", 1, 33),
        (Rule::MissingErrorMessage, format!(r#"{{"Response": {{"Error": {{"Code": "InternalError"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error", 1, 24),
        (Rule::InvalidErrorMessage, format!(r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": null}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/Message", 1, 61),
        (Rule::RequestIdNotUuid, r#"{"Response": {"RequestId": "req-1"}}"#.into(), "/Response/RequestId", 1, 28),
        (Rule::ErrorCodeSyntax, format!(r#"{{"Response": {{"Error": {{"Code": "internal_error", "Message": "m"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/Code", 1, 33),
        (Rule::EmptyErrorMessage, format!(r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": ""}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/Message", 1, 61),
        (Rule::ErrorWithPayload, format!(r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "TotalCount": 0, "RequestId": "{ID}"}}}}"#), "/Response/TotalCount", 1, 81),
        (Rule::MisspelledField, format!(r#"{{"Response": {{"requestId": "{ID}"}}}}"#), "/Response/requestId", 1, 28),
        (Rule::MisspelledField, format!(r#"{{"response": {{"RequestId": "{ID}"}}}}"#), "/response", 1, 14),
        (Rule::MisspelledField, format!(r#"{{"Response": {{"Error": {{"code": "InternalError", "Message": "m"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/code", 1, 33),
        (Rule::ByteOrderMark, format!("\u{feff}{{\"Response\": {{\"RequestId\": \"{ID}\"}}}}"), "", 1, 1),
        (Rule::UnknownErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": "InvalidDisk.Bogus", "Message": "m"}}, "RequestId": "{ID}"}}}}"#), "/Response/Error/Code", 1, 33),
        (Rule::DeprecatedAction, format!(r#"{{"Response": {{"DeprecatedWarning": "use V2", "RequestId": "{ID}"}}}}"#), "/Response/DeprecatedWarning", 1, 36),
        (Rule::ReservedKey, format!(r#"{{"Response": {{"X": {{"$serde_json::private::RawValue": "{{}}"}}, "RequestId": "{ID}"}}}}"#), "/Response/X/$serde_json::private::RawValue", 1, 55),
    ]
}

/// `(rule, input)`: close to a firing fixture, but the rule must stay silent.
#[rustfmt::skip]
fn near_misses() -> Vec<(Rule, String)> {
    vec![
        (Rule::InvalidJson, format!("{{\"Response\": {{\"RequestId\": \"{ID}\"}}}}\n\r\n\t ")),
        (Rule::NotAnObject, format!(r#"  {{"Response":{{"RequestId":"{ID}"}}}}"#)),
        (Rule::MissingResponse, r#"{"code": 0, "message": "x"}"#.into()),
        (Rule::LegacyEnvelope, r#"{"code": 0, "data": 1}"#.into()),
        (Rule::UnexpectedTopLevelField, format!(r#"{{"Response":{{"RequestId":"{ID}", "Extra": 1}}}}"#)),
        (Rule::ResponseNotObject, format!(r#"{{"Response": {{"RequestId": "{ID}"}}}}"#)),
        (Rule::MissingRequestId, format!(r#"{{"Response": {{"Error": {{"Code": "A", "Message": "m"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::InvalidRequestId, r#"{"Response": {"RequestId": " "}}"#.into()),
        (Rule::DuplicateKey, format!(r#"{{"Response": {{"DiskSet": [{{"DiskId": "a"}}, {{"DiskId": "b"}}], "diskId": 1, "RequestId": "{ID}"}}}}"#)),
        (Rule::ErrorNotObject, format!(r#"{{"Response": {{"Errors": null, "RequestId": "{ID}"}}}}"#)),
        (Rule::MissingErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": "A", "Message": "m"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::InvalidErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": "4100", "Message": "m"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::MissingErrorMessage, format!(r#"{{"Response": {{"Error": {{"Code": "A", "Message": ""}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::InvalidErrorMessage, format!(r#"{{"Response": {{"Error": {{"Code": "A", "Message": "null"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::RequestIdNotUuid, format!(r#"{{"Response": {{"RequestId": "{}"}}}}"#, ID.to_uppercase())),
        (Rule::ErrorCodeSyntax, format!(r#"{{"Response": {{"Error": {{"Code": "InvalidParameterValue.DiskIdMalformed", "Message": "m"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::EmptyErrorMessage, format!(r#"{{"Response": {{"Error": {{"Code": "A", "Message": " "}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::ErrorWithPayload, format!(r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "DeprecatedWarning": "x", "RequestId": "{ID}"}}}}"#)),
        (Rule::ErrorWithPayload, format!(r#"{{"Response": {{"TotalCount": 0, "RequestId": "{ID}"}}}}"#)),
        (Rule::MisspelledField, format!(r#"{{"Response": {{"Data": {{"requestId": 1, "code": 2, "error": 3}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::ByteOrderMark, format!("{{\"Response\": {{\"RequestId\": \"{ID}\", \"Bom\": \"\u{feff}\"}}}}")),
        (Rule::UnknownErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": "ResourceNotFound.DiskNotFound", "Message": "m"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::UnknownErrorCode, format!(r#"{{"Response": {{"Error": {{"Code": "AuthFailure.Unknown", "Message": "m"}}, "RequestId": "{ID}"}}}}"#)),
        (Rule::DeprecatedAction, format!(r#"{{"Response": {{"Deprecated": true, "RequestId": "{ID}"}}}}"#)),
        (Rule::ReservedKey, format!(r#"{{"Response": {{"X": {{"$serde_json::private::RawValu": "{{}}"}}, "RequestId": "{ID}"}}}}"#)),
    ]
}

#[test]
fn every_rule_fires_at_the_documented_place() {
    for (rule, input, pointer, line, column) in firing() {
        let report = validate(input.as_bytes());
        let found = report.diagnostics().iter().find(|d| d.rule() == rule);
        let Some(diagnostic) = found else {
            panic!("{rule} did not fire on {input:?}: {report:#?}");
        };
        assert_eq!(diagnostic.pointer(), pointer, "{rule} on {input:?}");
        assert_eq!(
            (diagnostic.line(), diagnostic.column()),
            (line, column),
            "{rule} on {input:?}"
        );
        assert_eq!(diagnostic.severity(), rule.default_severity());
        let invalid = report
            .diagnostics()
            .iter()
            .any(|d| d.severity() == Severity::Error);
        assert_eq!(report.outcome() == Outcome::Invalid, invalid, "{input:?}");
    }
}

#[test]
fn every_rule_has_a_firing_fixture_and_a_near_miss() {
    let fired: Vec<Rule> = firing().into_iter().map(|(rule, ..)| rule).collect();
    let missed: Vec<Rule> = near_misses().into_iter().map(|(rule, _)| rule).collect();
    for &rule in Rule::ALL {
        if rule == Rule::DuplicateRequestId {
            continue; // Needs two records: see `duplicate_request_id_spans_records`.
        }
        if rule.as_str().starts_with("schema-")
            || matches!(
                rule,
                Rule::UnknownAction
                    | Rule::UnknownService
                    | Rule::UnknownVersion
                    | Rule::VersionAssumed
            )
        {
            continue; // Needs a call and a description: see `tests/suite/schema.rs`.
        }
        if matches!(rule, Rule::InvalidEventStream | Rule::TruncatedEventStream) {
            continue; // Checked on event streams: see `tests/suite/sse.rs`.
        }
        if rule == Rule::UnreadableCapture {
            continue; // Fired by the tool's capture readers: see `tests/suite/cli.rs`.
        }
        if matches!(
            rule,
            Rule::RequestIdHeadersDiffer | Rule::RequestIdHeaderNotUtf8
        ) {
            continue; // Drawn from the response's headers: see `tests/suite/headers.rs`.
        }
        assert!(fired.contains(&rule), "no firing fixture for {rule}");
        assert!(missed.contains(&rule), "no near miss for {rule}");
    }
}

#[test]
fn near_misses_stay_silent() {
    for (rule, input) in near_misses() {
        let report = validate(input.as_bytes());
        assert!(!report.has(rule), "{rule} fired on {input:?}: {report:#?}");
    }
}

#[test]
fn duplicate_request_id_spans_records() {
    let first = format!(r#"{{"Response": {{"RequestId": "{ID}"}}}}"#);
    let other = r#"{"Response": {"RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
    let again = format!(
        "{{\n\"Response\": {{\"Error\": {{\"Code\": \"InternalError\", \"Message\": \"m\"}}, \"RequestId\": \"{}\"}}}}",
        ID.to_uppercase()
    );
    let mut validator = Validator::new();
    assert!(
        !validator
            .validate(first.as_bytes())
            .has(Rule::DuplicateRequestId)
    );
    assert!(
        !validator
            .validate(other.as_bytes())
            .has(Rule::DuplicateRequestId)
    );
    let report = validator.validate(again.as_bytes());
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.rule(), Rule::DuplicateRequestId);
    assert_eq!(diagnostic.pointer(), "/Response/RequestId");
    assert_eq!((diagnostic.line(), diagnostic.column()), (2, 79));
    assert_eq!(report.outcome(), Outcome::Failure);
    // A fresh validator, or `validate`, has no memory.
    assert!(!validate(first.as_bytes()).has(Rule::DuplicateRequestId));
    validator.reset();
    assert!(
        !validator
            .validate(first.as_bytes())
            .has(Rule::DuplicateRequestId)
    );
}

#[test]
fn keys_are_compared_after_unescaping() {
    let input = r#"{"Response": {"\u0045rror": {"Code": "InternalError", "Message": "m"}, "Request\u0049d": "x", "RequestId": "y"}}"#;
    let report = validate(input.as_bytes());
    assert_eq!(report.outcome(), Outcome::Invalid);
    assert_eq!(report.code(), Some("InternalError"));
    assert_eq!(report.request_id(), Some("x"));
    let duplicate = report
        .diagnostics()
        .iter()
        .find(|d| d.rule() == Rule::DuplicateKey)
        .unwrap();
    assert_eq!(duplicate.pointer(), "/Response/RequestId");
    assert_eq!(duplicate.column(), 95);
}

#[test]
fn pointers_escape_tilde_and_slash() {
    let input =
        format!(r#"{{"Response": {{"a/b": {{"c~d": 1, "c~d": 2}}, "RequestId": "{ID}"}}}}"#);
    let report = validate(input.as_bytes());
    assert_eq!(report.diagnostics()[0].pointer(), "/Response/a~1b/c~0d");
}

#[test]
fn request_id_and_code_are_reported_even_when_invalid() {
    let input = format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": 5}}, "RequestId": "{ID}"}}}}"#
    );
    let report = validate(input.as_bytes());
    assert_eq!(report.outcome(), Outcome::Invalid);
    assert_eq!(report.request_id(), Some(ID));
    assert_eq!(report.code(), Some("InternalError"));
}

#[test]
fn a_truncated_body_still_names_the_request_id() {
    let input = format!(r#"{{"Response": {{"RequestId": "{ID}", "DiskSet": [{{"DiskId": "disk-1"#);
    let report = validate(input.as_bytes());
    assert_eq!(report.outcome(), Outcome::Invalid);
    assert_eq!(report.request_id(), Some(ID));
    assert_eq!(
        report.diagnostics().last().unwrap().rule(),
        Rule::InvalidJson
    );
}

#[test]
fn invalid_utf8_is_invalid_json_at_the_bad_byte() {
    let mut input = br#"{"Response": {"RequestId": ""#.to_vec();
    input.extend_from_slice(b"\xC3\x28\"}}");
    let report = validate(&input);
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.rule(), Rule::InvalidJson);
    assert_eq!(diagnostic.message(), "invalid UTF-8 at byte 28");
    assert_eq!((diagnostic.line(), diagnostic.column()), (1, 29));
}

#[test]
fn nesting_beyond_the_limit_is_invalid_json_naming_the_limit() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let report = validate(deep.as_bytes());
    assert_eq!(report.diagnostics()[0].rule(), Rule::InvalidJson);
    assert!(
        report.diagnostics()[0].message().contains("128"),
        "{report:?}"
    );

    // The root and `Response` are two levels; 126 arrays make 128.
    let within = format!(
        r#"{{"Response": {{"RequestId": "{ID}", "A": {}1{}}}}}"#,
        "[".repeat(126),
        "]".repeat(126)
    );
    assert_eq!(validate(within.as_bytes()).outcome(), Outcome::Success);
    let beyond = within.replacen('[', "[[", 1).replacen(']', "]]", 1);
    assert!(validate(beyond.as_bytes()).has(Rule::InvalidJson));

    let mut shallow = Validator::new().nesting_limit(NestingLimit::new(3).unwrap());
    let report = shallow.validate(within.as_bytes());
    assert!(
        report.diagnostics()[0]
            .message()
            .contains("limit of 3 levels"),
        "{report:?}"
    );
}

#[test]
fn severity_overrides_apply() {
    let input = br#"{"Response": {"RequestId": "req-1"}}"#;
    assert_eq!(validate(input).outcome(), Outcome::Success);
    let mut strict = Validator::new().deny_warnings();
    let report = strict.validate(input);
    assert_eq!(report.outcome(), Outcome::Invalid);
    assert_eq!(report.diagnostics()[0].severity(), Severity::Error);
    let mut silent = Validator::new().with_severity(Rule::RequestIdNotUuid, None);
    assert!(silent.validate(input).diagnostics().is_empty());
    let mut note = Validator::new()
        .with_severity(Rule::RequestIdNotUuid, Some(Severity::Note))
        .deny_warnings();
    assert_eq!(
        note.validate(input).diagnostics()[0].severity(),
        Severity::Note
    );
}

#[test]
fn the_report_serializes_to_the_documented_shape() {
    let report =
        validate(br#"{"Response": {"Error": {"Code": "InternalError"}, "RequestId": "req-1"}}"#);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "outcome": "invalid",
            "request_id": "req-1",
            "code": "InternalError",
            "diagnostics": [
                {"rule": "missing-error-message", "severity": "error", "pointer": "/Response/Error",
                 "line": 1, "column": 24, "message": "`Error` has no `Message`"},
                {"rule": "request-id-not-uuid", "severity": "warning", "pointer": "/Response/RequestId",
                 "line": 1, "column": 64, "message": "`RequestId` `req-1` is not a UUID in 8-4-4-4-12 hexadecimal form"},
            ]
        })
    );
}

#[test]
fn seed_examples_are_clean() {
    for input in [
        &include_bytes!("../fixtures/seed-success.json")[..],
        include_bytes!("../fixtures/seed-failure.json"),
    ] {
        let report = validate(input);
        assert!(report.diagnostics().is_empty(), "{report:?}");
    }
}
