//! `tc-envelope check`: every record through one validator, results streamed out.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget};
use tencentcloud_envelope::{Call, Report, Schema, Validator};

use crate::CheckArgs;
use crate::render::{Printer, Summary};
use crate::sources::{self, Body, Record};

/// Runs the check and returns the exit status: 0 clean, 1 errors found, 2 unreadable paths.
pub fn run(args: &CheckArgs) -> u8 {
    let mut validator = Validator::new().nesting_limit(args.nesting_limit);
    if args.deny_warnings {
        validator = validator.deny_warnings();
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
                return 2;
            }
        }
    }
    let stdout = io::stdout();
    let color = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
    let mut printer = Printer::new(args.format, color, io::BufWriter::new(stdout.lock()));
    let mut summary = Summary::default();
    let mut progress = Progress::new();
    let mut unreadable = false;

    printer.begin();
    for path in &args.paths {
        let mut check = |record: Record| {
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
            let report = match record.body {
                Body::Bytes(bytes) => match call {
                    Some(call) => validator.validate_call(bytes, call),
                    None => validator.validate(bytes),
                },
                Body::EventStream { bytes, request_id } => {
                    validator.validate_event_stream(bytes, request_id)
                }
                Body::Unreadable(ref message) => Report::unreadable(message.clone()),
            };
            summary.add(&report);
            printer.record(&record, &report);
            progress.tick(summary.records);
        };
        let mut problem = |problem: sources::Unreadable| {
            unreadable = true;
            eprintln!("tc-envelope: {problem}");
        };
        sources::read(path, args.lines, &mut check, &mut problem);
    }
    progress.finish();
    printer.end(&summary);
    if let Err(error) = printer.finish() {
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("tc-envelope: cannot write the results: {error}");
            return 2;
        }
    }
    if unreadable {
        2
    } else {
        u8::from(summary.invalid > 0)
    }
}

/// A record counter on standard error, shown only when the run is long, standard error is
/// a terminal and standard output is not (otherwise the diagnostics themselves show progress).
struct Progress {
    started: Instant,
    bar: Option<ProgressBar>,
    enabled: bool,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);

    fn new() -> Self {
        Progress {
            started: Instant::now(),
            bar: None,
            enabled: io::stderr().is_terminal() && !io::stdout().is_terminal(),
        }
    }

    fn tick(&mut self, records: u64) {
        if !self.enabled || records % 256 != 0 {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= Self::DELAY {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} records checked ({per_sec})",
                )
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
