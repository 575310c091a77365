//! Every product's own error codes, as the official SDKs list them: which services list each
//! code, in which API version, and the project's reviewed meaning and retry advice where one
//! has been written.

mod table;

use std::borrow::Cow;

use crate::error_code::{common_prefix, family_category};
use crate::{Category, RetryAdvice};

/// One product (service) of the catalogue, and its API versions in ascending order.
#[derive(Debug)]
pub(crate) struct Service {
    name: &'static str,
    versions: &'static [&'static str],
}

impl Service {
    const fn new(name: &'static str, versions: &'static [&'static str]) -> Self {
        Service { name, versions }
    }
}

/// One service listing one code: indexes into the generated tables.
#[derive(Debug)]
pub(crate) struct Listing {
    code: u16,
    service: u8,
    version: u8,
    advice: RetryAdvice,
    meaning: Option<u16>,
}

impl Listing {
    const fn new(
        code: u16,
        service: u8,
        version: u8,
        advice: RetryAdvice,
        meaning: Option<u16>,
    ) -> Self {
        Listing {
            code,
            service,
            version,
            advice,
            meaning,
        }
    }
}

/// A product's own error code, as one service lists it.
///
/// ```
/// use tencentcloud_envelope::{RetryAdvice, product_code};
///
/// let code = product_code("cbs", "InvalidDisk.Busy").ok_or("a CBS code")?;
/// assert_eq!(code.service(), "cbs");
/// assert_eq!(code.retry_advice(), RetryAdvice::RetryLater);
/// assert!(code.description().contains("busy"));
/// assert!(product_code("cvm", "InvalidDisk.Busy").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ProductCode {
    listing: &'static Listing,
}

impl PartialEq for ProductCode {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.listing, other.listing)
    }
}

impl Eq for ProductCode {}

impl ProductCode {
    /// The product's short service name, as in its host name (`cbs`).
    pub fn service(&self) -> &'static str {
        self.service_entry().map_or("", |s| s.name)
    }

    /// The code, as the product sends it.
    pub fn code(&self) -> &'static str {
        code_at(usize::from(self.listing.code)).unwrap_or_default()
    }

    /// The newest API version (`2017-03-12`) whose code list has the code.
    pub fn version(&self) -> &'static str {
        self.service_entry()
            .and_then(|s| s.versions.get(usize::from(self.listing.version)))
            .copied()
            .unwrap_or_default()
    }

    /// The project's reviewed meaning, for the products whose codes have been read one by
    /// one (CBS, CVM, VPC, CLB, CAM, TKE, CDB so far).
    pub fn meaning(&self) -> Option<&'static str> {
        self.listing
            .meaning
            .and_then(|index| meaning_at(usize::from(index)))
    }

    /// Whether a person has reviewed this code's meaning and retry advice.
    pub fn is_reviewed(&self) -> bool {
        self.listing.meaning.is_some()
    }

    /// What the code means: the reviewed meaning, or else a reading built from its parts
    /// (the common prefix's meaning, the product, the words of its name).
    pub fn description(&self) -> Cow<'static, str> {
        match self.meaning() {
            Some(meaning) => Cow::Borrowed(meaning),
            None => Cow::Owned(reading(self.code(), &[self.service()])),
        }
    }

    /// Whether to send the request again: the reviewed advice, and
    /// [`RetryAdvice::DoNotRetry`] for a code nobody has reviewed yet.
    pub fn retry_advice(&self) -> RetryAdvice {
        self.listing.advice
    }

    /// The kind of failure, from the code's common prefix.
    pub fn category(&self) -> Option<Category> {
        crate::error_code::category_of(self.code())
    }

    /// The page that lists the product's codes for [`version`](Self::version): the official
    /// Go SDK's `errors.go`, generated from the same list as the product's documentation.
    pub fn documentation(&self) -> String {
        format!(
            "https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/{}/v{}/errors.go",
            self.service(),
            self.version().replace('-', "")
        )
    }

    fn service_entry(&self) -> Option<&'static Service> {
        table::SERVICES.get(usize::from(self.listing.service))
    }
}

