//! Checking a response against every documented invariant of the API 3.0 envelope.

mod report;
mod rule;
pub(crate) mod uuid;
mod walk;

use std::collections::HashSet;

pub use report::{Diagnostic, Outcome, Report};
pub use rule::{Rule, Severity};

use walk::Finding;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Checks one response body with the default options; see [`Validator`] for many bodies.
///
/// ```
/// use tencentcloud_envelope::{validate, Outcome};
///
/// let report = validate(br#"{"Response": {"Error": {"Code": "InternalError", "Message": "boom"},
///     "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#);
/// assert_eq!(report.outcome(), Outcome::Failure);
/// assert_eq!(report.code(), Some("InternalError"));
/// assert!(report.diagnostics().is_empty());
/// ```
pub fn validate(input: &[u8]) -> Report {
    let mut validator = Validator::new();
    // One response cannot repeat a request id of another: nothing to remember.
    validator.seen = None;
    validator.validate(input)
}

/// Checks response bodies one after another with the same options, remembering request ids
/// across them for [`Rule::DuplicateRequestId`].
///
/// ```
/// use tencentcloud_envelope::{Rule, Severity, Validator, Outcome};
///
/// let body = br#"{"Response": {"RequestId": "not-a-uuid"}}"#;
/// let mut validator = Validator::new().deny_warnings();
/// assert_eq!(validator.validate(body).outcome(), Outcome::Invalid);
///
/// let mut lenient = Validator::new().severity(Rule::RequestIdNotUuid, None);
/// assert_eq!(lenient.validate(body).outcome(), Outcome::Success);
/// let again = lenient.validate(body);
/// assert_eq!(again.diagnostics()[0].rule(), Rule::DuplicateRequestId);
/// assert_eq!(again.diagnostics()[0].severity(), Severity::Warning);
/// ```
#[derive(Debug, Clone)]
pub struct Validator {
    nesting_limit: usize,
    overrides: Vec<(Rule, Option<Severity>)>,
    deny_warnings: bool,
    /// Request ids seen so far; `None` when there is no later response to compare with.
    seen: Option<SeenRequestIds>,
}

impl Default for Validator {
    fn default() -> Self {
        Validator::new()
    }
}

impl Validator {
    /// The default nesting limit: containers deeper than this make the input `invalid-json`.
    pub const DEFAULT_NESTING_LIMIT: usize = 128;

    /// The highest nesting limit accepted; the check recurses once per level.
    pub const MAX_NESTING_LIMIT: usize = 1024;

    /// A validator with default severities and the default nesting limit.
    pub fn new() -> Self {
        Validator {
            nesting_limit: Self::DEFAULT_NESTING_LIMIT,
            overrides: Vec::new(),
            deny_warnings: false,
            seen: Some(SeenRequestIds::default()),
        }
    }

    /// Sets how deeply arrays and objects may nest, clamped to `1..=MAX_NESTING_LIMIT`.
    #[must_use]
    pub fn nesting_limit(mut self, limit: usize) -> Self {
        self.nesting_limit = limit.clamp(1, Self::MAX_NESTING_LIMIT);
        self
    }

    /// Gives findings of `rule` another severity, or drops them with `None`.
    #[must_use]
    pub fn severity(mut self, rule: Rule, severity: Option<Severity>) -> Self {
        self.overrides.retain(|(r, _)| *r != rule);
        self.overrides.push((rule, severity));
        self
    }

    /// Treats every warning as an error, so that any warning makes a response invalid.
    #[must_use]
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// Forgets the request ids seen so far.
    pub fn reset(&mut self) {
        self.seen = Some(SeenRequestIds::default());
    }

