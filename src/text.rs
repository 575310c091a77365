//! Text from a response: strings read from JSON that borrow from the input whenever it has
//! no escapes, and the inert form every `Display` shows them in.

use std::borrow::Cow;
use std::fmt::{self, Write};

use serde::de::{self, Deserializer, Visitor};

/// A JSON string, borrowed when the input spells it without escapes.
///
/// `Cow<'de, str>` with `#[serde(borrow)]` does not borrow when wrapped in an `Option`, and
/// `&'de str` fails on escaped strings; this wrapper gets both cases right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CowStr<'de>(pub(crate) Cow<'de, str>);

impl CowStr<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CowStrVisitor)
    }
}

struct CowStrVisitor;

impl<'de> Visitor<'de> for CowStrVisitor {
    type Value = CowStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(CowStr(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(CowStr(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(CowStr(Cow::Owned(value)))
    }
}

/// Whether a terminal or a log viewer would act on `c` instead of showing it, or hide it: C0
/// and C1 control characters, `DEL`, the bidirectional controls (`Bidi_Control`), line and
/// paragraph separators, and invisible marks such as the byte order mark.
pub fn is_active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// `text` with every active character written as a visible escape, `\u{1b}`, in the style of
/// Rust's `escape_debug`; borrowed when there is none. A response is untrusted: an `ESC` in a
/// request id would otherwise retitle or clear the terminal that prints an error, and a
/// bidirectional override would reorder what the reader sees.
///
/// ```text
/// inert("a\u{1b}[2J") == "a\\u{1b}[2J"
/// ```
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_active) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_inert(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c`, escaped if active.
pub fn push_inert(out: &mut String, c: char) {
    if is_active(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// The longest key or value a finding quotes whole. A longer one is cut to its first
/// `QUOTED_HEAD` bytes and marked with its length, so that each finding that names a 5 MB key
/// costs a few hundred bytes, not 5 MB.
pub(crate) const LONGEST_QUOTED: usize = 256;
const QUOTED_HEAD: usize = 64;

/// `text` as a finding's pointer or a message quotes it.
pub(crate) fn quoted(text: &str) -> Cow<'_, str> {
    if text.len() <= LONGEST_QUOTED {
        return Cow::Borrowed(text);
    }
    let mut end = QUOTED_HEAD;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default();
    Cow::Owned(format!("{head}…[{} bytes]", text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_become_visible_text() {
        let hostile = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";
        let shown = inert(hostile);
        assert_eq!(shown, "\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn c1_controls_bidi_controls_and_separators_are_escaped() {
        assert_eq!(inert("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(inert("a\u{202e}b\u{61c}"), "a\\u{202e}b\\u{61c}");
        assert_eq!(inert("a\u{2028}b\u{feff}"), "a\\u{2028}b\\u{feff}");
        assert_eq!(inert("tab\there"), "tab\\u{9}here");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "RequestId `云服务器` is fine: ü, é, 😀";
        assert!(matches!(inert(text), Cow::Borrowed(_)));
    }
}
