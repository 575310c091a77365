//! The capture reader: a HAR archive, JSON Lines, one JSON document or a saved event stream,
//! each record checked by one validator (so a request id repeated anywhere is reported) and
//! handed to JavaScript in the fields of `tc-envelope check --format jsonl`, plus its place,
//! with a summary in the fields of the tool's `--format json` summary.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

use js_sys::Function;
use serde::{Serialize, Serializer};
use tencentcloud_envelope::capture::{
    self, Body, Exchange, Flow, Layout, Place, Record, Setting, Sink, Skip,
};
use tencentcloud_envelope::{Diagnostic, Omitted, Outcome, Report, Severity, Validator};
use wasm_bindgen::JsValue;

use crate::input::{CallSpec, Options, range_error, to_js};
use crate::snippet::Snippet;

/// How many records go to `onRecords` at a time, and how often `onProgress` is called.
const BATCH: usize = 256;

/// What `readCapture` was asked to do.
pub struct Request {
    name: String,
    layout: Layout,
    options: capture::Options,
    snippets: bool,
    /// The call of records whose capture does not say.
    call: CallSpec,
    on_records: Option<Function>,
    on_progress: Option<Function>,
}

impl Request {
    /// Reads the options of `readCapture`.
    pub fn read(options: &Options) -> Result<(Self, Validator), JsValue> {
        let name = options
            .string("name")?
            .unwrap_or_else(|| "capture".to_owned());
        let layout = match options.string("format")?.as_deref() {
            None => Layout::of(std::path::Path::new(&name)).unwrap_or(Layout::Document),
            Some("json") => Layout::Document,
            Some("jsonl") => Layout::Lines,
            Some("har") => Layout::Har,
            Some("sse") => Layout::EventStream,
            Some(other) => {
                return Err(range_error(&format!(
                    "options.format must be json, jsonl, har or sse, not `{other}`"
                )));
            }
        };
        let mut capture = capture::Options::new().har_all_json(options.flag("harAllJson")?);
        if let Some(cap) = options.count("maxRecordSize")? {
            capture = capture.max_record(cap);
        }
        let request = Request {
            name,
            layout,
            options: capture,
            snippets: options.flag("snippets")?,
            call: CallSpec::read(options)?,
            on_records: options.function("onRecords")?,
            on_progress: options.function("onProgress")?,
        };
        Ok((request, crate::input::validator(options)?))
    }
}

/// The bytes of the input, counting how far the reader got (for progress).
struct Counted<'a> {
    rest: &'a [u8],
    taken: &'a Cell<usize>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.rest.read(buf)?;
        self.taken.set(self.taken.get() + n);
        Ok(n)
    }
}

impl BufRead for Counted<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        Ok(self.rest)
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.rest.len());
        self.rest = self.rest.get(amount..).unwrap_or_default();
        self.taken.set(self.taken.get() + amount);
    }
}

/// Where in its capture a record is.
struct Where(Place);

impl Serialize for Where {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self.0 {
            Place::Line(line) => map.serialize_entry("line", &line)?,
            Place::Entry(entry) => map.serialize_entry("entry", &entry)?,
            Place::Whole => {}
        }
        map.end()
    }
}

/// One record: the tool's JSON Lines record, plus its place and, when asked, a snippet on
/// each finding.
#[derive(Serialize)]
struct Line<'r> {
    source: &'r str,
    place: Where,
    #[serde(flatten)]
    exchange: &'r Exchange,
    outcome: Outcome,
    request_id: Option<&'r str>,
    code: Option<&'r str>,
    diagnostics: Vec<Shown<'r>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    omitted: &'r [Omitted],
}

/// A finding, with the text around it when asked.
#[derive(Serialize)]
struct Shown<'r> {
    #[serde(flatten)]
    diagnostic: &'r Diagnostic,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Snippet>,
}

/// Things read and not checked, by reason, as the tool's summary counts them.
#[derive(Serialize)]
struct Skipped {
    unit: &'static str,
    reason: String,
    count: u64,
}

/// A code and how many records had it.
#[derive(Serialize)]
struct CodeCount<'a> {
    code: &'a str,
    count: u64,
}

/// Counts over the whole capture, in the names of the tool's summary. Codes are counted
/// exactly: the capture is in memory already.
#[derive(Default)]
struct Summary {
    records: u64,
    success: u64,
    failure: u64,
    invalid: u64,
    errors: u64,
    warnings: u64,
    notes: u64,
    omitted: u64,
    skipped: Vec<Skipped>,
    codes: HashMap<String, u64>,
    codes_in_invalid: HashMap<String, u64>,
}

