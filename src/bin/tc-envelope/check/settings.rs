//! What `check` was asked, resolved once from its arguments before any record is read, as
//! ripgrep resolves its flags (`HiArgs::from_low_args`): reading, validating and printing get
//! these built objects, never the arguments.

use std::io;
use std::path::{Path, PathBuf};

use tencentcloud_envelope::capture::{Exchange, Layout, Options, Setting};
use tencentcloud_envelope::{Call, Schema, Validator};

use super::args::{CheckArgs, ColorWhen, StdinFormat};
use super::files::WalkOptions;
use crate::render::CheckFormat;

/// Everything `check` needs besides the records.
pub struct Settings {
    /// The validator every record is checked with (each validating thread has a clone).
    pub validator: Validator,
    /// The call parts the flags give, for records whose capture does not say.
    pub defaults: CallDefaults,
    /// What to read, and how.
    pub inputs: Inputs,
    /// How to print.
    pub printing: Printing,
    /// How many threads validate.
    pub threads: usize,
    /// How many request ids the duplicate check remembers: the validator's budget, which the
    /// threaded run's own memory takes and the summary reports.
    pub request_id_memory: usize,
}

impl Settings {
    /// The settings `args` ask for, or `None` after saying why not (an API description that
    /// cannot be used).
    pub fn from_args(args: &CheckArgs) -> Option<Settings> {
        let mut validator = Validator::new()
            .nesting_limit(args.nesting_limit)
            .request_id_memory(args.request_id_memory)
            .max_findings(args.max_findings)
            .levels(
                args.allow.iter().copied(),
                args.warn.iter().copied(),
                args.deny.iter().copied(),
            );
        if args.deny_warnings {
            validator = validator.deny_warnings();
        }
        if let Some(site) = args.site {
            validator = validator.site(site);
        }
        for path in &args.schema {
            let schema = std::fs::read_to_string(path)
                .map_err(|error| error.to_string())
                .and_then(|text| Schema::from_api_json(&text).map_err(|error| error.to_string()));
            match schema {
                Ok(schema) => validator = validator.schema(schema),
                Err(error) => {
                    crate::escape::complain(format_args!(
                        "cannot use {} as an API description: {error}",
                        path.display()
                    ));
                    return None;
                }
            }
        }
        let stdin = if args.lines {
            Layout::Lines
        } else {
            match args.stdin_format {
                StdinFormat::Json => Layout::Document,
                StdinFormat::Jsonl => Layout::Lines,
                StdinFormat::Har => Layout::Har,
                StdinFormat::Sse => Layout::EventStream,
            }
        };
        let color = match args.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
        };
        Some(Settings {
            validator,
            defaults: CallDefaults {
                service: args.service.clone(),
                version: args.api_version.clone(),
                action: args.action.clone(),
            },
            inputs: Inputs {
                paths: args.paths.clone(),
                stdin,
                walk: WalkOptions {
                    hidden: args.hidden,
                    no_ignore: args.no_ignore,
                },
                options: Options::new()
                    .max_record(args.max_record_size)
                    .har_all_json(args.har_all_json),
            },
            printing: Printing {
                format: args.format,
                color,
                quiet: args.quiet,
                max_diagnostics: args.max_diagnostics.unwrap_or(usize::MAX),
            },
            threads: threads(args),
            request_id_memory: args.request_id_memory,
        })
    }
}

/// The call parts `--service`, `--api-version` and `--action` give.
#[derive(Debug, Default)]
pub struct CallDefaults {
    service: Option<String>,
    version: Option<String>,
    action: Option<String>,
}

impl CallDefaults {
    /// The call a record answers ([`Exchange::call`]).
    pub fn call_for<'a>(&'a self, exchange: &'a Exchange) -> Call<'a> {
        exchange.call(
            self.service.as_deref(),
            self.version.as_deref(),
            self.action.as_deref(),
        )
    }
}

/// What to read, and how.
#[derive(Debug)]
pub struct Inputs {
    /// Files, directories and `-`, in the order given.
    pub paths: Vec<PathBuf>,
    /// What standard input holds.
    pub stdin: Layout,
    /// How directories are walked.
    pub walk: WalkOptions,
    /// The capture readers' options.
    pub options: Options,
}

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct Printing {
    pub format: CheckFormat,
    pub color: bool,
    pub quiet: bool,
    /// In text, the most findings shown per record.
    pub max_diagnostics: usize,
}

/// The tool's name of a capture setting: the flag that sets it.
pub fn flag_of(setting: Setting) -> &'static str {
    match setting {
        Setting::MaxRecord => "--max-record-size",
        Setting::HarAllJson => "--har-all-json",
        other => other.as_str(),
    }
}

/// Inputs of less than this many bytes in all are checked on one thread by default.
const TINY_INPUT: u64 = 1 << 20;

/// How many threads validate: `--threads`, or the cores; one for standard input (so that
/// records are printed as they arrive) and for tiny inputs.
fn threads(args: &CheckArgs) -> usize {
    if let Some(threads) = args.threads {
        return usize::from(threads);
    }
    let mut total: u64 = 0;
    for path in &args.paths {
        if path == Path::new("-") {
            return 1;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_file() => total = total.saturating_add(metadata.len()),
            // A directory (or something unreadable, which is said later) may hold much.
            _ => total = u64::MAX,
        }
    }
    if total < TINY_INPUT {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};
    use tencentcloud_envelope::capture::Skip;

    use super::*;

    #[derive(Debug, Parser)]
    struct Check {
        #[command(flatten)]
        args: CheckArgs,
    }

    /// Each capture setting the library names is a flag of `check`: a message naming it
    /// tells the user what to change.
    #[test]
    fn every_capture_setting_is_named_by_a_flag_of_check() {
        let command = Check::command();
        for setting in [Setting::MaxRecord, Setting::HarAllJson] {
            let flag = flag_of(setting);
            let long = flag.strip_prefix("--").unwrap();
            assert!(
                command
                    .get_arguments()
                    .any(|arg| arg.get_long() == Some(long)),
                "{setting}: {flag}"
            );
        }
        assert_eq!(
            Skip::OtherHost.naming(flag_of),
            "not a Tencent Cloud API host (--har-all-json takes JSON from any host)"
        );
    }

    #[test]
    fn a_capture_names_the_call_before_the_flags() {
        let check = Check::parse_from([
            "check",
            "--service",
            "cvm",
            "--api-version",
            "2017-03-12",
            "x.json",
        ]);
        let settings = Settings::from_args(&check.args).unwrap();
        let mut exchange = Exchange::default();
        exchange.service = Some("cbs".to_owned());
        exchange.action = Some("DescribeDisks".to_owned());
        assert_eq!(
            settings.defaults.call_for(&exchange),
            Call::new("cbs")
                .version("2017-03-12")
                .action("DescribeDisks")
        );
        assert_eq!(
            settings.defaults.call_for(&Exchange::default()),
            Call::new("cvm").version("2017-03-12")
        );

        // A version with no service anywhere is no call.
        let check = Check::parse_from(["check", "--api-version", "2017-03-12", "x.json"]);
        let settings = Settings::from_args(&check.args).unwrap();
        assert_eq!(
            settings.defaults.call_for(&Exchange::default()),
            Call::default()
        );
    }
}