/// The code `code` (exact spelling) as product `service` lists it, if it does.
///
/// ```
/// use tencentcloud_envelope::product_code;
/// assert!(product_code("cvm", "InvalidInstanceId.NotFound").is_some());
/// assert!(product_code("cvm", "InvalidInstanceId.Whatever").is_none());
/// ```
pub fn product_code(service: &str, code: &str) -> Option<ProductCode> {
    listings_of(code).find(|known| known.service().eq_ignore_ascii_case(service))
}

/// Every service's listing of `code` (exact spelling), in order of service name.
///
/// ```
/// use tencentcloud_envelope::listings_of;
/// let services: Vec<_> = listings_of("InvalidInstanceId.NotFound").map(|c| c.service()).collect();
/// assert!(services.contains(&"cvm") && services.contains(&"cbs"));
/// ```
pub fn listings_of(code: &str) -> impl Iterator<Item = ProductCode> {
    let range = code_index(code)
        .and_then(|index| u16::try_from(index).ok())
        .map_or(&[][..], |index| {
            let start = table::LISTINGS.partition_point(|l| l.code < index);
            let end = table::LISTINGS.partition_point(|l| l.code <= index);
            table::LISTINGS.get(start..end).unwrap_or_default()
        });
    range.iter().map(|listing| ProductCode { listing })
}

/// Every product code built into the crate, code by code in ASCII order, each code's
/// services in order of name.
pub fn product_codes() -> impl Iterator<Item = ProductCode> {
    table::LISTINGS.iter().map(|listing| ProductCode { listing })
}

/// Every service the catalogue has codes for, in order of name.
///
/// ```
/// use tencentcloud_envelope::services;
/// assert!(services().any(|s| s == "cvm"));
/// ```
pub fn services() -> impl Iterator<Item = &'static str> {
    table::SERVICES.iter().map(|s| s.name)
}

/// Whether the catalogue has codes for `service` (any letter case).
pub(crate) fn knows_service(service: &str) -> bool {
    table::SERVICES
        .iter()
        .any(|s| s.name.eq_ignore_ascii_case(service))
}

/// Every distinct code the catalogue lists, spelled exactly as listed, in ASCII order.
pub(crate) fn codes() -> impl Iterator<Item = &'static str> {
    (0..table::CODE_ENDS.len()).filter_map(code_at)
}

/// The `index`th string of a blob: `text` cut at `ends`.
fn blob_at(text: &'static str, ends: &[u32], index: usize) -> Option<&'static str> {
    let start = match index.checked_sub(1) {
        Some(before) => *ends.get(before)?,
        None => 0,
    };
    let end = *ends.get(index)?;
    text.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
}

fn code_at(index: usize) -> Option<&'static str> {
    blob_at(table::CODE_TEXT, &table::CODE_ENDS, index)
}

fn meaning_at(index: usize) -> Option<&'static str> {
    blob_at(table::MEANING_TEXT, &table::MEANING_ENDS, index)
}

/// The index of `code` among the catalogue's codes, by binary search.
fn code_index(code: &str) -> Option<usize> {
    let (mut low, mut high) = (0, table::CODE_ENDS.len());
    while low < high {
        let middle = low + (high - low) / 2;
        match code_at(middle)?.cmp(code) {
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
            std::cmp::Ordering::Equal => return Some(middle),
        }
    }
    None
}

