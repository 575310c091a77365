//! Where a value sits in a document: its JSON Pointer, and its byte offset once needed.

/// Where a value sits: a chain of segments from the root, each with the value's place when
/// it is known (keys written with escapes do not reveal their place).
pub(super) struct Path<'p> {
    pub parent: Option<&'p Path<'p>>,
    pub segment: Segment<'p>,
    pub at: Place,
}

/// What is known of a value's place; the exact offset is worked out only for a finding.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Value(usize),
    /// The value follows the key whose closing quote is at this offset.
    AfterKey(usize),
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
            let known = match path.at {
                Place::Value(at) => Some(at),
                Place::AfterKey(key_end) => value_offset(text, key_end),
                Place::Unknown => None,
            };
            match (known, path.parent) {
                (Some(at), _) => return at,
                (None, Some(parent)) => path = parent,
                (None, None) => return 0,
            }
        }
    }

    /// The RFC 6901 JSON Pointer of this value.
    pub(super) fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut path = Some(self);
        while let Some(node) = path {
            segments.push(&node.segment);
            path = node.parent;
        }
        let mut pointer = String::new();
        for segment in segments.iter().rev() {
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
}

/// Appends `/key` to a JSON Pointer, escaping `~` and `/` as RFC 6901 requires.
pub(super) fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
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

/// The offset of the first byte at or after `from` that is not JSON whitespace.
pub(super) fn skip_whitespace(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
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

/// The offset just past the string whose opening quote is at `at`.
pub(super) fn string_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    while let Some(step) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'"' || b == b'\\'))
    {
        i += step;
        if bytes.get(i) == Some(&b'"') {
            return i + 1;
        }
        i += 2;
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
    use super::{member_value_start, value_end};

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
