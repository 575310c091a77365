//! Where records come from: files, JSON Lines, HAR archives and standard input.
//!
//! Every reader streams, holding one record at a time, and no record is larger than the
//! size cap: a longer one is reported as a record that says so, and reading goes on. Readers
//! stop as soon as the sink says so (standard output was closed).
//!
//! This module stands alone (the fuzz targets include it by path): it knows the library and
//! its own submodules, nothing else of the tool.

mod har;
mod lines;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use har::{HarOptions, read_har};
pub use lines::read_lines;

/// What a sink says after each record: go on, or stop reading.
pub type Flow = ControlFlow<()>;

/// One response to check, with where it came from.
pub struct Record<'b> {
    /// `PATH`, `PATH:LINE`, `PATH#ENTRY`, `-` or `-:LINE`.
    pub source: String,
    pub body: Body<'b>,
    pub api: Api,
    /// Where people are shown the body.
    pub shown: Shown<'b>,
}

/// Where a body is shown to people: the file, the line its first line is, and the text
/// around it (a JSON Lines capture record is shown as its whole line in the file).
pub struct Shown<'b> {
    pub name: String,
    /// The file line of the text's first line.
    pub line: usize,
    /// The text the body lies in.
    pub text: &'b [u8],
    /// The body's byte offset in `text`.
    pub body_at: usize,
    /// Characters before the body on its first line.
    pub column_shift: usize,
}

impl<'b> Shown<'b> {
    /// A body shown as itself, its first line at `line`.
    pub fn plain(name: String, line: usize, text: &'b [u8]) -> Self {
        Shown {
            name,
            line,
            text,
            body_at: 0,
            column_shift: 0,
        }
    }
}

/// A record's body, or why it could not be taken out of its container.
pub enum Body<'b> {
    Bytes(&'b [u8]),
    /// A whole `text/event-stream` body, with its `X-TC-RequestId` header when known.
    EventStream {
        bytes: &'b [u8],
        request_id: Option<&'b str>,
    },
    /// A saved `text/event-stream` file, checked as it is read: its memory is bounded by the
    /// stream parser's caps, not by its length, so it has no size cap and no snippet.
    EventStreamFrom(Box<dyn Read + 'b>),
    /// The record could not be taken whole out of its capture (broken base64, a truncated
    /// archive, more bytes than the size cap): a finding of its own, not a JSON error.
    Unreadable(String),
}

/// What a capture says about the call: the service from the host, action and version from
/// the request headers; for HAR entries, the HTTP status and media type too.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Api {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub mime_type: Option<String>,
    /// The `X-TC-RequestId` response header of a HAR entry: the library's `classify` falls
    /// back to it when the body has no request id, and event streams take theirs from it.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub request_id_header: Option<String>,
    /// The library's `classify` verdict when the body is not an envelope: status, content
    /// type and an excerpt.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub protocol_error: Option<String>,
}

/// How a file holds its responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One JSON document (`.json`).
    Document,
    /// JSON Lines, one response per line (`.jsonl`, `.ndjson`).
    Lines,
    /// An HTTP Archive (`.har`).
    Har,
    /// A saved `text/event-stream` body (`.sse`).
    EventStream,
}

impl Layout {
    /// The layout a file name says, if any.
    pub fn of(path: &Path) -> Option<Layout> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Layout::Document),
            "jsonl" | "ndjson" => Some(Layout::Lines),
            "har" => Some(Layout::Har),
            "sse" => Some(Layout::EventStream),
            _ => None,
        }
    }
}

/// How to read: the cap on one record and the HAR policy.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The most bytes one record may have.
    pub max_record: u64,
    pub har: HarOptions,
}

impl Options {
    /// The default cap on one record: 64 MiB, far above any API answer seen in practice.
    pub const DEFAULT_MAX_RECORD: u64 = 64 << 20;
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_record: Self::DEFAULT_MAX_RECORD,
            har: HarOptions::default(),
        }
    }
}

/// The message of a record larger than the cap.
pub fn too_large(size: u64, cap: u64, exact: bool) -> String {
    let more = if exact { "" } else { "at least " };
    format!(
        "the record has {more}{size} bytes, more than the cap of {cap} bytes (--max-record-size); it was not checked"
    )
}

/// A path that could not be read; the run goes on with the others.
pub struct Unreadable {
    pub path: PathBuf,
    pub error: io::Error,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.error)
    }
}

/// Everything a reader reports besides records.
pub trait Sink {
    /// A record to check; `Break` stops reading.
    fn record(&mut self, record: Record) -> Flow;
    /// An entry read and deliberately not checked, with why.
    fn skip(&mut self, reason: &'static str);
}

/// Reads standard input as `layout`.
pub fn read_stdin(layout: Layout, options: &Options, sink: &mut dyn Sink) -> io::Result<Flow> {
    let stdin = io::stdin().lock();
    read_stream(
        "-",
        BufReader::with_capacity(1 << 16, stdin),
        layout,
        options,
        sink,
    )
}

/// Reads the regular file at `path` as `layout`. A FIFO, socket or device is refused
/// before it is opened: opening one can block forever.
pub fn read_file(
    path: &Path,
    layout: Layout,
    options: &Options,
    sink: &mut dyn Sink,
) -> Result<Flow, Unreadable> {
    let unreadable = |error| Unreadable {
        path: path.into(),
        error,
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(unreadable(io::Error::new(
            io::ErrorKind::InvalidInput,
            if metadata.is_dir() {
                "it is a directory"
            } else {
                "not a regular file (a FIFO, socket or device); pipe it to `-` instead"
            },
        )));
    }
    let file = File::open(path).map_err(unreadable)?;
    let name = path.display().to_string();
    let reader = BufReader::with_capacity(1 << 16, file);
    read_stream(&name, reader, layout, options, sink).map_err(unreadable)
}

fn read_stream(
    name: &str,
    reader: impl io::BufRead,
    layout: Layout,
    options: &Options,
    sink: &mut dyn Sink,
) -> io::Result<Flow> {
    match layout {
        Layout::Document => read_document(name, reader, options.max_record, sink),
        Layout::EventStream => Ok(sink.record(Record {
            shown: Shown::plain(name.to_owned(), 1, &[]),
            source: name.to_owned(),
            body: Body::EventStreamFrom(Box::new(reader)),
            api: Api::default(),
        })),
        Layout::Lines => read_lines(name, reader, options.max_record, sink),
        Layout::Har => read_har(name, reader, options, sink),
    }
}

/// One document, read whole up to the cap; a larger one becomes a record that says so
/// (and is not read further).
fn read_document(name: &str, reader: impl Read, cap: u64, sink: &mut dyn Sink) -> io::Result<Flow> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    let body = if size > cap {
        Body::Unreadable(too_large(size, cap, false))
    } else {
        Body::Bytes(&bytes)
    };
    Ok(sink.record(Record {
        shown: Shown::plain(name.to_owned(), 1, &bytes),
        source: name.to_owned(),
        body,
        api: Api::default(),
    }))
}
