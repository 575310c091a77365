//! The validator's rules: one table gives each rule its stable id, default severity, what it
//! means for an SDK reading the response, and its description.

use strum::{Display, IntoStaticStr, VariantArray};

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

/// What a finding of a rule means for an SDK that reads the response (`classify`,
/// [`Envelope`](crate::Envelope), [`decode`](crate::decode())).
///
/// The split follows `url`'s: a fatal finding makes the parse fail, a tolerated one is data
/// handed over beside the result.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Display,
    IntoStaticStr,
    VariantArray,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Consequence {
    /// The body cannot be trusted to say what happened (which outcome, request id, code or
    /// payload): readers refuse it, and `classify` calls it a protocol error.
    Fatal,
    /// Fatal unless the `X-TC-RequestId` response header supplies the request id the body
    /// lacks; readers given that header use it and go on.
    FatalWithoutHeaderId,
    /// The call succeeded or failed as the body says; the finding rides along with the result.
    Tolerated,
}

/// Declares [`Rule`] from one table: variant, default severity, consequence, description.
macro_rules! rules {
    ($( $(#[doc = $doc:literal])* $variant:ident: $severity:ident, $consequence:ident, $description:literal; )*) => {
        /// A check the validator makes, with a stable kebab-case id.
        ///
        /// ```
        /// use tencentcloud_envelope::{Consequence, Rule, Severity};
        ///
        /// let rule: Rule = "missing-request-id".parse()?;
        /// assert_eq!(rule, Rule::MissingRequestId);
        /// assert_eq!(rule.default_severity(), Severity::Error);
        /// assert_eq!(rule.consequence(), Consequence::FatalWithoutHeaderId);
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
            IntoStaticStr,
            VariantArray,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[strum(serialize_all = "kebab-case")]
        #[serde(rename_all = "kebab-case")]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[doc = $doc])* #[doc = ""] #[doc = $description] $variant, )*
        }

        impl Rule {
            /// The severity a finding of this rule has unless a [`Validator`](crate::Validator)
            /// overrides it.
            pub const fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// What a finding of this rule means for an SDK reading the response; overriding a
            /// rule's severity in a `Validator` does not change it.
            pub const fn consequence(self) -> Consequence {
                match self { $( Rule::$variant => Consequence::$consequence, )* }
            }

            /// What the rule checks, in one sentence.
            pub const fn description(self) -> &'static str {
                match self { $( Rule::$variant => $description, )* }
            }
        }
    };
}

