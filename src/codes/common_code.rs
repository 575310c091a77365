//! The error codes that every Tencent Cloud API 3.0 action may return.

use std::fmt;
use std::str::FromStr;

use crate::{Category, RetryAdvice};

macro_rules! common_codes {
    ($(
        ($variant:ident, $code:literal, $category:ident, $meaning:literal, $zh:literal);
    )*) => {
        /// One of the 38 common error codes that any API 3.0 action may return.
        ///
        /// The 26 codes of the original API 3.0 documentation plus the 12 added since. Variant
        /// names are the codes without their dots; [`Display`](std::fmt::Display),
        /// [`FromStr`](std::str::FromStr) and [`CommonCode::as_str`] use the exact dotted
        /// spelling the API sends. Codes specific to one action or product are not listed here:
        /// see [`ErrorCode`](crate::ErrorCode), which maps them to their common prefix.
        ///
        /// ```
        /// use tencentcloud_envelope::{Category, CommonCode, RetryAdvice};
        ///
        /// let code: CommonCode = "RequestLimitExceeded.UinLimitExceeded".parse()?;
        /// assert_eq!(code, CommonCode::RequestLimitExceededUinLimitExceeded);
        /// assert_eq!(code.category(), Category::Throttling);
        /// assert_eq!(code.retry_advice(), RetryAdvice::Retry);
        /// assert_eq!(CommonCode::ALL.len(), 38);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum CommonCode {
            $(
                #[doc = concat!("`", $code, "`: ", $meaning)]
                $variant,
            )*
        }

        impl CommonCode {
            /// Every common code, in alphabetical order of its spelling.
            pub const ALL: &'static [CommonCode] = &[$(CommonCode::$variant),*];

            /// The code exactly as the API sends it, such as `"AuthFailure.SignatureFailure"`.
            ///
            /// ```
            /// use tencentcloud_envelope::CommonCode;
            /// assert_eq!(CommonCode::AuthFailureMFAFailure.as_str(), "AuthFailure.MFAFailure");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(CommonCode::$variant => $code,)*
                }
            }

            /// What the code means, in one sentence (also the variant's documentation).
            ///
            /// ```
            /// use tencentcloud_envelope::CommonCode;
            /// assert!(CommonCode::ResourceNotFound.description().contains("does not exist"));
            /// ```
            pub const fn description(self) -> &'static str {
                match self {
                    $(CommonCode::$variant => $meaning,)*
                }
            }

            /// What the code means, in English or Chinese.
            pub const fn description_in(self, lang: crate::Lang) -> &'static str {
                match self {
                    $(CommonCode::$variant => lang.pick($meaning, $zh),)*
                }
            }

            /// The kind of failure, which decides what a caller should do.
            ///
            /// ```
            /// use tencentcloud_envelope::{Category, CommonCode};
            /// assert_eq!(CommonCode::AuthFailureSignatureExpire.category(), Category::Authentication);
            /// assert_eq!(CommonCode::AuthFailureUnauthorizedOperation.category(), Category::Authorization);
            /// ```
            pub const fn category(self) -> Category {
                match self {
                    $(CommonCode::$variant => Category::$category,)*
                }
            }
        }

        impl CommonCode {
            /// The common code spelled exactly `text`, without the copy a parse error keeps:
            /// for lookups of many prefixes of one code.
            pub(crate) fn find(text: &str) -> Option<CommonCode> {
                match text {
                    $($code => Some(CommonCode::$variant),)*
                    _ => None,
                }
            }
        }

        impl FromStr for CommonCode {
            type Err = UnknownCommonCode;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                CommonCode::find(text).ok_or_else(|| UnknownCommonCode::new(text))
            }
        }
    };
}

