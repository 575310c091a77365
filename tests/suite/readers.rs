//! Regression tests for the readers an SDK uses (`classify`, `decode`, `Envelope`,
//! `Response<T>`): each finding of the "one truth" review, written to fail before its fix.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tencentcloud_envelope::{
    CallError, Classified, Envelope, RequestIdSource, Response, Rule, Validator, classify, decode,
    validate,
};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";
const JSON: [(&str, &str); 1] = [("Content-Type", "application/json")];

fn protocol_rule(body: &[u8]) -> Option<Rule> {
    match classify(200, JSON, body) {
        Classified::ProtocolError(problem) => Some(problem.rule()),
        _ => None,
    }
}

#[test]
fn an_empty_request_id_is_a_protocol_error_unless_the_header_gives_one() {
    let body = br#"{"Response": {"TotalCount": 0, "RequestId": ""}}"#;
    assert_eq!(protocol_rule(body), Some(Rule::InvalidRequestId));
    let headers = [("X-TC-RequestId", ID)];
    match classify(200, headers, body) {
        Classified::Success(success) => {
            assert_eq!(success.envelope().request_id(), ID);
            assert_eq!(success.request_id_source(), RequestIdSource::Header);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn members_beside_response_are_tolerated_and_handed_over() {
    let body = format!(
        r#"{{"Response": {{"TotalCount": 0, "RequestId": "{ID}"}}, "Error": null, "RequestId": null}}"#
    );
    match classify(200, JSON, body.as_bytes()) {
        Classified::Success(success) => {
            let rules: Vec<Rule> = success
                .envelope()
                .findings()
                .iter()
                .map(tencentcloud_envelope::Diagnostic::rule)
                .collect();
            assert_eq!(
                rules,
                [Rule::UnexpectedTopLevelField, Rule::UnexpectedTopLevelField]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let body = format!("\u{feff}{{\"Response\": {{\"RequestId\": \"{ID}\"}}}}");
    match classify(200, JSON, body.as_bytes()) {
        Classified::Success(success) => {
            assert_eq!(success.request_id_source(), RequestIdSource::Body);
            assert_eq!(success.envelope().findings()[0].rule(), Rule::ByteOrderMark);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_payloads_are_refused_by_every_reader() {
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    for (what, payload) in [
        ("a number no double holds", "1e999".to_owned()),
        ("a lone surrogate", r#""\ud800""#.to_owned()),
        ("nesting past the limit", deep),
    ] {
        let body = format!(r#"{{"Response": {{"X": {payload}, "RequestId": "{ID}"}}}}"#);
        assert!(validate(body.as_bytes()).has(Rule::InvalidJson), "{what}");
        assert_eq!(
            protocol_rule(body.as_bytes()),
            Some(Rule::InvalidJson),
            "{what}"
        );
        assert!(Envelope::from_slice(body.as_bytes()).is_err(), "{what}");
        assert!(
            matches!(
                decode::<(), _, _>(200, JSON, body.as_bytes()),
                Err(CallError::Protocol(_))
            ),
            "{what}"
        );
    }
    let mut body = format!(r#"{{"Response": {{"X": "ab", "RequestId": "{ID}"}}}}"#).into_bytes();
    let at = body.iter().position(|&b| b == b'a').unwrap();
    body[at] = 0xFF;
    assert_eq!(protocol_rule(&body), Some(Rule::InvalidJson));
    assert!(matches!(
        decode::<(), _, _>(200, JSON, &body),
        Err(CallError::Protocol(_))
    ));
}

#[test]
fn a_repeated_payload_key_is_refused() {
    let body = format!(r#"{{"Response": {{"A": 1, "A": 2, "RequestId": "{ID}"}}}}"#);
    assert_eq!(
        Envelope::from_slice(body.as_bytes()).unwrap_err().rule(),
        Rule::DuplicateKey
    );
    assert_eq!(protocol_rule(body.as_bytes()), Some(Rule::DuplicateKey));
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Disks {
    total_count: u64,
    request_id: String,
}

#[test]
fn the_service_error_wins_over_a_payload_that_does_not_fit() {
    let body = format!(
        r#"{{"Response": {{"TotalCount": "many", "Error": {{"Code": "InternalError", "Message": "m"}}, "RequestId": "{ID}"}}}}"#
    );
    match decode::<Disks, _, _>(500, JSON, body.as_bytes()) {
        Err(CallError::Service(error)) => {
            assert_eq!(error.code().as_str(), "InternalError");
            assert_eq!((error.request_id(), error.status()), (ID, Some(500)));
            assert_eq!(error.findings()[0].rule(), Rule::ErrorWithPayload);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_payload_that_does_not_fit_keeps_the_request_id() {
    let body = format!(r#"{{"Response": {{"TotalCount": "many", "RequestId": "{ID}"}}}}"#);
    match decode::<Disks, _, _>(200, JSON, body.as_bytes()) {
        Err(error @ CallError::Payload(_)) => {
            assert_eq!(error.request_id(), Some(ID));
            assert!(!error.is_retryable());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn payload_types_that_declare_the_request_id_get_it() {
    let body = format!(r#"{{"Response": {{"TotalCount": 3, "RequestId": "{ID}"}}}}"#);
    let reply = decode::<Disks, _, _>(200, JSON, body.as_bytes()).unwrap();
    assert_eq!(
        (
            reply.payload().total_count,
            reply.payload().request_id.as_str()
        ),
        (3, ID)
    );
    let response: Response<Disks> = serde_json::from_str(&body).unwrap();
    assert_eq!(response.into_result().unwrap().request_id, ID);
}

#[test]
fn the_deprecated_warning_is_readable_on_every_reader() {
    let body = format!(
        r#"{{"Response": {{"TotalCount": 3, "DeprecatedWarning": "use V2", "RequestId": "{ID}"}}}}"#
    );
    let envelope = Envelope::from_slice(body.as_bytes()).unwrap();
    assert_eq!(envelope.deprecated_warning(), Some("use V2"));
    assert!(
        envelope
            .payload()
            .unwrap()
            .get("DeprecatedWarning")
            .is_none()
    );
    let reply = decode::<Disks, _, _>(200, JSON, body.as_bytes()).unwrap();
    assert_eq!(reply.deprecated_warning(), Some("use V2"));
    let response: Response<Disks> = serde_json::from_str(&body).unwrap();
    assert_eq!(response.deprecated_warning(), Some("use V2"));
    let failed = format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "DeprecatedWarning": "use V2", "RequestId": "{ID}"}}}}"#
    );
    match decode::<Disks, _, _>(200, JSON, failed.as_bytes()) {
        Err(CallError::Service(error)) => assert_eq!(error.deprecated_warning(), Some("use V2")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn headers_of_any_string_type_serve() {
    let body = br#"{"Response": {"RequestId": ""}}"#;
    let owned: Vec<(String, String)> = vec![("x-tc-requestid".into(), ID.into())];
    assert!(matches!(
        classify(200, &owned, body),
        Classified::Success(_)
    ));
    let map: std::collections::HashMap<String, String> = owned.iter().cloned().collect();
    assert!(matches!(classify(200, &map, body), Classified::Success(_)));
    let bytes: Vec<(&[u8], Vec<u8>)> = vec![(b"X-TC-RequestId", ID.as_bytes().to_vec())];
    assert!(decode::<(), _, _>(200, bytes, body).is_ok());
}

#[test]
fn into_parts_keeps_the_request_id_of_a_success() {
    let body = format!(r#"{{"Response": {{"TotalCount": 3, "RequestId": "{ID}"}}}}"#);
    let response: Response<Disks> = serde_json::from_str(&body).unwrap();
    let (request_id, result) = response.into_parts();
    assert_eq!((request_id.as_str(), result.unwrap().total_count), (ID, 3));
}

/// Regression: every finding counted its column from the start of the line, so a 3.4 MB
/// one-line body of repeated keys took about 20 s, in `validate` and in `classify`. 450,000
/// findings on one 3 MB line now take time linear in the input through every entry point
/// an SDK can hand a hostile body; the bound is generous (a debug build on a busy machine).
#[test]
fn positions_cost_linear_time_whatever_the_number_of_findings() {
    let mut body = format!(r#"{{"Response": {{"RequestId": "{ID}""#);
    for _ in 0..450_000 {
        body.push_str(r#","ab":1"#);
    }
    body.push_str("}}");
    assert!(body.len() > 3_000_000);
    let started = Instant::now();
    // Every finding kept, to place them all.
    let report = Validator::new()
        .max_findings(usize::MAX)
        .validate(body.as_bytes());
    let problem = protocol_rule(body.as_bytes());
    let refused = Envelope::from_slice(body.as_bytes()).is_err();
    let decoded = decode::<serde_json::Value, _, _>(200, JSON, body.as_bytes());
    let elapsed = started.elapsed();
    assert!(refused && matches!(decoded, Err(CallError::Protocol(_))));
    assert_eq!(report.diagnostics().len(), 449_999);
    let last = report.diagnostics().last().unwrap();
    assert_eq!((last.line(), last.column()), (1, body.len() - 2 - 6 + 1));
    assert_eq!(problem, Some(Rule::DuplicateKey));
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

#[test]
fn every_public_type_is_send_and_sync() {
    fn both<T: Send + Sync>() {}
    use tencentcloud_envelope::*;
    both::<ApiError>();
    both::<CallError>();
    both::<Call<'static>>();
    both::<Category>();
    both::<Classified<'static>>();
    both::<CommonCode>();
    both::<Consequence>();
    both::<Diagnostic>();
    both::<EmptyErrorCode>();
    both::<Envelope<'static>>();
    both::<ErrorCode>();
    both::<ErrorView<'static>>();
    both::<Event>();
    both::<EventStream>();
    both::<Events<&'static [u8]>>();
    both::<InvalidEnvelope>();
    both::<Outcome>();
    both::<Payload<'static>>();
    both::<PayloadError>();
    both::<ProductCode>();
    both::<ProtocolError>();
    both::<RawJson<'static>>();
    both::<Reply<serde_json::Value>>();
    both::<Report>();
    both::<RequestIdSource>();
    both::<Response<serde_json::Value>>();
    both::<Rule>();
    both::<Schema>();
    both::<SchemaError>();
    both::<ServiceError>();
    both::<Severity>();
    both::<StreamError>();
    both::<StreamItem>();
    both::<Success<'static>>();
    both::<UnknownCommonCode>();
    both::<Validator>();
}

/// Regression: a payload member named `$serde_json::private::RawValue` was a success to the
/// validator while `Response<Value>` failed or read `{"X":{"a":1}}` from other bytes, because
/// `serde_json`'s `raw_value` feature (which the crate enabled, and feature unification spreads)
/// gives that key a meaning. The key is now a fatal finding, whatever the features.
#[test]
fn serde_jsons_reserved_keys_are_refused() {
    for key in [
        "$serde_json::private::RawValue",
        "$serde_json::private::Number",
    ] {
        let body =
            format!(r#"{{"Response": {{"X": {{"{key}": "{{\"a\":1}}"}}, "RequestId": "{ID}"}}}}"#);
        assert!(validate(body.as_bytes()).has(Rule::ReservedKey), "{key}");
        assert_eq!(
            protocol_rule(body.as_bytes()),
            Some(Rule::ReservedKey),
            "{key}"
        );
        assert!(matches!(
            decode::<serde_json::Value, _, _>(200, JSON, body.as_bytes()),
            Err(CallError::Protocol(_))
        ));
    }
}

/// A payload type that declares `RequestId` round-trips through `Response<T>` with the member
/// written once.
#[test]
fn a_payload_that_declares_the_request_id_serializes_it_once() {
    #[derive(Debug, PartialEq, Deserialize, serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Sdk {
        total_count: u64,
        request_id: String,
    }
    let body = format!(r#"{{"Response": {{"TotalCount": 3, "RequestId": "{ID}"}}}}"#);
    let response: Response<Sdk> = serde_json::from_str(&body).unwrap();
    let text = serde_json::to_string(&response).unwrap();
    assert_eq!(text.matches("RequestId").count(), 1, "{text}");
    assert_eq!(
        serde_json::from_str::<Response<Sdk>>(&text).unwrap(),
        response
    );
}

/// Retry advice reaches every error a call can end in.
#[test]
fn every_call_error_carries_retry_advice() {
    use tencentcloud_envelope::RetryAdvice;
    let page = b"<html>Bad Gateway</html>";
    for (status, advice) in [
        (502, RetryAdvice::RetryIfIdempotent),
        (503, RetryAdvice::Retry),
        (429, RetryAdvice::Retry),
        (200, RetryAdvice::DoNotRetry),
    ] {
        let error = decode::<(), _, _>(status, JSON, page).unwrap_err();
        assert_eq!(error.retry_advice(), advice, "{status}");
        assert_eq!(error.is_retryable(), advice.is_retryable(), "{status}");
    }
    let throttled = format!(
        r#"{{"Response": {{"Error": {{"Code": "RequestLimitExceeded", "Message": "m"}}, "RequestId": "{ID}"}}}}"#
    );
    let error = decode::<(), _, _>(200, JSON, throttled.as_bytes()).unwrap_err();
    assert_eq!(error.retry_advice(), RetryAdvice::Retry);
    let bad = format!(r#"{{"Response": {{"TotalCount": "x", "RequestId": "{ID}"}}}}"#);
    let error = decode::<Disks, _, _>(200, JSON, bad.as_bytes()).unwrap_err();
    assert_eq!(error.retry_advice(), RetryAdvice::DoNotRetry);
}

/// The payload type docs/sdk.md declares, as it declares it.
const DOCS_TYPE: &str = "struct DescribeDisks {
    total_count: u64,
    request_id: String,
}";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeDisks {
    total_count: u64,
    request_id: String,
}

/// Regression (friction 10): with the id only in `X-TC-RequestId`, the docs' own payload type
/// failed with "missing field `RequestId`" at line 0, column 0, though the guide promises the
/// header's id for a body without one; a body whose `RequestId` was empty or not a string
/// handed the type that instead of the header's id.
#[test]
fn the_docs_payload_type_gets_the_header_id_when_the_body_has_none() {
    assert!(
        include_str!("../../docs/sdk.md").contains(DOCS_TYPE),
        "docs/sdk.md no longer declares the type this test reads"
    );
    let headers = [("Content-Type", "application/json"), ("X-TC-RequestId", ID)];
    for body in [
        r#"{"Response": {"TotalCount": 3}}"#,
        r#"{"Response": {"TotalCount": 3, "RequestId": ""}}"#,
        r#"{"Response": {"TotalCount": 3, "RequestId": 7}}"#,
    ] {
        let reply = decode::<DescribeDisks, _, _>(200, headers, body.as_bytes())
            .unwrap_or_else(|error| panic!("{body}: {error}"));
        assert_eq!(reply.request_id_source(), RequestIdSource::Header, "{body}");
        assert_eq!(
            (
                reply.payload().total_count,
                reply.payload().request_id.as_str()
            ),
            (3, ID),
            "{body}"
        );
        match classify(200, headers, body.as_bytes()) {
            Classified::Success(success) => {
                let payload = success.envelope().payload().unwrap();
                assert_eq!(
                    payload.deserialize::<DescribeDisks>().unwrap().request_id,
                    ID
                );
                let disks: DescribeDisks = success.into_envelope().into_result().unwrap();
                assert_eq!(disks.request_id, ID, "{body}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code, reason = "read only to fail")]
struct Disk {
    disk_id: String,
    disk_size: u64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code, reason = "read only to fail")]
struct DiskSet {
    disk_set: Vec<Disk>,
    total_count: u64,
}

/// The `Display` of an error and of each of its sources, as an error reporter prints them.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Regression (friction 11): a payload error's `Display` did not say what was wrong, nor in
/// which member, and the only position (`json_error()`'s) counted from the member's start.
#[test]
fn a_payload_error_names_its_member_and_cause_and_places_them_in_the_body() {
    let body = format!(
        "{{\"Response\": {{\n  \"Note\": \"云盘\",\n  \"DiskSet\": [\n    {{\"DiskId\": \"disk-1\", \"DiskSize\": 50}},\n    {{\"DiskId\": \"磁盘-2\", \"DiskSize\": \"big\"}}\n  ],\n  \"TotalCount\": 2,\n  \"RequestId\": \"{ID}\"\n}}}}"
    );
    let error = match decode::<DiskSet, _, _>(200, JSON, body.as_bytes()) {
        Err(CallError::Payload(error)) => error,
        other => panic!("{other:?}"),
    };
    // Line 5 is `    {"DiskId": "磁盘-2", "DiskSize": "big"}`; serde_json stops at the
    // quote that closes "big", the 40th character of the line.
    assert_eq!(error.member(), Some("DiskSet"));
    assert_eq!((error.line(), error.column()), (5, 40));
    let shown = error.to_string();
    let cause = r#"invalid type: string "big", expected u64"#;
    for part in [ID, "`DiskSet`", "line 5, column 40", cause] {
        assert!(shown.contains(part), "{part} in {shown}");
    }
    let reported = chain(&CallError::Payload(error));
    assert_eq!(reported.matches(cause).count(), 1, "{reported}");

    let body = format!(
        "{{\"Response\": {{\"DiskSet\": [],\n  \"TotalCount\": \"many\",\n\n  \"RequestId\": \"{ID}\"}}}}"
    );
    // Line 2 is `  "TotalCount": "many",`: the closing quote is its 22nd character.
    let placed = |error: &tencentcloud_envelope::PayloadError| {
        (
            error.member().map(str::to_owned),
            error.line(),
            error.column(),
        )
    };
    match decode::<DiskSet, _, _>(200, JSON, body.as_bytes()) {
        Err(CallError::Payload(error)) => {
            assert_eq!(placed(&error), (Some("TotalCount".to_owned()), 2, 22));
        }
        other => panic!("{other:?}"),
    }
    match Envelope::from_slice(body.as_bytes())
        .unwrap()
        .into_result::<DiskSet>()
    {
        Err(CallError::Payload(error)) => {
            assert_eq!(placed(&error), (Some("TotalCount".to_owned()), 2, 22));
        }
        other => panic!("{other:?}"),
    }
}

/// A field the payload lacks belongs to no member: the error says which field, and has no
/// place in the body.
#[test]
fn a_missing_field_is_named_without_a_member() {
    let body = format!(r#"{{"Response": {{"DiskSet": [], "RequestId": "{ID}"}}}}"#);
    match decode::<DiskSet, _, _>(200, JSON, body.as_bytes()) {
        Err(CallError::Payload(error)) => {
            assert_eq!((error.member(), error.line(), error.column()), (None, 0, 0));
            let shown = error.to_string();
            assert!(shown.contains("missing field `TotalCount`"), "{shown}");
            assert!(!shown.contains("line"), "{shown}");
        }
        other => panic!("{other:?}"),
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "read only to fail")]
struct Count {
    #[serde(rename = "TotalCount")]
    total_count: u64,
}

proptest::proptest! {
    /// Wherever the member that fails stands (after other members, newlines, characters of
    /// several bytes, a byte order mark), the error is placed where the body has it: at the
    /// quote that closes the string `u64` refuses, counted as a `Diagnostic` counts.
    #[test]
    fn a_payload_error_is_placed_where_the_body_has_it(
        before in proptest::collection::vec(("[A-Z][a-z]{0,6}", "[a-z云é \n]{0,8}"), 0..4),
        gaps in proptest::collection::vec("[ \n\t]{0,3}", 4),
        bom in proptest::bool::ANY,
    ) {
        let mut text = String::from(r#"{"Response": {"#);
        for (i, (name, value)) in before.iter().enumerate() {
            let value = serde_json::to_string(value).unwrap();
            write!(text, "{}\"{name}{i}\": {value},", gaps[0]).unwrap();
        }
        write!(
            text,
            "{}\"TotalCount\":{}\"many\"{}, \"RequestId\": \"{ID}\"}}}}",
            gaps[1], gaps[2], gaps[3]
        )
        .unwrap();
        let closing = text.find("many\"").unwrap() + "many".len();
        let lines: Vec<&str> = text[..closing].split('\n').collect();
        let expected = (lines.len(), lines.last().unwrap().chars().count() + 1);
        let body = if bom { format!("\u{feff}{text}") } else { text.clone() };
        match decode::<Count, _, _>(200, JSON, body.as_bytes()) {
            Err(CallError::Payload(error)) => {
                proptest::prop_assert_eq!(error.member(), Some("TotalCount"));
                proptest::prop_assert_eq!((error.line(), error.column()), expected, "{}", text);
            }
            other => proptest::prop_assert!(false, "{:?}", other),
        }
    }
}
