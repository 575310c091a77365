//! The borrowed view: classify a response without materializing its payload.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::MapDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::text::CowStr;
use crate::{ApiError, ErrorCode};

/// A zero-copy view of an API 3.0 response: the request id, and either the service's error
/// or the payload's members as unparsed JSON.
///
/// Reading an `Envelope` checks that the input is JSON and finds `RequestId` and `Error`
/// in one pass, without building the payload: its members are kept as [`RawValue`]s that
/// borrow from the input, to be deserialized later into the type the caller needs (or passed
/// on untouched). Strings with escapes are unescaped into owned storage, so nothing is lost.
///
/// The payload is a list of members rather than one `RawValue` of the whole object: a single
/// `RawValue` spanning `Response` would take a second pass over the input to produce.
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
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Envelope<'a> {
    request_id: Cow<'a, str>,
    body: Body<'a>,
}

#[derive(Debug, Clone)]
enum Body<'a> {
    Success(Payload<'a>),
    Failure(ErrorView<'a>),
}

impl<'a> Envelope<'a> {
    /// Reads an envelope from a response body.
    ///
    /// # Errors
    /// When the input is not JSON, is not an object with a `Response` object, lacks a string
    /// `RequestId`, repeats a fixed member, or has an `Error` without a non-empty string
    /// `Code`. [`validate`](crate::validate()) explains such inputs in detail.
    pub fn from_slice(input: &'a [u8]) -> Result<Self, serde_json::Error> {
        Lenient::from_slice(input)?
            .into_envelope(None)
            .ok_or_else(|| de::Error::missing_field("RequestId"))
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
    /// # Ok::<(), serde_json::Error>(())
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
    /// or the service's [`ApiError`].
    ///
    /// ```
    /// use tencentcloud_envelope::Envelope;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Count { #[serde(rename = "TotalCount")] total: u32 }
    ///
    /// let envelope = Envelope::from_slice(br#"{"Response":{"TotalCount":3,"RequestId":"r"}}"#)?;
    /// let count: Count = envelope.into_result()?.expect("a success");
    /// assert_eq!(count.total, 3);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ///
    /// # Errors
    /// A [`serde_json::Error`] when the payload does not deserialize as `T`.
    pub fn into_result<T: Deserialize<'a>>(self) -> Result<Result<T, ApiError>, serde_json::Error> {
        match self.body {
            Body::Success(payload) => payload.deserialize().map(Ok),
            Body::Failure(error) => Ok(Err(ApiError::new(
                error.code,
                error.message.into_owned(),
                self.request_id.into_owned(),
            ))),
        }
    }
}

/// The members of a successful `Response` other than `RequestId`, unparsed and in input order.
#[derive(Debug, Clone, Default)]
pub struct Payload<'a> {
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> Payload<'a> {
    /// The raw value of the first member named `name`.
    pub fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.members
            .iter()
            .find(|(key, _)| key == name)
            .map(|&(_, raw)| raw)
    }

    /// The members in input order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &'a RawValue)> + '_ {
        self.members.iter().map(|(key, raw)| (key.as_ref(), *raw))
    }

    /// How many members the payload has.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the payload has no members (an action that returns only `RequestId`).
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Deserializes the payload as `T`, as if it were one JSON object of these members.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use tencentcloud_envelope::Envelope;
    ///
    /// let envelope = Envelope::from_slice(br#"{"Response":{"A":1,"B":2,"RequestId":"r"}}"#)?;
    /// let payload = envelope.payload().expect("a success");
    /// let map: BTreeMap<String, u8> = payload.deserialize()?;
    /// assert_eq!(map.len(), 2);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the members do not deserialize as `T`.
    pub fn deserialize<T: Deserialize<'a>>(&self) -> Result<T, serde_json::Error> {
        let entries = self
            .members
            .iter()
            .map(|(key, raw)| (MemberName(key.clone()), *raw));
        let mut map = MapDeserializer::new(entries);
        let value = T::deserialize(de::value::MapAccessDeserializer::new(&mut map))?;
        map.end()?;
        Ok(value)
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
    /// The error code.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The message; empty when the service sent none.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Envelope<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Lenient { request_id, body } = deserializer.deserialize_map(TopVisitor)?;
        let request_id = request_id.ok_or_else(|| de::Error::missing_field("RequestId"))?;
        Ok(Envelope { request_id, body })
    }
}

