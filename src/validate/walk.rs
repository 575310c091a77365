//! The single pass over a response: `serde_json`'s deserializer drives visitors that check
//! every rule as members stream past, without building a tree.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::envelope_rules::{Facts, Member, Members, Parts, Role, too_deep};
use super::finding::{Budget, Findings, Kind, Lists};
use super::keys::KeySet;
use super::path::{MemberSpans, Path, Place, Segment, skip_whitespace};
use super::position::{error_message, error_offset};
use super::schema_check::{Expect, Found, Seen, missing_message};
use super::{Rule, numbers};
use crate::grammar::{self, names};
use crate::schema::{Object, Schema};
use crate::text::{CowStr, quoted};

/// What one pass learnt about a document.
pub(super) struct Walked<'a> {
    pub findings: Findings,
    pub parts: Parts<'a>,
}

/// What is known of the call a response answers.
#[derive(Clone, Copy, Default)]
pub(super) struct Context<'s> {
    pub nesting_limit: usize,
    /// The product, for its own error codes.
    pub service: Option<&'s str>,
    /// The product's description and the index of the action's output object.
    pub schema: Option<(&'s Schema, usize)>,
    /// Whether to gather the payload members' text, for the readers that hand it on.
    pub capture: bool,
    /// How many findings to keep, and which to drop.
    pub budget: Budget,
}

/// Checks `text` in one pass, refusing to nest deeper than `nesting_limit` containers: what
/// the scanner (`scan`) is held to, and what reads every body the scanner gives up on. A second
/// pass, over a copy, follows only when `serde_json` refused a number a double can hold (see
/// `numbers`).
pub(super) fn walk<'a>(text: &'a str, context: Context<'a>) -> Walked<'a> {
    let walked = walk_once(text, context);
    let misread = walked
        .parts
        .syntax_error
        .as_ref()
        .is_some_and(|(_, message)| message.starts_with("number out of range"));
    match misread.then(|| numbers::patch(text)).flatten() {
        Some(patched) => walk_once(&patched, context).rebase(&patched, text),
        None => walked,
    }
}

impl Walked<'_> {
    /// The same findings and parts, borrowing from `original` where they borrowed from
    /// `patched`, a copy of it of the same length.
    fn rebase<'o>(self, patched: &str, original: &'o str) -> Walked<'o> {
        let slice = |part: &str| -> &'o str {
            let at = (part.as_ptr() as usize).checked_sub(patched.as_ptr() as usize);
            at.and_then(|at| original.get(at..at + part.len()))
                .unwrap_or_default()
        };
        let cow = |part: Cow<'_, str>| match part {
            Cow::Borrowed(part) => Cow::Borrowed(slice(part)),
            Cow::Owned(part) => Cow::Owned(part),
        };
        let parts = self.parts;
        Walked {
            findings: self.findings,
            parts: Parts {
                request_id: parts.request_id.map(cow),
                request_id_offset: parts.request_id_offset,
                request_id_text: parts.request_id_text.map(slice),
                code: parts.code.map(cow),
                message: parts.message.map(cow),
                deprecated_warning: parts.deprecated_warning.map(cow),
                payload: (parts.payload.into_iter())
                    .map(|(key, value)| (cow(key), slice(value)))
                    .collect(),
                failed: parts.failed,
                syntax_error: parts.syntax_error,
            },
        }
    }
}

