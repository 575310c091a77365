//! Whole HTTP responses, as an SDK holds them: status, headers and body, classified into
//! success, the service's error, or a protocol error, with no HTTP crate required.

use std::borrow::Cow;

use crate::grammar::names;
use crate::read::envelope::{Envelope, InvalidEnvelope};
use crate::read::error::{ProtocolError, ServiceError};
use crate::validate::{Diagnostic, Read, Rule, read};

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
///     Classified::ServiceError(error) => {
///         assert_eq!((error.code().as_str(), error.status()), ("RequestLimitExceeded", Some(400)));
///         assert!(error.is_retryable());
///     }
///     Classified::ProtocolError(problem) => panic!("{problem}"),
/// }
/// ```
#[derive(Debug, Clone)]
pub enum Classified<'a> {
    /// A well-formed success envelope.
    Success(Success<'a>),
    /// The service reported a failure, whatever the HTTP status: its error, with the status,
    /// `DeprecatedWarning` and tolerated findings that came with it, as [`decode`](crate::decode())
    /// gives them.
    ServiceError(ServiceError),
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

/// The request id that a response's `X-TC-RequestId` headers give, by the one rule every
/// reader follows ([`classify`] states it), and what they drew: values that are not UTF-8 and
/// later ids that differ from the first are each counted, for one finding per rule whatever
/// the number of headers, so that a long id is never copied once per header.
#[derive(Debug, Default)]
pub(crate) struct RequestIdHeaders {
    pub id: Option<String>,
    /// The first later id that differs from `id`, and how many later headers differ.
    differ: Option<(String, usize)>,
    /// The length of the first value that is not UTF-8, and how many are not.
    not_utf8: Option<(usize, usize)>,
    /// The rules drawn, in the order first met.
    order: Vec<Rule>,
}

impl RequestIdHeaders {
    /// Takes the value of one more `X-TC-RequestId` header, in the order they came.
    pub(crate) fn offer(&mut self, value: &[u8]) {
        let value = value.trim_ascii();
        if value.is_empty() {
            return;
        }
        let Ok(id) = std::str::from_utf8(value) else {
            let (_, count) = self.not_utf8.get_or_insert((value.len(), 0));
            *count = count.saturating_add(1);
            self.met(Rule::RequestIdHeaderNotUtf8);
            return;
        };
        match &self.id {
            None => self.id = Some(id.to_owned()),
            Some(first) if first == id => {}
            Some(_) => {
                let (_, count) = self.differ.get_or_insert_with(|| (id.to_owned(), 0));
                *count = count.saturating_add(1);
                self.met(Rule::RequestIdHeadersDiffer);
            }
        }
    }

    fn met(&mut self, rule: Rule) {
        if !self.order.contains(&rule) {
            self.order.push(rule);
        }
    }

    /// The findings the headers drew, in the order first met; see [`header_finding`].
    pub(crate) fn findings(&self) -> Vec<Diagnostic> {
        let finding = |&rule: &Rule| {
            let message = match (rule, &self.id, &self.differ, self.not_utf8) {
                (Rule::RequestIdHeadersDiffer, Some(first), Some((other, 1)), _) => format!(
                    "the `X-TC-RequestId` headers differ: the first, `{first}`, is the request id, not `{other}`"
                ),
                (Rule::RequestIdHeadersDiffer, Some(first), Some((other, count)), _) => format!(
                    "the `X-TC-RequestId` headers differ: the first, `{first}`, is the request id; {count} later headers give others, the first `{other}`"
                ),
                (Rule::RequestIdHeaderNotUtf8, _, _, Some((length, 1))) => format!(
                    "an `X-TC-RequestId` header is not UTF-8 ({length} bytes), so it gives no request id"
                ),
                (Rule::RequestIdHeaderNotUtf8, _, _, Some((length, count))) => format!(
                    "{count} `X-TC-RequestId` headers are not UTF-8 (the first has {length} bytes), so they give no request id"
                ),
                _ => return None,
            };
            Some(header_finding(rule, message))
        };
        self.order.iter().filter_map(finding).collect()
    }
}

/// A finding about the response's headers, with its rule's default severity and no place in
/// the body ([`classify`] says how that is written).
fn header_finding(rule: Rule, message: String) -> Diagnostic {
    let mut finding = Diagnostic::new(rule, rule.default_severity(), String::new(), message);
    finding.place(0, 0, 0);
    finding
}

/// What the status line and headers say, for every reader of a whole HTTP response.
#[derive(Debug)]
pub(crate) struct HttpFacts {
    pub status: u16,
    pub content_type: Option<String>,
    /// The request id of the `X-TC-RequestId` headers, by their rule.
    pub request_id: Option<String>,
    /// What the `X-TC-RequestId` headers drew, first among a reply's findings.
    pub findings: Vec<Diagnostic>,
}

impl HttpFacts {
    /// The facts of `headers`; the content type only when `refusable` (it serves only a
    /// protocol error's message, and copying it cost a small body's reading a tenth more).
    pub(crate) fn read<I, H>(status: u16, headers: I, refusable: bool) -> Self
    where
        I: IntoIterator<Item = H>,
        H: HeaderPair,
    {
        let mut content_type = None;
        let mut ids = RequestIdHeaders::default();
        for header in headers {
            let name = header.name();
            if refusable && name.eq_ignore_ascii_case(b"content-type") {
                content_type = Some(String::from_utf8_lossy(header.value()).trim().to_owned());
            } else if name.eq_ignore_ascii_case(names::REQUEST_ID_HEADER) {
                ids.offer(header.value());
            }
        }
        HttpFacts {
            status,
            content_type,
            findings: ids.findings(),
            request_id: ids.id,
        }
    }

    /// The protocol error for a body refused as `invalid`; `body_id` is the request id the
    /// body held, if any.
    pub(crate) fn protocol_error(
        self,
        body_id: Option<String>,
        invalid: &InvalidEnvelope,
        body: &[u8],
    ) -> ProtocolError {
        ProtocolError::new(
            self.status,
            self.content_type,
            self.request_id.or(body_id),
            invalid.diagnostic(),
            body,
        )
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
/// tolerated findings it drew (they ride along on [`Envelope::findings`]). [`decode`](crate::decode())
/// goes one step further, to the payload's type.
///
/// The request id comes from the body and falls back to the `X-TC-RequestId` header. Of
/// several such headers, the first that holds an id gives it: a value that is blank once
/// trimmed of ASCII whitespace holds none, nor does one that is not UTF-8 (an id never has
/// `U+FFFD` in it); later ids that differ from the first are passed over. Values that are not
/// UTF-8 draw a tolerated finding, `request-id-header-not-utf8`, and later ids that differ
/// draw `request-id-headers-differ`, each once per response, ahead of the body's findings and
/// with no place in the body: pointer `""`, line and column 0.
pub fn classify<I, H>(status: u16, headers: I, body: &[u8]) -> Classified<'_>
where
    I: IntoIterator<Item = H>,
    H: HeaderPair,
{
    match read_response(status, headers, body, true) {
        (Ok(envelope), source) => match envelope.into_service_error(Some(status)) {
            Ok(error) => Classified::ServiceError(error),
            Err(envelope) => Classified::Success(Success {
                envelope,
                source,
                status,
            }),
        },
        (Err(problem), _) => Classified::ProtocolError(problem),
    }
}

/// Reads a whole HTTP response once, for `classify` and `decode`: the envelope, or why the
/// body cannot be trusted; and where the request id came from. The envelope holds the
/// payload's members when `capture`.
pub(crate) fn read_response<I, H>(
    status: u16,
    headers: I,
    body: &[u8],
    capture: bool,
) -> (Result<Envelope<'_>, ProtocolError>, RequestIdSource)
where
    I: IntoIterator<Item = H>,
    H: HeaderPair,
{
    let read = read(body, capture);
    // Without a fatal finding, the body is no protocol error, whatever the headers say.
    let mut http = HttpFacts::read(status, headers, read.fatal(false).is_some());
    let source = request_id_source(&read);
    let header_findings = std::mem::take(&mut http.findings);
    let envelope = Envelope::from_read(read, body, http.request_id.as_deref())
        .map(|envelope| envelope.with_header_findings(header_findings))
        .map_err(|(invalid, body_id)| {
            http.protocol_error(body_id.map(Cow::into_owned), &invalid, body)
        });
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

    /// What the `X-TC-RequestId` headers of a response give: the id and the rules they broke.
    fn ids(values: &[&[u8]]) -> (Option<String>, Vec<Rule>) {
        let facts = HttpFacts::read(
            200,
            values.iter().map(|&value| ("X-TC-RequestId", value)),
            true,
        );
        let rules = facts.findings.iter().map(Diagnostic::rule).collect();
        (facts.request_id, rules)
    }

    #[test]
    fn the_first_non_blank_utf8_header_is_the_id() {
        let id = || Some("r-1".to_owned());
        assert_eq!(ids(&[b"r-1", b" ", b""]), (id(), vec![]));
        assert_eq!(ids(&[b"", b" r-1\t", b"r-1"]), (id(), vec![]));
        assert_eq!(
            ids(&[b"r-1", b"r-2", b"r-1", b"r-3"]),
            (id(), vec![Rule::RequestIdHeadersDiffer])
        );
        assert_eq!(
            ids(&[b"r-\xff", b"r-1"]),
            (id(), vec![Rule::RequestIdHeaderNotUtf8])
        );
        assert_eq!(ids(&[b"\xc3"]), (None, vec![Rule::RequestIdHeaderNotUtf8]));
        assert_eq!(ids(&[]), (None, vec![]));
    }

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
