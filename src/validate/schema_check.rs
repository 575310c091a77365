//! Checking one value against what an API description says of it.

use crate::schema::{Member, Schema, Shape};

use super::Rule;

/// What the description expects of the value being read: a member, or one element of a
/// list member.
#[derive(Clone, Copy)]
pub(super) struct Expect<'s> {
    pub member: &'s Member,
    pub element: bool,
}

/// The JSON a value turned out to have, as far as the checks need it.
pub(super) enum Found<'t> {
    Null,
    Bool,
    Integer { negative: bool, fits_i64: bool },
    Fraction,
    Str(&'t str),
    Array,
    Object,
}

impl Found<'_> {
    fn describe(&self) -> &'static str {
        match self {
            Found::Null => "null",
            Found::Bool => "a boolean",
            Found::Integer { negative: true, .. } => "a negative integer",
            Found::Integer { .. } => "an integer",
            Found::Fraction => "a number with a fraction or exponent",
            Found::Str(_) => "a string",
            Found::Array => "an array",
            Found::Object => "an object",
        }
    }
}

impl<'s> Expect<'s> {
    /// Whether the value is a list whose elements are expected as `element`s.
    pub fn is_list(self) -> bool {
        self.member.list && !self.element
    }

    /// The expectation for each element of this list.
    pub fn elements(self) -> Option<Expect<'s>> {
        self.is_list().then_some(Expect {
            member: self.member,
            element: true,
        })
    }

    /// The object the value must be, when it must be one.
    pub fn object(self) -> Option<usize> {
        match self.member.shape {
            Shape::Object(index) if !self.is_list() => Some(index),
            _ => None,
        }
    }

    /// The finding a value of this kind earns, if any.
    pub fn check(self, schema: &Schema, found: &Found) -> Option<(Rule, String)> {
        let name = &self.member.name;
        if let Found::Null = found {
            return (!self.member.nullable).then(|| {
                let message = format!("`{name}` is null, which the description does not allow");
                (Rule::SchemaNullValue, message)
            });
        }
        let fits = match (self.is_list(), self.member.shape, found) {
            (true, _, Found::Array)
            | (false, Shape::Object(_), Found::Object)
            | (false, Shape::Bool, Found::Bool)
            | (false, Shape::Float, Found::Integer { .. } | Found::Fraction)
            | (false, Shape::Int64, Found::Integer { fits_i64: true, .. })
            | (
                false,
                Shape::UInt64,
                Found::Integer {
                    negative: false, ..
                },
            ) => true,
            (false, shape, Found::Str(text)) => shape.accepts_text(text),
            _ => false,
        };
        (!fits).then(|| {
            let expected = self.member.describe(schema, self.element);
            let dated = matches!(
                self.member.shape,
                Shape::DateTime | Shape::DateTimeIso | Shape::Date
            );
            let message = match found {
                Found::Str(text) if dated && !self.is_list() => {
                    format!("`{name}` is `{text}`, which is not a {expected}")
                }
                _ => format!(
                    "`{name}` is {}, but the description says {expected}",
                    found.describe()
                ),
            };
            (Rule::SchemaTypeMismatch, message)
        })
    }
}
