//! Generated envelopes: well-formed ones draw no error, and one targeted mutation makes
//! exactly the matching rule fire.

use proptest::prelude::*;
use tencentcloud_envelope::{CommonCode, Outcome, Rule, Severity, validate};

/// A JSON document written out by the test itself, so key order and repeats are under its control.
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => out.push_str(&i.to_string()),
            Json::Float(f) => out.push_str(&serde_json::to_string(f).unwrap()),
            Json::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push_str("{\n");
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(",\n");
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push_str(": ");
                    value.write(out);
                }
                out.push_str("\n}");
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn members(&mut self) -> &mut Vec<(String, Json)> {
        match self {
            Json::Object(members) => members,
            _ => panic!("not an object"),
        }
    }

    fn get(&mut self, key: &str) -> &mut Json {
        &mut self.members().iter_mut().find(|(k, _)| k == key).unwrap().1
    }

    fn remove(&mut self, key: &str) {
        self.members().retain(|(k, _)| k != key);
    }
}

const FIXED: [&str; 6] = [
    "response",
    "requestid",
    "error",
    "code",
    "message",
    "deprecatedwarning",
];

fn payload_key() -> impl Strategy<Value = String> {
    "[A-Z][A-Za-z0-9]{0,10}|[a-z\u{e9}\u{4e2d}/~ ]{1,6}".prop_filter("not a fixed name", |k| {
        !FIXED.contains(&k.to_lowercase().as_str())
    })
}

/// Objects with distinct keys, so that no generated document repeats one.
fn value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::Int),
        (-1e300f64..1e300).prop_map(Json::Float),
        any::<String>().prop_map(Json::Str),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            proptest::collection::btree_map(payload_key(), inner, 0..6)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

fn uuid() -> impl Strategy<Value = String> {
    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
}

fn error_code() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(CommonCode::ALL).prop_map(|c| c.as_str().to_owned()),
        (
            proptest::sample::select(CommonCode::ALL),
            "[A-Z][A-Za-z0-9]{0,12}"
        )
            .prop_map(|(c, detail)| format!("{c}.{detail}")),
    ]
}

/// A well-formed envelope, success or failure, with its members in a random order.
fn envelope() -> impl Strategy<Value = (Json, bool)> {
    let payload = proptest::collection::btree_map(payload_key(), value(), 0..6);
    let failure = proptest::option::of((error_code(), "[^\u{0}]{1,40}"));
    (payload, failure, uuid(), any::<proptest::sample::Index>()).prop_map(
        |(payload, failure, id, at)| {
            let mut members: Vec<(String, Json)> = Vec::new();
            let failed = failure.is_some();
            match failure {
                Some((code, message)) => members.push((
                    "Error".into(),
                    Json::Object(vec![
                        ("Code".into(), Json::Str(code)),
                        ("Message".into(), Json::Str(message)),
                    ]),
                )),
                None => members.extend(payload),
            }
            members.insert(
                at.index(members.len() + 1),
                ("RequestId".into(), Json::Str(id)),
            );
            (
                Json::Object(vec![("Response".into(), Json::Object(members))]),
                failed,
            )
        },
    )
}

fn error_rules(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = validate(text.as_bytes())
        .diagnostics()
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect();
    rules.dedup();
    rules
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn well_formed_envelopes_draw_no_error((doc, failed) in envelope()) {
        let text = doc.text();
        let report = validate(text.as_bytes());
        prop_assert_eq!(report.count(Severity::Error), 0, "{}\n{:#?}", text, report);
        prop_assert_eq!(report.outcome(), if failed { Outcome::Failure } else { Outcome::Success });
        prop_assert!(report.request_id().is_some());
    }

    #[test]
    fn one_mutation_fires_exactly_its_rule((doc, failed) in envelope(), which in 0usize..14, cut in any::<proptest::sample::Index>()) {
        let mut doc = doc;
        let response = doc.get("Response");
        let expected = match which {
            0 => { response.remove("RequestId"); Rule::MissingRequestId }
            1 => {
                let first = response.members()[0].clone();
                response.members().push(first);
                Rule::DuplicateKey
            }
            2 => {
                response.remove("Error");
                response.members().push(("Error".into(), Json::Null));
                Rule::ErrorNotObject
            }
            3 => { *response.get("RequestId") = Json::Int(7); Rule::InvalidRequestId }
            4 => { doc = Json::Array(vec![doc]); Rule::NotAnObject }
            5 => {
                let body = std::mem::replace(response, Json::Null);
                doc = Json::Object(vec![("Result".into(), body)]);
                Rule::MissingResponse
            }
            6 => { doc.members().push(("Extra".into(), Json::Int(1))); Rule::UnexpectedTopLevelField }
            7 => { *response = Json::Array(vec![]); Rule::ResponseNotObject }
            8 => {
                let text = doc.text();
                let end = cut.index(text.len() - 1);
                let end = (0..=end).rev().find(|&i| text.is_char_boundary(i)).unwrap();
                let truncated = &text[..end];
                prop_assert_eq!(error_rules(truncated), vec![Rule::InvalidJson], "{}", truncated);
                return Ok(());
            }
            9 => {
                doc = Json::Object(vec![
                    ("code".into(), Json::Int(4100)),
                    ("message".into(), Json::Str("x".into())),
                    ("codeDesc".into(), Json::Str("AuthFailure".into())),
                ]);
                Rule::LegacyEnvelope
            }
            // The remaining mutations need an `Error` object.
            _ if !failed => return Ok(()),
            10 => { *response.get("Error").get("Code") = Json::Float(1.5); Rule::InvalidErrorCode }
            11 => { response.get("Error").remove("Code"); Rule::MissingErrorCode }
            12 => { response.get("Error").remove("Message"); Rule::MissingErrorMessage }
            _ => { *response.get("Error").get("Message") = Json::Bool(false); Rule::InvalidErrorMessage }
        };
        let text = doc.text();
        prop_assert_eq!(error_rules(&text), vec![expected], "{}", text);
    }
}
