//! The borrowed view: a response read and checked in one walk, its payload left unparsed.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapDeserializer, StringDeserializer};
use serde::de::{self, Deserializer, Visitor};

use crate::grammar::{names, strip_byte_order_mark};
use crate::read::error::{CallError, PayloadError, ServiceError};
use crate::text::inert;
use crate::validate::{Read, read};
use crate::{ApiError, Diagnostic, ErrorCode, Rule};

/// A zero-copy view of an API 3.0 response: the request id, and either the service's error
/// or the payload's members as unparsed JSON.
///
/// Reading an `Envelope` is the validator's own walk ([`validate`](crate::validate())): a body
/// that breaks a rule whose [`Consequence`](crate::Consequence) is fatal is refused, and the
/// tolerated findings come with the envelope ([`Envelope::findings`]). The payload is not
/// built: its members are kept as [`RawJson`] text borrowed from the input, to be
/// deserialized later into the type the caller needs (or passed on untouched).
///
/// ```
/// use tencentcloud_envelope::Envelope;
///
/// let body = br#"{"Response": {"TotalCount": 0, "InstanceStatusSet": [],
///     "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
/// let envelope = Envelope::from_slice(body)?;
/// assert_eq!(envelope.request_id(), "b5b41468-520d-4192-b42f-595cc34b6c1c");
/// let payload = envelope.payload().expect("a success");
/// assert_eq!(payload.get("TotalCount").map(|raw| raw.get()), Some("0"));
/// # Ok::<(), tencentcloud_envelope::InvalidEnvelope>(())
/// ```
#[derive(Debug, Clone)]
pub struct Envelope<'a> {
    request_id: Cow<'a, str>,
    body: Body<'a>,
    deprecated_warning: Option<Cow<'a, str>>,
    findings: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
enum Body<'a> {
    Success(Payload<'a>),
    Failure(ErrorView<'a>),
}

/// Why a body is not an envelope an SDK can trust: the first finding whose rule is fatal.
///
/// ```
/// use tencentcloud_envelope::{Envelope, Rule};
///
/// let error = Envelope::from_slice(br#"{"Response": {"A": 1, "A": 2, "RequestId": "r"}}"#).unwrap_err();
/// assert_eq!(error.rule(), Rule::DuplicateKey);
/// assert_eq!(error.diagnostic().pointer(), "/Response/A");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {} (line {}, column {})", .0.rule(), inert(.0.message()), .0.line(), .0.column())]
pub struct InvalidEnvelope(Diagnostic);

impl InvalidEnvelope {
    /// The rule the body breaks.
    pub fn rule(&self) -> Rule {
        self.0.rule()
    }

    /// The finding, with its place in the body.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.0
    }
}

impl<'a> Envelope<'a> {
    /// Reads an envelope from a response body.
    ///
    /// # Errors
    /// When the body breaks a rule whose consequence is fatal: it is not JSON, not an
    /// object with a `Response` object, lacks a non-empty string `RequestId`, repeats a key
    /// anywhere, or has an `Error` without a non-empty string `Code`, among others.
    /// [`validate`](crate::validate()) explains such bodies in full.
    pub fn from_slice(input: &'a [u8]) -> Result<Self, InvalidEnvelope> {
        Envelope::from_read(read(input, true), input, None).map_err(|(invalid, _)| invalid)
    }

    /// The envelope of `body`, already read; `header_id` stands in for a missing or invalid
    /// `RequestId`. A refused body comes back with the request id it held, for the error.
    pub(crate) fn from_read(
        read: Read<'a>,
        body: &'a [u8],
        header_id: Option<&str>,
    ) -> Result<Self, (InvalidEnvelope, Option<Cow<'a, str>>)> {
        if let Some(fatal) = read.fatal(header_id.is_some()) {
            return Err((InvalidEnvelope(fatal.clone()), read.request_id));
        }
        let Read {
            findings,
            request_id,
            request_id_text,
            error,
            deprecated_warning,
            payload,
        } = read;
        // The payload type is offered the id the envelope reports, wherever it came from.
        let (request_id, given_id) = match (request_id, header_id) {
            (Some(id), _) => (id, request_id_text.map(GivenId::Json)),
            (None, Some(id)) => (
                Cow::Owned(id.to_owned()),
                Some(GivenId::Header(id.to_owned())),
            ),
            // `fatal` refused a body without an id when no header gave one.
            (None, None) => (Cow::Borrowed(""), None),
        };
        let outcome = match error {
            Some((code, message)) => Body::Failure(ErrorView { code, message }),
            None => Body::Success(Payload {
                members: payload,
                request_id: given_id,
                body,
            }),
        };
        Ok(Envelope {
            request_id,
            body: outcome,
            deprecated_warning,
            findings,
        })
    }

