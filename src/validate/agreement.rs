//! The fast path held to the walk: what the differential fuzz target and the property tests
//! drive, reached through `__private`.

use super::Validator;
use super::finding::Budget;
use super::position::utf8_prefix;
use super::scan::scan;
use super::walk::{Context, walk};

/// Whether the fast path for clean envelopes takes `input`; `Err` when it disagrees with the
/// full walk on it (the walk finds something, reads other parts, or `serde_json` refuses the
/// text). Not part of the API (`__private`): it exists for the differential fuzz target and
/// the tests.
///
/// # Errors
/// How the fast path and the walk differ.
pub fn fast_path_agrees(input: &[u8]) -> Result<FastPath, String> {
    agrees_with_walk(input)
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
/// at the default nesting limit and at small ones, and for a service. `Err` says how they
/// differ. For the differential fuzz target and the property tests.
fn agrees_with_walk(input: &[u8]) -> Result<FastPath, String> {
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
            let context = Context {
                nesting_limit,
                service,
                schema: None,
                capture,
                budget: Budget {
                    most: Validator::DEFAULT_MAX_FINDINGS,
                    ..Default::default()
                },
            };
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
            if !slow.findings.is_empty() {
                let rules: Vec<_> = slow.findings.rules().collect();
                return Err(format!(
                    "the scanner took a body the walk finds {rules:?} in"
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
