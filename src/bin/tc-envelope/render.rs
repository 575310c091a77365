//! How `check` prints: diagnostics for people, or JSON for programs, and the summary.
//!
//! Every record (or, with several threads, every batch of records) is flushed as soon as it
//! is printed, so a run that is killed has already shown what it checked; a write error (a
//! closed pipe) stops the run.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;
use tencentcloud_envelope::capture::{Excerpt, Exchange};
use tencentcloud_envelope::{Diagnostic, Report, Severity};

use crate::escape::{inert, write_json};
use crate::snippet::Window;
use crate::summary::{CodeTable, Summary};

/// What to do about JSON Lines read as one document (a macro, to be written once in both
/// constants).
macro_rules! json_lines_advice {
    () => {
        "read standard input with --lines, or name the file .jsonl or .ndjson"
    };
}

/// What to do about JSON Lines read as one document.
pub const JSON_LINES_ADVICE: &str = json_lines_advice!();

/// The hint on a record that is JSON Lines read as one document.
pub const JSON_LINES_HINT: &str = concat!(
    "this looks like JSON Lines, one response per line: ",
    json_lines_advice!()
);

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

/// Columns of a line shown under a diagnostic, unless `COLUMNS` says the terminal is narrower.
const SNIPPET_WIDTH: usize = 100;

/// A record as the printer shows it: where it came from and the text it lies in.
pub struct Shown<'a> {
    /// `PATH`, `PATH:LINE` or `PATH#ENTRY`.
    pub source: &'a str,
    /// The file as diagnostics name it (`PATH#ENTRY` for a HAR entry, whose lines are its
    /// body's own).
    pub name: &'a str,
    pub excerpt: Excerpt<'a>,
    pub exchange: &'a Exchange,
    /// The record is JSON Lines read as one document (then it gets [`JSON_LINES_HINT`]).
    pub looks_like_json_lines: bool,
}

/// One record as the JSON formats print it: the library's report plus `source`.
#[derive(Serialize)]
struct Line<'r> {
    source: &'r str,
    #[serde(flatten)]
    api: &'r Exchange,
    #[serde(flatten)]
    report: &'r Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'r str>,
}

/// Appends a record's JSON form, as both JSON formats print it, to `out`: the library's
/// report plus `source`, what the capture says of the call, and a hint if the record looks
/// like JSON Lines read as one document.
pub fn render_json(
    out: &mut Vec<u8>,
    source: &str,
    exchange: &Exchange,
    report: &Report,
    looks_like_json_lines: bool,
) {
    let line = Line {
        source,
        api: exchange,
        report,
        hint: looks_like_json_lines.then_some(JSON_LINES_HINT),
    };
    // Writing into a Vec fails only if a Serialize impl does, and these do not.
    let _ = write_json(out, &line, false);
}

/// The JSON format's closing member.
#[derive(Serialize)]
struct End<'s> {
    version: &'static str,
    summary: &'s Summary,
}

/// ANSI styles, or none.
#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

/// `text` in an ANSI style when colors are on, written without allocating.
struct Painted<T> {
    code: Option<&'static str>,
    text: T,
}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "\u{1b}[{code}m{}\u{1b}[0m", self.text),
            None => self.text.fmt(f),
        }
    }
}

/// The marks under the offending character, then the pointer to it.
struct Carets<'a> {
    caret: char,
    width: usize,
    pointer: &'a str,
}

impl fmt::Display for Carets<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for _ in 0..self.width {
            f.write_char(self.caret)?;
        }
        if !self.pointer.is_empty() {
            write!(f, " at {}", inert(self.pointer))?;
        }
        Ok(())
    }
}

impl Style {
    fn painted<T: fmt::Display>(self, code: &'static str, text: T) -> Painted<T> {
        Painted {
            code: self.color.then_some(code),
            text,
        }
    }

    fn paint(self, code: &'static str, text: &str) -> String {
        self.painted(code, text).to_string()
    }

    fn level(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;32",
        }
    }
}

const FRAME: &str = "1;34";
const BOLD: &str = "1";

