//! `tc-envelope explain` and `tc-envelope codes`: what a code means and what to do.

use std::io::{self, Write};

use serde::Serialize;
use tencentcloud_envelope::{Category, CommonCode, ErrorCode, Rule};

use crate::catalog::{self, Origin};
use crate::{CodesArgs, ExplainArgs, Format, RulesArgs};

/// What the tool knows about one code.
#[derive(Debug, Serialize)]
struct Explanation {
    code: String,
    /// The code itself is in a catalogue: common, early API 3.0, or made up by an SDK.
    known: bool,
    /// `common`, `api-specific`, `legacy`, `sdk` or `unknown`.
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
            known: matches!(kind, "common" | "legacy" | "sdk"),
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
    if let Some(common) = code.as_ref().and_then(ErrorCode::common) {
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
    let mut scored: Vec<(f64, &'static str)> = candidates
        .map(|candidate| {
            (
                strsim::jaro_winkler(&text.to_ascii_lowercase(), &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, code)| code).collect()
}

pub fn explain(args: &ExplainArgs) -> u8 {
    if args.rule {
        return explain_rule(args);
    }
    let explanation = explanation(&args.code);
    let found = explanation.kind != "unknown";
    let mut out = io::stdout().lock();
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &explanation)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text if found => write_explanation(&mut out, &explanation),
        Format::Text => {
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
            Ok(())
        }
    };
    if written.is_err() {
        return 2;
    }
    u8::from(!found)
}

fn write_explanation(out: &mut impl Write, e: &Explanation) -> io::Result<()> {
    let kind = match e.kind {
        "common" => "a common error code: any action may return it",
        "legacy" => "an early API 3.0 error code",
        "sdk" => "an error code made up by an SDK, never sent by the server",
        _ => "an action-specific error code",
    };
    writeln!(out, "{}: {kind}", e.code)?;
    if let Some(common) = &e.common {
        if *common != e.code {
            writeln!(out, "  common code:  {common}")?;
        }
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
struct RuleExplanation {
    rule: Rule,
    severity: tencentcloud_envelope::Severity,
    description: &'static str,
}

fn explain_rule(args: &ExplainArgs) -> u8 {
    let Ok(rule) = args.code.parse::<Rule>() else {
        let mut close: Vec<(f64, &str)> = Rule::ALL
            .iter()
            .map(|r| (strsim::jaro_winkler(&args.code, r.id()), r.id()))
            .filter(|(score, _)| *score >= 0.8)
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0));
        let names: Vec<&str> = close.iter().take(3).map(|(_, id)| *id).collect();
        let hint = if names.is_empty() {
            "; `tc-envelope explain --rule` takes the ids listed in the README".to_owned()
        } else {
            format!("; did you mean {}?", names.join(", "))
        };
        eprintln!("tc-envelope: `{}` is not a rule id{hint}", args.code);
        return 1;
    };
    let explanation = RuleExplanation {
        rule,
        severity: rule.default_severity(),
        description: rule.description(),
    };
    let mut out = io::stdout().lock();
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &explanation)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text => writeln!(
            out,
            "{rule} ({}): {}",
            explanation.severity, explanation.description
        ),
    };
    u8::from(written.is_err()) * 2
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
    let mut out = io::stdout().lock();
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &rows)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text => {
            let width = rows.iter().map(|r| r.code.len()).max().unwrap_or(4).max(4);
            let mut result = writeln!(
                out,
                "{:width$}  {:17}  {:9}  DESCRIPTION",
                "CODE", "CATEGORY", "RETRYABLE"
            );
            for row in &rows {
                result = result.and_then(|()| {
                    writeln!(
                        out,
                        "{:width$}  {:17}  {:9}  {}",
                        row.code,
                        row.category.as_str(),
                        if row.retryable { "yes" } else { "no" },
                        row.description
                    )
                });
            }
            result
        }
    };
    u8::from(written.is_err()) * 2
}

pub fn rules(args: &RulesArgs) -> u8 {
    let rows: Vec<RuleExplanation> = Rule::ALL
        .iter()
        .map(|&rule| RuleExplanation {
            rule,
            severity: rule.default_severity(),
            description: rule.description(),
        })
        .collect();
    let mut out = io::stdout().lock();
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &rows)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text => {
            let mut result = writeln!(out, "{:27}  {:8}  DESCRIPTION", "RULE", "SEVERITY");
            for row in &rows {
                result = result.and_then(|()| {
                    writeln!(
                        out,
                        "{:27}  {:8}  {}",
                        row.rule.id(),
                        row.severity.to_string(),
                        row.description
                    )
                });
            }
            result
        }
    };
    u8::from(written.is_err()) * 2
}
