//! One answer for any code string: what it is, what it means and whether to retry.

use crate::codes::catalog::{self, ProductCode};
use crate::codes::prefix::{common_prefix, family_category};
use crate::grammar::{LONGEST_CODE, is_too_long};
use crate::{Category, CommonCode, Lang, LegacyCode, RetryAdvice, SdkCode, Site};

/// The page that documents the common codes (the first part of CVM's error-code page).
const COMMON_CODES_PAGE: &str = "https://cloud.tencent.com/document/api/213/30435";

/// Where a code's answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CodeKind {
    /// One of the 38 [`CommonCode`]s.
    Common,
    /// Not listed anywhere, but it extends a common code (`FailedOperation.Whatever`), or
    /// starts with `AuthFailure.`: its category is known, its retry advice is not.
    UnderCommonPrefix,
    /// A product lists it (see [`product_codes`](crate::product_codes)).
    Product,
    /// An early API 3.0 code ([`LegacyCode`]).
    Legacy,
    /// Made up by an official SDK on the client side ([`SdkCode`]).
    Sdk,
    /// None of the above.
    Unknown,
}

impl CodeKind {
    /// The kebab-case name: `common`, `under-common-prefix`, `product`, `legacy`, `sdk`,
    /// `unknown`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CodeKind::Common => "common",
            CodeKind::UnderCommonPrefix => "under-common-prefix",
            CodeKind::Product => "product",
            CodeKind::Legacy => "legacy",
            CodeKind::Sdk => "sdk",
            CodeKind::Unknown => "unknown",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: &'static [CodeKind] = &[
        CodeKind::Common,
        CodeKind::UnderCommonPrefix,
        CodeKind::Product,
        CodeKind::Legacy,
        CodeKind::Sdk,
        CodeKind::Unknown,
    ];
}

impl std::fmt::Display for CodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CodeKind {
    type Err = UnknownCodeKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CodeKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownCodeKind {
                input: text.to_owned(),
            })
    }
}

/// The error returned when a string is not the name of a [`CodeKind`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a code kind")]
pub struct UnknownCodeKind {
    input: String,
}

impl UnknownCodeKind {
    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl serde::Serialize for CodeKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The facts about an exactly spelled code, without allocating.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    pub(crate) kind: CodeKind,
    pub(crate) category: Option<Category>,
    pub(crate) advice: RetryAdvice,
    /// Whether a table states the advice (rather than it defaulting to do-not-retry).
    pub(crate) stated: bool,
}

/// Decides kind, category and retry advice for `code` spelled exactly, for a call to
/// `service` when given (and known to the catalogue).
pub(crate) fn resolve(code: &str, service: Option<&str>) -> Resolved {
    let prefix_category =
        || common_prefix(code).map_or_else(|| family_category(code), |c| Some(c.category()));
    if let Some(common) = CommonCode::find(code) {
        return Resolved {
            kind: CodeKind::Common,
            category: Some(common.category()),
            advice: common.retry_advice(),
            stated: true,
        };
    }
    if let Some(legacy) = LegacyCode::find(code) {
        return Resolved {
            kind: CodeKind::Legacy,
            category: Some(legacy.category()),
            advice: legacy.retry_advice(),
            stated: true,
        };
    }
    if let Some(sdk) = SdkCode::find(code) {
        return Resolved {
            kind: CodeKind::Sdk,
            category: Some(sdk.category()),
            advice: sdk.retry_advice(),
            stated: true,
        };
    }
    let category = prefix_category();
    let scope = scope(service);
    let listed = catalog::listings_of(code).any(|l| in_scope(l, scope));
    let kind = if listed {
        CodeKind::Product
    } else if category.is_some() {
        CodeKind::UnderCommonPrefix
    } else {
        CodeKind::Unknown
    };
    // The service's own listing decides; a code only other products list takes their
    // advice, since their table still names it.
    let (advice, stated) = if listed {
        agreed_advice(catalog::listings_of(code).filter(|l| in_scope(*l, scope)))
    } else {
        agreed_advice(catalog::listings_of(code))
    };
    Resolved {
        kind,
        category,
        advice,
        stated,
    }
}

