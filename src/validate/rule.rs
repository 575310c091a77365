//! The validator's rules: stable ids, default severities and descriptions.

use strum::{Display, EnumMessage, EnumProperty, EnumString, IntoStaticStr, VariantArray};

/// How serious a finding is. An `error` makes the response [`invalid`](crate::Outcome::Invalid).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong with the envelope.
    Note,
    /// Allowed by the envelope's grammar but likely a mistake.
    Warning,
    /// The response breaks a documented invariant.
    Error,
}

/// A check the validator makes, with a stable kebab-case id.
///
/// ```
/// use tencentcloud_envelope::{Rule, Severity};
///
/// let rule: Rule = "missing-request-id".parse()?;
/// assert_eq!(rule, Rule::MissingRequestId);
/// assert_eq!(rule.default_severity(), Severity::Error);
/// assert!(rule.description().contains("RequestId"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Display,
    EnumString,
    IntoStaticStr,
    EnumMessage,
    EnumProperty,
    VariantArray,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// The input is not exactly one JSON text in UTF-8.
    #[strum(
        message = "The input is not exactly one JSON text in UTF-8 (syntax error, trailing data, empty input, invalid UTF-8, or nesting deeper than the limit).",
        props(severity = "error")
    )]
    InvalidJson,
    /// The top-level value is not an object.
    #[strum(
        message = "The top-level value is not an object.",
        props(severity = "error")
    )]
    NotAnObject,
    /// The top-level object has no `Response`.
    #[strum(
        message = "The top-level object has no `Response` member.",
        props(severity = "error")
    )]
    MissingResponse,
    /// The top-level object looks like an API 2.0 reply.
    #[strum(
        message = "The top-level object looks like an API 2.0 reply (`code`, `message`, `codeDesc`, no `Response`).",
        props(severity = "error")
    )]
    LegacyEnvelope,
    /// The top-level object has members besides `Response`.
    #[strum(
        message = "The top-level object has members besides `Response`.",
        props(severity = "error")
    )]
    UnexpectedTopLevelField,
    /// `Response` is not an object.
    #[strum(message = "`Response` is not an object.", props(severity = "error"))]
    ResponseNotObject,
    /// `Response` has no `RequestId`.
    #[strum(message = "`Response` has no `RequestId`.", props(severity = "error"))]
    MissingRequestId,
    /// `RequestId` is not a non-empty string.
    #[strum(
        message = "`RequestId` is not a string, or is empty.",
        props(severity = "error")
    )]
    InvalidRequestId,
    /// An object has the same key twice.
    #[strum(
        message = "An object has the same key twice; parsers disagree on which one wins.",
        props(severity = "error")
    )]
    DuplicateKey,
    /// `Error` is present but not an object.
    #[strum(
        message = "`Error` is present but is not an object (`null` included).",
        props(severity = "error")
    )]
    ErrorNotObject,
    /// `Error` has no `Code`.
    #[strum(message = "`Error` has no `Code`.", props(severity = "error"))]
    MissingErrorCode,
    /// `Code` is not a non-empty string.
    #[strum(
        message = "`Error.Code` is not a string, or is empty.",
        props(severity = "error")
    )]
    InvalidErrorCode,
    /// `Error` has no `Message`.
    #[strum(message = "`Error` has no `Message`.", props(severity = "error"))]
    MissingErrorMessage,
    /// `Message` is not a string.
    #[strum(
        message = "`Error.Message` is not a string.",
        props(severity = "error")
    )]
    InvalidErrorMessage,
    /// `RequestId` is not a UUID.
    #[strum(
        message = "`RequestId` is not a UUID in 8-4-4-4-12 hexadecimal form.",
        props(severity = "warning")
    )]
    RequestIdNotUuid,
    /// The same `RequestId` was seen earlier by the same validator.
    #[strum(
        message = "The `RequestId` was already seen in an earlier response checked by the same validator.",
        props(severity = "warning")
    )]
    DuplicateRequestId,
    /// `Code` is not dot-separated `PascalCase` identifiers.
    #[strum(
        message = "`Error.Code` is not dot-separated `PascalCase` identifiers.",
        props(severity = "warning")
    )]
    ErrorCodeSyntax,
    /// `Message` is empty.
    #[strum(message = "`Error.Message` is empty.", props(severity = "warning"))]
    EmptyErrorMessage,
    /// A failed response carries payload members.
    #[strum(
        message = "A failed response carries members besides `Error` and `RequestId`.",
        props(severity = "warning")
    )]
    ErrorWithPayload,
    /// A key differs only in letter case from a fixed field where that field belongs.
    #[strum(
        message = "A key differs only in letter case from a fixed field where that field belongs (`response`, `requestId`, `error`, `code`, `message`).",
        props(severity = "warning")
    )]
    MisspelledField,
    /// The input starts with a UTF-8 byte order mark.
    #[strum(
        message = "The input starts with a UTF-8 byte order mark; the rest is checked without it.",
        props(severity = "warning")
    )]
    ByteOrderMark,
    /// `Code` is neither common nor under a common prefix.
    #[strum(
        message = "`Error.Code` is neither a common code nor under a common prefix, and no built-in product catalogue knows it.",
        props(severity = "note")
    )]
    UnknownErrorCode,
    /// `Response` carries `DeprecatedWarning`.
    #[strum(
        message = "`Response` carries `DeprecatedWarning`: the action is deprecated.",
        props(severity = "note")
    )]
    DeprecatedAction,
    /// An action's output lacks a member its description requires.
    #[strum(
        message = "A successful response lacks a member that the action's description marks as always present.",
        props(severity = "warning")
    )]
    SchemaMissingField,
    /// A member's value has another type than its description says.
    #[strum(
        message = "A member's value has another JSON type than the action's description says (a string for an integer, a fraction for an integer, a negative `uint64`, a malformed date or time).",
        props(severity = "warning")
    )]
    SchemaTypeMismatch,
    /// A member is `null` where its description does not allow it.
    #[strum(
        message = "A member is `null` where the action's description does not allow it.",
        props(severity = "warning")
    )]
    SchemaNullValue,
    /// A member the description does not have.
    #[strum(
        message = "A successful response has a member that the action's description does not have.",
        props(severity = "note")
    )]
    SchemaUnknownField,
    /// An event stream breaks the format's size caps.
    #[strum(
        message = "An event stream (`text/event-stream`) has a line or an event larger than the parser's cap.",
        props(severity = "error")
    )]
    InvalidEventStream,
    /// The product's description has no such action.
    #[strum(
        message = "The product's description has no action of the name the call gives.",
        props(severity = "warning")
    )]
    UnknownAction,
    /// A record could not be taken whole out of its capture file.
    #[strum(
        message = "A record could not be taken whole out of its capture file: a HAR archive that is cut short or not JSON, content whose base64 does not decode, or a record larger than the size cap.",
        props(severity = "error")
    )]
    UnreadableCapture,
}