    /// The envelope with what the response's headers drew put before the body's findings.
    pub(crate) fn with_header_findings(mut self, mut findings: Vec<Diagnostic>) -> Self {
        if !findings.is_empty() {
            findings.append(&mut self.findings);
            self.findings = findings;
        }
        self
    }

    /// The request id, present on success and failure alike.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// Whether the response carries no `Error`.
    pub fn is_success(&self) -> bool {
        matches!(self.body, Body::Success(_))
    }

    /// The payload members, when the response is a success.
    pub fn payload(&self) -> Option<&Payload<'a>> {
        match &self.body {
            Body::Success(payload) => Some(payload),
            Body::Failure(_) => None,
        }
    }

    /// The service's error, when the response is a failure.
    pub fn error(&self) -> Option<&ErrorView<'a>> {
        match &self.body {
            Body::Success(_) => None,
            Body::Failure(error) => Some(error),
        }
    }

    /// `Response.DeprecatedWarning`: the action is deprecated, and this says what replaces it.
    pub fn deprecated_warning(&self) -> Option<&str> {
        self.deprecated_warning.as_deref()
    }

    /// The findings the body drew that did not make it untrustworthy, in input order: those
    /// whose rules are tolerated (a request id that is not a UUID, a byte-order mark, members
    /// beside `Response`, ...), and a missing or invalid `RequestId` when the `X-TC-RequestId`
    /// header gave the id. From [`classify`](crate::classify()), what the headers drew comes
    /// first.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.findings
    }

    /// The payload or the error, by reference.
    ///
    /// # Errors
    /// The error view when the response reports a failure.
    pub fn as_result(&self) -> Result<&Payload<'a>, &ErrorView<'a>> {
        match &self.body {
            Body::Success(payload) => Ok(payload),
            Body::Failure(error) => Err(error),
        }
    }

    /// The service's error as an owned [`ApiError`], when the response is a failure.
    ///
    /// ```
    /// use tencentcloud_envelope::Envelope;
    /// let body = br#"{"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"r"}}"#;
    /// let error = Envelope::from_slice(body)?.to_api_error().expect("a failure");
    /// assert_eq!(error.request_id(), "r");
    /// # Ok::<(), tencentcloud_envelope::InvalidEnvelope>(())
    /// ```
    pub fn to_api_error(&self) -> Option<ApiError> {
        let error = self.error()?;
        Some(ApiError::new(
            error.code.clone(),
            error.message.as_ref(),
            self.request_id.as_ref(),
        ))
    }

    /// Turns the view into the owned result an SDK returns: the payload deserialized as `T`,
    /// or why there is none.
    ///
    /// ```
    /// use tencentcloud_envelope::Envelope;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Count { #[serde(rename = "TotalCount")] total: u32 }
    ///
    /// let envelope = Envelope::from_slice(br#"{"Response":{"TotalCount":3,"RequestId":"r"}}"#)?;
    /// let count: Count = envelope.into_result()?;
    /// assert_eq!(count.total, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`CallError::Service`] when the response reports a failure, [`CallError::Payload`] when
    /// the payload does not deserialize as `T`.
    pub fn into_result<T: Deserialize<'a>>(self) -> Result<T, CallError> {
        self.into_parts(None).map(|(payload, ..)| payload)
    }

    /// [`Envelope::into_result`], knowing the HTTP status: the payload and what came with
    /// it (request id, `DeprecatedWarning`, tolerated findings), moved out once.
    pub(crate) fn into_parts<T: Deserialize<'a>>(
        self,
        status: Option<u16>,
    ) -> Result<(T, String, Option<String>, Vec<Diagnostic>), CallError> {
        let (payload, request_id, deprecated_warning, findings) = self.into_success(status)?;
        match payload.deserialize_at() {
            Ok(value) => Ok((value, request_id, deprecated_warning, findings)),
            Err((json, at)) => {
                let (member, place) = payload.locate(at, &json);
                Err(CallError::Payload(PayloadError::new(
                    request_id, status, json, member, place,
                )))
            }
        }
    }

    /// The payload, unread, and what came with it; the service's error for a failure.
    pub(crate) fn into_success(
        self,
        status: Option<u16>,
    ) -> Result<(Payload<'a>, String, Option<String>, Vec<Diagnostic>), CallError> {
        let Envelope {
            request_id,
            body,
            deprecated_warning,
            findings,
        } = self;
        match body {
            Body::Success(payload) => Ok((
                payload,
                request_id.into_owned(),
                deprecated_warning.map(Cow::into_owned),
                findings,
            )),
            Body::Failure(error) => Err(CallError::Service(Box::new(error.into_service_error(
                request_id,
                status,
                deprecated_warning,
                findings,
            )))),
        }
    }

    /// The service's error with what came with it, for a failure; the envelope back for a
    /// success.
    #[allow(
        clippy::result_large_err,
        reason = "split and matched at once by `classify`, never propagated"
    )]
    pub(crate) fn into_service_error(self, status: Option<u16>) -> Result<ServiceError, Self> {
        match self.body {
            Body::Success(_) => Err(self),
            Body::Failure(error) => Ok(error.into_service_error(
                self.request_id,
                status,
                self.deprecated_warning,
                self.findings,
            )),
        }
    }
}

