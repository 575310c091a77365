//! The piece of a line shown under a diagnostic: a bounded window around the offending
//! byte, found and drawn in time proportional to the window, never to the line.
//!
//! API responses are often one long line; a body with tens of thousands of findings must not
//! cost a scan of the whole line per finding.

use crate::escape::{push_inert, shown_width};

/// How many bytes to look at on either side of the offending byte. A window never needs more
/// than this: it shows at most the `width` columns [`Window::around`] is given, and a character
/// is at most 4 bytes.
const REACH: usize = 512;

/// Marks a cut end of a line.
const CUT: &str = "...";

/// A window of a line, made inert, with the span to underline.
#[derive(Debug, PartialEq, Eq)]
pub struct Window {
    /// The text to show: tabs as four spaces, active characters escaped, cut ends marked.
    pub text: String,
    /// Columns before the offending character.
    pub caret_at: usize,
    /// Columns the offending character takes (at least 1, also at the end of a line).
    pub caret_width: usize,
}

impl Window {
    /// The window of `body` around `offset`, at most `width` columns wide (not counting the
    /// cut marks). Invalid UTF-8 shows as U+FFFD, one per bad byte.
    pub fn around(body: &[u8], offset: usize, width: usize) -> Window {
        let offset = offset.min(body.len());
        let low = offset.saturating_sub(REACH);
        let high = offset.saturating_add(REACH).min(body.len());
        let before = body.get(low..offset).unwrap_or_default();
        let after = body.get(offset..high).unwrap_or_default();

        // The line's start, if it is within reach; else the window starts cut.
        let (before, mut cut_left) = match before.iter().rposition(|&b| b == b'\n') {
            Some(newline) => (before.get(newline + 1..).unwrap_or_default(), false),
            None => (before, low > 0),
        };
        let (after, mut cut_right) = match after.iter().position(|&b| b == b'\n') {
            Some(newline) => (after.get(..newline).unwrap_or_default(), false),
            None => (after, high < body.len()),
        };
        let after = after.strip_suffix(b"\r").unwrap_or(after);

        let before = lossy(before, true);
        let after = lossy(after, false);

        // Half the width before the caret, the rest after it; an end that needs less gives
        // its share to the other. Widths are summed only as far as the width.
        let width_up_to = |text: &str, from_end: bool| {
            let mut sum = 0;
            let widths = text.chars().map(shown_width);
            let mut add = |w: usize| {
                sum += w;
                sum <= width
            };
            if from_end {
                widths.rev().take_while(|&w| add(w)).for_each(drop);
            } else {
                widths.take_while(|&w| add(w)).for_each(drop);
            }
            sum
        };
        let want_after = width_up_to(&after, false).max(1);
        let budget_before = (width / 2).max(width.saturating_sub(want_after));
        let want_before = width_up_to(&before, true);
        let budget_after = width.saturating_sub(want_before.min(budget_before));

        // The start of what is shown before the caret.
        let mut used = 0;
        let mut from = before.len();
        for (at, c) in before.char_indices().rev() {
            let w = shown_width(c);
            if used + w > budget_before {
                cut_left = true;
                break;
            }
            used += w;
            from = at;
        }

        let mut text = String::with_capacity(width + 2 * CUT.len());
        if cut_left {
            text.push_str(CUT);
        }
        for c in before.get(from..).unwrap_or_default().chars() {
            push_shown(&mut text, c);
        }
        let caret_at = if cut_left { CUT.len() } else { 0 } + used;
        let caret_width = after.chars().next().map_or(1, |c| shown_width(c).max(1));
        let mut used = 0;
        for c in after.chars() {
            let w = shown_width(c);
            if used + w > budget_after && used > 0 {
                cut_right = true;
                break;
            }
            used += w;
            push_shown(&mut text, c);
        }
        if cut_right {
            text.push_str(CUT);
        }
        Window {
            text,
            caret_at,
            caret_width,
        }
    }
}

/// `bytes` as text, lossily; with `from_end`, a partial character at the start (where the
/// window's cut fell inside it) is dropped instead of shown as U+FFFD.
fn lossy(mut bytes: &[u8], from_end: bool) -> std::borrow::Cow<'_, str> {
    if from_end {
        let mut skipped = 0;
        while let [first, rest @ ..] = bytes {
            if skipped < 3 && (0x80..0xc0).contains(first) {
                bytes = rest;
                skipped += 1;
            } else {
                break;
            }
        }
    }
    String::from_utf8_lossy(bytes)
}

fn push_shown(text: &mut String, c: char) {
    if c == '\t' {
        text.push_str("    ");
    } else {
        push_inert(text, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caret_under(window: &Window) -> String {
        window
            .text
            .chars()
            .scan(0, |at, c| {
                let here = *at;
                *at += shown_width(c);
                Some((here, c))
            })
            .filter(|&(at, _)| at >= window.caret_at && at < window.caret_at + window.caret_width)
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let body = b"first\n{\"a\": 1, \"b\": x}\nlast";
        let window = Window::around(body, 20, 80);
        assert_eq!(window.text, "{\"a\": 1, \"b\": x}");
        assert_eq!(caret_under(&window), "x");
    }

    #[test]
    fn a_long_line_is_cut_around_the_offset() {
        let mut body = vec![b'a'; 100_000];
        body[50_000] = b'X';
        let window = Window::around(&body, 50_000, 40);
        assert!(window.text.starts_with("...") && window.text.ends_with("..."));
        assert!(window.text.len() <= 40 + 6, "{}", window.text.len());
        assert_eq!(caret_under(&window), "X");
    }

    #[test]
    fn the_end_of_a_line_gets_a_caret_after_the_last_character() {
        let window = Window::around(b"{\"a\":\r\n", 5, 80);
        assert_eq!(window.text, "{\"a\":");
        assert_eq!((window.caret_at, window.caret_width), (5, 1));
    }

    #[test]
    fn tabs_keep_the_caret_under_its_token() {
        let body = b"{\n\t\t\"a\": tru\n}";
        let window = Window::around(body, 9, 80);
        assert_eq!(window.text, "        \"a\": tru");
        assert_eq!(caret_under(&window), "t");
    }

    #[test]
    fn escape_bytes_are_escaped_and_the_caret_follows() {
        let body = b"{\"RequestId\": \"\x1b]0;PWNED\x07\x1b[2J\" x}";
        let window = Window::around(body, body.len() - 2, 80);
        assert!(!window.text.contains('\u{1b}') && !window.text.contains('\u{7}'));
        assert!(window.text.contains("\\u{1b}]0;PWNED\\u{7}"));
        assert_eq!(caret_under(&window), "x");
    }

    #[test]
    fn invalid_utf8_and_wide_characters_are_shown() {
        let body = "{\"名\": \"\u{1}\"}".as_bytes();
        let window = Window::around(body, 2, 80);
        assert_eq!(caret_under(&window), "名");
        assert_eq!(window.caret_width, 2);
        let window = Window::around(b"{\"a\": \xff}", 6, 80);
        assert_eq!(caret_under(&window), "\u{fffd}");
    }

    #[test]
    fn an_empty_body_has_a_caret_and_no_text() {
        let window = Window::around(b"", 0, 80);
        assert_eq!(window.text, "");
        assert_eq!((window.caret_at, window.caret_width), (0, 1));
    }
}
