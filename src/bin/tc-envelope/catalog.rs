//! Every code the library knows, one row each, for `tc-envelope codes`.

use serde::Serialize;
use tencentcloud_envelope::{
    Category, CodeKind, CommonCode, Explanation, LegacyCode, RetryAdvice, SdkCode, explain,
    product_codes,
};

/// One code as `codes` lists it.
#[derive(Debug, Serialize)]
pub struct Row {
    pub code: String,
    pub kind: CodeKind,
    pub category: Option<Category>,
    pub retryable: bool,
    pub retry_advice: RetryAdvice,
    pub products: Vec<&'static str>,
    pub description: String,
}

impl Row {
    fn of(explanation: &Explanation) -> Self {
        Row {
            code: explanation.code().to_owned(),
            kind: explanation.kind(),
            category: explanation.category(),
            retryable: explanation.is_retryable(),
            retry_advice: explanation.retry_advice(),
            products: explanation.products().to_vec(),
            description: explanation.description().to_owned(),
        }
    }
}

/// What to keep.
pub struct Filter<'a> {
    pub contains: Option<&'a str>,
    pub category: Option<Category>,
    pub service: Option<&'a str>,
    pub kind: Option<CodeKind>,
}

/// Every known code (common, legacy, SDK-made, each product's), once each, in ASCII order.
pub fn all_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = CommonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(LegacyCode::ALL.iter().map(|c| c.as_str()))
        .chain(SdkCode::ALL.iter().map(|c| c.as_str()))
        .chain(product_codes().map(|c| c.code()))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Every known code (common, legacy, SDK-made, each product's) that passes `filter`, in ASCII
/// order, answered as `explain` would for the filter's service.
pub fn rows(filter: &Filter<'_>) -> Vec<Row> {
    let codes = all_codes();
    let contains = filter.contains.map(str::to_ascii_lowercase);
    codes
        .into_iter()
        .filter(|code| {
            contains
                .as_ref()
                .is_none_or(|text| code.to_ascii_lowercase().contains(text.as_str()))
        })
        .map(|code| explain(code, filter.service))
        .filter(|e| filter.kind.is_none_or(|kind| e.kind() == kind))
        .filter(|e| filter.category.is_none_or(|c| e.category() == Some(c)))
        .filter(|e| {
            filter.service.is_none_or(|service| {
                e.products()
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(service.trim()))
            })
        })
        .map(|e| Row::of(&e))
        .collect()
}
