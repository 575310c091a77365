//! The fast paths held to the walk (the scanner, and the one-pass reader `decode` tries
//! first): what the differential fuzz target and the property tests drive, reached through
//! `__private`.

use serde::de::MapAccess;

use super::finding::{Budget, Findings};
use super::one_pass::{PayloadReader, read_clean};
use super::position::utf8_prefix;
use super::scan::scan;
use super::walk::{Context, walk};
use super::{Diagnostic, ONE_BODY, Rule, Validator, clean_id_findings};
use crate::grammar::names;

/// Whether the fast path for clean envelopes takes `input`; `Err` when it, or the one-pass
/// reader `decode` tries first, disagrees with the full walk on it (the walk finds something
/// else, reads other parts, or `serde_json` refuses the text). Not part of the API
/// (`__private`): it exists for the differential fuzz target and the tests.
///
/// # Errors
/// How the fast path and the walk differ.
pub fn fast_path_agrees(input: &[u8]) -> Result<FastPath, String> {
    agrees_with_walk(input)
}

/// Whether the one-pass reader `decode` tries first takes `input` (at the default nesting
/// limit); `Err` when it disagrees with the walk on it (see `one_pass_agrees`). Not part of the
/// API (`__private`): for the tests.
///
/// # Errors
/// How the one-pass reader and the walk differ.
pub fn one_pass_takes(input: &[u8]) -> Result<bool, String> {
    one_pass_agrees(input, Validator::DEFAULT_NESTING_LIMIT)
}

/// Which reader checked a body, as [`fast_path_agrees`] tells. Not part of the API
/// (`__private`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FastPath {
    /// The full walk: the scanner gave up.
    Walk,
    /// The scanner, on a clean envelope.
    Clean,
    /// The scanner and the syntax check, on a body broken before anything else drew a finding.
    Broken,
}

/// Whether the scanner takes `input`, checked against the walk: where it does, the walk must
/// find nothing but the same syntax error, if any, and read the same parts, and `serde_json`
/// must accept the text exactly when the scanner does, with and without the payload gathered,
/// at the default nesting limit and at small ones, and for a service. The one-pass reader is
/// held to the walk at the same limits (see `one_pass_agrees`). `Err` says how they differ.
/// For the differential fuzz target and the property tests.
fn agrees_with_walk(input: &[u8]) -> Result<FastPath, String> {
    for nesting_limit in [Validator::DEFAULT_NESTING_LIMIT, 3, 2, 1] {
        one_pass_agrees(input, nesting_limit)?;
    }
    let (body, _) = crate::grammar::strip_byte_order_mark(input);
    let text = utf8_prefix(body);
    let mut taken = FastPath::Walk;
    // Small limits reach `Response` (depth 2) and `Error` (depth 3); a service decides which
    // codes are known.
    let settings = [
        (Validator::DEFAULT_NESTING_LIMIT, None),
        (Validator::DEFAULT_NESTING_LIMIT, Some("cvm")),
        (3, None),
        (2, None),
        (1, None),
    ];
    for (nesting_limit, service) in settings {
        for capture in [false, true] {
            let context = context(nesting_limit, service, capture);
            let Some(fast) = scan(text, context) else {
                continue;
            };
            let broken = fast.parts.syntax_error.is_some();
            taken = if broken {
                FastPath::Broken
            } else {
                FastPath::Clean
            };
            let slow = walk(text, context);
            let rules = |findings: &Findings| findings.rules().collect::<Vec<_>>();
            if slow.findings.kept() != fast.findings.kept()
                || rules(&slow.findings) != rules(&fast.findings)
            {
                return Err(format!(
                    "the scanner found {:?}, the walk {:?}",
                    fast.findings.kept(),
                    slow.findings.kept()
                ));
            }
            if fast.parts != slow.parts {
                return Err(format!(
                    "nesting limit {nesting_limit}, service {service:?}, capture {capture}:\n  scanner {:?}\n  walk    {:?}",
                    fast.parts, slow.parts
                ));
            }
            let mut deserializer = serde_json::Deserializer::from_str(text);
            deserializer.disable_recursion_limit();
            let accepted = serde::de::Deserialize::deserialize(&mut deserializer)
                .map(|_: serde::de::IgnoredAny| ())
                .and_then(|()| deserializer.end());
            match (accepted, broken) {
                (Err(error), false) => {
                    return Err(format!("serde_json refuses what the scanner took: {error}"));
                }
                (Ok(()), true) => {
                    return Err("serde_json accepts what the scanner found broken".to_owned());
                }
                _ => {}
            }
        }
    }
    Ok(taken)
}

/// Where the one-pass reader takes `input`, the walk must find in it only what the request id
/// draws, as `decode` reports it, read a success with the same request id, and gather the same
/// payload members, which the reader must have handed on in the same order with their values as
/// `serde_json` reads them, `RequestId` last.
fn one_pass_agrees(input: &[u8], nesting_limit: usize) -> Result<bool, String> {
    let Some((members, id)) = read_clean(input, nesting_limit, Members) else {
        return Ok(false);
    };
    let text = std::str::from_utf8(input)
        .map_err(|_| "the one-pass reader took a body that is not UTF-8".to_owned())?;
    let walked = walk(text, context(nesting_limit, None, true));
    // What `decode` reports beside the payload: nothing for a UUID, the walk's own finding for
    // any other id but the empty one, which it leaves to the walk.
    let findings = ONE_BODY.diagnostics(walked.findings, text, 0).0;
    let rules: Vec<_> = findings.iter().map(Diagnostic::rule).collect();
    match clean_id_findings(input, id) {
        Some(said) if said == findings => {}
        None if rules == [Rule::InvalidRequestId] => {}
        said => {
            return Err(format!(
                "limit {nesting_limit}: the one-pass reader said {said:?}; the walk finds {findings:?}"
            ));
        }
    }
    let parts = walked.parts;
    if parts.failed || parts.syntax_error.is_some() || parts.request_id.as_deref() != Some(id) {
        return Err(format!(
            "limit {nesting_limit}: the one-pass reader read a success with id {id}; the walk read {parts:?}"
        ));
    }
    let mut expected = Vec::new();
    for (key, raw) in &parts.payload {
        let value = serde_json::from_str(raw).map_err(|error| error.to_string())?;
        expected.push((key.to_string(), value));
    }
    expected.push((
        names::REQUEST_ID.to_owned(),
        serde_json::Value::String(id.to_owned()),
    ));
    if members != expected {
        return Err(format!(
            "limit {nesting_limit}: the one-pass reader handed on {members:?}; the walk gathered {expected:?}"
        ));
    }
    Ok(true)
}

/// What the fast paths are read with beside the walk: no schema, the default findings budget.
fn context(nesting_limit: usize, service: Option<&str>, capture: bool) -> Context<'_> {
    Context {
        nesting_limit,
        service,
        schema: None,
        capture,
        budget: Budget {
            most: Validator::DEFAULT_MAX_FINDINGS,
            ..Default::default()
        },
    }
}

/// Reads the payload as its members, in order.
struct Members;

impl<'a> PayloadReader<'a> for Members {
    type Value = Vec<(String, serde_json::Value)>;

    fn read<M: MapAccess<'a, Error = serde_json::Error>>(
        self,
        map: &mut M,
    ) -> Result<Self::Value, serde_json::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(members)
    }
}