pub struct Printer<W: Write> {
    format: CheckFormat,
    style: Style,
    snippet_width: usize,
    /// Print no records, only the summary.
    quiet: bool,
    out: W,
    records: u64,
    /// Flush after each record; else the caller flushes (after each batch).
    flush_each: bool,
    /// The first write error; once set, nothing more is written.
    error: Option<io::Error>,
}

impl<W: Write> Printer<W> {
    pub fn new(format: CheckFormat, color: bool, quiet: bool, out: W) -> Self {
        let snippet_width = std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<usize>().ok())
            .map_or(SNIPPET_WIDTH, |columns| {
                columns.saturating_sub(16).clamp(20, SNIPPET_WIDTH)
            });
        Printer {
            format,
            style: Style { color },
            snippet_width,
            quiet,
            out,
            records: 0,
            flush_each: true,
            error: None,
        }
    }

    /// Leaves flushing to [`Printer::flush`].
    pub fn flush_by_batch(&mut self) {
        self.flush_each = false;
    }

    /// Flushes what was printed.
    pub fn flush(&mut self) {
        self.write(Write::flush);
    }

    /// Whether output can still be written (false once stdout is closed).
    pub fn is_open(&self) -> bool {
        self.error.is_none()
    }

    pub fn begin(&mut self) {
        if self.format == CheckFormat::Json {
            self.write(|out| out.write_all(b"{\"records\": ["));
        }
    }

    /// Whether records are printed in their JSON form (see [`render_json`]).
    pub fn prints_json(&self) -> bool {
        !self.quiet && self.format != CheckFormat::Text
    }

    /// Prints one record and flushes it (unless flushed by batch); `shown` diagnostics at
    /// most, in text. `rendered` is the record's JSON form if [`render_json`] made it ahead.
    pub fn record(
        &mut self,
        record: &Shown,
        report: &Report,
        shown: usize,
        rendered: Option<&[u8]>,
    ) {
        if self.quiet {
            return;
        }
        self.records += 1;
        let mut json = Vec::new();
        let json = match rendered {
            Some(rendered) => rendered,
            None if self.format == CheckFormat::Text => &[],
            None => {
                render_json(
                    &mut json,
                    record.source,
                    record.exchange,
                    report,
                    record.looks_like_json_lines,
                );
                &json
            }
        };
        match self.format {
            CheckFormat::Jsonl => self.write(|out| {
                out.write_all(json)?;
                out.write_all(b"\n")
            }),
            CheckFormat::Json => {
                let separator: &[u8] = if self.records == 1 { b"\n" } else { b",\n" };
                self.write(|out| {
                    out.write_all(separator)?;
                    out.write_all(json)
                });
            }
            CheckFormat::Text => {
                let diagnostics = report.diagnostics();
                for (n, diagnostic) in diagnostics.iter().take(shown).enumerate() {
                    let text = self.diagnostic(record, diagnostic, n == 0);
                    self.write(|out| out.write_all(text.as_bytes()));
                    if !self.is_open() {
                        return;
                    }
                }
                if !report.omitted().is_empty() {
                    let counts: Vec<String> = (report.omitted().iter())
                        .map(|o| format!("{} {}", o.rule(), o.count()))
                        .collect();
                    let total = report
                        .omitted()
                        .iter()
                        .map(tencentcloud_envelope::Omitted::count)
                        .sum();
                    let text = format!(
                        "{}: {} in {} counted, not kept (--max-findings): {}\n\n",
                        self.style.paint(BOLD, "note"),
                        plural(total, "more finding", "more findings"),
                        inert(record.source),
                        counts.join(", "),
                    );
                    self.write(|out| out.write_all(text.as_bytes()));
                }
                if diagnostics.len() > shown {
                    let text = format!(
                        "{}: {} in {} not shown (--max-diagnostics)\n\n",
                        self.style.paint(BOLD, "note"),
                        plural(
                            (diagnostics.len() - shown) as u64,
                            "more finding",
                            "more findings"
                        ),
                        inert(record.source),
                    );
                    self.write(|out| out.write_all(text.as_bytes()));
                }
            }
        }
        if self.flush_each {
            self.write(Write::flush);
        }
    }

    /// A diagnostic drawn like a compiler's, with a window of the offending line.
    /// The first diagnostic of a record also says what the library's `classify` made of a
    /// body that is no envelope (a gateway's page, say).
    fn diagnostic(&self, record: &Shown, diagnostic: &Diagnostic, first: bool) -> String {
        let style = self.style;
        let shown = &record.excerpt;
        let level = Style::level(diagnostic.severity());
        let line = shown.line + diagnostic.line() - 1;
        let column = if diagnostic.line() == 1 {
            diagnostic.column() + shown.column_shift
        } else {
            diagnostic.column()
        };
        let window = Window::around(
            shown.text,
            diagnostic.offset().saturating_add(shown.body_at),
            self.snippet_width,
        );
        let number = line.to_string();
        let gutter = number.len();
        let bar = style.painted(FRAME, "|");
        let caret = if diagnostic.severity() == Severity::Error {
            '^'
        } else {
            '-'
        };
        let mut text = String::with_capacity(4 * self.snippet_width);
        let _ = writeln!(
            text,
            "{}{} {}",
            style.painted(
                level,
                format_args!("{}[{}]", diagnostic.severity(), diagnostic.rule())
            ),
            style.painted(BOLD, ":"),
            style.painted(BOLD, inert(diagnostic.message())),
        );
        let _ = writeln!(
            text,
            "{:gutter$}{} {}:{line}:{column}",
            "",
            style.painted(FRAME, "-->"),
            inert(record.name)
        );
        let _ = writeln!(text, "{:gutter$} {bar}", "");
        let _ = writeln!(
            text,
            "{} {bar} {}",
            style.painted(FRAME, &number),
            window.text
        );
        let carets = Carets {
            caret,
            width: window.caret_width,
            pointer: diagnostic.pointer(),
        };
        let _ = writeln!(
            text,
            "{:gutter$} {bar} {:caret_at$}{}",
            "",
            "",
            style.painted(level, carets),
            caret_at = window.caret_at,
        );
        if let Some(problem) = record.exchange.protocol_error.as_deref().filter(|_| first) {
            let _ = writeln!(
                text,
                "{:gutter$} {} {}: {}",
                "",
                style.painted(FRAME, "="),
                style.painted(BOLD, "note"),
                inert(problem)
            );
        }
        if record.looks_like_json_lines && first {
            let _ = writeln!(
                text,
                "{:gutter$} {} {}: {JSON_LINES_HINT}",
                "",
                style.painted(FRAME, "="),
                style.painted(BOLD, "help"),
            );
        }
        text.push('\n');
        text
    }

    pub fn end(&mut self, summary: &Summary) {
        match self.format {
            CheckFormat::Jsonl => {}
            CheckFormat::Json => self.write(|out| {
                let mut end = Vec::new();
                let end_object = End {
                    version: env!("CARGO_PKG_VERSION"),
                    summary,
                };
                write_json(&mut end, &end_object, false)?;
                // `{"version": ..., "summary": ...}` continues the document's object.
                let members = end
                    .strip_prefix(b"{")
                    .and_then(|end| end.strip_suffix(b"}"))
                    .unwrap_or_default();
                out.write_all(b"\n], ")?;
                out.write_all(members)?;
                out.write_all(b"}\n")
            }),
            CheckFormat::Text => {
                let text = summary_text(summary);
                self.write(|out| out.write_all(text.as_bytes()));
            }
        }
        self.write(Write::flush);
    }

    /// Flushes the output, returning the first write error.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.out.flush()
    }

    fn write(&mut self, write: impl FnOnce(&mut W) -> io::Result<()>) {
        if self.error.is_none()
            && let Err(error) = write(&mut self.out)
        {
            self.error = Some(error);
        }
    }
}