fn walk_once<'a>(text: &'a str, context: Context<'a>) -> Walked<'a> {
    let mut walker = Walker {
        facts: Facts::new(text, context.service, context.budget),
        context,
        schema_findings: Findings::new(context.budget),
        lists: Lists::default(),
    };
    let root = Path {
        parent: None,
        segment: Segment::Root,
        at: Place::Value(skip_whitespace(text, 0)),
        located: Cell::new(None),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // The visitors enforce `nesting_limit` themselves, before each level of recursion.
    deserializer.disable_recursion_limit();
    let node = Node {
        walker: &mut walker,
        path: &root,
        depth: 1,
        role: Role::Root,
        expect: None,
        start: context.capture.then(|| skip_whitespace(text, 0)),
    };
    let result = node.deserialize(&mut deserializer).and_then(|kind| {
        deserializer.end()?;
        Ok(kind)
    });
    walker.facts.parts.syntax_error = match result {
        Ok(Kind::Object) => None,
        Ok(kind) => {
            let message = format!("the top-level value is {}, not an object", kind.describe());
            walker.report(Rule::NotAnObject, &root, || message);
            None
        }
        Err(error) => Some((error_offset(text, &error), error_message(&error))),
    };
    // A failure answers with no payload to check against the description.
    if !walker.facts.parts.failed {
        walker.facts.findings.absorb(walker.schema_findings);
    }
    Walked {
        findings: walker.facts.findings,
        parts: walker.facts.parts,
    }
}

pub(super) struct Walker<'a> {
    pub facts: Facts<'a>,
    pub context: Context<'a>,
    /// Findings against the product's description, kept only if the response succeeded.
    pub schema_findings: Findings,
    /// The described lists being read, to group their elements' findings.
    pub lists: Lists,
}

impl<'a> Walker<'a> {
    pub(super) fn report(&mut self, rule: Rule, path: &Path, message: impl FnOnce() -> String) {
        self.facts.report(rule, path, message);
    }

    /// Reports a finding against the description, unless an earlier element of an enclosing
    /// list drew the same one: then it is only counted there.
    fn report_schema(&mut self, rule: Rule, path: &Path, message: impl FnOnce() -> String) {
        let segments = path.segments();
        if self.lists.counted(rule, &segments) {
            return;
        }
        let kept = self.schema_findings.len();
        if let Some(slot) = self.schema_findings.admit(rule) {
            slot.fill(path.pointer(), path.offset(self.facts.text), message());
            self.lists.register(rule, &segments, kept);
        }
    }

    /// One finding for the required members a described object lacks, if any.
    fn report_missing(&mut self, object: &Object, seen: &Seen, path: &Path) {
        let missing = || {
            (object.members.iter().enumerate())
                .filter(|(index, member)| member.required && !seen.get(*index))
                .map(|(_, member)| member.name.as_str())
        };
        if missing().next().is_some() {
            self.report_schema(Rule::SchemaMissingField, path, || {
                missing_message(&object.name, &missing().collect::<Vec<_>>()).unwrap_or_default()
            });
        }
    }

    /// The rules on a key itself: repeated in its object, or reserved by `serde_json`.
    fn check_key(
        &mut self,
        key: &str,
        key_at: Option<usize>,
        repeated: bool,
        object: &Path,
        child: &Path,
    ) {
        if grammar::is_reserved_key(key) {
            self.report(Rule::ReservedKey, child, || {
                format!(
                    "the key `{key}` is reserved by serde_json; programs built with some of its features rewrite this object"
                )
            });
        }
        if repeated && let Some(slot) = self.facts.findings.admit(Rule::DuplicateKey) {
            // The repeated key itself, at its opening quote.
            let offset =
                key_at.map_or_else(|| object.offset(self.facts.text), |at| at.saturating_sub(1));
            let message = format!(
                "the key `{}` appears more than once in this object",
                quoted(key)
            );
            slot.fill(child.pointer(), offset, message);
        }
    }

    /// Keeps the text of a member of `Response` for the readers that hand it on.
    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    fn capture(&mut self, key: &Cow<'a, str>, role: Role, repeated: bool, span: Range<usize>) {
        let Some(value) = self.facts.text.get(span) else {
            return;
        };
        match &**key {
            names::REQUEST_ID if !repeated => self.facts.parts.request_id_text = Some(value),
            // A failure, or a body already refused, hands on no payload.
            _ if role == Role::Other
                && !repeated
                && !self.facts.parts.failed
                && !self.facts.findings.has_fatal() =>
            {
                self.facts.parts.payload.push((key.clone(), value));
            }
            _ => {}
        }
    }

