//! What the walk and the rules hand each other: findings before placement, and the JSON type
//! of a value just read.

use std::borrow::Cow;

use super::Rule;

/// A finding before the validator's severity overrides and positions are applied.
pub(super) struct Finding {
    pub rule: Rule,
    pub pointer: String,
    /// Byte offset into the checked text.
    pub offset: usize,
    pub message: String,
}

/// The JSON type of a value just read, with the text of strings.
#[derive(Debug, PartialEq)]
pub(super) enum Kind<'a> {
    Null,
    Bool,
    Number,
    Str(Cow<'a, str>),
    Array,
    Object,
}

impl Kind<'_> {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::Str(_) => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}
