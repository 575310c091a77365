//! Checking a response against every documented invariant of the API 3.0 envelope.

pub(crate) mod agreement;
mod envelope_rules;
mod finding;
mod key_stack;
mod keys;
mod numbers;
pub(crate) mod one_pass;
mod path;
mod position;
mod report;
mod request_ids;
mod rule;
mod scan;
mod schema_check;
mod short_text;
mod swar;
mod syntax;
pub(crate) mod uuid;
mod walk;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::grammar::{BYTE_ORDER_MARK, strip_byte_order_mark};
use crate::service::same_service;
use crate::{ErrorCode, EventStream, Schema, Site, StreamItem};

pub use report::{Diagnostic, Omitted, Outcome, Report, UnknownOutcome};
pub use request_ids::RequestIdMemory;
pub use rule::{Consequence, Rule, Severity, UnknownConsequence, UnknownRule, UnknownSeverity};

use finding::{Budget, Finding, Findings, RuleSet};
use position::utf8_prefix;
use walk::Context;

/// The call a response answers, when a capture says: with it the validator holds the payload
/// against the product's API description and knows the product's own error codes.
///
/// ```
/// use tencentcloud_envelope::{Call, Rule, Validator};
///
/// let body = br#"{"Response": {"TotalCount": "1", "DiskSet": [],
///     "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
/// let call = Call::new("cbs").version("2017-03-12").action("DescribeDisks");
/// let report = Validator::new().validate_call(body, call);
/// assert_eq!(report.diagnostics()[0].rule(), Rule::SchemaTypeMismatch);
/// assert_eq!(report.diagnostics()[0].pointer(), "/Response/TotalCount");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Call<'c> {
    service: Option<&'c str>,
    version: Option<&'c str>,
    action: Option<&'c str>,
}

impl<'c> Call<'c> {
    /// A call to `service`, the product's short name as in its host (`cbs`).
    pub fn new(service: &'c str) -> Self {
        Call {
            service: Some(service),
            ..Call::default()
        }
    }

    /// A call to `service` at `version` answering `action`, usable in constants.
    pub const fn new_const(service: &'c str, version: &'c str, action: &'c str) -> Self {
        Call {
            service: Some(service),
            version: Some(version),
            action: Some(action),
        }
    }

    /// The API version (`X-TC-Version`); without it, the service's newest description.
    #[must_use]
    pub fn version(mut self, version: &'c str) -> Self {
        self.version = Some(version);
        self
    }

    /// The action (`X-TC-Action`); without it, no payload check is possible.
    #[must_use]
    pub fn action(mut self, action: &'c str) -> Self {
        self.action = Some(action);
        self
    }

    /// The call of whichever parts are known, as a capture or a caller's options give them:
    /// [`Call::default()`] (no call: the envelope alone is checked) when none is.
    ///
    /// A service is what selects a description, so only a call without one need not be:
    /// [`Validator::validate_call`] takes every call this gives, the default included.
    ///
    /// # Errors
    /// A version or an action without a service, which could select nothing: the caller
    /// decides whether that is a mistake to report (an argument given alone) or a capture
    /// to check without its call.
    ///
    /// ```
    /// use tencentcloud_envelope::Call;
    ///
    /// let call = Call::from_parts(Some("cbs"), None, Some("DescribeDisks"))?;
    /// assert_eq!(call, Call::new("cbs").action("DescribeDisks"));
    /// assert_eq!(Call::from_parts(None, None, None)?, Call::default());
    /// assert!(Call::from_parts(None, Some("2017-03-12"), None).is_err());
    /// # Ok::<(), tencentcloud_envelope::MissingService>(())
    /// ```
    pub fn from_parts(
        service: Option<&'c str>,
        version: Option<&'c str>,
        action: Option<&'c str>,
    ) -> Result<Self, MissingService> {
        if service.is_none() && (version.is_some() || action.is_some()) {
            return Err(MissingService);
        }
        Ok(Call {
            service,
            version,
            action,
        })
    }
}

/// A call given a version or an action but no service: see [`Call::from_parts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a version or an action needs a service to select an API description")]
pub struct MissingService;

/// How deeply arrays and objects may nest in a body before it counts as `invalid-json`: 1 to
/// [`NestingLimit::MAX`] levels (the check recurses once per level). Checked when made, so
/// a validator never holds a limit other than the one its caller gave.
///
/// ```
/// use tencentcloud_envelope::{NestingLimit, Validator};
///
/// let limit = NestingLimit::new(16)?;
/// let validator = Validator::new().nesting_limit(limit);
/// let error = NestingLimit::try_from(5000).unwrap_err();
/// assert_eq!(error.to_string(), "5000 is out of range: the nesting limit is 1 to 1024");
/// # Ok::<(), tencentcloud_envelope::NestingLimitOutOfRange>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NestingLimit(usize);

