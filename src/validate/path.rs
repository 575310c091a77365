//! Where a value sits in a document: its JSON Pointer, and its byte offset once needed.

use std::cell::Cell;
use std::ops::Range;

use super::swar::{has_byte, word};
use crate::text::quoted;

/// Where a value sits: a chain of segments from the root, each with the value's place when
/// it is known (keys written with escapes do not reveal their place).
pub(super) struct Path<'p> {
    pub parent: Option<&'p Path<'p>>,
    pub segment: Segment<'p>,
    pub at: Place,
    /// For an array: the last element located in it, as `(index, offset)`, so that placing
    /// findings in element after element scans the array's text once, not once per finding.
    pub located: Cell<Option<(usize, usize)>>,
}

/// What is known of a value's place; the exact offset is worked out only for a finding.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Value(usize),
    /// The value follows the key whose closing quote is at this offset.
    AfterKey(usize),
    /// The value is this element of the array that is the path's parent.
    Element(usize),
    Unknown,
}

pub(super) enum Segment<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl Path<'_> {
    /// The offset of this value, or of the nearest enclosing value whose place is known.
    pub(super) fn offset(&self, text: &str) -> usize {
        let mut path = self;
        loop {
            match (path.exact_offset(text), path.parent) {
                (Some(at), _) => return at,
                (None, Some(parent)) => path = parent,
                (None, None) => return 0,
            }
        }
    }

    /// The offset of this value, when its place is known.
    fn exact_offset(&self, text: &str) -> Option<usize> {
        match self.at {
            Place::Value(at) => Some(at),
            Place::AfterKey(key_end) => value_offset(text, key_end),
            Place::Element(index) => self.parent?.element_offset(text, index),
            Place::Unknown => None,
        }
    }

    /// The offset of element `index` of this array, scanning on from the last element
    /// located in it (elements are visited in order, so each is scanned past once).
    fn element_offset(&self, text: &str, index: usize) -> Option<usize> {
        let (mut at_index, mut at) = match self.located.get() {
            Some((seen, at)) if seen <= index => (seen, at),
            _ => {
                let open = self.exact_offset(text)?;
                if text.as_bytes().get(open) != Some(&b'[') {
                    return None;
                }
                (0, skip_whitespace(text, open + 1))
            }
        };
        while at_index < index {
            let end = skip_value(text, at)?;
            let comma = skip_whitespace(text, end);
            if text.as_bytes().get(comma) != Some(&b',') {
                return None;
            }
            at = skip_whitespace(text, comma + 1);
            at_index += 1;
        }
        self.located.set(Some((index, at)));
        Some(at)
    }

    /// The RFC 6901 JSON Pointer of this value.
    pub(super) fn pointer(&self) -> String {
        pointer_of(&self.segments())
    }

    /// The segments from the root to this value; the root's is the first.
    pub(super) fn segments(&self) -> Vec<&Segment<'_>> {
        let mut segments = Vec::new();
        let mut path = Some(self);
        while let Some(node) = path {
            segments.push(&node.segment);
            path = node.parent;
        }
        segments.reverse();
        segments
    }
}