    /// The object of the description an object value in `role` must match, if any.
    fn schema_object(&self, role: Role, expect: Option<Expect<'a>>) -> Option<&'a Object> {
        let (schema, output) = self.context.schema?;
        let index = if role == Role::Response {
            Some(output)
        } else {
            expect?.object()
        }?;
        schema.object(index)
    }

    /// Where `key` starts in the text, when it borrows from it (it has no escapes).
    #[allow(clippy::ptr_arg, reason = "only a borrowed key reveals its place")]
    fn offset_of(&self, key: &Cow<str>) -> Option<usize> {
        let Cow::Borrowed(key) = key else { return None };
        let offset = (key.as_ptr() as usize).checked_sub(self.facts.text.as_ptr() as usize)?;
        (offset + key.len() <= self.facts.text.len()).then_some(offset)
    }
}

struct Node<'w, 'a, 'p> {
    walker: &'w mut Walker<'a>,
    path: &'p Path<'p>,
    depth: usize,
    role: Role,
    /// What the product's description expects of this value, when it says.
    expect: Option<Expect<'a>>,
    /// Where the value starts, tracked only to gather payload text (`Context::capture`).
    start: Option<usize>,
}

impl<'a> DeserializeSeed<'a> for Node<'_, 'a, '_> {
    type Value = Kind<'a>;

    fn deserialize<D: Deserializer<'a>>(self, deserializer: D) -> Result<Kind<'a>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Node<'_, '_, '_> {
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        let limit = self.walker.context.nesting_limit;
        if too_deep(self.depth, limit) {
            return Err(E::custom(format_args!(
                "nesting deeper than the limit of {limit} level{}",
                if limit == 1 { "" } else { "s" }
            )));
        }
        Ok(())
    }

    /// Holds the value against the description, when there is one.
    fn found(&mut self, found: &Found) {
        if let (Some(expect), Some((schema, _))) = (self.expect, self.walker.context.schema)
            && let Some(rule) = expect.check(found)
        {
            let message = || expect.message(schema, found);
            self.walker.report_schema(rule, self.path, message);
        }
    }
}

