//! Numbers a double can hold that `serde_json` calls out of range.
//!
//! Without its `float_roundtrip` feature (which this crate does not turn on: it would change
//! float parsing for the whole program that embeds it), `serde_json` rounds some decimals
//! within an ulp or two of `f64::MAX` past it and refuses them as "number out of range", such
//! as `1.7976931348623158e308`, which is `f64::MAX` itself. When a walk stops there, the
//! numbers of that size that the standard library reads as finite are replaced, in a copy of
//! the same length, by a small number of the same kind and length (`1.000…`), and the copy is
//! walked instead.

use super::path::string_end;

/// A copy of `text` with every number that a double holds but `serde_json` may refuse
/// replaced by `1.0…0` (or `-1.0…0`) of its length; `None` when there is none.
pub(super) fn patch(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut patched: Option<Vec<u8>> = None;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => at = string_end(text, at),
            b'-' | b'0'..=b'9' => {
                let end = bytes
                    .get(at..)
                    .and_then(|rest| {
                        rest.iter().position(|b| {
                            !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                        })
                    })
                    .map_or(bytes.len(), |length| at + length);
                let token = text.get(at..end).unwrap_or_default();
                if let Some(negative) = misread_by_serde_json(token) {
                    let replacement: &[u8] = if negative { b"-1." } else { b"1." };
                    let copy = patched.get_or_insert_with(|| bytes.to_vec());
                    if let Some(slot) = copy.get_mut(at..end) {
                        slot.fill(b'0');
                        if let Some(head) = slot.get_mut(..replacement.len()) {
                            head.copy_from_slice(replacement);
                        }
                    }
                }
                at = end.max(at + 1);
            }
            _ => at += 1,
        }
    }
    patched.and_then(|copy| String::from_utf8(copy).ok())
}

/// Whether `token` is a JSON number a double holds whose size puts it where `serde_json`'s
/// rounding can overflow, and whether it is negative.
fn misread_by_serde_json(token: &str) -> Option<bool> {
    if !is_json_number(token) || token.len() < 4 {
        return None;
    }
    let value: f64 = token.parse().ok()?;
    (value.is_finite() && value.abs() > 1e307).then_some(value < 0.0)
}

/// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(token: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = token.strip_prefix('-').unwrap_or(token);
    let whole = digits(rest);
    if whole == 0 || (whole > 1 && rest.starts_with('0')) {
        return false;
    }
    let mut rest = rest.get(whole..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = digits(fraction);
        if count == 0 {
            return false;
        }
        rest = fraction.get(count..).unwrap_or_default();
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        let count = digits(exponent);
        return count > 0 && count == exponent.len();
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::{is_json_number, patch};

    #[test]
    fn the_json_number_grammar() {
        for good in ["0", "-0", "1.5", "1e308", "-1.7976931348623158E+308", "10"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in ["01", "1.", ".5", "1e", "--1", "1e+", "+1", "1.5.5", ""] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn only_large_finite_numbers_outside_strings_are_replaced() {
        let text = r#"{"a": 1.7976931348623158e308, "b": "1.7976931348623158e308", "c": -2e307, "d": 1e999, "e": 12}"#;
        let patched = patch(text).unwrap();
        assert_eq!(patched.len(), text.len());
        assert_eq!(
            patched,
            r#"{"a": 1.00000000000000000000, "b": "1.7976931348623158e308", "c": -1.000, "d": 1e999, "e": 12}"#
        );
        assert_eq!(patch(r#"{"a": 1e300, "b": 01e308}"#), None);
    }
}
