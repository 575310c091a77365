//! Whole HTTP responses, as an SDK holds them: status, headers and body, classified into
//! success, the service's error, or a protocol error, with no HTTP crate required.

use std::fmt;

use crate::grammar::names;
use crate::validate::{Read, read};
use crate::{ApiError, Envelope, InvalidEnvelope, RetryAdvice, Rule};

/// Where a request id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestIdSource {
    /// `Response.RequestId` in the body.
    Body,
    /// The `X-TC-RequestId` response header, used when the body has none.
    Header,
}

/// What a whole HTTP response turned out to be.
///
/// ```
/// use tencentcloud_envelope::{classify, Classified};
///
/// let headers = [("Content-Type", "application/json; charset=utf-8")];
/// let body = br#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"},
///     "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
/// match classify(400, headers, body) {
///     Classified::Success(success) => println!("{}", success.envelope().request_id()),
///     Classified::ServiceError { error, status } => {
///         assert_eq!((error.code().as_str(), status), ("RequestLimitExceeded", 400));
///         assert!(error.is_retryable());
///     }
///     Classified::ProtocolError(problem) => panic!("{problem}"),
/// }
/// ```
#[derive(Debug, Clone)]
pub enum Classified<'a> {
    /// A well-formed success envelope.
    Success(Success<'a>),
    /// The service reported a failure, whatever the HTTP status.
    ServiceError {
        /// The service's error.
        error: ApiError,
        /// The HTTP status it came with.
        status: u16,
    },
    /// The body is not a valid envelope: a gateway's page, a truncated body, a legacy reply.
    ProtocolError(ProtocolError),
}

/// A successful response: the envelope, and where its request id came from.
#[derive(Debug, Clone)]
pub struct Success<'a> {
    envelope: Envelope<'a>,
    source: RequestIdSource,
    status: u16,
}

impl<'a> Success<'a> {
    /// The envelope; its payload borrows from the body.
    pub fn envelope(&self) -> &Envelope<'a> {
        &self.envelope
    }

    /// The envelope, by value.
    pub fn into_envelope(self) -> Envelope<'a> {
        self.envelope
    }

    /// Whether the request id came from the body or from the header.
    pub fn request_id_source(&self) -> RequestIdSource {
        self.source
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
}

/// A body that is not a valid envelope, with what an SDK needs to report and retry it.
///
/// Its `Display` shows a bounded excerpt of the body, never the whole of it.
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
            self.status, self.rule, self.message
        )?;
        if let Some(content_type) = &self.content_type {
            write!(f, "; content type `{content_type}`")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, "; request id {request_id}")?;
        }
        write!(f, "; body starts {:?}", self.excerpt)
    }
}

/// Whether a `Content-Type` value names JSON: `application/json` or any `+json` type, letter
/// case and parameters (`; charset=utf-8`) ignored.
///
/// ```
/// use tencentcloud_envelope::is_json_content_type;
/// assert!(is_json_content_type("Application/JSON; charset=UTF-8"));
/// assert!(is_json_content_type("application/problem+json"));
/// assert!(!is_json_content_type("text/html"));
/// ```
pub fn is_json_content_type(value: &str) -> bool {
    let media = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || media.ends_with("+json")
}

/// One response header as a name and a value: implemented for pairs of anything that reads
/// as bytes (`&str`, `String`, `Vec<u8>`, `http::HeaderValue`, ...), owned or borrowed, so
/// that `[("Content-Type", "application/json")]`, `&Vec<(String, String)>` and a
/// `HashMap<String, String>` all serve as headers.
pub trait HeaderPair {
    /// The header's name; matched without regard to letter case.
    fn name(&self) -> &[u8];
    /// The header's value.
    fn value(&self) -> &[u8];
}

impl<N: AsRef<[u8]>, V: AsRef<[u8]>> HeaderPair for (N, V) {
    fn name(&self) -> &[u8] {
        self.0.as_ref()
    }

    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

impl<N: AsRef<[u8]>, V: AsRef<[u8]>> HeaderPair for &(N, V) {
    fn name(&self) -> &[u8] {
        self.0.as_ref()
    }

    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

/// What the status line and headers say, for every reader of a whole HTTP response.
#[derive(Debug)]
pub(crate) struct HttpFacts {
    pub status: u16,
    pub content_type: Option<String>,
    /// `X-TC-RequestId`, when present and not blank.
    pub request_id: Option<String>,
}

impl HttpFacts {
    pub(crate) fn read<I, H>(status: u16, headers: I) -> Self
    where
        I: IntoIterator<Item = H>,
        H: HeaderPair,
    {
        let mut facts = HttpFacts {
            status,
            content_type: None,
            request_id: None,
        };
        for header in headers {
            let name = header.name();
            let value = || String::from_utf8_lossy(header.value()).trim().to_owned();
            if name.eq_ignore_ascii_case(b"content-type") {
                facts.content_type = Some(value());
            } else if name.eq_ignore_ascii_case(names::REQUEST_ID_HEADER) {
                facts.request_id = Some(value()).filter(|id| !id.is_empty());
            }
        }
        facts
    }

