//! The owned envelope, `Response<T>`, generic over the action's payload.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::grammar::names;
use crate::text::CowStr;
use crate::{ApiError, ErrorCode};

/// A whole API 3.0 response, `{"Response": {...}}`, with the action's payload deserialized
/// into `T`.
///
/// Parsing takes one pass over the input: the payload's fields go straight to `T` while
/// `RequestId` and `Error` are picked out beside them. The presence of `Error` decides: a
/// failure envelope yields an [`ApiError`] even when `T` has required fields the failure
/// does not carry. Unknown top-level members are ignored. Use `Response<()>` for actions
/// whose payload you do not need.
///
/// `Response<T>` serializes back to the same wire shape, for mocks and test servers.
///
/// ```
/// use serde::Deserialize;
/// use tencentcloud_envelope::{CommonCode, Response};
///
/// #[derive(Debug, Deserialize)]
/// struct DescribeInstancesStatus {
///     #[serde(rename = "TotalCount")]
///     total_count: u64,
/// }
///
/// let body = br#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
///     "Message": "bad signature"}, "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
/// let response: Response<DescribeInstancesStatus> = serde_json::from_slice(body)?;
/// assert_eq!(response.request_id(), "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
/// let error = response.into_result().unwrap_err();
/// assert_eq!(error.code(), &CommonCode::AuthFailureSignatureFailure);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response<T> {
    outcome: Outcome<T>,
    deprecated_warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome<T> {
    Success { request_id: String, payload: T },
    Failure(ApiError),
}

impl<T> Response<T> {
    /// A successful response carrying `payload`.
    ///
    /// ```
    /// use tencentcloud_envelope::Response;
    /// let response = Response::success("b5b41468-520d-4192-b42f-595cc34b6c1c", serde_json::json!({"TotalCount": 0}));
    /// assert_eq!(
    ///     serde_json::to_string(&response)?,
    ///     r#"{"Response":{"TotalCount":0,"RequestId":"b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn success(request_id: impl Into<String>, payload: T) -> Self {
        Response {
            outcome: Outcome::Success {
                request_id: request_id.into(),
                payload,
            },
            deprecated_warning: None,
        }
    }

    /// A failed response; the request id is the error's.
    pub fn failure(error: ApiError) -> Self {
        Response {
            outcome: Outcome::Failure(error),
            deprecated_warning: None,
        }
    }

    /// The request id, present on success and failure alike.
    pub fn request_id(&self) -> &str {
        match &self.outcome {
            Outcome::Success { request_id, .. } => request_id,
            Outcome::Failure(error) => error.request_id(),
        }
    }

    /// Whether the response carries no `Error`.
    pub fn is_success(&self) -> bool {
        matches!(self.outcome, Outcome::Success { .. })
    }

    /// The payload, or the error, by reference.
    ///
    /// # Errors
    /// The service's [`ApiError`] when the response reports a failure.
    pub fn as_result(&self) -> Result<&T, &ApiError> {
        match &self.outcome {
            Outcome::Success { payload, .. } => Ok(payload),
            Outcome::Failure(error) => Err(error),
        }
    }

    /// The payload, or the error.
    ///
    /// # Errors
    /// The service's [`ApiError`] when the response reports a failure.
    pub fn into_result(self) -> Result<T, ApiError> {
        self.into_parts().1
    }

    /// The request id beside the payload or the error, so that a success keeps it too.
    ///
    /// ```
    /// use tencentcloud_envelope::Response;
    /// let response: Response<()> = serde_json::from_str(r#"{"Response":{"RequestId":"r"}}"#)?;
    /// let (request_id, result) = response.into_parts();
    /// assert_eq!((request_id.as_str(), result.is_ok()), ("r", true));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn into_parts(self) -> (String, Result<T, ApiError>) {
        match self.outcome {
            Outcome::Success {
                request_id,
                payload,
            } => (request_id, Ok(payload)),
            Outcome::Failure(error) => (error.request_id().to_owned(), Err(error)),
        }
    }

    /// `Response.DeprecatedWarning`, when the action is deprecated.
    pub fn deprecated_warning(&self) -> Option<&str> {
        self.deprecated_warning.as_deref()
    }

    /// Sets `Response.DeprecatedWarning`, for mocks of deprecated actions.
    #[must_use]
    pub fn with_deprecated_warning(mut self, warning: impl Into<String>) -> Self {
        self.deprecated_warning = Some(warning.into());
        self
    }
}

impl<T: Serialize> Serialize for Response<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut top = serializer.serialize_map(Some(1))?;
        match &self.outcome {
            Outcome::Success {
                request_id,
                payload,
            } => {
                // The fixed members are written once, from the response's own fields, even
                // when the payload type declares them too (as the official SDKs' types do).
                let mut payload = serde_json::to_value(payload).map_err(ser::Error::custom)?;
                if let Some(members) = payload.as_object_mut() {
                    members.remove(names::REQUEST_ID);
                    members.remove(names::DEPRECATED_WARNING);
                }
                top.serialize_entry(
                    names::RESPONSE,
                    &SuccessBody {
                        payload: &payload,
                        deprecated_warning: self.deprecated_warning(),
                        request_id,
                    },
                )?;
            }
            Outcome::Failure(error) => top.serialize_entry(
                "Response",
                &FailureBody {
                    error: ErrorBody {
                        code: error.code().clone(),
                        message: error.message().into(),
                    },
                    deprecated_warning: self.deprecated_warning(),
                    request_id: error.request_id(),
                },
            )?,
        }
        top.end()
    }
}