/// The JSON Pointer that `segments` spell, relative to where they start.
pub(super) fn pointer_of(segments: &[&Segment]) -> String {
    let mut pointer = String::new();
    for segment in segments {
        match segment {
            Segment::Root => {}
            Segment::Key(key) => push_key(&mut pointer, key),
            Segment::Index(index) => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
    pointer
}

/// Appends `/key` to a JSON Pointer, escaping `~` and `/` as RFC 6901 requires.
pub(super) fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in quoted(key).chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The pointer of member `key` of the object at `path`.
pub(super) fn member_pointer(path: &Path, key: &str) -> String {
    let mut pointer = path.pointer();
    push_key(&mut pointer, key);
    pointer
}

/// The offset of the value whose key's closing quote is at `key_end`.
pub(super) fn value_offset(text: &str, key_end: usize) -> Option<usize> {
    let after_quote = key_end + 1;
    let colon = skip_whitespace(text, after_quote);
    (text.as_bytes().get(colon) == Some(&b':')).then(|| skip_whitespace(text, colon + 1))
}

/// The offset just past the JSON value starting at `at`, in text already known to parse.
fn skip_value(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut i = at;
    loop {
        let b = *bytes.get(i)?;
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
}

/// The offset of the first byte at or after `from` that is not JSON whitespace.
pub(super) fn skip_whitespace(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Places the values of an object's members exactly, for the readers that hand payload text
/// on. A value starts after its key; it ends where the next key's comma begins, found by
/// stepping back from that key, so only a last member (or one before a key written with
/// escapes, whose place is unknown) is scanned for its end.
pub(super) struct MemberSpans {
    /// Where the object's first member is looked for.
    first: usize,
    /// The start of the last value, whose end is not known yet.
    open: Option<usize>,
}

impl MemberSpans {
    /// The members of the object that starts (at its `{`) at `object`.
    pub(super) fn new(object: usize) -> Self {
        MemberSpans {
            first: object + 1,
            open: None,
        }
    }

    /// The start of the next member's value, given where its key's text starts when known;
    /// and the span of the member before it.
    pub(super) fn next(
        &mut self,
        text: &str,
        key_at: Option<usize>,
        key_len: usize,
    ) -> (Option<Range<usize>>, usize) {
        let previous = self.open.take().map(|start| {
            let end = match key_at {
                Some(key) => end_before(text, key.saturating_sub(1)),
                None => value_end(text, start),
            };
            start..end
        });
        let start = match key_at.and_then(|key| value_offset(text, key + key_len)) {
            Some(start) => start,
            None => member_value_start(text, previous.as_ref().map_or(self.first, |span| span.end)),
        };
        self.open = Some(start);
        (previous, start)
    }

    /// The span of the last member, once the object has ended.
    pub(super) fn finish(&mut self, text: &str) -> Option<Range<usize>> {
        self.open.take().map(|start| start..value_end(text, start))
    }
}

/// The end of the value before the comma that precedes the key whose quote is at `quote`.
fn end_before(text: &str, quote: usize) -> usize {
    let bytes = text.as_bytes();
    let back = |mut at: usize| {
        while at > 0 && matches!(bytes.get(at - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            at -= 1;
        }
        at
    };
    let comma = back(quote);
    back(comma.saturating_sub(1))
}

/// The offset where the value of the member after `from` starts: past any whitespace and
/// comma, the key, and the colon. The walk has read that member, so its syntax is valid.
pub(super) fn member_value_start(text: &str, from: usize) -> usize {
    let mut at = skip_whitespace(text, from);
    if text.as_bytes().get(at) == Some(&b',') {
        at = skip_whitespace(text, at + 1);
    }
    let colon = skip_whitespace(text, string_end(text, at));
    skip_whitespace(text, colon + 1)
}

/// The offset just past the string whose opening quote is at `at`, which the walk has read
/// whole (so its escapes are well formed): eight bytes at a time, stepping over each escape
/// without leaving the loop. Measured on a documentation example's 56 KB string with an
/// escape every ten bytes: a search call per escape cost several times as much.
pub(super) fn string_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = word(chunk);
        let stop = has_byte(word, b'"') | has_byte(word, b'\\');
        if stop == 0 {
            i += 8;
            continue;
        }
        i += (stop.trailing_zeros() / 8) as usize;
        if bytes.get(i) == Some(&b'"') {
            return i + 1;
        }
        // A backslash and the byte it escapes.
        i += 2;
    }
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'"' => return i + 1,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The offset just past the value that starts at `at`, which the walk has read whole.
pub(super) fn value_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = string_end(text, i);
                if depth == 0 {
                    return i;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' | b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return i,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{member_value_start, string_end, value_end};

    /// The end of a string, found one byte at a time.
    fn naive_string_end(text: &str, at: usize) -> usize {
        let mut escaped = false;
        for (i, b) in text.bytes().enumerate().skip(at + 1) {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => return i + 1,
                _ => {}
            }
        }
        text.len()
    }

    proptest! {
        /// Eight bytes at a time finds the same end as one at a time, wherever the quotes and
        /// escapes fall across the words.
        #[test]
        fn string_ends_agree(body in "[a\"\\\\é]{0,40}", lead in 0usize..9) {
            let text = format!("{}\"{body}", " ".repeat(lead));
            prop_assert_eq!(string_end(&text, lead), naive_string_end(&text, lead));
        }
    }

    #[test]
    fn value_spans() {
        let text = r#"{"a" : [1, {"b": "}\""}] , "c\"d":-1.5e3}"#;
        let first = member_value_start(text, 1);
        let end = value_end(text, first);
        assert_eq!(&text[first..end], r#"[1, {"b": "}\""}]"#);
        let second = member_value_start(text, end);
        assert_eq!(&text[second..value_end(text, second)], "-1.5e3");
    }
}