/// The members of a successful `Response` other than `RequestId`, unparsed and in input
/// order. Their names are distinct: a body that repeats one is refused.
#[derive(Debug, Clone, Default)]
pub struct Payload<'a> {
    members: Vec<(Cow<'a, str>, &'a str)>,
    /// The request id, handed to payload types that declare `RequestId`.
    request_id: Option<GivenId<'a>>,
    /// The body the members are slices of, to place an error in it.
    body: &'a [u8],
}

/// The request id as a payload type is given it: the body's, or the header's for a body
/// without a usable one, so that the type holds the id the reply reports.
#[derive(Debug, Clone)]
enum GivenId<'a> {
    /// The JSON text of the body's `RequestId`.
    Json(&'a str),
    /// The `X-TC-RequestId` header's id.
    Header(String),
}

impl<'a> Payload<'a> {
    /// The raw value of the member named `name`.
    pub fn get(&self, name: &str) -> Option<RawJson<'a>> {
        self.members
            .iter()
            .find(|(key, _)| key == name)
            .map(|&(_, raw)| RawJson(raw))
    }

    /// The members in input order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, RawJson<'a>)> + '_ {
        self.members
            .iter()
            .map(|(key, raw)| (key.as_ref(), RawJson(raw)))
    }

    /// How many members the payload has.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the payload has no members (an action that returns only `RequestId`).
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Deserializes the payload as `T`, as if it were one JSON object of these members and
    /// `RequestId` (so that types which declare `RequestId`, as the official SDKs' do, get it:
    /// the body's, or the `X-TC-RequestId` header's when [`classify`](crate::classify()) took
    /// the id from there).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use tencentcloud_envelope::Envelope;
    ///
    /// let envelope = Envelope::from_slice(br#"{"Response":{"A":1,"B":2,"RequestId":"r"}}"#)?;
    /// let payload = envelope.payload().expect("a success");
    /// let map: BTreeMap<String, serde_json::Value> = payload.deserialize()?;
    /// assert_eq!(map.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// When the members do not deserialize as `T`; the error's line and column count from
    /// the start of the member that failed ([`PayloadError`] places it in the body).
    pub fn deserialize<T: Deserialize<'a>>(&self) -> Result<T, serde_json::Error> {
        self.deserialize_at().map_err(|(error, _)| error)
    }

    /// [`Payload::deserialize`], and on failure the member being read then: its index among
    /// the members, `RequestId` last; `None` when `T` refused the payload as a whole.
    fn deserialize_at<T: Deserialize<'a>>(&self) -> Result<T, (serde_json::Error, Option<usize>)> {
        let request_id = self.request_id.as_ref().map(|id| {
            let value = match id {
                GivenId::Json(raw) => Value::Json(RawJson(raw)),
                GivenId::Header(id) => Value::Text(id.clone()),
            };
            (Cow::Borrowed(names::REQUEST_ID), value)
        });
        let entries = (self.members.iter())
            .map(|(key, raw)| (key.clone(), Value::Json(RawJson(raw))))
            .chain(request_id)
            .enumerate();
        let current = Cell::new(None);
        let tracked = Tracked {
            entries,
            current: &current,
        };
        let mut map = MapDeserializer::new(tracked);
        T::deserialize(PayloadDeserializer(&mut map))
            .and_then(|value| map.end().map(|()| value))
            .map_err(|error| (error, current.get()))
    }

    /// The name of member `at` (as [`Payload::deserialize_at`] counts) and the line and column
    /// in the body of the place `error` names inside its value, when the body holds it.
    fn locate(
        &self,
        at: Option<usize>,
        error: &serde_json::Error,
    ) -> (Option<String>, Option<(usize, usize)>) {
        let member = at.and_then(|at| match self.members.get(at) {
            Some((key, raw)) => Some((key.as_ref(), Some(*raw))),
            None => self.request_id.as_ref().map(|id| match id {
                GivenId::Json(raw) => (names::REQUEST_ID, Some(*raw)),
                GivenId::Header(_) => (names::REQUEST_ID, None),
            }),
        });
        let Some((name, raw)) = member else {
            return (None, None);
        };
        let place = raw.and_then(|raw| place_in_body(self.body, raw, error));
        (Some(name.to_owned()), place)
    }
}

