//! Error codes far longer than any real one: every reader answers in time linear in the
//! code's length, and a code over 256 bytes is not a code.
//!
//! The hostile codes are 600 KB of dotted segments. Searching every dotted prefix of one,
//! as the readers once did, takes minutes here; these tests assert what the readers say,
//! and finish in well under a second when nothing searches the code.

use crate::common;

use proptest::prelude::*;
use tencentcloud_envelope::{
    CallError, Category, Classified, CodeKind, CommonCode, Diagnostic, Envelope, ErrorCode, Lang,
    LegacyCode, RetryAdvice, Rule, SdkCode, classify, decode, explain, product_codes, validate,
};

/// The limit the crate documents, in bytes.
const LIMIT: usize = 256;

/// 600 KB codes: dotted-PascalCase under a common prefix, under the `AuthFailure` family, and
/// ending in a dot.
fn hostile_codes() -> [String; 3] {
    [
        format!("FailedOperation{}", ".Ab".repeat(200_000)),
        format!("AuthFailure{}", ".Ab".repeat(200_000)),
        "Ab.".repeat(200_000),
    ]
}

fn failure(code: &str) -> Vec<u8> {
    format!(
        r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}}}"#
    )
    .into_bytes()
}

/// What every reader must say of a code over the limit: exactly the text, not well formed,
/// no common prefix, no category, no advice.
fn assert_not_a_code(code: &ErrorCode, text: &str, reader: &str) {
    assert!(code.as_str() == text, "{reader}: the code's text");
    assert!(!code.is_well_formed(), "{reader}: well formed");
    assert!(!code.is_common(), "{reader}: common");
    assert_eq!(code.common(), None, "{reader}: common prefix");
    assert_eq!(code.category(), None, "{reader}: category");
    assert_eq!(
        code.retry_advice(),
        RetryAdvice::DoNotRetry,
        "{reader}: advice"
    );
}

#[test]
fn the_validator_reports_a_hostile_code_as_syntax_without_looking_it_up() {
    for code in hostile_codes() {
        let report = validate(&failure(&code));
        let rules: Vec<Rule> = report.diagnostics().iter().map(Diagnostic::rule).collect();
        assert!(report.has(Rule::ErrorCodeSyntax), "{rules:?}");
        assert!(!report.has(Rule::UnknownErrorCode), "{rules:?}");
        assert_eq!(report.code(), Some(code.as_str()));
    }
}

#[test]
fn classify_reads_a_hostile_code_as_no_code() {
    for code in hostile_codes() {
        let body = failure(&code);
        let headers: [(&str, &str); 0] = [];
        match classify(200, headers, &body) {
            Classified::ServiceError(error) => {
                assert_not_a_code(error.code(), &code, "classify");
                assert_eq!(error.category(), None);
            }
            other => panic!("classify: {other:?}"),
        }
    }
}

#[test]
fn envelope_from_slice_reads_a_hostile_code_as_no_code() {
    for code in hostile_codes() {
        let body = failure(&code);
        let envelope = Envelope::from_slice(&body).expect("a failure envelope");
        let error = envelope.error().expect("an error");
        assert_not_a_code(error.code(), &code, "Envelope::from_slice");
    }
}

#[test]
fn decode_reads_a_hostile_code_as_no_code() {
    for code in hostile_codes() {
        let body = failure(&code);
        let headers: [(&str, &str); 0] = [];
        match decode::<serde_json::Value, _, _>(200, headers, &body) {
            Err(CallError::Service(error)) => {
                assert_not_a_code(error.code(), &code, "decode");
                assert_eq!(error.category(), None);
                assert_eq!(error.retry_advice(), RetryAdvice::DoNotRetry);
            }
            other => panic!("decode: {other:?}"),
        }
    }
}

#[test]
fn parse_reads_a_hostile_code_as_no_code() {
    for code in hostile_codes() {
        let parsed: ErrorCode = code.parse().expect("non-empty");
        assert_not_a_code(&parsed, &code, "ErrorCode::parse");
    }
}

#[test]
fn explain_says_a_hostile_code_is_longer_than_any_code() {
    for code in hostile_codes() {
        let answer = explain(&code, None);
        assert_eq!(answer.code(), code);
        assert_eq!(answer.kind(), CodeKind::Unknown);
        assert!(!answer.is_recognized());
        assert_eq!(answer.common(), None);
        assert_eq!(answer.category(), None);
        assert_eq!(answer.retry_advice(), RetryAdvice::DoNotRetry);
        assert!(answer.products().is_empty());
        let en = answer.description_in(Lang::En);
        assert!(
            en.contains("longer than any error code") && en.contains("256 bytes"),
            "{en}"
        );
        let zh = answer.description_in(Lang::Zh);
        assert!(zh.contains("256 字节"), "{zh}");
    }
}

