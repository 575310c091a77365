//! `tc-envelope check`: every record through the validator, results streamed out in input
//! order, on one thread or spread over several ([`pipeline`]).

mod args;
mod pipeline;

use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget};
use tencentcloud_envelope::capture::{
    self, Body, Exchange, Flow, Layout, Options, Origin, Place, Record, Sink, Skip,
};
use tencentcloud_envelope::{Call, Report, Rule, Schema, Severity, Validator};

pub use args::{CheckArgs, ColorWhen, StdinFormat};

use crate::exit;
use crate::render::{Printer, Shown, plural};
use crate::summary::Summary;
use crate::walk::{self, Found, WalkOptions};

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
    let mut output = Output {
        args,
        printer: Printer::new(
            args.format,
            color,
            args.quiet,
            io::BufWriter::new(stdout.lock()),
        ),
        summary: Summary::default(),
        progress: Progress::new(args.quiet),
    };
    let options = Options::new()
        .max_record(args.max_record_size)
        .har_all_json(args.har_all_json);
    output.printer.begin();
    let threads = threads(args);
    let (unreadable, forgotten) = if threads > 1 {
        pipeline::run(args, &options, &validator, threads, &mut output)
    } else {
        let mut checker = Checker {
            capture_severity: capture_severity(args),
            validator,
            output: &mut output,
        };
        let unreadable = read_all(args, &options, &mut checker);
        (unreadable, checker.validator.forgotten_request_ids())
    };
    let Output {
        mut printer,
        mut summary,
        mut progress,
        ..
    } = output;
    progress.finish();
    if !printer.is_open() {
        return exit::CLOSED_OUTPUT;
    }
    summary.request_ids_forgotten = forgotten;
    summary.request_id_memory = args.request_id_memory;
    printer.end(&summary);
    let status = exit::after_write(printer.finish(), exit::CLEAN);
    if status != exit::CLEAN {
        return status;
    }
    if unreadable {
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

/// Where checked records go, in input order: the printer, the summary and the progress
/// counter.
struct Output<'a, W: Write> {
    args: &'a CheckArgs,
    printer: Printer<W>,
    summary: Summary,
    progress: Progress,
}

impl<W: Write> Output<'_, W> {
    /// Counts and prints one checked record (its JSON form, if rendered ahead); false once
    /// output is closed.
    fn emit(&mut self, shown: &Shown, report: &Report, rendered: Option<&[u8]>) -> bool {
        self.summary.add(report);
        let most = self.args.max_diagnostics.unwrap_or(usize::MAX);
        self.printer.record(shown, report, most, rendered);
        self.progress.tick(self.summary.records);
        self.printer.is_open()
    }
}

/// The name diagnostics give a record's file: a HAR entry's body has lines of its own.
fn shown_name<'a>(origin: &'a Origin, source: &'a str) -> &'a str {
    match origin.place {
        Place::Entry(_) => source,
        Place::Whole | Place::Line(_) => &origin.name,
    }
}

/// The call a record answers: what its capture says, else what the arguments say.
fn call_of<'a>(args: &'a CheckArgs, exchange: &'a Exchange) -> Option<Call<'a>> {
    let service = exchange.service.as_deref().or(args.service.as_deref());
    service.map(|service| {
        let mut call = Call::new(service);
        if let Some(version) = exchange.version.as_deref().or(args.api_version.as_deref()) {
            call = call.version(version);
        }
        if let Some(action) = exchange.action.as_deref().or(args.action.as_deref()) {
            call = call.action(action);
        }
        call
    })
}

/// Checks one body held in memory (not a streamed event-stream file).
fn check_bytes(
    validator: &mut Validator,
    args: &CheckArgs,
    exchange: &Exchange,
    body: &[u8],
) -> Report {
    match call_of(args, exchange) {
        Some(call) => validator.validate_call(body, call),
        None => validator.validate(body),
    }
}

/// Reads every path of the arguments into `sink`, saying on standard error which cannot be
/// read; true if some could not.
fn read_all(args: &CheckArgs, options: &Options, sink: &mut dyn Sink) -> bool {
    let mut unreadable = false;
    let mut problem = |path: &Path, problem: &str| {
        unreadable = true;
        eprintln!(
            "tc-envelope: cannot read {}: {}",
            crate::escape::inert(&path.display().to_string()),
            problem
        );
    };
    for path in &args.paths {
        if read_path(args, path, options, sink, &mut problem).is_break() {
            break;
        }
    }
    unreadable
}

fn read_path(
    args: &CheckArgs,
    path: &Path,
    options: &Options,
    sink: &mut dyn Sink,
    problem: &mut dyn FnMut(&Path, &str),
) -> Flow {
    if path == Path::new("-") {
        let layout = if args.lines {
            Layout::Lines
        } else {
            match args.stdin_format {
                StdinFormat::Json => Layout::Document,
                StdinFormat::Jsonl => Layout::Lines,
                StdinFormat::Har => Layout::Har,
                StdinFormat::Sse => Layout::EventStream,
            }
        };
        let stdin = io::BufReader::with_capacity(1 << 16, io::stdin().lock());
        return match capture::read("-", stdin, layout, options, sink) {
            Ok(flow) => flow,
            Err(error) => {
                problem(path, &error.to_string());
                ControlFlow::Continue(())
            }
        };
    }
    if path.is_dir() {
        let walk_options = WalkOptions {
            hidden: args.hidden,
            no_ignore: args.no_ignore,
        };
        let mut flow = ControlFlow::Continue(());
        walk::walk(path, walk_options, &mut |found| {
            match found {
                Found::File(file, layout) => {
                    flow = read_file(&file, layout, options, sink, problem);
                }
                Found::Problem(file, why) => problem(&file, &why),
            }
            flow.is_continue()
        });
        return flow;
    }
    let layout = Layout::of(path).unwrap_or(Layout::Document);
    read_file(path, layout, options, sink, problem)
}

fn read_file(
    path: &Path,
    layout: Layout,
    options: &Options,
    sink: &mut dyn Sink,
    problem: &mut dyn FnMut(&Path, &str),
) -> Flow {
    match capture::read_file(path, layout, options, sink) {
        Ok(flow) => flow,
        Err(unreadable) => {
            problem(unreadable.path(), &unreadable.io_error().to_string());
            ControlFlow::Continue(())
        }
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

/// Checks each record as it is read, on the reading thread.
struct Checker<'o, 'a, W: Write> {
    capture_severity: Option<Severity>,
    validator: Validator,
    output: &'o mut Output<'a, W>,
}

impl<W: Write> Sink for Checker<'_, '_, W> {
    fn record(&mut self, mut record: Record) -> Flow {
        let args = self.output.args;
        let report = match &mut record.body {
            Body::Bytes(bytes) => check_bytes(&mut self.validator, args, &record.exchange, bytes),
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
            _ => unreadable_report(
                "a kind of record this tool does not know",
                self.capture_severity,
            ),
        };
        let source = record.origin.to_string();
        let name = shown_name(&record.origin, &source);
        let shown = Shown {
            source: &source,
            name,
            excerpt: record.excerpt,
            exchange: &record.exchange,
        };
        if self.output.emit(&shown, &report, None) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }

    fn skip(&mut self, reason: Skip) {
        self.output.summary.skip(reason.reason(), 1);
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
