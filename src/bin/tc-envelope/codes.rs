//! `tc-envelope codes`: every code the library knows, one row each.

use std::fmt::{self, Write};

use serde::Serialize;
use tencentcloud_envelope::{
    Category, CodeKind, CommonCode, Explanation, Lang, LegacyCode, RetryAdvice, SdkCode, Site,
    explain, listings_of, product_codes,
};

use crate::output::{Format, LangArg, print};

/// List known error codes: common, product, legacy and SDK-made.
///
/// The text table fits COLUMNS, else the terminal, else 100 columns: descriptions are cut
/// with `…` (explain gives them whole), and a long code sits on a line of its own.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope codes
  tc-envelope codes --service cbs
  tc-envelope codes --kind sdk --format json
  tc-envelope codes --category throttling
  tc-envelope codes --kind common")]
pub struct CodesArgs {
    /// Only codes containing this text (letter case ignored).
    #[arg(value_name = "TEXT")]
    pub contains: Option<String>,

    /// Only codes of this category (kebab case, such as `throttling`).
    #[arg(long, value_parser = parse_category)]
    pub category: Option<tencentcloud_envelope::Category>,

    /// Only codes this product (service) lists, such as `cvm`.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Only codes of this kind: common, product, legacy or sdk.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<tencentcloud_envelope::CodeKind>,

    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(flatten)]
    pub lang: LangArg,
}

fn parse_kind(text: &str) -> Result<tencentcloud_envelope::CodeKind, String> {
    use tencentcloud_envelope::CodeKind;
    match text.parse() {
        Ok(kind @ (CodeKind::Common | CodeKind::Product | CodeKind::Legacy | CodeKind::Sdk)) => {
            Ok(kind)
        }
        _ => Err(format!(
            "unknown kind `{text}`; expected one of: common, product, legacy, sdk"
        )),
    }
}

fn parse_category(text: &str) -> Result<tencentcloud_envelope::Category, String> {
    text.parse().map_err(|_| {
        let names: Vec<&str> = tencentcloud_envelope::Category::ALL
            .iter()
            .map(|c| c.as_str())
            .collect();
        format!(
            "unknown category `{text}`; expected one of: {}",
            names.join(", ")
        )
    })
}

/// One code as `codes` lists it.
#[derive(Debug, Serialize)]
pub struct Row {
    pub code: String,
    pub kind: CodeKind,
    pub category: Option<Category>,
    pub retryable: bool,
    pub retry_advice: RetryAdvice,
    pub products: Vec<&'static str>,
    /// Each product's sites that list the code: `{"cbs": ["intl", "china"]}`.
    pub sites: std::collections::BTreeMap<&'static str, &'static [Site]>,
    pub description: String,
}

impl Row {
    fn of(explanation: &Explanation, lang: Lang) -> Self {
        Row {
            code: explanation.code().to_owned(),
            kind: explanation.kind(),
            category: explanation.category(),
            retryable: explanation.is_retryable(),
            retry_advice: explanation.retry_advice(),
            products: explanation.products().to_vec(),
            sites: listings_of(explanation.code())
                .map(|listing| (listing.service(), listing.sites()))
                .collect(),
            description: explanation.description_in(lang).to_owned(),
        }
    }
}

/// What to keep.
pub struct Filter<'a> {
    pub contains: Option<&'a str>,
    pub category: Option<Category>,
    pub service: Option<&'a str>,
    pub kind: Option<CodeKind>,
    pub lang: Lang,
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
        .map(|e| Row::of(&e, filter.lang))
        .collect()
}

pub fn run(args: &CodesArgs) -> u8 {
    let rows = rows(&Filter {
        contains: args.contains.as_deref(),
        category: args.category,
        service: args.service.as_deref(),
        kind: args.kind,
        lang: args.lang.resolve(),
    });
    print(args.format, &rows, |out| {
        write_table(out, &rows, table_width())
    })
}

/// The columns of the text table when `COLUMNS` does not say and standard output is no
/// terminal.
const TABLE_WIDTH: usize = 100;

/// The least room a description keeps beside the code column: a longer code sits on a line
/// of its own, its row on the next.
const MIN_DESCRIPTION: usize = 20;

/// Between two columns.
const GAP: &str = "  ";

/// How wide the text table may be: `COLUMNS`, else the terminal's, else [`TABLE_WIDTH`].
fn table_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0);
    columns
        .or_else(|| {
            let stdout = std::io::stdout();
            std::io::IsTerminal::is_terminal(&stdout)
                .then(|| terminal_size::terminal_size_of(stdout))
                .flatten()
                .map(|(terminal_size::Width(width), _)| usize::from(width))
        })
        .unwrap_or(TABLE_WIDTH)
}

/// The rows as a table `width` columns wide: the code, kind, category and retry columns as
/// wide as their longest value (but a code that would leave the description less than
/// [`MIN_DESCRIPTION`] columns), the description cut with `…` to the room left. Codes are
/// never cut.
fn write_table(out: &mut String, rows: &[Row], width: usize) -> fmt::Result {
    let cells = |row: &Row| {
        [
            row.kind.as_str(),
            row.category.map_or("-", Category::as_str),
            row.retry_advice.as_str(),
        ]
    };
    let header = ["KIND", "CATEGORY", "RETRY"];
    let widths = rows
        .iter()
        .map(cells)
        .fold(header.map(str::len), |most, row| {
            [0, 1, 2].map(|n| most[n].max(row[n].len()))
        });
    // Each middle column, and the description, follows a gap.
    let middle: usize = widths.iter().map(|w| w + GAP.len()).sum::<usize>() + GAP.len();
    let longest = rows.iter().map(|r| shown(&r.code)).max().unwrap_or(0);
    let code_width = longest
        .min(width.saturating_sub(middle + MIN_DESCRIPTION))
        .max("CODE".len());
    let room = width.saturating_sub(code_width + middle);
    let line = |out: &mut String, code: &str, cells: [&str; 3], description: &str| {
        let pad = code_width.saturating_sub(shown(code));
        let [kind, category, retry] = cells;
        let [kind_width, category_width, retry_width] = widths;
        writeln!(
            out,
            "{code}{:pad$}{GAP}{kind:kind_width$}{GAP}{category:category_width$}{GAP}{retry:retry_width$}{GAP}{}",
            "",
            cut(description, room)
        )
    };
    line(out, "CODE", header, "DESCRIPTION")?;
    for row in rows {
        let code = if shown(&row.code) > code_width {
            writeln!(out, "{}", row.code)?;
            ""
        } else {
            &row.code
        };
        line(out, code, cells(row), &row.description)?;
    }
    Ok(())
}

/// The columns `text` takes on a terminal.
fn shown(text: &str) -> usize {
    text.chars().map(crate::escape::shown_width).sum()
}

/// `text` in at most `room` columns: whole, or its start then `…`.
fn cut(text: &str, room: usize) -> std::borrow::Cow<'_, str> {
    if shown(text) <= room {
        return text.into();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let width = crate::escape::shown_width(c);
        if used + width + 1 > room {
            break;
        }
        kept.push(c);
        used += width;
    }
    if room > 0 {
        kept.push('…');
    }
    kept.into()
}
