//! The scanner that reads clean envelopes without the full walk: wherever it takes a body,
//! the walk must find in it what the scanner found (nothing, or a request id that is no UUID)
//! and the same syntax error, if any, and read the same parts, and `serde_json` must accept it
//! exactly when it has no syntax error. The same of the one-pass reader `decode` tries first,
//! which must also hand the payload's type the members the walk gathers, and take every clean
//! success the scanner takes.
//! Held here on the documentation corpus, on generated bodies, and on the cases where
//! `serde_json`'s grammar is easy to get wrong; `fuzz/fuzz_targets/fast_path.rs` searches for
//! the rest.

use crate::common;

use proptest::prelude::*;
use tencentcloud_envelope::__private::{FastPath, fast_path_agrees, one_pass_takes};
use tencentcloud_envelope::{Classified, Envelope, classify, decode};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// Which reader took `body`, once the scanner is known to agree with the walk on it.
fn reader(body: &str) -> FastPath {
    match fast_path_agrees(body.as_bytes()) {
        Ok(taken) => taken,
        Err(difference) => panic!("{body}\n{difference}"),
    }
}

/// Whether the scanner read `body` as a clean envelope.
fn agrees(body: &str) -> bool {
    reader(body) == FastPath::Clean
}

fn success(payload: &str) -> String {
    format!(r#"{{"Response": {{{payload}"RequestId": "{ID}"}}}}"#)
}

#[test]
fn clean_successes_and_failures_take_the_fast_path() {
    for body in [
        success(""),
        success(r#""TotalCount": 0, "Set": [], "#),
        success(r#""A": {"B": [1, -2.5e-3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9"]}, "#),
        format!(
            r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "boom"}}, "RequestId": "{ID}"}}}}"#
        ),
        format!(
            r#" {{ "Response" : {{ "RequestId" : "{ID}" , "Error" : {{ "Message" : "caf\u00e9 \"q\"", "Code" : "AuthFailure.SignatureFailure", "Extra": [1] }} }} }} "#
        ),
    ] {
        assert!(agrees(&body), "not taken: {body}");
    }
}

