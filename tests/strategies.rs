//! The strategies SDK authors get with the `proptest` feature generate what they promise.
#![cfg(feature = "proptest")]

use proptest::prelude::*;
use tencentcloud_envelope::{Envelope, Outcome, Response, Severity, strategies, validate};

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
        prop_assert_eq!(code.as_str().parse::<tencentcloud_envelope::ErrorCode>().unwrap(), code.clone());
        prop_assert!(code.is_well_formed());
    }
}
