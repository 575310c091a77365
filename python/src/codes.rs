//! Codes and rules: `explain`, the common codes and the rule table, as Python data.

use pyo3::prelude::*;
use tencentcloud_envelope as envelope;

/// Everything the crate knows about one error code.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all)]
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The code in its canonical spelling.
    code: String,
    /// `common`, `under-common-prefix`, `product`, `legacy`, `sdk` or `unknown`.
    kind: &'static str,
    /// The kind of failure, when known.
    category: Option<&'static str>,
    /// Whether to send the request again, and when.
    retry_advice: &'static str,
    /// Whether sending the request again can succeed at all.
    is_retryable: bool,
    /// Whether a person checked the meaning and advice against the product's documentation.
    is_reviewed: bool,
    /// Whether a table states the retry advice (rather than it defaulting to do-not-retry).
    is_advice_stated: bool,
    /// The language of `description` and `what_to_do`: `en` or `zh`.
    lang: &'static str,
    /// What the code means, in the project's words, in `lang`.
    description: String,
    /// What to do about it, in `lang`.
    what_to_do: &'static str,
    /// `description` and `what_to_do` in every language: `{"en": (description, what_to_do), "zh": ...}`.
    translations: std::collections::BTreeMap<&'static str, (String, &'static str)>,
    /// The sites whose code lists have it: `intl`, `china`.
    sites: Vec<&'static str>,
    /// The common code this code is or extends.
    common: Option<&'static str>,
    /// Every service whose code list has the code.
    products: Vec<&'static str>,
    /// A page that documents the code, where one is known.
    documentation: Option<String>,
}

#[pymethods]
impl Explanation {
    fn __repr__(&self) -> String {
        format!(
            "Explanation(code={:?}, kind={:?}, retry_advice={:?})",
            self.code, self.kind, self.retry_advice
        )
    }
}

/// Explains any code string, optionally for a call to `service` (`cvm`), with its prose in
/// `lang` (`en` or `zh`; by default the locale's, as the tool chooses).
#[pyfunction]
#[pyo3(signature = (code, service=None, lang=None))]
pub fn explain(code: &str, service: Option<&str>, lang: Option<&str>) -> PyResult<Explanation> {
    let lang = match lang {
        Some(tag) => tag
            .parse::<envelope::Lang>()
            .map_err(|error| pyo3::exceptions::PyValueError::new_err(error.to_string()))?,
        None => envelope::Lang::from_env(),
    };
    let answer = envelope::explain(code, service);
    Ok(Explanation {
        code: answer.code().to_owned(),
        kind: answer.kind().as_str(),
        category: answer.category().map(envelope::Category::as_str),
        retry_advice: answer.retry_advice().as_str(),
        is_retryable: answer.is_retryable(),
        is_reviewed: answer.is_reviewed(),
        is_advice_stated: answer.is_advice_stated(),
        lang: lang.as_str(),
        description: answer.description_in(lang).to_owned(),
        what_to_do: answer.what_to_do_in(lang),
        translations: envelope::Lang::ALL
            .iter()
            .map(|&l| {
                (
                    l.as_str(),
                    (answer.description_in(l).to_owned(), answer.what_to_do_in(l)),
                )
            })
            .collect(),
        sites: answer.sites().iter().map(|s| s.as_str()).collect(),
        common: answer.common().map(envelope::CommonCode::as_str),
        products: answer.products().to_vec(),
        documentation: answer.documentation().map(str::to_owned),
    })
}

/// Every rule: (id, default severity, consequence for a reader, description).
#[pyfunction]
pub fn rules() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    envelope::Rule::ALL
        .iter()
        .map(|rule| {
            (
                rule.as_str(),
                rule.default_severity().as_str(),
                rule.consequence().as_str(),
                rule.description(),
            )
        })
        .collect()
}

/// Every common code: (Rust variant name, code, category, retry advice, description).
#[pyfunction]
pub fn common_codes() -> Vec<(
    String,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    envelope::CommonCode::ALL
        .iter()
        .map(|code| {
            (
                format!("{code:?}"),
                code.as_str(),
                code.category().as_str(),
                code.retry_advice().as_str(),
                code.description(),
            )
        })
        .collect()
}

/// Every category's kebab-case name, in declaration order.
#[pyfunction]
pub fn categories() -> Vec<&'static str> {
    envelope::Category::ALL.iter().map(|c| c.as_str()).collect()
}

/// Every retry advice's kebab-case name, from the most to the least willing to retry.
#[pyfunction]
pub fn retry_advices() -> Vec<&'static str> {
    envelope::RetryAdvice::ALL
        .iter()
        .map(|a| a.as_str())
        .collect()
}

/// Every outcome's name (`success`, `failure`, `invalid`), as reports give them.
#[pyfunction]
pub fn outcomes() -> Vec<&'static str> {
    envelope::Outcome::ALL.iter().map(|o| o.as_str()).collect()
}

/// Every severity's name, from the least serious.
#[pyfunction]
pub fn severities() -> Vec<&'static str> {
    envelope::Severity::ALL.iter().map(|s| s.as_str()).collect()
}
