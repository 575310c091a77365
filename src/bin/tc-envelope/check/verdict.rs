//! What the arguments ask of the validator, and the report on each record.

use serde::de::IgnoredAny;
use tencentcloud_envelope::capture::{Exchange, Origin, Place, Skip};
use tencentcloud_envelope::{Call, Report, Rule, Schema, Severity, Validator};

use super::args::CheckArgs;
use crate::summary::{Summary, Unit};

/// The call a record answers: what its capture says, else what the arguments say.
pub fn call_of<'a>(args: &'a CheckArgs, exchange: &'a Exchange) -> Option<Call<'a>> {
    let service = exchange.service.as_deref().or(args.service.as_deref());
    service.map(|service| {
        let mut call = Call::new(service);
        if let Some(version) = exchange.version.as_deref().or(args.api_version.as_deref()) {
            call = call.version(version);
        }
        if let Some(action) = exchange.action.as_deref().or(args.action.as_deref()) {
            call = call.action(action);
        }
        call
    })
}

/// Checks one body held in memory (not a streamed event-stream file).
pub fn check_bytes(
    validator: &mut Validator,
    args: &CheckArgs,
    exchange: &Exchange,
    body: &[u8],
) -> Report {
    #[cfg(debug_assertions)]
    fail_point(body);
    match call_of(args, exchange) {
        Some(call) => validator.validate_call(body, call),
        None => validator.validate(body),
    }
}

/// Checks an event-stream file as it is read; a read that fails is the capture's finding.
pub fn check_stream(
    validator: &mut Validator,
    reader: &mut dyn std::io::Read,
    severity: Option<Severity>,
) -> Report {
    validator
        .validate_event_stream_from(reader, None)
        .unwrap_or_else(|error| unreadable_report(&format!("reading failed: {error}"), severity))
}

/// The report on a kind of record added to `capture` after this tool was written.
pub fn unknown_record(severity: Option<Severity>) -> Report {
    unreadable_report("a kind of record this tool does not know", severity)
}

/// A failure point for tests, compiled into debug builds only: a body holding the text of
/// `TC_ENVELOPE_FAIL_ON` panics, as a bug in the validator would, so that tests can see what a
/// run does then.
#[cfg(debug_assertions)]
fn fail_point(body: &[u8]) {
    static NEEDLE: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    let needle = NEEDLE.get_or_init(|| {
        std::env::var_os("TC_ENVELOPE_FAIL_ON")
            .map(std::ffi::OsString::into_encoded_bytes)
            .filter(|needle| !needle.is_empty())
    });
    if let Some(needle) = needle {
        assert!(
            !body.windows(needle.len()).any(|window| window == needle),
            "the failure point TC_ENVELOPE_FAIL_ON was reached"
        );
    }
}

/// The validator the arguments ask for, or `None` after saying why not.
pub fn validator(args: &CheckArgs) -> Option<Validator> {
    let mut validator = Validator::new()
        .nesting_limit(args.nesting_limit)
        .request_id_memory(args.request_id_memory)
        .max_findings(args.max_findings);
    if args.deny_warnings {
        validator = validator.deny_warnings();
    }
    if let Some(site) = args.site {
        validator = validator.site(site);
    }
    for (rule, severity) in overrides(args) {
        validator = validator.severity(rule, severity);
    }
    for path in &args.schema {
        let schema = std::fs::read_to_string(path)
            .map_err(|error| error.to_string())
            .and_then(|text| Schema::from_api_json(&text).map_err(|error| error.to_string()));
        match schema {
            Ok(schema) => validator = validator.schema(schema),
            Err(error) => {
                crate::escape::complain(format_args!(
                    "cannot use {} as an API description: {error}",
                    path.display()
                ));
                return None;
            }
        }
    }
    Some(validator)
}

/// `--allow`, `--warn` and `--deny`, in that order: a later flag wins for the same rule.
fn overrides(args: &CheckArgs) -> impl Iterator<Item = (Rule, Option<Severity>)> + '_ {
    let allow = args.allow.iter().map(|&rule| (rule, None));
    let warn = args
        .warn
        .iter()
        .map(|&rule| (rule, Some(Severity::Warning)));
    let deny = args.deny.iter().map(|&rule| (rule, Some(Severity::Error)));
    allow.chain(warn).chain(deny)
}

/// The severity of the tool's own `unreadable-capture` findings, after the overrides
/// (`None`: dropped).
pub fn capture_severity(args: &CheckArgs) -> Option<Severity> {
    let mut severity = Some(Rule::UnreadableCapture.default_severity());
    for (rule, wanted) in overrides(args) {
        if rule == Rule::UnreadableCapture {
            severity = wanted;
        }
    }
    if args.deny_warnings && severity == Some(Severity::Warning) {
        severity = Some(Severity::Error);
    }
    severity
}

/// The library's capture messages name its options; the tool's users know them as flags.
fn in_tool_terms(message: &str) -> String {
    message
        .replace("Options::max_record", "--max-record-size")
        .replace("Options::har_all_json", "--har-all-json")
}

/// Counts `count` HAR entries skipped for `skip`, in the tool's terms.
pub fn count_skipped(summary: &mut Summary, skip: Skip, count: u64) {
    let reason = match skip {
        Skip::OtherHost => "not a Tencent Cloud API host (--har-all-json takes JSON from any host)",
        other => other.reason(),
    };
    summary.skip(Unit::Entry, reason, count);
}

/// Counts `count` blank JSON Lines lines.
pub fn count_blank_lines(summary: &mut Summary, count: u64) {
    summary.skip(Unit::Line, "blank (JSON whitespace only)", count);
}

/// Whether a record read whole (a `.json` file, standard input) is JSON Lines read as one
/// document: it is invalid JSON, and a complete value is followed, after a line break and
/// maybe blank lines, by the start of an object or an array.
pub fn looks_like_json_lines(origin: &Origin, body: &[u8], report: &Report) -> bool {
    let invalid_json = || {
        report
            .diagnostics()
            .iter()
            .any(|d| d.rule() == Rule::InvalidJson)
    };
    matches!(origin.place, Place::Whole) && invalid_json() && {
        // Only invalid records get here, and the first value is read no further than the
        // validator read it.
        let mut values = serde_json::Deserializer::from_slice(body).into_iter::<IgnoredAny>();
        matches!(values.next(), Some(Ok(_))) && {
            let rest = body.get(values.byte_offset()..).unwrap_or_default();
            let spaces = rest
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            let (gap, next) = rest.split_at_checked(spaces).unwrap_or_default();
            gap.contains(&b'\n') && matches!(next.first(), Some(b'{' | b'['))
        }
    }
}

/// The report on a record that could not be taken out of its capture: one
/// `unreadable-capture` finding at its start.
///
/// The library builds reports only from bodies; this one is read back from the report's own
/// JSON form, which is the library's public contract.
pub fn unreadable_report(message: &str, severity: Option<Severity>) -> Report {
    let message = in_tool_terms(message);
    let diagnostics: Vec<serde_json::Value> = severity
        .map(|severity| {
            serde_json::json!({
                "rule": Rule::UnreadableCapture,
                "severity": severity,
                "pointer": "",
                "line": 1,
                "column": 1,
                "message": message,
            })
        })
        .into_iter()
        .collect();
    let outcome = if severity == Some(Severity::Error) {
        "invalid"
    } else {
        "success"
    };
    let report = serde_json::json!({
        "outcome": outcome,
        "request_id": null,
        "code": null,
        "diagnostics": diagnostics,
    });
    serde_json::from_value(report).unwrap_or_else(|_| Report::unreadable(message))
}
