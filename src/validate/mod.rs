//! Checking a response against every documented invariant of the API 3.0 envelope.

mod envelope_rules;
mod keys;
mod path;
mod report;
mod rule;
mod schema_check;
pub(crate) mod uuid;
mod walk;

use std::collections::HashSet;
use std::sync::Arc;

use crate::{EventStream, Schema, StreamItem};

pub use report::{Diagnostic, Outcome, Report};
pub use rule::{Rule, Severity};

use walk::{Context, Finding};

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
}

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
    /// Descriptions added by the caller, consulted before the built-in ones.
    schemas: Vec<Arc<Schema>>,
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
            schemas: Vec::new(),
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

    /// Adds a product's API description, used for calls to its service and version (and
    /// before the built-in description of the same product).
    #[must_use]
    pub fn schema(mut self, schema: Schema) -> Self {
        self.schemas.push(Arc::new(schema));
        self
    }

    /// The description a call to `service` at `version` selects: the caller's own first, then
    /// the built-in ones; without a version, the newest (the caller's on a tie).
    fn select(&self, service: &str, version: Option<&str>) -> Selected<'_> {
        let own = || {
            self.schemas
                .iter()
                .map(AsRef::as_ref)
                .filter(|schema| schema.service().eq_ignore_ascii_case(service))
        };
        let Some(version) = version else {
            let newest = own().fold(None::<&Schema>, |best, schema| match best {
                Some(best) if best.version() >= schema.version() => Some(best),
                _ => Some(schema),
            });
            let builtin = Schema::builtin_newest(service)
                .filter(|b| newest.is_none_or(|own| own.version() < b.version()));
            let Some(schema) = builtin.or(newest) else {
                return Selected::UnknownService;
            };
            let mut versions: Vec<&str> = own()
                .map(Schema::version)
                .chain(Schema::builtin_versions(service).map(|v| -> &str { v }))
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
            .or_else(|| Schema::builtin(service, version))
        {
            return Selected::Exact(schema);
        }
        let mut known: Vec<&str> = own()
            .map(Schema::version)
            .chain(Schema::builtin_versions(service).map(|v| -> &str { v }))
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
            nesting_limit: self.nesting_limit,
            service: call.service,
            schema: output.and_then(|(schema, _, output)| Some((schema, output?))),
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
        let report = self.check(input, context, said, seen.as_mut());
        self.seen = seen;
        report
    }

    /// Checks a whole `text/event-stream` body: a failure when the service sent an error
    /// inside the stream (the first one decides the code and request id), invalid when the
    /// stream breaks the parser's caps, a success otherwise. `header_request_id` is the
    /// stream's `X-TC-RequestId` header, when known.
    ///
    /// ```
    /// use tencentcloud_envelope::{Outcome, Validator};
    ///
    /// let stream = b"data: {\"Delta\": \"hi\"}\n\ndata: {\"Code\": \"InternalError\", \"Msg\": \"boom\"}\n\n";
    /// let report = Validator::new().validate_event_stream(stream, Some("r-1"));
    /// assert_eq!(report.outcome(), Outcome::Failure);
    /// assert_eq!((report.code(), report.request_id()), (Some("InternalError"), Some("r-1")));
    /// ```
    pub fn validate_event_stream(
        &mut self,
        input: &[u8],
        header_request_id: Option<&str>,
    ) -> Report {
        let mut stream = EventStream::new();
        if let Some(id) = header_request_id {
            stream = stream.request_id(id);
        }
        let mut items = Vec::new();
        let broken = stream.feed(input, &mut items).err();
        let error = items.into_iter().find_map(|item| match item {
            StreamItem::Error { error, .. } => Some(error),
            StreamItem::Event(_) => None,
        });
        let request_id = error
            .as_ref()
            .map(|e| e.request_id().to_owned())
            .filter(|id| !id.is_empty())
            .or_else(|| header_request_id.map(str::to_owned));
        let findings: Vec<Finding> = broken
            .map(|broken| Finding {
                rule: Rule::InvalidEventStream,
                pointer: String::new(),
                offset: usize::try_from(broken.offset())
                    .unwrap_or(usize::MAX)
                    .min(input.len()),
                message: broken.to_string(),
            })
            .into_iter()
            .collect();
        let diagnostics = self.diagnostics(findings, utf8_prefix(input), 0);
        Report::new(
            error.is_some(),
            request_id,
            error.map(|e| e.code().as_str().to_owned()),
            diagnostics,
        )
    }

    /// Forgets the request ids seen so far.
    pub fn reset(&mut self) {
        self.seen = Some(SeenRequestIds::default());
    }

    /// Checks one response body.
    pub fn validate(&mut self, input: &[u8]) -> Report {
        self.validate_call(input, Call::default())
    }

    /// Checks one body in `context`, remembering its request id in `seen` when given.
    fn check(
        &self,
        input: &[u8],
        context: Context,
        said: Vec<(Rule, String)>,
        seen: Option<&mut SeenRequestIds>,
    ) -> Report {
        let (bom, body) = match input.strip_prefix(BYTE_ORDER_MARK) {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        let text = utf8_prefix(body);
        let utf8_error = (text.len() < body.len()).then_some(text.len());
        let walked = walk::walk(text, context);
        let mut findings = walked.findings;
        // What the call selected is said of payloads only: a failure has none to check.
        if !walked.failed {
            findings.extend(said.into_iter().map(|(rule, message)| Finding {
                rule,
                pointer: String::new(),
                offset: 0,
                message,
            }));
        }
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
        if let (Some(id), Some(seen)) = (walked.request_id.as_deref(), seen)
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

/// The longest prefix of `input` that is UTF-8: positions are counted in characters there,
/// and in bytes past it.
fn utf8_prefix(input: &[u8]) -> &str {
    match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(error) => input
            .get(..error.valid_up_to())
            .and_then(|valid| std::str::from_utf8(valid).ok())
            .unwrap_or_default(),
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
