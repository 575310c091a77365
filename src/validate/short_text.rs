//! The texts a report keeps (its request id and error code), held in place when short, so
//! that reading a common body allocates nothing for them: a request id is 36 bytes, and
//! nearly every error code is shorter than `INLINE`.

use std::fmt;

use serde::{Serialize, Serializer};

/// A text of at most `INLINE` bytes in place, a longer one on the heap.
#[derive(Clone)]
pub(crate) enum ShortText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

/// The longest text kept in place: enough for a UUID and most error codes, while the whole
/// value stays at 48 bytes.
const INLINE: usize = 46;

impl ShortText {
    pub(crate) fn new(text: &str) -> Self {
        let mut bytes = [0; INLINE];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(prefix), Ok(len)) => {
                prefix.copy_from_slice(text.as_bytes());
                ShortText::Inline { len, bytes }
            }
            _ => ShortText::Heap(text.into()),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Copied from a `&str` whole, so always UTF-8.
            ShortText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|text| std::str::from_utf8(text).ok())
                .unwrap_or_default(),
            ShortText::Heap(text) => text,
        }
    }
}

impl PartialEq for ShortText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ShortText {}

impl fmt::Debug for ShortText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl Serialize for ShortText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ShortText;

    #[test]
    fn short_and_long_texts_read_back_whole() {
        for text in ["", "é", &"x".repeat(46), &"x".repeat(47), &"€".repeat(100)] {
            let kept = ShortText::new(text);
            assert_eq!(kept.as_str(), text);
            assert_eq!(
                matches!(kept, ShortText::Inline { .. }),
                text.len() <= 46,
                "{text}"
            );
        }
        assert_eq!(std::mem::size_of::<ShortText>(), 48);
    }

    #[test]
    fn serializes_as_a_string() {
        let kept = ShortText::new("b5b41468-520d-4192-b42f-595cc34b6c1c");
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(json, r#""b5b41468-520d-4192-b42f-595cc34b6c1c""#);
        let quoted = serde_json::to_string(&ShortText::new("a\"b")).unwrap();
        assert_eq!(quoted, r#""a\"b""#);
    }
}
