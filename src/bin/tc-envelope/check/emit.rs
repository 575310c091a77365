//! Where checked records go, in input order: the printer, the summary and the progress
//! counter on standard error.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget};
use tencentcloud_envelope::Report;
use tencentcloud_envelope::capture::{Origin, Place};

use crate::render::{Printer, Shown};
use crate::summary::Summary;

/// Where checked records go, in input order: the printer, the summary and the progress
/// counter.
pub struct Output<W: Write> {
    /// In text, the most findings shown per record.
    pub max_diagnostics: usize,
    pub printer: Printer<W>,
    pub summary: Summary,
    pub progress: Progress,
}

impl<W: Write> Output<W> {
    /// Counts and prints one checked record (its JSON form, if rendered ahead); false once
    /// output is closed.
    pub fn emit(&mut self, shown: &Shown, report: &Report, rendered: Option<&[u8]>) -> bool {
        self.summary.add(report);
        self.summary.looks_like_json_lines += u64::from(shown.looks_like_json_lines);
        self.printer
            .record(shown, report, self.max_diagnostics, rendered);
        self.progress.tick(self.summary.records);
        self.printer.is_open()
    }
}

/// The name diagnostics give a record's file: a HAR entry's body has lines of its own.
pub fn shown_name<'a>(origin: &'a Origin, source: &'a str) -> &'a str {
    match origin.place {
        Place::Entry(_) => source,
        Place::Whole | Place::Line(_) => &origin.name,
    }
}

/// A record counter on standard error, shown only when the run is long, standard error is a
/// terminal, and standard output does not print diagnostics there (redirected, or --quiet).
pub struct Progress {
    started: Instant,
    bar: Option<ProgressBar>,
    enabled: bool,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);

    pub fn new(quiet: bool) -> Self {
        Progress {
            started: Instant::now(),
            bar: None,
            enabled: io::stderr().is_terminal() && (quiet || !io::stdout().is_terminal()),
        }
    }

    pub fn tick(&mut self, records: u64) {
        if !self.enabled || !records.is_multiple_of(256) {
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

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let _ = io::stderr().flush();
    }
}
