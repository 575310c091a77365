//! One call's answer, typed: from an HTTP status, headers and body to the payload an SDK
//! returns, or one error type that says what went wrong and whether to try again.

use std::fmt;

use serde::Deserialize;

use crate::read::classify::{RequestIdSource, read_response};
use crate::text::inert;
use crate::{ApiError, Category, Diagnostic, ErrorCode, HeaderPair, ProtocolError, RetryAdvice};

/// Reads a whole HTTP response into the action's payload type `T`, or the reason there is
/// none: the one call an SDK needs after sending a request.
///
/// The body is read once, by the validator's walk: a body that breaks a fatal rule is a
/// [`CallError::Protocol`] (retryable only for the gateway statuses), an `Error` is a
/// [`CallError::Service`] whatever comes before it in the body, and a payload that does not
/// fit `T` is a [`CallError::Payload`] that still names the request id and says which member
/// failed, where in the body, and why. The request id is [`classify`](crate::classify())'s (the
/// body's, else the `X-TC-RequestId` headers' by the rule given there), and types that declare
/// `RequestId`, as the official SDKs' do, receive that id wherever it came from.
///
/// ```
/// use serde::Deserialize;
/// use tencentcloud_envelope::{decode, CallError};
///
/// #[derive(Debug, Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct DescribeRegions { total_count: u32, request_id: String }
///
/// let headers = [("Content-Type", "application/json")];
/// let body = br#"{"Response": {"TotalCount": 2, "RegionSet": [],
///     "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
/// let reply = decode::<DescribeRegions, _, _>(200, headers, body)?;
/// assert_eq!(reply.payload().total_count, 2);
/// assert_eq!(reply.payload().request_id, reply.request_id());
///
/// let failed = br#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"},
///     "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
/// match decode::<DescribeRegions, _, _>(200, headers, failed) {
///     Err(CallError::Service(error)) => assert!(error.is_retryable()),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), CallError>(())
/// ```
///
/// # Errors
/// [`CallError`], as above.
pub fn decode<'a, T, I, H>(status: u16, headers: I, body: &'a [u8]) -> Result<Reply<T>, CallError>
where
    T: Deserialize<'a>,
    I: IntoIterator<Item = H>,
    H: HeaderPair,
{
    let (envelope, source) = read_response(status, headers, body);
    let envelope = envelope.map_err(|problem| CallError::Protocol(Box::new(problem)))?;
    envelope.into_reply(status, source)
}

/// A successful call: the typed payload and what came with it.
#[derive(Debug, Clone)]
pub struct Reply<T> {
    payload: T,
    request_id: String,
    source: RequestIdSource,
    status: u16,
    deprecated_warning: Option<String>,
    findings: Vec<Diagnostic>,
}

impl<T> Reply<T> {
    pub(crate) fn new(
        payload: T,
        request_id: String,
        source: RequestIdSource,
        status: u16,
        deprecated_warning: Option<String>,
        findings: Vec<Diagnostic>,
    ) -> Self {
        Reply {
            payload,
            request_id,
            source,
            status,
            deprecated_warning,
            findings,
        }
    }

    /// The payload.
    pub fn payload(&self) -> &T {
        &self.payload
    }

    /// The payload, by value.
    pub fn into_payload(self) -> T {
        self.payload
    }

    /// The request id.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// Whether the request id came from the body or from the `X-TC-RequestId` header.
    pub fn request_id_source(&self) -> RequestIdSource {
        self.source
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "{} (HTTP {status})", self.error),
            None => self.error.fmt(f),
        }
    }
}

impl std::error::Error for ServiceError {}

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
