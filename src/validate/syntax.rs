//! Where and why `serde_json` refuses a text, found without the walk's bookkeeping: for a
//! body the scanner found broken before anything else drew its attention, the syntax error is
//! the only finding, and where the scanner cannot name it (inside a number, whose breaks
//! `serde_json` words in several ways), this finds it at a fraction of the walk's cost.
//!
//! `serde_json`'s own skipping (`IgnoredAny`) words some errors differently (a trailing comma
//! is "key must be a string" there), so this drives the deserializer through the same calls
//! as the walk (`deserialize_any`, keys as strings), and its errors are the walk's.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;

use super::position::{error_message, error_offset};
use crate::text::CowStr;

/// The offset and message of the walk's syntax error in `text`; `None` when `serde_json`
/// accepts the text, or when only the walk can say (a number out of a double's range, which
/// it reads again; nesting past `nesting_limit`, which it words itself).
pub(super) fn first_error(text: &str, nesting_limit: usize) -> Option<(usize, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let skip = Skip {
        depth: 1,
        limit: nesting_limit,
    };
    let error = match skip.deserialize(&mut deserializer) {
        Ok(()) => deserializer.end().err()?,
        Err(error) => error,
    };
    let message = error_message(&error);
    // `Skip`'s own error, past the nesting limit, is of the data category.
    if error.classify() == Category::Data || message.starts_with("number out of range") {
        return None;
    }
    Some((error_offset(text, &error), message))
}

/// Reads any value as the walk does, keeping nothing.
#[derive(Clone, Copy)]
struct Skip {
    /// The depth of the value read (the root is 1).
    depth: usize,
    limit: usize,
}

impl Skip {
    /// The reader of a container's members, once the container is known to be allowed.
    fn inner<E: de::Error>(self) -> Result<Skip, E> {
        if self.depth > self.limit {
            return Err(E::custom("nested past the limit"));
        }
        Ok(Skip {
            depth: self.depth + 1,
            limit: self.limit,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.inner()?;
        while seq.next_element_seed(inner)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.inner()?;
        while let Some(CowStr(_)) = map.next_key()? {
            map.next_value_seed(inner)?;
        }
        Ok(())
    }
}