#[test]
fn decode_reads_clean_successes_in_one_pass_and_leaves_the_rest_to_the_walk() {
    let takes = |body: &str| one_pass_takes(body.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
    for payload in [
        "",
        r#""TotalCount": 0, "Set": [], "#,
        r#""A": {"B": [1, -2.5e-3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9 \ud83d\ude00"]}, "#,
    ] {
        assert!(takes(&success(payload)), "not taken: {payload}");
    }
    // A request id that is no UUID is known only at the end: the pass takes the body, and
    // `decode` has the validator name the finding.
    assert!(takes(
        r#"{"Response": {"A": 1, "RequestId": "not-a-uuid"}}"#
    ));
    for body in [
        format!(
            r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "RequestId": "{ID}"}}}}"#
        ),
        success(r#""DeprecatedWarning": "use B", "#),
        success(r#""requestid": "x", "#),
        success(r#""A": 1, "A": 2, "#),
        success(r#""A": {"k": 1, "k": 2}, "#),
        success(r#""A": {"\u006b": 1}, "#),
        success(r#""A": "\ud800", "#),
        success(r#""A": 1e309, "#),
        success(r#""A": [1, 2, "#),
        format!(r#"{{"Response": {{"RequestId": "\u0061{}"}}}}"#, &ID[1..]),
        r#"{"Response": {"RequestId": 7}}"#.to_owned(),
        format!(r#"{{"Response": {{"RequestId": "{ID}"}}, "Other": 1}}"#),
        format!("\u{feff}{}", success("")),
    ] {
        assert!(!takes(&body), "taken: {body}");
    }
}

/// A request id that is no UUID (the documentation's placeholders) is the one finding the
/// scanner makes itself: `fast_path_agrees` holds its rule, place and words to the walk's.
#[test]
fn the_scanner_names_a_request_id_that_is_no_uuid_as_the_walk_does() {
    for body in [
        r#"{"Response": {"RequestId": "not-a-uuid"}}"#.to_owned(),
        format!(r#"{{"Response": {{"RequestId": "{ID}0"}}}}"#),
        format!(
            r#"{{"Response": {{"A": [1], "RequestId": "{}"}}}}"#,
            &ID[..35]
        ),
        r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "x"}}"#
            .to_owned(),
    ] {
        assert_eq!(reader(&body), FastPath::Clean, "{body}");
    }
    // Broken after the finding: the walk orders the two.
    assert_eq!(
        reader(r#"{"Response": {"RequestId": "x", "A": [1,]}}"#),
        FastPath::Walk
    );
    let report = tencentcloud_envelope::validate(br#"{"Response": {"RequestId": "x"}}"#);
    let [finding] = report.diagnostics() else {
        panic!("{report:?}")
    };
    assert_eq!(
        finding.rule(),
        tencentcloud_envelope::Rule::RequestIdNotUuid
    );
    assert_eq!(
        (finding.pointer(), finding.line(), finding.column()),
        ("/Response/RequestId", 1, 28)
    );
}

#[test]
fn bodies_with_findings_or_unusual_text_go_to_the_walk() {
    for body in [
        // Findings of the envelope's rules.
        r#"{"Response": {"RequestId": ""}}"#.to_owned(),
        format!(r#"{{"Response": {{"RequestId": "{ID}\u0030"}}}}"#),
        format!(r#"{{"Response": {{"A": 1, "A": 2, "RequestId": "{ID}"}}}}"#),
        format!(r#"{{"Response": {{"A": {{"k": 1, "k": 1}}, "RequestId": "{ID}"}}}}"#),
        format!(r#"{{"Response": {{"requestId": "{ID}"}}}}"#),
        format!(r#"{{"Response": {{"RequestId": "{ID}"}}, "Extra": 1}}"#),
        format!(r#"{{"Response": {{"DeprecatedWarning": "w", "RequestId": "{ID}"}}}}"#),
        format!(
            r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": ""}}, "RequestId": "{ID}"}}}}"#
        ),
        format!(
            r#"{{"Response": {{"Error": {{"Code": "NoSuchCodeAnywhere", "Message": "m"}}, "RequestId": "{ID}"}}}}"#
        ),
        format!(
            r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m"}}, "Data": 1, "RequestId": "{ID}"}}}}"#
        ),
        format!(r#"{{"Response": {{"Error": {{"Code": "InternalError"}}, "RequestId": "{ID}"}}}}"#),
        success(r#""$serde_json::private::RawValue": 1, "#),
        // Text the scanner leaves to serde_json and the walk.
        success(r#""A": "\ud83d\ude00", "#),
        success(r#""A": "\ud83d", "#),
        success(r#""A\u0042": 1, "#),
        success(r#""A": 1.7976931348623158e308, "#),
        success(r#""A": 1e400, "#),
        // Broken, but only after something that draws a finding.
        r#"{"Response": {"RequestId": 7, "A": [1,]}}"#.to_owned(),
        r#"{"Response": {"A": 1, "A": 2, "B": tru}}"#.to_owned(),
        r#"{"Response": {"Error": "e", "B": 01}}"#.to_owned(),
        "[1,]".to_owned(),
        // Found by the fuzz target: the empty root object lacks `Response`.
        "{ } ]".to_owned(),
        "[]".to_owned(),
        String::new(),
    ] {
        assert_eq!(reader(&body), FastPath::Walk, "{body}");
    }
}

/// A body broken before anything else in it drew a finding has one finding, the syntax error,
/// which the scanner and a lighter pass of `serde_json` find as the walk does: the same place,
/// the same words, and the parts read before it.
#[test]
fn bodies_broken_before_any_finding_skip_the_walk() {
    for body in [
        success(r#""A": 01, "#),
        success(r#""A": 1., "#),
        success(r#""A": -, "#),
        success(r#""A": [1,], "#),
        success(r#""A": {"k": 1,}, "#),
        success(r#""A": "\x", "#),
        success(r#""A": "\u12", "#),
        success(r#""A": tru, "#),
        success(r#""A" 1, "#),
        success(r#""A": {1: 2}, "#),
        success("\"A\": \"tab\there\", "),
        format!(r#"{{"Response": {{"RequestId": "{ID}"}}}} x"#),
        format!(r#"{{"Response": {{"RequestId": "{ID}"}}"#),
        format!(r#"{{"Response": {{"RequestId": "{ID}", "A": [1, 2"#),
        format!(
            r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "m\n"}}, "RequestId": "{ID}",}}}}"#
        ),
        format!(
            r#"{{"Response": {{"RequestId": "{ID}", "Error": {{"Code": "InternalError", "Message": "m", "#
        ),
        "{\"Response\"".to_owned(),
    ] {
        assert_eq!(reader(&body), FastPath::Broken, "{body}");
        let report = tencentcloud_envelope::validate(body.as_bytes());
        let rules: Vec<_> = report
            .diagnostics()
            .iter()
            .map(tencentcloud_envelope::Diagnostic::rule)
            .collect();
        assert_eq!(rules, [tencentcloud_envelope::Rule::InvalidJson], "{body}");
    }
}

#[test]
fn the_nesting_limit_is_the_walks() {
    let deep = |levels: usize| {
        success(&format!(
            "\"A\": {}1{}, ",
            "[".repeat(levels),
            "]".repeat(levels)
        ))
    };
    // `Response` is at depth 2 and its members at 3: 126 arrays reach depth 128.
    assert!(agrees(&deep(126)));
    assert!(!agrees(&deep(127)));
}

#[test]
fn every_documentation_example_of_both_sites_agrees() {
    let mut broken = 0;
    for (corpus, count) in common::CORPORA {
        let Some(dir) = common::shared(corpus) else {
            return;
        };
        let files = common::json_files(&dir);
        assert_eq!(files.len(), count, "{corpus}");
        broken += one_corpus(&files);
    }
    // Hundreds of examples are broken JSON (almost all on the international site); if the count
    // falls, the path that names a break stopped working.
    assert!(broken > 100, "{broken} broken examples");
}

/// Holds every file to the walk; the number read as broken JSON. The one-pass reader must take
/// exactly the clean successes the scanner takes, or `decode` would read them twice.
fn one_corpus(files: &[std::path::PathBuf]) -> usize {
    let (mut clean, mut broken, mut one_pass) = (0, 0, 0);
    for path in files {
        let body = std::fs::read(path).unwrap();
        let taken = match fast_path_agrees(&body) {
            Ok(taken) => taken,
            Err(difference) => panic!("{}: {difference}", path.display()),
        };
        match taken {
            FastPath::Clean => clean += 1,
            FastPath::Broken => broken += 1,
            FastPath::Walk => {}
        }
        let clean_success = taken == FastPath::Clean
            && Envelope::from_slice(&body).is_ok_and(|envelope| envelope.is_success());
        let took = one_pass_takes(&body).unwrap_or_else(|difference| panic!("{difference}"));
        assert!(took || !clean_success, "{}", path.display());
        one_pass += usize::from(took);
        decode_reads_as_classify(&body, path);
    }
    eprintln!("the one-pass reader took {one_pass} clean successes");
    assert!(
        one_pass * 2 > clean,
        "{one_pass} clean successes of {clean}"
    );
    eprintln!(
        "the scanner read {clean} clean and {broken} broken of {} examples",
        files.len()
    );
    // Most examples are clean envelopes: if the count falls, the fast path stopped working.
    assert!(clean * 2 > files.len(), "{clean} of {}", files.len());
    broken
}

/// `decode` (which tries the one-pass reader first) gives the payload, request id, warning and
/// findings that `classify` and the envelope's payload give, and fails where they do.
fn decode_reads_as_classify(body: &[u8], path: &std::path::Path) {
    let headers = [("Content-Type", "application/json")];
    let decoded = decode::<serde_json::Value, _, _>(200, headers, body);
    let Classified::Success(success) = classify(200, headers, body) else {
        assert!(decoded.is_err(), "{}", path.display());
        return;
    };
    let envelope = success.envelope();
    let payload = envelope
        .payload()
        .expect("a success")
        .deserialize::<serde_json::Value>();
    match (decoded, payload) {
        (Ok(reply), Ok(payload)) => {
            assert_eq!(reply.payload(), &payload, "{}", path.display());
            assert_eq!(reply.request_id(), envelope.request_id());
            assert_eq!(reply.findings(), envelope.findings());
            assert_eq!(reply.deprecated_warning(), envelope.deprecated_warning());
        }
        (Err(_), Err(_)) => {}
        (decoded, payload) => panic!("{}: {decoded:?} against {payload:?}", path.display()),
    }
}

/// JSON-ish text built from the pieces the grammar turns on, inside an envelope so that the
/// scanner gets past its first bytes.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"",
        "\\",
        "\\u",
        "\\ud800",
        "\\udc00",
        "00",
        "0",
        "1",
        "-",
        ".",
        "e",
        "E",
        "+",
        "1e308",
        "1e400",
        "true",
        "fals",
        "null",
        "\"k\"",
        "\"k\":",
        "\u{1}",
        "é",
        "$serde_json::private::Number",
        "\"Error\"",
        "\"Code\"",
        "\"Message\"",
        "\"InternalError\"",
    ])
}

proptest! {
    #[test]
    fn generated_payloads_agree(pieces in prop::collection::vec(piece(), 0..24)) {
        let payload = pieces.concat();
        let body = format!(r#"{{"Response": {{"P": {payload}, "RequestId": "{ID}"}}}}"#);
        prop_assert!(fast_path_agrees(body.as_bytes()).is_ok(), "{body}");
        let bare = format!(r#"{{"Response": {{{payload}}}}}"#);
        prop_assert!(fast_path_agrees(bare.as_bytes()).is_ok(), "{bare}");
    }

    #[test]
    fn generated_values_agree(value in any_json(), spaced in any::<bool>()) {
        let text = if spaced { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
        let body = success(&format!("\"V\": {}, ", text.unwrap()));
        // Whatever serde_json writes that the walk finds clean, the scanner must read.
        let report = tencentcloud_envelope::validate(body.as_bytes());
        let taken = fast_path_agrees(body.as_bytes());
        prop_assert!(taken.is_ok(), "{body}: {taken:?}");
        // Escaped surrogates and numbers near a double's edge are left to the walk by design.
        if report.diagnostics().is_empty() && !body.contains("\\u") && !body.contains("e+30") {
            prop_assert_eq!(taken, Ok(FastPath::Clean), "{}", body);
        }
    }
}

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        ".*".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[A-Za-z$]{0,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn repeated_keys_are_found_in_wide_and_nested_objects() {
    let members =
        |count: usize| -> Vec<String> { (0..count).map(|k| format!("\"K{k}\": {k}")).collect() };
    for width in [3, 31, 32, 33, 45, 100] {
        let wide = members(width).join(", ");
        // Nested inside an object with keys of its own, so that the keys of both share the stack.
        let body = success(&format!(
            "\"Outer\": {{\"A\": 1, \"Inner\": {{{wide}}}, \"B\": 2}}, "
        ));
        assert!(agrees(&body), "not taken: {width} keys");
        for repeat in [0, width / 2, width - 1] {
            let repeated = format!("{wide}, \"K{repeat}\": 0");
            let body = success(&format!(
                "\"Outer\": {{\"A\": 1, \"Inner\": {{{repeated}}}, \"B\": 2}}, "
            ));
            assert!(
                !agrees(&body),
                "taken: K{repeat} repeated after {width} keys"
            );
        }
        // The outer object's keys are told apart from the inner one's, and its repeats found.
        let body = success(&format!(
            "\"Outer\": {{\"K0\": 1, \"Inner\": {{{wide}}}, \"K1\": 2}}, "
        ));
        assert!(
            agrees(&body),
            "not taken: outer keys beside {width} inner keys"
        );
        let body = success(&format!(
            "\"Outer\": {{\"K0\": 1, \"Inner\": {{{wide}}}, \"K0\": 2}}, "
        ));
        assert!(
            !agrees(&body),
            "taken: the outer K0 repeated after {width} inner keys"
        );
    }
}

/// A payload type that reaches every request the one-pass reader wraps: enums as strings and as
/// objects, options, newtypes, borrowed text, maps with their own keys, tuples and nested lists.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Typed<'a> {
    state: State,
    change: Option<Change>,
    name: Name,
    #[serde(borrow)]
    zone: &'a str,
    tags: std::collections::BTreeMap<String, u32>,
    pair: (u8, bool),
    nested: Vec<Vec<f64>>,
    #[serde(default)]
    request_id: String,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
enum State {
    Running,
    Stopped,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
enum Change {
    Resize(u32),
    Move { to: String },
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Name(String);

/// `decode` gives what the envelope's payload gives for a type that uses every kind of request,
/// on bodies it reads in one pass and on bodies the pass leaves (a repeated key inside an enum's
/// object, an escaped key in a map, nesting past the limit, a type mismatch).
#[test]
fn a_typed_payload_reads_the_same_in_one_pass_and_the_usual_way() {
    let payload = |state: &str, change: &str, tags: &str, nested: &str| {
        format!(
            r#""State": {state}, "Change": {change}, "Name": "n\u00e9", "Zone": "ap-guangzhou-3", "Tags": {tags}, "Pair": [7, true], "Nested": {nested}, "#
        )
    };
    let deep = format!("{}1{}", "[".repeat(140), "]".repeat(140));
    let bodies = [
        success(&payload(
            r#""Running""#,
            r#"{"Resize": 40}"#,
            r#"{"a": 1, "b": 2}"#,
            "[[1.5], []]",
        )),
        success(&payload(
            r#""Stopped""#,
            r#"{"Move": {"to": "ap-shanghai"}}"#,
            "{}",
            "[]",
        )),
        success(&payload(
            r#""Stopped""#,
            "null",
            r#"{"a\u0062": 1}"#,
            "[[1e300]]",
        )),
        success(&payload(
            r#""Running""#,
            r#"{"Move": {"to": "x", "to": "y"}}"#,
            "{}",
            "[]",
        )),
        success(&payload(r#""Running""#, "null", "{}", &deep)),
        success(&payload(r#""Paused""#, "null", "{}", "[]")),
        success(&payload(
            r#""Running""#,
            r#"{"Resize": 1}"#,
            r#"{"a": 1, "a": 2}"#,
            "[]",
        )),
    ];
    let headers = [("Content-Type", "application/json")];
    let mut taken = 0;
    for body in &bodies {
        taken += usize::from(one_pass_takes(body.as_bytes()).unwrap_or_else(|d| panic!("{d}")));
        let decoded = decode::<Typed, _, _>(200, headers, body.as_bytes());
        let expected = Envelope::from_slice(body.as_bytes())
            .map_err(|error| error.to_string())
            .and_then(|envelope| {
                let id = envelope.request_id().to_owned();
                let payload = envelope.payload().expect("a success");
                payload
                    .deserialize::<Typed>()
                    .map(|typed| (typed, id))
                    .map_err(|e| e.to_string())
            });
        match (&decoded, &expected) {
            (Ok(reply), Ok((typed, id))) => {
                assert_eq!(reply.payload(), typed, "{body}");
                assert_eq!(reply.request_id(), id);
                assert_eq!(reply.payload().request_id, *id);
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{body}\n decode: {decoded:?}\n payload: {expected:?}"),
        }
    }
    // The first two are clean, and read in one pass.
    assert!(taken >= 2, "{taken}");
    let first = decode::<Typed, _, _>(200, headers, bodies[0].as_bytes()).unwrap();
    assert_eq!(first.payload().change, Some(Change::Resize(40)));
    assert_eq!(first.payload().name, Name("né".to_owned()));
}
