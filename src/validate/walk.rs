//! The single pass over a response: `serde_json`'s deserializer drives visitors that check
//! every rule as members stream past, without building a tree.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Rule;
use super::schema_check::{Expect, Found};
use crate::catalog::product_code;
use crate::error_code::{category_of, is_well_formed};
use crate::schema::{Object, Schema};
use crate::text::CowStr;

/// A finding before the validator's severity overrides and positions are applied.
pub(super) struct Finding {
    pub rule: Rule,
    pub pointer: String,
    /// Byte offset into the checked text.
    pub offset: usize,
    pub message: String,
}

/// What one pass learnt about a document.
pub(super) struct Walked {
    pub findings: Vec<Finding>,
    pub request_id: Option<String>,
    /// Where the value of `RequestId` starts.
    pub request_id_offset: usize,
    pub code: Option<String>,
    pub failed: bool,
    /// Where and why `serde_json` stopped, when the text is not one valid JSON value.
    pub syntax_error: Option<(usize, String)>,
}

/// What is known of the call a response answers.
#[derive(Clone, Copy, Default)]
pub(super) struct Context<'s> {
    pub nesting_limit: usize,
    /// The product, for its own error codes.
    pub service: Option<&'s str>,
    /// The product's description and the index of the action's output object.
    pub schema: Option<(&'s Schema, usize)>,
}

/// Checks `text` in one pass, refusing to nest deeper than `nesting_limit` containers.
pub(super) fn walk<'a>(text: &'a str, context: Context<'a>) -> Walked {
    let mut walker = Walker {
        text,
        context,
        findings: Vec::new(),
        schema_findings: Vec::new(),
        request_id: None,
        request_id_offset: 0,
        code: None,
        failed: false,
    };
    let root = Path {
        parent: None,
        segment: Segment::Root,
        at: Place::Value(skip_whitespace(text, 0)),
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
    };
    let result = node.deserialize(&mut deserializer).and_then(|kind| {
        deserializer.end()?;
        Ok(kind)
    });
    let syntax_error = match result {
        Ok(Kind::Object) => None,
        Ok(kind) => {
            let message = format!("the top-level value is {}, not an object", kind.describe());
            walker.report(Rule::NotAnObject, &root, message);
            None
        }
        Err(error) => Some((error_offset(text, &error), error_message(&error))),
    };
    // A failure answers with no payload to check against the description.
    if !walker.failed {
        walker.findings.append(&mut walker.schema_findings);
    }
    Walked {
        findings: walker.findings,
        request_id: walker.request_id,
        request_id_offset: walker.request_id_offset,
        code: walker.code,
        failed: walker.failed,
        syntax_error,
    }
}

struct Walker<'a> {
    text: &'a str,
    context: Context<'a>,
    findings: Vec<Finding>,
    /// Findings against the product's description, kept only if the response succeeded.
    schema_findings: Vec<Finding>,
    request_id: Option<String>,
    request_id_offset: usize,
    code: Option<String>,
    failed: bool,
}

impl<'a> Walker<'a> {
    fn report(&mut self, rule: Rule, path: &Path, message: String) {
        self.findings.push(Finding {
            rule,
            pointer: path.pointer(),
            offset: path.offset(self.text),
            message,
        });
    }

    fn report_schema(&mut self, (rule, message): (Rule, String), path: &Path) {
        self.schema_findings.push(Finding {
            rule,
            pointer: path.pointer(),
            offset: path.offset(self.text),
            message,
        });
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
        let offset = (key.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        (offset + key.len() <= self.text.len()).then_some(offset)
    }
}

/// Where a value sits: a chain of segments from the root, each with the value's place when
/// it is known (keys written with escapes do not reveal their place).
struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    segment: Segment<'p>,
    at: Place,
}

/// What is known of a value's place; the exact offset is worked out only for a finding.
#[derive(Clone, Copy)]
enum Place {
    Value(usize),
    /// The value follows the key whose closing quote is at this offset.
    AfterKey(usize),
    Unknown,
}

enum Segment<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl Path<'_> {
    /// The offset of this value, or of the nearest enclosing value whose place is known.
    fn offset(&self, text: &str) -> usize {
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
    fn pointer(&self) -> String {
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

/// The JSON type of a value just read, with the text of strings.
#[derive(Debug, PartialEq)]
enum Kind<'a> {
    Null,
    Bool,
    Number,
    Str(Cow<'a, str>),
    Array,
    Object,
}

impl Kind<'_> {
    fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::Str(_) => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Which fixed object a value is, deciding the rules its members are held to.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Root,
    Response,
    Error,
    /// A member of one of the objects above whose text a rule reads.
    Member,
    /// Anything deeper: only its syntax and its keys matter.
    Other,
}

impl Role {
    fn child(self, key: &str) -> Role {
        match (self, key) {
            (Role::Root, "Response") => Role::Response,
            (Role::Response, "Error") => Role::Error,
            (Role::Response, "RequestId" | "DeprecatedWarning")
            | (Role::Error, "Code" | "Message") => Role::Member,
            _ => Role::Other,
        }
    }

    /// Whether members of an object in this role are checked one by one.
    fn is_fixed(self) -> bool {
        matches!(self, Role::Root | Role::Response | Role::Error)
    }

    /// The fixed member names of an object in this role.
    fn fixed_names(self) -> &'static [&'static str] {
        match self {
            Role::Root => &["Response"],
            Role::Response => &["RequestId", "Error"],
            Role::Error => &["Code", "Message"],
            Role::Member | Role::Other => &[],
        }
    }
}

