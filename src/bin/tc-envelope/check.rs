//! `tc-envelope check`: every record through one validator, results streamed out.

use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget};
use tencentcloud_envelope::{Call, Report, Rule, Schema, Severity, Validator};

use crate::exit;
use crate::render::{Printer, plural};
use crate::sources::{self, Body, Flow, HarOptions, Layout, Options, Record, Sink};
use crate::summary::Summary;
use crate::walk::{self, Found, WalkOptions};
use crate::{CheckArgs, ColorWhen, StdinFormat};

/// Runs the check and returns the exit status (see [`exit`]).
pub fn run(args: &CheckArgs) -> u8 {
    let Some(validator) = validator(args) else {
        return exit::TROUBLE;
    };
    let stdout = io::stdout();
    let color = match args.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never,
    };
    let mut checker = Checker {
        args,
        capture_severity: capture_severity(args),
        validator,
        printer: Printer::new(
            args.format,
            color,
            args.quiet,
            io::BufWriter::new(stdout.lock()),
        ),
        summary: Summary::default(),
        progress: Progress::new(args.quiet),
        unreadable: false,
    };
    let options = Options {
        max_record: args.max_record_size,
        har: HarOptions {
            all_json: args.har_all_json,
        },
    };
    checker.printer.begin();
    for path in &args.paths {
        if checker.read(path, &options).is_break() {
            break;
        }
    }
    checker.progress.finish();
    if !checker.printer.is_open() {
        return exit::CLOSED_OUTPUT;
    }
    checker.summary.request_ids_forgotten = checker.validator.forgotten_request_ids();
    checker.summary.request_id_memory = args.request_id_memory;
    checker.printer.end(&checker.summary);
    let status = exit::after_write(checker.printer.finish(), exit::CLEAN);
    if status != exit::CLEAN {
        return status;
    }
    let summary = &checker.summary;
    if checker.unreadable {
        exit::TROUBLE
    } else if summary.records == 0 {
        let skipped = summary.skipped_total();
        let why = if skipped > 0 {
            format!(
                "{} read and skipped (see the summary)",
                plural(skipped, "HAR entry was", "HAR entries were")
            )
        } else {
            "no .json, .jsonl, .ndjson, .har or .sse file was found".to_owned()
        };
        eprintln!("tc-envelope: no response was checked: {why}");
        exit::TROUBLE
    } else if summary.invalid > 0 {
        exit::FOUND
    } else {
        exit::CLEAN
    }
}

/// The validator the arguments ask for, or `None` after saying why not.
fn validator(args: &CheckArgs) -> Option<Validator> {
    let mut validator = Validator::new()
        .nesting_limit(args.nesting_limit)
        .request_id_memory(args.request_id_memory);
    if args.deny_warnings {
        validator = validator.deny_warnings();
    }
    for (rule, severity) in overrides(args) {
        validator = validator.severity(rule, severity);
    }
    for path in &args.schema {
        let schema = std::fs::read_to_string(path)
            .map_err(|error| error.to_string())
            .and_then(|text| Schema::from_api_json(&text).map_err(|error| error.to_string()));
        match schema {
            Ok(schema) => validator = validator.schema(schema),
            Err(error) => {
                eprintln!(
                    "tc-envelope: cannot use {} as an API description: {error}",
                    path.display()
                );
                return None;
            }
        }
    }
    Some(validator)
}

/// `--allow`, `--warn` and `--deny`, in that order: a later flag wins for the same rule.
fn overrides(args: &CheckArgs) -> impl Iterator<Item = (Rule, Option<Severity>)> + '_ {
    let allow = args.allow.iter().map(|&rule| (rule, None));
    let warn = args
        .warn
        .iter()
        .map(|&rule| (rule, Some(Severity::Warning)));
    let deny = args.deny.iter().map(|&rule| (rule, Some(Severity::Error)));
    allow.chain(warn).chain(deny)
}

/// The severity of the tool's own `unreadable-capture` findings, after the overrides
/// (`None`: dropped).
fn capture_severity(args: &CheckArgs) -> Option<Severity> {
    let mut severity = Some(Rule::UnreadableCapture.default_severity());
    for (rule, wanted) in overrides(args) {
        if rule == Rule::UnreadableCapture {
            severity = wanted;
        }
    }
    if args.deny_warnings && severity == Some(Severity::Warning) {
        severity = Some(Severity::Error);
    }
    severity
}

