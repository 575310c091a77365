//! The envelope's own rules: what the root, `Response` and `Error` objects must hold, stated
//! once for the two readers of a body. The walk reports what they find; the scanner (`scan`)
//! asks the same predicates and leaves any body that draws a finding to the walk.

use std::borrow::Cow;

use super::Rule;
use super::finding::{Budget, Findings, Kind};
use super::path::{Path, member_pointer};
use crate::ErrorCode;
use crate::codes::error_code::is_well_formed;
use crate::codes::explain::unknown_code_message;
use crate::grammar::names;
use crate::text::quoted;

/// What a reading of a body learns of the envelope, besides findings: the same from the walk
/// and from the scanner, which `agrees_with_walk` compares whole.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Parts<'a> {
    pub request_id: Option<Cow<'a, str>>,
    /// Where the value of `RequestId` starts.
    pub request_id_offset: usize,
    /// The text of `RequestId`'s value, gathered with the payload.
    pub request_id_text: Option<&'a str>,
    pub code: Option<Cow<'a, str>>,
    pub message: Option<Cow<'a, str>>,
    pub deprecated_warning: Option<Cow<'a, str>>,
    /// The members of `Response` besides its fixed ones, with the text of their values;
    /// gathered only when the context asks.
    pub payload: Vec<(Cow<'a, str>, &'a str)>,
    /// Whether `Response` holds an `Error` object.
    pub failed: bool,
    /// Where and why `serde_json` stopped, when the text is not one valid JSON value.
    pub syntax_error: Option<(usize, String)>,
}

/// What the envelope's rules learn of a document, and every finding of the walk: the walk
/// hands each fixed member here, and reads the verdict back.
pub(super) struct Facts<'a> {
    pub text: &'a str,
    /// The product, for its own error codes.
    pub service: Option<&'a str>,
    pub findings: Findings,
    pub parts: Parts<'a>,
}

impl<'a> Facts<'a> {
    pub(super) fn new(text: &'a str, service: Option<&'a str>, budget: Budget) -> Self {
        Facts {
            text,
            service,
            findings: Findings::new(budget),
            parts: Parts::default(),
        }
    }

    /// Reports a finding of `rule` at `path`, within the budget: past it, `message` is not
    /// even built.
    pub(super) fn report(&mut self, rule: Rule, path: &Path, message: impl FnOnce() -> String) {
        if let Some(slot) = self.findings.admit(rule) {
            slot.fill(path.pointer(), path.offset(self.text), message());
        }
    }
}

/// Which fixed object a value is, deciding the rules its members are held to.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Role {
    Root,
    Response,
    Error,
    /// A member of one of the objects above whose text a rule reads.
    Member,
    /// Anything deeper: only its syntax and its keys matter.
    Other,
}

/// What a member of an object in a fixed role is, by its key.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Member {
    /// One of the role's fixed members, by its name.
    Fixed(&'static str),
    /// A fixed name in other letter case (`misspelled-field`).
    Misspelled(&'static str),
    /// `Response.DeprecatedWarning` (`deprecated-action`, a note).
    DeprecatedWarning,
    /// A payload member of `Response`, or any other member.
    Other,
}

impl Role {
    /// The depth of an object in this role (the root is 1), for the nesting limit.
    pub(super) fn depth(self) -> usize {
        match self {
            Role::Root => 1,
            Role::Response => 2,
            Role::Error => 3,
            Role::Member | Role::Other => usize::MAX,
        }
    }

    /// What the member named `key` of an object in this role is.
    #[allow(
        clippy::inline_always,
        reason = "measured: as a call, the scanner's small bodies cost 6% more instructions"
    )]
    #[inline(always)]
    pub(super) fn member(self, key: &str) -> Member {
        let fixed = self.fixed_names();
        for &name in fixed {
            if name == key {
                return Member::Fixed(name);
            }
        }
        for &name in fixed {
            if name.eq_ignore_ascii_case(key) {
                return Member::Misspelled(name);
            }
        }
        if self == Role::Response && key == names::DEPRECATED_WARNING {
            return Member::DeprecatedWarning;
        }
        Member::Other
    }

    pub(super) fn child(self, key: &str) -> Role {
        match (self, key) {
            (Role::Root, names::RESPONSE) => Role::Response,
            (Role::Response, names::ERROR) => Role::Error,
            (Role::Response, names::REQUEST_ID | names::DEPRECATED_WARNING)
            | (Role::Error, names::CODE | names::MESSAGE) => Role::Member,
            _ => Role::Other,
        }
    }

    /// Whether members of an object in this role are checked one by one.
    pub(super) fn is_fixed(self) -> bool {
        matches!(self, Role::Root | Role::Response | Role::Error)
    }

    /// The fixed member names of an object in this role.
    pub(super) fn fixed_names(self) -> &'static [&'static str] {
        match self {
            Role::Root => &[names::RESPONSE],
            Role::Response => &[names::REQUEST_ID, names::ERROR],
            Role::Error => &[names::CODE, names::MESSAGE],
            Role::Member | Role::Other => &[],
        }
    }
}