/// The advice the listings agree on; do-not-retry, not stated, when there are none or they
/// disagree.
fn agreed_advice(listings: impl Iterator<Item = ProductCode>) -> (RetryAdvice, bool) {
    let mut agreed: Option<Option<RetryAdvice>> = None;
    for listing in listings {
        let advice = Some(listing.retry_advice());
        agreed = match agreed {
            None => Some(advice),
            Some(previous) if previous == advice => Some(previous),
            Some(_) => Some(None),
        };
    }
    match agreed {
        Some(Some(advice)) => (advice, true),
        _ => (RetryAdvice::DoNotRetry, false),
    }
}

/// The service the answer is for: `None` for every service, including when the catalogue
/// has no codes for the one given.
fn scope(service: Option<&str>) -> Option<&'static str> {
    service.map(str::trim).and_then(catalog::service_named)
}

fn in_scope(listing: ProductCode, scope: Option<&str>) -> bool {
    scope.is_none_or(|service| listing.service() == service)
}

/// The message of the `unknown-error-code` rule, when `code` (spelled exactly) is unknown
/// for a call to `service`.
pub(crate) fn unknown_code_message(code: &str, service: Option<&str>) -> Option<String> {
    if resolve(code, service).kind != CodeKind::Unknown {
        return None;
    }
    let others: Vec<&str> = catalog::listings_of(code).map(|l| l.service()).collect();
    Some(match (scope(service), others.is_empty()) {
        (Some(service), false) => format!(
            "`{code}` is neither a common code nor under a common prefix, and {service} does not list it (listed by {})",
            others.join(", ")
        ),
        (Some(service), true) => format!(
            "`{code}` is neither a common code nor under a common prefix, and no product lists it ({service} included)"
        ),
        (None, _) => format!(
            "`{code}` is neither a common code nor under a common prefix, and no product lists it"
        ),
    })
}

/// Everything this crate knows about one error code: see [`explain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    code: String,
    kind: CodeKind,
    common: Option<CommonCode>,
    legacy: Option<LegacyCode>,
    sdk: Option<SdkCode>,
    category: Option<Category>,
    advice: RetryAdvice,
    stated: bool,
    reviewed: bool,
    /// The meaning in each of [`Lang::ALL`], in that order.
    descriptions: [String; 2],
    products: Vec<&'static str>,
    sites: &'static [Site],
    documentation: Option<String>,
    other_spellings: Vec<&'static str>,
}

