//! The error-code model: `CommonCode`, `ErrorCode` and `Category`.

use proptest::prelude::*;
use tencentcloud_envelope::{Category, CommonCode, ErrorCode};

/// The seed page's 26 codes and the 12 the current documentation adds, spelled as sent.
const DOCUMENTED: [&str; 38] = [
    "ActionOffline",
    "AuthFailure.InvalidAuthorization",
    "AuthFailure.InvalidSecretId",
    "AuthFailure.MFAFailure",
    "AuthFailure.SecretIdNotFound",
    "AuthFailure.SignatureExpire",
    "AuthFailure.SignatureFailure",
    "AuthFailure.TokenFailure",
    "AuthFailure.UnauthorizedOperation",
    "DryRunOperation",
    "FailedOperation",
    "InternalError",
    "InvalidAction",
    "InvalidParameter",
    "InvalidParameterValue",
    "InvalidRequest",
    "IpInBlacklist",
    "IpNotInWhitelist",
    "LimitExceeded",
    "MissingParameter",
    "NoSuchProduct",
    "NoSuchVersion",
    "RequestLimitExceeded",
    "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    "RequestLimitExceeded.IPLimitExceeded",
    "RequestLimitExceeded.UinLimitExceeded",
    "RequestSizeLimitExceeded",
    "ResourceInUse",
    "ResourceInsufficient",
    "ResourceNotFound",
    "ResourceUnavailable",
    "ResponseSizeLimitExceeded",
    "ServiceUnavailable",
    "UnauthorizedOperation",
    "UnknownParameter",
    "UnsupportedOperation",
    "UnsupportedProtocol",
    "UnsupportedRegion",
];

#[test]
fn every_documented_code_is_a_common_code() {
    let all: Vec<_> = CommonCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(all, DOCUMENTED);
}

#[test]
fn common_codes_have_the_categories_the_sdks_act_on() {
    use Category as K;
    use CommonCode as C;
    let expected = [
        (C::AuthFailureSignatureFailure, K::Authentication),
        (C::AuthFailureTokenFailure, K::Authentication),
        (C::AuthFailureMFAFailure, K::Authentication),
        (C::AuthFailureUnauthorizedOperation, K::Authorization),
        (C::UnauthorizedOperation, K::Authorization),
        (C::DryRunOperation, K::DryRun),
        (C::RequestLimitExceeded, K::Throttling),
        (C::RequestLimitExceededIPLimitExceeded, K::Throttling),
        (C::InternalError, K::Server),
        (C::InvalidParameter, K::InvalidParameter),
        (C::InvalidParameterValue, K::InvalidParameter),
        (C::MissingParameter, K::InvalidParameter),
        (C::UnknownParameter, K::InvalidParameter),
    ];
    for (code, category) in expected {
        assert_eq!(code.category(), category, "{code}");
    }
}

#[test]
fn specific_codes_inherit_from_their_common_prefix() {
    let cases = [
        (
            "InvalidParameterValue.DiskIdMalformed",
            Some(CommonCode::InvalidParameterValue),
            Some(Category::InvalidParameter),
            false,
        ),
        (
            "RequestLimitExceeded.UinLimitExceeded",
            Some(CommonCode::RequestLimitExceededUinLimitExceeded),
            Some(Category::Throttling),
            true,
        ),
        // A sub-code inherits the category, not the retry advice.
        (
            "RequestLimitExceeded.Whatever",
            Some(CommonCode::RequestLimitExceeded),
            Some(Category::Throttling),
            false,
        ),
        // No product lists it: the prefix lends a category, never advice.
        (
            "InternalError.Whatever",
            Some(CommonCode::InternalError),
            Some(Category::Server),
            false,
        ),
        // Products list it, and their meaning says to resend an idempotent call.
        (
            "InternalError.DbError",
            Some(CommonCode::InternalError),
            Some(Category::Server),
            true,
        ),
        (
            "AuthFailure.Whatever",
            None,
            Some(Category::Authentication),
            false,
        ),
        ("InvalidDisk.Busy", None, None, true),
        (
            "ClientError.NetworkError",
            None,
            Some(Category::Transport),
            true,
        ),
    ];
    for (text, common, category, retryable) in cases {
        let code: ErrorCode = text.parse().unwrap();
        assert_eq!(code.common(), common, "{text}");
        assert_eq!(code.category(), category, "{text}");
        assert_eq!(code.is_retryable(), retryable, "{text}");
    }
}

proptest! {
    #[test]
    fn common_codes_round_trip_through_their_spelling(code in proptest::sample::select(CommonCode::ALL)) {
        prop_assert_eq!(code.as_str().parse::<CommonCode>().unwrap(), code);
        prop_assert_eq!(code.to_string(), code.as_str());
        let error_code: ErrorCode = code.as_str().parse().unwrap();
        prop_assert_eq!(error_code.common(), Some(code));
        prop_assert_eq!(error_code.category(), Some(code.category()));
        prop_assert_eq!(
            serde_json::from_str::<CommonCode>(&serde_json::to_string(&code).unwrap()).unwrap(),
            code
        );
    }

    #[test]
    fn error_code_round_trips_any_non_empty_string(text in any::<String>()) {
        match text.parse::<ErrorCode>() {
            Ok(code) => {
                prop_assert!(!text.is_empty());
                prop_assert_eq!(code.as_str(), text.as_str());
                prop_assert_eq!(code.to_string(), text.clone());
                let json = serde_json::to_string(&code).unwrap();
                prop_assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code.clone());
                let _ = (code.common(), code.category(), code.is_retryable(), code.is_well_formed());
            }
            Err(_) => prop_assert!(text.is_empty()),
        }
    }

    #[test]
    fn a_sub_code_of_a_common_code_keeps_its_category(
        code in proptest::sample::select(CommonCode::ALL),
        suffix in "[A-Z][A-Za-z0-9]{0,12}",
    ) {
        let text = format!("{code}.{suffix}");
        let parsed: ErrorCode = text.parse().unwrap();
        prop_assert!(parsed.is_well_formed());
        let common = parsed.common().unwrap();
        let sub = format!("{}.", code.as_str());
        prop_assert!(common == code || common.as_str().starts_with(&sub));
        prop_assert_eq!(parsed.category(), Some(common.category()));
    }
}
