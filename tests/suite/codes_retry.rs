//! Retry advice: pinned for the common codes and the codes the issue names, and never
//! contradicted by a description anywhere in the catalogue (no do-not-retry code says to wait
//! or send again, no retried code says the request is wrong).

use tencentcloud_envelope::{
    CodeKind, CommonCode, ErrorCode, LegacyCode, RetryAdvice, SdkCode, explain, product_codes,
};

/// Phrases that tell the reader to send the request again. A description whose advice is
/// do-not-retry must contain none of them.
const RETRY_PHRASES: [&str; 15] = [
    "retry later",
    "retry after",
    "retry the",
    "retry it",
    "try again",
    "again later",
    "again shortly",
    "send the request again",
    "send it again",
    "send the same request again",
    "wait a ",
    "wait briefly",
    "wait until",
    "wait for",
    "a little later",
];

/// Phrases that say the request itself is wrong. A description whose advice retries must
/// contain none of them.
const WRONG_REQUEST_PHRASES: [&str; 6] = [
    "fix the request",
    "correct the request",
    "change the request",
    "the request is wrong",
    "the request is invalid",
    "the request is malformed",
];

/// The first of `phrases` that `text` contains, letter case ignored.
fn says(text: &str, phrases: &[&'static str]) -> Option<&'static str> {
    let text = text.to_lowercase();
    phrases.iter().copied().find(|phrase| text.contains(phrase))
}

fn advises_retry(text: &str) -> Option<&'static str> {
    says(text, &RETRY_PHRASES)
}

#[test]
fn no_description_that_calls_the_request_wrong_is_retried() {
    let wrong: Vec<String> = product_codes()
        .filter(|listing| listing.retry_advice() != RetryAdvice::DoNotRetry)
        .filter_map(|listing| {
            let phrase = says(listing.description(), &WRONG_REQUEST_PHRASES)?;
            Some(format!(
                "{} ({}): \"{phrase}\" but {}",
                listing.code(),
                listing.service(),
                listing.retry_advice()
            ))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} contradictions:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn no_description_advises_a_retry_its_advice_forbids() {
    let mut codes: Vec<&str> = CommonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(LegacyCode::ALL.iter().map(|c| c.as_str()))
        .chain(SdkCode::ALL.iter().map(|c| c.as_str()))
        .chain(product_codes().map(|c| c.code()))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut wrong = Vec::new();
    for code in &codes {
        // For every service, for a service that lists it, and for one that may not.
        for service in [None, Some("cbs"), Some("cvm")] {
            let answer = explain(code, service);
            // Products that differ on the advice are each quoted, and the answer says so.
            let products_differ = !answer.products().is_empty()
                && matches!(answer.kind(), CodeKind::Product | CodeKind::Unknown)
                && !answer.is_advice_stated();
            if products_differ {
                assert!(
                    answer.description().contains("differs by product"),
                    "{code}"
                );
            }
            if answer.retry_advice() == RetryAdvice::DoNotRetry && !products_differ {
                for text in [answer.description(), answer.what_to_do()] {
                    if let Some(phrase) = advises_retry(text) {
                        wrong.push(format!("{code} ({service:?}): \"{phrase}\" in {text}"));
                    }
                }
            }
        }
    }
    for listing in product_codes() {
        if listing.retry_advice() == RetryAdvice::DoNotRetry
            && let Some(phrase) = advises_retry(listing.description())
        {
            wrong.push(format!(
                "{} ({}): \"{phrase}\" in {}",
                listing.code(),
                listing.service(),
                listing.description()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} contradictions:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_advice_of_every_common_code_is_pinned() {
    use RetryAdvice::{DoNotRetry as N, Retry as R, RetryIfIdempotent as I};
    let expected = [
        ("ActionOffline", N),
        ("AuthFailure.InvalidAuthorization", N),
        ("AuthFailure.InvalidSecretId", N),
        ("AuthFailure.MFAFailure", N),
        ("AuthFailure.SecretIdNotFound", N),
        ("AuthFailure.SignatureExpire", N),
        ("AuthFailure.SignatureFailure", N),
        ("AuthFailure.TokenFailure", N),
        ("AuthFailure.UnauthorizedOperation", N),
        ("DryRunOperation", N),
        ("FailedOperation", N),
        ("InternalError", I),
        ("InvalidAction", N),
        ("InvalidParameter", N),
        ("InvalidParameterValue", N),
        ("InvalidRequest", N),
        ("IpInBlacklist", N),
        ("IpNotInWhitelist", N),
        ("LimitExceeded", N),
        ("MissingParameter", N),
        ("NoSuchProduct", N),
        ("NoSuchVersion", N),
        ("RequestLimitExceeded", R),
        ("RequestLimitExceeded.GlobalRegionUinLimitExceeded", R),
        ("RequestLimitExceeded.IPLimitExceeded", R),
        ("RequestLimitExceeded.UinLimitExceeded", R),
        ("RequestSizeLimitExceeded", N),
        ("ResourceInUse", N),
        ("ResourceInsufficient", N),
        ("ResourceNotFound", N),
        ("ResourceUnavailable", N),
        ("ResponseSizeLimitExceeded", N),
        ("ServiceUnavailable", I),
        ("UnauthorizedOperation", N),
        ("UnknownParameter", N),
        ("UnsupportedOperation", N),
        ("UnsupportedProtocol", N),
        ("UnsupportedRegion", N),
    ];
    assert_eq!(expected.len(), CommonCode::ALL.len());
    for (text, advice) in expected {
        let common: CommonCode = text.parse().unwrap();
        assert_eq!(common.retry_advice(), advice, "{text}");
        assert_eq!(common.is_retryable(), advice.is_retryable(), "{text}");
        let code: ErrorCode = text.parse().unwrap();
        assert_eq!(code.retry_advice(), advice, "{text}");
        assert_eq!(explain(text, None).retry_advice(), advice, "{text}");
    }
}

#[test]
fn the_advice_of_codes_that_once_contradicted_themselves_is_pinned() {
    use RetryAdvice::{DoNotRetry as N, RetryLater, RetryLater as L};
    let expected = [
        // "retry later" in their meaning, once advised not retryable.
        ("InvalidDisk.Busy", L),
        ("InvalidDisk.SnapshotCreating", L),
        ("ResourceBusy", L),
        ("ResourceInUse.DiskMigrating", L),
        ("ResourceInUse.DiskRollbacking", L),
        ("ResourceInsufficient.UpgradeServiceBusy", L),
        // Under retryable common prefixes, but about the request or the account.
        ("InternalError.ParamError", N),
        ("InternalError.CamNoAuth", N),
        ("InternalError.Param", N),
        // A key rotates at most once a day: the same request succeeds after that day.
        ("RequestLimitExceeded.RotateRateLimited", RetryLater),
        // Under no table at all: no advice to retry, whatever the prefix.
        ("InternalError.SomethingNew", N),
        ("RequestLimitExceeded.SomethingNew", N),
    ];
    for (text, advice) in expected {
        let code: ErrorCode = text.parse().unwrap();
        assert_eq!(code.retry_advice(), advice, "{text}");
        assert_eq!(code.is_retryable(), advice.is_retryable(), "{text}");
        assert_eq!(explain(text, None).retry_advice(), advice, "{text}");
    }
}

#[test]
fn a_sub_code_inherits_the_category_but_not_the_advice() {
    let code: ErrorCode = "InternalError.SomethingNew".parse().unwrap();
    assert_eq!(
        code.category(),
        Some(tencentcloud_envelope::Category::Server)
    );
    assert_eq!(code.retry_advice(), RetryAdvice::DoNotRetry);
    let answer = explain("InternalError.SomethingNew", None);
    assert_eq!(answer.kind(), CodeKind::UnderCommonPrefix);
    assert!(!answer.is_reviewed());
    assert!(
        answer.what_to_do().contains("not advised"),
        "{}",
        answer.what_to_do()
    );
}

#[test]
fn legacy_and_sdk_codes_take_their_table_category_and_advice() {
    use tencentcloud_envelope::Category;
    let cases = [
        (
            "InvalidParameter.SignatureFailure",
            Some(Category::Authentication),
            RetryAdvice::DoNotRetry,
        ),
        (
            "InvalidRequest.LimitExceeded",
            Some(Category::Throttling),
            RetryAdvice::Retry,
        ),
        (
            "InternalError.CAMInnerError",
            Some(Category::Server),
            RetryAdvice::RetryIfIdempotent,
        ),
        (
            "ClientError.NetworkError",
            Some(Category::Transport),
            RetryAdvice::RetryIfIdempotent,
        ),
        (
            "ClientError.CredentialError",
            Some(Category::Authentication),
            RetryAdvice::DoNotRetry,
        ),
        (
            "ClientParamsError",
            Some(Category::InvalidParameter),
            RetryAdvice::DoNotRetry,
        ),
    ];
    for (text, category, advice) in cases {
        let code: ErrorCode = text.parse().unwrap();
        assert_eq!(code.category(), category, "{text}");
        assert_eq!(code.retry_advice(), advice, "{text}");
    }
}

#[test]
fn products_that_review_a_common_code_agree_with_its_advice() {
    for listing in product_codes().filter(tencentcloud_envelope::ProductCode::is_reviewed) {
        if let Ok(common) = listing.code().parse::<CommonCode>() {
            assert_eq!(
                listing.retry_advice(),
                common.retry_advice(),
                "{} in {}",
                listing.code(),
                listing.service()
            );
        }
    }
}