/// Explains any code string, optionally for a call to `service` (`cvm`).
///
/// The input is trimmed; a code known with another letter case is answered under its
/// canonical spelling. With a service the catalogue knows, only that service's listing counts
/// as a product code: a code only other products list is then [`CodeKind::Unknown`] (with
/// those products named), exactly as the `unknown-error-code` rule decides for a response of
/// that service; its retry advice is still what those products' tables say. A service the
/// catalogue does not know is ignored. A text longer than [`ErrorCode::MAX_LEN`](crate::ErrorCode::MAX_LEN) is answered
/// as unknown without being looked up. The answer holds its prose in both languages
/// ([`description_in`](Explanation::description_in)).
///
/// ```
/// use tencentcloud_envelope::{explain, Category, CodeKind, Lang, RetryAdvice, Site};
///
/// let answer = explain(" invaliddisk.busy ", None);
/// assert_eq!(answer.code(), "InvalidDisk.Busy");
/// assert_eq!(answer.kind(), CodeKind::Product);
/// assert_eq!(answer.retry_advice(), RetryAdvice::RetryLater);
/// assert_eq!(answer.products(), ["cbs"]);
/// assert_eq!(answer.sites(), [Site::International, Site::China]);
/// assert!(answer.description_in(Lang::Zh).contains("云硬盘"));
///
/// let answer = explain("InternalError.ParamError", None);
/// assert_eq!(answer.category(), Some(Category::Server));
///
/// assert_eq!(explain("InvalidDisk.Busy", Some("cvm")).kind(), CodeKind::Unknown);
/// assert_eq!(explain("InvalidInstanceId.NotFound", Some("cvm")).kind(), CodeKind::Product);
/// ```
pub fn explain(code: &str, service: Option<&str>) -> Explanation {
    let input = code.trim();
    if is_too_long(input) {
        return Explanation::too_long(input);
    }
    let (code, other_spellings) = canonical(input);
    let code: &str = code.unwrap_or(input);
    let resolved = resolve(code, service);
    let scope = scope(service);
    let all: Vec<ProductCode> = catalog::listings_of(code).collect();
    let products: Vec<&'static str> = all.iter().map(ProductCode::service).collect();
    let scoped: Vec<&ProductCode> = all.iter().filter(|l| in_scope(**l, scope)).collect();
    let common = CommonCode::find(code).or_else(|| common_prefix(code));
    let legacy = LegacyCode::find(code);
    let sdk = SdkCode::find(code);
    let describe = |lang: Lang| {
        let mut description = match resolved.kind {
            CodeKind::Common => common
                .map(|c| c.description_in(lang))
                .unwrap_or_default()
                .to_owned(),
            CodeKind::Legacy => legacy
                .map(|l| legacy_description(l, lang))
                .unwrap_or_default(),
            CodeKind::Sdk => sdk.map(|s| sdk_description(s, lang)).unwrap_or_default(),
            CodeKind::Product => product_description(&scoped, lang),
            CodeKind::UnderCommonPrefix => catalog::reading(code, lang),
            CodeKind::Unknown if products.is_empty() => lang
                .pick("Not a code this crate knows.", "本库不认识这个错误码。")
                .to_owned(),
            CodeKind::Unknown => {
                let everywhere: Vec<&ProductCode> = all.iter().collect();
                let service = scope.unwrap_or_default().to_uppercase();
                let listed = product_description(&everywhere, lang);
                match lang {
                    Lang::En => format!("Not a code of {service}. {listed}"),
                    Lang::Zh => format!("{service} 不返回此错误码。{listed}"),
                }
            }
        };
        // Listings whose advice differs leave it unstated: say why.
        if matches!(resolved.kind, CodeKind::Product | CodeKind::Unknown)
            && !resolved.stated
            && !products.is_empty()
        {
            description.push_str(lang.pick(
                " Whether to retry differs by product: name the service for its own advice.",
                "各产品对能否重试说法不一：请指定服务以得到该产品的建议。",
            ));
        }
        if let Some(service) = scope
            && resolved.kind == CodeKind::UnderCommonPrefix
            && !products.is_empty()
        {
            let service = service.to_uppercase();
            let listers = upper_list(&products);
            description = match lang {
                Lang::En => {
                    let verb = if products.len() == 1 { "lists" } else { "list" };
                    format!("{description} {service} does not list it; {listers} {verb} it.")
                }
                Lang::Zh => {
                    format!("{description}{service} 未列出此错误码；列出它的产品：{listers}。")
                }
            };
        }
        description
    };
    let documentation = match resolved.kind {
        CodeKind::Common => Some(COMMON_CODES_PAGE.to_owned()),
        CodeKind::Product => scoped.first().map(|l| l.documentation()),
        _ => None,
    };
    let reviewed = match resolved.kind {
        CodeKind::Common | CodeKind::Legacy | CodeKind::Sdk => true,
        CodeKind::Product => scoped.iter().all(|l| l.is_reviewed()),
        CodeKind::UnderCommonPrefix | CodeKind::Unknown => false,
    };
    Explanation {
        code: code.to_owned(),
        kind: resolved.kind,
        common,
        legacy,
        sdk,
        category: resolved.category,
        advice: resolved.advice,
        stated: resolved.stated,
        reviewed,
        descriptions: [describe(Lang::En), describe(Lang::Zh)],
        products,
        sites: Site::set(scoped.iter().flat_map(|l| l.sites().iter().copied())),
        documentation,
        other_spellings,
    }
}

