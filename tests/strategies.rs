//! The strategies SDK authors get with the `proptest` feature generate what they promise.
#![cfg(feature = "proptest")]

use proptest::prelude::*;
use tencentcloud_envelope::{
    Category, CommonCode, Envelope, ErrorCode, Outcome, Response, RetryAdvice, Severity,
    strategies, validate,
};

proptest! {
    #[test]
    fn successes_are_clean_successes(body in strategies::success_envelope()) {
        let report = validate(body.as_bytes());
        prop_assert_eq!(report.outcome(), Outcome::Success, "{}", body);
        prop_assert_eq!(report.count(Severity::Error), 0);
        prop_assert!(serde_json::from_str::<Response<serde_json::Value>>(&body).unwrap().is_success());
    }

    #[test]
    fn failures_are_clean_failures(body in strategies::failure_envelope()) {
        let report = validate(body.as_bytes());
        prop_assert_eq!(report.outcome(), Outcome::Failure, "{}", body);
        prop_assert!(Envelope::from_slice(body.as_bytes()).unwrap().error().is_some());
    }

    #[test]
    fn broken_bodies_break_their_rule((body, rule) in strategies::broken_envelope()) {
        let report = validate(&body);
        prop_assert_eq!(report.outcome(), Outcome::Invalid);
        prop_assert!(report.has(rule), "{} on {:?}: {:?}", rule, String::from_utf8_lossy(&body), report);
    }

    #[test]
    fn codes_parse_back(code in strategies::error_code()) {
        // Read back from a failure envelope, or parsed from its text, the code is the same in
        // every respect a reader asks about, not only in its spelling.
        prop_assert!(code.is_well_formed());
        let body = format!(
            r#"{{"Response": {{"Error": {{"Code": {}, "Message": "m"}}, "RequestId": "{ID}"}}}}"#,
            serde_json::to_string(code.as_str()).unwrap()
        );
        let envelope = Envelope::from_slice(body.as_bytes()).unwrap();
        let read = envelope.error().unwrap().code().clone();
        let parsed: ErrorCode = code.as_str().parse().unwrap();
        prop_assert_eq!(facts(&read), facts(&code), "read from {}", body);
        prop_assert_eq!(facts(&parsed), facts(&code), "parsed");
    }
}

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// What a reader asks of a code.
fn facts(
    code: &ErrorCode,
) -> (
    String,
    bool,
    Option<CommonCode>,
    Option<Category>,
    RetryAdvice,
    bool,
) {
    (
        code.as_str().to_owned(),
        code.is_common(),
        code.common(),
        code.category(),
        code.retry_advice(),
        code.is_well_formed(),
    )
}
