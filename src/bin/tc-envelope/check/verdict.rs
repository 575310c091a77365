//! The report on each record, and what the summary counts besides.

use serde::de::IgnoredAny;
use tencentcloud_envelope::capture::{Exchange, Origin, Place, Problem, Skip};
use tencentcloud_envelope::{Report, Rule, Validator};

use super::settings::{CallDefaults, flag_of};
use crate::summary::{Summary, Unit};

/// Decides records: a validator and the call parts the flags give. One per validating
/// thread.
pub struct Judge<'s> {
    pub validator: Validator,
    defaults: &'s CallDefaults,
}

impl<'s> Judge<'s> {
    pub fn new(validator: Validator, defaults: &'s CallDefaults) -> Self {
        Judge {
            validator,
            defaults,
        }
    }

    /// The same judge with a validator that remembers `ids` request ids (from none).
    pub fn with_memory(&self, ids: usize) -> Self {
        Judge {
            validator: self.validator.clone().request_id_memory(ids),
            defaults: self.defaults,
        }
    }

    /// Checks one body held in memory (not a streamed event-stream file), answering the call
    /// its capture or the flags name.
    pub fn bytes(&mut self, exchange: &Exchange, body: &[u8]) -> Report {
        #[cfg(debug_assertions)]
        fail_point(body);
        let call = self.defaults.call_for(exchange);
        self.validator.validate_call(body, call)
    }

    /// Checks a whole event stream held in memory.
    pub fn event_stream(&mut self, bytes: &[u8], request_id: Option<&str>) -> Report {
        self.validator.validate_event_stream(bytes, request_id)
    }

    /// Checks an event-stream file as it is read; a read that fails is the capture's finding.
    pub fn stream_from(&mut self, reader: &mut dyn std::io::Read) -> Report {
        self.validator
            .validate_event_stream_from(reader, None)
            .unwrap_or_else(|error| {
                self.validator
                    .unreadable(format!("reading failed: {error}"))
            })
    }

    /// The report on a record that could not be taken out of its capture, in the tool's
    /// terms.
    pub fn unreadable(&self, problem: &Problem) -> Report {
        self.validator
            .unreadable(problem.naming(flag_of).to_string())
    }

    /// The report on a kind of record added to `capture` after this tool was written.
    pub fn unknown_record(&self) -> Report {
        self.validator
            .unreadable("a kind of record this tool does not know")
    }
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

/// Counts `count` HAR entries skipped for `skip`, in the tool's terms.
pub fn count_skipped(summary: &mut Summary, skip: Skip, count: u64) {
    summary.skip(Unit::Entry, skip.naming(flag_of), count);
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
