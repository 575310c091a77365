//! Byte offsets into lines and columns, in time linear in the input whatever the number of
//! findings: findings are placed in input order by one cursor that only moves forward.

use super::swar::{HIGHS, bytes_equal, word};

/// Places offsets of one text, given in ascending order: a [`StreamPlace`] moved forward
/// through the text.
pub(super) struct Cursor<'t> {
    text: &'t [u8],
    place: StreamPlace,
}

impl<'t> Cursor<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Cursor {
            text: text.as_bytes(),
            place: StreamPlace::default(),
        }
    }

    /// The line and character column of `target`; an offset before the last one asked
    /// for is placed at the last one. Past the end of the text, columns count bytes.
    pub(super) fn position(&mut self, target: usize) -> (usize, usize) {
        let end = target.min(self.text.len());
        let reached = usize::try_from(self.place.offset()).unwrap_or(usize::MAX);
        if let Some(passed) = self.text.get(reached..end) {
            self.place.advance(passed);
        }
        let (line, column) = self.place.position();
        (line, column + target.saturating_sub(end))
    }
}

/// The line and column reached in a text read forward, whole or in chunks.
#[derive(Debug, Default)]
pub(super) struct StreamPlace {
    offset: u64,
    /// Newlines passed.
    lines: usize,
    /// Characters since the last newline.
    columns: usize,
}

impl StreamPlace {
    pub(super) fn advance(&mut self, bytes: &[u8]) {
        self.offset += bytes.len() as u64;
        // Most bodies are on one line: the line is then known without looking for its start.
        let lines = newlines(bytes);
        let last = (lines > 0).then(|| bytes.iter().rposition(|&b| b == b'\n'));
        match last.flatten() {
            Some(last) => {
                self.lines += lines;
                self.columns = chars(bytes.get(last + 1..).unwrap_or_default());
            }
            None => self.columns += chars(bytes),
        }
    }

    pub(super) fn offset(&self) -> u64 {
        self.offset
    }

    /// The 1-based line and column reached.
    pub(super) fn position(&self) -> (usize, usize) {
        (self.lines + 1, self.columns + 1)
    }
}

/// How many bytes of `bytes` pass `test`, given `flags`, which sets the high bit of each byte
/// of a word that passes: eight at a time (a broken body is placed by counting up to its
/// break, which can be far into a long line).
fn count_bytes(bytes: &[u8], flags: impl Fn(u64) -> u64, test: impl Fn(u8) -> bool) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        count += flags(word(chunk)).count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| test(b)).count()
}

/// How many bytes of `bytes` are `\n`.
fn newlines(bytes: &[u8]) -> usize {
    count_bytes(bytes, |word| bytes_equal(word, b'\n'), |b| b == b'\n')
}

/// How many characters start in `bytes` (UTF-8 continuation bytes, `10xxxxxx`, do not start
/// one).
fn chars(bytes: &[u8]) -> usize {
    // A continuation byte has its high bit set and the next one clear.
    let continuations = count_bytes(
        bytes,
        |word| word & !(word << 1) & HIGHS,
        |b| b & 0xC0 == 0x80,
    );
    bytes.len() - continuations
}

/// `serde_json`'s message without the line and column it appends (the report places findings
/// itself).
pub(super) fn error_message(error: &serde_json::Error) -> String {
    let mut text = error.to_string();
    if error.line() > 0
        && let Some(at) = text.rfind(" at line ")
    {
        text.truncate(at);
    }
    text
}

/// The byte offset `serde_json`'s line and column point at.
pub(super) fn error_offset(text: &str, error: &serde_json::Error) -> usize {
    if error.is_eof() {
        return text.len();
    }
    let line_start = if error.line() <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(error.line() - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    // serde_json's column counts bytes up to and including the one it stopped at.
    (line_start + error.column().saturating_sub(1)).min(text.len())
}

/// The longest prefix of `input` that is UTF-8: positions are counted in characters there,
/// and in bytes past it.
pub(super) fn utf8_prefix(input: &[u8]) -> &str {
    match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(error) => input
            .get(..error.valid_up_to())
            .and_then(|valid| std::str::from_utf8(valid).ok())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Cursor, chars, newlines};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn counts_agree_with_byte_by_byte(bytes in prop::collection::vec(prop_oneof![
            Just(b'\n'), Just(0x0B), Just(0x8A), Just(0xC3), Just(0xA9), any::<u8>()
        ], 0..80)) {
            let naive = bytes.iter().filter(|&&b| b == b'\n');
            prop_assert_eq!(newlines(&bytes), naive.count());
            prop_assert_eq!(chars(&bytes), bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count());
        }
    }

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\né€x\n\nz";
        let mut cursor = Cursor::new(text);
        assert_eq!(cursor.position(0), (1, 1));
        assert_eq!(cursor.position(1), (1, 2));
        assert_eq!(cursor.position(3), (2, 1));
        // `é` is two bytes and `€` three: `x` is the third character of its line.
        assert_eq!(cursor.position(8), (2, 3));
        assert_eq!(cursor.position(8), (2, 3));
        assert_eq!(cursor.position(10), (3, 1));
        assert_eq!(cursor.position(11), (4, 1));
        assert_eq!(
            cursor.position(14),
            (4, 4),
            "past the end, columns count bytes"
        );
    }
}
