//! `tc-envelope explain`: what a code (or a rule) means and what to do.

use std::fmt::{self, Write};

use serde::Serialize;
use tencentcloud_envelope::{
    CodeKind, ErrorCode, Explanation, ExplanationJson, Lang, RetryAdvice, Rule, Site,
    explain as explain_code,
};

use crate::escape::{complain, inert};
use crate::output::{Format, LangArg, print};
use crate::rules::RuleRow;

/// Explain an error code, or a validator rule with --rule.
///
/// The code is trimmed, and matched ignoring letter case. Exit status: 0 when the code is
/// recognised (common, under a common prefix, a product's, legacy or SDK-made), 1 when it is
/// not (or, with --service, only other products list it), 2 when output fails.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope explain RequestLimitExceeded
  tc-envelope explain InvalidInstanceId.NotFound --service cvm
  tc-envelope explain InvalidParameterValue.DiskIdMalformed --format json
  tc-envelope explain InvalidDisk.Busy --lang zh
  tc-envelope explain --rule duplicate-key")]
pub struct ExplainArgs {
    /// The error code, as it appears in `Error.Code`; with --rule, a rule id.
    #[arg(value_name = "CODE")]
    pub code: String,

    /// Explain a validator rule instead of an error code.
    #[arg(long)]
    pub rule: bool,

    /// The product the code came from (`cvm`): only its own list then counts.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// How to print the explanation (JSON carries both languages).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(flatten)]
    pub lang: LangArg,
}

/// The JSON form of an explanation (the library's, a stable contract: `known` and `retryable`
/// are read by scripts), and the known codes its text may be a misspelling of.
#[derive(Debug, Serialize)]
struct Answer<'a> {
    #[serde(flatten)]
    form: ExplanationJson<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<&'static str>,
}

impl<'a> Answer<'a> {
    fn of(e: &'a Explanation, service: Option<&'a str>, lang: Lang) -> Self {
        Answer {
            form: e.json_form(service, lang),
            suggestions: if e.is_known() {
                Vec::new()
            } else {
                suggestions(e.code(), e.is_recognized())
            },
        }
    }
}

/// The known codes closest to `text`, best first. A code under a common prefix shares that
/// prefix with hundreds of codes, so it needs a closer match. A text longer than any code
/// can be is no misspelling of one: comparing it with every code would cost its length
/// times theirs.
fn suggestions(text: &str, under_prefix: bool) -> Vec<&'static str> {
    if text.len() > ErrorCode::MAX_LEN {
        return Vec::new();
    }
    let candidates = crate::codes::all_codes();
    let threshold = if under_prefix { 0.95 } else { 0.85 };
    closest(text, candidates.into_iter(), threshold)
}

/// Up to three candidates at least `threshold` similar to `text` (Jaro-Winkler, letter case
/// ignored), most similar first.
fn closest(
    text: &str,
    candidates: impl Iterator<Item = &'static str>,
    threshold: f64,
) -> Vec<&'static str> {
    let text = text.to_ascii_lowercase();
    let mut scored: Vec<(f64, &'static str)> = candidates
        .map(|candidate| {
            (
                strsim::jaro_winkler(&text, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= threshold)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, candidate)| candidate)
        .collect()
}

pub fn run(args: &ExplainArgs) -> u8 {
    if args.rule {
        return explain_rule(args);
    }
    let service = args.service.as_deref().map(str::trim);
    let explanation = explain_code(&args.code, service);
    let answer = Answer::of(&explanation, service, args.lang.resolve());
    let recognized = explanation.is_recognized();
    if !recognized && args.format == Format::Text {
        let code = explanation.code();
        if code.len() > ErrorCode::MAX_LEN {
            // Not echoed: it may be megabytes.
            complain(format_args!(
                "a code of {} bytes is not a known error code: none is longer than {} bytes",
                code.len(),
                ErrorCode::MAX_LEN
            ));
            return 1;
        }
        let hint = if explanation.products().is_empty() {
            String::new()
        } else {
            format!(
                " for {}; listed by {}",
                service.unwrap_or_default(),
                explanation.products().join(", ")
            )
        };
        let suggestions = if answer.suggestions.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", answer.suggestions.join(", "))
        };
        complain(format_args!(
            "`{}` is not a known error code{hint}{suggestions}",
            explanation.code()
        ));
        return 1;
    }
    let status = print(args.format, &answer, |out| write_explanation(out, &answer));
    if status == 0 {
        u8::from(!recognized)
    } else {
        status
    }
}

/// Up to eight products by name, then how many more.
fn short_list(products: &[&str]) -> String {
    const SHOWN: usize = 8;
    let names = products
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match products.len().saturating_sub(SHOWN) {
        0 => names,
        more => format!("{names} and {more} more"),
    }
}

