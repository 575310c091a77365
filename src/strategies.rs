//! proptest strategies for SDK authors (feature `proptest`): well-formed envelopes, success
//! and failure, with any common or API-specific code, and broken ones with the rule they break,
//! so an SDK can property-test its own response handling against this crate.
//!
//! ```
//! use proptest::prelude::*;
//! use tencentcloud_envelope::{strategies, validate, Outcome};
//!
//! proptest!(|(body in strategies::failure_envelope())| {
//!     prop_assert_eq!(validate(body.as_bytes()).outcome(), Outcome::Failure);
//! });
//! ```

use proptest::prelude::*;
use proptest::sample::select;

use crate::{CommonCode, ErrorCode, Rule};

/// A request id in the documented UUID form.
pub fn request_id() -> impl Strategy<Value = String> {
    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
}

/// An error code: common, or API-specific under a common prefix, or a product's own.
pub fn error_code() -> impl Strategy<Value = ErrorCode> {
    prop_oneof![
        select(CommonCode::ALL).prop_map(ErrorCode::from),
        (select(CommonCode::ALL), "[A-Z][A-Za-z0-9]{0,16}")
            .prop_map(|(common, detail)| code(&format!("{common}.{detail}"))),
        "[A-Z][A-Za-z]{2,10}\\.[A-Z][A-Za-z]{2,10}".prop_map(|text| code(&text)),
    ]
}

fn code(text: &str) -> ErrorCode {
    text.parse()
        .unwrap_or_else(|_| ErrorCode::from(CommonCode::InternalError))
}

/// A JSON value for a payload member: scalars, lists and small objects.
fn value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[A-Z][A-Za-z]{0,8}", inner, 0..4)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

/// `{"Response": {members}}` with the members in the given order.
fn envelope_text(members: &[(String, String)]) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(key, value)| format!("{key:?}: {value}"))
        .collect();
    format!("{{\"Response\": {{{}}}}}", body.join(", "))
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A well-formed success: random payload members and `RequestId`, in random order.
pub fn success_envelope() -> impl Strategy<Value = String> {
    let payload =
        proptest::collection::btree_map("[A-Z][A-Za-z]{0,12}", value(), 0..6).prop_map(|map| {
            map.into_iter()
                .filter(|(key, _)| !matches!(key.as_str(), "Error" | "RequestId"))
                .collect::<Vec<_>>()
        });
    (payload, request_id())
        .prop_map(|(payload, id)| {
            let mut members: Vec<(String, String)> =
                payload.into_iter().map(|(k, v)| (k, json(&v))).collect();
            members.push(("RequestId".to_owned(), json(&id)));
            members
        })
        .prop_shuffle()
        .prop_map(|members| envelope_text(&members))
}

/// A well-formed failure: `Error` with any code and a non-empty message, and `RequestId`, in
/// either order.
pub fn failure_envelope() -> impl Strategy<Value = String> {
    (error_code(), "[^\u{0}]{1,40}", request_id(), any::<bool>()).prop_map(
        |(code, message, id, error_first)| {
            let error = format!(
                "{{\"Code\": {}, \"Message\": {}}}",
                json(&code.as_str()),
                json(&message)
            );
            let mut members = vec![
                ("Error".to_owned(), error),
                ("RequestId".to_owned(), json(&id)),
            ];
            if !error_first {
                members.reverse();
            }
            envelope_text(&members)
        },
    )
}

/// A well-formed envelope, success or failure.
pub fn envelope() -> impl Strategy<Value = String> {
    prop_oneof![success_envelope(), failure_envelope()]
}

/// A broken body and the error rule it breaks.
pub fn broken_envelope() -> impl Strategy<Value = (Vec<u8>, Rule)> {
    prop_oneof![
        Just((br#"{"Response": {"TotalCount": 0}}"#.to_vec(), Rule::MissingRequestId)),
        request_id().prop_map(|id| (format!(r#"{{"Response": {{"Error": null, "RequestId": "{id}"}}}}"#).into_bytes(), Rule::ErrorNotObject)),
        request_id().prop_map(|id| (format!(r#"{{"Response": {{"Error": {{"Code": 4100, "Message": "m"}}, "RequestId": "{id}"}}}}"#).into_bytes(), Rule::InvalidErrorCode)),
        request_id().prop_map(|id| (format!(r#"{{"Response": {{"RequestId": "{id}", "RequestId": "{id}"}}}}"#).into_bytes(), Rule::DuplicateKey)),
        request_id().prop_map(|id| (format!(r#"[{{"Response": {{"RequestId": "{id}"}}}}]"#).into_bytes(), Rule::NotAnObject)),
        Just((br#"{"code": 4100, "message": "failed", "codeDesc": "AuthFailure"}"#.to_vec(), Rule::LegacyEnvelope)),
        Just((b"<html><body>502 Bad Gateway</body></html>".to_vec(), Rule::InvalidJson)),
        (envelope(), any::<proptest::sample::Index>()).prop_map(|(text, cut)| {
            let mut end = cut.index(text.len().max(1));
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            (text.as_bytes().get(..end).unwrap_or_default().to_vec(), Rule::InvalidJson)
        }),
    ]
}
