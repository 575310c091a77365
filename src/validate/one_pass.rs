//! The one-pass reader for `decode`: the payload is handed to its type as `serde_json` reads
//! the body, and the envelope's rules are checked on the way, so that a clean success is read
//! once rather than checked by the scanner and parsed again member by member.
//!
//! It takes only what the scanner takes as clean, but for one thing: an object whose only
//! member is `Response`, holding payload members and a `RequestId` string, every key unescaped
//! and unrepeated, nothing nested past the limit and no number near the edge of a double.
//! Anything else (an `Error`, a `DeprecatedWarning`, a misspelt fixed member, an escaped id,
//! broken text, or a payload its type refuses) ends the pass, and the caller reads the body the
//! usual way, so that every verdict and every error stays the walk's. The one thing is a
//! request id that is no UUID: it is known only at the end, and its finding is noted where the
//! walk would place it rather than the body read again. The differential tests and the
//! `fast_path` fuzz target hold the two ways to the same answer.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::envelope_rules::{Member, Role, too_deep};
use super::key_stack::{KeyStack, Keys};
use crate::grammar::{is_reserved_key, names};

type Error = serde_json::Error;

/// What reads the payload, handed the members of `Response` as a map (`RequestId` last, as
/// [`Payload`](crate::Payload) hands them): `decode`'s typed payload.
pub(crate) trait PayloadReader<'a> {
    type Value;

    /// Reads the payload from `map`.
    ///
    /// # Errors
    /// Whatever the payload's type refuses.
    fn read<M: MapAccess<'a, Error = Error>>(self, map: &mut M) -> Result<Self::Value, Error>;
}

/// The payload `reader` reads from `body` and the body's request id, when `body` is a clean
/// success read in one pass; `None` when it is anything else, for the caller to read it again
/// the usual way. The request id may be any string without escapes: one that is no UUID (the
/// documentation's placeholders) draws a tolerated finding, which the caller notes as the walk
/// would (`validate::read_clean`).
pub(crate) fn read_clean<'a, R: PayloadReader<'a>>(
    body: &'a [u8],
    nesting_limit: usize,
    reader: R,
) -> Option<(R::Value, &'a str)> {
    if opens_as_failure(body) {
        return None;
    }
    let mut state = State {
        keys: KeyStack::new(),
        limit: nesting_limit,
        unusual: false,
        request_id: None,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let root = Root {
        state: &mut state,
        reader,
    };
    let payload = deserializer.deserialize_map(root).ok();
    deserializer.end().ok()?;
    // A type may swallow an error it was given; what was seen still stands.
    if state.unusual {
        return None;
    }
    Some((payload?, state.request_id?))
}

/// Whether `body` opens as failures do, `{"Response": {"Error"`: such a body is left to the
/// usual reading at once, since ending the pass (which takes `serde_json` errors, each
/// allocated and placed) would cost about as much as reading the whole small body.
fn opens_as_failure(body: &[u8]) -> bool {
    let mut rest = body;
    for token in [&b"{"[..], b"\"Response\"", b":", b"{", b"\"Error\""] {
        match rest.trim_ascii_start().strip_prefix(token) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    true
}

/// What the pass carries down through the values it reads.
struct State<'a> {
    keys: KeyStack<'a>,
    limit: usize,
    /// Set when the pass met what it leaves to the walk.
    unusual: bool,
    /// The body's `RequestId`, once read.
    request_id: Option<&'a str>,
}

impl State<'_> {
    /// Ends the pass: the body is left to the walk.
    fn unusual<E: de::Error>(&mut self) -> E {
        self.unusual = true;
        E::custom("left to the walk")
    }

    /// A container at `depth` (the root is 1), which may not pass the limit.
    fn enter<E: de::Error>(&mut self, depth: usize) -> Result<(), E> {
        if too_deep(depth, self.limit) {
            return Err(self.unusual());
        }
        Ok(())
    }
}

/// The root: an object whose only member is `Response`.
struct Root<'s, 'a, R> {
    state: &'s mut State<'a>,
    reader: R,
}

impl<'a, R: PayloadReader<'a>> Visitor<'a> for Root<'_, 'a, R> {
    type Value = R::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("an envelope")
    }

    fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        if map.next_key_seed(KeySeed(&mut *state))? != Some(names::RESPONSE) {
            return Err(state.unusual());
        }
        let payload = map.next_value_seed(ResponseSeed {
            state: &mut *state,
            reader: self.reader,
        })?;
        if map.next_key_seed(KeySeed(&mut *state))?.is_some() {
            return Err(state.unusual());
        }
        Ok(payload)
    }
}