/// An envelope whose `RequestId` may be missing, for callers with another source of it (the
/// `X-TC-RequestId` header).
pub(crate) struct Lenient<'a> {
    request_id: Option<Cow<'a, str>>,
    body: Body<'a>,
}

impl<'a> Lenient<'a> {
    /// Reads a body as [`Envelope::from_slice`] does, but without requiring `RequestId`.
    ///
    /// One UTF-8 check of the whole input is cheaper than one per string; invalid input goes
    /// the slow way, for `serde_json`'s error and its position.
    pub(crate) fn from_slice(input: &'a [u8]) -> Result<Self, serde_json::Error> {
        fn read<'de, R: serde_json::de::Read<'de>>(
            mut deserializer: serde_json::Deserializer<R>,
        ) -> Result<Lenient<'de>, serde_json::Error> {
            let lenient = deserializer.deserialize_map(TopVisitor)?;
            deserializer.end()?;
            Ok(lenient)
        }
        match std::str::from_utf8(input) {
            Ok(text) => read(serde_json::Deserializer::from_str(text)),
            Err(_) => read(serde_json::Deserializer::from_slice(input)),
        }
    }

    /// Whether the body itself held a request id.
    pub(crate) fn has_request_id(&self) -> bool {
        self.request_id.is_some()
    }

    /// Gives the envelope the request id found elsewhere when the body had none.
    pub(crate) fn into_envelope(self, fallback: Option<Cow<'a, str>>) -> Option<Envelope<'a>> {
        Some(Envelope {
            request_id: self.request_id.or(fallback)?,
            body: self.body,
        })
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Lenient<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Tencent Cloud API 3.0 response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut envelope = None;
        while let Some(key) = map.next_key::<CowStr>()? {
            if key.as_str() == "Response" {
                if envelope.is_some() {
                    return Err(de::Error::duplicate_field("Response"));
                }
                envelope = Some(map.next_value_seed(ResponseSeed)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        envelope.ok_or_else(|| de::Error::missing_field("Response"))
    }
}

struct ResponseSeed;

impl<'de> DeserializeSeed<'de> for ResponseSeed {
    type Value = Lenient<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ResponseSeed {
    type Value = Lenient<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the Response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut request_id = None;
        let mut error: Option<ErrorWire> = None;
        let mut members = Vec::new();
        while let Some(CowStr(key)) = map.next_key()? {
            match &*key {
                "RequestId" if request_id.is_some() => {
                    return Err(de::Error::duplicate_field("RequestId"));
                }
                "RequestId" => request_id = Some(map.next_value::<CowStr>()?.0),
                "Error" if error.is_some() => return Err(de::Error::duplicate_field("Error")),
                "Error" => error = Some(map.next_value()?),
                _ => members.push((key, map.next_value()?)),
            }
        }
        let body = match error {
            Some(ErrorWire { code, message }) => Body::Failure(ErrorView {
                code,
                message: message.map(|m| m.0).unwrap_or_default(),
            }),
            None => Body::Success(Payload { members }),
        };
        Ok(Lenient { request_id, body })
    }
}

struct ErrorWire<'a> {
    code: ErrorCode,
    message: Option<CowStr<'a>>,
}

impl<'de> Deserialize<'de> for ErrorWire<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ErrorVisitor)
    }
}

struct ErrorVisitor;

impl<'de> Visitor<'de> for ErrorVisitor {
    type Value = ErrorWire<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the Error object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code = None;
        let mut message = None;
        while let Some(key) = map.next_key::<CowStr>()? {
            match key.as_str() {
                "Code" if code.is_some() => return Err(de::Error::duplicate_field("Code")),
                "Code" => code = Some(map.next_value()?),
                "Message" if message.is_some() => {
                    return Err(de::Error::duplicate_field("Message"));
                }
                "Message" => message = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let code = code.ok_or_else(|| de::Error::missing_field("Code"))?;
        Ok(ErrorWire { code, message })
    }
}
