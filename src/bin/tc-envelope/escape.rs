//! Inert text: what comes from the input is printed so that a terminal only shows it.
//!
//! A capture is untrusted. An `ESC` byte in a request id or in a broken line would otherwise
//! reach the terminal and retitle it, clear it or move the cursor; a bidirectional override
//! would reorder what the reader sees. Every such character is written as a visible escape,
//! `\u{1b}`, in the style of Rust's `escape_debug`.

use std::borrow::Cow;
use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

/// Whether a terminal would act on `c` instead of showing it, or hide it: C0 and C1 control
/// characters, `DEL`, bidirectional controls, line and paragraph separators, and invisible
/// marks such as the byte order mark.
pub fn is_active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// `text` with every active character escaped; borrowed when there is none.
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
    fn c1_controls_bidi_overrides_and_separators_are_escaped() {
        assert_eq!(inert("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(inert("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(inert("a\u{2028}b\u{feff}"), "a\\u{2028}b\\u{feff}");
        assert_eq!(inert("tab\there"), "tab\\u{9}here");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "RequestId `云服务器` is fine: ü, é, 😀";
        assert!(matches!(inert(text), Cow::Borrowed(_)));
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
