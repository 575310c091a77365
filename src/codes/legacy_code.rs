//! Codes the server sent in API 3.0's early days, before today's common codes replaced them.

use std::fmt;

use crate::{Category, CommonCode, RetryAdvice};

/// What the server sends today instead of a legacy code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Successor {
    /// This common code.
    Sent(CommonCode),
    /// No single code; the failure still has this category.
    Gone(Category),
}

macro_rules! legacy_codes {
    ($(
        ($variant:ident, $code:literal, $successor:expr, $meaning:literal, $zh:literal);
    )*) => {
        /// An early API 3.0 error code that still turns up in old logs and old SDKs.
        ///
        /// Most have a common code that replaced them ([`LegacyCode::successor`]); their
        /// category and retry advice are that code's, not those of the prefix they are
        /// spelled under (`InvalidParameter.SignatureFailure` is an authentication failure).
        ///
        /// ```
        /// use tencentcloud_envelope::{Category, CommonCode, LegacyCode};
        ///
        /// let code = LegacyCode::find("InvalidParameter.SignatureFailure").ok_or("a legacy code")?;
        /// assert_eq!(code.successor(), Some(CommonCode::AuthFailureSignatureFailure));
        /// assert_eq!(code.category(), Category::Authentication);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum LegacyCode {
            $(
                #[doc = concat!("`", $code, "`: ", $meaning)]
                $variant,
            )*
        }

        impl LegacyCode {
            /// Every legacy code.
            pub const ALL: &'static [LegacyCode] = &[$(LegacyCode::$variant),*];

            /// The code as the server sent it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(LegacyCode::$variant => $code,)*
                }
            }

            /// What the code meant, in one sentence.
            pub const fn description(self) -> &'static str {
                match self {
                    $(LegacyCode::$variant => $meaning,)*
                }
            }

            /// What the code meant, in English or Chinese.
            pub const fn description_in(self, lang: crate::Lang) -> &'static str {
                match self {
                    $(LegacyCode::$variant => lang.pick($meaning, $zh),)*
                }
            }

            const fn now(self) -> Successor {
                match self {
                    $(LegacyCode::$variant => $successor,)*
                }
            }
        }
    };
}

use CommonCode as C;
use Successor::{Gone, Sent};

legacy_codes! {
    (InvalidParameterSignatureFailure, "InvalidParameter.SignatureFailure",
        Sent(C::AuthFailureSignatureFailure), "The signature did not match the request.",
        "签名与请求不符。");
    (InvalidParameterSecretIdNotFound, "InvalidParameter.SecretIdNotFound",
        Sent(C::AuthFailureSecretIdNotFound), "No key with this SecretId existed.",
        "不存在此 SecretId 对应的密钥。");
    (InvalidRequestTokenCheckFailed, "InvalidRequest.TokenCheckFailed",
        Sent(C::AuthFailureTokenFailure), "The temporary-credential token was rejected.",
        "临时凭证的令牌被拒绝。");
    (InvalidRequestMFACheckFailed, "InvalidRequest.MFACheckFailed",
        Sent(C::AuthFailureMFAFailure), "Multi-factor authentication failed.",
        "多因素认证未通过。");
    (InternalErrorCAMInnerError, "InternalError.CAMInnerError",
        Sent(C::InternalError), "The access-management service failed internally.",
        "访问管理（CAM）服务内部出错。");
    (InvalidRequestForbidden, "InvalidRequest.Forbidden",
        Sent(C::AuthFailureUnauthorizedOperation), "The caller was not allowed to make the request.",
        "调用方无权发出该请求。");
    (InvalidRequestLimitExceeded, "InvalidRequest.LimitExceeded",
        Sent(C::RequestLimitExceeded), "Too many requests came in too short a time.",
        "短时间内请求过多。");
    (InvalidRequestReplayAttack, "InvalidRequest.ReplayAttack",
        Gone(Category::Authentication),
        "The request repeated an earlier signed request (same nonce and timestamp); sign each request afresh.",
        "请求重复了先前已签名的请求（随机数与时间戳相同）；每个请求都要重新签名。");
    (InvalidRequestUnsupportedProtocol, "InvalidRequest.UnsupportedProtocol",
        Sent(C::UnsupportedProtocol), "The HTTP method or protocol was not supported.",
        "不支持该 HTTP 方法或协议。");
    (InvalidActionNotFound, "InvalidAction.NotFound",
        Sent(C::InvalidAction), "No action of this name existed.",
        "不存在这个名称的接口。");
    (InvalidActionActionUnavailable, "InvalidAction.ActionUnavailable",
        Sent(C::ActionOffline), "The action was not available.",
        "该接口当时不可用。");
    (InvalidRequestRequestConcurrencyExceeded, "InvalidRequest.RequestConcurrencyExceeded",
        Sent(C::RequestLimitExceeded), "Too many requests were running at once.",
        "同时进行中的请求过多。");
}

impl LegacyCode {
    /// The legacy code spelled exactly `code`.
    ///
    /// ```
    /// use tencentcloud_envelope::LegacyCode;
    /// assert!(LegacyCode::find("InvalidAction.NotFound").is_some());
    /// assert!(LegacyCode::find("InvalidAction").is_none());
    /// ```
    pub fn find(code: &str) -> Option<LegacyCode> {
        LegacyCode::ALL
            .iter()
            .copied()
            .find(|legacy| legacy.as_str() == code)
    }

    /// The common code the server sends today instead, if a single one does.
    ///
    /// ```
    /// use tencentcloud_envelope::{CommonCode, LegacyCode};
    /// assert_eq!(LegacyCode::InvalidActionActionUnavailable.successor(), Some(CommonCode::ActionOffline));
    /// assert_eq!(LegacyCode::InvalidRequestReplayAttack.successor(), None);
    /// ```
    pub const fn successor(self) -> Option<CommonCode> {
        match self.now() {
            Sent(code) => Some(code),
            Gone(_) => None,
        }
    }

    /// The kind of failure: the successor's category.
    ///
    /// ```
    /// use tencentcloud_envelope::{Category, LegacyCode};
    /// assert_eq!(LegacyCode::InvalidRequestLimitExceeded.category(), Category::Throttling);
    /// ```
    pub const fn category(self) -> Category {
        match self.now() {
            Sent(code) => code.category(),
            Gone(category) => category,
        }
    }

    /// Whether to send the request again: the successor's advice, and
    /// [`RetryAdvice::DoNotRetry`] without one.
    ///
    /// ```
    /// use tencentcloud_envelope::{LegacyCode, RetryAdvice};
    /// assert_eq!(LegacyCode::InvalidRequestRequestConcurrencyExceeded.retry_advice(), RetryAdvice::Retry);
    /// ```
    pub const fn retry_advice(self) -> RetryAdvice {
        match self.now() {
            Sent(code) => code.retry_advice(),
            Gone(_) => RetryAdvice::DoNotRetry,
        }
    }
}

impl fmt::Display for LegacyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_lists_twelve_legacy_codes_none_of_them_common() {
        assert_eq!(LegacyCode::ALL.len(), 12);
        for &code in LegacyCode::ALL {
            assert!(code.as_str().parse::<CommonCode>().is_err(), "{code}");
            assert_eq!(LegacyCode::find(code.as_str()), Some(code));
            assert!(code.description().ends_with('.'), "{code}");
        }
    }
}