/// The keys of one object so far, to detect repeats in time linear in the object's size.
///
/// Small objects, the vast majority, are searched linearly in an inline array without
/// allocating; past that, or at the first key written with escapes, keys move to a hash set.
struct KeySet<'a> {
    few: [&'a str; KeySet::FEW],
    len: usize,
    /// Created on demand. Hashing uses a per-process random seed, so a crafted input cannot
    /// count on collisions.
    many: Option<HashSet<Cow<'a, str>, foldhash::fast::RandomState>>,
}

impl<'a> KeySet<'a> {
    const FEW: usize = 16;

    fn new() -> Self {
        KeySet {
            few: [""; KeySet::FEW],
            len: 0,
            many: None,
        }
    }

    /// Adds `key`; true when the object already had it.
    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    fn insert(&mut self, key: &Cow<'a, str>) -> bool {
        if self.many.is_none() {
            let few = self.few.get(..self.len).unwrap_or_default();
            if few.contains(&key.as_ref()) {
                return true;
            }
            if let (Cow::Borrowed(borrowed), Some(slot)) = (key, self.few.get_mut(self.len)) {
                *slot = borrowed;
                self.len += 1;
                return false;
            }
            let few = self.few.get(..self.len).unwrap_or_default();
            let mut many = HashSet::with_capacity_and_hasher(
                4 * Self::FEW,
                foldhash::fast::RandomState::default(),
            );
            many.extend(few.iter().map(|&k| Cow::Borrowed(k)));
            self.many = Some(many);
        }
        self.many
            .as_mut()
            .is_some_and(|many| !many.insert(key.clone()))
    }
}