    /// The protocol error for a body refused as `invalid`; `body_id` is the request id the
    /// body held, if any.
    pub(crate) fn protocol_error(
        self,
        body_id: Option<String>,
        invalid: &InvalidEnvelope,
        body: &[u8],
    ) -> ProtocolError {
        let excerpt: String =
            String::from_utf8_lossy(body.get(..4 * ProtocolError::EXCERPT_CHARS).unwrap_or(body))
                .chars()
                .take(ProtocolError::EXCERPT_CHARS)
                .collect();
        ProtocolError {
            status: self.status,
            content_type: self.content_type,
            request_id: self.request_id.or(body_id),
            rule: invalid.rule(),
            message: invalid.diagnostic().message().to_owned(),
            excerpt,
        }
    }
}

/// Where the request id of a body so read comes from: the body, unless it lacks a usable one.
fn request_id_source(read: &Read) -> RequestIdSource {
    let unusable = read
        .fatal(false)
        .is_some_and(|d| d.rule().is_about_request_id());
    if read.request_id.is_some() && !unusable {
        RequestIdSource::Body
    } else {
        RequestIdSource::Header
    }
}

/// Classifies a whole HTTP response: its status, its headers (any [`HeaderPair`]s; names are
/// matched without regard to letter case) and its body.
///
/// The body decides, at any status, through the validator's own walk: a body that breaks a
/// rule whose [`Consequence`](crate::Consequence) is fatal is a protocol error; otherwise an
/// envelope with `Error` is the service's error and one without is a success, whatever
/// tolerated findings it drew (they ride along on [`Envelope::findings`]). The request id
/// comes from the body and falls back to the `X-TC-RequestId` header. [`decode`](crate::decode())
/// goes one step further, to the payload's type.
pub fn classify<I, H>(status: u16, headers: I, body: &[u8]) -> Classified<'_>
where
    I: IntoIterator<Item = H>,
    H: HeaderPair,
{
    match read_response(status, headers, body) {
        (Ok(envelope), source) => match envelope.to_api_error() {
            Some(error) => Classified::ServiceError { error, status },
            None => Classified::Success(Success {
                envelope,
                source,
                status,
            }),
        },
        (Err(problem), _) => Classified::ProtocolError(problem),
    }
}

/// Reads a whole HTTP response once, for `classify` and `decode`: the envelope, or why the
/// body cannot be trusted; and where the request id came from.
pub(crate) fn read_response<I, H>(
    status: u16,
    headers: I,
    body: &[u8],
) -> (Result<Envelope<'_>, ProtocolError>, RequestIdSource)
where
    I: IntoIterator<Item = H>,
    H: HeaderPair,
{
    let http = HttpFacts::read(status, headers);
    let read = read(body);
    let source = request_id_source(&read);
    let body_id = read.request_id.as_deref().map(str::to_owned);
    let envelope = Envelope::from_read(read, http.request_id.as_deref())
        .map_err(|invalid| http.protocol_error(body_id, &invalid, body));
    (envelope, source)
}

/// Classifies an `http::Response` (feature `http`): [`classify`] on its status, headers and body.
///
/// ```
/// use tencentcloud_envelope::{classify_http, Classified};
///
/// let response = http::Response::builder()
///     .status(502)
///     .header("content-type", "text/html")
///     .body(b"<html>502 Bad Gateway</html>".to_vec())?;
/// match classify_http(&response) {
///     Classified::ProtocolError(problem) => assert!(problem.is_retryable()),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), http::Error>(())
/// ```
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub fn classify_http<B: AsRef<[u8]>>(response: &http::Response<B>) -> Classified<'_> {
    classify(
        response.status().as_u16(),
        response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes())),
        response.body().as_ref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for json in [
            "application/json",
            "APPLICATION/JSON;charset=utf-8",
            " application/json ; q=1",
            "application/vnd.x+json",
        ] {
            assert!(is_json_content_type(json), "{json}");
        }
        for other in ["text/html", "application/jsonp", "text/json-ish", ""] {
            assert!(!is_json_content_type(other), "{other}");
        }
    }
}