impl NestingLimit {
    /// The default: 128 levels, far deeper than any API answer.
    pub const DEFAULT: NestingLimit = NestingLimit(128);

    /// The lowest limit: the top-level value alone.
    pub const MIN: NestingLimit = NestingLimit(1);

    /// The highest limit.
    pub const MAX: NestingLimit = NestingLimit(1024);

    /// The limit of `levels`.
    ///
    /// # Errors
    /// When `levels` is not within [`NestingLimit::MIN`] to [`NestingLimit::MAX`].
    pub const fn new(levels: usize) -> Result<Self, NestingLimitOutOfRange> {
        if levels < Self::MIN.0 || levels > Self::MAX.0 {
            return Err(NestingLimitOutOfRange { given: levels });
        }
        Ok(NestingLimit(levels))
    }

    /// The number of levels.
    pub const fn get(self) -> usize {
        self.0
    }
}

impl Default for NestingLimit {
    fn default() -> Self {
        NestingLimit::DEFAULT
    }
}

impl TryFrom<usize> for NestingLimit {
    type Error = NestingLimitOutOfRange;

    fn try_from(levels: usize) -> Result<Self, Self::Error> {
        NestingLimit::new(levels)
    }
}

impl fmt::Display for NestingLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A nesting limit outside the range [`NestingLimit`] accepts; its message names the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "{given} is out of range: the nesting limit is {} to {}",
    NestingLimit::MIN.0,
    NestingLimit::MAX.0
)]
pub struct NestingLimitOutOfRange {
    given: usize,
}

impl NestingLimitOutOfRange {
    /// The limit that was refused.
    pub fn given(&self) -> usize {
        self.given
    }
}

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
    ONE_BODY
        .check(input, ONE_BODY.context(false), Vec::new(), None)
        .into_report()
}

/// Checks one response body that answers `call` with the default options, as
/// [`Validator::validate_call`] does; [`Call::default()`] makes it [`validate`].
///
/// ```
/// use tencentcloud_envelope::{Call, Rule, validate_call};
///
/// let body = br#"{"Response": {"TotalCount": "1", "DiskSet": [],
///     "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
/// let call = Call::from_parts(Some("cbs"), Some("2017-03-12"), Some("DescribeDisks"))?;
/// assert_eq!(validate_call(body, call).diagnostics()[0].rule(), Rule::SchemaTypeMismatch);
/// # Ok::<(), tencentcloud_envelope::MissingService>(())
/// ```
pub fn validate_call(input: &[u8], call: Call) -> Report {
    ONE_BODY.validate_call_remembering(input, call, None)
}

/// The validator of [`validate`] and the SDK readers, set up once rather than per body.
static ONE_BODY: Validator = Validator::for_one_body();

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
/// let mut lenient = Validator::new().with_severity(Rule::RequestIdNotUuid, None);
/// assert_eq!(lenient.validate(body).outcome(), Outcome::Success);
/// let again = lenient.validate(body);
/// assert_eq!(again.diagnostics()[0].rule(), Rule::DuplicateRequestId);
/// assert_eq!(again.diagnostics()[0].severity(), Severity::Warning);
/// ```
#[derive(Debug, Clone)]
pub struct Validator {
    nesting_limit: NestingLimit,
    overrides: Vec<(Rule, Option<Severity>)>,
    deny_warnings: bool,
    /// Request ids seen so far; `None` when there is no later response to compare with.
    seen: Option<RequestIdMemory>,
    /// How many request ids `seen` keeps.
    request_id_memory: usize,
    /// Descriptions added by the caller, consulted before the built-in ones.
    schemas: Vec<Arc<Schema>>,
    /// The site whose built-in descriptions are read; both (their union) when `None`.
    site: Option<Site>,
    /// How many findings a report keeps.
    max_findings: usize,
}

impl Default for Validator {
    fn default() -> Self {
        Validator::new()
    }
}

impl Validator {
    /// The default nesting limit: containers deeper than this make the input `invalid-json`
    /// ([`NestingLimit::DEFAULT`]'s levels).
    pub const DEFAULT_NESTING_LIMIT: usize = NestingLimit::DEFAULT.get();