/// The wire shape of a success; flattening only serializes, it never buffers.
#[derive(Serialize)]
struct SuccessBody<'a, T> {
    #[serde(flatten)]
    payload: &'a T,
    #[serde(rename = "DeprecatedWarning", skip_serializing_if = "Option::is_none")]
    deprecated_warning: Option<&'a str>,
    #[serde(rename = "RequestId")]
    request_id: &'a str,
}

#[derive(Serialize)]
struct FailureBody<'a> {
    #[serde(rename = "Error")]
    error: ErrorBody,
    #[serde(rename = "DeprecatedWarning", skip_serializing_if = "Option::is_none")]
    deprecated_warning: Option<&'a str>,
    #[serde(rename = "RequestId")]
    request_id: &'a str,
}

/// `Response.Error` on the wire. A missing `Message` reads as empty: the code is what
/// matters, and losing it to a parse error would be worse.
#[derive(Serialize, Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: ErrorCode,
    #[serde(rename = "Message", default)]
    message: String,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Response<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TopVisitor(PhantomData))
    }
}

struct TopVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for TopVisitor<T> {
    type Value = Response<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Tencent Cloud API 3.0 response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut response = None;
        while let Some(key) = map.next_key::<CowStr>()? {
            if key.as_str() == "Response" {
                if response.is_some() {
                    return Err(de::Error::duplicate_field("Response"));
                }
                response = Some(map.next_value_seed(BodySeed(PhantomData))?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        response.ok_or_else(|| de::Error::missing_field("Response"))
    }
}

struct BodySeed<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for BodySeed<T> {
    type Value = Response<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(BodyVisitor(PhantomData))
    }
}

struct BodyVisitor<T>(PhantomData<T>);

/// The fixed members of `Response`, picked out while the payload streams past.
#[derive(Default)]
struct Fixed {
    request_id: Option<String>,
    error: Option<ErrorBody>,
    deprecated_warning: Option<String>,
}

impl Fixed {
    /// Reads the value of a fixed member; `Ok(false)` when `key` is not one.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            names::REQUEST_ID if self.request_id.is_some() => {
                Err(de::Error::duplicate_field(names::REQUEST_ID))
            }
            names::REQUEST_ID => {
                self.request_id = Some(map.next_value::<CowStr>()?.0.into_owned());
                Ok(true)
            }
            names::ERROR if self.error.is_some() => Err(de::Error::duplicate_field(names::ERROR)),
            names::ERROR => {
                self.error = Some(map.next_value()?);
                Ok(true)
            }
            names::DEPRECATED_WARNING if self.deprecated_warning.is_some() => {
                Err(de::Error::duplicate_field(names::DEPRECATED_WARNING))
            }
            names::DEPRECATED_WARNING => {
                self.deprecated_warning = map
                    .next_value::<Option<CowStr>>()?
                    .map(|w| w.0.into_owned());
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for BodyVisitor<T> {
    type Value = Response<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the Response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fixed = Fixed::default();
        let mut ended = false;
        let payload = T::deserialize(PayloadDeserializer {
            map: PayloadMap {
                map: &mut map,
                fixed: &mut fixed,
                ended: &mut ended,
                pending_request_id: None,
            },
        });
        // `T` fails mid-object only on a bad payload value, before any `Error` was seen:
        // the input cannot be read further, so that error stands.
        let payload = match payload {
            Err(error) if !ended => return Err(error),
            other => other,
        };
        // Drain what `T` did not read: the members after `Error`, or those a custom `T` skipped.
        while let Some(key) = map.next_key::<CowStr>()? {
            if !fixed.read(key.as_str(), &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let request_id = fixed
            .request_id
            .ok_or_else(|| de::Error::missing_field("RequestId"))?;
        let outcome = match fixed.error {
            Some(ErrorBody { code, message }) => {
                Outcome::Failure(ApiError::new(code, message, request_id))
            }
            None => Outcome::Success {
                request_id,
                payload: payload?,
            },
        };
        Ok(Response {
            outcome,
            deprecated_warning: fixed.deprecated_warning,
        })
    }
}

/// Presents the payload members of `Response` to `T` as a map of their own.
struct PayloadMap<'m, A> {
    map: &'m mut A,
    fixed: &'m mut Fixed,
    /// Set once the map told `T` it has no more entries.
    ended: &'m mut bool,
    /// `RequestId`, read as a fixed member and still to be handed to `T` as a value.
    pending_request_id: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for PayloadMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if *self.ended {
            return Ok(None);
        }
        while let Some(key) = self.map.next_key::<CowStr>()? {
            if self.fixed.read(key.as_str(), self.map)? {
                if self.fixed.error.is_some() {
                    // A failure: the payload no longer matters.
                    break;
                }
                if key.as_str() == names::REQUEST_ID {
                    // Payload types that declare `RequestId`, as the official SDKs' do, get it.
                    self.pending_request_id.clone_from(&self.fixed.request_id);
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(names::REQUEST_ID))
                        .map(Some);
                }
                continue;
            }
            return match key.0 {
                std::borrow::Cow::Borrowed(text) => {
                    seed.deserialize(BorrowedStrDeserializer::new(text))
                }
                std::borrow::Cow::Owned(text) => seed.deserialize(StringDeserializer::new(text)),
            }
            .map(Some);
        }
        *self.ended = true;
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending_request_id.take() {
            Some(id) => seed.deserialize(StringDeserializer::new(id)),
            None => self.map.next_value_seed(seed),
        }
    }
}

struct PayloadDeserializer<'m, A> {
    map: PayloadMap<'m, A>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for PayloadDeserializer<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.map)
    }

    /// `Response<()>` and the like: the payload is left for the drain to skip.
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf newtype_struct seq tuple tuple_struct map struct enum identifier
    }
}
