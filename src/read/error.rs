//! Why a reader has no payload to give: the service's error, a body that is not an envelope,
//! a payload that does not fit its type, and the one type that holds any of them.

use std::fmt;

use crate::text::inert;
use crate::{ApiError, Category, Diagnostic, ErrorCode, RetryAdvice, Rule};

/// Why a call has no payload to return.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// The service reported a failure in `Response.Error`.
    #[error(transparent)]
    Service(Box<ServiceError>),
    /// The body is not an envelope that can be trusted (a gateway's page, a cut-off body).
    #[error(transparent)]
    Protocol(Box<ProtocolError>),
    /// The call succeeded, but its payload does not deserialize as the type asked for.
    #[error(transparent)]
    Payload(PayloadError),
}

impl CallError {
    /// What to do about it: the service's advice for its code, the status's for a protocol
    /// error (see [`ProtocolError::retry_advice`]), and never to retry a payload that does not
    /// fit the type (it will not fit next time either).
    pub fn retry_advice(&self) -> RetryAdvice {
        match self {
            CallError::Service(error) => error.retry_advice(),
            CallError::Protocol(problem) => problem.retry_advice(),
            CallError::Payload(_) => RetryAdvice::DoNotRetry,
        }
    }

    /// Whether sending the same request again can succeed at all; see
    /// [`CallError::retry_advice`] for when.
    pub fn is_retryable(&self) -> bool {
        self.retry_advice().is_retryable()
    }

    /// The category of the service's error code, for a service error.
    pub fn category(&self) -> Option<Category> {
        match self {
            CallError::Service(error) => error.category(),
            CallError::Protocol(_) | CallError::Payload(_) => None,
        }
    }

    /// The request id, when the response gave one (in the body or the header).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            CallError::Service(error) => Some(error.request_id()),
            CallError::Protocol(problem) => problem.request_id(),
            CallError::Payload(error) => Some(error.request_id()),
        }
    }

    /// The HTTP status, when known.
    pub fn status(&self) -> Option<u16> {
        match self {
            CallError::Service(error) => error.status(),
            CallError::Protocol(problem) => Some(problem.status()),
            CallError::Payload(error) => error.status(),
        }
    }
}

/// The service's error, with what came with it.
///
/// Its `Display` is the [`ApiError`]'s and the status, so the `ApiError` is not also its
/// [`source`](std::error::Error::source) (a report would say it twice); read it with
/// [`ServiceError::error`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}{}", StatusSuffix(*status))]
pub struct ServiceError {
    error: ApiError,
    status: Option<u16>,
    deprecated_warning: Option<String>,
    findings: Vec<Diagnostic>,
}

impl ServiceError {
    pub(crate) fn new(
        error: ApiError,
        status: Option<u16>,
        deprecated_warning: Option<String>,
        findings: Vec<Diagnostic>,
    ) -> Self {
        ServiceError {
            error,
            status,
            deprecated_warning,
            findings,
        }
    }

    /// The code, message and request id.
    pub fn error(&self) -> &ApiError {
        &self.error
    }

    /// The code, message and request id, by value.
    pub fn into_error(self) -> ApiError {
        self.error
    }

    /// The error code.
    pub fn code(&self) -> &ErrorCode {
        self.error.code()
    }

    /// The message.
    pub fn message(&self) -> &str {
        self.error.message()
    }

    /// The request id.
    pub fn request_id(&self) -> &str {
        self.error.request_id()
    }

    /// The HTTP status, when known.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The code's category.
    pub fn category(&self) -> Option<Category> {
        self.error.category()
    }

    /// What to do about it, from what is known of the code.
    pub fn retry_advice(&self) -> RetryAdvice {
        self.error.retry_advice()
    }

    /// Whether repeating the request can succeed at all.
    pub fn is_retryable(&self) -> bool {
        self.error.is_retryable()
    }

    /// `Response.DeprecatedWarning`, when the action is deprecated.
    pub fn deprecated_warning(&self) -> Option<&str> {
        self.deprecated_warning.as_deref()
    }

    /// The tolerated findings the response drew, as [`Envelope::findings`](crate::Envelope::findings)
    /// gives them.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.findings
    }
}

/// The HTTP status as the end of a message, when known.
struct StatusSuffix(Option<u16>);

impl fmt::Display for StatusSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(status) => write!(f, " (HTTP {status})"),
            None => Ok(()),
        }
    }
}

/// A successful call whose payload does not deserialize as the type asked for: which member
/// failed, where in the body, and why.
///
/// Its `Display` says all three, the response's text escaped as in [`ProtocolError`]; so the
/// cause is not repeated as a [`source`](std::error::Error::source), and is read with
/// [`PayloadError::json_error`].
///
/// ```
/// use serde::Deserialize;
/// use tencentcloud_envelope::{decode, CallError};
///
/// #[derive(Debug, Deserialize)]
/// struct Disks { #[serde(rename = "TotalCount")] total_count: u64 }
///
/// let body = br#"{"Response": {"TotalCount": "many", "RequestId": "r-1"}}"#;
/// let error = match decode::<Disks, _, _>(200, [("Content-Type", "application/json")], body) {
///     Err(CallError::Payload(error)) => error,
///     other => panic!("{other:?}"),
/// };
/// assert_eq!((error.member(), error.line(), error.column()), (Some("TotalCount"), 1, 34));
/// assert_eq!(
///     error.to_string(),
///     "the payload of request r-1 does not deserialize as the type asked for: \
///      member `TotalCount` at line 1, column 34: invalid type: string \"many\", expected u64"
/// );
/// ```
#[derive(Debug)]
pub struct PayloadError {
    request_id: String,
    status: Option<u16>,
    json: serde_json::Error,
    member: Option<String>,
    place: Option<(usize, usize)>,
}