    /// The highest nesting limit accepted ([`NestingLimit::MAX`]'s levels).
    pub const MAX_NESTING_LIMIT: usize = NestingLimit::MAX.get();

    /// How many request ids a validator remembers by default for
    /// [`Rule::DuplicateRequestId`]: 2^18, at most about 22 MiB, whatever the number of bodies.
    pub const DEFAULT_REQUEST_ID_MEMORY: usize = 1 << 18;

    /// How many findings one report keeps by default; see [`Validator::max_findings`].
    pub const DEFAULT_MAX_FINDINGS: usize = 1_000;

    /// A validator with default severities and the default nesting limit.
    pub fn new() -> Self {
        Validator {
            nesting_limit: NestingLimit::DEFAULT,
            overrides: Vec::new(),
            deny_warnings: false,
            seen: Some(RequestIdMemory::new(Self::DEFAULT_REQUEST_ID_MEMORY)),
            request_id_memory: Self::DEFAULT_REQUEST_ID_MEMORY,
            schemas: Vec::new(),
            site: None,
            max_findings: Self::DEFAULT_MAX_FINDINGS,
        }
    }

    /// A validator with default options for a single body: one response cannot repeat a
    /// request id of another, so there is nothing to remember (nor a table to set up).
    const fn for_one_body() -> Self {
        Validator {
            nesting_limit: NestingLimit::DEFAULT,
            overrides: Vec::new(),
            deny_warnings: false,
            seen: None,
            request_id_memory: 0,
            schemas: Vec::new(),
            site: None,
            max_findings: Self::DEFAULT_MAX_FINDINGS,
        }
    }

    /// Sets how deeply arrays and objects may nest (by default [`NestingLimit::DEFAULT`]).
    #[must_use]
    pub fn nesting_limit(mut self, limit: NestingLimit) -> Self {
        self.nesting_limit = limit;
        self
    }

    /// Sets how many of the most recent request ids are remembered for
    /// [`Rule::DuplicateRequestId`]; older ones are forgotten, and
    /// [`Validator::forgotten_request_ids`] counts them. Resets the memory. Once full, it
    /// takes about 80 bytes an id (16 for the id in the order kept, the rest a hash table
    /// sized at twice the budget so that it never grows).
    #[must_use]
    pub fn request_id_memory(mut self, ids: usize) -> Self {
        self.request_id_memory = ids;
        if self.seen.is_some() {
            self.seen = Some(RequestIdMemory::new(ids));
        }
        self
    }

    /// How many request ids were forgotten to stay within the memory budget: a repeat of one
    /// of them goes unnoticed. Zero means duplicate detection covered every body so far.
    pub fn forgotten_request_ids(&self) -> u64 {
        self.seen.as_ref().map_or(0, RequestIdMemory::forgotten)
    }

    /// Sets how many findings one report keeps, in the order the check comes to them (the
    /// default is [`Validator::DEFAULT_MAX_FINDINGS`]). Past that, findings are only counted
    /// by rule ([`Report::omitted`]), so that a body drawing millions of findings costs memory
    /// for these few; the outcome still counts every finding. A few findings about the body
    /// as a whole (`invalid-json`, `byte-order-mark`, `duplicate-request-id`, what the call
    /// selects) are kept beyond it.
    ///
    /// ```
    /// use tencentcloud_envelope::{Outcome, Rule, Validator};
    ///
    /// let body = br#"{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c",
    ///     "a": 1, "a": 2, "a": 3, "a": 4}}"#;
    /// let report = Validator::new().max_findings(1).validate(body);
    /// assert_eq!(report.diagnostics().len(), 1);
    /// assert_eq!(report.omitted()[0].rule(), Rule::DuplicateKey);
    /// assert_eq!(report.omitted()[0].count(), 2);
    /// assert_eq!(report.outcome(), Outcome::Invalid);
    /// ```
    #[must_use]
    pub fn max_findings(mut self, most: usize) -> Self {
        self.max_findings = most;
        self
    }

    /// Gives findings of `rule` another severity, or drops them with `None`; a later call for
    /// the same rule wins. [`Validator::deny_warnings`] still makes a warning an error.
    #[must_use]
    pub fn with_severity(mut self, rule: Rule, severity: Option<Severity>) -> Self {
        self.overrides.retain(|(r, _)| *r != rule);
        self.overrides.push((rule, severity));
        self
    }

