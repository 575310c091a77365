//! Checking one value against what an API description says of it.

use crate::schema::{Member, Schema, Shape};

use super::Rule;
use crate::text::quoted;

/// What the description expects of the value being read: a member, or one element of a
/// list member.
#[derive(Clone, Copy)]
pub(super) struct Expect<'s> {
    pub member: &'s Member,
    pub element: bool,
    /// Whether the value took the other site's type, where the two sites disagree.
    pub alternative: bool,
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
    /// What a member expects of its value.
    pub fn member(member: &'s Member) -> Self {
        Expect {
            member,
            element: false,
            alternative: false,
        }
    }

    /// The shape and list flag in use: the member's, or the other site's where they differ
    /// and the value took that one.
    fn shape(self) -> (Shape, bool) {
        match self.member.alternative {
            Some(other) if self.alternative => other,
            _ => (self.member.shape, self.member.list),
        }
    }

    /// This expectation, and the other site's where the sites disagree.
    fn readings(self) -> impl Iterator<Item = Expect<'s>> {
        let other = (self.member.alternative.is_some() && !self.element).then_some(Expect {
            alternative: true,
            ..self
        });
        std::iter::once(self).chain(other)
    }

    /// Whether the value is a list whose elements are expected as `element`s.
    pub fn is_list(self) -> bool {
        self.shape().1 && !self.element
    }

    /// The expectation for each element of this list (of either site's type).
    pub fn elements(self) -> Option<Expect<'s>> {
        self.readings()
            .find(|reading| reading.is_list())
            .map(|reading| Expect {
                element: true,
                ..reading
            })
    }

    /// The object the value must be, when it must be one (of either site's type).
    pub fn object(self) -> Option<usize> {
        self.readings().find_map(|reading| match reading.shape() {
            (Shape::Object(index), _) if !reading.is_list() => Some(index),
            _ => None,
        })
    }

    /// Whether a value of this kind is what this reading expects.
    fn fits(self, found: &Found) -> bool {
        match (self.is_list(), self.shape().0, found) {
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
        }
    }

    /// The rule a value of this kind breaks, if any; [`Expect::message`] words it.
    pub fn check(self, found: &Found) -> Option<Rule> {
        if let Found::Null = found {
            return (!self.member.nullable).then_some(Rule::SchemaNullValue);
        }
        (!self.readings().any(|reading| reading.fits(found))).then_some(Rule::SchemaTypeMismatch)
    }

    /// What is wrong with a value of this kind that [`Expect::check`] refused.
    pub fn message(self, schema: &Schema, found: &Found) -> String {
        let name = &self.member.name;
        if let Found::Null = found {
            return format!("`{name}` is null, which the description does not allow");
        }
        let expected: Vec<String> = self
            .readings()
            .map(|reading| reading.describe(schema))
            .collect();
        let expected = expected.join(" or ");
        let dated = matches!(
            self.shape().0,
            Shape::DateTime | Shape::DateTimeIso | Shape::Date
        );
        match found {
            Found::Str(text) if dated && !self.is_list() && self.member.alternative.is_none() => {
                format!("`{name}` is `{}`, which is not a {expected}", quoted(text))
            }
            _ => format!(
                "`{name}` is {}, but the description says {expected}",
                found.describe()
            ),
        }
    }

    /// What this reading expects, in words.
    fn describe(self, schema: &Schema) -> String {
        self.shape().0.describe(schema, self.is_list())
    }
}

/// Which members of a described object were present: a bit mask for the usual object of up
/// to 64 members, so that checking one costs no allocation.
pub(super) enum Seen {
    Few(u64),
    Many(Vec<bool>),
}

impl Seen {
    pub(super) fn new(members: usize) -> Self {
        if members <= 64 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; members])
        }
    }

    pub(super) fn set(&mut self, index: usize) {
        match self {
            Seen::Few(bits) => *bits |= Seen::bit(index),
            Seen::Many(flags) => {
                if let Some(flag) = flags.get_mut(index) {
                    *flag = true;
                }
            }
        }
    }

    pub(super) fn get(&self, index: usize) -> bool {
        match self {
            Seen::Few(bits) => bits & Seen::bit(index) != 0,
            Seen::Many(flags) => flags.get(index).copied().unwrap_or(false),
        }
    }

    fn bit(index: usize) -> u64 {
        u32::try_from(index)
            .ok()
            .and_then(|i| 1u64.checked_shl(i))
            .unwrap_or(0)
    }
}

/// One finding for all the required members an object lacks, naming the first few.
pub(super) fn missing_message(object: &str, missing: &[&str]) -> Option<String> {
    let (first, rest) = missing.split_first()?;
    if rest.is_empty() {
        return Some(format!("`{object}` lacks the required member `{first}`"));
    }
    // Every one is named: the list is bounded by the description, not by the input.
    let named: Vec<String> = missing.iter().map(|name| format!("`{name}`")).collect();
    Some(format!(
        "`{object}` lacks the required members {}",
        named.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::missing_message;

    /// Regression: past six members the message said "and 34 more", with no way to see them.
    #[test]
    fn every_missing_member_is_named() {
        let names: Vec<String> = (0..40).map(|n| format!("M{n}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let message = missing_message("Disk", &names).unwrap();
        assert!(
            message.contains("`M0`") && message.contains("`M39`"),
            "{message}"
        );
        assert!(!message.contains("more"), "{message}");
        assert_eq!(missing_message("Disk", &[]), None);
    }
}
