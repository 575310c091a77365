//! `tc-envelope`: check captured Tencent Cloud API 3.0 responses and explain error codes.

mod catalog;
mod check;
mod explain;
mod render;
mod sources;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Check captured Tencent Cloud API 3.0 responses and explain their error codes.
#[derive(Debug, Parser)]
#[command(name = "tc-envelope", version, about, long_about = None, after_help = "\
Examples:
  tc-envelope check captures/
  tc-envelope explain AuthFailure.SignatureFailure
  tc-envelope codes --service cvm InstanceId
  tc-envelope rules")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(CheckArgs),
    Explain(ExplainArgs),
    Codes(CodesArgs),
    Rules(RulesArgs),
}

/// Check captured responses: JSON files, JSON Lines, HAR archives, event streams, directories
/// or stdin.
///
/// Exit status: 0 when no record has an error, 1 when some do (with --deny-warnings, also
/// a warning), 2 for usage errors and unreadable paths.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope check samples/
  tc-envelope check --format jsonl capture.jsonl > reports.jsonl
  tc-envelope check --service cbs --action DescribeDisks response.json
  tc-envelope check --schema cvm.api.json --service cvm --action DescribeInstances r.json
  curl -s ... | tc-envelope check -")]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    ///
    /// Directories are walked recursively in sorted order, taking .json, .jsonl, .ndjson, .har
    /// and .sse (a saved `text/event-stream` body) files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,

    /// Read standard input as JSON Lines, one response per line.
    #[arg(long)]
    lines: bool,

    /// Count warnings as errors, for the records' verdicts and the exit status.
    #[arg(long)]
    deny_warnings: bool,

    /// The product the responses come from (`cbs`), where a capture does not say.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,

    /// The API version (`2017-03-12`), where a capture does not say.
    #[arg(long = "api-version", value_name = "VERSION")]
    api_version: Option<String>,

    /// The action the responses answer (`DescribeDisks`), where a capture does not say.
    #[arg(long, value_name = "NAME")]
    action: Option<String>,

    /// An API description (`api.json`) to check payloads against; may be repeated. CBS
    /// 2017-03-12 is built in.
    #[arg(long, value_name = "FILE")]
    schema: Vec<PathBuf>,

    /// How deeply arrays and objects may nest before a body counts as invalid JSON.
    #[arg(long, default_value_t = tencentcloud_envelope::Validator::DEFAULT_NESTING_LIMIT, value_name = "LEVELS")]
    nesting_limit: usize,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics for people, like a compiler's, then a summary.
    Text,
    /// One JSON object per record and line: the library's report plus `source`.
    Jsonl,
    /// One JSON document: `{"records": [...], "summary": {...}}`.
    Json,
}

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
  tc-envelope explain --rule duplicate-key")]
pub struct ExplainArgs {
    /// The error code, as it appears in `Error.Code`; with --rule, a rule id.
    #[arg(value_name = "CODE")]
    code: String,

    /// Explain a validator rule instead of an error code.
    #[arg(long)]
    rule: bool,

    /// The product the code came from (`cvm`): only its own list then counts.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,

    /// How to print the explanation.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// List known error codes: common, product, legacy and SDK-made.
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
    contains: Option<String>,

    /// Only codes of this category (kebab case, such as `throttling`).
    #[arg(long, value_parser = parse_category)]
    category: Option<tencentcloud_envelope::Category>,

    /// Only codes this product (service) lists, such as `cvm`.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,

    /// Only codes of this kind: common, product, legacy or sdk.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<tencentcloud_envelope::CodeKind>,

    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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

/// List the validator's rules: id, default severity and what each checks.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope rules
  tc-envelope rules --format json")]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Output formats of `explain`, `codes` and `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::explain(&args),
        Command::Codes(args) => explain::codes(&args),
        Command::Rules(args) => explain::rules(&args),
    };
    ExitCode::from(status)
}