/// `FailedOperation` and dotted segments, padded to `len` bytes.
fn under_failed_operation(len: usize) -> String {
    let mut code = String::from("FailedOperation");
    while code.len() + 3 <= len {
        code.push_str(".Ab");
    }
    while code.len() < len {
        code.push('c');
    }
    assert_eq!(code.len(), len);
    code
}

#[test]
fn a_code_of_256_bytes_is_a_code_and_one_of_257_is_not() {
    assert_eq!(ErrorCode::MAX_LEN, LIMIT);
    let at_limit = under_failed_operation(LIMIT);
    let parsed: ErrorCode = at_limit.parse().unwrap();
    assert!(parsed.is_well_formed());
    assert_eq!(parsed.common(), Some(CommonCode::FailedOperation));
    assert_eq!(parsed.category(), Some(Category::Operation));
    let report = validate(&failure(&at_limit));
    assert!(!report.has(Rule::ErrorCodeSyntax) && !report.has(Rule::UnknownErrorCode));
    assert_eq!(explain(&at_limit, None).kind(), CodeKind::UnderCommonPrefix);

    let over = under_failed_operation(LIMIT + 1);
    let parsed: ErrorCode = over.parse().unwrap();
    assert_not_a_code(&parsed, &over, "257 bytes");
    assert!(validate(&failure(&over)).has(Rule::ErrorCodeSyntax));
    assert_eq!(explain(&over, None).kind(), CodeKind::Unknown);
}

#[test]
fn a_255_byte_dotted_code_is_explained_by_its_longest_common_prefix() {
    let mut code = format!("RequestLimitExceeded.UinLimitExceeded{}", ".Ab".repeat(72));
    code.push_str("Cd");
    assert_eq!(code.len(), 255);
    let answer = explain(&code, None);
    assert_eq!(answer.kind(), CodeKind::UnderCommonPrefix);
    assert_eq!(
        answer.common(),
        Some(CommonCode::RequestLimitExceededUinLimitExceeded)
    );
    assert_eq!(answer.category(), Some(Category::Throttling));
    assert!(
        answer.description().starts_with(
            "No product lists this code; it extends the common code `RequestLimitExceeded.UinLimitExceeded`"
        ),
        "{}",
        answer.description()
    );
    let report = validate(&failure(&code));
    assert!(!report.has(Rule::ErrorCodeSyntax) && !report.has(Rule::UnknownErrorCode));
}

#[test]
fn every_known_code_is_within_the_limit() {
    let known = CommonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(LegacyCode::ALL.iter().map(|c| c.as_str()))
        .chain(SdkCode::ALL.iter().map(|c| c.as_str()))
        .chain(product_codes().map(|c| c.code()));
    for code in known {
        assert!(code.len() <= LIMIT, "{code}");
    }
    for file in ["product-error-codes.tsv", "product-error-codes-china.tsv"] {
        let Some(path) = common::shared(&format!("reference/{file}")) else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().skip(1) {
            let code = line.split('\t').nth(2).unwrap();
            assert!(code.len() <= LIMIT, "{file}: {code}");
        }
    }
}

/// The longest prefix of `code` that ends at a dot or at its end and is a common code, by
/// trying every such prefix: the rule the search is held to.
fn reference_common_prefix(code: &str) -> Option<CommonCode> {
    let mut found = None;
    for end in 0..=code.len() {
        let at_boundary = end == code.len() || code.as_bytes()[end] == b'.';
        if at_boundary
            && let Some(prefix) = code.get(..end)
            && let Some(common) = CommonCode::ALL.iter().find(|c| c.as_str() == prefix)
        {
            found = Some(*common);
        }
    }
    found
}

/// Segments that make common codes and near misses.
const SEGMENTS: &[&str] = &[
    "AuthFailure",
    "UnauthorizedOperation",
    "SignatureFailure",
    "RequestLimitExceeded",
    "UinLimitExceeded",
    "IPLimitExceeded",
    "InternalError",
    "FailedOperation",
    "InvalidParameter",
    "InvalidParameterValue",
    "Internal",
    "Ab",
    "",
    "x",
    "\u{e9}",
];

fn code_of_segments() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        4 => prop::sample::select(SEGMENTS).prop_map(str::to_owned),
        1 => "[A-Za-z\u{e9}.]{0,4}",
    ];
    prop::collection::vec(segment, 1..24).prop_map(|segments| segments.join("."))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_prefix_search_finds_the_longest_common_prefix(code in code_of_segments()) {
        prop_assume!(!code.is_empty() && code.len() <= LIMIT);
        let expected = reference_common_prefix(&code);
        let parsed: ErrorCode = code.parse().unwrap();
        prop_assert_eq!(parsed.common(), expected, "{}", code);
        let answer = explain(&code, None);
        if answer.code() == code {
            prop_assert_eq!(answer.common(), expected, "{}", code);
        }
    }
}
