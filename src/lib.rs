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
mod catalog;
mod category;
mod classify;
mod common_code;
mod envelope;
mod error_code;
mod response;
mod schema;
mod sse;
#[cfg(feature = "proptest")]
pub mod strategies;
mod text;
mod validate;

pub use api_error::ApiError;
pub use catalog::{ProductCode, product_code, product_codes};
pub use category::Category;
#[cfg(feature = "http")]
pub use classify::classify_http;
pub use classify::{
    Classified, ProtocolError, RequestIdSource, Success, classify, is_json_content_type,
};
pub use common_code::{CommonCode, UnknownCommonCode};
pub use envelope::{Envelope, ErrorView, Payload};
pub use error_code::{EmptyErrorCode, ErrorCode};
pub use response::Response;
pub use schema::{Schema, SchemaError};
pub use sse::{Event, EventStream, StreamError, StreamItem};
pub use validate::{Call, Diagnostic, Outcome, Report, Rule, Severity, Validator, validate};
