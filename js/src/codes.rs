//! Codes and rules: `explain` in the fields of `tc-envelope explain --format json`, and the
//! rule table in those of `tc-envelope rules --format json`.

use std::collections::BTreeMap;

use serde::Serialize;
use tencentcloud_envelope::{
    Category, CodeKind, CommonCode, Consequence, Explanation, Lang, RetryAdvice, Rule, Severity,
    Site,
};

/// An explanation, as the tool's `explain --format json` prints it (less `suggestions`, which
/// the tool finds by comparing the code with every known one).
#[derive(Serialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is a field of the tool's JSON"
)]
pub struct Answer<'a> {
    code: &'a str,
    known: bool,
    kind: CodeKind,
    common: Option<&'static str>,
    category: Option<Category>,
    lang: Lang,
    description: &'a str,
    retryable: bool,
    retry_advice: RetryAdvice,
    advice_stated: bool,
    reviewed: bool,
    advice: &'static str,
    translations: BTreeMap<Lang, Translation<'a>>,
    products: &'a [&'static str],
    sites: &'static [Site],
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'a str>,
    documentation: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    other_spellings: &'a [&'static str],
}

/// The prose in one language.
#[derive(Serialize)]
struct Translation<'a> {
    description: &'a str,
    advice: &'static str,
}

impl<'a> Answer<'a> {
    /// The answer on `e`, asked for `service`, its prose in `lang`.
    pub fn of(e: &'a Explanation, service: Option<&'a str>, lang: Lang) -> Self {
        let common = match e.legacy() {
            Some(legacy) => legacy.successor().map(CommonCode::as_str),
            None => e.common().map(CommonCode::as_str),
        };
        Answer {
            code: e.code(),
            known: e.is_known(),
            kind: e.kind(),
            common,
            category: e.category(),
            lang,
            description: e.description_in(lang),
            retryable: e.is_retryable(),
            retry_advice: e.retry_advice(),
            advice_stated: e.is_advice_stated(),
            reviewed: e.is_reviewed(),
            advice: e.what_to_do_in(lang),
            translations: Lang::ALL
                .iter()
                .map(|&l| {
                    let prose = Translation {
                        description: e.description_in(l),
                        advice: e.what_to_do_in(l),
                    };
                    (l, prose)
                })
                .collect(),
            products: e.products(),
            sites: e.sites(),
            service,
            documentation: e.documentation(),
            other_spellings: e.other_spellings(),
        }
    }
}

/// One rule of the table.
#[derive(Serialize)]
pub struct RuleRow {
    rule: Rule,
    severity: Severity,
    consequence: Consequence,
    description: &'static str,
}

/// Every rule, in the order the documentation lists them.
pub fn rules() -> Vec<RuleRow> {
    Rule::ALL
        .iter()
        .map(|&rule| RuleRow {
            rule,
            severity: rule.default_severity(),
            consequence: rule.consequence(),
            description: rule.description(),
        })
        .collect()
}