impl PayloadError {
    pub(crate) fn new(
        request_id: String,
        status: Option<u16>,
        json: serde_json::Error,
        member: Option<String>,
        place: Option<(usize, usize)>,
    ) -> Self {
        PayloadError {
            request_id,
            status,
            json,
            member,
            place,
        }
    }

    /// The request id.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The HTTP status, when known.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The payload member whose name or value the type refused (`RequestId` included);
    /// `None` when it refused the payload as a whole, as for a missing field.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The 1-based line in the body where the type stopped reading that member, counted as a
    /// [`Diagnostic`]'s; 0 when the body holds no such place (no member, or a request id
    /// from the header).
    pub fn line(&self) -> usize {
        self.place.map_or(0, |(line, _)| line)
    }

    /// The 1-based column of that place, in characters as a [`Diagnostic`]'s; 0 with
    /// [`PayloadError::line`].
    pub fn column(&self) -> usize {
        self.place.map_or(0, |(_, column)| column)
    }

    /// What `serde_json` said; its line and column count from the start of the member's
    /// value, where [`PayloadError::line`] and [`PayloadError::column`] count in the body.
    pub fn json_error(&self) -> &serde_json::Error {
        &self.json
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the payload of request {} does not deserialize as the type asked for",
            inert(&self.request_id)
        )?;
        if let Some(member) = &self.member {
            write!(f, ": member `{}`", inert(member))?;
        }
        if let Some((line, column)) = self.place {
            write!(f, " at line {line}, column {column}")?;
        }
        // serde_json's own position counts from the member's start: the body's is above.
        let mut cause = self.json.to_string();
        if self.json.line() > 0
            && let Some(at) = cause.rfind(" at line ")
        {
            cause.truncate(at);
        }
        write!(f, ": {}", inert(&cause))
    }
}

impl std::error::Error for PayloadError {}

/// A body that is not a valid envelope, with what an SDK needs to report and retry it.
///
/// Its `Display` shows a bounded excerpt of the body, never the whole of it, and the
/// response's text (content type, request id, message) with control and bidirectional
/// characters escaped (`\u{1b}`); the accessors give that text as sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ProtocolError {
    status: u16,
    content_type: Option<String>,
    request_id: Option<String>,
    rule: Rule,
    message: String,
    excerpt: String,
}

impl ProtocolError {
    /// How many characters of the body an excerpt keeps.
    pub const EXCERPT_CHARS: usize = 160;

    /// The error for `body`, refused by `finding`.
    pub(crate) fn new(
        status: u16,
        content_type: Option<String>,
        request_id: Option<String>,
        finding: &Diagnostic,
        body: &[u8],
    ) -> Self {
        let excerpt = String::from_utf8_lossy(body.get(..4 * Self::EXCERPT_CHARS).unwrap_or(body))
            .chars()
            .take(Self::EXCERPT_CHARS)
            .collect();
        ProtocolError {
            status,
            content_type,
            request_id,
            rule: finding.rule(),
            message: finding.message().to_owned(),
            excerpt,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Content-Type` header, as sent.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The `X-TC-RequestId` header, or a request id the body held, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The first envelope rule the body breaks.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// What is wrong with the body.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The start of the body, at most [`Self::EXCERPT_CHARS`] characters, lossily decoded.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// What to do about it, from the status: 429 and 503 say the request was turned away
    /// unexecuted ([`RetryAdvice::Retry`]); 502 and 504 come from a gateway that may have
    /// passed the request on ([`RetryAdvice::RetryIfIdempotent`]); a malformed answer with any
    /// other status will come back the same ([`RetryAdvice::DoNotRetry`]).
    pub fn retry_advice(&self) -> RetryAdvice {
        match self.status {
            429 | 503 => RetryAdvice::Retry,
            502 | 504 => RetryAdvice::RetryIfIdempotent,
            _ => RetryAdvice::DoNotRetry,
        }
    }

    /// Whether sending the request again can help: true for the transient gateway statuses
    /// 502, 503 and 504 (and 429, too many requests); see [`ProtocolError::retry_advice`].
    pub fn is_retryable(&self) -> bool {
        self.retry_advice().is_retryable()
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} with a body that is not an API 3.0 envelope ({}: {})",
            self.status,
            self.rule,
            inert(&self.message)
        )?;
        if let Some(content_type) = &self.content_type {
            write!(f, "; content type `{}`", inert(content_type))?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, "; request id {}", inert(request_id))?;
        }
        write!(f, "; body starts {:?}", self.excerpt)
    }
}
