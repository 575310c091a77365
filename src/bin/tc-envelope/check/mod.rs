//! `tc-envelope check`: every record through the validator, results streamed out in input
//! order, on one thread or spread over several ([`pipeline`]).

mod args;
mod emit;
mod inputs;
mod pipeline;
mod verdict;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::Path;

use tencentcloud_envelope::capture::{Body, Flow, Options, Record, Sink, Skip};
use tencentcloud_envelope::{Severity, Validator};

pub use args::{CheckArgs, ColorWhen};

use crate::exit;
use crate::render::{Printer, Shown};
use crate::summary::Summary;
use emit::{Output, Progress, shown_name};
use inputs::read_all;
use verdict::{
    capture_severity, check_bytes, check_stream, count_blank_lines, count_skipped,
    looks_like_json_lines, unknown_record, unreadable_report, validator,
};

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
    let (read, forgotten) = if threads > 1 {
        pipeline::run(args, &options, &validator, threads, &mut output)
    } else {
        let mut checker = Checker {
            capture_severity: capture_severity(args),
            validator,
            output: &mut output,
        };
        let read = read_all(args, &options, &mut checker);
        (read, checker.validator.forgotten_request_ids())
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
    read.count_in(&mut summary);
    summary.request_ids_forgotten = forgotten;
    summary.request_id_memory = args.request_id_memory;
    printer.end(&summary);
    let status = exit::after_write(printer.finish(), exit::CLEAN);
    if status != exit::CLEAN {
        return status;
    }
    if read.unreadable {
        exit::TROUBLE
    } else if summary.records == 0 {
        let why = if summary.skipped_total() > 0 {
            "all that was found was skipped (the summary says why)"
        } else {
            "no .json, .jsonl, .ndjson, .har or .sse file was found"
        };
        crate::escape::complain(format_args!("no response was checked: {why}"));
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

/// Checks each record as it is read, on the reading thread.
struct Checker<'o, 'a, W: Write> {
    capture_severity: Option<Severity>,
    validator: Validator,
    output: &'o mut Output<'a, W>,
}

impl<W: Write> Sink for Checker<'_, '_, W> {
    fn record(&mut self, mut record: Record) -> Flow {
        let args = self.output.args;
        let mut json_lines = false;
        let report = match &mut record.body {
            Body::Bytes(bytes) => {
                let report = check_bytes(&mut self.validator, args, &record.exchange, bytes);
                json_lines = looks_like_json_lines(&record.origin, bytes, &report);
                report
            }
            Body::EventStream { bytes, request_id } => {
                self.validator.validate_event_stream(bytes, *request_id)
            }
            Body::EventStreamFrom(reader) => {
                check_stream(&mut self.validator, &mut **reader, self.capture_severity)
            }
            Body::Unreadable(message) => unreadable_report(message, self.capture_severity),
            _ => unknown_record(self.capture_severity),
        };
        let source = record.origin.to_string();
        let name = shown_name(&record.origin, &source);
        let shown = Shown {
            source: &source,
            name,
            excerpt: record.excerpt,
            exchange: &record.exchange,
            looks_like_json_lines: json_lines,
        };
        if self.output.emit(&shown, &report, None) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }

    fn skip(&mut self, reason: Skip) {
        count_skipped(&mut self.output.summary, reason, 1);
    }

    fn blank_line(&mut self) {
        count_blank_lines(&mut self.output.summary, 1);
    }
}
