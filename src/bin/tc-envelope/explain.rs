//! `tc-envelope explain` and `tc-envelope codes`: what a code means and what to do.

use std::io::{self, Write};

use serde::Serialize;
use tencentcloud_envelope::{
    Category, CommonCode, ErrorCode, ProductCode, Rule, Severity, product_codes,
};

use crate::catalog::{self, Origin};
use crate::{CodesArgs, ExplainArgs, Format, RulesArgs};

/// What the tool knows about one code.
#[derive(Debug, Serialize)]
struct Explanation {
    code: String,
    /// The code itself is in a catalogue: common, early API 3.0, or made up by an SDK.
    known: bool,
    /// `common`, `product`, `api-specific`, `legacy`, `sdk` or `unknown`.
    kind: &'static str,
    /// The common code this code is or extends; for an early API 3.0 code, today's code.
    common: Option<String>,
    category: Option<Category>,
    description: String,
    retryable: bool,
    advice: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<&'static str>,
}

impl Explanation {
    /// An explanation whose retry advice follows from its category.
    fn new(
        code: &str,
        kind: &'static str,
        common: Option<&str>,
        category: Option<Category>,
        description: String,
    ) -> Self {
        Explanation {
            code: code.to_owned(),
            known: matches!(kind, "common" | "legacy" | "sdk" | "product"),
            kind,
            common: common.map(str::to_owned),
            category,
            description,
            retryable: category.is_some_and(Category::is_retryable),
            advice: category.map(Category::advice),
            suggestions: Vec::new(),
        }
    }
}

fn explanation(text: &str) -> Explanation {
    if let Ok(common) = text.parse::<CommonCode>() {
        let description = common.description().to_owned();
        return Explanation::new(
            text,
            "common",
            Some(common.as_str()),
            Some(common.category()),
            description,
        );
    }
    if let Some(known) = catalog::find(text) {
        return match known.origin {
            Origin::Legacy { current } => {
                let category = current
                    .and_then(|c| c.parse::<ErrorCode>().ok())
                    .and_then(|c| c.category());
                let description = match current {
                    Some(current) => format!(
                        "{} An early API 3.0 code; the server now sends `{current}`.",
                        known.description
                    ),
                    None => format!("{} An early API 3.0 code.", known.description),
                };
                Explanation::new(text, "legacy", current, category, description)
            }
            Origin::Sdk { sdk, retryable } => {
                let description = format!(
                    "{} Made up by the official {sdk} SDK on the client side: the server never sends it.",
                    known.description
                );
                Explanation {
                    retryable,
                    ..Explanation::new(text, "sdk", None, None, description)
                }
            }
        };
    }
    let code: Option<ErrorCode> = text.parse().ok();
    let category = code.as_ref().and_then(ErrorCode::category);
    let common = code.as_ref().and_then(ErrorCode::common);
    let products: Vec<ProductCode> = product_codes()
        .filter(|known| known.code() == text)
        .collect();
    if let Some(first) = products.first() {
        let services: Vec<String> = products
            .iter()
            .map(|p| p.service().to_uppercase())
            .collect();
        let mut description = format!(
            "A {} error code. {}",
            services.join(" and "),
            first.description()
        );
        if let Some(common) = common {
            description = format!("{description} It extends the common code `{common}`.");
        }
        return Explanation::new(
            text,
            "product",
            common.map(CommonCode::as_str),
            category,
            description,
        );
    }
    if let Some(common) = common {
        let description = format!(
            "An action-specific code under the common code `{common}`: {}",
            common.description()
        );
        return Explanation::new(
            text,
            "api-specific",
            Some(common.as_str()),
            category,
            description,
        );
    }
    let description = if category.is_some() {
        "Not a known code, but its first segment places it in a category."
    } else {
        "Not a known code."
    };
    Explanation {
        suggestions: suggestions(text),
        ..Explanation::new(text, "unknown", None, category, description.to_owned())
    }
}

/// The known codes closest to `text`, best first.
fn suggestions(text: &str) -> Vec<&'static str> {
    let candidates = CommonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(catalog::KNOWN.iter().map(|k| k.code));
    closest(text, candidates, 0.85)
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