impl Summary {
    fn add(&mut self, report: &Report) {
        self.records += 1;
        match report.outcome() {
            Outcome::Success => self.success += 1,
            Outcome::Failure => self.failure += 1,
            Outcome::Invalid => self.invalid += 1,
        }
        let count = |severity| report.count(severity) as u64;
        self.errors += count(Severity::Error);
        self.warnings += count(Severity::Warning);
        self.notes += count(Severity::Note);
        self.omitted += report.omitted().iter().map(Omitted::count).sum::<u64>();
        let codes = if report.outcome() == Outcome::Invalid {
            &mut self.codes_in_invalid
        } else {
            &mut self.codes
        };
        if let Some(code) = report.code() {
            *codes.entry(code.to_owned()).or_default() += 1;
        }
    }

    fn skip(&mut self, unit: &'static str, reason: String) {
        match self
            .skipped
            .iter_mut()
            .find(|s| s.unit == unit && s.reason == reason)
        {
            Some(skipped) => skipped.count += 1,
            None => self.skipped.push(Skipped {
                unit,
                reason,
                count: 1,
            }),
        }
    }
}

/// Most frequent first, ties in code order.
fn by_count(codes: &HashMap<String, u64>) -> Vec<CodeCount<'_>> {
    let mut rows: Vec<CodeCount> = codes
        .iter()
        .map(|(code, &count)| CodeCount { code, count })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// The summary as JavaScript gets it.
#[derive(Serialize)]
struct SummaryOut<'a> {
    records: u64,
    success: u64,
    failure: u64,
    invalid: u64,
    errors: u64,
    warnings: u64,
    notes: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped: &'a Vec<Skipped>,
    codes: Vec<CodeCount<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    codes_in_invalid: Vec<CodeCount<'a>>,
    #[serde(skip_serializing_if = "is_zero")]
    omitted: u64,
    #[serde(skip_serializing_if = "is_zero")]
    request_ids_forgotten: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde's signature")]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Progress, as `onProgress` gets it.
#[derive(Serialize)]
struct Progress {
    records: u64,
    bytes: usize,
    total: usize,
}

/// A capture setting by the name JavaScript's options give it.
fn option_of(setting: Setting) -> &'static str {
    match setting {
        Setting::MaxRecord => "maxRecordSize",
        Setting::HarAllJson => "harAllJson",
        _ => "an option",
    }
}

/// The sink: checks each record, writes it into the current batch of JSON, counts it.
struct Reader<'r> {
    request: &'r Request,
    validator: Validator,
    summary: Summary,
    /// Records as a JSON array being written (`[` and the records so far).
    batch: String,
    in_batch: usize,
    /// Every record, when no `onRecords` takes them.
    all: Option<JsValue>,
    taken: &'r Cell<usize>,
    total: usize,
    /// What a callback threw, or a failure to hand records over; reading stops.
    failed: Option<JsValue>,
}

impl Reader<'_> {
    fn check(&mut self, record: &mut Record<'_>) -> Report {
        let request = self.request;
        match &mut record.body {
            Body::Bytes(bytes) => {
                let spec = &request.call;
                let call = record.exchange.call(
                    spec.service.as_deref(),
                    spec.version.as_deref(),
                    spec.action.as_deref(),
                );
                self.validator.validate_call(bytes, call)
            }
            Body::EventStream { bytes, request_id } => {
                self.validator.validate_event_stream(bytes, *request_id)
            }
            Body::EventStreamFrom(reader) => self
                .validator
                .validate_event_stream_from(&mut **reader, None)
                .unwrap_or_else(|error| {
                    self.validator
                        .unreadable(format!("reading failed: {error}"))
                }),
            Body::Unreadable(problem) => self
                .validator
                .unreadable(problem.naming(option_of).to_string()),
            _ => self
                .validator
                .unreadable("a kind of record this reader does not know"),
        }
    }

    /// Appends the record's JSON to the batch.
    fn write(&mut self, record: &Record<'_>, report: &Report) {
        let source = record.origin.to_string();
        let with_snippets = self.request.snippets && matches!(record.body, Body::Bytes(_));
        let diagnostics = report
            .diagnostics()
            .iter()
            .map(|diagnostic| Shown {
                diagnostic,
                snippet: with_snippets
                    .then(|| Snippet::of(&record.excerpt, diagnostic))
                    .flatten(),
            })
            .collect();
        let line = Line {
            source: &source,
            place: Where(record.origin.place),
            exchange: &record.exchange,
            outcome: report.outcome(),
            request_id: report.request_id(),
            code: report.code(),
            diagnostics,
            omitted: report.omitted(),
        };
        self.batch.push(if self.in_batch == 0 { '[' } else { ',' });
        // Writing into a String fails only if a Serialize impl does, and these do not.
        let _ = serde_json::to_writer(StringWriter(&mut self.batch), &line);
        self.in_batch += 1;
    }

    /// Hands the batch over: to `onRecords`, or kept for the result.
    fn flush(&mut self) -> Result<(), JsValue> {
        if self.in_batch == 0 {
            return Ok(());
        }
        self.batch.push(']');
        let records = js_sys::JSON::parse(&self.batch);
        self.batch.clear();
        self.in_batch = 0;
        let records = records?;
        match &self.request.on_records {
            Some(on_records) => {
                on_records.call1(&JsValue::NULL, &records)?;
            }
            None => self.all = Some(records),
        }
        Ok(())
    }

    fn progress(&self) -> Result<(), JsValue> {
        if let Some(on_progress) = &self.request.on_progress {
            let progress = to_js(&Progress {
                records: self.summary.records,
                bytes: self.taken.get(),
                total: self.total,
            })?;
            on_progress.call1(&JsValue::NULL, &progress)?;
        }
        Ok(())
    }

    fn stop(&mut self, error: JsValue) -> Flow {
        self.failed = Some(error);
        ControlFlow::Break(())
    }
}

