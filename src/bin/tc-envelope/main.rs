//! `tc-envelope`: check captured Tencent Cloud API 3.0 responses and explain error codes.

mod catalog;
mod check;
mod escape;
mod exit;
mod explain;
mod render;
mod snippet;
mod sources;
mod summary;
mod walk;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use tencentcloud_envelope::{Rule, Validator};

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

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    Check(CheckArgs),
    Explain(ExplainArgs),
    Codes(CodesArgs),
    Rules(RulesArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope completions bash > ~/.local/share/bash-completion/completions/tc-envelope
  tc-envelope completions zsh > ~/.zfunc/_tc-envelope")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print the manual page (roff), for `man -l -` or a `man1` directory.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope man | man -l -
  tc-envelope man > /usr/local/share/man/man1/tc-envelope.1")]
pub struct ManArgs {}

/// Check captured responses: JSON files, JSON Lines, HAR archives, event streams, directories
/// or stdin.
///
/// Exit status: 0 when no record has an error, 1 when some do (with --deny-warnings, also
/// a warning), 2 for usage errors, unreadable paths, and when nothing was checked at all.
/// A closed standard output (`| head`) ends the run quietly with status 0.
// Command-line flags are booleans by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope check samples/
  tc-envelope check --format jsonl capture.jsonl > reports.jsonl
  tc-envelope check --service cbs --action DescribeDisks response.json
  tc-envelope check --schema cvm.api.json --service cvm --action DescribeInstances r.json
  tc-envelope check --allow request-id-not-uuid --deny error-code-syntax captures/
  curl -s ... | tc-envelope check -")]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    ///
    /// Directories are walked recursively in sorted order, taking .json, .jsonl, .ndjson, .har
    /// and .sse (a saved `text/event-stream` body) files. Hidden files and directories, and
    /// what .gitignore, .ignore and git's exclude files name, are skipped unless --hidden or
    /// --no-ignore; symbolic links are followed, each file is read once, and FIFOs, sockets
    /// and devices are never opened.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,

    /// What standard input holds.
    #[arg(long, value_enum, default_value_t = StdinFormat::Json, value_name = "FORMAT")]
    stdin_format: StdinFormat,

    /// Read standard input as JSON Lines, one response per line (same as --stdin-format jsonl).
    #[arg(long, conflicts_with = "stdin_format")]
    lines: bool,

    /// Count warnings as errors, for the records' verdicts and the exit status.
    #[arg(long)]
    deny_warnings: bool,

    /// Drop the findings of these rules (comma-separated rule ids; see `tc-envelope rules`).
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    allow: Vec<Rule>,

    /// Report the findings of these rules as warnings.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    warn: Vec<Rule>,

    /// Report the findings of these rules as errors.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    deny: Vec<Rule>,

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

    /// How deeply arrays and objects may nest before a body counts as invalid JSON (1 to 1024).
    #[arg(long, default_value_t = Validator::DEFAULT_NESTING_LIMIT, value_name = "LEVELS",
          value_parser = parse_nesting_limit)]
    nesting_limit: usize,

    /// The most bytes one record may have (a JSON file, a JSON Lines line, a HAR entry's
    /// body); a larger one is reported as `unreadable-capture` and not checked. Takes K, M
    /// and G suffixes (powers of 1024).
    #[arg(long, default_value = "64M", value_name = "SIZE", value_parser = parse_size)]
    max_record_size: u64,

    /// How many of the most recent request ids the duplicate-request-id check remembers
    /// (about 80 bytes each); older ones are forgotten, and the summary says how many.
    #[arg(long, value_name = "IDS", default_value_t = tencentcloud_envelope::Validator::DEFAULT_REQUEST_ID_MEMORY)]
    request_id_memory: usize,

    /// In HAR archives, check every entry whose media type is JSON, whatever its host.
    #[arg(long)]
    har_all_json: bool,

    /// In directories, walk hidden files and directories too.
    #[arg(long)]
    hidden: bool,

    /// In directories, also take what .gitignore, .ignore and git's exclude files name.
    #[arg(long)]
    no_ignore: bool,

    /// Print only the summary (text and JSON), or nothing (JSON Lines): the exit status
    /// still says whether any record has an error.
    #[arg(long, short)]
    quiet: bool,

    /// In text, show at most this many findings per record, then how many more there are.
    #[arg(long, value_name = "N")]
    max_diagnostics: Option<usize>,

    /// When to color the text output: `auto` colors a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
}

/// What standard input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    /// One JSON document.
    Json,
    /// JSON Lines, one response per line.
    Jsonl,
    /// An HTTP Archive.
    Har,
    /// A saved `text/event-stream` body.
    Sse,
}

/// When to color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set (or `CLICOLOR_FORCE` forces it).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
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

fn parse_rule(text: &str) -> Result<Rule, String> {
    text.trim().parse().map_err(|_| {
        let ids: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
        let closest = ids
            .iter()
            .copied()
            .max_by(|a, b| strsim::jaro_winkler(text, a).total_cmp(&strsim::jaro_winkler(text, b)))
            .filter(|id| strsim::jaro_winkler(text, id) > 0.8);
        match closest {
            Some(id) => format!(
                "unknown rule `{text}`; did you mean `{id}`? (`tc-envelope rules` lists them)"
            ),
            None => format!("unknown rule `{text}`; `tc-envelope rules` lists them"),
        }
    })
}

fn parse_nesting_limit(text: &str) -> Result<usize, String> {
    let limit: usize = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (1..=Validator::MAX_NESTING_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(format!(
            "{limit} is out of range: the nesting limit is 1 to {}",
            Validator::MAX_NESTING_LIMIT
        ))
    }
}

/// `4096`, `512K`, `64M`, `1G`, `64MiB`: powers of 1024.
fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let number = upper
        .trim_end_matches("IB")
        .trim_end_matches('B')
        .trim_end();
    let (digits, shift) = match number.chars().last() {
        Some('K') => (&number[..number.len() - 1], 10),
        Some('M') => (&number[..number.len() - 1], 20),
        Some('G') => (&number[..number.len() - 1], 30),
        _ => (number, 0),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{text}` is not a size such as 4096, 512K, 64M or 1G"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::explain(&args),
        Command::Codes(args) => explain::codes(&args),
        Command::Rules(args) => explain::rules(&args),
        Command::Completions(args) => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut command, "tc-envelope", &mut out);
            exit::write_stdout(&out)
        }
        Command::Man(ManArgs {}) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => exit::write_stdout(&out),
                Err(error) => {
                    eprintln!("tc-envelope: cannot render the manual page: {error}");
                    exit::TROUBLE
                }
            }
        }
    };
    ExitCode::from(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        for (text, size) in [
            ("4096", 4096),
            ("512K", 512 << 10),
            ("64M", 64 << 20),
            ("64MiB", 64 << 20),
            ("1g", 1 << 30),
            ("2 MB", 2 << 20),
        ] {
            assert_eq!(parse_size(text), Ok(size), "{text}");
        }
        for text in ["", "0", "M", "-1K", "1T", "lots", "99999999999G"] {
            assert!(parse_size(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_default_record_cap_is_the_readers_default() {
        let cli = Cli::parse_from(["tc-envelope", "check", "x.json"]);
        let Command::Check(args) = cli.command else {
            panic!("not check");
        };
        assert_eq!(args.max_record_size, sources::Options::DEFAULT_MAX_RECORD);
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
