//! Hostile input: each test states the bound it holds or the decision it pins down.

use tencentcloud_envelope::{Envelope, Outcome, Response, Rule, Severity, validate};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

fn envelope_with(value: &str) -> Vec<u8> {
    format!(r#"{{"Response": {{"Value": {value}, "RequestId": "{ID}"}}}}"#).into_bytes()
}

fn error_rules(input: &[u8]) -> Vec<Rule> {
    validate(input)
        .diagnostics()
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect()
}

#[test]
fn a_million_levels_of_nesting_are_invalid_json_at_the_limit() {
    for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
        let deep = format!("{}{}", open.repeat(1_000_000), close.repeat(1_000_000));
        let report = validate(deep.as_bytes());
        assert_eq!(error_rules(deep.as_bytes()), [Rule::InvalidJson]);
        let diagnostic = &report.diagnostics()[0];
        assert_eq!(
            diagnostic.message(),
            "nesting deeper than the limit of 128 levels"
        );
        // It stops at the 129th level instead of reading on.
        assert_eq!(diagnostic.column(), 128 * open.len() + 1);
        // The typed parsers keep serde_json's own limit.
        assert!(serde_json::from_slice::<Response<serde_json::Value>>(deep.as_bytes()).is_err());
        assert!(Envelope::from_slice(deep.as_bytes()).is_err());
    }
}

