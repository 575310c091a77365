//! The error codes that every Tencent Cloud API 3.0 action may return.

use strum::{Display, EnumMessage, EnumProperty, EnumString, IntoStaticStr, VariantArray};

use crate::Category;

/// One of the 38 common error codes that any API 3.0 action may return.
///
/// The 26 codes of the original API 3.0 documentation plus the 12 added since. Variant names
/// are the codes without their dots; [`Display`](std::fmt::Display), [`FromStr`](std::str::FromStr)
/// and [`CommonCode::as_str`] use the exact dotted spelling the API sends.
/// Codes specific to one action or product are not listed here: see [`ErrorCode`](crate::ErrorCode),
/// which maps them to their common prefix.
///
/// ```
/// use tencentcloud_envelope::{Category, CommonCode};
///
/// let code: CommonCode = "RequestLimitExceeded.UinLimitExceeded".parse()?;
/// assert_eq!(code, CommonCode::RequestLimitExceededUinLimitExceeded);
/// assert_eq!(code.category(), Category::Throttling);
/// assert!(code.is_retryable());
/// assert_eq!(CommonCode::ALL.len(), 38);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Display,
    EnumString,
    IntoStaticStr,
    EnumMessage,
    EnumProperty,
    VariantArray,
)]
#[strum(
    parse_err_ty = UnknownCommonCode,
    parse_err_fn = UnknownCommonCode::new
)]
#[non_exhaustive]
pub enum CommonCode {
    /// `ActionOffline`
    #[strum(
        serialize = "ActionOffline",
        message = "The action has been taken offline and no longer accepts calls.",
        props(category = "endpoint")
    )]
    ActionOffline,
    /// `AuthFailure.InvalidAuthorization`
    #[strum(
        serialize = "AuthFailure.InvalidAuthorization",
        message = "The Authorization header does not follow Tencent Cloud's signature format.",
        props(category = "authentication")
    )]
    AuthFailureInvalidAuthorization,
    /// `AuthFailure.InvalidSecretId`
    #[strum(
        serialize = "AuthFailure.InvalidSecretId",
        message = "The `SecretId` is not a Tencent Cloud API key.",
        props(category = "authentication")
    )]
    AuthFailureInvalidSecretId,
    /// `AuthFailure.MFAFailure`
    #[strum(
        serialize = "AuthFailure.MFAFailure",
        message = "Multi-factor authentication failed.",
        props(category = "authentication")
    )]
    AuthFailureMFAFailure,
    /// `AuthFailure.SecretIdNotFound`
    #[strum(
        serialize = "AuthFailure.SecretIdNotFound",
        message = "No key with this `SecretId` exists; it may have been deleted or disabled.",
        props(category = "authentication")
    )]
    AuthFailureSecretIdNotFound,
    /// `AuthFailure.SignatureExpire`
    #[strum(
        serialize = "AuthFailure.SignatureExpire",
        message = "The signature's timestamp is too old, usually because the client's clock is off.",
        props(category = "authentication")
    )]
    AuthFailureSignatureExpire,
    /// `AuthFailure.SignatureFailure`
    #[strum(
        serialize = "AuthFailure.SignatureFailure",
        message = "The signature does not match the request: check the `SecretKey` and the signing steps.",
        props(category = "authentication")
    )]
    AuthFailureSignatureFailure,
    /// `AuthFailure.TokenFailure`
    #[strum(
        serialize = "AuthFailure.TokenFailure",
        message = "The temporary-credential token is invalid or expired.",
        props(category = "authentication")
    )]
    AuthFailureTokenFailure,
    /// `AuthFailure.UnauthorizedOperation`
    #[strum(
        serialize = "AuthFailure.UnauthorizedOperation",
        message = "The caller's CAM policies do not allow this request.",
        props(category = "authorization")
    )]
    AuthFailureUnauthorizedOperation,
    /// `DryRunOperation`
    #[strum(
        serialize = "DryRunOperation",
        message = "The request would have succeeded; nothing was done because `DryRun` was set.",
        props(category = "dry-run")
    )]
    DryRunOperation,
    /// `FailedOperation`
    #[strum(
        serialize = "FailedOperation",
        message = "The operation failed; the message says why.",
        props(category = "operation")
    )]
    FailedOperation,
    /// `InternalError`
    #[strum(
        serialize = "InternalError",
        message = "The service hit an internal error.",
        props(category = "server")
    )]
    InternalError,
    /// `InvalidAction`
    #[strum(
        serialize = "InvalidAction",
        message = "No action of this name exists in this product and version.",
        props(category = "endpoint")
    )]
    InvalidAction,
    /// `InvalidParameter`
    #[strum(
        serialize = "InvalidParameter",
        message = "A parameter is wrong: bad name, format or combination.",
        props(category = "invalid-parameter")
    )]
    InvalidParameter,
    /// `InvalidParameterValue`
    #[strum(
        serialize = "InvalidParameterValue",
        message = "A parameter has a value that is malformed or out of range.",
        props(category = "invalid-parameter")
    )]
    InvalidParameterValue,
    /// `InvalidRequest`
    #[strum(
        serialize = "InvalidRequest",
        message = "The multipart request body is malformed.",
        props(category = "invalid-request")
    )]
    InvalidRequest,
    /// `IpInBlacklist`
    #[strum(
        serialize = "IpInBlacklist",
        message = "The caller's IP address is on the account's deny list.",
        props(category = "authorization")
    )]
    IpInBlacklist,
    /// `IpNotInWhitelist`
    #[strum(
        serialize = "IpNotInWhitelist",
        message = "The caller's IP address is not on the account's allow list.",
        props(category = "authorization")
    )]
    IpNotInWhitelist,
    /// `LimitExceeded`
    #[strum(
        serialize = "LimitExceeded",
        message = "A quota would be exceeded.",
        props(category = "quota")
    )]
    LimitExceeded,
    /// `MissingParameter`
    #[strum(
        serialize = "MissingParameter",
        message = "A required parameter was not sent.",
        props(category = "invalid-parameter")
    )]
    MissingParameter,
    /// `NoSuchProduct`
    #[strum(
        serialize = "NoSuchProduct",
        message = "No product (service) of this name exists.",
        props(category = "endpoint")
    )]
    NoSuchProduct,
    /// `NoSuchVersion`
    #[strum(
        serialize = "NoSuchVersion",
        message = "The product has no API version of this name.",
        props(category = "endpoint")
    )]
    NoSuchVersion,
    /// `RequestLimitExceeded`
    #[strum(
        serialize = "RequestLimitExceeded",
        message = "Too many requests in too short a time.",
        props(category = "throttling")
    )]
    RequestLimitExceeded,
    /// `RequestLimitExceeded.GlobalRegionUinLimitExceeded`
    #[strum(
        serialize = "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        message = "The account sent too many requests summed over all regions.",
        props(category = "throttling")
    )]
    RequestLimitExceededGlobalRegionUinLimitExceeded,
    /// `RequestLimitExceeded.IPLimitExceeded`
    #[strum(
        serialize = "RequestLimitExceeded.IPLimitExceeded",
        message = "Too many requests came from the caller's IP address.",
        props(category = "throttling")
    )]
    RequestLimitExceededIPLimitExceeded,
    /// `RequestLimitExceeded.UinLimitExceeded`
    #[strum(
        serialize = "RequestLimitExceeded.UinLimitExceeded",
        message = "The account (UIN) sent too many requests.",
        props(category = "throttling")
    )]
    RequestLimitExceededUinLimitExceeded,
    /// `RequestSizeLimitExceeded`
    #[strum(
        serialize = "RequestSizeLimitExceeded",
        message = "The request body is larger than the service accepts.",
        props(category = "invalid-request")
    )]
    RequestSizeLimitExceeded,
    /// `ResourceInUse`
    #[strum(
        serialize = "ResourceInUse",
        message = "The resource is in use and cannot take this operation now.",
        props(category = "resource-state")
    )]
    ResourceInUse,
    /// `ResourceInsufficient`
    #[strum(
        serialize = "ResourceInsufficient",
        message = "Not enough of the resource is available to fulfil the request.",
        props(category = "quota")
    )]
    ResourceInsufficient,
    /// `ResourceNotFound`
    #[strum(
        serialize = "ResourceNotFound",
        message = "The resource does not exist.",
        props(category = "not-found")
    )]
    ResourceNotFound,
    /// `ResourceUnavailable`
    #[strum(
        serialize = "ResourceUnavailable",
        message = "The resource exists but cannot be used in its current state.",
        props(category = "resource-state")
    )]
    ResourceUnavailable,
    /// `ResponseSizeLimitExceeded`
    #[strum(
        serialize = "ResponseSizeLimitExceeded",
        message = "The answer would be larger than the service returns; ask for less at a time.",
        props(category = "invalid-request")
    )]
    ResponseSizeLimitExceeded,
    /// `ServiceUnavailable`
    #[strum(
        serialize = "ServiceUnavailable",
        message = "The service is temporarily unavailable.",
        props(category = "server")
    )]
    ServiceUnavailable,
    /// `UnauthorizedOperation`
    #[strum(
        serialize = "UnauthorizedOperation",
        message = "The caller is not authorized to perform this operation.",
        props(category = "authorization")
    )]
    UnauthorizedOperation,
    /// `UnknownParameter`
    #[strum(
        serialize = "UnknownParameter",
        message = "The request carries a parameter the action does not define.",
        props(category = "invalid-parameter")
    )]
    UnknownParameter,
    /// `UnsupportedOperation`
    #[strum(
        serialize = "UnsupportedOperation",
        message = "The operation is not supported for this resource or in this situation.",
        props(category = "operation")
    )]
    UnsupportedOperation,
    /// `UnsupportedProtocol`
    #[strum(
        serialize = "UnsupportedProtocol",
        message = "The HTTP method is not supported; only GET and POST are.",
        props(category = "invalid-request")
    )]
    UnsupportedProtocol,
    /// `UnsupportedRegion`
    #[strum(
        serialize = "UnsupportedRegion",
        message = "The action is not offered in the requested region.",
        props(category = "endpoint")
    )]
    UnsupportedRegion,
}

