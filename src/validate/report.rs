//! What the validator found: a [`Report`] per response, made of [`Diagnostic`]s.

use serde::{Deserialize, Serialize};

use super::rule::unknown_name;
use super::short_text::ShortText;
use super::{Rule, Severity};

/// The verdict on one response.
///
/// ```
/// use tencentcloud_envelope::Outcome;
///
/// assert_eq!(Outcome::Invalid.as_str(), "invalid");
/// assert_eq!("failure".parse(), Ok(Outcome::Failure));
/// assert_eq!(Outcome::ALL.len(), 3);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Outcome {
    /// A well-formed envelope without `Error`.
    Success,
    /// A well-formed envelope whose `Error` reports a failure of the call.
    Failure,
    /// At least one finding has severity [`Severity::Error`]: the envelope itself is broken.
    Invalid,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: &'static [Outcome] = <Self as strum::VariantArray>::VARIANTS;

    /// The lowercase name, as displayed, parsed and serialized (`"success"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

unknown_name!(
    /// The error returned when a string is not the lowercase name of an [`Outcome`].
    UnknownOutcome,
    Outcome,
    "an outcome"
);

/// One finding: which rule, how serious, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    rule: Rule,
    severity: Severity,
    pointer: String,
    line: usize,
    column: usize,
    message: String,
    #[serde(skip)]
    offset: usize,
}

impl Diagnostic {
    pub(crate) fn new(rule: Rule, severity: Severity, pointer: String, message: String) -> Self {
        Diagnostic {
            rule,
            severity,
            pointer,
            line: 1,
            column: 1,
            message,
            offset: 0,
        }
    }

    pub(crate) fn place(&mut self, offset: usize, line: usize, column: usize) {
        self.offset = offset;
        self.line = line;
        self.column = column;
    }

    /// The rule that fired.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// How serious the finding is, after the validator's overrides.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// An RFC 6901 JSON Pointer to the offending value; for a missing member, to the object
    /// that lacks it; for a repeated key, to the repeated member. The root is `""`.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The 1-based line of that place in the input.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of that place, counted in characters.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The byte offset of that place in the input (not serialized).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong, in one sentence naming the values involved.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Findings of one rule past a report's budget ([`Validator::max_findings`]): counted, not
/// kept.
///
/// [`Validator::max_findings`]: crate::Validator::max_findings
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Omitted {
    rule: Rule,
    severity: Severity,
    count: u64,
}

impl Omitted {
    pub(crate) fn new(rule: Rule, severity: Severity, count: u64) -> Self {
        Omitted {
            rule,
            severity,
            count,
        }
    }

    /// The rule whose findings were not kept.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// Their severity, after the validator's overrides.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// How many there were.
    pub fn count(&self) -> u64 {
        self.count
    }
}

/// Everything the validator found in one response.
///
/// Serializes to `{"outcome", "request_id", "code", "diagnostics"}`, with `"omitted"` when
/// findings went past the budget; diagnostics come in input order. It does not deserialize:
/// its outcome is decided by its findings, so only the validator makes one (see
/// [`Validator::unreadable`] for a record that never reached it).
///
/// [`Validator::unreadable`]: crate::Validator::unreadable
///
/// ```
/// use tencentcloud_envelope::{validate, Outcome, Rule};
///
/// let report = validate(br#"{"Response": {"TotalCount": 0}}"#);
/// assert_eq!(report.outcome(), Outcome::Invalid);
/// assert_eq!(report.diagnostics()[0].rule(), Rule::MissingRequestId);
/// assert_eq!(report.diagnostics()[0].pointer(), "/Response");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    outcome: Outcome,
    request_id: Option<ShortText>,
    code: Option<ShortText>,
    diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omitted: Vec<Omitted>,
}

impl Report {
    pub(crate) fn new(
        failed: bool,
        request_id: Option<&str>,
        code: Option<&str>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let outcome = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            Outcome::Invalid
        } else if failed {
            Outcome::Failure
        } else {
            Outcome::Success
        };
        Report {
            outcome,
            request_id: request_id.map(ShortText::new),
            code: code.map(ShortText::new),
            diagnostics,
            omitted: Vec::new(),
        }
    }

    /// The same report with the findings past its budget: any error among them makes it
    /// invalid.
    pub(crate) fn with_omitted(mut self, omitted: Vec<Omitted>) -> Self {
        if omitted.iter().any(|o| o.severity == Severity::Error) {
            self.outcome = Outcome::Invalid;
        }
        self.omitted = omitted;
        self
    }

    /// The report on a record that could not be taken out of its capture: one
    /// `unreadable-capture` finding at its start, of `severity` (none when dropped).
    pub(crate) fn unreadable_at(severity: Option<Severity>, message: String) -> Self {
        let diagnostics = severity
            .map(|severity| {
                Diagnostic::new(Rule::UnreadableCapture, severity, String::new(), message)
            })
            .into_iter()
            .collect();
        Report::new(false, None, None, diagnostics)
    }

    /// The report on a record that could not be taken out of its capture, with the
    /// `unreadable-capture` rule at its default severity (error).
    #[deprecated(
        since = "0.2.0",
        note = "use `Validator::unreadable`, which gives `unreadable-capture` the validator's severity"
    )]
    pub fn unreadable(message: impl Into<String>) -> Self {
        Report::unreadable_at(
            Some(Rule::UnreadableCapture.default_severity()),
            message.into(),
        )
    }

    /// The verdict.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// `Response.RequestId`, whenever it was a readable string, even in an invalid report.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_ref().map(ShortText::as_str)
    }

    /// `Response.Error.Code`, whenever it was a readable string, even in an invalid report.
    pub fn code(&self) -> Option<&str> {
        self.code.as_ref().map(ShortText::as_str)
    }

    /// The findings, in input order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The findings past the budget, counted by rule in the order first met; empty when
    /// every finding is in [`Report::diagnostics`].
    pub fn omitted(&self) -> &[Omitted] {
        &self.omitted
    }

    /// How many findings have `severity`, those omitted past the budget included.
    pub fn count(&self, severity: Severity) -> usize {
        let kept = self.diagnostics.iter().filter(|d| d.severity == severity);
        let omitted = self.omitted.iter().filter(|o| o.severity == severity);
        omitted.fold(kept.count(), |sum, o| {
            sum.saturating_add(usize::try_from(o.count).unwrap_or(usize::MAX))
        })
    }

    /// Whether any finding comes from `rule`, those omitted past the budget included.
    pub fn has(&self, rule: Rule) -> bool {
        self.diagnostics.iter().any(|d| d.rule == rule)
            || self.omitted.iter().any(|o| o.rule == rule)
    }
}
