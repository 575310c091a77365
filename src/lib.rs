#![doc = include_str!("../README.md")]

mod api_error;
mod category;
mod common_code;
mod envelope;
mod error_code;
mod response;
mod text;
mod validate;

pub use api_error::ApiError;
pub use category::Category;
pub use common_code::{CommonCode, UnknownCommonCode};
pub use envelope::{Envelope, ErrorView, Payload};
pub use error_code::{EmptyErrorCode, ErrorCode};
pub use response::Response;
pub use validate::{Diagnostic, Outcome, Report, Rule, Severity, Validator, validate};