    /// Sets rules' levels as a command line gives them, whatever the order of its flags:
    /// the findings of `allow`'s rules are dropped, `warn`'s are warnings, `deny`'s errors,
    /// and a rule named at several levels takes the last of these (deny over warn over
    /// allow). The tool's `--allow`, `--warn` and `--deny`, and Python's `allow=`, `warn=` and
    /// `deny=`, are this.
    ///
    /// ```
    /// use tencentcloud_envelope::{Rule, Severity, Validator};
    ///
    /// let validator = Validator::new().levels(
    ///     [Rule::RequestIdNotUuid, Rule::UnknownErrorCode],
    ///     [Rule::UnknownErrorCode],
    ///     [Rule::RequestIdNotUuid],
    /// );
    /// assert_eq!(validator.severity(Rule::RequestIdNotUuid), Some(Severity::Error));
    /// assert_eq!(validator.severity(Rule::UnknownErrorCode), Some(Severity::Warning));
    /// ```
    #[must_use]
    pub fn levels(
        self,
        allow: impl IntoIterator<Item = Rule>,
        warn: impl IntoIterator<Item = Rule>,
        deny: impl IntoIterator<Item = Rule>,
    ) -> Self {
        let allow = allow.into_iter().map(|rule| (rule, None));
        let warn = warn.into_iter().map(|rule| (rule, Some(Severity::Warning)));
        let deny = deny.into_iter().map(|rule| (rule, Some(Severity::Error)));
        allow
            .chain(warn)
            .chain(deny)
            .fold(self, |validator, (rule, severity)| {
                validator.with_severity(rule, severity)
            })
    }

    /// Treats every warning as an error, so that any warning makes a response invalid. It
    /// applies after [`Validator::with_severity`] and [`Validator::levels`], in
    /// whichever order they were called.
    #[must_use]
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// The severity this validator gives findings of `rule`, after its overrides and
    /// [`Validator::deny_warnings`]; `None` when they are dropped.
    ///
    /// ```
    /// use tencentcloud_envelope::{Rule, Severity, Validator};
    ///
    /// let validator = Validator::new().deny_warnings();
    /// assert_eq!(validator.severity(Rule::RequestIdNotUuid), Some(Severity::Error));
    /// assert_eq!(validator.severity(Rule::UnknownErrorCode), Some(Severity::Note));
    /// ```
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
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

    /// The report on a record that could not be taken out of its capture (an archive cut
    /// short, content whose base64 does not decode, a record over the size cap), saying
    /// why: one [`Rule::UnreadableCapture`] finding at its start, of the severity this
    /// validator gives that rule.
    ///
    /// ```
    /// use tencentcloud_envelope::{Outcome, Rule, Severity, Validator};
    ///
    /// let report = Validator::new().unreadable("the content is not valid base64");
    /// assert_eq!(report.outcome(), Outcome::Invalid);
    /// assert_eq!(report.diagnostics()[0].rule(), Rule::UnreadableCapture);
    ///
    /// let lenient = Validator::new().levels([], [Rule::UnreadableCapture], []);
    /// let report = lenient.unreadable("the content is not valid base64");
    /// assert_eq!(report.outcome(), Outcome::Success);
    /// assert_eq!(report.diagnostics()[0].severity(), Severity::Warning);
    /// ```
    pub fn unreadable(&self, message: impl Into<String>) -> Report {
        Report::unreadable_at(self.severity(Rule::UnreadableCapture), message.into())
    }

    /// Adds a product's API description, used for calls to its service and version (and
    /// before the built-in description of the same product).
    #[must_use]
    pub fn schema(mut self, schema: Schema) -> Self {
        self.schemas.push(Arc::new(schema));
        self
    }

    /// Holds calls to one site's built-in descriptions: a member, action or version only the
    /// other site documents is then unknown. By default both sites' are read, as their union
    /// (see [`Schema::builtin`]).
    ///
    /// ```
    /// use tencentcloud_envelope::{Call, Rule, Site, Validator};
    ///
    /// let body = br#"{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    /// // `aai` is described by the China site only.
    /// let mut both = Validator::new();
    /// assert!(both.validate_call(body, Call::new("aai").version("2018-05-22")).diagnostics().is_empty());
    /// let mut international = Validator::new().site(Site::International);
    /// let report = international.validate_call(body, Call::new("aai").version("2018-05-22"));
    /// assert_eq!(report.diagnostics()[0].rule(), Rule::UnknownService);
    /// ```
    #[must_use]
    pub fn site(mut self, site: Site) -> Self {
        self.site = Some(site);
        self
    }

