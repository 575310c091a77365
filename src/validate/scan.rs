//! The fast path for the common body: one forward pass over the bytes that accepts exactly
//! the well-formed envelopes that draw no finding (or only the one a request id that is no UUID
//! draws, which it makes itself), and the bodies that break as JSON before anything in them draws
//! one; it gives up on anything else.
//!
//! Most responses are a clean success or a clean failure. For them, `serde_json`'s visitor
//! machinery and the walk's bookkeeping (paths, key sets, spans found again by stepping back
//! through the text) cost more than reading the bytes. This scanner reads the same grammar as
//! `serde_json` (whitespace, literals, numbers, strings with their escapes and control
//! characters, nesting depth, trailing characters) and the envelope's rules, and records the
//! envelope's parts as it goes, when the walk would. Where the text breaks, it names the break
//! in `serde_json`'s words and at its place (`Break`), or, inside a number, has `syntax` find
//! it. Whatever else is unusual, any finding, a key or a fixed member written with escapes, a
//! surrogate escape, a number near the edge of a double, makes it answer `None`, and the walk
//! reads the body instead, so that every diagnostic stays the walk's own. Exact agreement with
//! the walk is held by `agrees_with_walk`, which the property tests and the `fast_path` fuzz
//! target drive.

use std::borrow::Cow;

use super::envelope_rules::{
    Member, Parts, Role, closing_faults, code_fault, message_fault, note_request_id, too_deep,
};
use super::finding::Findings;
use super::key_stack::{KeyStack, Keys};
use super::swar::{ONES, has_byte, has_byte_below, word};
use super::uuid::is_uuid;
use super::walk::{Context, Walked};
use crate::grammar::{is_reserved_key, names};

/// Reads `text` when it is a clean envelope (its request id aside), or one broken before
/// anything else in it drew a finding; `None` sends it to the walk.
pub(super) fn scan<'a>(text: &'a str, context: Context<'a>) -> Option<Walked<'a>> {
    if context.schema.is_some() {
        return None;
    }
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        limit: context.nesting_limit,
        keys: KeyStack::new(),
        stop: None,
        odd_id: None,
    };
    let mut envelope = Envelope {
        capture: context.capture,
        service: context.service,
        parts: Parts::default(),
    };
    envelope.parts.syntax_error = match scanner.root(&mut envelope) {
        Some(()) => None,
        // What the scanner read before the break is what the walk reads, and where the break
        // is and how `serde_json` words it are the walk's too: the scanner's own word where it
        // has one, `serde_json`'s (found again) where it has not.
        None => match scanner.stop? {
            Stop::Unusual => return None,
            // Where a finding precedes the break, the walk orders them.
            Stop::Broken(..) if scanner.odd_id.is_some() => return None,
            Stop::Broken(_, Break::InsideNumber) => {
                Some(super::syntax::first_error(text, context.nesting_limit)?)
            }
            Stop::Broken(offset, broken) => Some((offset, broken.message()?.to_owned())),
        },
    };
    let mut findings = Findings::new(context.budget);
    if let Some((offset, id)) = scanner.odd_id
        && !note_request_id(&mut findings, id, offset)
    {
        return None;
    }
    Some(Walked {
        findings,
        parts: envelope.parts,
    })
}

/// The envelope's parts, as the scanner meets them: each is set when the walk would set it,
/// so that a body broken halfway has the same parts either way.
struct Envelope<'a> {
    /// Whether to keep the payload members' text.
    capture: bool,
    service: Option<&'a str>,
    /// Set as the walk sets them; `failed` once the `Error` object was read to its end.
    parts: Parts<'a>,
}

