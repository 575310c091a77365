//! The arguments of `tc-envelope check`.

use std::path::PathBuf;

use clap::ValueEnum;
use tencentcloud_envelope::{NestingLimit, Rule, Validator};

use crate::render::CheckFormat;

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
    pub paths: Vec<PathBuf>,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// What standard input holds.
    #[arg(long, value_enum, default_value_t = StdinFormat::Json, value_name = "FORMAT")]
    pub stdin_format: StdinFormat,

    /// Read standard input as JSON Lines, one response per line (same as --stdin-format jsonl).
    #[arg(long, conflicts_with = "stdin_format")]
    pub lines: bool,

    /// Count warnings as errors, for the records' verdicts and the exit status.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Drop the findings of these rules (comma-separated rule ids; see `tc-envelope rules`).
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub allow: Vec<Rule>,

    /// Report the findings of these rules as warnings.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub warn: Vec<Rule>,

    /// Report the findings of these rules as errors.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub deny: Vec<Rule>,

    /// The product the responses come from (`cbs`), where a capture does not say.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// The API version (`2017-03-12`), where a capture does not say.
    #[arg(long = "api-version", value_name = "VERSION")]
    pub api_version: Option<String>,

    /// The action the responses answer (`DescribeDisks`), where a capture does not say.
    #[arg(long, value_name = "NAME")]
    pub action: Option<String>,

    /// An API description (`api.json`) to check payloads against; may be repeated. Every
    /// product version either site publishes is built in.
    #[arg(long, value_name = "FILE")]
    pub schema: Vec<PathBuf>,

    /// Check payloads against one site's built-in descriptions only: intl or china. By
    /// default both are read, as their union (a member either documents is known).
    #[arg(long, value_name = "SITE")]
    pub site: Option<tencentcloud_envelope::Site>,

    /// How deeply arrays and objects may nest before a body counts as invalid JSON (1 to 1024).
    #[arg(long, default_value_t = NestingLimit::DEFAULT, value_name = "LEVELS",
          value_parser = parse_nesting_limit)]
    pub nesting_limit: NestingLimit,

    /// The most bytes one record may have (a JSON file, a JSON Lines line, a HAR entry's
    /// body); a larger one is reported as `unreadable-capture` and not checked. Takes K, M
    /// and G suffixes (powers of 1024).
    #[arg(long, default_value = "64M", value_name = "SIZE", value_parser = parse_size)]
    pub max_record_size: u64,

    /// How many of the most recent request ids the duplicate-request-id check remembers
    /// (about 80 bytes each); older ones are forgotten, and the summary says how many.
    #[arg(long, value_name = "IDS", default_value_t = tencentcloud_envelope::Validator::DEFAULT_REQUEST_ID_MEMORY)]
    pub request_id_memory: usize,

    /// In HAR archives, check every entry whose media type is JSON, whatever its host.
    #[arg(long)]
    pub har_all_json: bool,

    /// In directories, walk hidden files and directories too.
    #[arg(long)]
    pub hidden: bool,

    /// In directories, also take what .gitignore, .ignore and git's exclude files name.
    #[arg(long)]
    pub no_ignore: bool,

    /// Print only the summary (text and JSON), or nothing (JSON Lines): the exit status
    /// still says whether any record has an error.
    #[arg(long, short)]
    pub quiet: bool,

    /// How many findings one record keeps; past them, findings are counted by rule (the
    /// JSON report's `omitted`), so that a record drawing millions costs no more memory.
    #[arg(long, value_name = "N", default_value_t = Validator::DEFAULT_MAX_FINDINGS)]
    pub max_findings: usize,

    /// In text, show at most this many findings per record, then how many more there are.
    #[arg(long, value_name = "N")]
    pub max_diagnostics: Option<usize>,

    /// How many threads validate records: the reader and the printer run beside them, and
    /// the output is the same, in input order, whatever the number. Defaults to the number
    /// of cores, or 1 for standard input (records are then printed as they arrive) and for
    /// files that hold less than 1 MiB in all.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,

    /// When to color the text output: `auto` colors a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
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

fn parse_rule(text: &str) -> Result<Rule, String> {
    text.trim().parse().map_err(|_| {
        let ids: Vec<&str> = Rule::ALL.iter().map(|rule| rule.as_str()).collect();
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

/// A number of levels, in the range the library's [`NestingLimit`] says.
fn parse_nesting_limit(text: &str) -> Result<NestingLimit, String> {
    let levels: usize = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    NestingLimit::try_from(levels).map_err(|error| error.to_string())
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use tencentcloud_envelope::capture::Options;

    use super::*;

    #[derive(Debug, Parser)]
    struct Check {
        #[command(flatten)]
        args: CheckArgs,
    }

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
        let check = Check::parse_from(["check", "x.json"]);
        assert_eq!(check.args.max_record_size, Options::DEFAULT_MAX_RECORD);
    }
}