struct ResponseSeed<'s, 'a, R> {
    state: &'s mut State<'a>,
    reader: R,
}

impl<'a, R: PayloadReader<'a>> DeserializeSeed<'a> for ResponseSeed<'_, 'a, R> {
    type Value = R::Value;

    fn deserialize<D: Deserializer<'a>>(self, deserializer: D) -> Result<R::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'a, R: PayloadReader<'a>> Visitor<'a> for ResponseSeed<'_, 'a, R> {
    type Value = R::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("the Response object")
    }

    fn visit_map<A: MapAccess<'a>>(self, map: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        state.enter(Role::Response.depth())?;
        let mut members = Members {
            keys: Keys::new(&state.keys),
            map,
            state: &mut *state,
            id: IdTurn::NotYet,
        };
        let payload = self
            .reader
            .read(&mut members)
            .map_err(|_| members.state.unusual())?;
        // The type must have read every member, `RequestId` included, as the walk's map hands
        // them; one that stopped short is left to the usual way, which says so.
        if members.id != IdTurn::Given {
            return Err(members.state.unusual());
        }
        members.keys.close(&mut members.state.keys);
        Ok(payload)
    }
}

/// Where `RequestId` stands in the map handed to the payload's type: it comes last.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IdTurn {
    NotYet,
    /// Its key was handed; its value is next.
    Keyed,
    Given,
}

/// The members of `Response` as the payload's type sees them: the payload members, checked as
/// they stream past, then `RequestId`.
struct Members<'s, 'a, A> {
    keys: Keys<'a>,
    map: A,
    state: &'s mut State<'a>,
    id: IdTurn,
}

impl<'a, A: MapAccess<'a>> MapAccess<'a> for Members<'_, 'a, A> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        loop {
            let key = match self.map.next_key_seed(KeySeed(&mut *self.state)) {
                Ok(Some(key)) => key,
                Ok(None) => {
                    if self.id != IdTurn::NotYet || self.state.request_id.is_none() {
                        return Ok(None);
                    }
                    self.id = IdTurn::Keyed;
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(names::REQUEST_ID))
                        .map(Some);
                }
                // `serde_json`'s error or the check's: either way the body is read again the
                // usual way, so only that the pass ended matters.
                Err(_) => return Err(self.state.unusual()),
            };
            if self.keys.insert(&mut self.state.keys, key) {
                return Err(self.state.unusual());
            }
            if key == names::REQUEST_ID {
                match self.map.next_value_seed(IdSeed) {
                    Ok(id) => self.state.request_id = Some(id),
                    Err(_) => return Err(self.state.unusual()),
                }
                continue;
            }
            // `Error`, `DeprecatedWarning` and misspelt fixed members each draw a finding or
            // make a failure.
            if Role::Response.member(key) != Member::Other {
                return Err(self.state.unusual());
            }
            return seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        if self.id == IdTurn::Keyed {
            self.id = IdTurn::Given;
            let id = self.state.request_id.unwrap_or_default();
            return seed.deserialize(BorrowedStrDeserializer::new(id));
        }
        let seed = Checked {
            seed,
            depth: Role::Response.depth() + 1,
            state: &mut *self.state,
        };
        self.map
            .next_value_seed(seed)
            .map_err(|_| self.state.unusual())
    }
}

/// A key without escapes, as text; one `serde_json` reserves is left to the walk.
struct KeySeed<'s, 'a>(&'s mut State<'a>);

impl<'a> DeserializeSeed<'a> for KeySeed<'_, 'a> {
    type Value = &'a str;

    fn deserialize<D: Deserializer<'a>>(self, deserializer: D) -> Result<&'a str, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'a> Visitor<'a> for KeySeed<'_, 'a> {
    type Value = &'a str;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'a str) -> Result<&'a str, E> {
        if key.starts_with('$') && is_reserved_key(key) {
            return Err(self.0.unusual());
        }
        Ok(key)
    }

    fn visit_str<E: de::Error>(self, _escaped: &str) -> Result<&'a str, E> {
        Err(self.0.unusual())
    }
}

/// `RequestId`, a string without escapes. One that is no UUID draws a tolerated finding,
/// which the caller notes.
struct IdSeed;

impl<'a> DeserializeSeed<'a> for IdSeed {
    type Value = &'a str;

