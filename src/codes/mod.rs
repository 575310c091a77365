//! What the crate knows about error codes: the common codes, their categories and retry
//! advice, the prefixes that group them, the products' own codes of both sites with their
//! meanings in English and Chinese, the codes of the legacy API and of the official SDKs, and
//! [`explain`], which resolves any code against all of them.

pub(crate) mod api_error;
pub(crate) mod catalog;
pub(crate) mod category;
pub(crate) mod common_code;
pub(crate) mod error_code;
pub(crate) mod explain;
pub(crate) mod legacy_code;
pub(crate) mod prefix;
pub(crate) mod retry;
pub(crate) mod sdk_code;