rules! {
    /// Not one JSON text.
    InvalidJson: Error, Fatal,
        "The input is not exactly one JSON text in UTF-8 (syntax error, trailing data, empty input, invalid UTF-8, a number a double cannot hold, or nesting deeper than the limit).";
    /// Not an object.
    NotAnObject: Error, Fatal, "The top-level value is not an object.";
    /// No `Response`.
    MissingResponse: Error, Fatal, "The top-level object has no `Response` member.";
    /// An API 2.0 reply.
    LegacyEnvelope: Error, Fatal,
        "The top-level object looks like an API 2.0 reply (`code`, `message`, `codeDesc`, no `Response`).";
    /// Extra top-level members.
    UnexpectedTopLevelField: Error, Tolerated, "The top-level object has members besides `Response`.";
    /// `Response` is not an object.
    ResponseNotObject: Error, Fatal, "`Response` is not an object.";
    /// No `RequestId`.
    MissingRequestId: Error, FatalWithoutHeaderId, "`Response` has no `RequestId`.";
    /// `RequestId` is not a non-empty string.
    InvalidRequestId: Error, FatalWithoutHeaderId, "`RequestId` is not a string, or is empty.";
    /// A repeated key.
    DuplicateKey: Error, Fatal, "An object has the same key twice; parsers disagree on which one wins.";
    /// `Error` is not an object.
    ErrorNotObject: Error, Fatal, "`Error` is present but is not an object (`null` included).";
    /// No `Code`.
    MissingErrorCode: Error, Fatal, "`Error` has no `Code`.";
    /// `Code` is not a non-empty string.
    InvalidErrorCode: Error, Fatal, "`Error.Code` is not a string, or is empty.";
    /// No `Message`.
    MissingErrorMessage: Error, Tolerated, "`Error` has no `Message`.";
    /// `Message` is not a string.
    InvalidErrorMessage: Error, Tolerated, "`Error.Message` is not a string.";
    /// `RequestId` is not a UUID.
    RequestIdNotUuid: Warning, Tolerated, "`RequestId` is not a UUID in 8-4-4-4-12 hexadecimal form.";
    /// A request id seen before.
    DuplicateRequestId: Warning, Tolerated,
        "The `RequestId` was already seen in an earlier response checked by the same validator.";
    /// `Code` is not dot-separated `PascalCase`.
    ErrorCodeSyntax: Warning, Tolerated, "`Error.Code` is not dot-separated `PascalCase` identifiers, or is longer than 256 bytes (`ErrorCode::MAX_LEN`).";
    /// `Message` is empty.
    EmptyErrorMessage: Warning, Tolerated, "`Error.Message` is empty.";
    /// A failure with payload members.
    ErrorWithPayload: Warning, Tolerated, "A failed response carries members besides `Error` and `RequestId`.";
    /// A fixed member's name in the wrong letter case.
    MisspelledField: Warning, Tolerated,
        "A key differs only in letter case from a fixed field where that field belongs (`response`, `requestId`, `error`, `code`, `message`).";
    /// A byte order mark.
    ByteOrderMark: Warning, Tolerated, "The input starts with a UTF-8 byte order mark; the rest is checked without it.";
    /// An unknown error code.
    UnknownErrorCode: Note, Tolerated,
        "`Error.Code` is neither a common code nor under a common prefix, and no built-in product catalogue knows it.";
    /// A deprecated action.
    DeprecatedAction: Note, Tolerated, "`Response` carries `DeprecatedWarning`: the action is deprecated.";
    /// A required member is missing.
    SchemaMissingField: Warning, Tolerated,
        "A successful response lacks a member that the action's description marks as always present.";
    /// A value of the wrong type.
    SchemaTypeMismatch: Warning, Tolerated,
        "A member's value has another JSON type than the action's description says (a string for an integer, a fraction for an integer, a negative `uint64`, a malformed date or time).";
    /// A `null` where none is allowed.
    SchemaNullValue: Warning, Tolerated, "A member is `null` where the action's description does not allow it.";
    /// A member the description lacks.
    SchemaUnknownField: Note, Tolerated, "A successful response has a member that the action's description does not have.";
    /// A broken event stream.
    InvalidEventStream: Error, Fatal,
        "An event stream (`text/event-stream`) has a line or an event larger than the parser's cap.";
    /// No such action.
    UnknownAction: Warning, Tolerated, "The product's description has no action of the name the call gives.";
    /// A stream cut off.
    TruncatedEventStream: Error, Fatal,
        "An event stream ends inside an event or a line: the last event never arrived whole.";
    /// A key `serde_json` reserves.
    ReservedKey: Error, Fatal,
        "A key is one `serde_json` reserves (`$serde_json::private::RawValue`, `$serde_json::private::Number`): a program built with its `raw_value` or `arbitrary_precision` feature reads that object as something else.";
    /// No description for the service.
    UnknownService: Note, Tolerated,
        "No API description is known for the service the call names, so its payload is not checked.";
    /// No description of that version.
    UnknownVersion: Warning, Tolerated,
        "The service has API descriptions, but none of the version the call names, so its payload is not checked.";
    /// The newest version was assumed.
    VersionAssumed: Note, Tolerated,
        "The call names no API version and the service has several, so its payload is checked against the newest description.";
    /// A record that could not be taken out of its capture.
    UnreadableCapture: Error, Fatal,
        "A record could not be taken whole out of its capture file: a HAR archive that is cut short or not JSON, content whose base64 does not decode, or a record larger than the size cap.";
    /// `X-TC-RequestId` headers that disagree.
    RequestIdHeadersDiffer: Warning, Tolerated,
        "The response has several `X-TC-RequestId` headers that differ; the first is the request id.";
    /// An `X-TC-RequestId` header that is not UTF-8.
    RequestIdHeaderNotUtf8: Warning, Tolerated,
        "An `X-TC-RequestId` header is not UTF-8, so it gives no request id.";
}

impl Severity {
    /// Every severity, from the least serious.
    pub const ALL: &'static [Severity] = <Self as VariantArray>::VARIANTS;

    /// The lowercase name, as displayed and parsed.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Rule {
    /// Every rule, in the order the documentation lists them.
    pub const ALL: &'static [Rule] = <Self as VariantArray>::VARIANTS;