/// The spelling a table holds for `input` (exactly, or else ignoring letter case), and the
/// other spellings that differ only in case.
fn canonical(input: &str) -> (Option<&'static str>, Vec<&'static str>) {
    if let Some(exact) = exact_spelling(input) {
        return (Some(exact), Vec::new());
    }
    let mut matches: Vec<&'static str> = CommonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(LegacyCode::ALL.iter().map(|c| c.as_str()))
        .chain(SdkCode::ALL.iter().map(|c| c.as_str()))
        .chain(catalog::codes())
        .filter(|known| known.eq_ignore_ascii_case(input))
        .collect();
    matches.sort_unstable();
    matches.dedup();
    let exact = matches.iter().position(|known| *known == input);
    let chosen = exact.or(if matches.is_empty() { None } else { Some(0) });
    match chosen {
        Some(index) => {
            let code = matches.remove(index);
            (Some(code), matches)
        }
        None => (None, Vec::new()),
    }
}

/// The table's own `&'static` copy of `input`, when a table holds it exactly.
fn exact_spelling(input: &str) -> Option<&'static str> {
    if let Some(common) = CommonCode::find(input) {
        return Some(common.as_str());
    }
    if let Some(legacy) = LegacyCode::find(input) {
        return Some(legacy.as_str());
    }
    if let Some(sdk) = SdkCode::find(input) {
        return Some(sdk.as_str());
    }
    catalog::listings_of(input)
        .next()
        .map(|listing| listing.code())
}

fn sdk_description(sdk: SdkCode, lang: Lang) -> String {
    let (meaning, name) = (sdk.description_in(lang), sdk.sdk());
    match lang {
        Lang::En => format!(
            "{meaning} Made up by the official {name} SDK on the client side; the server never sends it."
        ),
        Lang::Zh => format!("{meaning}此错误码由官方 {name} SDK 在客户端生成，服务端从不返回。"),
    }
}

fn legacy_description(legacy: LegacyCode, lang: Lang) -> String {
    let meaning = legacy.description_in(lang);
    match (legacy.successor(), lang) {
        (Some(now), Lang::En) => {
            format!("{meaning} An early API 3.0 code; the server now sends `{now}`.")
        }
        (None, Lang::En) => format!("{meaning} An early API 3.0 code; no single code replaces it."),
        (Some(now), Lang::Zh) => {
            format!("{meaning}这是 API 3.0 早期的错误码，服务端现在返回 `{now}`。")
        }
        (None, Lang::Zh) => format!("{meaning}这是 API 3.0 早期的错误码，没有单一的错误码取代它。"),
    }
}

/// The meaning of a code as the listings in scope give it: the one meaning when they agree,
/// else at most two, each with its product, and how many other meanings there are.
fn product_description(scoped: &[&ProductCode], lang: Lang) -> String {
    const QUOTED: usize = 2;
    let mut meanings: Vec<(&str, &str)> = Vec::new();
    for listing in scoped {
        let meaning = listing.description_in(lang);
        if !meanings.iter().any(|(_, m)| *m == meaning) {
            meanings.push((listing.service(), meaning));
        }
    }
    match meanings.as_slice() {
        [] => String::new(),
        [(_, meaning)] => (*meaning).to_owned(),
        many => {
            let mut parts: Vec<String> = many
                .iter()
                .take(QUOTED)
                .map(|(service, meaning)| format!("{}: {meaning}", service.to_uppercase()))
                .collect();
            let others = many.len() - many.len().min(QUOTED);
            match (others, lang) {
                (0, _) => {}
                (n, Lang::En) => parts.push(format!(
                    "{n} other product{} give{} it another meaning.",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" }
                )),
                (n, Lang::Zh) => parts.push(format!("另有 {n} 个产品对它另有解释。")),
            }
            parts.join(" ")
        }
    }
}