/// `1 record`, `2 records`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closing lines of text output: the counts, then a line for each other count that is
/// not zero, in the order of [`Summary`]'s fields.
fn summary_text(summary: &Summary) -> String {
    let mut text = format!(
        "{}: {} success, {} failure, {} invalid; {}, {}, {}\n",
        plural(summary.records, "record", "records"),
        summary.success,
        summary.failure,
        summary.invalid,
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.notes, "note", "notes"),
    );
    for skipped in &summary.skipped {
        let _ = writeln!(
            text,
            "skipped {}: {}",
            skipped.unit.count(skipped.count),
            skipped.reason
        );
    }
    for (label, table) in [
        ("most frequent error codes", &summary.codes),
        (
            "error codes of invalid records, not counted above",
            &summary.codes_in_invalid,
        ),
    ] {
        if let Some(list) = code_list(table) {
            let _ = writeln!(text, "{label}: {list}");
        }
    }
    if summary.looks_like_json_lines > 0 {
        let _ = writeln!(
            text,
            "{} like JSON Lines read as one document: {}",
            plural(
                summary.looks_like_json_lines,
                "record looks",
                "records look"
            ),
            JSON_LINES_ADVICE,
        );
    }
    if summary.request_ids_forgotten > 0 {
        let _ = writeln!(
            text,
            "duplicate request ids were looked for among the last {} only: {} older ids were forgotten (--request-id-memory raises the budget)",
            summary.request_id_memory, summary.request_ids_forgotten,
        );
    }
    if summary.omitted > 0 {
        let _ = writeln!(
            text,
            "{} past records' budgets were counted, not shown (--max-findings raises it)",
            plural(summary.omitted, "finding", "findings"),
        );
    }
    if summary.codes_evicted > 0 {
        let _ = writeln!(
            text,
            "more than {} distinct error codes: counts are estimates, each within its range",
            crate::summary::CodeTable::MAX_CODES,
        );
    }
    text
}