impl<'a> Visitor<'a> for Node<'_, 'a, '_> {
    type Value = Kind<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(mut self) -> Result<Kind<'a>, E> {
        self.found(&Found::Null);
        Ok(Kind::Null)
    }

    fn visit_bool<E>(mut self, _: bool) -> Result<Kind<'a>, E> {
        self.found(&Found::Bool);
        Ok(Kind::Bool)
    }

    /// `serde_json` calls this for negative integers only.
    fn visit_i64<E>(mut self, _: i64) -> Result<Kind<'a>, E> {
        self.found(&Found::Integer {
            negative: true,
            fits_i64: true,
        });
        Ok(Kind::Number)
    }

    fn visit_u64<E>(mut self, value: u64) -> Result<Kind<'a>, E> {
        self.found(&Found::Integer {
            negative: false,
            fits_i64: i64::try_from(value).is_ok(),
        });
        Ok(Kind::Number)
    }

    fn visit_f64<E>(mut self, _: f64) -> Result<Kind<'a>, E> {
        self.found(&Found::Fraction);
        Ok(Kind::Number)
    }

    fn visit_borrowed_str<E>(mut self, value: &'a str) -> Result<Kind<'a>, E> {
        self.found(&Found::Str(value));
        Ok(Kind::Str(Cow::Borrowed(value)))
    }

    /// An unescaped string is copied only where a rule reads its text.
    fn visit_str<E>(mut self, value: &str) -> Result<Kind<'a>, E> {
        self.found(&Found::Str(value));
        Ok(Kind::Str(if self.role == Role::Member {
            Cow::Owned(value.to_owned())
        } else {
            Cow::Borrowed("")
        }))
    }

    fn visit_seq<A: SeqAccess<'a>>(mut self, mut seq: A) -> Result<Kind<'a>, A::Error> {
        self.enter()?;
        self.found(&Found::Array);
        let Node {
            walker,
            path,
            depth,
            expect,
            ..
        } = self;
        let element = expect.and_then(Expect::elements);
        if element.is_some() {
            walker.lists.open(depth + 1);
        }
        let mut index = 0;
        loop {
            if element.is_some() {
                walker.lists.at(index);
            }
            let child = Path {
                parent: Some(path),
                segment: Segment::Index(index),
                at: Place::Element(index),
                located: Cell::new(None),
            };
            let node = Node {
                walker: &mut *walker,
                path: &child,
                depth: depth + 1,
                role: Role::Other,
                expect: element,
                start: None,
            };
            if seq.next_element_seed(node)?.is_none() {
                if element.is_some() {
                    (walker.lists).close(&mut walker.schema_findings, || path.pointer());
                }
                return Ok(Kind::Array);
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'a>>(mut self, mut map: A) -> Result<Kind<'a>, A::Error> {
        self.enter()?;
        self.found(&Found::Object);
        let Node {
            walker,
            path,
            depth,
            role,
            expect,
            start,
        } = self;
        // In capture mode, the root and `Response` follow their members' places exactly.
        let mut spans = start
            .filter(|_| matches!(role, Role::Root | Role::Response))
            .map(MemberSpans::new);
        // The member of `Response` whose span closes when the next key comes.
        let mut open: Option<(Cow<'a, str>, Role, bool)> = None;
        let mut keys = KeySet::new();
        let mut members = Members::default();
        let described = walker.schema_object(role, expect);
        let mut seen = Seen::new(described.map_or(0, |object| object.members.len()));
        while let Some(CowStr(key)) = map.next_key()? {
            let key_at = walker.offset_of(&key);
            let value_at = spans.as_mut().map(|spans| {
                let (previous, start) = spans.next(walker.facts.text, key_at, key.len());
                if let (Some(span), Some((key, role, repeated))) = (previous, open.take()) {
                    walker.capture(&key, role, repeated, span);
                }
                start
            });
            let repeated = keys.insert(walker.facts.text, &key, key_at);
            let child = Path {
                parent: Some(path),
                segment: Segment::Key(&key),
                at: key_at.map_or(Place::Unknown, |at| Place::AfterKey(at + key.len())),
                located: Cell::new(None),
            };
            walker.check_key(&key, key_at, repeated, path, &child);
            let child_role = if repeated {
                Role::Other
            } else {
                role.child(&key)
            };
            let member = described
                .and_then(|object| object.member(&key))
                .map(|(index, member)| {
                    seen.set(index);
                    member
                });
            if let (Some(object), None) = (described, member)
                && (role != Role::Response
                    || !matches!(
                        Role::Response.member(&key),
                        Member::Fixed(_) | Member::DeprecatedWarning
                    ))
            {
                walker.report_schema(Rule::SchemaUnknownField, &child, || {
                    format!(
                        "`{}` is not a member of `{}` in the description",
                        quoted(&key),
                        object.name
                    )
                });
            }
            let node = Node {
                walker: &mut *walker,
                path: &child,
                depth: depth + 1,
                role: child_role,
                expect: member.map(Expect::member),
                start: value_at,
            };
            let kind = map.next_value_seed(node)?;
            match role {
                Role::Root if &*key == names::RESPONSE => spans = None,
                Role::Response if spans.is_some() => {
                    open = Some((key.clone(), child_role, repeated));
                }
                _ => {}
            }
            if !repeated && role.is_fixed() {
                members.record(&mut walker.facts, role, &child, &key, kind);
            }
        }
        if let Some(object) = described {
            walker.report_missing(object, &seen, path);
        }
        if let (Some(span), Some((key, role, repeated))) = (
            spans
                .as_mut()
                .and_then(|spans| spans.finish(walker.facts.text)),
            open,
        ) {
            walker.capture(&key, role, repeated, span);
        }
        members.finish(&mut walker.facts, role, path);
        Ok(Kind::Object)
    }
}