impl CommonCode {
    /// Every common code, in alphabetical order of its spelling.
    pub const ALL: &'static [CommonCode] = <Self as VariantArray>::VARIANTS;

    /// The code exactly as the API sends it, such as `"AuthFailure.SignatureFailure"`.
    ///
    /// ```
    /// use tencentcloud_envelope::CommonCode;
    /// assert_eq!(CommonCode::AuthFailureMFAFailure.as_str(), "AuthFailure.MFAFailure");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What the code means, in one sentence.
    ///
    /// ```
    /// use tencentcloud_envelope::CommonCode;
    /// assert!(CommonCode::ResourceNotFound.description().contains("does not exist"));
    /// ```
    pub fn description(self) -> &'static str {
        self.get_message().unwrap_or_default()
    }

    /// The kind of failure, which decides what a caller should do.
    ///
    /// ```
    /// use tencentcloud_envelope::{Category, CommonCode};
    /// assert_eq!(CommonCode::AuthFailureSignatureExpire.category(), Category::Authentication);
    /// assert_eq!(CommonCode::AuthFailureUnauthorizedOperation.category(), Category::Authorization);
    /// ```
    pub fn category(self) -> Category {
        // Every variant names a valid category; a unit test holds each one to that.
        self.get_str("category")
            .and_then(|name| name.parse().ok())
            .unwrap_or(Category::Operation)
    }

    /// Whether repeating the same request after a backoff delay can succeed.
    ///
    /// Decided by the [`category`](Self::category) alone: true for throttling
    /// (`RequestLimitExceeded` and its sub-codes) and server failures (`InternalError`,
    /// `ServiceUnavailable`). See [`Category::is_retryable`] for the reasoning, and
    /// [`Category::Server`] for the caveat on calls that are not idempotent.
    ///
    /// ```
    /// use tencentcloud_envelope::CommonCode;
    /// assert!(CommonCode::InternalError.is_retryable());
    /// assert!(!CommonCode::ResourceInUse.is_retryable());
    /// ```
    pub fn is_retryable(self) -> bool {
        self.category().is_retryable()
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
    fn every_code_names_a_valid_category() {
        for &code in CommonCode::ALL {
            let name = code.get_str("category").unwrap_or_default();
            assert!(name.parse::<Category>().is_ok(), "{code}: `{name}`");
        }
    }

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
    fn the_issue_retry_policy_holds() {
        use CommonCode as C;
        for code in [
            C::RequestLimitExceeded,
            C::RequestLimitExceededUinLimitExceeded,
            C::RequestLimitExceededIPLimitExceeded,
            C::RequestLimitExceededGlobalRegionUinLimitExceeded,
            C::InternalError,
            C::ServiceUnavailable,
        ] {
            assert!(code.is_retryable(), "{code}");
        }
        for &code in CommonCode::ALL {
            let category = code.category();
            if matches!(
                category,
                Category::Authentication
                    | Category::Authorization
                    | Category::DryRun
                    | Category::InvalidParameter
            ) {
                assert!(!code.is_retryable(), "{code}");
            }
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
