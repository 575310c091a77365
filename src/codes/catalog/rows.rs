//! The rows of the generated tables: a service and its versions, a listing of a code.

use crate::RetryAdvice;

/// One product (service) of the catalogue, and its API versions in ascending order.
#[derive(Debug)]
pub(crate) struct Service {
    pub(super) name: &'static str,
    pub(super) versions: &'static [&'static str],
}

impl Service {
    pub(super) const fn new(name: &'static str, versions: &'static [&'static str]) -> Self {
        Service { name, versions }
    }
}

/// One service listing one code: indexes into the generated tables.
#[derive(Debug)]
pub(crate) struct Listing {
    pub(super) code: u16,
    pub(super) service: u16,
    pub(super) version: u8,
    /// The sites whose list has it ([`Site::bit`](crate::Site::bit)s).
    pub(super) sites: u8,
    pub(super) advice: RetryAdvice,
    /// Whether a person checked the meaning and advice against the product's documentation.
    pub(super) reviewed: bool,
    /// The meaning, in both languages at the same index; none for a bare common code, whose
    /// meaning is the common code's own.
    pub(super) meaning: Option<u16>,
}

impl Listing {
    pub(super) const fn new(
        code: u16,
        service: u16,
        version: u8,
        sites: u8,
        advice: RetryAdvice,
        reviewed: bool,
        meaning: Option<u16>,
    ) -> Self {
        Listing {
            code,
            service,
            version,
            sites,
            advice,
            reviewed,
            meaning,
        }
    }
}