    fn deserialize<D: Deserializer<'a>>(self, deserializer: D) -> Result<&'a str, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'a> Visitor<'a> for IdSeed {
    type Value = &'a str;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a string without escapes")
    }

    fn visit_borrowed_str<E: de::Error>(self, id: &'a str) -> Result<&'a str, E> {
        Ok(id)
    }
}

/// A value at `depth`, read by `seed` and checked on the way.
struct Checked<'s, 'a, S> {
    seed: S,
    depth: usize,
    state: &'s mut State<'a>,
}

impl<'a, S: DeserializeSeed<'a>> DeserializeSeed<'a> for Checked<'_, 'a, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'a>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(CheckedDeserializer {
            inner: deserializer,
            depth: self.depth,
            state: self.state,
        })
    }
}

struct CheckedDeserializer<'s, 'a, D> {
    inner: D,
    depth: usize,
    state: &'s mut State<'a>,
}

impl<'s, 'a, D> CheckedDeserializer<'s, 'a, D> {
    fn visitor<V>(self, visitor: V) -> (D, CheckedVisitor<'s, 'a, V>) {
        let checked = CheckedVisitor {
            inner: visitor,
            depth: self.depth,
            state: self.state,
        };
        (self.inner, checked)
    }
}

/// Each request passes to `serde_json` with the visitor wrapped.
macro_rules! checked_requests {
    ($($method:ident($($argument:ident: $type:ty),*))*) => {
        $(
            fn $method<V: Visitor<'a>>(self, $($argument: $type,)* visitor: V) -> Result<V::Value, D::Error> {
                let (inner, visitor) = self.visitor(visitor);
                inner.$method($($argument,)* visitor)
            }
        )*
    };
}

impl<'a, D: Deserializer<'a>> Deserializer<'a> for CheckedDeserializer<'_, 'a, D> {
    type Error = D::Error;

    checked_requests! {
        deserialize_any() deserialize_bool() deserialize_i8() deserialize_i16() deserialize_i32()
        deserialize_i64() deserialize_i128() deserialize_u8() deserialize_u16() deserialize_u32()
        deserialize_u64() deserialize_u128() deserialize_f32() deserialize_f64() deserialize_char()
        deserialize_str() deserialize_string() deserialize_bytes() deserialize_byte_buf()
        deserialize_option() deserialize_unit() deserialize_seq() deserialize_map()
        deserialize_identifier()
        deserialize_unit_struct(name: &'static str)
        deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize)
        deserialize_struct(name: &'static str, fields: &'static [&'static str])
        deserialize_enum(name: &'static str, variants: &'static [&'static str])
    }

    /// A value the type ignores is still read, and checked, whole.
    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, visitor) = self.visitor(visitor);
        inner.deserialize_any(visitor)
    }

    /// `serde_json`'s raw values skip their text unchecked: left to the walk.
    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if is_reserved_key(name) {
            return Err(self.state.unusual());
        }
        let (inner, visitor) = self.visitor(visitor);
        inner.deserialize_newtype_struct(name, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

struct CheckedVisitor<'s, 'a, V> {
    inner: V,
    depth: usize,
    state: &'s mut State<'a>,
}

/// Values that need no check pass straight to the type's visitor.
macro_rules! passed_values {
    ($($method:ident($type:ty))*) => {
        $(
            fn $method<E: de::Error>(self, value: $type) -> Result<V::Value, E> {
                self.inner.$method(value)
            }
        )*
    };
}

impl<'a, V: Visitor<'a>> Visitor<'a> for CheckedVisitor<'_, 'a, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.inner.expecting(formatter)
    }

    passed_values! {
        visit_bool(bool) visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
        visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128) visit_f32(f32)
        visit_char(char) visit_borrowed_str(&'a str)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    /// A number near the edge of a double is left to the walk, as the scanner leaves it.
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<V::Value, E> {
        if !value.is_finite() || value.abs() > 1e300 {
            return Err(self.state.unusual());
        }
        self.inner.visit_f64(value)
    }

    /// A string with escapes. `serde_json` refuses a lone surrogate escape in text it hands on
    /// as a string, so what arrives here is what the walk accepts.
    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        self.inner.visit_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        self.inner.visit_string(value)
    }

    /// A string read as bytes is not checked as text by `serde_json`, and its escapes may hold
    /// lone surrogates: only unescaped UTF-8 passes.
    fn visit_borrowed_bytes<E: de::Error>(self, value: &'a [u8]) -> Result<V::Value, E> {
        if std::str::from_utf8(value).is_err() {
            return Err(self.state.unusual());
        }
        self.inner.visit_borrowed_bytes(value)
    }

    fn visit_bytes<E: de::Error>(self, _escaped: &[u8]) -> Result<V::Value, E> {
        Err(self.state.unusual())
    }

    fn visit_byte_buf<E: de::Error>(self, _escaped: Vec<u8>) -> Result<V::Value, E> {
        Err(self.state.unusual())
    }

    fn visit_some<D: Deserializer<'a>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(CheckedDeserializer {
            inner: deserializer,
            depth: self.depth,
            state: self.state,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'a>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(CheckedDeserializer {
            inner: deserializer,
            depth: self.depth,
            state: self.state,
        })
    }

    fn visit_seq<A: SeqAccess<'a>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.state.enter(self.depth)?;
        self.inner.visit_seq(CheckedSeq {
            inner: seq,
            depth: self.depth + 1,
            state: self.state,
        })
    }

    fn visit_map<A: MapAccess<'a>>(self, map: A) -> Result<V::Value, A::Error> {
        let state = self.state;
        state.enter(self.depth)?;
        let keys = Keys::new(&state.keys);
        let base = state.keys.len();
        let value = self.inner.visit_map(CheckedMap {
            inner: map,
            keys,
            depth: self.depth + 1,
            state: &mut *state,
        })?;
        state.keys.truncate(base);
        Ok(value)
    }

    /// An enum is an object of one member, or a string: held to the limit as the object.
    fn visit_enum<A: de::EnumAccess<'a>>(self, data: A) -> Result<V::Value, A::Error> {
        self.state.enter(self.depth)?;
        self.inner.visit_enum(CheckedEnum {
            inner: data,
            depth: self.depth,
            state: self.state,
        })
    }
}