    /// The description a call to `service` at `version` selects: the caller's own first, then
    /// the built-in ones; without a version, the newest (the caller's on a tie).
    fn select(&self, service: &str, version: Option<&str>) -> Selected<'_> {
        let own = || {
            self.schemas
                .iter()
                .map(AsRef::as_ref)
                .filter(|schema| same_service(schema.service(), service))
        };
        let Some(version) = version else {
            let newest = own().fold(None::<&Schema>, |best, schema| match best {
                Some(best) if best.version() >= schema.version() => Some(best),
                _ => Some(schema),
            });
            let builtin = Schema::builtin_newest_read(self.site, service)
                .filter(|b| newest.is_none_or(|own| own.version() < b.version()));
            let Some(schema) = builtin.or(newest) else {
                return Selected::UnknownService;
            };
            let mut versions: Vec<&str> = own()
                .map(Schema::version)
                .chain(Schema::builtin_versions_read(self.site, service).map(|v| -> &str { v }))
                .collect();
            versions.sort_unstable();
            versions.dedup();
            return Selected::Newest {
                schema,
                chosen: versions.len() > 1,
            };
        };
        if let Some(schema) = own()
            .find(|schema| schema.version() == version)
            .or_else(|| Schema::builtin_read(self.site, service, version))
        {
            return Selected::Exact(schema);
        }
        let mut known: Vec<&str> = own()
            .map(Schema::version)
            .chain(Schema::builtin_versions_read(self.site, service).map(|v| -> &str { v }))
            .collect();
        if known.is_empty() {
            return Selected::UnknownService;
        }
        known.sort_unstable();
        known.dedup();
        Selected::UnknownVersion(known.join(", "))
    }

    /// Checks one response body that answers `call`: besides the envelope rules, a successful
    /// payload is held against the product's description, and the product's own error codes
    /// are known.
    ///
    /// Every product version Tencent Cloud describes is built in (see [`Schema::builtin`]).
    /// A call without a version is checked against the service's newest description, with a
    /// [`Rule::VersionAssumed`] note when the service has several; a service, version or action no description has is a
    /// finding ([`Rule::UnknownService`], [`Rule::UnknownVersion`], [`Rule::UnknownAction`])
    /// and leaves the payload unchecked. Failures draw none of these.
    ///
    /// ```
    /// use tencentcloud_envelope::{Call, Rule, Validator};
    ///
    /// let body = br#"{"Response": {"TotalCount": 0, "DiskSet": [],
    ///     "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    /// let mut validator = Validator::new();
    /// // CLB has two versions, 2018-03-17 and 2023-04-17: the newest is taken, and said.
    /// let report = validator.validate_call(body, Call::new("clb").action("DescribeTargetHealth"));
    /// assert_eq!(report.diagnostics()[0].rule(), Rule::VersionAssumed);
    /// let report = validator.validate_call(body, Call::new("cbz").action("DescribeDisks"));
    /// assert_eq!(report.diagnostics()[0].rule(), Rule::UnknownService);
    /// ```
    pub fn validate_call(&mut self, input: &[u8], call: Call) -> Report {
        let mut seen = self.seen.take();
        let report = self.validate_call_remembering(input, call, seen.as_mut());
        self.seen = seen;
        report
    }

    /// [`Validator::validate_call`], remembering the body's request id in `seen` when given.
    fn validate_call_remembering(
        &self,
        input: &[u8],
        call: Call,
        seen: Option<&mut RequestIdMemory>,
    ) -> Report {
        let mut said = Vec::new();
        let mut schema = None;
        if let Some(service) = call.service {
            match self.select(service, call.version) {
                Selected::Exact(found) => schema = Some(found),
                Selected::Newest {
                    schema: found,
                    chosen,
                } => {
                    if chosen && call.action.is_some() {
                        said.push((
                            Rule::VersionAssumed,
                            format!(
                                "the call names no version: checked against `{}` {}, the newest description",
                                found.service(),
                                found.version()
                            ),
                        ));
                    }
                    schema = Some(found);
                }
                Selected::UnknownService => said.push((
                    Rule::UnknownService,
                    format!("no API description is known for the service `{service}`"),
                )),
                Selected::UnknownVersion(known) => said.push((
                    Rule::UnknownVersion,
                    format!(
                        "`{service}` has no API description of version `{}` (known: {known})",
                        call.version.unwrap_or_default()
                    ),
                )),
            }
        }
        let output = schema
            .zip(call.action)
            .map(|(schema, action)| (schema, action, schema.output(action)));
        let context = Context {
            service: call.service,
            schema: output.and_then(|(schema, _, output)| Some((schema, output?))),
            ..self.context(false)
        };
        if let Some((schema, action, None)) = output {
            said.push((
                Rule::UnknownAction,
                format!(
                    "`{}` {} has no action `{action}`",
                    schema.service(),
                    schema.version()
                ),
            ));
        }
        self.check(input, context, said, seen).into_report()
    }

    /// Checks a whole `text/event-stream` body: a failure when the service sent an error
    /// inside the stream (the first one decides the code and request id), invalid when the
    /// stream breaks the parser's caps or is cut off inside an event, a success otherwise.
    /// `header_request_id` is the stream's `X-TC-RequestId` header, when known.
    ///
    /// ```
    /// use tencentcloud_envelope::{Outcome, Rule, Validator};
    ///
    /// let stream = b"data: {\"Delta\": \"hi\"}\n\ndata: {\"Code\": \"InternalError\", \"Msg\": \"boom\"}\n\n";
    /// let report = Validator::new().validate_event_stream(stream, Some("r-1"));
    /// assert_eq!(report.outcome(), Outcome::Failure);
    /// assert_eq!((report.code(), report.request_id()), (Some("InternalError"), Some("r-1")));
    ///
    /// let cut = Validator::new().validate_event_stream(b"data: {\"Delta\": \"h", None);
    /// assert_eq!(cut.diagnostics()[0].rule(), Rule::TruncatedEventStream);
    /// ```
    pub fn validate_event_stream(
        &mut self,
        input: &[u8],
        header_request_id: Option<&str>,
    ) -> Report {
        self.validate_event_stream_from(input, header_request_id)
            .unwrap_or_else(|error| self.unreadable(error.to_string()))
    }

    /// [`Validator::validate_event_stream`] on a stream read from `reader` as it arrives:
    /// memory is bounded by the parser's caps, not by the stream's length, and no event is
    /// kept once it has been looked at.
    ///
    /// # Errors
    /// When reading fails.
    pub fn validate_event_stream_from(
        &mut self,
        mut reader: impl std::io::Read,
        header_request_id: Option<&str>,
    ) -> std::io::Result<Report> {
        let mut stream = EventStream::new();
        if let Some(id) = header_request_id {
            stream = stream.with_request_id(id);
        }
        let mut chunk = vec![0u8; 64 * 1024];
        let mut items = Vec::new();
        let mut error = None;
        let mut place = position::StreamPlace::default();
        let broken = loop {
            let read = match reader.read(&mut chunk) {
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let bytes = chunk.get(..read).unwrap_or_default();
            let fed = if read == 0 {
                stream.finish()
            } else {
                stream.feed(bytes, &mut items)
            };
            if error.is_none() {
                error = items.drain(..).find_map(|item| match item {
                    StreamItem::Error { error, .. } => Some(error),
                    StreamItem::Event(_) => None,
                });
            }
            items.clear();
            if let Err(broken) = fed {
                let within = broken.offset().saturating_sub(place.offset());
                place.advance(
                    bytes
                        .get(..usize::try_from(within).unwrap_or(usize::MAX))
                        .unwrap_or(bytes),
                );
                break Some(broken);
            }
            if read == 0 {
                break None;
            }
            place.advance(bytes);
        };
        let request_id = error
            .as_ref()
            .map(|e| e.request_id().to_owned())
            .filter(|id| !id.is_empty())
            .or_else(|| header_request_id.map(str::to_owned));
        let diagnostics = broken
            .and_then(|broken| {
                let rule = match broken {
                    crate::StreamError::Truncated { .. } => Rule::TruncatedEventStream,
                    _ => Rule::InvalidEventStream,
                };
                let mut diagnostic = Diagnostic::new(
                    rule,
                    self.severity(rule)?,
                    String::new(),
                    broken.to_string(),
                );
                let (line, column) = place.position();
                diagnostic.place(
                    usize::try_from(broken.offset()).unwrap_or(usize::MAX),
                    line,
                    column,
                );
                Some(diagnostic)
            })
            .into_iter()
            .collect();
        Ok(Report::new(
            error.is_some(),
            request_id.as_deref(),
            error.as_ref().map(|e| e.code().as_str()),
            diagnostics,
        ))
    }

    /// Forgets the request ids seen so far.
    pub fn reset(&mut self) {
        self.seen = Some(RequestIdMemory::new(self.request_id_memory));
    }

    /// Checks one response body.
    pub fn validate(&mut self, input: &[u8]) -> Report {
        self.validate_call(input, Call::default())
    }

    /// The context of a body read with no call known (the validator's options alone),
    /// gathering the payload's text when `capture`.
    fn context(&self, capture: bool) -> Context<'static> {
        let mut dropped = RuleSet::default();
        for (rule, _) in self
            .overrides
            .iter()
            .filter(|(_, severity)| severity.is_none())
        {
            dropped.insert(*rule);
        }
        Context {
            nesting_limit: self.nesting_limit.get(),
            service: None,
            schema: None,
            capture,
            budget: Budget {
                most: self.max_findings,
                dropped,
                verdict_only: capture,
            },
        }
    }

    /// Checks one body in `context`, remembering its request id in `seen` when given.
    fn check<'a>(
        &self,
        input: &'a [u8],
        context: Context<'a>,
        said: Vec<(Rule, String)>,
        seen: Option<&mut RequestIdMemory>,
    ) -> Checked<'a> {
        let (body, bom) = strip_byte_order_mark(input);
        let text = utf8_prefix(body);
        let utf8_error = (text.len() < body.len()).then_some(text.len());
        // A clean envelope is read by the scanner; anything else, by the walk.
        let mut walked = scan::scan(text, context).unwrap_or_else(|| walk::walk(text, context));
        let mut findings = std::mem::take(&mut walked.findings);
        // What the call selected is said of payloads only: a failure has none to check.
        if !walked.parts.failed && !said.is_empty() {
            for (rule, message) in said {
                findings.push_always(Finding {
                    rule,
                    pointer: String::new(),
                    offset: 0,
                    message,
                });
            }
        }
        if bom {
            findings.push_always(Finding {
                rule: Rule::ByteOrderMark,
                pointer: String::new(),
                offset: 0,
                message: "the input starts with a UTF-8 byte order mark".to_owned(),
            });
        }
        let json_error = match (utf8_error, walked.parts.syntax_error.take()) {
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
            findings.push_always(Finding {
                rule: Rule::InvalidJson,
                pointer: String::new(),
                offset,
                message,
            });
        }
        if let (Some(id), Some(seen)) = (walked.parts.request_id.as_deref(), seen)
            && !id.is_empty()
            && !seen.insert(id)
        {
            findings.push_always(Finding {
                rule: Rule::DuplicateRequestId,
                pointer: crate::grammar::names::REQUEST_ID_POINTER.to_owned(),
                offset: walked.parts.request_id_offset,
                message: format!(
                    "the request id `{}` was already seen in an earlier response",
                    crate::text::quoted(id)
                ),
            });
        }
        let (diagnostics, omitted) =
            self.diagnostics(findings, text, if bom { BYTE_ORDER_MARK.len() } else { 0 });
        Checked {
            walked,
            diagnostics,
            omitted,
        }
    }

    /// Applies severity overrides and places each finding by line and column; the findings
    /// past the budget, counted by rule, take their severity too.
    #[inline]
    fn diagnostics(
        &self,
        findings: Findings,
        text: &str,
        shift: usize,
    ) -> (Vec<Diagnostic>, Vec<Omitted>) {
        // The common body: nothing to place.
        if findings.is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.place(findings, text, shift)
    }

    /// [`Validator::diagnostics`] of a body with findings.
    fn place(
        &self,
        findings: Findings,
        text: &str,
        shift: usize,
    ) -> (Vec<Diagnostic>, Vec<Omitted>) {
        let (mut kept, omitted) = findings.into_parts();
        kept.sort_by_key(|finding| finding.offset);
        let mut cursor = position::Cursor::new(text);
        let diagnostics = kept
            .into_iter()
            .filter_map(|finding| {
                let severity = self.severity(finding.rule)?;
                let mut diagnostic =
                    Diagnostic::new(finding.rule, severity, finding.pointer, finding.message);
                let (line, column) = cursor.position(finding.offset);
                diagnostic.place(finding.offset + shift, line, column);
                Some(diagnostic)
            })
            .collect();
        let omitted = omitted
            .into_iter()
            .filter_map(|(rule, count)| Some(Omitted::new(rule, self.severity(rule)?, count)))
            .collect();
        (diagnostics, omitted)
    }
}