    /// The stable kebab-case id, such as `"duplicate-key"`, as displayed and parsed.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The stable kebab-case id: [`Rule::as_str`], the name every other type of the crate gives it.
    #[deprecated(since = "0.2.0", note = "use `Rule::as_str`")]
    pub fn id(self) -> &'static str {
        self.as_str()
    }

    /// Whether the rule is about the request id being missing or unusable, which the
    /// `X-TC-RequestId` header can make up for.
    pub(crate) fn is_about_request_id(self) -> bool {
        self.consequence() == Consequence::FatalWithoutHeaderId
    }
}

impl Consequence {
    /// Every consequence, from the most severe.
    pub const ALL: &'static [Consequence] = <Self as VariantArray>::VARIANTS;

    /// The kebab-case name, as displayed and parsed.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Declares `$error`, what parsing a name of `$named` fails with (as [`UnknownCategory`] is
/// [`Category`]'s), and that parse: exactly one of the names `as_str` gives.
///
/// [`UnknownCategory`]: crate::UnknownCategory
/// [`Category`]: crate::Category
macro_rules! unknown_name {
    ($(#[$doc:meta])* $error:ident, $named:ty, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $error {
            input: String,
        }

        impl $error {
            /// The string that failed to parse.
            pub fn input(&self) -> &str {
                &self.input
            }
        }

        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "`{}` is not {}", self.input, $what)
            }
        }

        impl std::error::Error for $error {}

        impl std::str::FromStr for $named {
            type Err = $error;

            fn from_str(text: &str) -> Result<Self, $error> {
                <$named>::ALL
                    .iter()
                    .copied()
                    .find(|named| named.as_str() == text)
                    .ok_or_else(|| $error {
                        input: text.to_owned(),
                    })
            }
        }
    };
}
pub(super) use unknown_name;

unknown_name!(
    /// The error returned when a string is not the kebab-case id of a [`Rule`].
    UnknownRule,
    Rule,
    "a rule id"
);
unknown_name!(
    /// The error returned when a string is not the lowercase name of a [`Severity`].
    UnknownSeverity,
    Severity,
    "a severity"
);
unknown_name!(
    /// The error returned when a string is not the kebab-case name of a [`Consequence`].
    UnknownConsequence,
    Consequence,
    "a consequence"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for &rule in Rule::ALL {
            assert_eq!(rule.as_str().parse::<Rule>().ok(), Some(rule));
            assert!(rule.description().ends_with('.'), "{rule}");
        }
    }

    /// Each name parses back; any other text is refused with an error of the type's own,
    /// naming the text, and names differing in letter case or spacing are other text.
    #[test]
    fn names_parse_with_errors_of_their_own() {
        assert_eq!("duplicate-key".parse::<Rule>(), Ok(Rule::DuplicateKey));
        assert_eq!("warning".parse::<Severity>(), Ok(Severity::Warning));
        assert_eq!(
            "fatal-without-header-id".parse::<Consequence>(),
            Ok(Consequence::FatalWithoutHeaderId)
        );
        let rule = "Duplicate-Key".parse::<Rule>().unwrap_err();
        assert_eq!(rule.input(), "Duplicate-Key");
        assert_eq!(rule.to_string(), "`Duplicate-Key` is not a rule id");
        assert_eq!(
            " error".parse::<Severity>().unwrap_err().to_string(),
            "` error` is not a severity"
        );
        assert_eq!(
            "deadly".parse::<Consequence>().unwrap_err().to_string(),
            "`deadly` is not a consequence"
        );
        assert_eq!("invalid".parse(), Ok(crate::Outcome::Invalid));
        assert_eq!(
            "Success".parse::<crate::Outcome>().unwrap_err().to_string(),
            "`Success` is not an outcome"
        );
    }

    #[test]
    fn every_severity_is_listed_from_the_least_serious() {
        assert_eq!(
            Severity::ALL,
            [Severity::Note, Severity::Warning, Severity::Error]
        );
        for &severity in Severity::ALL {
            assert_eq!(severity.as_str().parse::<Severity>(), Ok(severity));
            assert_eq!(severity.as_str(), severity.to_string());
        }
    }

    /// A body the validator calls valid is never refused by a reader.
    #[test]
    fn only_errors_are_fatal() {
        for &rule in Rule::ALL {
            if rule.consequence() != Consequence::Tolerated {
                assert_eq!(rule.default_severity(), Severity::Error, "{rule}");
            }
        }
    }

    #[test]
    fn severities_order_from_note_to_error() {
        assert!(Severity::Note < Severity::Warning && Severity::Warning < Severity::Error);
    }
}