/// `io::Write` into a `String` (`serde_json` writes only UTF-8).
struct StringWriter<'a>(&'a mut String);

impl io::Write for StringWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = std::str::from_utf8(buf).map_err(io::Error::other)?;
        self.0.push_str(text);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink for Reader<'_> {
    fn record(&mut self, mut record: Record<'_>) -> Flow {
        let report = self.check(&mut record);
        self.summary.add(&report);
        self.write(&record, &report);
        // Without `onRecords`, every record waits for the end: one array, parsed once.
        let full = self.in_batch >= BATCH || self.batch.len() >= 1 << 20;
        if full
            && self.request.on_records.is_some()
            && let Err(error) = self.flush()
        {
            return self.stop(error);
        }
        if self.summary.records.is_multiple_of(BATCH as u64)
            && let Err(error) = self.progress()
        {
            return self.stop(error);
        }
        ControlFlow::Continue(())
    }

    fn skip(&mut self, reason: Skip) {
        self.summary.skip("entry", reason.naming(option_of).into());
    }

    fn blank_line(&mut self) {
        self.summary
            .skip("line", "blank (JSON whitespace only)".to_owned());
    }
}

/// Reads `input` as `request` says, with `validator`.
pub fn read(input: &[u8], request: &Request, validator: Validator) -> Result<JsValue, JsValue> {
    let taken = Cell::new(0);
    let mut reader = Reader {
        request,
        validator,
        summary: Summary::default(),
        batch: String::new(),
        in_batch: 0,
        all: None,
        taken: &taken,
        total: input.len(),
        failed: None,
    };
    let bytes = Counted {
        rest: input,
        taken: &taken,
    };
    // Reading from memory fails only where the stream reader reports it as a record.
    let read = capture::read(
        &request.name,
        bytes,
        request.layout,
        &request.options,
        &mut reader,
    );
    if let Some(error) = reader.failed.take() {
        return Err(error);
    }
    // A stop is the sink's own (a callback threw, taken above).
    let _flow = read.map_err(|error| range_error(&error.to_string()))?;
    reader.flush()?;
    reader.progress()?;
    // In the tool's order: entries before lines, then by reason.
    let unit_rank = |unit: &str| usize::from(unit != "entry");
    reader
        .summary
        .skipped
        .sort_by(|a, b| (unit_rank(a.unit), &a.reason).cmp(&(unit_rank(b.unit), &b.reason)));
    let summary = &reader.summary;
    let out = SummaryOut {
        records: summary.records,
        success: summary.success,
        failure: summary.failure,
        invalid: summary.invalid,
        errors: summary.errors,
        warnings: summary.warnings,
        notes: summary.notes,
        skipped: &summary.skipped,
        codes: by_count(&summary.codes),
        codes_in_invalid: by_count(&summary.codes_in_invalid),
        omitted: summary.omitted,
        request_ids_forgotten: reader.validator.forgotten_request_ids(),
    };
    let result = js_sys::Object::new();
    let records = reader
        .all
        .take()
        .unwrap_or_else(|| js_sys::Array::new().into());
    js_sys::Reflect::set(&result, &"records".into(), &records)?;
    js_sys::Reflect::set(&result, &"summary".into(), &to_js(&out)?)?;
    Ok(result.into())
}
