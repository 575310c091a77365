//! The envelope's own rules: what the root, `Response` and `Error` objects must hold.

use std::borrow::Cow;

use super::Rule;
use super::path::{Path, member_pointer};
use super::walk::{Finding, Kind, Walker};
use crate::error_code::is_well_formed;
use crate::explain::unknown_code_message;
use crate::grammar::names;

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
    /// Other members of `Response`, for `error-with-payload`: name and offset.
    payload: Vec<(Cow<'a, str>, usize)>,
    /// Top-level members besides `Response`: name and offset.
    extra: Vec<(Cow<'a, str>, usize)>,
}

impl<'a> Members<'a> {
    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    pub(super) fn record(
        &mut self,
        walker: &mut Walker<'a>,
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
            Role::Response if key == names::DEPRECATED_WARNING => {
                let message = match kind {
                    Kind::Str(text) => {
                        let message = format!("the action is deprecated: {text}");
                        walker.deprecated_warning = Some(text);
                        message
                    }
                    _ => "the action is deprecated".to_owned(),
                };
                walker.report(Rule::DeprecatedAction, child, message);
            }
            Role::Response => self.payload.push((key.clone(), child.offset(walker.text))),
            Role::Error | Role::Member | Role::Other => {}
        }
    }

    pub(super) fn check_fixed(
        &mut self,
        walker: &mut Walker<'a>,
        child: &Path,
        key: &str,
        kind: Kind<'a>,
    ) {
        match (key, kind) {
            ("Message", Kind::Str(text)) if text.is_empty() => {
                walker.report(
                    Rule::EmptyErrorMessage,
                    child,
                    "`Message` is empty".to_owned(),
                );
                walker.message = Some(text);
            }
            ("Response", Kind::Object) => {}
            ("Message", Kind::Str(text)) => walker.message = Some(text),
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
                walker.request_id = Some(id);
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
                } else if let Some(message) = unknown_code_message(&code, walker.context.service) {
                    walker.report(Rule::UnknownErrorCode, child, message);
                }
                walker.code = Some(code);
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

    pub(super) fn finish(self, walker: &mut Walker<'a>, role: Role, path: &Path) {
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
