//! Tencent Cloud's two sites: the international one and the China one (腾讯云), each with its
//! own product list, code lists and API descriptions.

use std::fmt;
use std::str::FromStr;

/// One of Tencent Cloud's two sites.
///
/// ```
/// use tencentcloud_envelope::{Site, product_code};
///
/// let code = product_code("cbs", "InvalidDisk.Busy").ok_or("a CBS code")?;
/// assert_eq!(code.sites(), [Site::International, Site::China]);
/// assert_eq!("china".parse::<Site>()?, Site::China);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Site {
    /// The international site (tencentcloud.com).
    International,
    /// The China site (cloud.tencent.com).
    China,
}

impl Site {
    /// Both sites, international first.
    pub const ALL: &'static [Site] = &[Site::International, Site::China];

    /// The site's short name: `intl` or `china`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Site::International => "intl",
            Site::China => "china",
        }
    }

    /// The site's bit in a set of sites.
    pub(crate) const fn bit(self) -> u8 {
        match self {
            Site::International => 1,
            Site::China => 2,
        }
    }

    /// The distinct sites among `sites`, in the order of [`Site::ALL`], as a static slice.
    pub(crate) fn set(sites: impl IntoIterator<Item = Site>) -> &'static [Site] {
        Site::of_bits(sites.into_iter().fold(0, |bits, site| bits | site.bit()))
    }

    /// The sites of a set of bits, as a static slice.
    pub(crate) const fn of_bits(bits: u8) -> &'static [Site] {
        match bits & 3 {
            1 => &[Site::International],
            2 => &[Site::China],
            3 => Site::ALL,
            _ => &[],
        }
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Site {
    type Err = UnknownSite;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Site::ALL
            .iter()
            .copied()
            .find(|site| site.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownSite {
                input: text.to_owned(),
            })
    }
}

impl serde::Serialize for Site {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The error returned when a string is not the name of a [`Site`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a site (expected intl or china)")]
pub struct UnknownSite {
    input: String,
}

impl UnknownSite {
    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}