/// One body checked: what the walk read, and the findings placed and given their severity.
struct Checked<'a> {
    walked: walk::Walked<'a>,
    diagnostics: Vec<Diagnostic>,
    /// The findings past the budget, by rule.
    omitted: Vec<Omitted>,
}

impl Checked<'_> {
    #[inline]
    fn into_report(self) -> Report {
        let Checked {
            walked,
            diagnostics,
            omitted,
        } = self;
        let report = Report::new(
            walked.parts.failed,
            walked.parts.request_id.as_deref(),
            walked.parts.code.as_deref(),
            diagnostics,
        );
        if omitted.is_empty() {
            report
        } else {
            report.with_omitted(omitted)
        }
    }
}

/// What the readers an SDK uses ([`Envelope`](crate::Envelope), `classify`, `decode`) take
/// from one body: the validator's findings with default severities, and the envelope's parts.
pub(crate) struct Read<'a> {
    pub findings: Vec<Diagnostic>,
    pub request_id: Option<Cow<'a, str>>,
    /// The JSON text of `RequestId`'s value, for payload types that declare it.
    pub request_id_text: Option<&'a str>,
    /// `Error.Code` and `Error.Message` when the body reports a failure.
    pub error: Option<(ErrorCode, Cow<'a, str>)>,
    pub deprecated_warning: Option<Cow<'a, str>>,
    pub payload: Vec<(Cow<'a, str>, &'a str)>,
}

