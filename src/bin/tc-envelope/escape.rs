//! Inert text: what comes from the input is printed so that a terminal only shows it, each
//! active character as a visible escape (the library's `inert`), and the columns it takes.

use unicode_width::UnicodeWidthChar;

/// The library's escaping: the tool and the library's `Display`s agree on what is active.
pub use tencentcloud_envelope::{inert, is_active, push_inert};

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
    fn widths_count_escapes_and_wide_characters() {
        assert_eq!(shown_width('a'), 1);
        assert_eq!(shown_width('云'), 2);
        assert_eq!(shown_width('\u{1b}'), "\\u{1b}".len());
        assert_eq!(shown_width('\u{202e}'), "\\u{202e}".len());
        assert_eq!(shown_width('\t'), 4);
    }
}
