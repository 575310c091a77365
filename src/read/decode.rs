//! One call's answer, typed: from an HTTP status, headers and body to the payload an SDK
//! returns, or one error type that says what went wrong and whether to try again.

use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::read::classify::{HeaderPair, HttpFacts, RequestIdSource, read_response};
use crate::read::envelope::PayloadDeserializer;
use crate::read::error::CallError;
use crate::validate::Diagnostic;
use crate::validate::one_pass::PayloadReader;

/// Reads a whole HTTP response into the action's payload type `T`, or the reason there is
/// none: the one call an SDK needs after sending a request.
///
/// A clean success, the common answer, is read once: the payload is deserialized as the envelope's
/// rules are checked, with no tree and no second parse. Anything else is judged by the validator
/// first, with the same verdicts and errors either way. A body that breaks a fatal rule is a
/// [`CallError::Protocol`] (retryable only for the gateway statuses), an `Error` is a
/// [`CallError::Service`] whatever comes before it in the body, and a payload that does not fit `T`
/// is a [`CallError::Payload`] that still names the request id and says which member failed, where
/// in the body, and why. The request id is [`classify`](crate::classify())'s (the body's, else the
/// `X-TC-RequestId` headers' by the rule given there), and types that declare `RequestId`, as the
/// official SDKs' do, receive that id wherever it came from.
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
    // A type that reads nothing of the payload (`IgnoredAny`, `()`) is made without it, and
    // checking the body is all there is to do.
    let nothing = T::deserialize(Probe).ok();
    let clean = match nothing {
        Some(_) => None,
        None => crate::validate::read_clean(body, Typed(PhantomData)),
    };
    let reply = |payload, request_id, source, deprecated_warning, findings| Reply {
        payload,
        request_id,
        source,
        status,
        deprecated_warning,
        findings,
    };
    if let Some((payload, id, body_findings)) = clean {
        // The headers' findings, if any, come first, as with any reply.
        let mut findings = HttpFacts::read(status, headers, false).findings;
        findings.extend(body_findings);
        return Ok(reply(
            payload,
            id.to_owned(),
            RequestIdSource::Body,
            None,
            findings,
        ));
    }
    let (envelope, source) = read_response(status, headers, body, nothing.is_none());
    let envelope = envelope.map_err(|problem| CallError::Protocol(Box::new(problem)))?;
    if let Some(payload) = nothing {
        let (_, id, deprecated_warning, findings) = envelope.into_success(Some(status))?;
        return Ok(reply(payload, id, source, deprecated_warning, findings));
    }
    let (payload, id, deprecated_warning, findings) = envelope.into_parts(Some(status))?;
    Ok(reply(payload, id, source, deprecated_warning, findings))
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

/// The payload typed as `T`, read by the one-pass reader.
struct Typed<T>(PhantomData<T>);

impl<'a, T: Deserialize<'a>> PayloadReader<'a> for Typed<T> {
    type Value = T;

    fn read<M: MapAccess<'a, Error = serde_json::Error>>(
        self,
        map: &mut M,
    ) -> Result<T, serde_json::Error> {
        T::deserialize(PayloadDeserializer(map))
    }
}

/// Answers only the requests of a type that reads nothing of a payload (`IgnoredAny`, `()`,
/// unit structs), which it makes without one.
struct Probe;

/// What [`Probe`] answers any other request with.
#[derive(Debug)]
struct Reads;

impl std::fmt::Display for Reads {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("the type reads the payload")
    }
}

impl std::error::Error for Reads {}

impl de::Error for Reads {
    fn custom<M: std::fmt::Display>(_message: M) -> Self {
        Reads
    }
}

impl<'de> Deserializer<'de> for Probe {
    type Error = Reads;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Reads> {
        Err(Reads)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Reads> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Reads> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Reads> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option newtype_struct seq tuple tuple_struct map struct enum identifier
    }
}