common_codes! {
    (ActionOffline, "ActionOffline", Endpoint,
        "The action has been taken offline and no longer accepts calls.",
        "该接口已下线，不再受理调用。");
    (AuthFailureInvalidAuthorization, "AuthFailure.InvalidAuthorization", Authentication,
        "The Authorization header does not follow Tencent Cloud's signature format.",
        "Authorization 请求头不符合腾讯云的签名格式。");
    (AuthFailureInvalidSecretId, "AuthFailure.InvalidSecretId", Authentication,
        "The `SecretId` is not a Tencent Cloud API key.",
        "所给的 `SecretId` 不是腾讯云 API 密钥。");
    (AuthFailureMFAFailure, "AuthFailure.MFAFailure", Authentication,
        "Multi-factor authentication failed.",
        "多因素认证（MFA）未通过。");
    (AuthFailureSecretIdNotFound, "AuthFailure.SecretIdNotFound", Authentication,
        "No key with this `SecretId` exists; it may have been deleted or disabled.",
        "找不到此 `SecretId` 对应的密钥，它可能已被删除或停用。");
    (AuthFailureSignatureExpire, "AuthFailure.SignatureExpire", Authentication,
        "The signature's timestamp is too old, usually because the client's clock is off.",
        "签名中的时间戳过旧，通常是客户端时钟不准所致。");
    (AuthFailureSignatureFailure, "AuthFailure.SignatureFailure", Authentication,
        "The signature does not match the request: check the `SecretKey` and the signing steps.",
        "签名与请求对不上：请核对 `SecretKey` 与签名步骤。");
    (AuthFailureTokenFailure, "AuthFailure.TokenFailure", Authentication,
        "The temporary-credential token is invalid or expired.",
        "临时凭证的令牌（Token）无效或已过期。");
    (AuthFailureUnauthorizedOperation, "AuthFailure.UnauthorizedOperation", Authorization,
        "The caller's CAM policies do not allow this request.",
        "调用方的 CAM 策略不允许这个请求。");
    (DryRunOperation, "DryRunOperation", DryRun,
        "The request would have succeeded; nothing was done because `DryRun` was set.",
        "请求本可以成功；由于设置了 `DryRun`，实际什么也没做。");
    (FailedOperation, "FailedOperation", Operation,
        "The operation failed; the message says why.",
        "操作没有完成，原因见错误信息。");
    (InternalError, "InternalError", Server,
        "The service hit an internal error.",
        "服务内部出现错误。");
    (InvalidAction, "InvalidAction", Endpoint,
        "No action of this name exists in this product and version.",
        "该产品的这个版本中没有这个名称的接口。");
    (InvalidParameter, "InvalidParameter", InvalidParameter,
        "A parameter is wrong: bad name, format or combination.",
        "有参数不对：名称、格式或参数组合有误。");
    (InvalidParameterValue, "InvalidParameterValue", InvalidParameter,
        "A parameter has a value that is malformed or out of range.",
        "某个参数的取值格式不对或超出范围。");
    (InvalidRequest, "InvalidRequest", InvalidRequest,
        "The multipart request body is malformed.",
        "multipart 请求体的格式不正确。");
    (IpInBlacklist, "IpInBlacklist", Authorization,
        "The caller's IP address is on the account's deny list.",
        "调用方的 IP 地址在账号的禁止名单中。");
    (IpNotInWhitelist, "IpNotInWhitelist", Authorization,
        "The caller's IP address is not on the account's allow list.",
        "调用方的 IP 地址不在账号的允许名单中。");
    (LimitExceeded, "LimitExceeded", Quota,
        "A quota would be exceeded.",
        "该请求会使某项配额超限。");
    (MissingParameter, "MissingParameter", InvalidParameter,
        "A required parameter was not sent.",
        "缺少一个必填参数。");
    (NoSuchProduct, "NoSuchProduct", Endpoint,
        "No product (service) of this name exists.",
        "不存在这个名称的产品（服务）。");
    (NoSuchVersion, "NoSuchVersion", Endpoint,
        "The product has no API version of this name.",
        "该产品没有这个 API 版本。");
    (RequestLimitExceeded, "RequestLimitExceeded", Throttling,
        "Too many requests in too short a time.",
        "短时间内请求过多。");
    (RequestLimitExceededGlobalRegionUinLimitExceeded, "RequestLimitExceeded.GlobalRegionUinLimitExceeded", Throttling,
        "The account sent too many requests summed over all regions.",
        "账号在所有地域合计的请求次数过多。");
    (RequestLimitExceededIPLimitExceeded, "RequestLimitExceeded.IPLimitExceeded", Throttling,
        "Too many requests came from the caller's IP address.",
        "来自调用方 IP 地址的请求过多。");
    (RequestLimitExceededUinLimitExceeded, "RequestLimitExceeded.UinLimitExceeded", Throttling,
        "The account (UIN) sent too many requests.",
        "该账号（UIN）发出的请求过多。");
    (RequestSizeLimitExceeded, "RequestSizeLimitExceeded", InvalidRequest,
        "The request body is larger than the service accepts.",
        "请求体超过了服务接受的大小。");
    (ResourceInUse, "ResourceInUse", ResourceState,
        "The resource is in use and cannot take this operation now.",
        "资源正被占用，眼下无法执行该操作。");
    (ResourceInsufficient, "ResourceInsufficient", Quota,
        "Not enough of the resource is available to fulfil the request.",
        "可用资源不足，无法满足请求。");
    (ResourceNotFound, "ResourceNotFound", NotFound,
        "The resource does not exist.",
        "资源不存在。");
    (ResourceUnavailable, "ResourceUnavailable", ResourceState,
        "The resource exists but cannot be used in its current state.",
        "资源存在，但在当前状态下不能使用。");
    (ResponseSizeLimitExceeded, "ResponseSizeLimitExceeded", InvalidRequest,
        "The answer would be larger than the service returns; ask for less at a time.",
        "应答会超过服务可返回的大小；请分批少取一些。");
    (ServiceUnavailable, "ServiceUnavailable", Server,
        "The service is temporarily unavailable.",
        "服务暂时不可用。");
    (UnauthorizedOperation, "UnauthorizedOperation", Authorization,
        "The caller is not authorized to perform this operation.",
        "调用方无权执行此操作。");
    (UnknownParameter, "UnknownParameter", InvalidParameter,
        "The request carries a parameter the action does not define.",
        "请求带有该接口未定义的参数。");
    (UnsupportedOperation, "UnsupportedOperation", Operation,
        "The operation is not supported for this resource or in this situation.",
        "该资源或当前情形不支持这个操作。");
    (UnsupportedProtocol, "UnsupportedProtocol", InvalidRequest,
        "The HTTP method is not supported; only GET and POST are.",
        "不支持该 HTTP 方法，只支持 GET 和 POST。");
    (UnsupportedRegion, "UnsupportedRegion", Endpoint,
        "The action is not offered in the requested region.",
        "该接口在所请求的地域不提供。");
}

