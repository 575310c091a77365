//! The descriptions built into the crate: every product version's compact form from each site
//! that describes it, each decoded on first use only, so a run that meets three products
//! decodes three.

use std::cmp::Ordering;
use std::sync::OnceLock;

use super::model::Schema;
use crate::Site;
use crate::service::host_name;

/// `(service, version, [international text, China text])`, sorted by service then version;
/// written by `examples/distill_schema.rs`.
pub(super) const DESCRIPTIONS: &[(&str, &str, [Option<&str>; 2])] = include!("data/index.rs");

/// Which descriptions a lookup reads: one site's, or both sites' together.
pub(super) type Sites = Option<Site>;

/// Per description, one slot per reading (both sites, international, China), filled when
/// first asked for.
static DECODED: [[OnceLock<Option<Schema>>; 3]; DESCRIPTIONS.len()] = [const {
    [
        const { OnceLock::new() },
        const { OnceLock::new() },
        const { OnceLock::new() },
    ]
}; DESCRIPTIONS.len()];

/// The slot of a reading, and the position of a site's text.
const fn slot(sites: Sites) -> usize {
    match sites {
        None => 0,
        Some(Site::International) => 1,
        Some(Site::China) => 2,
    }
}

const fn text_of(site: Site) -> usize {
    match site {
        Site::International => 0,
        Site::China => 1,
    }
}

/// Whether the description at `position` exists in `sites`.
fn described(position: usize, sites: Sites) -> bool {
    DESCRIPTIONS
        .get(position)
        .is_some_and(|(_, _, texts)| match sites {
            None => texts.iter().any(Option::is_some),
            Some(site) => texts.get(text_of(site)).is_some_and(Option::is_some),
        })
}

/// The built-in product versions of `sites`, sorted, none decoded.
pub(super) fn index(sites: Sites) -> impl Iterator<Item = (&'static str, &'static str)> {
    DESCRIPTIONS
        .iter()
        .enumerate()
        .filter(move |(position, _)| described(*position, sites))
        .map(|(_, &(service, version, _))| (service, version))
}

/// The sites that describe `service` at `version`.
pub(super) fn sites_of(service: &str, version: &str) -> &'static [Site] {
    let Some(position) = position(service, version, None) else {
        return &[];
    };
    Site::set(
        Site::ALL
            .iter()
            .copied()
            .filter(|site| described(position, Some(*site))),
    )
}

/// The built-in versions of `service` in `sites`, oldest first.
pub(super) fn versions_of(
    service: &str,
    sites: Sites,
) -> impl Iterator<Item = &'static str> + use<> {
    versions(service)
        .filter(move |&position| described(position, sites))
        .filter_map(|position| DESCRIPTIONS.get(position))
        .map(|&(_, version, _)| version)
}

/// The positions of `service`'s versions in the table, oldest first (ASCII case ignored).
fn versions(service: &str) -> std::ops::Range<usize> {
    let service = host_name(service);
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

fn position(service: &str, version: &str, sites: Sites) -> Option<usize> {
    versions(service)
        .find(|&i| DESCRIPTIONS.get(i).is_some_and(|d| d.1 == version) && described(i, sites))
}

/// The description at `position` as `sites` read it, decoded the first time: one site's
/// text, or the union of both where both describe it.
fn decoded(position: usize, sites: Sites) -> Option<&'static Schema> {
    let (_, _, texts) = DESCRIPTIONS.get(position)?;
    let decode = |site: Site| {
        let text = (*texts.get(text_of(site))?)?;
        Schema::from_compact(text).ok()
    };
    DECODED
        .get(position)?
        .get(slot(sites))?
        .get_or_init(|| match sites {
            Some(site) => decode(site),
            // Both sites' texts are decoded for the union only, not kept apart.
            None => match (decode(Site::China), decode(Site::International)) {
                (Some(china), Some(international)) => Some(china.union(&international)),
                (one, other) => one.or(other),
            },
        })
        .as_ref()
}

pub(super) fn find(service: &str, version: &str, sites: Sites) -> Option<&'static Schema> {
    decoded(position(service, version, sites)?, sites)
}

pub(super) fn newest(service: &str, sites: Sites) -> Option<&'static Schema> {
    let position = versions(service).rev().find(|&i| described(i, sites))?;
    decoded(position, sites)
}

pub(super) fn has_service(service: &str, sites: Sites) -> bool {
    versions(service).any(|i| described(i, sites))
}

/// How many built-in product versions have been decoded so far (in any reading).
pub(super) fn decoded_count() -> usize {
    DECODED
        .iter()
        .filter(|slots| slots.iter().any(|slot| slot.get().is_some()))
        .count()
}
