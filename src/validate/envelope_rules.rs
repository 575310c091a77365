//! The envelope's own rules: what the root, `Response` and `Error` objects must hold.

use std::borrow::Cow;

use super::Rule;
use super::finding::{Budget, Findings, Kind};
use super::path::{Path, member_pointer};
use crate::ErrorCode;
use crate::codes::error_code::is_well_formed;
use crate::codes::explain::unknown_code_message;
use crate::grammar::names;
use crate::text::quoted;

/// What the envelope's rules learn of a document, and every finding of the walk: the walk
/// hands each fixed member here, and reads the verdict back.
pub(super) struct Facts<'a> {
    pub text: &'a str,
    /// The product, for its own error codes.
    pub service: Option<&'a str>,
    pub findings: Findings,
    pub request_id: Option<Cow<'a, str>>,
    /// Where the value of `RequestId` starts.
    pub request_id_offset: usize,
    pub code: Option<Cow<'a, str>>,
    pub message: Option<Cow<'a, str>>,
    pub deprecated_warning: Option<Cow<'a, str>>,
    pub failed: bool,
}

impl<'a> Facts<'a> {
    pub(super) fn new(text: &'a str, service: Option<&'a str>, budget: Budget) -> Self {
        Facts {
            text,
            service,
            findings: Findings::new(budget),
            request_id: None,
            request_id_offset: 0,
            code: None,
            message: None,
            deprecated_warning: None,
            failed: false,
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

impl Role {
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
        let fixed = role.fixed_names();
        if let Some(index) = fixed.iter().position(|name| *name == key) {
            if let Some(present) = self.present.get_mut(index) {
                *present = true;
            }
            self.check_fixed(facts, child, key, kind);
            return;
        }
        if let Some(name) = fixed.iter().find(|name| name.eq_ignore_ascii_case(key)) {
            facts.report(Rule::MisspelledField, child, || {
                format!("`{key}` differs from `{name}` only in letter case")
            });
            return;
        }
        match role {
            Role::Root => {
                let legacy = ["code", "message", "codeDesc"]
                    .iter()
                    .position(|name| name == key);
                if let Some(seen) = legacy.and_then(|at| self.legacy.get_mut(at)) {
                    *seen = true;
                }
                self.extra
                    .push(&facts.findings, key, || child.offset(facts.text));
            }
            Role::Response if key == names::DEPRECATED_WARNING => {
                let message = match &kind {
                    Kind::Str(text) => format!("the action is deprecated: {}", quoted(text)),
                    _ => "the action is deprecated".to_owned(),
                };
                facts.report(Rule::DeprecatedAction, child, || message);
                if let Kind::Str(text) = kind {
                    facts.deprecated_warning = Some(text);
                }
            }
            Role::Response => self
                .payload
                .push(&facts.findings, key, || child.offset(facts.text)),
            Role::Error | Role::Member | Role::Other => {}
        }
    }

    pub(super) fn check_fixed(
        &mut self,
        facts: &mut Facts<'a>,
        child: &Path,
        key: &str,
        kind: Kind<'a>,
    ) {
        match (key, kind) {
            ("Message", Kind::Str(text)) if text.is_empty() => {
                facts.report(Rule::EmptyErrorMessage, child, || {
                    "`Message` is empty".to_owned()
                });
                facts.message = Some(text);
            }
            ("Response", Kind::Object) => {}
            ("Message", Kind::Str(text)) => facts.message = Some(text),
            ("Response", kind) => {
                let message = format!("`Response` is {}, not an object", kind.describe());
                facts.report(Rule::ResponseNotObject, child, || message);
            }
            ("RequestId", Kind::Str(id)) => {
                if id.is_empty() {
                    facts.report(Rule::InvalidRequestId, child, || {
                        "`RequestId` is empty".to_owned()
                    });
                } else if !super::uuid::is_uuid(&id) {
                    facts.report(Rule::RequestIdNotUuid, child, || {
                        format!(
                            "`RequestId` `{}` is not a UUID in 8-4-4-4-12 hexadecimal form",
                            quoted(&id)
                        )
                    });
                }
                facts.request_id = Some(id);
                facts.request_id_offset = child.offset(facts.text);
            }
            ("RequestId", kind) => {
                let message = format!("`RequestId` is {}, not a string", kind.describe());
                facts.report(Rule::InvalidRequestId, child, || message);
            }
            ("Error", Kind::Object) => {
                self.failed = true;
                facts.failed = true;
            }
            ("Error", kind) => {
                let message = format!("`Error` is {}, not an object", kind.describe());
                facts.report(Rule::ErrorNotObject, child, || message);
            }
            ("Code", Kind::Str(code)) => {
                if code.is_empty() {
                    facts.report(Rule::InvalidErrorCode, child, || {
                        "`Code` is empty".to_owned()
                    });
                } else if !is_well_formed(&code) {
                    facts.report(Rule::ErrorCodeSyntax, child, || {
                        if code.len() > ErrorCode::MAX_LEN {
                            let (len, most) = (code.len(), ErrorCode::MAX_LEN);
                            return format!(
                                "`Code` is {len} bytes, longer than any error code ({most} at most)"
                            );
                        }
                        format!("`{code}` is not dot-separated PascalCase identifiers")
                    });
                } else if let Some(message) = unknown_code_message(&code, facts.service) {
                    facts.report(Rule::UnknownErrorCode, child, || message);
                }
                facts.code = Some(code);
            }
            ("Code", kind) => {
                let message = format!("`Code` is {}, not a string", kind.describe());
                facts.report(Rule::InvalidErrorCode, child, || message);
            }
            ("Message", kind) => {
                let message = format!("`Message` is {}, not a string", kind.describe());
                facts.report(Rule::InvalidErrorMessage, child, || message);
            }
            _ => {}
        }
    }

    pub(super) fn finish(self, facts: &mut Facts<'a>, role: Role, path: &Path) {
        let [first, second] = self.present;
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
            Role::Response => {
                if !first {
                    facts.report(Rule::MissingRequestId, path, || {
                        "`Response` has no `RequestId`".to_owned()
                    });
                }
                if self.failed {
                    self.payload
                        .report(facts, Rule::ErrorWithPayload, path, |name| {
                            format!("a failed response carries the payload member `{name}`")
                        });
                }
            }
            Role::Error => {
                if !first {
                    facts.report(Rule::MissingErrorCode, path, || {
                        "`Error` has no `Code`".to_owned()
                    });
                }
                if !second {
                    facts.report(Rule::MissingErrorMessage, path, || {
                        "`Error` has no `Message`".to_owned()
                    });
                }
            }
            Role::Member | Role::Other => {}
        }
    }
}