/// Prints `value` as pretty JSON, or for people through `text`; 0 on success, 2 when
/// standard output cannot be written.
fn print<T: Serialize>(
    format: Format,
    value: &T,
    text: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> u8 {
    let mut out = io::stdout().lock();
    let written = match format {
        Format::Json => serde_json::to_writer_pretty(&mut out, value)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text => text(&mut out),
    };
    u8::from(written.is_err()) * 2
}

pub fn explain(args: &ExplainArgs) -> u8 {
    if args.rule {
        return explain_rule(args);
    }
    let explanation = explanation(&args.code);
    let found = explanation.kind != "unknown";
    if !found && args.format == Format::Text {
        let hint = explanation
            .category
            .map(|category| format!(" (its first segment suggests the {category} category)"))
            .unwrap_or_default();
        let suggestions = if explanation.suggestions.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", explanation.suggestions.join(", "))
        };
        eprintln!(
            "tc-envelope: `{}` is not a known error code{hint}{suggestions}",
            explanation.code
        );
        return 1;
    }
    let status = print(args.format, &explanation, |out| {
        write_explanation(out, &explanation)
    });
    if status == 0 {
        u8::from(!found)
    } else {
        status
    }
}

fn write_explanation(out: &mut dyn Write, e: &Explanation) -> io::Result<()> {
    let kind = match e.kind {
        "common" => "a common error code: any action may return it",
        "legacy" => "an early API 3.0 error code",
        "sdk" => "an error code made up by an SDK, never sent by the server",
        "product" => "an error code of one product",
        _ => "an action-specific error code",
    };
    writeln!(out, "{}: {kind}", e.code)?;
    if let Some(common) = e.common.as_ref().filter(|common| **common != e.code) {
        writeln!(out, "  common code:  {common}")?;
    }
    if let Some(category) = e.category {
        writeln!(out, "  category:     {category}")?;
    }
    writeln!(out, "  meaning:      {}", e.description)?;
    writeln!(
        out,
        "  retryable:    {}",
        if e.retryable {
            "yes, after a backoff delay"
        } else {
            "no"
        }
    )?;
    if let Some(advice) = e.advice {
        writeln!(out, "  what to do:   {advice}")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct RuleRow {
    rule: Rule,
    severity: Severity,
    description: &'static str,
}

impl RuleRow {
    fn of(rule: Rule) -> Self {
        RuleRow {
            rule,
            severity: rule.default_severity(),
            description: rule.description(),
        }
    }
}

fn explain_rule(args: &ExplainArgs) -> u8 {
    let Ok(rule) = args.code.parse::<Rule>() else {
        let names = closest(&args.code, Rule::ALL.iter().map(|r| r.id()), 0.8);
        let hint = if names.is_empty() {
            "; `tc-envelope rules` lists them".to_owned()
        } else {
            format!("; did you mean {}?", names.join(", "))
        };
        eprintln!("tc-envelope: `{}` is not a rule id{hint}", args.code);
        return 1;
    };
    let row = RuleRow::of(rule);
    print(args.format, &row, |out| {
        writeln!(out, "{rule} ({}): {}", row.severity, row.description)
    })
}

#[derive(Serialize)]
struct CodeRow {
    code: &'static str,
    category: Category,
    retryable: bool,
    description: &'static str,
}

pub fn codes(args: &CodesArgs) -> u8 {
    let rows: Vec<CodeRow> = CommonCode::ALL
        .iter()
        .filter(|code| args.category.is_none_or(|c| code.category() == c))
        .map(|&code| CodeRow {
            code: code.as_str(),
            category: code.category(),
            retryable: code.is_retryable(),
            description: code.description(),
        })
        .collect();
    print(args.format, &rows, |out| {
        let width = rows.iter().map(|r| r.code.len()).max().unwrap_or(4).max(4);
        writeln!(
            out,
            "{:width$}  {:17}  {:9}  DESCRIPTION",
            "CODE", "CATEGORY", "RETRYABLE"
        )?;
        for row in &rows {
            let retryable = if row.retryable { "yes" } else { "no" };
            writeln!(
                out,
                "{:width$}  {:17}  {retryable:9}  {}",
                row.code,
                row.category.as_str(),
                row.description
            )?;
        }
        Ok(())
    })
}

pub fn rules(args: &RulesArgs) -> u8 {
    let rows: Vec<RuleRow> = Rule::ALL.iter().map(|&rule| RuleRow::of(rule)).collect();
    print(args.format, &rows, |out| {
        writeln!(out, "{:27}  {:8}  DESCRIPTION", "RULE", "SEVERITY")?;
        for row in &rows {
            writeln!(
                out,
                "{:27}  {:8}  {}",
                row.rule.id(),
                row.severity.as_str(),
                row.description
            )?;
        }
        Ok(())
    })
}
