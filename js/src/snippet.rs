//! The text around a finding, for a page to show: a bounded window of its line, found in time
//! proportional to the window (a body is often one long line with many findings), made inert.

use serde::Serialize;
use tencentcloud_envelope::Diagnostic;
use tencentcloud_envelope::capture::Excerpt;

/// Bytes looked at on either side of the finding: enough for [`BEFORE`] and [`AFTER`]
/// characters of up to 4 bytes each.
const REACH: usize = 512;
/// Characters shown before the finding.
const BEFORE: usize = 40;
/// Characters shown from the finding on.
const AFTER: usize = 60;
/// Marks a cut end.
const CUT: &str = "…";

/// A finding's place in the capture file and the text around it.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The line in the file (in a HAR entry's body, the body's own line), from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// The text before the finding on its line, `…` first where it was cut.
    pub before: String,
    /// The character the finding points at; empty at the end of a line.
    pub at: String,
    /// The rest of the window, `…` last where it was cut.
    pub after: String,
}

/// Whether `c` would act on the text around it when shown: a control character, a
/// bidirectional mark or override, or an invisible one.
fn is_active(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        || matches!(c, '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// `bytes` decoded (invalid UTF-8 as U+FFFD), active characters written as `\u{..}`, tabs as
/// a space.
fn inert(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| match c {
            '\t' => " ".to_owned(),
            c if is_active(c) => format!("\\u{{{:x}}}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// Whether `byte` continues a UTF-8 character.
fn continues(byte: Option<&u8>) -> bool {
    byte.is_some_and(|b| b & 0xc0 == 0x80)
}

impl Snippet {
    /// The snippet of `diagnostic` in `excerpt`; `None` for a finding about the headers
    /// (line 0), which has no place in the body.
    pub fn of(excerpt: &Excerpt<'_>, diagnostic: &Diagnostic) -> Option<Snippet> {
        if diagnostic.line() == 0 {
            return None;
        }
        let text = excerpt.text;
        let at = excerpt
            .body_at
            .saturating_add(diagnostic.offset())
            .min(text.len());
        // A window of whole characters around `at`.
        let mut low = at.saturating_sub(REACH);
        while low < at && continues(text.get(low)) {
            low += 1;
        }
        let mut high = at.saturating_add(REACH).min(text.len());
        while high > at && continues(text.get(high)) {
            high -= 1;
        }
        let before = text.get(low..at).unwrap_or_default();
        let after = text.get(at..high).unwrap_or_default();
        let (before, mut cut_before) = match before.iter().rposition(|&b| b == b'\n') {
            Some(newline) => (before.get(newline + 1..).unwrap_or_default(), false),
            None => (before, low > 0),
        };
        let (after, mut cut_after) = match after.iter().position(|&b| b == b'\n') {
            Some(newline) => (after.get(..newline).unwrap_or_default(), false),
            None => (after, high < text.len()),
        };
        let after = after.strip_suffix(b"\r").unwrap_or(after);

        let mut before = inert(before);
        if before.len() > BEFORE {
            before.drain(..before.len() - BEFORE);
            cut_before = true;
        }
        let mut after = inert(after);
        if after.len() > AFTER {
            after.truncate(AFTER);
            cut_after = true;
        }
        let mut after = after.into_iter();
        let at = after.next().unwrap_or_default();
        let before = if cut_before { CUT } else { "" }.to_owned() + &before.concat();
        let after = after.collect::<String>() + if cut_after { CUT } else { "" };

        let line = excerpt.line + diagnostic.line() - 1;
        let column = if diagnostic.line() == 1 {
            diagnostic.column() + excerpt.column_shift
        } else {
            diagnostic.column()
        };
        Some(Snippet {
            line,
            column,
            before,
            at,
            after,
        })
    }
}

#[cfg(test)]
mod tests {
    use tencentcloud_envelope::{Rule, validate};

    use super::*;

    fn first(body: &[u8]) -> Snippet {
        let report = validate(body);
        let diagnostic = &report.diagnostics()[0];
        Snippet::of(&Excerpt::plain(1, body), diagnostic).unwrap()
    }

    #[test]
    fn a_finding_on_a_later_line_shows_that_line_only() {
        let body = b"{\"Response\": {\n  \"RequestId\": 7\n}}";
        let report = validate(body);
        assert_eq!(report.diagnostics()[0].rule(), Rule::InvalidRequestId);
        let snippet = first(body);
        assert_eq!((snippet.line, snippet.column), (2, 16));
        assert_eq!(
            (
                snippet.before.as_str(),
                snippet.at.as_str(),
                snippet.after.as_str()
            ),
            ("  \"RequestId\": ", "7", "")
        );
    }

    #[test]
    fn a_long_line_is_cut_on_both_sides_and_stays_whole_characters() {
        let mut body = b"{\"Response\": {\"Pad\": \"".to_vec();
        body.extend("é".repeat(400).as_bytes());
        body.extend(b"\", \"RequestId\": 7, \"More\": \"");
        body.extend("字".repeat(400).as_bytes());
        body.extend(b"\"}}");
        let snippet = first(&body);
        assert_eq!(snippet.at, "7");
        assert!(snippet.before.starts_with(CUT) && snippet.before.ends_with("\"RequestId\": "));
        assert_eq!(snippet.before.chars().count(), BEFORE + 1);
        assert!(snippet.after.ends_with(CUT));
        assert_eq!(snippet.after.chars().count(), AFTER);
        assert!(!snippet.before.contains('\u{fffd}') && !snippet.after.contains('\u{fffd}'));
    }

    #[test]
    fn active_characters_are_shown_inert() {
        let body = "{\"Response\": {\"A\u{202e}\u{1b}\": 1, \"RequestId\": 7}}".as_bytes();
        let snippet = first(body);
        let shown = [&snippet.before, &snippet.at, &snippet.after];
        assert!(
            shown.iter().all(|part| !part.chars().any(is_active)),
            "{snippet:?}"
        );
        assert!(
            shown
                .map(String::as_str)
                .concat()
                .contains("A\\u{202e}\\u{1b}\":")
        );
    }

    #[test]
    fn a_column_on_the_first_line_counts_what_precedes_the_body() {
        let line = br#"{"service": "cvm", "response": {"Response": {"RequestId": 7}}}"#;
        let body_at = 31;
        let body = &line[body_at..line.len() - 1];
        assert!(body.starts_with(b"{\"Response\""));
        let report = validate(body);
        let mut excerpt = Excerpt::plain(3, line);
        excerpt.body_at = body_at;
        excerpt.column_shift = body_at;
        let snippet = Snippet::of(&excerpt, &report.diagnostics()[0]).unwrap();
        assert_eq!((snippet.line, snippet.at.as_str()), (3, "7"));
        assert_eq!(snippet.column, body_at + report.diagnostics()[0].column());
        // The last characters of the line before the finding, cut.
        let before = std::str::from_utf8(&line[..line.len() - 4]).unwrap();
        let kept: String = before
            .chars()
            .skip(before.chars().count() - BEFORE)
            .collect();
        assert_eq!(snippet.before, format!("{CUT}{kept}"));
    }
}