/// The 1-based line and column in `body` (counted as [`Diagnostic`]s count them: after a
/// byte order mark, in characters) of the place `error` names inside `value`, a slice of the
/// body; the start of `value` when `error` names no place.
fn place_in_body(body: &[u8], value: &str, error: &serde_json::Error) -> Option<(usize, usize)> {
    let (text, _) = strip_byte_order_mark(body);
    let start = (value.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(start..start + value.len())?;
    let within = if error.line() == 0 {
        0
    } else if error.is_eof() {
        value.len()
    } else {
        let line_start = match error.line() {
            1 => 0,
            line => value
                .match_indices('\n')
                .nth(line - 2)
                .map_or(value.len(), |(at, _)| at + 1),
        };
        // serde_json's column counts bytes up to and including the one it stopped at.
        (line_start + error.column().saturating_sub(1)).min(value.len())
    };
    let before = text.get(..start + within)?;
    let (line, line_start) = (before.iter().enumerate())
        .filter(|&(_, &b)| b == b'\n')
        .fold((1, 0), |(line, _), (newline, _)| (line + 1, newline + 1));
    // UTF-8 continuation bytes (`10xxxxxx`) start no character.
    let column = (before.get(line_start..)?.iter())
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    Some((line, column + 1))
}

/// The payload's entries, noting which one `T` is reading: the one last taken, or none once
/// they ran out and `T` judges the payload as a whole.
struct Tracked<'c, I> {
    entries: I,
    current: &'c Cell<Option<usize>>,
}

