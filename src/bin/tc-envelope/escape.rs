//! Inert text: what comes from the input is printed so that a terminal only shows it.
//!
//! A capture is untrusted, and so are the arguments (a code pasted from a log, a file name).
//! An `ESC` byte in a request id or in a broken line would otherwise reach the terminal and
//! retitle it, clear it or move the cursor; a bidirectional override would reorder what the
//! reader sees. Every such character is written as a visible escape, `\u{1b}`, in the style
//! of Rust's `escape_debug`; in JSON, as the JSON escape `\u001b`, which leaves the value
//! the same for a JSON reader. Messages on standard error go through [`complain`], JSON
//! through [`write_json`].

use std::borrow::Cow;
use std::fmt;
use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use unicode_width::UnicodeWidthChar;

/// The library's escaping: the tool and the library's `Display`s agree on what is active.
pub use tencentcloud_envelope::__private::{inert, is_active, push_inert};

/// `text` with every active character escaped but the line breaks, for text made of lines
/// (a usage message, a table): a value inside it must be made [`inert`] first, or a line
/// break of its own would start a line.
pub fn inert_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_active(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            push_inert(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// Says `message` on standard error, after `tc-envelope: `, made inert whole: messages name
/// paths, arguments and what the input holds.
pub fn complain(message: impl fmt::Display) {
    eprintln!("tc-envelope: {}", inert(&message.to_string()));
}

/// How many terminal columns `c` takes once made inert (a tab is shown as four spaces).
pub fn shown_width(c: char) -> usize {
    if c == '\t' {
        4
    } else if is_active(c) {
        // `\u{` + hex digits + `}`
        let bits = 32 - u32::from(c).leading_zeros();
        4 + (bits as usize).div_ceil(4).max(1)
    } else {
        c.width().unwrap_or(0)
    }
}

/// Writes `value` as JSON (indented if `pretty`) whose strings escape every active
/// character, not only those JSON requires (`DEL`, C1 controls, bidirectional controls as
/// `\u202e`).
pub fn write_json<T: Serialize + ?Sized>(
    out: impl io::Write,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let formatter = InertJson(PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
    } else {
        let formatter = InertJson(CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
    }
}

/// A JSON formatter that escapes active characters in strings, around one that lays out.
struct InertJson<F>(F);

impl<F: Formatter> InertJson<F> {
    /// Writes `text`, each active character as a `\uXXXX` escape. In a valid JSON text an
    /// active character can only be inside a string, where the escape means the same.
    fn write_inert<W: ?Sized + io::Write>(writer: &mut W, text: &str) -> io::Result<()> {
        // The common case: printable ASCII, and no control JSON left unescaped.
        if text.bytes().all(|b| b < 0x7f) {
            return writer.write_all(text.as_bytes());
        }
        let mut start = 0;
        for (at, c) in text.char_indices() {
            if is_active(c) {
                writer.write_all(text.as_bytes().get(start..at).unwrap_or_default())?;
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(text.as_bytes().get(start..).unwrap_or_default())
    }
}

impl<F: Formatter> Formatter for InertJson<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        Self::write_inert(writer, fragment)
    }

    fn write_raw_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        Self::write_inert(writer, fragment)
    }

    // The layout is the inner formatter's.
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_survive_only_where_lines_are_meant() {
        assert_eq!(inert_lines("a\u{1b}\r\nb\n"), "a\\u{1b}\\u{d}\nb\n");
        assert_eq!(inert("a\nb"), "a\\u{a}b");
    }

    #[test]
    fn json_escapes_active_characters_and_keeps_the_value() {
        let value = serde_json::json!({"k\u{202e}": ["a\u{1b}\u{7f}\u{85}\u{202e}b", "云 😀"]});
        for pretty in [false, true] {
            let mut out = Vec::new();
            write_json(&mut out, &value, pretty).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!text.chars().any(|c| c != '\n' && is_active(c)), "{text}");
            assert!(text.contains(r"a\u001b\u007f\u0085\u202eb"), "{text}");
            assert!(text.contains("云 😀"), "{text}");
            assert_eq!(pretty, text.contains('\n'));
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn widths_count_escapes_and_wide_characters() {
        assert_eq!(shown_width('a'), 1);
        assert_eq!(shown_width('云'), 2);
        assert_eq!(shown_width('\u{1b}'), "\\u{1b}".len());
        assert_eq!(shown_width('\u{202e}'), "\\u{202e}".len());
        assert_eq!(shown_width('\t'), 4);
    }
}
