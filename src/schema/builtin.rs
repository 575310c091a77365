//! The descriptions built into the crate: every product version's compact form, each decoded
//! on first use only, so a run that meets three products decodes three.

use std::cmp::Ordering;
use std::sync::OnceLock;

use super::Schema;

/// `(service, version, compact form)`, sorted by service then version; written by
/// `examples/distill_schema.rs`.
pub(super) const DESCRIPTIONS: &[(&str, &str, &str)] = include!("data/index.rs");

/// `(name, service)`: other names a product goes by, such as the directory name of its SDK
/// package and documentation (`autoscaling`) where its host says `as`.
pub(super) const ALIASES: &[(&str, &str)] = include!("data/aliases.rs");

/// One slot per description, filled when it is first asked for.
static DECODED: [OnceLock<Option<Schema>>; DESCRIPTIONS.len()] =
    [const { OnceLock::new() }; DESCRIPTIONS.len()];

/// The built-in product versions, sorted, none decoded.
pub(super) fn index() -> impl Iterator<Item = (&'static str, &'static str)> {
    DESCRIPTIONS
        .iter()
        .map(|&(service, version, _)| (service, version))
}

/// The service a name stands for: itself, or the service it is another name of.
fn canonical(service: &str) -> &str {
    ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(service))
        .map_or(service, |&(_, canonical)| canonical)
}

/// The built-in versions of `service`, oldest first.
pub(super) fn versions_of(service: &str) -> impl Iterator<Item = &'static str> + use<> {
    DESCRIPTIONS
        .get(versions(service))
        .unwrap_or_default()
        .iter()
        .map(|&(_, version, _)| version)
}

/// The positions of `service`'s versions in the table, oldest first (ASCII case ignored).
fn versions(service: &str) -> std::ops::Range<usize> {
    let service = canonical(service);
    let start = DESCRIPTIONS.partition_point(|(s, _, _)| compare(s, service) == Ordering::Less);
    let end = DESCRIPTIONS.partition_point(|(s, _, _)| compare(s, service) != Ordering::Greater);
    start..end.max(start)
}

/// Compares two names ignoring ASCII case.
fn compare(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The description at `position`, decoded the first time.
fn decoded(position: usize) -> Option<&'static Schema> {
    let (_, _, text) = DESCRIPTIONS.get(position)?;
    DECODED
        .get(position)?
        .get_or_init(|| Schema::from_compact(text).ok())
        .as_ref()
}

pub(super) fn find(service: &str, version: &str) -> Option<&'static Schema> {
    let position =
        versions(service).find(|&i| DESCRIPTIONS.get(i).is_some_and(|d| d.1 == version))?;
    decoded(position)
}

pub(super) fn newest(service: &str) -> Option<&'static Schema> {
    decoded(versions(service).next_back()?)
}

pub(super) fn has_service(service: &str) -> bool {
    !versions(service).is_empty()
}

/// How many descriptions have been decoded so far.
pub(super) fn decoded_count() -> usize {
    DECODED.iter().filter(|slot| slot.get().is_some()).count()
}