struct CheckedSeq<'s, 'a, A> {
    inner: A,
    /// The depth of the elements.
    depth: usize,
    state: &'s mut State<'a>,
}

impl<'a, A: SeqAccess<'a>> SeqAccess<'a> for CheckedSeq<'_, 'a, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let element = self.inner.next_element_seed(Checked {
            seed,
            depth: self.depth,
            state: &mut *self.state,
        });
        element.inspect_err(|_| self.state.unusual = true)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct CheckedMap<'s, 'a, A> {
    inner: A,
    keys: Keys<'a>,
    /// The depth of the values.
    depth: usize,
    state: &'s mut State<'a>,
}

impl<'a, A: MapAccess<'a>> MapAccess<'a> for CheckedMap<'_, 'a, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.inner.next_key_seed(KeySeed(&mut *self.state));
        let Some(key) = key.inspect_err(|_| self.state.unusual = true)? else {
            return Ok(None);
        };
        if self.keys.insert(&mut self.state.keys, key) {
            return Err(self.state.unusual());
        }
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let value = self.inner.next_value_seed(Checked {
            seed,
            depth: self.depth,
            state: &mut *self.state,
        });
        value.inspect_err(|_| self.state.unusual = true)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct CheckedEnum<'s, 'a, A> {
    inner: A,
    depth: usize,
    state: &'s mut State<'a>,
}

impl<'s, 'a, A: de::EnumAccess<'a>> de::EnumAccess<'a> for CheckedEnum<'s, 'a, A> {
    type Error = A::Error;
    type Variant = CheckedVariant<'s, 'a, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'a>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let state = self.state;
        let checked = Checked {
            seed,
            depth: self.depth + 1,
            state: &mut *state,
        };
        let (variant, access) = self.inner.variant_seed(checked)?;
        let access = CheckedVariant {
            inner: access,
            depth: self.depth + 1,
            state,
        };
        Ok((variant, access))
    }
}

struct CheckedVariant<'s, 'a, A> {
    inner: A,
    /// The depth of the variant's value.
    depth: usize,
    state: &'s mut State<'a>,
}

impl<'a, A: de::VariantAccess<'a>> de::VariantAccess<'a> for CheckedVariant<'_, 'a, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'a>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(Checked {
            seed,
            depth: self.depth,
            state: self.state,
        })
    }

    fn tuple_variant<V: Visitor<'a>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner.tuple_variant(
            len,
            CheckedVisitor {
                inner: visitor,
                depth: self.depth,
                state: self.state,
            },
        )
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.struct_variant(
            fields,
            CheckedVisitor {
                inner: visitor,
                depth: self.depth,
                state: self.state,
            },
        )
    }
}