/// Whether a container at `depth` (the root is 1) is deeper than `limit` allows.
#[inline]
pub(super) fn too_deep(depth: usize, limit: usize) -> bool {
    depth > limit
}

/// What a `RequestId` string that breaks a rule (see [`request_id_fault`]) is told.
pub(super) fn request_id_message(id: &str) -> String {
    if id.is_empty() {
        return "`RequestId` is empty".to_owned();
    }
    format!(
        "`RequestId` `{}` is not a UUID in 8-4-4-4-12 hexadecimal form",
        quoted(id)
    )
}

/// Notes in `findings` what the request id `id` of a body that is otherwise clean draws, at
/// `offset` (its opening quote), as the walk places and words it: nothing for a UUID, a
/// tolerated finding for any other string but the empty one. False for that one, whose verdict
/// turns on the headers and is left to the walk.
pub(super) fn note_request_id(findings: &mut Findings, id: &str, offset: usize) -> bool {
    match request_id_fault(id) {
        None => true,
        Some(rule @ Rule::RequestIdNotUuid) => {
            if let Some(slot) = findings.admit(rule) {
                slot.fill(
                    names::REQUEST_ID_POINTER.to_owned(),
                    offset,
                    request_id_message(id),
                );
            }
            true
        }
        Some(_) => false,
    }
}

/// The rule a `RequestId` string breaks, if any.
#[inline]
pub(super) fn request_id_fault(id: &str) -> Option<Rule> {
    if id.is_empty() {
        Some(Rule::InvalidRequestId)
    } else if !super::uuid::is_uuid(id) {
        Some(Rule::RequestIdNotUuid)
    } else {
        None
    }
}

/// The rule a `Code` string breaks for a call to `service`, if any.
pub(super) fn code_fault(code: &str, service: Option<&str>) -> Option<Rule> {
    if code.is_empty() {
        Some(Rule::InvalidErrorCode)
    } else if !is_well_formed(code) {
        Some(Rule::ErrorCodeSyntax)
    } else if unknown_code_message(code, service).is_some() {
        Some(Rule::UnknownErrorCode)
    } else {
        None
    }
}

/// The rule a `Message` string breaks, if any.
#[inline]
pub(super) fn message_fault(message: &str) -> Option<Rule> {
    message.is_empty().then_some(Rule::EmptyErrorMessage)
}

/// The rules a closed `Response` or `Error` breaks, from which of its fixed members it had
/// (`present`, in [`Role::fixed_names`] order) and whether it is a failure with payload.
pub(super) fn closing_faults(
    role: Role,
    present: [bool; 2],
    failure_with_payload: bool,
) -> impl Iterator<Item = Rule> {
    let [first, second] = present;
    let faults = match role {
        Role::Response => [
            (!first).then_some(Rule::MissingRequestId),
            failure_with_payload.then_some(Rule::ErrorWithPayload),
        ],
        Role::Error => [
            (!first).then_some(Rule::MissingErrorCode),
            (!second).then_some(Rule::MissingErrorMessage),
        ],
        Role::Root | Role::Member | Role::Other => [None, None],
    };
    faults.into_iter().flatten()
}