impl Read<'_> {
    /// The first finding that makes the body untrustworthy, given whether a request id
    /// came from elsewhere (the `X-TC-RequestId` header).
    pub fn fatal(&self, header_id: bool) -> Option<&Diagnostic> {
        self.findings.iter().find(|d| match d.rule().consequence() {
            Consequence::Fatal => true,
            Consequence::FatalWithoutHeaderId => !header_id,
            Consequence::Tolerated => false,
        })
    }
}

/// Reads one body for an SDK: one walk, the same as [`validate`]'s, that also gathers the
/// payload members' text when `capture` (a reader that hands on no payload needs none).
pub(crate) fn read(input: &[u8], capture: bool) -> Read<'_> {
    // The findings past a fatal one or the budget are not needed: the verdict is in.
    let mut context = ONE_BODY.context(true);
    context.capture = capture;
    let Checked {
        walked,
        diagnostics,
        omitted: _,
    } = ONE_BODY.check(input, context, Vec::new(), None);
    let code = walked.parts.code.and_then(|code| code.parse().ok());
    let error = code
        .filter(|_| walked.parts.failed)
        .map(|code| (code, walked.parts.message.unwrap_or_default()));
    Read {
        findings: diagnostics,
        request_id: walked.parts.request_id.filter(|id| !id.is_empty()),
        request_id_text: walked.parts.request_id_text,
        error,
        deprecated_warning: walked.parts.deprecated_warning,
        payload: walked.parts.payload,
    }
}

