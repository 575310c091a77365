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

mod api_error;
mod call;
#[cfg(feature = "capture")]
#[cfg_attr(docsrs, doc(cfg(feature = "capture")))]
pub mod capture;
mod catalog;
mod category;
mod classify;
mod common_code;
mod envelope;
mod error_code;
mod explain;
mod grammar;
pub mod guide;
mod legacy_code;
mod prefix;
mod response;
mod retry;
mod schema;
mod sdk_code;
mod sse;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;
mod text;
mod validate;

pub use api_error::ApiError;
pub use call::{CallError, PayloadError, Reply, ServiceError, decode};
pub use catalog::{ProductCode, listings_of, product_code, product_codes, services};
pub use category::{Category, UnknownCategory};
#[cfg(feature = "http")]
pub use classify::classify_http;
pub use classify::{
    Classified, HeaderPair, ProtocolError, RequestIdSource, Success, classify, is_json_content_type,
};
pub use common_code::{CommonCode, UnknownCommonCode};
pub use envelope::{Envelope, ErrorView, InvalidEnvelope, Payload, RawJson};
pub use error_code::{EmptyErrorCode, ErrorCode};
pub use explain::{CodeKind, Explanation, UnknownCodeKind, explain};
pub use legacy_code::LegacyCode;
pub use response::Response;
pub use retry::{RetryAdvice, UnknownRetryAdvice};
pub use schema::{Schema, SchemaError};
pub use sdk_code::{Sdk, SdkCode};
pub use sse::{Event, EventStream, Events, StreamError, StreamItem};
#[doc(hidden)]
pub use validate::FastPath;
pub use validate::{
    Call, Consequence, Diagnostic, Outcome, Report, RequestIdMemory, Rule, Severity, Validator,
    validate,
};