impl<'a> Envelope<'a> {
    /// Keeps the text of a member of `Response`, gathered with the payload.
    #[inline]
    fn keep(&mut self, (key, text): (&'a str, &'a str)) {
        match key {
            names::REQUEST_ID => self.parts.request_id_text = Some(text),
            names::ERROR => {}
            _ => {
                let payload = &mut self.parts.payload;
                if payload.capacity() == 0 {
                    // Room for a typical payload at once, rather than growing by steps.
                    *payload = Vec::with_capacity(8);
                }
                payload.push((Cow::Borrowed(key), text));
            }
        }
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    limit: usize,
    /// The keys of the objects open, innermost last (see `Keys`).
    keys: KeyStack<'a>,
    /// Why the scanner stopped short, once it has; when it stops without saying why, the
    /// walk reads the body.
    stop: Option<Stop>,
    /// A request id that is no UUID (placeholders are common in documentation and tests), and
    /// where its value starts: the one finding the scanner makes itself.
    odd_id: Option<(usize, &'a str)>,
}

/// Why the scanner stopped short of the end.
#[derive(Debug, Clone, Copy)]
enum Stop {
    /// Something other than broken JSON: what the scanner cannot judge, or what draws a
    /// finding. The walk reads the body.
    Unusual,
    /// The text broke: where the walk places the break, and what `serde_json` calls it.
    Broken(usize, Break),
}

/// The ways `serde_json` says a text is broken that the scanner tells apart, each where
/// `serde_json` meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
enum Break {
    /// A break inside a number, which `serde_json` words in several ways and places by its
    /// own reading of the digits: left to `syntax::first_error`.
    InsideNumber,
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    TrailingComma,
    TrailingCharacters,
}

impl Break {
    /// `serde_json`'s words for it (its `ErrorCode`'s display), when the scanner knows them.
    fn message(self) -> Option<&'static str> {
        Some(match self {
            Break::InsideNumber => return None,
            Break::EofWhileParsingList => "EOF while parsing a list",
            Break::EofWhileParsingObject => "EOF while parsing an object",
            Break::EofWhileParsingString => "EOF while parsing a string",
            Break::EofWhileParsingValue => "EOF while parsing a value",
            Break::ExpectedColon => "expected `:`",
            Break::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Break::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Break::ExpectedSomeIdent => "expected ident",
            Break::ExpectedSomeValue => "expected value",
            Break::InvalidEscape => "invalid escape",
            Break::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            Break::KeyMustBeAString => "key must be a string",
            Break::TrailingComma => "trailing comma",
            Break::TrailingCharacters => "trailing characters",
        })
    }

    /// Whether it is a break at the end of the text, which the walk places there.
    fn at_end(self) -> bool {
        matches!(
            self,
            Break::EofWhileParsingList
                | Break::EofWhileParsingObject
                | Break::EofWhileParsingString
                | Break::EofWhileParsingValue
        )
    }
}

/// Whether `byte` ends the plain run of a string: the quote, the backslash and the control
/// characters `serde_json` refuses.
fn stops_string(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// How many bytes of `rest` come before the first that stops a string's plain run: eight at
/// a time, then one by one.
fn plain_run(rest: &[u8]) -> usize {
    let mut chunks = rest.chunks_exact(8);
    let mut run = 0;
    for chunk in &mut chunks {
        let word = word(chunk);
        let stop = has_byte(word, b'"') | has_byte(word, b'\\') | has_byte_below(word, 0x20);
        if stop != 0 {
            return run + (stop.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    for &byte in chunks.remainder() {
        if stops_string(byte) {
            return run;
        }
        run += 1;
    }
    run
}

impl<'a> Scanner<'a> {
    /// Gives up on a body that is not simply broken JSON: the walk reads it.
    #[cold]
    fn unusual<T>(&mut self) -> Option<T> {
        self.stop = Some(Stop::Unusual);
        None
    }

    /// Stops at a break `serde_json` finds looking at the next byte (at the end of the text,
    /// for a break at the end).
    #[cold]
    fn broke<T>(&mut self, broken: Break) -> Option<T> {
        self.broke_after(self.at + 1, broken)
    }

    /// Stops at a break `serde_json` finds once it has read the bytes before `read`: the walk
    /// places it on the last of them, or past it when that is a line break (its column 0).
    #[cold]
    fn broke_after<T>(&mut self, read: usize, broken: Break) -> Option<T> {
        let offset = if broken.at_end() {
            self.bytes.len()
        } else if self.bytes.get(read.wrapping_sub(1)) == Some(&b'\n') {
            read
        } else {
            read.saturating_sub(1)
        };
        self.stop = Some(Stop::Broken(offset.min(self.bytes.len()), broken));
        None
    }

    /// The whole body: an object whose only member is `Response`.
    fn root(&mut self, envelope: &mut Envelope<'a>) -> Option<()> {
        self.whitespace();
        if self.peek() != Some(b'{') {
            return self.unusual();
        }
        self.at += 1;
        self.whitespace();
        // An empty root lacks `Response`, a finding even when broken text follows.
        if self.peek() != Some(b'"') || self.key()? != names::RESPONSE {
            return self.unusual();
        }
        self.colon()?;
        if self.peek() != Some(b'{') {
            return self.unusual();
        }
        self.at += 1;
        self.response(envelope)?;
        // The root has no other member.
        if self.more_members()? {
            return self.unusual();
        }
        self.whitespace();
        if self.at != self.bytes.len() {
            return self.broke(Break::TrailingCharacters);
        }
        Some(())
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips whitespace; a run of spaces (indentation) is measured eight bytes at a time.
    #[inline]
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
            while let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
                let other = word(chunk) ^ (ONES * u64::from(b' '));
                if other != 0 {
                    self.at += (other.trailing_zeros() / 8) as usize;
                    break;
                }
                self.at += 8;
            }
        }
    }

    /// The colon after a key, and the whitespace around it.
    #[allow(
        clippy::inline_always,
        reason = "measured: as a call, small bodies cost 1.6% more instructions"
    )]
    #[inline(always)]
    fn colon(&mut self) -> Option<()> {
        if self.peek() != Some(b':') {
            self.whitespace();
            match self.peek() {
                Some(b':') => {}
                Some(_) => return self.broke(Break::ExpectedColon),
                None => return self.broke(Break::EofWhileParsingObject),
            }
        }
        self.at += 1;
        self.whitespace();
        Some(())
    }

    /// A string whose opening quote is the next byte: where its text starts (it ends before
    /// the closing quote, just read), and whether it has escapes.
    #[allow(
        clippy::inline_always,
        reason = "measured: inlined at each call site, a short string costs a sixth less"
    )]
    #[inline(always)]
    fn string(&mut self) -> Option<(usize, bool)> {
        if self.peek() != Some(b'"') {
            return self.unusual();
        }
        self.at += 1;
        let start = self.at;
        let mut escaped = false;
        loop {
            self.at += plain_run(self.bytes.get(self.at..).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Some((start, escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                Some(_) => {
                    return self.broke(Break::ControlCharacterWhileParsingString);
                }
                None => return self.broke(Break::EofWhileParsingString),
            }
        }
    }

    /// The text of the string just read, from `start`, without its closing quote.
    fn text_from(&mut self, start: usize) -> Option<&'a str> {
        self.text_between(start, self.at.saturating_sub(1))
    }

    /// The text from `start` to `end`, which lie between characters wherever the scanner
    /// calls this; if not, the walk reads the body.
    fn text_between(&mut self, start: usize, end: usize) -> Option<&'a str> {
        match self.text.get(start..end) {
            Some(text) => Some(text),
            None => self.unusual(),
        }
    }

    /// An escape, from its backslash. Surrogate escapes, which must pair up, are left to the
    /// walk.
    #[inline(never)]
    fn escape(&mut self) -> Option<()> {
        match self.bytes.get(self.at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.at += 2,
            Some(b'u') => {
                let Some(digits) = self.bytes.get(self.at + 2..self.at + 6) else {
                    return self.broke_after(self.bytes.len(), Break::EofWhileParsingString);
                };
                let mut unit = 0u32;
                for &digit in digits {
                    let Some(value) = char::from(digit).to_digit(16) else {
                        return self.broke_after(self.at + 6, Break::InvalidEscape);
                    };
                    unit = unit * 16 + value;
                }
                if (0xD800..=0xDFFF).contains(&unit) {
                    return self.unusual();
                }
                self.at += 6;
            }
            Some(_) => return self.broke_after(self.at + 2, Break::InvalidEscape),
            None => return self.broke_after(self.bytes.len(), Break::EofWhileParsingString),
        }
        Some(())
    }

    /// A key without escapes, as text; one that `serde_json` reserves is left to the walk.
    #[allow(
        clippy::inline_always,
        reason = "measured: as a call, small bodies cost 3.5% more instructions"
    )]
    #[inline(always)]
    fn key(&mut self) -> Option<&'a str> {
        let (start, escaped) = self.string()?;
        if escaped {
            return self.unusual();
        }
        let key = self.text_from(start)?;
        if key.starts_with('$') && is_reserved_key(key) {
            return self.unusual();
        }
        Some(key)
    }

    /// The text of a fixed member's string value without escapes, quotes excluded.
    #[inline]
    fn plain_string(&mut self) -> Option<&'a str> {
        if self.peek() != Some(b'"') {
            return self.unusual();
        }
        let (start, escaped) = self.string()?;
        if escaped {
            return self.unusual();
        }
        self.text_from(start)
    }

    /// The value of `RequestId`, a UUID. A UUID has no character that ends a string's plain
    /// run, so one followed by a quote is the whole string, checked once. Any other string
    /// without escapes is noted, at `start`, for its finding.
    fn request_id(&mut self, start: usize) -> Option<&'a str> {
        let quoted = self.peek() == Some(b'"') && self.bytes.get(self.at + 37) == Some(&b'"');
        if quoted
            && let Some(id) = self.text.get(self.at + 1..self.at + 37)
            && is_uuid(id)
        {
            self.at += 38;
            return Some(id);
        }
        let id = self.plain_string()?;
        if !is_uuid(id) {
            self.odd_id = Some((start, id));
        }
        Some(id)
    }

    /// A fixed member's string value, its escapes decoded by `serde_json` itself.
    fn string_value(&mut self) -> Option<Cow<'a, str>> {
        let quote = self.at;
        if self.peek() != Some(b'"') {
            return self.unusual();
        }
        let (start, escaped) = self.string()?;
        if escaped {
            let quoted = self.text_between(quote, self.at)?;
            match serde_json::from_str::<String>(quoted) {
                Ok(text) => Some(Cow::Owned(text)),
                Err(_) => self.unusual(),
            }
        } else {
            self.text_from(start).map(Cow::Borrowed)
        }
    }

    /// The members of `Response`, from after its `{` to after its `}`.
    fn response(&mut self, envelope: &mut Envelope<'a>) -> Option<()> {
        if too_deep(Role::Response.depth(), self.limit) {
            return self.unusual();
        }
        // An empty `Response` lacks `RequestId`.
        if self.empty_object()? {
            return self.unusual();
        }
        let mut keys = Keys::new(&self.keys);
        let mut members = 0usize;
        // The member read last, whose text the walk keeps once the next key or the end of
        // `Response` has been read.
        let mut last = None;
        loop {
            let key = self.member_key(&mut keys)?;
            if let Some(member) = last.take() {
                envelope.keep(member);
            }
            self.colon()?;
            let start = self.at;
            match key {
                names::REQUEST_ID => {
                    envelope.parts.request_id = Some(Cow::Borrowed(self.request_id(start)?));
                    envelope.parts.request_id_offset = start;
                }
                names::ERROR => {
                    if self.peek() != Some(b'{') {
                        return self.unusual();
                    }
                    self.at += 1;
                    self.error(envelope)?;
                    envelope.parts.failed = true;
                    // A failure carries no payload: the walk reports one.
                    if members > 0 {
                        return self.unusual();
                    }
                }
                // A payload member of a failure (`error-with-payload`), a misspelt fixed
                // member or `DeprecatedWarning` (a note): each draws a finding.
                _ if envelope.parts.failed || Role::Response.member(key) != Member::Other => {
                    return self.unusual();
                }
                _ => {
                    self.value(Role::Response.depth() + 1)?;
                    members += 1;
                }
            }
            if envelope.capture {
                last = Some((key, self.text_between(start, self.at)?));
            }
            if !self.more_members()? {
                break;
            }
        }
        if let Some(member) = last {
            envelope.keep(member);
        }
        keys.close(&mut self.keys);
        let present = [envelope.parts.request_id.is_some(), envelope.parts.failed];
        let failure_with_payload = envelope.parts.failed && members > 0;
        if closing_faults(Role::Response, present, failure_with_payload)
            .next()
            .is_some()
        {
            return self.unusual();
        }
        Some(())
    }

    /// From after an object's `{`: true, past its `}`, when the object is empty.
    #[inline]
    fn empty_object(&mut self) -> Option<bool> {
        self.whitespace();
        match self.peek() {
            Some(b'}') => {
                self.at += 1;
                Some(true)
            }
            Some(_) => Some(false),
            None => self.broke(Break::EofWhileParsingObject),
        }
    }

    /// A member's key, up to its closing quote: the first of an object found not empty, or
    /// one after a `,`. `None` for a key the object already has.
    #[allow(
        clippy::inline_always,
        reason = "measured: as a call, it cost small bodies 1% more instructions"
    )]
    #[inline(always)]
    fn member_key(&mut self, keys: &mut Keys<'a>) -> Option<&'a str> {
        self.whitespace();
        match self.peek() {
            Some(b'"') => {}
            // Only after a `,`: the first member's place was checked by `empty_object`.
            Some(b'}') => return self.broke(Break::TrailingComma),
            Some(_) => return self.broke(Break::KeyMustBeAString),
            None => return self.broke(Break::EofWhileParsingValue),
        }
        let key = self.key()?;
        if keys.insert(&mut self.keys, key) {
            return self.unusual();
        }
        Some(key)
    }

    /// After an object's member: true at a `,` (another member follows), false after the
    /// object's `}`.
    #[inline]
    fn more_members(&mut self) -> Option<bool> {
        self.whitespace();
        let more = match self.peek() {
            Some(b',') => true,
            Some(b'}') => false,
            Some(_) => return self.broke(Break::ExpectedObjectCommaOrEnd),
            None => return self.broke(Break::EofWhileParsingObject),
        };
        self.at += 1;
        Some(more)
    }

    /// The members of `Error`, from after its `{` to after its `}`: `Code` and `Message`.
    fn error(&mut self, envelope: &mut Envelope<'a>) -> Option<()> {
        if too_deep(Role::Error.depth(), self.limit) {
            return self.unusual();
        }
        // An empty `Error` lacks `Code` and `Message`.
        if self.empty_object()? {
            return self.unusual();
        }
        let mut keys = Keys::new(&self.keys);
        loop {
            let key = self.member_key(&mut keys)?;
            self.colon()?;
            match key {
                names::CODE => {
                    let text = self.plain_string()?;
                    if code_fault(text, envelope.service).is_some() {
                        return self.unusual();
                    }
                    envelope.parts.code = Some(Cow::Borrowed(text));
                }
                names::MESSAGE => {
                    let text = self.string_value()?;
                    if message_fault(&text).is_some() {
                        return self.unusual();
                    }
                    envelope.parts.message = Some(text);
                }
                _ if Role::Error.member(key) != Member::Other => return self.unusual(),
                _ => self.value(Role::Error.depth() + 1)?,
            }
            if !self.more_members()? {
                break;
            }
        }
        keys.close(&mut self.keys);
        let present = [
            envelope.parts.code.is_some(),
            envelope.parts.message.is_some(),
        ];
        if closing_faults(Role::Error, present, false).next().is_some() {
            return self.unusual();
        }
        Some(())
    }

    /// Any value at `depth` (the root is 1), whose rules are its syntax and its keys'.
    fn value(&mut self, depth: usize) -> Option<()> {
        let Some(next) = self.peek() else {
            return self.broke(Break::EofWhileParsingValue);
        };
        match next {
            b'{' => {
                if too_deep(depth, self.limit) {
                    return self.unusual();
                }
                self.at += 1;
                self.object(depth)
            }
            b'[' => {
                if too_deep(depth, self.limit) {
                    return self.unusual();
                }
                self.at += 1;
                self.array(depth)
            }
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => self.broke(Break::ExpectedSomeValue),
        }
    }

    /// `true`, `false` or `null`, whose first letter is the next byte.
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        for (at, &expected) in (self.at..).zip(word) {
            match self.bytes.get(at) {
                Some(&byte) if byte == expected => {}
                Some(_) => return self.broke_after(at + 1, Break::ExpectedSomeIdent),
                None => return self.broke(Break::EofWhileParsingValue),
            }
        }
        self.at += word.len();
        Some(())
    }

    /// An object's members, from after its `{` to after its `}`.
    fn object(&mut self, depth: usize) -> Option<()> {
        if self.empty_object()? {
            return Some(());
        }
        let mut keys = Keys::new(&self.keys);
        loop {
            self.member_key(&mut keys)?;
            self.colon()?;
            self.value(depth + 1)?;
            if !self.more_members()? {
                keys.close(&mut self.keys);
                return Some(());
            }
        }
    }

    /// An array's elements, from after its `[` to after its `]`.
    fn array(&mut self, depth: usize) -> Option<()> {
        self.whitespace();
        match self.peek() {
            Some(b']') => {
                self.at += 1;
                return Some(());
            }
            Some(_) => {}
            None => return self.broke(Break::EofWhileParsingList),
        }
        loop {
            self.value(depth + 1)?;
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                    match self.peek() {
                        Some(b']') => return self.broke(Break::TrailingComma),
                        Some(_) => {}
                        None => return self.broke(Break::EofWhileParsingValue),
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Some(());
                }
                Some(_) => return self.broke(Break::ExpectedListCommaOrEnd),
                None => return self.broke(Break::EofWhileParsingList),
            }
        }
    }

    /// A number in JSON's grammar, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. One with
    /// an exponent or hundreds of digits is held to a double's range with a margin: near its
    /// edge `serde_json` rounds differently from the standard library (see `numbers`).
    fn number(&mut self) -> Option<()> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            // A digit after a leading zero breaks the number itself, as `serde_json` sees it.
            Some(b'0') if matches!(self.bytes.get(self.at + 1), Some(b'0'..=b'9')) => {
                return self.broke(Break::InsideNumber);
            }
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.broke(Break::InsideNumber),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        let mut exponent = false;
        if let Some(b'e' | b'E') = self.peek() {
            exponent = true;
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.some_digits()?;
        }
        if exponent || self.at - start > 300 {
            let value = self.text_between(start, self.at)?.parse::<f64>();
            if value.map_or(true, |value| value.abs() > 1e300) {
                return self.unusual();
            }
        }
        Some(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    /// At least one digit.
    fn some_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.digits();
        if self.at == start {
            return self.broke(Break::InsideNumber);
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::{Break, Context, scan};
    use crate::Validator;

    const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

    /// A body for each break, met after a clean start.
    fn broken_by(broken: Break) -> String {
        let payload = |text: &str| format!(r#"{{"Response": {{"RequestId": "{ID}", "A": {text}"#);
        match broken {
            Break::InsideNumber => payload("01}}"),
            Break::EofWhileParsingList => payload("[1"),
            Break::EofWhileParsingObject => payload("1"),
            Break::EofWhileParsingString => payload("\"x"),
            Break::EofWhileParsingValue => payload(""),
            Break::ExpectedColon => format!(r#"{{"Response": {{"RequestId" "{ID}"}}}}"#),
            Break::ExpectedListCommaOrEnd => payload("[1 2]}}"),
            Break::ExpectedObjectCommaOrEnd => payload("1 \"B\": 2}}"),
            Break::ExpectedSomeIdent => payload("tru}}"),
            Break::ExpectedSomeValue => payload("x}}"),
            Break::InvalidEscape => payload(r#""\x"}}"#),
            Break::ControlCharacterWhileParsingString => payload("\"\u{1}\"}}"),
            Break::KeyMustBeAString => payload("{1: 2}}}"),
            Break::TrailingComma => payload("[1,]}}"),
            Break::TrailingCharacters => payload("1}} x"),
        }
    }

    /// Every break the scanner names is one `serde_json` meets there: the scanner takes the
    /// body as broken with that break's words, and the walk (`serde_json` itself) agrees on
    /// the words and the place. Pins the words to the `serde_json` in use.
    #[test]
    fn every_break_is_worded_and_placed_as_serde_json_does() {
        for broken in Break::iter() {
            let body = broken_by(broken);
            let context = Context {
                nesting_limit: Validator::DEFAULT_NESTING_LIMIT,
                ..Context::default()
            };
            let walked = scan(&body, context).expect("taken as broken");
            let (_, message) = walked.parts.syntax_error.expect("a syntax error");
            if let Some(words) = broken.message() {
                assert_eq!(message, words, "{body}");
            }
            assert_eq!(
                crate::validate::agreement::fast_path_agrees(body.as_bytes()),
                Ok(crate::validate::agreement::FastPath::Broken),
                "{body}"
            );
        }
    }
}
