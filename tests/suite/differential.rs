//! Two independent readings must agree: the one-pass validator, and a small reference checker
//! written here over `serde_json::Value`, on arbitrary documents without repeated keys.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{Map, Value};
use tencentcloud_envelope::{Outcome, Rule, Severity, validate};

/// What the envelope rules say about a parsed document: the obviously correct version.
fn reference(document: &Value) -> (Outcome, Option<String>, Option<String>, BTreeSet<Rule>) {
    let mut errors = BTreeSet::new();
    let (mut request_id, mut code, mut failed) = (None, None, false);
    match document {
        Value::Object(root) => match root.get("Response") {
            None if root.contains_key("code")
                && (root.contains_key("message") || root.contains_key("codeDesc")) =>
            {
                errors.insert(Rule::LegacyEnvelope);
            }
            None => {
                errors.insert(Rule::MissingResponse);
            }
            Some(response) => {
                if root
                    .keys()
                    .any(|key| key != "Response" && !key.eq_ignore_ascii_case("Response"))
                {
                    errors.insert(Rule::UnexpectedTopLevelField);
                }
                match response {
                    Value::Object(response) => {
                        match response.get("RequestId") {
                            None => {
                                errors.insert(Rule::MissingRequestId);
                            }
                            Some(Value::String(id)) => {
                                if id.is_empty() {
                                    errors.insert(Rule::InvalidRequestId);
                                }
                                request_id = Some(id.clone());
                            }
                            Some(_) => {
                                errors.insert(Rule::InvalidRequestId);
                            }
                        }
                        match response.get("Error") {
                            None => {}
                            Some(Value::Object(error)) => {
                                failed = true;
                                match error.get("Code") {
                                    None => {
                                        errors.insert(Rule::MissingErrorCode);
                                    }
                                    Some(Value::String(text)) => {
                                        if text.is_empty() {
                                            errors.insert(Rule::InvalidErrorCode);
                                        }
                                        code = Some(text.clone());
                                    }
                                    Some(_) => {
                                        errors.insert(Rule::InvalidErrorCode);
                                    }
                                }
                                match error.get("Message") {
                                    None => {
                                        errors.insert(Rule::MissingErrorMessage);
                                    }
                                    Some(Value::String(_)) => {}
                                    Some(_) => {
                                        errors.insert(Rule::InvalidErrorMessage);
                                    }
                                }
                            }
                            Some(_) => {
                                errors.insert(Rule::ErrorNotObject);
                            }
                        }
                    }
                    _ => {
                        errors.insert(Rule::ResponseNotObject);
                    }
                }
            }
        },
        _ => {
            errors.insert(Rule::NotAnObject);
        }
    }
    let outcome = if !errors.is_empty() {
        Outcome::Invalid
    } else if failed {
        Outcome::Failure
    } else {
        Outcome::Success
    };
    (outcome, request_id, code, errors)
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "Response",
            "RequestId",
            "Error",
            "Code",
            "Message",
            "code",
            "message",
            "codeDesc",
            "response",
            "requestId",
            "error",
            "DeprecatedWarning",
            "TotalCount",
            "",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just(String::new()),
            any::<String>(),
            "[A-Z][a-zA-Z]{0,8}(\\.[A-Z][a-zA-Z]{0,8})?"
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object with each of `fixed` present or not (with a value from `value`), and some extras.
fn object_with(fixed: Vec<(&'static str, BoxedStrategy<Value>)>) -> impl Strategy<Value = Value> {
    let members: Vec<_> = fixed
        .into_iter()
        .map(|(name, value)| proptest::option::weighted(0.8, value).prop_map(move |v| (name, v)))
        .collect();
    (
        members,
        proptest::collection::btree_map(key(), any_value(), 0..3),
    )
        .prop_map(|(fixed, extra)| {
            let mut map: Map<String, Value> = extra.into_iter().collect();
            for (name, value) in fixed {
                match value {
                    Some(value) => {
                        map.insert(name.to_owned(), value);
                    }
                    None => {
                        map.remove(name);
                    }
                }
            }
            Value::Object(map)
        })
}

/// Documents shaped like envelopes, with every fixed member sometimes missing or of any type.
fn envelope_like() -> impl Strategy<Value = Value> {
    let string_or_any =
        || prop_oneof![3 => "[0-9a-f-]{0,36}".prop_map(Value::String), 1 => any_value()].boxed();
    let error = prop_oneof![
        3 => object_with(vec![("Code", string_or_any()), ("Message", string_or_any())]),
        1 => any_value(),
    ]
    .boxed();
    let response = prop_oneof![
        4 => object_with(vec![("RequestId", string_or_any()), ("Error", error)]),
        1 => any_value(),
    ]
    .boxed();
    object_with(vec![("Response", response)])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_validator_agrees_with_the_reference(document in prop_oneof![4 => envelope_like(), 1 => any_value()]) {
        let text = serde_json::to_string(&document).unwrap();
        let report = validate(text.as_bytes());
        let errors: BTreeSet<Rule> = report
            .diagnostics()
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(tencentcloud_envelope::Diagnostic::rule)
            .collect();
        let (outcome, request_id, code, expected) = reference(&document);
        prop_assert_eq!(errors, expected, "{}", text);
        prop_assert_eq!(report.outcome(), outcome, "{}", text);
        prop_assert_eq!(report.request_id(), request_id.as_deref(), "{}", text);
        prop_assert_eq!(report.code(), code.as_deref(), "{}", text);
    }
}