/// The labels and phrases of the text form, in the answer's language.
struct Words {
    kind_common: &'static str,
    kind_legacy: &'static str,
    kind_sdk: &'static str,
    /// Before and after the list of products.
    kind_product: [&'static str; 2],
    /// Between two items of a list.
    separator: &'static str,
    kind_prefix: &'static str,
    labels: [&'static str; 10],
    retryable: [&'static str; 4],
}

const ENGLISH: Words = Words {
    kind_common: "a common error code: any action may return it",
    kind_legacy: "an early API 3.0 error code",
    kind_sdk: "an error code made up by an SDK, never sent by the server",
    kind_product: ["an error code of ", ""],
    separator: ", ",
    kind_prefix: "not listed by any product, but under a common prefix",
    labels: [
        "common code:  ",
        "category:     ",
        "sites:        ",
        "meaning:      ",
        "retryable:    ",
        "what to do:   ",
        "listed by:    ",
        "documented:   ",
        "also spelled: ",
        "did you mean: ",
    ],
    retryable: [
        "yes, after a backoff delay",
        "yes, if the call is idempotent",
        "yes, once the resource's state has changed",
        "no",
    ],
};

const CHINESE: Words = Words {
    kind_common: "公共错误码：任何接口都可能返回",
    kind_legacy: "API 3.0 早期的错误码",
    kind_sdk: "SDK 在客户端生成的错误码，服务端从不返回",
    kind_product: ["", " 的产品错误码"],
    separator: "、",
    kind_prefix: "没有产品列出，但属于某个公共前缀",
    labels: [
        "公共错误码：  ",
        "类别：        ",
        "站点：        ",
        "含义：        ",
        "可否重试：    ",
        "处理建议：    ",
        "列出的产品：  ",
        "文档：        ",
        "其他写法：    ",
        "你是不是要找：",
    ],
    retryable: [
        "可以，退避一段时间后",
        "可以，若调用是幂等的",
        "可以，待资源状态改变后",
        "否",
    ],
};

/// The explanation for people; the code and the meaning (which quotes the code) are made
/// inert, line breaks and all.
fn write_explanation(out: &mut String, answer: &Answer<'_>) -> fmt::Result {
    let a = &answer.form;
    let words = match a.lang {
        Lang::Zh => &CHINESE,
        _ => &ENGLISH,
    };
    let [
        common_label,
        category_label,
        sites_label,
        meaning,
        retryable_label,
        what,
        listed,
        documented,
        spelled,
        suggest,
    ] = words.labels;
    let kind = match a.kind {
        CodeKind::Common => words.kind_common.to_owned(),
        CodeKind::Legacy => words.kind_legacy.to_owned(),
        CodeKind::Sdk => words.kind_sdk.to_owned(),
        CodeKind::Product => {
            let [before, after] = words.kind_product;
            format!("{before}{}{after}", short_list(a.products))
        }
        _ => words.kind_prefix.to_owned(),
    };
    writeln!(out, "{}: {kind}", inert(a.code))?;
    if let Some(common) = a.common.filter(|common| *common != a.code) {
        writeln!(out, "  {common_label}{common}")?;
    }
    if let Some(category) = a.category {
        writeln!(out, "  {category_label}{category}")?;
    }
    if !a.sites.is_empty() {
        let sites: Vec<&str> = a.sites.iter().map(|s| site_name(*s, a.lang)).collect();
        writeln!(out, "  {sites_label}{}", sites.join(words.separator))?;
    }
    writeln!(out, "  {meaning}{}", inert(a.description))?;
    let [backoff, idempotent, later, no] = words.retryable;
    let retryable = match a.retry_advice {
        RetryAdvice::Retry => backoff,
        RetryAdvice::RetryIfIdempotent => idempotent,
        RetryAdvice::RetryLater => later,
        _ => no,
    };
    writeln!(out, "  {retryable_label}{retryable} ({})", a.retry_advice)?;
    writeln!(out, "  {what}{}", a.advice)?;
    if !a.products.is_empty() && a.kind != CodeKind::Product {
        writeln!(out, "  {listed}{}", short_list(a.products))?;
    }
    if let Some(page) = a.documentation {
        writeln!(out, "  {documented}{page}")?;
    }
    if !a.other_spellings.is_empty() {
        writeln!(out, "  {spelled}{}", a.other_spellings.join(", "))?;
    }
    if !answer.suggestions.is_empty() {
        writeln!(out, "  {suggest}{}", answer.suggestions.join(", "))?;
    }
    Ok(())
}

fn site_name(site: Site, lang: Lang) -> &'static str {
    match (site, lang) {
        (Site::China, Lang::Zh) => "中国站（cloud.tencent.com）",
        (Site::China, _) => "China (cloud.tencent.com)",
        (_, Lang::Zh) => "国际站（tencentcloud.com）",
        _ => "international (tencentcloud.com)",
    }
}

fn explain_rule(args: &ExplainArgs) -> u8 {
    let Ok(rule) = args.code.parse::<Rule>() else {
        let names = closest(&args.code, Rule::ALL.iter().map(|r| r.as_str()), 0.8);
        let hint = if names.is_empty() {
            "; `tc-envelope rules` lists them".to_owned()
        } else {
            format!("; did you mean {}?", names.join(", "))
        };
        complain(format_args!("`{}` is not a rule id{hint}", args.code));
        return 1;
    };
    let row = RuleRow::of(rule);
    print(args.format, &row, |out| {
        writeln!(out, "{rule} ({}): {}", row.severity, row.description)
    })
}