/// What an object in a fixed role has shown so far.
#[derive(Default)]
pub(super) struct Members<'a> {
    /// Which of the role's fixed names were present.
    present: [bool; 2],
    /// `Error` was an object.
    failed: bool,
    /// Other members of `Response`, for `error-with-payload`.
    payload: Named<'a>,
    /// Top-level members besides `Response`.
    extra: Named<'a>,
    /// Which of the API 2.0 reply's members (`code`, `message`, `codeDesc`) the root has.
    legacy: [bool; 3],
}

/// Members named in findings only once the object is read, kept within the findings budget:
/// the first `Budget::most` by name and offset, the rest counted.
#[derive(Default)]
struct Named<'a> {
    first: Vec<(Cow<'a, str>, usize)>,
    more: u64,
}

impl<'a> Named<'a> {
    fn is_empty(&self) -> bool {
        self.first.is_empty() && self.more == 0
    }

    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    fn push(&mut self, findings: &Findings, key: &Cow<'a, str>, offset: impl FnOnce() -> usize) {
        if self.first.len() < findings.budget() {
            self.first.push((key.clone(), offset()));
        } else {
            self.more += 1;
        }
    }

    /// Reports a finding of `rule` for each member, worded by `message`.
    fn report(self, facts: &mut Facts, rule: Rule, path: &Path, message: fn(&str) -> String) {
        for (name, offset) in self.first {
            if let Some(slot) = facts.findings.admit(rule) {
                slot.fill(member_pointer(path, &name), offset, message(&quoted(&name)));
            }
        }
        facts.findings.count(rule, self.more);
    }
}

impl<'a> Members<'a> {
    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    pub(super) fn record(
        &mut self,
        facts: &mut Facts<'a>,
        role: Role,
        child: &Path,
        key: &Cow<'a, str>,
        kind: Kind<'a>,
    ) {
        match role.member(key) {
            Member::Fixed(name) => {
                let index = role.fixed_names().iter().position(|n| *n == name);
                if let Some(present) = index.and_then(|index| self.present.get_mut(index)) {
                    *present = true;
                }
                self.check_fixed(facts, child, key, kind);
            }
            Member::Misspelled(name) => facts.report(Rule::MisspelledField, child, || {
                format!("`{key}` differs from `{name}` only in letter case")
            }),
            Member::DeprecatedWarning => {
                let message = match &kind {
                    Kind::Str(text) => format!("the action is deprecated: {}", quoted(text)),
                    _ => "the action is deprecated".to_owned(),
                };
                facts.report(Rule::DeprecatedAction, child, || message);
                if let Kind::Str(text) = kind {
                    facts.parts.deprecated_warning = Some(text);
                }
            }
            Member::Other => match role {
                Role::Root => {
                    let legacy = names::LEGACY.iter().position(|name| name == key);
                    if let Some(seen) = legacy.and_then(|at| self.legacy.get_mut(at)) {
                        *seen = true;
                    }
                    self.extra
                        .push(&facts.findings, key, || child.offset(facts.text));
                }
                Role::Response => self
                    .payload
                    .push(&facts.findings, key, || child.offset(facts.text)),
                Role::Error | Role::Member | Role::Other => {}
            },
        }
    }