/// An honest reading of a code nobody has reviewed, built from its parts: the products that
/// list it, the meaning of its common prefix, and the words of the rest of its name.
pub(crate) fn reading(code: &str, services: &[&str]) -> String {
    let listers = match services {
        [] => "A code".to_owned(),
        [one] => format!("A {} code", one.to_uppercase()),
        many => format!(
            "A code of {}",
            many.iter()
                .map(|s| s.to_uppercase())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let (head, rest) = match common_prefix(code) {
        Some(common) => (
            format!(
                "{listers} under the common code `{common}`, which says: {}",
                lower_first(common.description())
            ),
            code.get(common.as_str().len()..).unwrap_or_default(),
        ),
        None => match family_category(code) {
            Some(category) => {
                let first = code.split('.').next().unwrap_or_default();
                (
                    format!("{listers} in the `{first}` family ({category})."),
                    code.get(first.len()..).unwrap_or_default(),
                )
            }
            None => (format!("{listers}."), code),
        },
    };
    let words = words(rest);
    if words.is_empty() {
        format!("{head} No meaning has been reviewed for it here; the message says more.")
    } else {
        format!(
            "{head} Its name reads \u{201c}{words}\u{201d}; no meaning has been reviewed for it here, so read the message."
        )
    }
}

/// `text` with its first letter lowercased, unless it starts an acronym or a code span.
fn lower_first(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && !second.is_ascii_uppercase() => {
            Cow::Owned(format!("{}{}", first.to_ascii_lowercase(), text.get(1..).unwrap_or_default()))
        }
        _ => Cow::Borrowed(text),
    }
}

/// The words of a code's CamelCase segments, lowercased but for acronyms: `VPCNotFound`
/// reads `VPC not found`, `InvalidDisk.Busy` reads `invalid disk: busy`.
pub(crate) fn words(code: &str) -> String {
    let segments: Vec<String> = code
        .split('.')
        .filter(|segment| !segment.is_empty())
        .map(segment_words)
        .collect();
    segments.join(": ")
}

fn segment_words(segment: &str) -> String {
    let chars: Vec<char> = segment.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (index, &c) in chars.iter().enumerate() {
        let previous = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
        let next = chars.get(index + 1).copied();
        let boundary = match previous {
            None => false,
            Some(p) if c == '_' || p == '_' => true,
            Some(p) if c.is_ascii_uppercase() => {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            Some(p) => c.is_ascii_digit() && p.is_ascii_alphabetic(),
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c != '_' {
            current.push(c);
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
        .into_iter()
        .map(|word| {
            let acronym = word.chars().filter(char::is_ascii_uppercase).count() > 1;
            if acronym { word } else { word.to_lowercase() }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_every_index_resolves() {
        let codes: Vec<&str> = codes().collect();
        assert_eq!(codes.len(), table::CODE_ENDS.len());
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        for (index, code) in codes.iter().enumerate() {
            assert_eq!(code_index(code), Some(index));
        }
        assert_eq!(
            (0..table::MEANING_ENDS.len()).filter_map(meaning_at).count(),
            table::MEANING_ENDS.len()
        );
        assert!(table::SERVICES.windows(2).all(|w| w[0].name < w[1].name));
        assert!(
            table::LISTINGS
                .windows(2)
                .all(|w| (w[0].code, w[0].service) < (w[1].code, w[1].service))
        );
        for code in product_codes() {
            assert!(!code.code().is_empty());
            assert!(!code.service().is_empty());
            assert!(!code.version().is_empty());
            assert_eq!(code.listing.meaning.is_some(), code.meaning().is_some());
        }
    }

    #[test]
    fn the_catalogue_has_the_reference_counts() {
        assert_eq!(table::CODE_ENDS.len(), 8398);
        assert_eq!(table::SERVICES.len(), 142);
        assert_eq!(product_codes().filter(|c| c.service() == "cbs").count(), 76);
    }

    #[test]
    fn words_split_camel_case_and_keep_acronyms() {
        let cases = [
            ("InvalidDisk.Busy", "invalid disk: busy"),
            ("VPCNotFound", "VPC not found"),
            ("DbError", "db error"),
            ("MFAExpired", "MFA expired"),
            ("Over10Limit", "over 10 limit"),
            ("NOT_SUPPORT_THIS_ACTION", "NOT SUPPORT THIS ACTION"),
            ("", ""),
        ];
        for (code, expected) in cases {
            assert_eq!(words(code), expected, "{code}");
        }
    }

    #[test]
    fn a_reading_names_the_products_the_prefix_and_the_words() {
        let text = reading("FailedOperation.ClusterNotFound", &["tke", "emr"]);
        assert!(text.starts_with("A code of TKE, EMR under the common code `FailedOperation`, which says: the operation failed"), "{text}");
        assert!(text.contains("\u{201c}cluster not found\u{201d}"), "{text}");
        let text = reading("InvalidDisk.Busy", &["cbs"]);
        assert!(text.starts_with("A CBS code. Its name reads \u{201c}invalid disk: busy\u{201d}"), "{text}");
    }
}