impl Severity {
    /// The lowercase name, as displayed and parsed.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Rule {
    /// Every rule, in the order the documentation lists them.
    pub const ALL: &'static [Rule] = <Self as VariantArray>::VARIANTS;

    /// The stable kebab-case id, such as `"duplicate-key"`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The severity a finding of this rule has unless a [`Validator`](crate::Validator)
    /// overrides it.
    pub fn default_severity(self) -> Severity {
        // Every variant names a valid severity; a unit test holds each one to that.
        self.get_str("severity")
            .and_then(|name| name.parse().ok())
            .unwrap_or(Severity::Error)
    }

    /// What the rule checks, in one sentence.
    pub fn description(self) -> &'static str {
        self.get_message().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_a_valid_severity() {
        for &rule in Rule::ALL {
            let name = rule.get_str("severity").unwrap_or_default();
            assert!(name.parse::<Severity>().is_ok(), "{rule}: `{name}`");
        }
    }

    #[test]
    fn ids_round_trip() {
        for &rule in Rule::ALL {
            assert_eq!(rule.id().parse::<Rule>().ok(), Some(rule));
            assert!(rule.description().ends_with('.'), "{rule}");
        }
    }

    #[test]
    fn severities_order_from_note_to_error() {
        assert!(Severity::Note < Severity::Warning && Severity::Warning < Severity::Error);
    }
}