impl CommonCode {
    /// Whether to send the request again: the [`category`](Self::category)'s advice, so
    /// [`RetryAdvice::Retry`] for throttling, [`RetryAdvice::RetryIfIdempotent`] for server
    /// failures and [`RetryAdvice::DoNotRetry`] for everything else.
    ///
    /// ```
    /// use tencentcloud_envelope::{CommonCode, RetryAdvice};
    /// assert_eq!(CommonCode::InternalError.retry_advice(), RetryAdvice::RetryIfIdempotent);
    /// assert_eq!(CommonCode::ResourceInUse.retry_advice(), RetryAdvice::DoNotRetry);
    /// ```
    pub const fn retry_advice(self) -> RetryAdvice {
        self.category().retry_advice()
    }

    /// Whether repeating the request can succeed: the shortcut for
    /// [`retry_advice`](Self::retry_advice)`().is_retryable()`. True for throttling
    /// (`RequestLimitExceeded` and its sub-codes) and server failures (`InternalError`,
    /// `ServiceUnavailable`); for the latter, only an idempotent call should be repeated.
    ///
    /// ```
    /// use tencentcloud_envelope::CommonCode;
    /// assert!(CommonCode::InternalError.is_retryable());
    /// assert!(!CommonCode::ResourceInUse.is_retryable());
    /// ```
    pub const fn is_retryable(self) -> bool {
        self.retry_advice().is_retryable()
    }

    /// The common code spelled `text` with any letter case, such as `internalerror`.
    ///
    /// ```
    /// use tencentcloud_envelope::CommonCode;
    /// assert_eq!(CommonCode::parse_ignore_case("authfailure.mfafailure"), Some(CommonCode::AuthFailureMFAFailure));
    /// ```
    pub fn parse_ignore_case(text: &str) -> Option<CommonCode> {
        CommonCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for CommonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<CommonCode> for &'static str {
    fn from(code: CommonCode) -> Self {
        code.as_str()
    }
}

impl serde::Serialize for CommonCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CommonCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::text::CowStr::deserialize(deserializer)?;
        text.as_str().parse().map_err(serde::de::Error::custom)
    }
}

/// The error returned when a string is not one of the common codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a common error code")]
pub struct UnknownCommonCode {
    input: String,
}

impl UnknownCommonCode {
    fn new(input: &str) -> Self {
        UnknownCommonCode {
            input: input.to_owned(),
        }
    }

    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_description_ending_in_a_period() {
        for &code in CommonCode::ALL {
            assert!(code.description().ends_with('.'), "{code}");
        }
    }

    #[test]
    fn variant_names_are_the_codes_without_dots() {
        for &code in CommonCode::ALL {
            assert_eq!(format!("{code:?}"), code.as_str().replace('.', ""));
        }
    }

    #[test]
    fn all_is_sorted_by_spelling_and_has_no_repeats() {
        let names: Vec<_> = CommonCode::ALL.iter().map(|c| c.as_str()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    }

    #[test]
    fn every_code_parses_from_its_spelling_and_in_any_case() {
        for &code in CommonCode::ALL {
            assert_eq!(code.as_str().parse::<CommonCode>(), Ok(code));
            let upper = code.as_str().to_ascii_uppercase();
            assert_eq!(CommonCode::parse_ignore_case(&upper), Some(code));
            assert!(upper.parse::<CommonCode>().is_err(), "{upper}");
        }
    }

    #[test]
    fn parse_error_names_the_input() {
        let error = "AuthFailure".parse::<CommonCode>().unwrap_err();
        assert_eq!(error.input(), "AuthFailure");
        assert_eq!(
            error.to_string(),
            "`AuthFailure` is not a common error code"
        );
    }
}
