//! What the capture readers hand a sink: each record with its origin and excerpt, its body or
//! why there is none, and why an entry was skipped; the options and the sink itself.

use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Call;

/// What a sink says after each record: go on, or stop reading.
pub type Flow = ControlFlow<()>;

/// One response read from a capture, with where it came from.
#[non_exhaustive]
pub struct Record<'b> {
    /// The file (or `-`) and the place in it.
    pub origin: Origin,
    /// The response body, or why it could not be read.
    pub body: Body<'b>,
    /// What the capture says about the call and its answer.
    pub exchange: Exchange,
    /// The text the body lies in, to show findings in place.
    pub excerpt: Excerpt<'b>,
}

/// Where a record came from: `PATH`, `PATH:LINE` or `PATH#ENTRY` when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file's path as given, or `-` for standard input.
    pub name: Arc<str>,
    /// Where in the file.
    pub place: Place,
}

/// Where in its file a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The whole file (a JSON document, an event stream, a HAR archive that breaks off).
    Whole,
    /// A JSON Lines line, numbered from 1.
    Line(usize),
    /// A HAR entry, numbered from 1 in `log.entries`.
    Entry(usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Place::Whole => f.write_str(&self.name),
            Place::Line(line) => write!(f, "{}:{line}", self.name),
            Place::Entry(entry) => write!(f, "{}#{entry}", self.name),
        }
    }
}

/// The text a body lies in, as the file holds it: a JSON Lines capture record is its whole
/// line, of which the response is one member.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Excerpt<'b> {
    /// The file line of the text's first line (1 for a HAR entry's body).
    pub line: usize,
    /// The text the body lies in.
    pub text: &'b [u8],
    /// The body's byte offset in `text`.
    pub body_at: usize,
    /// Characters before the body on its first line.
    pub column_shift: usize,
}

impl<'b> Excerpt<'b> {
    /// A body that is the whole text, its first line at `line`.
    pub fn plain(line: usize, text: &'b [u8]) -> Self {
        Excerpt {
            line,
            text,
            body_at: 0,
            column_shift: 0,
        }
    }
}

/// A record's body, or why it could not be taken out of its container.
#[non_exhaustive]
pub enum Body<'b> {
    /// A response body (JSON, or what claims to be).
    Bytes(&'b [u8]),
    /// A whole `text/event-stream` body, with its `X-TC-RequestId` header when known.
    EventStream {
        /// The stream's bytes.
        bytes: &'b [u8],
        /// The `X-TC-RequestId` response header.
        request_id: Option<&'b str>,
    },
    /// A saved `text/event-stream` file, to be checked as it is read: its memory is bounded
    /// by the stream parser's caps, not by its length, so it has no size cap and no excerpt.
    EventStreamFrom(Box<dyn Read + 'b>),
    /// The record could not be taken whole out of its capture (broken base64, a truncated
    /// archive, more bytes than the size cap): why.
    Unreadable(Problem),
}

/// A setting of [`Options`] that a reader's words may name: a [`Problem`] over a limit, a
/// [`Skip`] that a setting would take. `Display` gives the library's name
/// (`Options::max_record`); a front end gives its own (the tool: `--max-record-size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Setting {
    /// [`Options::max_record`], the cap on one record.
    MaxRecord,
    /// [`Options::har_all_json`], which takes HAR entries of JSON from any host.
    HarAllJson,
}