#[test]
fn two_hundred_thousand_distinct_keys_are_checked_and_one_repeat_is_found() {
    let members: Vec<String> = (0..200_000).map(|k| format!(r#""K{k}": {k}"#)).collect();
    let wide = format!(
        r#"{{"Response": {{"Wide": {{{}}}, "RequestId": "{ID}"}}}}"#,
        members.join(",")
    );
    assert_eq!(validate(wide.as_bytes()).outcome(), Outcome::Success);

    let repeated = wide.replacen(r#""K199999""#, r#""K7""#, 1);
    let report = validate(repeated.as_bytes());
    let duplicates: Vec<_> = report
        .diagnostics()
        .iter()
        .filter(|d| d.rule() == Rule::DuplicateKey)
        .collect();
    assert_eq!(duplicates.len(), 1);
    assert_eq!(duplicates[0].pointer(), "/Response/Wide/K7");
    assert_eq!(duplicates[0].offset(), repeated.rfind(r#""K7""#).unwrap());
}

/// `(what, value or whole input, accepted)`: how each awkward input is decided.
fn unicode_and_number_cases() -> Vec<(&'static str, Vec<u8>, bool)> {
    let raw = |bytes: &[u8]| {
        let mut input = br#"{"Response": {"Value": ""#.to_vec();
        input.extend_from_slice(bytes);
        input.extend_from_slice(format!(r#"", "RequestId": "{ID}"}}}}"#).as_bytes());
        input
    };
    vec![
        ("invalid UTF-8 byte", raw(b"\xFF"), false),
        ("overlong encoding of '/'", raw(b"\xC0\xAF"), false),
        ("surrogate encoded as UTF-8", raw(b"\xED\xA0\x80"), false),
        ("truncated multi-byte character", raw(b"\xE4\xB8"), false),
        (
            "lone leading surrogate escape",
            envelope_with(r#""\ud800""#),
            false,
        ),
        (
            "lone trailing surrogate escape",
            envelope_with(r#""\udc00""#),
            false,
        ),
        (
            "surrogate pair escape",
            envelope_with(r#""\ud83d\ude00""#),
            true,
        ),
        ("raw NUL inside a string", raw(b"\x00"), false),
        (
            "escaped NUL inside a string",
            envelope_with(r#""a\u0000b""#),
            true,
        ),
        (
            "NUL between tokens",
            format!("{{\"Response\": {{\"RequestId\": \"{ID}\"}}\0}}").into_bytes(),
            false,
        ),
        ("number beyond f64", envelope_with("1e999"), false),
        ("negative number beyond f64", envelope_with("-1e999"), false),
        ("negative zero", envelope_with("-0"), true),
        (
            "negative zero with fraction",
            envelope_with("-0.0e-0"),
            true,
        ),
        (
            "u64::MAX, 20 digits",
            envelope_with("18446744073709551615"),
            true,
        ),
        (
            "20 digits beyond u64",
            envelope_with("99999999999999999999"),
            true,
        ),
        ("400-digit integer", envelope_with(&"9".repeat(400)), false),
        ("smallest subnormal", envelope_with("5e-324"), true),
        ("underflow to zero", envelope_with("1e-999"), true),
        ("leading zero", envelope_with("01"), false),
        ("plus sign", envelope_with("+1"), false),
        ("NaN literal", envelope_with("NaN"), false),
    ]
}

#[test]
fn awkward_unicode_and_numbers_are_decided_as_documented() {
    for (what, input, accepted) in unicode_and_number_cases() {
        let rules = error_rules(&input);
        if accepted {
            assert!(rules.is_empty(), "{what}: {rules:?}");
        } else {
            assert_eq!(rules, [Rule::InvalidJson], "{what}");
        }
        // Parsing the payload agrees with the validator; the envelope view, which leaves the
        // payload's strings undecoded, accepts at least as much.
        assert_eq!(
            serde_json::from_slice::<Response<serde_json::Value>>(&input).is_ok(),
            accepted,
            "{what}"
        );
        if accepted {
            assert!(Envelope::from_slice(&input).is_ok(), "{what}");
        }
    }
}

#[test]
fn every_cut_of_a_body_is_invalid_json_and_names_the_request_id_once_read() {
    let body = format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "d\u00e9j\u00e0 \"vu\""}}, "RequestId": "{ID}", "Tail": [1, 2.5, null, {{"x": true}}]}}}}"#
    );
    let id_read_at = body.find(ID).unwrap() + ID.len() + 1;
    for cut in 0..body.len() {
        let prefix = &body.as_bytes()[..cut];
        assert_eq!(error_rules(prefix), [Rule::InvalidJson], "cut at {cut}");
        let report = validate(prefix);
        assert_eq!(
            report.request_id().is_some(),
            cut >= id_read_at,
            "cut at {cut}"
        );
        let invalid = report
            .diagnostics()
            .iter()
            .find(|d| d.rule() == Rule::InvalidJson)
            .unwrap();
        assert_eq!(invalid.offset(), cut, "the error is at the cut");
    }
    assert_eq!(validate(body.as_bytes()).outcome(), Outcome::Failure);
}

/// Regression: `1.7976931348623158e308` (`f64::MAX` itself) was refused as "number out of
/// range" while `1.79769313486231580e308` passed. Every value a double holds is accepted,
/// spelled any way JSON allows; what rounds past `f64::MAX` is not.
#[test]
fn every_number_a_double_holds_is_accepted_at_the_edges() {
    let max_digits = format!("{:.0}", f64::MAX);
    let accepted = [
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.79769313486231580e308",
        "-1.7976931348623158e308",
        "17976931348623158e292",
        "0.17976931348623158e309",
        max_digits.as_str(),
        "5e-324",
        "4.9406564584124654e-324",
        "2.4703282292062328e-324",
        "2e-324",
        "-5e-324",
        "2.2250738585072014e-308",
        "1e-400",
    ];
    for number in accepted {
        let body = format!(
            r#"{{"Response": {{"X": {number}, "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}}}"#
        );
        let report = validate(body.as_bytes());
        assert_eq!(report.outcome(), Outcome::Success, "{number}: {report:?}");
        let envelope = Envelope::from_slice(body.as_bytes()).unwrap();
        assert_eq!(
            envelope.payload().unwrap().get("X").unwrap().get(),
            number,
            "the text is kept"
        );
    }
    for number in ["1.7976931348623159e308", "1.8e308", "-1e309", "1e999"] {
        let body = format!(r#"{{"Response": {{"X": {number}, "RequestId": "r"}}}}"#);
        assert!(validate(body.as_bytes()).has(Rule::InvalidJson), "{number}");
    }
    // A refused number elsewhere still fails the body after a misread one is forgiven.
    let both = r#"{"Response": {"X": 1.7976931348623158e308, "Y": 1e999, "RequestId": "r"}}"#;
    assert!(validate(both.as_bytes()).has(Rule::InvalidJson));
}
