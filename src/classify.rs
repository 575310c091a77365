//! Whole HTTP responses, as an SDK holds them: status, headers and body, classified into
//! success, the service's error, or a protocol error, with no HTTP crate required.

use std::borrow::Cow;
use std::fmt;

use crate::envelope::Lenient;
use crate::{ApiError, Envelope, Rule, Severity, validate};

/// Where a request id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// Whether sending the request again can help: true for the transient gateway statuses
    /// 502, 503 and 504 (and 429, too many requests), false for a malformed answer that came
    /// with any other status, which will come back the same.
    pub fn is_retryable(&self) -> bool {
        matches!(self.status, 429 | 502 | 503 | 504)
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

/// Classifies a whole HTTP response: its status, its headers (any name/value pairs; names are
/// matched without regard to letter case) and its body.
///
/// The body decides, at any status: an envelope with `Error` is the service's error, a valid
/// envelope without one is a success, and anything else is a protocol error. The request id
/// comes from the body and falls back to the `X-TC-RequestId` header.
pub fn classify<I, N, V>(status: u16, headers: I, body: &[u8]) -> Classified<'_>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<[u8]>,
    V: AsRef<[u8]>,
{
    let mut content_type = None;
    let mut header_id = None;
    for (name, value) in headers {
        let name = name.as_ref();
        let value = String::from_utf8_lossy(value.as_ref()).trim().to_owned();
        if name.eq_ignore_ascii_case(b"content-type") {
            content_type = Some(value);
        } else if name.eq_ignore_ascii_case(b"x-tc-requestid") && !value.is_empty() {
            header_id = Some(value);
        }
    }
    let lenient = Lenient::from_slice(body).ok();
    let source = if lenient.as_ref().is_some_and(Lenient::has_request_id) {
        RequestIdSource::Body
    } else {
        RequestIdSource::Header
    };
    let envelope =
        lenient.and_then(|lenient| lenient.into_envelope(header_id.clone().map(Cow::Owned)));
    match envelope {
        Some(envelope) => match envelope.to_api_error() {
            Some(error) => Classified::ServiceError { error, status },
            None => Classified::Success(Success {
                envelope,
                source,
                status,
            }),
        },
        None => Classified::ProtocolError(protocol_error(status, content_type, header_id, body)),
    }
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

/// Explains, with the validator, why `body` is not an envelope.
fn protocol_error(
    status: u16,
    content_type: Option<String>,
    header_id: Option<String>,
    body: &[u8],
) -> ProtocolError {
    let report = validate(body);
    let first = report
        .diagnostics()
        .iter()
        .find(|d| d.severity() == Severity::Error);
    let (rule, message) = match first {
        Some(diagnostic) => (diagnostic.rule(), diagnostic.message().to_owned()),
        // Only a body without `RequestId` (and no header) is refused yet valid to the validator's
        // error rules; `RequestId` is what it lacks.
        None => (
            Rule::MissingRequestId,
            "neither the body nor `X-TC-RequestId` gives a request id".to_owned(),
        ),
    };
    let excerpt: String =
        String::from_utf8_lossy(body.get(..4 * ProtocolError::EXCERPT_CHARS).unwrap_or(body))
            .chars()
            .take(ProtocolError::EXCERPT_CHARS)
            .collect();
    ProtocolError {
        status,
        content_type,
        request_id: header_id.or_else(|| report.request_id().map(str::to_owned)),
        rule,
        message,
        excerpt,
    }
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