/// The most frequent codes of `table`, with their counts, if any.
fn code_list(table: &CodeTable) -> Option<String> {
    let codes = table.top();
    let list: Vec<String> = codes
        .iter()
        .map(|row| {
            let code = if row.code.is_empty() {
                "(empty)".into()
            } else {
                inert(row.code)
            };
            if row.overcount > 0 {
                format!("{code} ({} to {})", row.count - row.overcount, row.count)
            } else {
                format!("{code} ({})", row.count)
            }
        })
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    /// A body of one line of `bytes` bytes, and the validator's report on it: `n` findings
    /// at its start, which is where a line scan per finding costs most (the whole line lies
    /// after them).
    fn body_with(n: usize, bytes: usize) -> (Vec<u8>, Report) {
        let mut body = br#"{"Response": {"K": 1"#.to_vec();
        for _ in 0..n {
            body.extend_from_slice(br#", "K": 1"#);
        }
        body.extend_from_slice(br#", "Pad": ""#);
        body.resize(bytes - 3, b'x');
        body.extend_from_slice(br#""}}"#);
        let report = tencentcloud_envelope::Validator::new()
            .max_findings(n)
            .validate(&body);
        assert_eq!(report.diagnostics().len(), n);
        (body, report)
    }

    fn render(format: CheckFormat, body: &[u8], report: &Report) -> (Duration, usize) {
        let exchange = Exchange::default();
        let record = Shown {
            source: "big.json",
            name: "big.json",
            excerpt: Excerpt::plain(1, body),
            exchange: &exchange,
            looks_like_json_lines: false,
        };
        let mut out = Vec::new();
        let started = Instant::now();
        let mut printer = Printer::new(format, false, false, &mut out);
        printer.record(&record, report, usize::MAX, None);
        printer.finish().unwrap();
        (started.elapsed(), out.len())
    }

    #[test]
    fn text_costs_what_it_shows_not_the_line_per_finding() {
        // 5 MB on one line, 60,000 findings: a scan of the line per finding reads 300 GB.
        let (body, report) = body_with(60_000, 5 << 20);
        let (jsonl, _) = render(CheckFormat::Jsonl, &body, &report);
        let (text, written) = render(CheckFormat::Text, &body, &report);
        assert!(
            written < 60_000 * 400,
            "each finding shows a bounded window"
        );
        assert!(
            text < jsonl * 20 + Duration::from_secs(2),
            "text {text:?} against jsonl {jsonl:?}"
        );
    }
}