impl<'a, I> Iterator for Tracked<'_, I>
where
    I: Iterator<Item = (usize, (Cow<'a, str>, Value<'a>))>,
{
    type Item = (MemberName<'a>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let next = self.entries.next();
        self.current.set(next.as_ref().map(|&(at, _)| at));
        next.map(|(_, (key, value))| (MemberName(key), value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

/// Calls `$forward!` with every `Deserializer` method and its arguments besides the visitor,
/// but `deserialize_ignored_any`, which the payload's values answer without reading.
macro_rules! every_deserializer_method {
    ($forward:ident) => {
        $forward! {
            deserialize_any() deserialize_bool() deserialize_i8() deserialize_i16()
            deserialize_i32() deserialize_i64() deserialize_i128() deserialize_u8() deserialize_u16()
            deserialize_u32() deserialize_u64() deserialize_u128() deserialize_f32()
            deserialize_f64() deserialize_char() deserialize_str() deserialize_string()
            deserialize_bytes() deserialize_byte_buf() deserialize_option() deserialize_unit()
            deserialize_unit_struct(name: &'static str)
            deserialize_newtype_struct(name: &'static str) deserialize_seq()
            deserialize_tuple(len: usize)
            deserialize_tuple_struct(name: &'static str, len: usize) deserialize_map()
            deserialize_struct(name: &'static str, fields: &'static [&'static str])
            deserialize_enum(name: &'static str, variants: &'static [&'static str])
            deserialize_identifier()
        }
    };
}

/// A payload value handed to `T`: JSON text from the body, or the header's request id.
enum Value<'a> {
    Json(RawJson<'a>),
    Text(String),
}

/// Forwards each `Deserializer` method to the value's own deserializer.
macro_rules! forward_to_value {
    ($( $method:ident ( $($arg:ident : $ty:ty),* ) )*) => {
        $(
            fn $method<V: Visitor<'a>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, serde_json::Error> {
                match self {
                    Value::Json(raw) => raw.$method($($arg,)* visitor),
                    Value::Text(text) => {
                        StringDeserializer::<serde_json::Error>::new(text).$method($($arg,)* visitor)
                    }
                }
            }
        )*
    };
}

impl<'a> Deserializer<'a> for Value<'a> {
    type Error = serde_json::Error;

    every_deserializer_method!(forward_to_value);

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }
}

impl<'a> de::IntoDeserializer<'a, serde_json::Error> for Value<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// The payload as a map, except to types that read nothing (`()`, unit structs), which take
/// it as the unit they are, as with [`Response`](crate::Response).
pub(super) struct PayloadDeserializer<'m, M>(pub(super) &'m mut M);

impl<'de, M: de::MapAccess<'de, Error = serde_json::Error>> Deserializer<'de>
    for PayloadDeserializer<'_, M>
{
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(self.0)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        while self
            .0
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf newtype_struct seq tuple tuple_struct map struct enum identifier
    }
}

/// The JSON text of one value, borrowed from the body, checked by the walk that read it.
///
/// ```
/// use tencentcloud_envelope::Envelope;
///
/// let envelope = Envelope::from_slice(br#"{"Response":{"Ids":["a","b"],"RequestId":"r"}}"#)?;
/// let ids = envelope.payload().and_then(|p| p.get("Ids")).expect("a member");
/// assert_eq!(ids.get(), r#"["a","b"]"#);
/// assert_eq!(ids.deserialize::<Vec<&str>>()?, ["a", "b"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawJson<'a>(&'a str);

impl<'a> RawJson<'a> {
    /// The text, exactly as in the body.
    pub fn get(self) -> &'a str {
        self.0
    }

    /// Deserializes the value as `T`.
    ///
    /// # Errors
    /// When the value does not deserialize as `T`.
    pub fn deserialize<T: Deserialize<'a>>(self) -> Result<T, serde_json::Error> {
        T::deserialize(self)
    }
}

impl fmt::Display for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Forwards each `Deserializer` method to `serde_json` on the value's text, so that a type
/// sees exactly what `serde_json::from_str` would show it.
macro_rules! forward_to_serde_json {
    ($( $method:ident ( $($arg:ident : $ty:ty),* ) )*) => {
        $(
            fn $method<V: Visitor<'a>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, serde_json::Error> {
                let mut deserializer = serde_json::Deserializer::from_str(self.0);
                let value = (&mut deserializer).$method($($arg,)* visitor)?;
                deserializer.end()?;
                Ok(value)
            }
        )*
    };
}

impl<'a> Deserializer<'a> for RawJson<'a> {
    type Error = serde_json::Error;

    every_deserializer_method!(forward_to_serde_json);

    /// A value the type ignores is not read again: the walk has read it whole, so it is
    /// valid JSON (a member a typed struct does not declare, or a payload read as
    /// `IgnoredAny`, costs nothing here).
    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }
}

impl<'a> de::IntoDeserializer<'a, serde_json::Error> for RawJson<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A member name handed to a payload type, borrowed when the input allows.
struct MemberName<'a>(Cow<'a, str>);

impl<'a> de::IntoDeserializer<'a, serde_json::Error> for MemberName<'a> {
    type Deserializer = de::value::CowStrDeserializer<'a, serde_json::Error>;

    fn into_deserializer(self) -> Self::Deserializer {
        de::value::CowStrDeserializer::new(self.0)
    }
}

/// The service's error in a failed response: `Error.Code` and `Error.Message`.
#[derive(Debug, Clone)]
pub struct ErrorView<'a> {
    code: ErrorCode,
    message: Cow<'a, str>,
}

impl ErrorView<'_> {
    /// The error a failure's reader returns, with what came with it.
    fn into_service_error(
        self,
        request_id: Cow<'_, str>,
        status: Option<u16>,
        deprecated_warning: Option<Cow<'_, str>>,
        findings: Vec<Diagnostic>,
    ) -> ServiceError {
        ServiceError::new(
            ApiError::new(self.code, self.message, request_id),
            status,
            deprecated_warning.map(Cow::into_owned),
            findings,
        )
    }

    /// The error code.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The message; empty when the service sent none.
    pub fn message(&self) -> &str {
        &self.message
    }
}
