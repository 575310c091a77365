//! How `check` prints: diagnostics for people, or JSON for programs, and the summary.

use std::collections::HashMap;
use std::io::{self, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use serde::Serialize;
use tencentcloud_envelope::{Diagnostic, Outcome, Report, Severity};

use crate::CheckFormat;
use crate::sources::{Api, Body, Record};

/// Lines longer than this are not shown under a diagnostic.
const MAX_SHOWN_LINE: usize = 16 * 1024;

/// Counts over the whole run.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub records: u64,
    pub success: u64,
    pub failure: u64,
    pub invalid: u64,
    pub errors: u64,
    pub warnings: u64,
    pub notes: u64,
    #[serde(serialize_with = "most_frequent")]
    codes: HashMap<String, u64>,
}

impl Summary {
    pub fn add(&mut self, report: &Report) {
        self.records += 1;
        match report.outcome() {
            Outcome::Success => self.success += 1,
            Outcome::Failure => self.failure += 1,
            Outcome::Invalid => self.invalid += 1,
        }
        for diagnostic in report.diagnostics() {
            match diagnostic.severity() {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
        if let Some(code) = report.code() {
            *self.codes.entry(code.to_owned()).or_default() += 1;
        }
    }
}

#[derive(Serialize)]
struct CodeCount<'a> {
    code: &'a str,
    count: u64,
}

fn most_frequent<S: serde::Serializer>(
    codes: &HashMap<String, u64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(
        top_codes(codes)
            .into_iter()
            .map(|(code, count)| CodeCount { code, count }),
    )
}

/// The ten most frequent error codes, most frequent first.
fn top_codes(codes: &HashMap<String, u64>) -> Vec<(&str, u64)> {
    let mut top: Vec<(&str, u64)> = codes.iter().map(|(code, &n)| (code.as_str(), n)).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(10);
    top
}

/// One record as the JSON formats print it: the library's report plus `source`.
#[derive(Serialize)]
struct Line<'r> {
    source: &'r str,
    #[serde(flatten)]
    api: &'r Api,
    #[serde(flatten)]
    report: &'r Report,
}

pub struct Printer<W: Write> {
    format: CheckFormat,
    renderer: Renderer,
    out: W,
    records: u64,
    /// The first write error; once set, nothing more is written.
    error: Option<io::Error>,
}

impl<W: Write> Printer<W> {
    pub fn new(format: CheckFormat, color: bool, out: W) -> Self {
        Printer {
            format,
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            out,
            records: 0,
            error: None,
        }
    }

    pub fn begin(&mut self) {
        if self.format == CheckFormat::Json {
            self.write(|out| out.write_all(b"{\"records\": ["));
        }
    }

    pub fn record(&mut self, record: &Record, report: &Report) {
        self.records += 1;
        let line = Line {
            source: &record.source,
            api: &record.api,
            report,
        };
        match self.format {
            CheckFormat::Jsonl => self.write(|out| {
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")
            }),
            CheckFormat::Json => {
                let separator: &[u8] = if self.records == 1 { b"\n" } else { b",\n" };
                self.write(|out| {
                    out.write_all(separator)?;
                    serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)
                });
            }
            CheckFormat::Text => {
                let body = match &record.body {
                    Body::Bytes(bytes) | Body::EventStream { bytes, .. } => *bytes,
                    Body::Unreadable(_) => &[],
                };
                for diagnostic in report.diagnostics() {
                    let text = self.diagnostic(&record.shown_as, body, diagnostic);
                    self.write(|out| writeln!(out, "{text}\n"));
                }
            }
        }
    }

    /// A diagnostic rendered like a compiler's, with the offending line when it is short enough.
    fn diagnostic(
        &self,
        (name, first_line): &(String, usize),
        body: &[u8],
        diagnostic: &Diagnostic,
    ) -> String {
        let level = match diagnostic.severity() {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Note,
        };
        let label = if diagnostic.pointer().is_empty() {
            String::new()
        } else {
            format!("at {}", diagnostic.pointer())
        };
        let line = first_line + diagnostic.line() - 1;
        let location = format!("{name}:{line}:{}", diagnostic.column());
        let title = level.title(diagnostic.message()).id(diagnostic.rule().id());
        if let Some((text, span)) = offending_line(body, diagnostic.offset()) {
            let snippet = Snippet::source(&text)
                .line_start(line)
                .origin(name)
                .annotation(level.span(span).label(&label));
            self.renderer.render(title.snippet(snippet)).to_string()
        } else {
            let place = format!("at {location} {label}");
            let note = Level::Note.title(place.trim_end());
            self.renderer.render(title.footer(note)).to_string()
        }
    }

    pub fn end(&mut self, summary: &Summary) {
        match self.format {
            CheckFormat::Jsonl => {}
            CheckFormat::Json => self.write(|out| {
                out.write_all(b"\n], \"summary\": ")?;
                serde_json::to_writer(&mut *out, summary)?;
                out.write_all(b"}\n")
            }),
            CheckFormat::Text => {
                let mut text = format!(
                    "{} records: {} success, {} failure, {} invalid; {} errors, {} warnings, {} notes\n",
                    summary.records,
                    summary.success,
                    summary.failure,
                    summary.invalid,
                    summary.errors,
                    summary.warnings,
                    summary.notes
                );
                let codes = top_codes(&summary.codes);
                if !codes.is_empty() {
                    let list: Vec<String> = codes
                        .iter()
                        .map(|(code, n)| format!("{code} ({n})"))
                        .collect();
                    text = format!("{text}most frequent error codes: {}\n", list.join(", "));
                }
                self.write(|out| out.write_all(text.as_bytes()));
            }
        }
    }

    /// Flushes the output, returning the first write error.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.out.flush()
    }

    fn write(&mut self, write: impl FnOnce(&mut W) -> io::Result<()>) {
        if self.error.is_none() {
            if let Err(error) = write(&mut self.out) {
                self.error = Some(error);
            }
        }
    }
}

/// The line holding `offset`, and the span to mark in it (one character, or the line's end).
fn offending_line(body: &[u8], offset: usize) -> Option<(String, std::ops::Range<usize>)> {
    let offset = offset.min(body.len());
    let start = body
        .get(..offset)?
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let end = body
        .get(offset..)?
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |at| offset + at);
    let line = body.get(start..end)?;
    if line.len() > MAX_SHOWN_LINE {
        return None;
    }
    let text = std::str::from_utf8(line)
        .ok()?
        .trim_end_matches('\r')
        .to_owned();
    let at = (offset - start).min(text.len());
    let width = text.get(at..)?.chars().next().map_or(0, char::len_utf8);
    Some((text, at..at + width))
}
