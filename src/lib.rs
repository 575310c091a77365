#![doc = include_str!("../README.md")]
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
mod catalog;
mod category;
mod classify;
mod common_code;
mod envelope;
mod error_code;
mod grammar;
mod response;
mod schema;
mod sse;
#[cfg(feature = "proptest")]
pub mod strategies;
mod text;
mod validate;

pub use api_error::ApiError;
pub use call::{CallError, PayloadError, Reply, ServiceError, decode};
pub use catalog::{ProductCode, product_code, product_codes};
pub use category::Category;
#[cfg(feature = "http")]
pub use classify::classify_http;
pub use classify::{
    Classified, HeaderPair, ProtocolError, RequestIdSource, Success, classify, is_json_content_type,
};
pub use common_code::{CommonCode, UnknownCommonCode};
pub use envelope::{Envelope, ErrorView, InvalidEnvelope, Payload, RawJson};
pub use error_code::{EmptyErrorCode, ErrorCode};
pub use response::Response;
pub use schema::{Schema, SchemaError};
pub use sse::{Event, EventStream, Events, StreamError, StreamItem};
pub use validate::{
    Call, Consequence, Diagnostic, Outcome, Report, Rule, Severity, Validator, validate,
};
