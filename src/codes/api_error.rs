//! The failure a service reports in `Response.Error`.

use crate::text::inert;
use crate::{Category, ErrorCode, RetryAdvice};

/// The failure a service reported: its error code and message, and the request id to quote
/// when asking Tencent Cloud for help.
///
/// Its `Display` escapes the control and bidirectional characters of that text (`\u{1b}`),
/// which the accessors give as sent.
///
/// ```
/// use tencentcloud_envelope::{ApiError, CommonCode};
///
/// let error = ApiError::new(CommonCode::RequestLimitExceeded, "slow down", "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
/// assert!(error.is_retryable());
/// assert_eq!(
///     error.to_string(),
///     "RequestLimitExceeded: slow down (request id ed93f3cb-f35e-473f-b9f3-0d451b8b79c6)"
/// );
/// ```
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, thiserror::Error, serde::Serialize, serde::Deserialize,
)]
#[error(
    "{}: {} (request id {})",
    inert(code.as_str()),
    inert(message),
    inert(request_id)
)]
pub struct ApiError {
    code: ErrorCode,
    message: String,
    request_id: String,
}

impl ApiError {
    /// An error as a service would report it; for mocks, tests and SDK-side conversions.
    pub fn new(
        code: impl Into<ErrorCode>,
        message: impl Into<String>,
        request_id: impl Into<String>,
    ) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
            request_id: request_id.into(),
        }
    }

    /// The error code (`Error.Code`).
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The service's explanation (`Error.Message`). It may change between service releases:
    /// decide on the [`code`](Self::code), not on this text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The id of the failed request (`Response.RequestId`).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The kind of failure; see [`ErrorCode::category`].
    pub fn category(&self) -> Option<Category> {
        self.code.category()
    }

    /// Whether to send the request again, and when; see [`ErrorCode::retry_advice`].
    pub fn retry_advice(&self) -> RetryAdvice {
        self.code.retry_advice()
    }

    /// Whether sending the request again can succeed; see [`ErrorCode::is_retryable`].
    pub fn is_retryable(&self) -> bool {
        self.code.is_retryable()
    }
}