    /// Checks one response body.
    pub fn validate(&mut self, input: &[u8]) -> Report {
        let (bom, body) = match input.strip_prefix(BYTE_ORDER_MARK) {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        let (text, utf8_error) = match std::str::from_utf8(body) {
            Ok(text) => (text, None),
            Err(error) => {
                let valid = body.get(..error.valid_up_to()).unwrap_or_default();
                (
                    std::str::from_utf8(valid).unwrap_or_default(),
                    Some(error.valid_up_to()),
                )
            }
        };
        let walked = walk::walk(text, self.nesting_limit);
        let mut findings = walked.findings;
        if bom {
            findings.push(Finding {
                rule: Rule::ByteOrderMark,
                pointer: String::new(),
                offset: 0,
                message: "the input starts with a UTF-8 byte order mark".to_owned(),
            });
        }
        let json_error = match (utf8_error, walked.syntax_error) {
            (Some(bad), syntax) if syntax.as_ref().is_none_or(|(at, _)| *at >= bad) => Some((
                bad,
                format!("invalid UTF-8 at byte {}", bad + if bom { 3 } else { 0 }),
            )),
            (_, Some(_)) if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() => {
                Some((text.len(), "the input is empty".to_owned()))
            }
            (_, syntax) => syntax,
        };
        if let Some((offset, message)) = json_error {
            findings.push(Finding {
                rule: Rule::InvalidJson,
                pointer: String::new(),
                offset,
                message,
            });
        }
        if let (Some(id), Some(seen)) = (walked.request_id.as_deref(), self.seen.as_mut())
            && !id.is_empty()
            && !seen.insert(id)
        {
            findings.push(Finding {
                rule: Rule::DuplicateRequestId,
                pointer: "/Response/RequestId".to_owned(),
                offset: walked.request_id_offset,
                message: format!("the request id `{id}` was already seen in an earlier response"),
            });
        }
        let diagnostics =
            self.diagnostics(findings, text, if bom { BYTE_ORDER_MARK.len() } else { 0 });
        Report::new(walked.failed, walked.request_id, walked.code, diagnostics)
    }

    /// Applies severity overrides and places each finding by line and column.
    fn diagnostics(&self, mut findings: Vec<Finding>, text: &str, shift: usize) -> Vec<Diagnostic> {
        findings.sort_by_key(|finding| finding.offset);
        let lines = LineIndex::new(text, findings.len());
        findings
            .into_iter()
            .filter_map(|finding| {
                let severity = self.severity_of(finding.rule)?;
                let mut diagnostic =
                    Diagnostic::new(finding.rule, severity, finding.pointer, finding.message);
                let (line, column) = lines.position(text, finding.offset);
                diagnostic.place(finding.offset + shift, line, column);
                Some(diagnostic)
            })
            .collect()
    }

    fn severity_of(&self, rule: Rule) -> Option<Severity> {
        let severity = self
            .overrides
            .iter()
            .find(|(r, _)| *r == rule)
            .map_or(Some(rule.default_severity()), |&(_, severity)| severity)?;
        Some(if self.deny_warnings && severity == Severity::Warning {
            Severity::Error
        } else {
            severity
        })
    }
}

/// Line starts of a text, for turning byte offsets into 1-based lines and columns.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str, needed: usize) -> Self {
        let mut starts = Vec::new();
        if needed > 0 {
            starts.push(0);
            starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        }
        LineIndex { starts }
    }

    /// The line and character column of `offset`.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or_default();
        let column = text
            .get(start..offset)
            .map_or(offset.saturating_sub(start), |prefix| {
                prefix.chars().count()
            });
        (line, column + 1)
    }
}

/// Request ids already seen: UUIDs as 16 bytes each, anything else as its text.
#[derive(Debug, Clone, Default)]
struct SeenRequestIds {
    uuids: HashSet<u128>,
    others: HashSet<Box<str>>,
}

impl SeenRequestIds {
    /// Adds `id`; false when it was already there.
    fn insert(&mut self, id: &str) -> bool {
        match uuid::uuid_bits(id) {
            Some(bits) => self.uuids.insert(bits),
            None => self.others.insert(id.into()),
        }
    }
}