/// The report on a record that could not be taken out of its capture: one
/// `unreadable-capture` finding at its start.
///
/// The library builds reports only from bodies; this one is read back from the report's own
/// JSON form, which is the library's public contract.
fn unreadable_report(message: &str, severity: Option<Severity>) -> Report {
    let diagnostics: Vec<serde_json::Value> = severity
        .map(|severity| {
            serde_json::json!({
                "rule": Rule::UnreadableCapture,
                "severity": severity,
                "pointer": "",
                "line": 1,
                "column": 1,
                "message": message,
            })
        })
        .into_iter()
        .collect();
    let outcome = if severity == Some(Severity::Error) {
        "invalid"
    } else {
        "success"
    };
    let report = serde_json::json!({
        "outcome": outcome,
        "request_id": null,
        "code": null,
        "diagnostics": diagnostics,
    });
    serde_json::from_value(report).unwrap_or_else(|_| Report::unreadable(message))
}

struct Checker<'a, W: Write> {
    args: &'a CheckArgs,
    capture_severity: Option<Severity>,
    validator: Validator,
    printer: Printer<W>,
    summary: Summary,
    progress: Progress,
    unreadable: bool,
}

impl<W: Write> Checker<'_, W> {
    fn read(&mut self, path: &Path, options: &Options) -> Flow {
        if path == Path::new("-") {
            let layout = if self.args.lines {
                Layout::Lines
            } else {
                match self.args.stdin_format {
                    StdinFormat::Json => Layout::Document,
                    StdinFormat::Jsonl => Layout::Lines,
                    StdinFormat::Har => Layout::Har,
                    StdinFormat::Sse => Layout::EventStream,
                }
            };
            return match sources::read_stdin(layout, options, self) {
                Ok(flow) => flow,
                Err(error) => {
                    self.problem(path, &error.to_string());
                    ControlFlow::Continue(())
                }
            };
        }
        if path.is_dir() {
            let args = self.args;
            let walk_options = WalkOptions {
                hidden: args.hidden,
                no_ignore: args.no_ignore,
            };
            let mut flow = ControlFlow::Continue(());
            walk::walk(path, walk_options, &mut |found| {
                match found {
                    Found::File(file, layout) => flow = self.read_file(&file, layout, options),
                    Found::Problem(file, problem) => self.problem(&file, &problem),
                }
                flow.is_continue()
            });
            return flow;
        }
        self.read_file(path, Layout::of(path).unwrap_or(Layout::Document), options)
    }

    fn read_file(&mut self, path: &Path, layout: Layout, options: &Options) -> Flow {
        match sources::read_file(path, layout, options, self) {
            Ok(flow) => flow,
            Err(problem) => {
                self.problem(&problem.path, &problem.error.to_string());
                ControlFlow::Continue(())
            }
        }
    }

    fn problem(&mut self, path: &Path, problem: &str) {
        self.unreadable = true;
        eprintln!(
            "tc-envelope: cannot read {}: {}",
            crate::escape::inert(&path.display().to_string()),
            problem
        );
    }
}

impl<W: Write> Sink for Checker<'_, W> {
    fn record(&mut self, mut record: Record) -> Flow {
        let args = self.args;
        let api = &record.api;
        let service = api.service.as_deref().or(args.service.as_deref());
        let call = service.map(|service| {
            let mut call = Call::new(service);
            if let Some(version) = api.version.as_deref().or(args.api_version.as_deref()) {
                call = call.version(version);
            }
            if let Some(action) = api.action.as_deref().or(args.action.as_deref()) {
                call = call.action(action);
            }
            call
        });
        let report = match &mut record.body {
            Body::Bytes(bytes) => match call {
                Some(call) => self.validator.validate_call(bytes, call),
                None => self.validator.validate(bytes),
            },
            Body::EventStream { bytes, request_id } => {
                self.validator.validate_event_stream(bytes, *request_id)
            }
            Body::EventStreamFrom(reader) => self
                .validator
                .validate_event_stream_from(&mut **reader, None)
                .unwrap_or_else(|error| {
                    unreadable_report(&format!("reading failed: {error}"), self.capture_severity)
                }),
            Body::Unreadable(message) => unreadable_report(message, self.capture_severity),
        };
        self.summary.add(&report);
        let shown = args.max_diagnostics.unwrap_or(usize::MAX);
        self.printer.record(&record, &report, shown);
        self.progress.tick(self.summary.records);
        if self.printer.is_open() {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }

    fn skip(&mut self, reason: &'static str) {
        self.summary.skip(reason);
    }
}

/// A record counter on standard error, shown only when the run is long, standard error is a
/// terminal, and standard output does not print diagnostics there (redirected, or --quiet).
struct Progress {
    started: Instant,
    bar: Option<ProgressBar>,
    enabled: bool,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);

    fn new(quiet: bool) -> Self {
        Progress {
            started: Instant::now(),
            bar: None,
            enabled: io::stderr().is_terminal() && (quiet || !io::stdout().is_terminal()),
        }
    }

    fn tick(&mut self, records: u64) {
        if !self.enabled || records % 256 != 0 {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= Self::DELAY {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {human_pos} records checked")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(records);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let _ = io::stderr().flush();
    }
}