impl Setting {
    /// The setting's name in the library's terms.
    pub const fn as_str(self) -> &'static str {
        match self {
            Setting::MaxRecord => "Options::max_record",
            Setting::HarAllJson => "Options::har_all_json",
        }
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a record could not be taken whole out of its capture: a limit it went past (which a
/// front end names in its own terms with [`Problem::naming`]), or what else broke.
/// `Display` names the library's settings.
///
/// ```
/// use tencentcloud_envelope::capture::{self, Body, Flow, Layout, Options, Record, Setting, Sink, Skip};
///
/// struct Why(Vec<String>);
/// impl Sink for Why {
///     fn record(&mut self, record: Record<'_>) -> Flow {
///         if let Body::Unreadable(problem) = &record.body {
///             assert_eq!((problem.setting(), problem.cap()), (Some(Setting::MaxRecord), Some(8)));
///             let flag = |setting: Setting| match setting {
///                 Setting::MaxRecord => "--max-record-size",
///                 other => other.as_str(),
///             };
///             self.0.push(problem.naming(flag).to_string());
///         }
///         Flow::Continue(())
///     }
///     fn skip(&mut self, _reason: Skip) {}
/// }
///
/// let mut why = Why(Vec::new());
/// let small = Options::new().max_record(8);
/// capture::read("c.jsonl", &b"{\"Response\": {}}\n"[..], Layout::Lines, &small, &mut why)?;
/// assert_eq!(why.0, ["the record has 16 bytes, more than the cap of 8 bytes (--max-record-size); it was not checked"]);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(Broke);

/// What broke, as [`Problem`] holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Broke {
    /// More bytes than the record cap; `at_least` when the record was not read to its end.
    TooLarge { size: u64, at_least: bool, cap: u64 },
    /// A HAR entry larger than the cap on a whole entry (twice the record cap, and 1 MiB);
    /// `unsaid`, what its first bytes did not say that would have let it be skipped.
    EntryTooLarge {
        size: u64,
        cap: u64,
        unsaid: Option<Unsaid>,
    },
    /// More bytes outside a HAR archive's entries than a whole entry may have.
    OutsideEntries { cap: u64 },
    /// A HAR archive that breaks after `entries` entries, and why.
    Archive { entries: usize, why: Box<Problem> },
    /// Anything else, in words that name no setting.
    Other(String),
}

/// What the first bytes of a HAR entry over its cap did not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unsaid {
    Host,
    MediaType,
}

impl Problem {
    /// A HAR entry of `size` bytes over the cap of `cap` on a whole entry.
    pub(crate) fn entry_too_large(size: u64, cap: u64, unsaid: Option<Unsaid>) -> Self {
        Problem(Broke::EntryTooLarge { size, cap, unsaid })
    }

    /// More than `cap` bytes outside a HAR archive's entries.
    pub(crate) fn outside_entries(cap: u64) -> Self {
        Problem(Broke::OutsideEntries { cap })
    }

    /// A HAR archive that broke after `entries` entries, for `why`.
    pub(crate) fn in_archive(entries: usize, why: Problem) -> Self {
        Problem(Broke::Archive {
            entries,
            why: Box::new(why),
        })
    }

    /// The setting whose limit the record went past, if that is what broke.
    pub fn setting(&self) -> Option<Setting> {
        match &self.0 {
            Broke::TooLarge { .. } | Broke::EntryTooLarge { .. } | Broke::OutsideEntries { .. } => {
                Some(Setting::MaxRecord)
            }
            Broke::Archive { why, .. } => why.setting(),
            Broke::Other(_) => None,
        }
    }

    /// The limit it went past, in bytes: the record cap, or for a HAR entry the cap on a
    /// whole entry that the record cap sets.
    pub fn cap(&self) -> Option<u64> {
        match &self.0 {
            Broke::TooLarge { cap, .. }
            | Broke::EntryTooLarge { cap, .. }
            | Broke::OutsideEntries { cap } => Some(*cap),
            Broke::Archive { why, .. } => why.cap(),
            Broke::Other(_) => None,
        }
    }

    /// The words, with each setting named by `name`: a front end's own terms for the
    /// library's [`Setting`]s.
    pub fn naming<'n, F: Fn(Setting) -> &'n str>(&self, name: F) -> impl fmt::Display {
        struct Naming<'p, 'n, F>(&'p Problem, F, PhantomData<&'n str>);
        impl<'n, F: Fn(Setting) -> &'n str> fmt::Display for Naming<'_, 'n, F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, &self.1)
            }
        }
        Naming(self, name, PhantomData)
    }

    fn write<'a>(
        &self,
        f: &mut fmt::Formatter<'_>,
        name: &dyn Fn(Setting) -> &'a str,
    ) -> fmt::Result {
        let max_record = || name(Setting::MaxRecord);
        match &self.0 {
            Broke::TooLarge {
                size,
                at_least,
                cap,
            } => write!(
                f,
                "the record has {}{size} bytes, more than the cap of {cap} bytes ({}); it was not checked",
                if *at_least { "at least " } else { "" },
                max_record()
            ),
            Broke::EntryTooLarge { size, cap, unsaid } => {
                write!(
                    f,
                    "the entry has {size} bytes, more than the cap of {cap} bytes on a whole entry (twice {}, and 1 MiB); it was not checked",
                    max_record()
                )?;
                match unsaid {
                    Some(Unsaid::Host) => {
                        write!(f, ": its host is not said in its first {cap} bytes")
                    }
                    Some(Unsaid::MediaType) => {
                        write!(f, ": its media type is not said in its first {cap} bytes")
                    }
                    None => Ok(()),
                }
            }
            Broke::OutsideEntries { cap } => write!(
                f,
                "more than {cap} bytes outside the entries, more than a whole entry may have (twice {}, and 1 MiB); the rest of the archive was not read",
                max_record()
            ),
            Broke::Archive { entries, why } => {
                let noun = if *entries == 1 { "entry" } else { "entries" };
                write!(f, "not a readable HAR archive after {entries} {noun}: ")?;
                why.write(f, name)
            }
            Broke::Other(words) => f.write_str(words),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &Setting::as_str)
    }
}

