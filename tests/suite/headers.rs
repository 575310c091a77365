//! The `X-TC-RequestId` response header as the readers (`classify`, `decode`) take it, and
//! what their errors show of it: the rule for several such headers, values that are not
//! UTF-8, and text from the response made inert in every `Display`.

use proptest::prelude::*;
use serde::Deserialize;
use tencentcloud_envelope::{
    CallError, Classified, Consequence, Envelope, RequestIdSource, Rule, Severity, classify, decode,
};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";
const OTHER: &str = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6";
/// A body without `RequestId`: only a header can give it one.
const NO_ID: &[u8] = br#"{"Response": {"TotalCount": 0}}"#;
/// A body with a `RequestId` that draws no finding.
const WITH_ID: &[u8] = br#"{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;

fn header(value: &[u8]) -> (&'static [u8], Vec<u8>) {
    (b"X-TC-RequestId", value.to_vec())
}

/// The request id `classify` gives a body without one, under `headers`.
fn id_from(headers: &[(&'static [u8], Vec<u8>)]) -> Result<String, Rule> {
    match classify(200, headers, NO_ID) {
        Classified::Success(success) => {
            assert_eq!(success.request_id_source(), RequestIdSource::Header);
            Ok(success.envelope().request_id().to_owned())
        }
        Classified::ProtocolError(problem) => Err(problem.rule()),
        other @ Classified::ServiceError { .. } => panic!("{other:?}"),
    }
}

/// Regression: a later blank header erased the id an earlier one gave, and the call became
/// a protocol error (`missing-request-id`).
#[test]
fn a_later_blank_header_does_not_erase_an_earlier_id() {
    for blank in [&b""[..], b"   ", b"\t"] {
        assert_eq!(
            id_from(&[header(ID.as_bytes()), header(blank)]),
            Ok(ID.to_owned())
        );
        assert_eq!(
            id_from(&[header(blank), header(ID.as_bytes())]),
            Ok(ID.to_owned())
        );
    }
}

/// Regression: of two headers that differ, the last won.
#[test]
fn the_first_of_several_header_ids_is_the_id() {
    let headers = [
        (&b"x-tc-requestid"[..], ID.as_bytes().to_vec()),
        (&b"X-TC-REQUESTID"[..], OTHER.as_bytes().to_vec()),
    ];
    assert_eq!(id_from(&headers), Ok(ID.to_owned()));
    let body = br#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}}}"#;
    match decode::<(), _, _>(500, headers, body) {
        Err(CallError::Service(error)) => assert_eq!(error.request_id(), ID),
        other => panic!("{other:?}"),
    }
}

/// Regression: a value that is not UTF-8 became an id with U+FFFD in it.
#[test]
fn a_header_value_that_is_not_utf8_is_no_id() {
    let broken = b"b5b41468-520d-4192-\xff\xfe-595cc34b6c1c";
    assert_eq!(
        id_from(&[header(broken), header(ID.as_bytes())]),
        Ok(ID.to_owned())
    );
    assert_eq!(id_from(&[header(broken)]), Err(Rule::MissingRequestId));
    match classify(502, [header(broken)], b"<html>Bad Gateway</html>") {
        Classified::ProtocolError(problem) => {
            assert_eq!(problem.request_id(), None);
            assert!(!problem.to_string().contains('\u{fffd}'), "{problem}");
        }
        other => panic!("{other:?}"),
    }
}

/// The rules a response's findings name, under `headers`, for `body`.
fn rules(headers: &[(&'static [u8], Vec<u8>)], body: &[u8]) -> Vec<&'static str> {
    match classify(200, headers, body) {
        Classified::Success(success) => success
            .envelope()
            .findings()
            .iter()
            .map(|d| d.rule().as_str())
            .collect(),
        other => panic!("{other:?}"),
    }
}

/// The findings the readers hand over when the headers disagree or one is not UTF-8: one per
/// rule and response, however many headers drew it, before the body's findings, and with no
/// place in the body (pointer `""`, line and column 0).
#[test]
fn disagreeing_or_unreadable_header_ids_are_tolerated_findings() {
    let same = [header(ID.as_bytes()), header(ID.as_bytes())];
    assert!(rules(&same, WITH_ID).is_empty());
    let differ = [header(ID.as_bytes()), header(OTHER.as_bytes())];
    assert_eq!(rules(&differ, WITH_ID), ["request-id-headers-differ"]);
    // The header's id stands in for the body's, whose lack is still a finding.
    assert_eq!(
        rules(&differ, NO_ID),
        ["request-id-headers-differ", "missing-request-id"]
    );
    let broken = [header(b"\xff"), header(ID.as_bytes())];
    assert_eq!(rules(&broken, WITH_ID), ["request-id-header-not-utf8"]);

    let body = br#"{"Response": {"RequestId": "not-a-uuid"}}"#;
    let both = [
        header(b"\xfe\xff"),
        header(ID.as_bytes()),
        header(b"\xc3"),
        header(OTHER.as_bytes()),
        header(b"third"),
        header(OTHER.as_bytes()),
    ];
    assert_eq!(
        rules(&both, body),
        [
            "request-id-header-not-utf8",
            "request-id-headers-differ",
            "request-id-not-uuid"
        ]
    );
    let Classified::Success(success) = classify(200, &both, body) else {
        panic!("a success");
    };
    let findings = success.envelope().findings();
    for finding in &findings[..2] {
        assert_eq!(
            (finding.pointer(), finding.line(), finding.column()),
            ("", 0, 0)
        );
        assert_eq!(finding.severity(), Severity::Warning);
        assert_eq!(finding.rule().consequence(), Consequence::Tolerated);
    }
    assert_eq!(
        findings[0].message(),
        "2 `X-TC-RequestId` headers are not UTF-8 (the first has 2 bytes), so they give no request id"
    );
    assert_eq!(
        findings[1].message(),
        format!(
            "the `X-TC-RequestId` headers differ: the first, `{ID}`, is the request id; 3 later headers give others, the first `{OTHER}`"
        )
    );
    // The body's request id is the reply's; the headers' findings come along all the same.
    assert_eq!(success.envelope().request_id(), "not-a-uuid");
}

/// `decode` hands the headers' findings over with the payload and with the service's error.
#[test]
fn decode_hands_the_header_findings_over_too() {
    let differ = [header(ID.as_bytes()), header(OTHER.as_bytes())];
    let reply = decode::<serde::de::IgnoredAny, _, _>(200, &differ, WITH_ID).unwrap();
    let rules: Vec<_> = reply
        .findings()
        .iter()
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect();
    assert_eq!(rules, [Rule::RequestIdHeadersDiffer]);
    let failure = br#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"},
        "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    match decode::<(), _, _>(500, &differ, failure) {
        Err(CallError::Service(error)) => {
            let rules: Vec<_> = error
                .findings()
                .iter()
                .map(tencentcloud_envelope::Diagnostic::rule)
                .collect();
            assert_eq!(rules, [Rule::RequestIdHeadersDiffer]);
        }
        other => panic!("{other:?}"),
    }
}

/// The rule for several headers, written out plainly: the id, and which rules the headers
/// break, in the order first met.
fn model(values: &[Vec<u8>]) -> (Option<String>, Vec<&'static str>) {
    let mut id: Option<String> = None;
    let mut rules = Vec::new();
    for value in values {
        let value = value.trim_ascii();
        if value.is_empty() {
            continue;
        }
        let rule = match std::str::from_utf8(value) {
            Err(_) => Some("request-id-header-not-utf8"),
            Ok(text) => match &id {
                None => {
                    id = Some(text.to_owned());
                    None
                }
                Some(first) if first == text => None,
                Some(_) => Some("request-id-headers-differ"),
            },
        };
        if let Some(rule) = rule.filter(|rule| !rules.contains(rule)) {
            rules.push(rule);
        }
    }
    (id, rules)
}

proptest! {
    #[test]
    fn header_ids_and_findings_follow_the_rule(
        values in prop::collection::vec(
            prop_oneof![
                Just(b"a".to_vec()),
                Just(b" a\t".to_vec()),
                Just(b"b".to_vec()),
                Just(b" ".to_vec()),
                Just(Vec::new()),
                Just(b"\xff".to_vec()),
                prop::collection::vec(any::<u8>(), 0..4),
            ],
            0..8,
        )
    ) {
        let headers: Vec<_> = values.iter().map(|value| header(value)).collect();
        let (id, wanted) = model(&values);
        prop_assert_eq!(rules(&headers, WITH_ID), wanted);
        match classify(200, &headers, NO_ID) {
            Classified::Success(success) => {
                prop_assert_eq!(Some(success.envelope().request_id().to_owned()), id);
            }
            Classified::ProtocolError(problem) => {
                prop_assert_eq!(problem.rule(), Rule::MissingRequestId);
                prop_assert_eq!(id, None);
            }
            other @ Classified::ServiceError { .. } => panic!("{other:?}"),
        }
    }
}

/// Whether a terminal would act on `c` instead of showing it: control characters, the
/// Unicode `Bidi_Control` characters, line and paragraph separators, and invisible marks
/// (zero width, word joiner, byte order mark). Written here, not taken from the crate.
fn is_active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Text from a response with every kind of active character in it.
const HOSTILE: &str = "id\u{1b}[2J\u{7}\u{9b}\u{202e}\u{2066}\u{061c}\u{200f}\u{2028}\u{feff}\n";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[allow(dead_code, reason = "read only to fail")]
struct Strict {
    #[serde(default)]
    total_count: u64,
}

/// What every error a call can end in shows, with `text` in a header, a key, a message and
/// a request id of the response.
fn shown(text: &str) -> Vec<String> {
    let json = serde_json::to_string(text).unwrap();
    let id = [header(text.as_bytes()), (b"Content-Type", text.into())];
    let failure =
        format!(r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": {json}}}}}}}"#);
    let in_body = format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "RequestId": {json}}}}}"#
    );
    let unknown_key = format!(r#"{{"Response": {{{json}: 1}}}}"#);
    let repeated_key = format!(r#"{{"Response": {{{json}: 1, {json}: 2}}}}"#);
    let mut shown = Vec::new();
    for (status, body) in [
        (500, failure.as_bytes()),
        (500, in_body.as_bytes()),
        (200, unknown_key.as_bytes()),
        (200, repeated_key.as_bytes()),
        (502, &b"<html>Bad Gateway</html>"[..]),
    ] {
        match decode::<Strict, _, _>(status, &id, body) {
            Err(error) => shown.push(error.to_string()),
            Ok(reply) => panic!("{:?}", reply.payload()),
        }
        if let Classified::ProtocolError(problem) = classify(status, &id, body) {
            shown.push(problem.to_string());
        }
        if let Err(invalid) = Envelope::from_slice(body) {
            shown.push(invalid.to_string());
        }
    }
    shown
}

/// Regression: control and bidirectional characters of a header's id (and of the body's
/// text) reached `Display` raw, where a terminal or a log viewer acts on them.
#[test]
fn errors_show_response_text_inert() {
    let shown = shown(HOSTILE);
    assert_eq!(shown.len(), 11, "{shown:#?}");
    for text in &shown {
        assert!(!text.chars().any(is_active), "{text:?}");
    }
    // Escaped, not dropped: the id can still be quoted to support.
    let with_id = shown.iter().filter(|text| text.contains(r"id\u{1b}[2J"));
    assert_eq!(with_id.count(), 8, "{shown:#?}");
}

proptest! {
    #[test]
    fn no_text_of_a_response_reaches_display_active(
        text in r"[a-z\x00-\x1f\x7f-\x9f\x{61c}\x{200b}-\x{200f}\x{2028}-\x{202e}\x{2060}-\x{2069}\x{feff}]{1,12}"
            .prop_filter("not blank", |t| !t.trim().is_empty())
    ) {
        for shown in shown(&text) {
            prop_assert!(!shown.chars().any(is_active), "{:?}", shown);
        }
    }
}