struct Node<'w, 'a, 'p> {
    walker: &'w mut Walker<'a>,
    path: &'p Path<'p>,
    depth: usize,
    role: Role,
    /// What the product's description expects of this value, when it says.
    expect: Option<Expect<'a>>,
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
        if self.depth > limit {
            return Err(E::custom(format_args!(
                "nesting deeper than the limit of {limit} levels"
            )));
        }
        Ok(())
    }

    /// Holds the value against the description, when there is one.
    fn found(&mut self, found: &Found) {
        if let (Some(expect), Some((schema, _))) = (self.expect, self.walker.context.schema) {
            if let Some(finding) = expect.check(schema, found) {
                self.walker.report_schema(finding, self.path);
            }
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
        let mut index = 0;
        loop {
            let child = Path {
                parent: Some(path),
                segment: Segment::Index(index),
                at: Place::Unknown,
            };
            let node = Node {
                walker: &mut *walker,
                path: &child,
                depth: depth + 1,
                role: Role::Other,
                expect: element,
            };
            if seq.next_element_seed(node)?.is_none() {
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
        } = self;
        let mut keys = KeySet::new();
        let mut members = Members::default();
        let described = walker.schema_object(role, expect);
        let mut seen = Seen::new(described.map_or(0, |object| object.members.len()));
        while let Some(CowStr(key)) = map.next_key()? {
            let key_at = walker.offset_of(&key);
            let repeated = keys.insert(&key);
            let child = Path {
                parent: Some(path),
                segment: Segment::Key(&key),
                at: key_at.map_or(Place::Unknown, |at| Place::AfterKey(at + key.len())),
            };
            if repeated {
                walker.findings.push(Finding {
                    rule: Rule::DuplicateKey,
                    pointer: child.pointer(),
                    // The repeated key itself, at its opening quote.
                    offset: key_at
                        .map_or_else(|| path.offset(walker.text), |at| at.saturating_sub(1)),
                    message: format!("the key `{key}` appears more than once in this object"),
                });
            }
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
            if let (Some(object), None) = (described, member) {
                if !(role == Role::Response
                    && matches!(&*key, "RequestId" | "Error" | "DeprecatedWarning"))
                {
                    let message = format!(
                        "`{key}` is not a member of `{}` in the description",
                        object.name
                    );
                    walker.report_schema((Rule::SchemaUnknownField, message), &child);
                }
            }
            let node = Node {
                walker: &mut *walker,
                path: &child,
                depth: depth + 1,
                role: child_role,
                expect: member.map(|member| Expect {
                    member,
                    element: false,
                }),
            };
            let kind = map.next_value_seed(node)?;
            if !repeated && role.is_fixed() {
                members.record(walker, role, &child, &key, kind);
            }
        }
        if let Some(object) = described {
            let missing: Vec<&str> = (object.members.iter().enumerate())
                .filter(|(index, member)| member.required && !seen.get(*index))
                .map(|(_, member)| member.name.as_str())
                .collect();
            if let Some(message) = missing_message(&object.name, &missing) {
                walker.report_schema((Rule::SchemaMissingField, message), path);
            }
        }
        members.finish(walker, role, path);
        Ok(Kind::Object)
    }
}

/// What an object in a fixed role has shown so far.
#[derive(Default)]
struct Members<'a> {
    /// Which of the role's fixed names were present.
    present: [bool; 2],
    /// `Error` was an object.
    failed: bool,
    /// Other members of `Response`, for `error-with-payload`: name and offset.
    payload: Vec<(Cow<'a, str>, usize)>,
    /// Top-level members besides `Response`: name and offset.
    extra: Vec<(Cow<'a, str>, usize)>,
}

impl<'a> Members<'a> {
    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    fn record(
        &mut self,
        walker: &mut Walker,
        role: Role,
        child: &Path,
        key: &Cow<'a, str>,
        kind: Kind,
    ) {
        let fixed = role.fixed_names();
        if let Some(index) = fixed.iter().position(|name| *name == key) {
            if let Some(present) = self.present.get_mut(index) {
                *present = true;
            }
            self.check_fixed(walker, child, key, kind);
            return;
        }
        if let Some(name) = fixed.iter().find(|name| name.eq_ignore_ascii_case(key)) {
            let message = format!("`{key}` differs from `{name}` only in letter case");
            walker.report(Rule::MisspelledField, child, message);
            return;
        }
        match role {
            Role::Root => self.extra.push((key.clone(), child.offset(walker.text))),
            Role::Response if key == "DeprecatedWarning" => {
                let message = match kind {
                    Kind::Str(text) => format!("the action is deprecated: {text}"),
                    _ => "the action is deprecated".to_owned(),
                };
                walker.report(Rule::DeprecatedAction, child, message);
            }
            Role::Response => self.payload.push((key.clone(), child.offset(walker.text))),
            Role::Error | Role::Member | Role::Other => {}
        }
    }

    fn check_fixed(&mut self, walker: &mut Walker, child: &Path, key: &str, kind: Kind) {
        match (key, kind) {
            ("Message", Kind::Str(text)) if text.is_empty() => {
                walker.report(
                    Rule::EmptyErrorMessage,
                    child,
                    "`Message` is empty".to_owned(),
                );
            }
            ("Response", Kind::Object) | ("Message", Kind::Str(_)) => {}
            ("Response", kind) => {
                let message = format!("`Response` is {}, not an object", kind.describe());
                walker.report(Rule::ResponseNotObject, child, message);
            }
            ("RequestId", Kind::Str(id)) => {
                if id.is_empty() {
                    walker.report(
                        Rule::InvalidRequestId,
                        child,
                        "`RequestId` is empty".to_owned(),
                    );
                } else if !super::uuid::is_uuid(&id) {
                    let message =
                        format!("`RequestId` `{id}` is not a UUID in 8-4-4-4-12 hexadecimal form");
                    walker.report(Rule::RequestIdNotUuid, child, message);
                }
                walker.request_id = Some(id.into_owned());
                walker.request_id_offset = child.offset(walker.text);
            }
            ("RequestId", kind) => {
                let message = format!("`RequestId` is {}, not a string", kind.describe());
                walker.report(Rule::InvalidRequestId, child, message);
            }
            ("Error", Kind::Object) => {
                self.failed = true;
                walker.failed = true;
            }
            ("Error", kind) => {
                let message = format!("`Error` is {}, not an object", kind.describe());
                walker.report(Rule::ErrorNotObject, child, message);
            }
            ("Code", Kind::Str(code)) => {
                if code.is_empty() {
                    walker.report(Rule::InvalidErrorCode, child, "`Code` is empty".to_owned());
                } else if !is_well_formed(&code) {
                    let message = format!("`{code}` is not dot-separated PascalCase identifiers");
                    walker.report(Rule::ErrorCodeSyntax, child, message);
                } else if category_of(&code).is_none()
                    && walker
                        .context
                        .service
                        .is_none_or(|service| product_code(service, &code).is_none())
                {
                    let message =
                        format!("`{code}` is neither a common code nor under a common prefix");
                    walker.report(Rule::UnknownErrorCode, child, message);
                }
                walker.code = Some(code.into_owned());
            }
            ("Code", kind) => {
                let message = format!("`Code` is {}, not a string", kind.describe());
                walker.report(Rule::InvalidErrorCode, child, message);
            }
            ("Message", kind) => {
                let message = format!("`Message` is {}, not a string", kind.describe());
                walker.report(Rule::InvalidErrorMessage, child, message);
            }
            _ => {}
        }
    }

    fn finish(self, walker: &mut Walker<'a>, role: Role, path: &Path) {
        let [first, second] = self.present;
        match role {
            Role::Root if !first => {
                let has = |name: &str| self.extra.iter().any(|(key, _)| key == name);
                let legacy = has("code") && (has("message") || has("codeDesc"));
                if legacy {
                    let message = "this is an API 2.0 reply (`code`, `message`, `codeDesc`), not an API 3.0 envelope";
                    walker.report(Rule::LegacyEnvelope, path, message.to_owned());
                } else {
                    walker.report(
                        Rule::MissingResponse,
                        path,
                        "the top-level object has no `Response`".to_owned(),
                    );
                }
            }
            Role::Root => {
                for (name, offset) in self.extra {
                    walker.findings.push(Finding {
                        rule: Rule::UnexpectedTopLevelField,
                        pointer: member_pointer(path, &name),
                        offset,
                        message: format!("unexpected top-level member `{name}` beside `Response`"),
                    });
                }
            }
            Role::Response => {
                if !first {
                    walker.report(
                        Rule::MissingRequestId,
                        path,
                        "`Response` has no `RequestId`".to_owned(),
                    );
                }
                if self.failed {
                    for (name, offset) in self.payload {
                        walker.findings.push(Finding {
                            rule: Rule::ErrorWithPayload,
                            pointer: member_pointer(path, &name),
                            offset,
                            message: format!(
                                "a failed response carries the payload member `{name}`"
                            ),
                        });
                    }
                }
            }
            Role::Error => {
                if !first {
                    walker.report(
                        Rule::MissingErrorCode,
                        path,
                        "`Error` has no `Code`".to_owned(),
                    );
                }
                if !second {
                    walker.report(
                        Rule::MissingErrorMessage,
                        path,
                        "`Error` has no `Message`".to_owned(),
                    );
                }
            }
            Role::Member | Role::Other => {}
        }
    }
}

/// Which members of a described object were present: a bit mask for the usual object of up
/// to 64 members, so that checking one costs no allocation.
enum Seen {
    Few(u64),
    Many(Vec<bool>),
}

impl Seen {
    fn new(members: usize) -> Self {
        if members <= 64 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; members])
        }
    }

    fn set(&mut self, index: usize) {
        match self {
            Seen::Few(bits) => *bits |= Seen::bit(index),
            Seen::Many(flags) => {
                if let Some(flag) = flags.get_mut(index) {
                    *flag = true;
                }
            }
        }
    }

    fn get(&self, index: usize) -> bool {
        match self {
            Seen::Few(bits) => bits & Seen::bit(index) != 0,
            Seen::Many(flags) => flags.get(index).copied().unwrap_or(false),
        }
    }

    fn bit(index: usize) -> u64 {
        u32::try_from(index)
            .ok()
            .and_then(|i| 1u64.checked_shl(i))
            .unwrap_or(0)
    }
}