impl std::error::Error for Problem {}

/// A problem in words that name no setting.
impl From<String> for Problem {
    fn from(words: String) -> Self {
        Problem(Broke::Other(words))
    }
}

/// A problem in words that name no setting.
impl From<&str> for Problem {
    fn from(words: &str) -> Self {
        Problem(Broke::Other(words.to_owned()))
    }
}

/// What a capture says about the call: the service from the host, action and version from
/// the request headers (or a JSON Lines capture record's members); for HAR entries, the
/// HTTP status and media type too.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Exchange {
    /// The product (`cbs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The action (`DescribeDisks`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The API version (`2017-03-12`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The HTTP status of a HAR entry.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub status: Option<u16>,
    /// The media type of a HAR entry's content.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub mime_type: Option<String>,
    /// The `X-TC-RequestId` response header of a HAR entry: [`classify`](crate::classify)
    /// falls back to it when the body has no request id, and event streams take theirs from it.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub request_id_header: Option<String>,
    /// [`classify`](crate::classify)'s verdict on a HAR entry whose body is not an
    /// envelope: status, content type and an excerpt.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub protocol_error: Option<String>,
}

impl Exchange {
    /// The call the record answers: each part as the capture says, else as the defaults give
    /// it (a front end's flags or options). A record that neither gives a service is checked
    /// without a call, whatever version or action they give: a default may be meant for the
    /// records whose capture names the service.
    ///
    /// ```
    /// use tencentcloud_envelope::Call;
    /// use tencentcloud_envelope::capture::Exchange;
    ///
    /// let mut exchange = Exchange::default();
    /// exchange.action = Some("DescribeDisks".to_owned());
    /// let call = exchange.call(Some("cbs"), None, Some("DescribeInstances"));
    /// assert_eq!(call, Call::new("cbs").action("DescribeDisks"));
    /// assert_eq!(Exchange::default().call(None, Some("2017-03-12"), None), Call::default());
    /// ```
    pub fn call<'a>(
        &'a self,
        service: Option<&'a str>,
        version: Option<&'a str>,
        action: Option<&'a str>,
    ) -> Call<'a> {
        Call::from_parts(
            self.service.as_deref().or(service),
            self.version.as_deref().or(version),
            self.action.as_deref().or(action),
        )
        .unwrap_or_default()
    }
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
    ///
    /// ```
    /// use std::path::Path;
    /// use tencentcloud_envelope::capture::Layout;
    ///
    /// assert_eq!(Layout::of(Path::new("a/b.NDJSON")), Some(Layout::Lines));
    /// assert_eq!(Layout::of(Path::new("notes.txt")), None);
    /// ```
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

/// How to read: the cap on one record, and which HAR entries to take.
///
/// ```
/// use tencentcloud_envelope::capture::Options;
///
/// let options = Options::new().max_record(1 << 20).har_all_json(true);
/// assert_eq!(options.record_cap(), 1 << 20);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub(super) max_record: u64,
    pub(super) har_all_json: bool,
}

impl Options {
    /// The default cap on one record: 64 MiB, far above any API answer seen in practice.
    pub const DEFAULT_MAX_RECORD: u64 = 64 << 20;

    /// The default options: records up to [`Options::DEFAULT_MAX_RECORD`], HAR entries from
    /// Tencent Cloud API hosts only.
    pub const fn new() -> Self {
        Options {
            max_record: Self::DEFAULT_MAX_RECORD,
            har_all_json: false,
        }
    }