/// The payload `reader` reads from `body`, its request id and the findings the id draws, when
/// `body` is a clean success read in one pass at the limits [`read`] keeps; `None` sends the
/// body to [`read`] (so does an empty id, whose verdict turns on the headers).
pub(crate) fn read_clean<'a, R: one_pass::PayloadReader<'a>>(
    body: &'a [u8],
    reader: R,
) -> Option<(R::Value, &'a str, Vec<Diagnostic>)> {
    let (payload, id) = one_pass::read_clean(body, ONE_BODY.nesting_limit.get(), reader)?;
    Some((payload, id, clean_id_findings(body, id)?))
}

/// What the request id `id`, a slice of the clean body `body`, draws, placed and worded as a
/// full reading would; `None` for an empty id.
fn clean_id_findings(body: &[u8], id: &str) -> Option<Vec<Diagnostic>> {
    if uuid::is_uuid(id) {
        return Some(Vec::new());
    }
    let text = utf8_prefix(body);
    // The id's opening quote.
    let offset = (id.as_ptr() as usize).checked_sub(text.as_ptr() as usize + 1)?;
    let mut findings = Findings::new(ONE_BODY.context(true).budget);
    envelope_rules::note_request_id(&mut findings, id, offset)
        .then(|| ONE_BODY.diagnostics(findings, text, 0).0)
}

/// What a call's service and version select.
enum Selected<'s> {
    /// The description of the version the call names.
    Exact(&'s Schema),
    /// The call names no version: the service's newest description, `chosen` among several
    /// (with one version known there is no choice to report).
    Newest {
        schema: &'s Schema,
        chosen: bool,
    },
    UnknownService,
    /// The service is known, the version is not; the versions known, for the message.
    UnknownVersion(String),
}
