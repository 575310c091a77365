//! Whole HTTP responses: status, headers and body, as an SDK holds them.

use tencentcloud_envelope::{
    Classified, CommonCode, ProtocolError, RequestIdSource, Rule, classify, is_json_content_type,
};

const ID: &str = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6";
const JSON: (&str, &str) = ("Content-Type", "application/json; charset=utf-8");

fn error_body() -> String {
    format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "boom"}}, "RequestId": "{ID}"}}}}"#
    )
}

fn protocol_error(classified: Classified) -> ProtocolError {
    match classified {
        Classified::ProtocolError(problem) => problem,
        other => panic!("expected a protocol error, got {other:?}"),
    }
}

#[test]
fn an_error_envelope_is_the_service_error_at_any_status() {
    for status in [200, 400, 500] {
        let body = error_body();
        match classify(status, [JSON], body.as_bytes()) {
            Classified::ServiceError(error) => {
                assert_eq!(error.status(), Some(status));
                assert_eq!(error.code(), &CommonCode::InternalError);
                assert_eq!(error.request_id(), ID);
                assert!(error.is_retryable());
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[test]
fn the_body_decides_whatever_the_content_type_says() {
    let body = error_body();
    for content_type in [
        Some("application/json"),
        Some("text/plain"),
        Some("application/octet-stream"),
        None,
    ] {
        let headers: Vec<(&str, &str)> = content_type
            .map(|v| ("Content-Type", v))
            .into_iter()
            .collect();
        let classified = classify(200, &headers, body.as_bytes());
        assert!(
            matches!(&classified, Classified::ServiceError(error) if error.code() == &CommonCode::InternalError),
            "{content_type:?}: {classified:?}"
        );
    }
}

#[test]
fn content_type_letter_case_and_parameters_do_not_matter() {
    // The header is found under any letter case of its name, and kept as sent.
    for name in ["Content-Type", "content-type", "CONTENT-TYPE"] {
        let problem = protocol_error(classify(
            502,
            [(name, "Text/HTML; Charset=UTF-8")],
            b"<html>",
        ));
        assert_eq!(
            problem.content_type(),
            Some("Text/HTML; Charset=UTF-8"),
            "{name}"
        );
    }
    // Its value names JSON under any letter case and with any parameters.
    for json in [
        "application/json",
        "APPLICATION/JSON;CHARSET=UTF-8",
        "Application/Json ; charset=utf-8",
        "application/problem+JSON",
    ] {
        assert!(is_json_content_type(json), "{json}");
    }
    for other in [
        "text/plain",
        "TEXT/JSON",
        "application/json-seq",
        "application/jsonx; a=application/json",
    ] {
        assert!(!is_json_content_type(other), "{other}");
    }
}

#[test]
fn a_gateway_page_is_a_retryable_protocol_error_with_a_bounded_excerpt() {
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(100_000)
    );
    let headers = [("Content-Type", "text/html"), ("X-TC-RequestId", ID)];
    let problem = protocol_error(classify(502, headers, page.as_bytes()));
    assert_eq!(problem.status(), 502);
    assert_eq!(problem.content_type(), Some("text/html"));
    assert_eq!(problem.request_id(), Some(ID));
    assert_eq!(problem.rule(), Rule::InvalidJson);
    assert!(problem.is_retryable());
    assert_eq!(
        problem.excerpt().chars().count(),
        ProtocolError::EXCERPT_CHARS
    );
    assert!(
        problem
            .excerpt()
            .starts_with("<html><head><title>502 Bad Gateway")
    );
    let shown = problem.to_string();
    assert!(shown.len() < 600, "{} bytes", shown.len());
    assert!(shown.contains("HTTP 502") && shown.contains(ID), "{shown}");
}

#[test]
fn an_empty_or_truncated_200_is_a_protocol_error_that_will_not_go_away() {
    for body in ["", r#"{"Response": {"TotalCount": 1, "Requ"#] {
        let problem = protocol_error(classify(200, [JSON], body.as_bytes()));
        assert_eq!(problem.rule(), Rule::InvalidJson, "{body:?}");
        assert!(!problem.is_retryable());
    }
}

#[test]
fn the_header_supplies_a_missing_request_id() {
    let body = br#"{"Response": {"TotalCount": 0}}"#;
    match classify(200, [JSON, ("x-tc-requestid", ID)], body) {
        Classified::Success(success) => {
            assert_eq!(success.envelope().request_id(), ID);
            assert_eq!(success.request_id_source(), RequestIdSource::Header);
            assert_eq!(
                success
                    .envelope()
                    .payload()
                    .unwrap()
                    .get("TotalCount")
                    .unwrap()
                    .get(),
                "0"
            );
        }
        other => panic!("{other:?}"),
    }
    let problem = protocol_error(classify(200, [JSON], body));
    assert_eq!(problem.rule(), Rule::MissingRequestId);
}

#[test]
fn the_body_request_id_wins_over_the_header() {
    let body = format!(r#"{{"Response": {{"RequestId": "{ID}"}}}}"#);
    match classify(200, [("X-TC-RequestId", "from-header")], body.as_bytes()) {
        Classified::Success(success) => {
            assert_eq!(success.envelope().request_id(), ID);
            assert_eq!(success.request_id_source(), RequestIdSource::Body);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_legacy_reply_is_a_protocol_error() {
    let body = br#"{"code": 4100, "message": "authentication failed", "codeDesc": "AuthFailure"}"#;
    let problem = protocol_error(classify(200, Vec::<(String, String)>::new(), body));
    assert_eq!(problem.rule(), Rule::LegacyEnvelope);
}

#[test]
fn headers_may_be_bytes_or_strings() {
    let body = error_body();
    let owned = vec![(
        String::from("Content-Type"),
        String::from("application/json"),
    )];
    assert!(matches!(
        classify(500, owned, body.as_bytes()),
        Classified::ServiceError { .. }
    ));
    let bytes: [(&[u8], &[u8]); 1] = [(b"content-type", b"application/json")];
    assert!(matches!(
        classify(500, bytes, body.as_bytes()),
        Classified::ServiceError { .. }
    ));
}

/// `classify` and `decode` carry the same data for the same failure: the status, the
/// `DeprecatedWarning` and the tolerated findings (issue 27, item 6).
#[test]
fn a_service_error_keeps_what_came_with_it_as_decode_does() {
    let body = br#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"},
        "DeprecatedWarning": "use DescribeDisks", "RequestId": "not-a-uuid"}}"#;
    let Classified::ServiceError(classified) = classify(503, [JSON], body) else {
        panic!("not a service error")
    };
    let Err(tencentcloud_envelope::CallError::Service(decoded)) =
        tencentcloud_envelope::decode::<serde::de::IgnoredAny, _, _>(503, [JSON], body)
    else {
        panic!("decode: not a service error")
    };
    assert_eq!(classified.status(), Some(503));
    assert_eq!(classified.deprecated_warning(), Some("use DescribeDisks"));
    let rules: Vec<&str> = classified
        .findings()
        .iter()
        .map(|d| d.rule().as_str())
        .collect();
    assert_eq!(rules, ["deprecated-action", "request-id-not-uuid"]);
    assert_eq!(&classified, decoded.as_ref());
}

/// A service error's message is the service's error and the status, said once: the error is
/// not also its source.
#[test]
fn a_service_error_says_its_error_and_status_once() {
    let Classified::ServiceError(error) = classify(400, [JSON], error_body().as_bytes()) else {
        panic!("not a service error")
    };
    let shown = error.to_string();
    assert!(shown.ends_with(" (HTTP 400)"), "{shown}");
    assert!(shown.contains("InternalError"), "{shown}");
    assert!(std::error::Error::source(&error).is_none());
}