fn upper_list(services: &[&str]) -> String {
    services
        .iter()
        .map(|s| s.to_uppercase())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Explanation {
    /// The answer for a text longer than any code can be: unknown, and nothing looked up.
    fn too_long(code: &str) -> Self {
        let limit = LONGEST_CODE;
        Explanation {
            code: code.to_owned(),
            kind: CodeKind::Unknown,
            common: None,
            legacy: None,
            sdk: None,
            category: None,
            advice: RetryAdvice::DoNotRetry,
            stated: false,
            reviewed: false,
            descriptions: [
                format!(
                    "Not a code this crate knows: it is longer than any error code ({limit} bytes at most)."
                ),
                format!("本库不认识这个错误码：它比任何错误码都长（错误码至多 {limit} 字节）。"),
            ],
            products: Vec::new(),
            sites: &[],
            documentation: None,
            other_spellings: Vec::new(),
        }
    }

    /// The code in its canonical spelling (the input, trimmed, when no table knows it).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Where the answer comes from.
    pub fn kind(&self) -> CodeKind {
        self.kind
    }

    /// Whether a table in this crate lists the code itself: a common, product, legacy or
    /// SDK-made code.
    pub fn is_known(&self) -> bool {
        matches!(
            self.kind,
            CodeKind::Common | CodeKind::Product | CodeKind::Legacy | CodeKind::Sdk
        )
    }

    /// Whether the crate can say anything about the code: every kind but
    /// [`CodeKind::Unknown`]. The `unknown-error-code` rule fires exactly when this is false.
    pub fn is_recognized(&self) -> bool {
        self.kind != CodeKind::Unknown
    }

    /// The common code this code is or extends (by the longest dotted prefix).
    pub fn common(&self) -> Option<CommonCode> {
        self.common
    }

    /// The legacy code this is, if any.
    pub fn legacy(&self) -> Option<LegacyCode> {
        self.legacy
    }

    /// The SDK-made code this is, if any.
    pub fn sdk_code(&self) -> Option<SdkCode> {
        self.sdk
    }

    /// The kind of failure.
    pub fn category(&self) -> Option<Category> {
        self.category
    }

    /// Whether to send the request again.
    pub fn retry_advice(&self) -> RetryAdvice {
        self.advice
    }

    /// The shortcut for [`retry_advice`](Self::retry_advice)`().is_retryable()`.
    pub fn is_retryable(&self) -> bool {
        self.advice.is_retryable()
    }

    /// Whether a person checked the answer's meaning and advice: always for the common,
    /// legacy and SDK-made codes; for a product code, when every listing in scope was
    /// reviewed against the product's documentation (the others were written from the
    /// official descriptions alone).
    pub fn is_reviewed(&self) -> bool {
        self.reviewed
    }

    /// Whether a table states the retry advice, rather than it defaulting to
    /// [`RetryAdvice::DoNotRetry`] for a code no table lists.
    pub fn is_advice_stated(&self) -> bool {
        self.stated
    }

    /// What the code means, in English: see [`description_in`](Self::description_in).
    pub fn description(&self) -> &str {
        self.description_in(Lang::En)
    }

    /// What the code means, in the project's words, in `lang`.
    pub fn description_in(&self, lang: Lang) -> &str {
        let [en, zh] = &self.descriptions;
        lang.pick(en, zh)
    }

    /// What to do about it, in English: see [`what_to_do_in`](Self::what_to_do_in).
    pub fn what_to_do(&self) -> &'static str {
        self.what_to_do_in(Lang::En)
    }

    /// What to do about it, in one sentence consistent with the retry advice, in `lang`.
    pub fn what_to_do_in(&self, lang: Lang) -> &'static str {
        match (self.advice, self.category) {
            (RetryAdvice::DoNotRetry, Some(category))
                if category.retry_advice() == RetryAdvice::DoNotRetry =>
            {
                category.advice_in(lang)
            }
            // No table states the advice, or the products listing the code differ on it.
            (RetryAdvice::DoNotRetry, _) if !self.stated => lang.pick(
                "read the message: no single retry advice holds for this code here (no table states one, or its products differ), so resending it automatically is not advised",
                "请阅读错误信息：本库对此错误码没有统一的重试建议（没有表格说明，或各产品说法不一），因此不建议自动重发",
            ),
            (advice, _) => advice.what_to_do_in(lang),
        }
    }

    /// The sites whose lists have the code for the products in scope (none for a code no
    /// product lists).
    pub fn sites(&self) -> &'static [Site] {
        self.sites
    }

    /// Every service whose code list has the code, in order of name.
    pub fn products(&self) -> &[&'static str] {
        &self.products
    }

    /// A page that documents the code, where one is known.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }

    /// Other spellings of the code, differing only in letter case, that tables also hold.
    pub fn other_spellings(&self) -> &[&'static str] {
        &self.other_spellings
    }
}