/// One finding for all the required members an object lacks, naming the first few.
fn missing_message(object: &str, missing: &[&str]) -> Option<String> {
    const NAMED: usize = 6;
    let (first, rest) = missing.split_first()?;
    if rest.is_empty() {
        return Some(format!("`{object}` lacks the required member `{first}`"));
    }
    let named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|name| format!("`{name}`"))
        .collect();
    let more = missing.len().saturating_sub(NAMED);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "`{object}` lacks the required members {}{tail}",
        named.join(", ")
    ))
}

/// Appends `/key` to a JSON Pointer, escaping `~` and `/` as RFC 6901 requires.
fn push_key(pointer: &mut String, key: &str) {
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
fn member_pointer(path: &Path, key: &str) -> String {
    let mut pointer = path.pointer();
    push_key(&mut pointer, key);
    pointer
}

/// The offset of the value whose key's closing quote is at `key_end`.
fn value_offset(text: &str, key_end: usize) -> Option<usize> {
    let after_quote = key_end + 1;
    let colon = skip_whitespace(text, after_quote);
    (text.as_bytes().get(colon) == Some(&b':')).then(|| skip_whitespace(text, colon + 1))
}

/// The offset of the first byte at or after `from` that is not JSON whitespace.
fn skip_whitespace(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The byte offset `serde_json`'s line and column point at.
fn error_offset(text: &str, error: &serde_json::Error) -> usize {
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

/// `serde_json`'s message without its " at line L column C" suffix.
fn error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix)
        .map_or_else(|| text.clone(), str::to_owned)
}