    fn check_fixed(&mut self, facts: &mut Facts<'a>, child: &Path, key: &str, kind: Kind<'a>) {
        match (key, kind) {
            (names::RESPONSE, Kind::Object) => {}
            (names::RESPONSE, kind) => {
                let message = format!("`Response` is {}, not an object", kind.describe());
                facts.report(Rule::ResponseNotObject, child, || message);
            }
            (names::REQUEST_ID, Kind::Str(id)) => {
                if let Some(rule) = request_id_fault(&id) {
                    facts.report(rule, child, || request_id_message(&id));
                }
                facts.parts.request_id = Some(id);
                facts.parts.request_id_offset = child.offset(facts.text);
            }
            (names::REQUEST_ID, kind) => {
                let message = format!("`RequestId` is {}, not a string", kind.describe());
                facts.report(Rule::InvalidRequestId, child, || message);
            }
            (names::ERROR, Kind::Object) => {
                self.failed = true;
                facts.parts.failed = true;
            }
            (names::ERROR, kind) => {
                let message = format!("`Error` is {}, not an object", kind.describe());
                facts.report(Rule::ErrorNotObject, child, || message);
            }
            (names::CODE, Kind::Str(code)) => {
                if let Some(rule) = code_fault(&code, facts.service) {
                    let service = facts.service;
                    facts.report(rule, child, || match rule {
                        Rule::UnknownErrorCode => {
                            unknown_code_message(&code, service).unwrap_or_default()
                        }
                        _ if code.is_empty() => "`Code` is empty".to_owned(),
                        _ if code.len() > ErrorCode::MAX_LEN => format!(
                            "`Code` is {} bytes, longer than any error code ({} at most)",
                            code.len(),
                            ErrorCode::MAX_LEN
                        ),
                        _ => format!("`{code}` is not dot-separated PascalCase identifiers"),
                    });
                }
                facts.parts.code = Some(code);
            }
            (names::CODE, kind) => {
                let message = format!("`Code` is {}, not a string", kind.describe());
                facts.report(Rule::InvalidErrorCode, child, || message);
            }
            (names::MESSAGE, Kind::Str(text)) => {
                if let Some(rule) = message_fault(&text) {
                    facts.report(rule, child, || "`Message` is empty".to_owned());
                }
                facts.parts.message = Some(text);
            }
            (names::MESSAGE, kind) => {
                let message = format!("`Message` is {}, not a string", kind.describe());
                facts.report(Rule::InvalidErrorMessage, child, || message);
            }
            _ => {}
        }
    }

    pub(super) fn finish(mut self, facts: &mut Facts<'a>, role: Role, path: &Path) {
        let [first, _] = self.present;
        match role {
            Role::Root if !first => {
                let [code, message, code_desc] = self.legacy;
                if code && (message || code_desc) {
                    let message = "this is an API 2.0 reply (`code`, `message`, `codeDesc`), not an API 3.0 envelope";
                    facts.report(Rule::LegacyEnvelope, path, || message.to_owned());
                } else {
                    facts.report(Rule::MissingResponse, path, || {
                        "the top-level object has no `Response`".to_owned()
                    });
                }
            }
            Role::Root => {
                self.extra
                    .report(facts, Rule::UnexpectedTopLevelField, path, |name| {
                        format!("unexpected top-level member `{name}` beside `Response`")
                    });
            }
            Role::Response | Role::Error => {
                let failure_with_payload = self.failed && !self.payload.is_empty();
                for rule in closing_faults(role, self.present, failure_with_payload) {
                    let missing = |member: &str| {
                        let object = if role == Role::Error {
                            names::ERROR
                        } else {
                            names::RESPONSE
                        };
                        format!("`{object}` has no `{member}`")
                    };
                    match rule {
                        Rule::ErrorWithPayload => {
                            std::mem::take(&mut self.payload).report(facts, rule, path, |name| {
                                format!("a failed response carries the payload member `{name}`")
                            });
                        }
                        Rule::MissingRequestId => {
                            facts.report(rule, path, || missing(names::REQUEST_ID));
                        }
                        Rule::MissingErrorCode => facts.report(rule, path, || missing(names::CODE)),
                        _ => facts.report(rule, path, || missing(names::MESSAGE)),
                    }
                }
            }
            Role::Member | Role::Other => {}
        }
    }
}