// Here rather than in `catalog.rs`: a listing's category is the resolution's, which reads the
// catalogue, so the catalogue cannot ask for it without a cycle.
impl ProductCode {
    /// The kind of failure, from the code's common prefix, as [`explain`] reads it.
    pub fn category(&self) -> Option<Category> {
        resolve(self.code(), None).category
    }
}

/// An explanation in the fields of `tc-envelope explain --format json`, the form every front
/// end that hands one on as JSON gives it (the tool, the npm package): it serializes with
/// serde, and its fields are that contract.
#[derive(Debug, Clone, serde::Serialize)]
#[non_exhaustive]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is a field of the JSON contract"
)]
pub struct ExplanationJson<'a> {
    /// The code in its canonical spelling.
    pub code: &'a str,
    /// A table lists the code itself: common, product, legacy or SDK-made.
    pub known: bool,
    /// `common`, `under-common-prefix`, `product`, `legacy`, `sdk` or `unknown`.
    pub kind: CodeKind,
    /// The common code this code is or extends; for a legacy code, the code sent today.
    pub common: Option<&'static str>,
    /// The kind of failure, when known.
    pub category: Option<Category>,
    /// The language of `description` and `advice`.
    pub lang: Lang,
    /// What the code means.
    pub description: &'a str,
    /// The shortcut: any retry advice but `do-not-retry`.
    pub retryable: bool,
    /// Whether to send the request again, and when.
    pub retry_advice: RetryAdvice,
    /// Whether a table states the retry advice rather than it defaulting to `do-not-retry`.
    pub advice_stated: bool,
    /// Whether a person checked the meaning and advice against the product's documentation.
    pub reviewed: bool,
    /// What to do, in one sentence.
    pub advice: &'static str,
    /// `description` and `advice` in every language, by tag (`en`, `zh`).
    pub translations: std::collections::BTreeMap<Lang, Prose<'a>>,
    /// Every service whose code list has the code.
    pub products: &'a [&'static str],
    /// The sites whose code lists have it for the products in scope: `intl`, `china`.
    pub sites: &'static [Site],
    /// The service the code was asked about, when one was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<&'a str>,
    /// Where the product documents the code.
    pub documentation: Option<&'a str>,
    /// The spellings the code was also listed under.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub other_spellings: &'a [&'static str],
}

/// An explanation's prose in one language.
#[derive(Debug, Clone, Copy, serde::Serialize)]
#[non_exhaustive]
pub struct Prose<'a> {
    /// What the code means.
    pub description: &'a str,
    /// What to do.
    pub advice: &'static str,
}

impl Explanation {
    /// The explanation in its JSON form, asked for `service`, its prose in `lang` (and every
    /// language under `translations`).
    ///
    /// ```
    /// use tencentcloud_envelope::{Lang, explain};
    ///
    /// let answer = explain("InvalidDisk.Busy", Some("cbs"));
    /// let json = serde_json::to_value(answer.json_form(Some("cbs"), Lang::Zh))?;
    /// assert_eq!(json["retry_advice"], "retry-later");
    /// assert_eq!(json["lang"], "zh");
    /// assert!(json["translations"]["en"]["description"].as_str().is_some_and(|d| d.contains("cloud disk")));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn json_form<'a>(&'a self, service: Option<&'a str>, lang: Lang) -> ExplanationJson<'a> {
        let common = match self.legacy() {
            Some(legacy) => legacy.successor().map(CommonCode::as_str),
            None => self.common().map(CommonCode::as_str),
        };
        ExplanationJson {
            code: self.code(),
            known: self.is_known(),
            kind: self.kind(),
            common,
            category: self.category(),
            lang,
            description: self.description_in(lang),
            retryable: self.is_retryable(),
            retry_advice: self.retry_advice(),
            advice_stated: self.is_advice_stated(),
            reviewed: self.is_reviewed(),
            advice: self.what_to_do_in(lang),
            translations: Lang::ALL
                .iter()
                .map(|&l| {
                    let prose = Prose {
                        description: self.description_in(l),
                        advice: self.what_to_do_in(l),
                    };
                    (l, prose)
                })
                .collect(),
            products: self.products(),
            sites: self.sites(),
            service,
            documentation: self.documentation(),
            other_spellings: self.other_spellings(),
        }
    }
}
