//! `tc-envelope check`: every record through the validator, results streamed out in input
//! order, on one thread or spread over several ([`pipeline`]).

mod args;
mod emit;
mod files;
mod inputs;
mod pipeline;
mod settings;
mod verdict;

use std::io::{self, Write};
use std::ops::ControlFlow;

use tencentcloud_envelope::capture::{Body, Flow, Record, Sink, Skip};

pub use args::CheckArgs;

use crate::exit;
use crate::render::{Printer, Shown};
use crate::summary::Summary;
use emit::{Output, Progress, shown_name};
use inputs::read_all;
use settings::Settings;
use verdict::{Judge, count_blank_lines, count_skipped, looks_like_json_lines};

/// Runs the check and returns the exit status (see [`exit`]).
pub fn run(args: &CheckArgs) -> u8 {
    let Some(settings) = Settings::from_args(args) else {
        return exit::TROUBLE;
    };
    let Settings {
        validator,
        defaults,
        inputs,
        printing,
        threads,
        request_id_memory,
    } = settings;
    let mut output = Output {
        max_diagnostics: printing.max_diagnostics,
        printer: Printer::new(
            printing.format,
            printing.color,
            printing.quiet,
            io::BufWriter::new(io::stdout().lock()),
        ),
        summary: Summary::default(),
        progress: Progress::new(printing.quiet),
    };
    output.printer.begin();
    let (read, forgotten) = if threads > 1 {
        let judge = Judge::new(validator, &defaults);
        pipeline::run(&inputs, &judge, request_id_memory, threads, &mut output)
    } else {
        let mut checker = Checker {
            judge: Judge::new(validator, &defaults),
            output: &mut output,
        };
        let read = read_all(&inputs, &mut checker);
        (read, checker.judge.validator.forgotten_request_ids())
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
    summary.request_id_memory = request_id_memory;
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

/// Checks each record as it is read, on the reading thread.
struct Checker<'o, 's, W: Write> {
    judge: Judge<'s>,
    output: &'o mut Output<W>,
}

impl<W: Write> Sink for Checker<'_, '_, W> {
    fn record(&mut self, mut record: Record) -> Flow {
        let mut json_lines = false;
        let report = match &mut record.body {
            Body::Bytes(bytes) => {
                let report = self.judge.bytes(&record.exchange, bytes);
                json_lines = looks_like_json_lines(&record.origin, bytes, &report);
                report
            }
            Body::EventStream { bytes, request_id } => self.judge.event_stream(bytes, *request_id),
            Body::EventStreamFrom(reader) => self.judge.stream_from(&mut **reader),
            Body::Unreadable(problem) => self.judge.unreadable(problem),
            _ => self.judge.unknown_record(),
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