    /// Sets the most bytes one record may have (a JSON file, a JSON Lines line, a HAR
    /// entry's decoded body); a larger one becomes a [`Body::Unreadable`] record.
    #[must_use]
    pub const fn max_record(mut self, bytes: u64) -> Self {
        self.max_record = bytes;
        self
    }

    /// In HAR archives, takes every entry whose media type is JSON (or an event stream),
    /// whatever its host.
    #[must_use]
    pub const fn har_all_json(mut self, all: bool) -> Self {
        self.har_all_json = all;
        self
    }

    /// The most bytes one record may have.
    pub const fn record_cap(&self) -> u64 {
        self.max_record
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::new()
    }
}

/// The problem of a record of `size` bytes (at least, unless `exact`) over the cap of `cap`.
pub(super) fn too_large(size: u64, cap: u64, exact: bool) -> Problem {
    Problem(Broke::TooLarge {
        size,
        at_least: !exact,
        cap,
    })
}

/// Where readers hand over what they read.
pub trait Sink {
    /// A record; returning `Break` stops reading.
    fn record(&mut self, record: Record<'_>) -> Flow;
    /// A HAR entry read and deliberately not taken, with why.
    fn skip(&mut self, reason: Skip);
    /// A JSON Lines line read and not taken: it holds only JSON whitespace. Nothing by
    /// default; a tool that says what it read counts them.
    fn blank_line(&mut self) {}
}

/// Why a HAR entry was read and not taken: it cannot hold an answer, or it is not a Tencent
/// Cloud API call.
///
/// ```
/// use tencentcloud_envelope::capture::Skip;
///
/// assert_eq!(Skip::Preflight.reason(), "CORS preflight (OPTIONS)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Skip {
    /// An `OPTIONS` request.
    Preflight,
    /// Status 0: the request never got an answer.
    NoAnswer,
    /// Status 204 or 304, which carry no body.
    NoContent,
    /// The browser did not save the body.
    NotSaved,
    /// JSON from a host that is not a Tencent Cloud API endpoint.
    OtherHost,
    /// Not JSON, from a host that is not a Tencent Cloud API endpoint.
    NotJson,
}

impl Skip {
    /// Why, in words (as the tool's summary counts entries).
    pub const fn reason(self) -> &'static str {
        match self {
            Skip::Preflight => "CORS preflight (OPTIONS)",
            Skip::NoAnswer => "no answer received (status 0)",
            Skip::NoContent => "no content by status (204, 304)",
            Skip::NotSaved => "response body not saved in the archive",
            Skip::OtherHost => other_host!("Options::har_all_json"),
            Skip::NotJson => "not JSON, from a host that is not a Tencent Cloud API endpoint",
        }
    }

    /// The setting that would take such entries: [`Options::har_all_json`] for JSON from
    /// other hosts.
    pub const fn setting(self) -> Option<Setting> {
        match self {
            Skip::OtherHost => Some(Setting::HarAllJson),
            _ => None,
        }
    }

    /// Why, in words, with the setting that would take such entries named by `name`: a
    /// front end's own terms ([`Skip::reason`] gives the library's).
    ///
    /// ```
    /// use tencentcloud_envelope::capture::{Setting, Skip};
    ///
    /// let flag = |_: Setting| "--har-all-json";
    /// assert_eq!(
    ///     Skip::OtherHost.naming(flag),
    ///     "not a Tencent Cloud API host (--har-all-json takes JSON from any host)"
    /// );
    /// assert_eq!(Skip::Preflight.naming(flag), Skip::Preflight.reason());
    /// ```
    pub fn naming<'a>(self, name: impl Fn(Setting) -> &'a str) -> std::borrow::Cow<'static, str> {
        match self.setting() {
            Some(setting) => format!(other_host!("{}"), name(setting)).into(),
            None => self.reason().into(),
        }
    }
}

/// The reason of [`Skip::OtherHost`], naming the setting that takes such entries as `$name`
/// (a literal, or `"{}"` for `format!`).
macro_rules! other_host {
    ($name:literal) => {
        concat!(
            "not a Tencent Cloud API host (",
            $name,
            " takes JSON from any host)"
        )
    };
}
use other_host;

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}
