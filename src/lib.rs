// The guides' link targets for rustdoc first: see src/guide.rs.
#![doc = include_str!("guide/links.md")]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Input-derived data must never panic the library: no unwrapping, no indexing.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable
    )
)]

#[cfg(feature = "capture")]
#[cfg_attr(docsrs, doc(cfg(feature = "capture")))]
pub mod capture;
mod codes;
mod grammar;
pub mod guide;
mod lang;
mod read;
mod schema;
mod service;
mod site;
mod sse;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;
mod text;
mod validate;

pub use codes::api_error::ApiError;
pub use codes::catalog::{ProductCode, listings_of, product_code, product_codes, services};
pub use codes::category::{Category, UnknownCategory};
pub use codes::common_code::{CommonCode, UnknownCommonCode};
pub use codes::error_code::{EmptyErrorCode, ErrorCode};
pub use codes::explain::{CodeKind, Explanation, ExplanationJson, Prose, UnknownCodeKind, explain};
pub use codes::legacy_code::LegacyCode;
pub use codes::retry::{RetryAdvice, UnknownRetryAdvice};
pub use codes::sdk_code::{Sdk, SdkCode};
pub use lang::{Lang, UnknownLang};
#[cfg(feature = "http")]
pub use read::classify::classify_http;
pub use read::classify::{
    Classified, HeaderPair, RequestIdSource, Success, classify, is_json_content_type,
};
pub use read::decode::{Reply, decode};
pub use read::envelope::{Envelope, ErrorView, InvalidEnvelope, Payload, RawJson};
pub use read::error::{CallError, PayloadError, ProtocolError, ServiceError};
pub use read::response::Response;
pub use schema::{Schema, SchemaError};
pub use site::{Site, UnknownSite};
pub use sse::{Event, EventStream, Events, StreamError, StreamItem};
pub use validate::{
    Call, Consequence, Diagnostic, MissingService, NestingLimit, NestingLimitOutOfRange, Omitted,
    Outcome, Report, RequestIdMemory, Rule, Severity, UnknownConsequence, UnknownOutcome,
    UnknownRule, UnknownSeverity, Validator, validate, validate_call,
};

/// What the crate's own fuzz targets, examples and tests reach that is not part of the API:
/// it may change in any release. (`serde` keeps such items the same way.)
#[doc(hidden)]
pub mod __private {
    /// The escaping of response text in every `Display`, shared with the tool.
    pub use crate::text::{inert, is_active, push_inert};
    pub use crate::validate::agreement::{FastPath, fast_path_agrees, one_pass_takes};
}
