//! HTTP Archives (HAR 1.2) as browsers export them, streamed from `log.entries` one entry
//! at a time.
//!
//! An entry is checked when it is a Tencent Cloud API call: its host is
//! `tencentcloudapi.com` or ends in `.tencentcloudapi.com`, on a label boundary. Entries
//! that cannot hold an answer are skipped and counted with a reason: CORS preflights, entries
//! whose body the browser did not save, `204`/`304` answers and requests that never got one.
//! Other hosts are skipped too, unless [`Options::har_all_json`] asks to check every entry
//! whose media type is JSON.
//!
//! Each entry is read on its own: one that is not a HAR entry is an unreadable record in its
//! place, and the entries after it are read. An entry larger than its cap is skipped over
//! without being held; it is a skip when its first bytes show it would not have been taken
//! (a preflight, another host), else an unreadable record in its place. An entry within the
//! cap is held once: its body is unescaped and decoded where it lies in the entry's text
//! ([`in_place`]), and that buffer is kept for the next entry.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Read};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use crate::grammar::names;
use crate::read::classify::RequestIdHeaders;
use crate::{Classified, classify, is_json_content_type};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::in_place;
use super::record::{
    Body, Excerpt, Exchange, Flow, Options, Origin, Place, Problem, Record, Sink, Skip, Unsaid,
    too_large,
};

/// The deepest an entry may nest: far beyond any HAR writer's (an entry nests a few levels;
/// bodies are strings), and it bounds what skipping an entry holds.
const MAX_DEPTH: u32 = 1024;

/// Reads a HAR archive into `sink`. A broken archive (bad JSON, invalid UTF-8, cut short)
/// is reported as one more record after the entries read before the break; an entry that is
/// JSON but not a HAR entry, or is over its cap, is a record (or a skip) in its own place.
pub(super) fn read_har(
    name: &Arc<str>,
    reader: impl Read,
    options: &Options,
    sink: &mut dyn Sink,
) -> io::Result<Flow> {
    // An entry holds its body as text, base64 at worst, beside its headers: twice the record
    // cap, and a little, bounds what one entry may take before it is passed over unread.
    let entry_cap = options.max_record.saturating_mul(2).saturating_add(1 << 20);
    let tape = Rc::new(RefCell::new(Tape::new(entry_cap)));
    let mut tee = Tee {
        inner: Utf8Reader::new(reader),
        tape: Rc::clone(&tape),
    };
    let mut deserializer = serde_json::Deserializer::from_reader(&mut tee);
    let mut har = Har {
        name,
        sink,
        options: *options,
        entry_cap,
        entries: 0,
        flow: Flow::Continue(()),
        tape,
    };
    let result = (&mut har)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if har.flow.is_break() {
        return Ok(har.flow);
    }
    let stopped = har
        .tape
        .try_borrow()
        .map(|tape| tape.stopped)
        .ok()
        .flatten();
    let problem = match (result, stopped, tee.inner.invalid_at) {
        (Ok(()), _, _) => return Ok(har.flow),
        (Err(_), Some(Stop::OutsideEntries), _) => Problem::outside_entries(entry_cap),
        (Err(_), Some(Stop::TooDeep), _) => format!(
            "entry {} nests deeper than {MAX_DEPTH} levels; the rest of the archive was not read",
            har.entries + 1
        )
        .into(),
        (Err(error), None, Some(at)) if error.is_io() => {
            format!("invalid UTF-8 at byte {at}").into()
        }
        (Err(error), None, None) if error.is_io() => return Err(error.into()),
        (Err(error), None, _) => error.to_string().into(),
    };
    // The archive itself is broken: say so as a record, so the count stays honest.
    let entries = har.entries;
    Ok(har.sink.record(Record {
        origin: Origin {
            name: Arc::clone(name),
            place: Place::Whole,
        },
        excerpt: Excerpt::plain(1, &[]),
        body: Body::Unreadable(Problem::in_archive(entries, problem)),
        exchange: Exchange::default(),
    }))
}

/// Passes bytes through, failing at the first byte that is not UTF-8 (`serde_json` does not
/// check the strings it skips, and an archive is JSON, so UTF-8, throughout).
struct Utf8Reader<R> {
    inner: R,
    /// The first bytes of a character cut by the end of the last read.
    pending: Vec<u8>,
    /// Bytes found valid so far, before `pending`.
    valid: u64,
    invalid_at: Option<u64>,
}

impl<R: Read> Utf8Reader<R> {
    fn new(inner: R) -> Self {
        Utf8Reader {
            inner,
            pending: Vec::new(),
            valid: 0,
            invalid_at: None,
        }
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = buf.get(..n).unwrap_or_default();
        let mut check = std::mem::take(&mut self.pending);
        check.extend_from_slice(read);
        match std::str::from_utf8(&check) {
            Ok(_) => self.valid += check.len() as u64,
            Err(error) if error.error_len().is_none() && n > 0 => {
                self.valid += error.valid_up_to() as u64;
                self.pending = check
                    .get(error.valid_up_to()..)
                    .unwrap_or_default()
                    .to_vec();
            }
            Err(error) => {
                self.invalid_at = Some(self.valid + error.valid_up_to() as u64);
                return Err(io::Error::new(io::ErrorKind::InvalidData, "invalid UTF-8"));
            }
        }
        Ok(n)
    }
}

/// Why the tape stopped the reading.
#[derive(Clone, Copy)]
enum Stop {
    /// More than an entry's cap outside the entries (`serde_json` holds a member's name whole).
    OutsideEntries,
    /// An entry nests deeper than [`MAX_DEPTH`] (skipping holds a byte per level).
    TooDeep,
}

/// What the reader saw of the entry being read: its first bytes, up to the entry cap, and
/// its whole size. `serde_json` skips the entry without holding it; the tape notes the bytes
/// it goes past, so that an entry is never held beyond its cap.
struct Tape {
    /// The archive's bytes as read, handed to `serde_json` from `at`.
    buffer: Buffer,
    notes: Notes,
    stopped: Option<Stop>,
}

/// Bytes read ahead of `serde_json`.
struct Buffer {
    bytes: Box<[u8]>,
    filled: usize,
    /// The next byte `serde_json` takes.
    at: usize,
    /// The first byte taken and not yet noted.
    noted: usize,
}

/// What the tape noted of the bytes `serde_json` took.
struct Notes {
    cap: u64,
    /// An entry is being read.
    recording: bool,
    /// The entry's first bytes, up to the cap.
    kept: Vec<u8>,
    /// The entry's size, kept or not.
    size: u64,
    /// Bytes read outside entries since the last one ended.
    outside: u64,
    /// Where the entry's text is: in a string, after a backslash, how deep.
    in_string: bool,
    escaped: bool,
    depth: u32,
}

impl Tape {
    fn new(cap: u64) -> Self {
        Tape {
            buffer: Buffer {
                bytes: vec![0; 1 << 16].into_boxed_slice(),
                filled: 0,
                at: 0,
                noted: 0,
            },
            notes: Notes {
                cap,
                recording: false,
                kept: Vec::new(),
                size: 0,
                outside: 0,
                in_string: false,
                escaped: false,
                depth: 0,
            },
            stopped: None,
        }
    }

    /// Notes the bytes `serde_json` took since the last note.
    fn note(&mut self) -> Result<(), Stop> {
        let taken = self
            .buffer
            .bytes
            .get(self.buffer.noted..self.buffer.at)
            .unwrap_or_default();
        self.buffer.noted = self.buffer.at;
        self.notes
            .pass(taken)
            .inspect_err(|&stop| self.stopped = Some(stop))
    }

    /// Starts an entry: what `serde_json` takes from now on is the entry's, but for the
    /// whitespace and comma before it.
    fn start(&mut self) -> Result<(), Stop> {
        self.note()?;
        let notes = &mut self.notes;
        notes.recording = true;
        notes.kept.clear();
        notes.size = 0;
        notes.in_string = false;
        notes.escaped = false;
        notes.depth = 0;
        Ok(())
    }

    /// Takes back the buffer an entry was kept in, for the next one.
    fn give_back(&mut self, mut buffer: Vec<u8>) {
        buffer.clear();
        self.notes.kept = buffer;
    }

    /// Ends an entry, handing over its kept bytes and its size.
    fn finish(&mut self) -> Result<(Vec<u8>, u64), Stop> {
        self.note()?;
        let notes = &mut self.notes;
        notes.recording = false;
        notes.outside = 0;
        Ok((std::mem::take(&mut notes.kept), notes.size))
    }
}

impl Notes {
    /// Takes note of `bytes`, which `serde_json` took.
    fn pass(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        if !self.recording {
            self.outside += bytes.len() as u64;
            return if self.outside > self.cap {
                Err(Stop::OutsideEntries)
            } else {
                Ok(())
            };
        }
        let mut bytes = bytes;
        if self.size == 0 {
            let start = bytes
                .iter()
                .position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b','))
                .unwrap_or(bytes.len());
            bytes = bytes.get(start..).unwrap_or_default();
        }
        self.size += bytes.len() as u64;
        let room = usize::try_from(self.cap)
            .unwrap_or(usize::MAX)
            .saturating_sub(self.kept.len())
            .min(bytes.len());
        self.kept
            .extend_from_slice(bytes.get(..room).unwrap_or_default());
        for &byte in bytes {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                }
            } else if byte == b'"' {
                self.in_string = true;
            } else if byte == b'[' || byte == b'{' {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Stop::TooDeep);
                }
            } else if byte == b']' || byte == b'}' {
                self.depth = self.depth.saturating_sub(1);
            }
        }
        Ok(())
    }
}

/// Hands `serde_json` the archive from the [`Tape`]'s buffer. `serde_json` takes a byte at
/// a time; the tape notes them a buffer at a time, and at each entry's start and end.
struct Tee<R> {
    inner: Utf8Reader<R>,
    tape: Rc<RefCell<Tape>>,
}

impl<R: Read> Read for Tee<R> {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut tape = self
            .tape
            .try_borrow_mut()
            .map_err(|_| io::Error::other("the tape is in use"))?;
        if tape.buffer.at == tape.buffer.filled {
            if tape.note().is_err() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "stopped"));
            }
            let filled = self.inner.read(&mut tape.buffer.bytes)?;
            tape.buffer.filled = filled;
            tape.buffer.at = 0;
            tape.buffer.noted = 0;
        }
        let buffer = &mut tape.buffer;
        // `serde_json` asks for one byte at a time: hand it over without a copy loop.
        if let ([slot], Some(&byte)) = (&mut *buf, buffer.bytes.get(buffer.at))
            && buffer.at < buffer.filled
        {
            *slot = byte;
            buffer.at += 1;
            return Ok(1);
        }
        let ready = buffer
            .bytes
            .get(buffer.at..buffer.filled)
            .unwrap_or_default();
        let n = ready.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), ready.get(..n)) {
            to.copy_from_slice(from);
        }
        buffer.at += n;
        Ok(n)
    }
}

/// The reading stopped: the tape is in use, or said why in [`Tape::stopped`].
fn stopped<E: de::Error, T>(_: T) -> E {
    E::custom("stopped")
}

struct Har<'n, 's> {
    name: &'n Arc<str>,
    sink: &'s mut dyn Sink,
    options: Options,
    /// The most bytes of one entry held.
    entry_cap: u64,
    entries: usize,
    flow: Flow,
    /// Shared with the reader: the entry being read.
    tape: Rc<RefCell<Tape>>,
}

/// A HAR entry: what of it the reader uses. Members HAR writers leave out or set to `null`
/// are taken as empty. `T` is how the body's text is read: where it lies in the entry
/// ([`RawValue`]), as a `String`, or, once taken out, `()`.
#[derive(Deserialize)]
#[serde(expecting = "an entry object", bound = "T: Deserialize<'de>")]
struct Entry<T> {
    request: Request,
    response: Response<T>,
}

impl<T> Entry<T> {
    /// The entry without its body's text, and the text.
    fn take_text(self) -> (Entry<()>, Option<T>) {
        let Entry { request, response } = self;
        let Response {
            status,
            headers,
            content,
        } = response;
        let Content {
            mime_type,
            text,
            encoding,
        } = content;
        let entry = Entry {
            request,
            response: Response {
                status,
                headers,
                content: Content {
                    mime_type,
                    text: text.as_ref().map(|_| ()),
                    encoding,
                },
            },
        };
        (entry, text)
    }
}

#[derive(Deserialize)]
struct Request {
    #[serde(default, deserialize_with = "or_empty")]
    method: String,
    #[serde(default, deserialize_with = "or_empty")]
    url: String,
    #[serde(default, deserialize_with = "or_empty")]
    headers: Vec<Header>,
}

#[derive(Deserialize)]
struct Header {
    #[serde(default, deserialize_with = "or_empty")]
    name: String,
    #[serde(default, deserialize_with = "or_empty")]
    value: String,
}

#[derive(Deserialize)]
#[serde(bound = "T: Deserialize<'de>")]
struct Response<T> {
    #[serde(default)]
    status: Option<i64>,
    #[serde(default, deserialize_with = "or_empty")]
    headers: Vec<Header>,
    #[serde(default, deserialize_with = "or_empty")]
    content: Content<T>,
}

#[derive(Deserialize)]
#[serde(bound = "T: Deserialize<'de>")]
struct Content<T> {
    #[serde(rename = "mimeType", default, deserialize_with = "or_empty")]
    mime_type: String,
    text: Option<T>,
    encoding: Option<String>,
}

impl<T> Default for Content<T> {
    fn default() -> Self {
        Content {
            mime_type: String::new(),
            text: None,
            encoding: None,
        }
    }
}

/// An entry's body as saved: the buffer it lies in, and where.
struct Saved {
    buffer: Vec<u8>,
    at: Range<usize>,
}

impl Saved {
    fn bytes(&self) -> &[u8] {
        self.buffer.get(self.at.clone()).unwrap_or_default()
    }
}

/// Reads `kept`, an entry's text, as a HAR entry; its body's text is unescaped where it lies
/// in `kept`, which then holds it.
fn read_entry(mut kept: Vec<u8>) -> Result<(Entry<()>, Option<Saved>), serde_json::Error> {
    if let Some((entry, at)) = read_in_place(&mut kept) {
        return Ok((entry, at.map(|at| Saved { buffer: kept, at })));
    }
    // The text is no string's (or the entry no entry): `serde_json` says why, or takes it.
    let (entry, text) =
        Entry::<String>::deserialize(&mut serde_json::Deserializer::from_slice(&kept))?.take_text();
    drop(kept);
    let saved = text.map(|text| Saved {
        at: 0..text.len(),
        buffer: text.into_bytes(),
    });
    Ok((entry, saved))
}

/// [`read_entry`] without a copy of the body's text: the entry, and where the text is in
/// `kept` once unescaped; `None` when this way fails.
fn read_in_place(kept: &mut [u8]) -> Option<(Entry<()>, Option<Range<usize>>)> {
    let entry = Entry::<&RawValue>::deserialize(&mut serde_json::Deserializer::from_slice(kept));
    let (entry, text) = entry.ok()?.take_text();
    let Some(text) = text else {
        return Some((entry, None));
    };
    let raw = text.get();
    // The raw value borrows from `kept`: its address less the entry's is its offset.
    let start = (raw.as_ptr() as usize).checked_sub(kept.as_ptr() as usize)? + 1;
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let at = start..start + inner.len();
    let written = in_place::unescape_json(kept.get_mut(at.clone())?)?;
    Some((entry, Some(start..start + written)))
}

/// A member that is `null` taken as empty: writers differ on absent values.
fn or_empty<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// What the first bytes of an entry too large to hold say of it.
#[derive(Default)]
struct Glimpse {
    method: Option<String>,
    url: Option<String>,
    mime_type: Option<String>,
}

impl Glimpse {
    /// Reads what `prefix`, an entry cut short, says before it breaks off.
    fn of(prefix: &[u8]) -> Self {
        let mut glimpse = Glimpse::default();
        let mut deserializer = serde_json::Deserializer::from_slice(prefix);
        // The prefix breaks off by design: what was read before the break is the answer.
        let _ = GlimpseSeed {
            glimpse: &mut glimpse,
            at: GlimpseAt::Entry,
        }
        .deserialize(&mut deserializer);
        glimpse
    }
}

/// Which object of an entry a [`GlimpseSeed`] walks.
#[derive(Clone, Copy)]
enum GlimpseAt {
    Entry,
    Request,
    Response,
    Content,
}

struct GlimpseSeed<'g> {
    glimpse: &'g mut Glimpse,
    at: GlimpseAt,
}

impl<'de> DeserializeSeed<'de> for GlimpseSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for GlimpseSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a HAR entry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let inner = match (self.at, key.as_str()) {
                (GlimpseAt::Entry, "request") => Some(GlimpseAt::Request),
                (GlimpseAt::Entry, "response") => Some(GlimpseAt::Response),
                (GlimpseAt::Response, "content") => Some(GlimpseAt::Content),
                _ => None,
            };
            let field = match (self.at, key.as_str()) {
                (GlimpseAt::Request, "method") => Some(&mut self.glimpse.method),
                (GlimpseAt::Request, "url") => Some(&mut self.glimpse.url),
                (GlimpseAt::Content, "mimeType") => Some(&mut self.glimpse.mime_type),
                _ => None,
            };
            if let Some(at) = inner {
                map.next_value_seed(GlimpseSeed {
                    glimpse: &mut *self.glimpse,
                    at,
                })?;
            } else if let Some(field) = field {
                *field = Some(map.next_value::<Option<String>>()?.unwrap_or_default());
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

fn header<'h>(headers: &'h [Header], wanted: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(wanted))
        .map(|h| h.value.trim())
}

/// The domain every API 3.0 endpoint is a name under (`cvm.tencentcloudapi.com`).
const API_DOMAIN: &str = "tencentcloudapi.com";

/// Whether `host` is a Tencent Cloud API endpoint: `tencentcloudapi.com` itself or a name
/// under it, compared without regard to letter case or a trailing dot.
///
/// ```
/// use tencentcloud_envelope::capture::is_api_host;
///
/// assert!(is_api_host("cvm.ap-guangzhou.tencentcloudapi.com"));
/// assert!(!is_api_host("eviltencentcloudapi.com"));
/// ```
pub fn is_api_host(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    host.eq_ignore_ascii_case(API_DOMAIN) || label_under_domain(host).is_some()
}

/// The part of `host` (no trailing dot) before `.tencentcloudapi.com`, when it is a name
/// under the domain: the labels before it, compared without regard to letter case.
fn label_under_domain(host: &str) -> Option<&str> {
    let end = host.len().checked_sub(API_DOMAIN.len())?;
    let (head, domain) = (host.get(..end)?, host.get(end..)?);
    let head = head.strip_suffix('.')?;
    (domain.eq_ignore_ascii_case(API_DOMAIN) && !head.is_empty()).then_some(head)
}

/// The service whose endpoint `host` names: the first label of a name under
/// `tencentcloudapi.com`, in lower case (`cbs` for `CBS.ap-guangzhou.tencentcloudapi.com.`),
/// one trailing dot ignored; `None` for any other host and for the domain itself.
///
/// ```
/// use tencentcloud_envelope::capture::service_of_host;
///
/// assert_eq!(service_of_host("CBS.ap-guangzhou.tencentcloudapi.com.").as_deref(), Some("cbs"));
/// assert_eq!(service_of_host("tencentcloudapi.com"), None);
/// assert_eq!(service_of_host("cbs.eviltencentcloudapi.com"), None);
/// ```
pub fn service_of_host(host: &str) -> Option<String> {
    let host = host.strip_suffix('.').unwrap_or(host);
    label_under_domain(host)?
        .split('.')
        .next()
        .filter(|label| !label.is_empty())
        .map(str::to_ascii_lowercase)
}

impl Har<'_, '_> {
    /// Why `entry` is not taken, if it is not.
    fn skip_reason(
        &self,
        entry: &Entry<()>,
        is_api: bool,
        status: i64,
        is_stream: bool,
    ) -> Option<Skip> {
        let mime = entry.response.content.mime_type.as_str();
        if entry.request.method.eq_ignore_ascii_case("OPTIONS") {
            Some(Skip::Preflight)
        } else if !is_api
            && !(self.options.har_all_json && (is_json_content_type(mime) || is_stream))
        {
            Some(if is_json_content_type(mime) {
                Skip::OtherHost
            } else {
                Skip::NotJson
            })
        } else if status <= 0 {
            Some(Skip::NoAnswer)
        } else if status == 204 || status == 304 {
            Some(Skip::NoContent)
        } else if entry.response.content.text.is_none() {
            Some(Skip::NotSaved)
        } else {
            None
        }
    }

    /// Hands over the next element of `log.entries`: `kept`, its first bytes (all of them
    /// unless `size` is over the entry cap). Gives back a buffer for the next one.
    fn element(&mut self, kept: Vec<u8>, size: u64) -> Option<Vec<u8>> {
        self.entries += 1;
        if size > self.entry_cap {
            match self.pass_over(&Glimpse::of(&kept), size) {
                Ok(skip) => self.sink.skip(skip),
                Err(problem) => self.unreadable(problem),
            }
            return Some(kept);
        }
        match read_entry(kept) {
            Ok((entry, saved)) => self.entry(&entry, saved),
            Err(error) => {
                let message = error.to_string();
                let at = format!(" at line {} column {}", error.line(), error.column());
                let message = message.strip_suffix(&at).unwrap_or(&message);
                self.unreadable(Problem::from(format!(
                    "not a HAR entry: {message} (line {}, column {} of the entry)",
                    error.line(),
                    error.column()
                )));
                None
            }
        }
    }

    /// Why an entry over the cap, of which `glimpse` is known, is not taken: a skip when it
    /// would not have been taken anyway, else a problem to report in its place.
    fn pass_over(&self, glimpse: &Glimpse, size: u64) -> Result<Skip, Problem> {
        let too_large = |unsaid| Problem::entry_too_large(size, self.entry_cap, unsaid);
        if glimpse
            .method
            .as_deref()
            .is_some_and(|method| method.eq_ignore_ascii_case("OPTIONS"))
        {
            return Ok(Skip::Preflight);
        }
        let Some(url) = &glimpse.url else {
            return Err(too_large(Some(Unsaid::Host)));
        };
        if is_api_host(host_of(url)) {
            return Err(too_large(None));
        }
        match (self.options.har_all_json, glimpse.mime_type.as_deref()) {
            (false, Some(mime)) if !is_json_content_type(mime) => Ok(Skip::NotJson),
            (false, _) => Ok(Skip::OtherHost),
            (true, Some(mime)) if !is_json_content_type(mime) && !is_event_stream(mime) => {
                Ok(Skip::NotJson)
            }
            (true, Some(_)) => Err(too_large(None)),
            (true, None) => Err(too_large(Some(Unsaid::MediaType))),
        }
    }

    /// Reports the entry just read as a record that could not be read, with why.
    fn unreadable(&mut self, problem: Problem) {
        self.flow = self.sink.record(Record {
            origin: Origin {
                name: Arc::clone(self.name),
                place: Place::Entry(self.entries),
            },
            body: Body::Unreadable(problem),
            exchange: Exchange::default(),
            excerpt: Excerpt::plain(1, &[]),
        });
    }

    /// Takes the entry just read, or skips it with why; gives back the buffer its body was in.
    fn entry(&mut self, entry: &Entry<()>, saved: Option<Saved>) -> Option<Vec<u8>> {
        let host = host_of(&entry.request.url);
        let is_api = is_api_host(host);
        // HAR requires a status; an archive that lacks one is read as if it said 200.
        let status = entry.response.status.unwrap_or(200);
        let mime = entry.response.content.mime_type.as_str();
        let is_stream = is_event_stream(mime);
        let skip = self.skip_reason(entry, is_api, status, is_stream);
        if let Some(reason) = skip {
            self.sink.skip(reason);
            return saved.map(|saved| saved.buffer);
        }
        let status = u16::try_from(status).unwrap_or(u16::MAX);
        let mut ids = RequestIdHeaders::default();
        for h in &entry.response.headers {
            if h.name
                .as_bytes()
                .eq_ignore_ascii_case(names::REQUEST_ID_HEADER)
            {
                ids.offer(h.value.as_bytes());
            }
        }
        let request_id = ids.id;
        let mut exchange = Exchange {
            service: service_of_host(host),
            action: header(&entry.request.headers, "X-TC-Action").map(str::to_owned),
            version: header(&entry.request.headers, "X-TC-Version").map(str::to_owned),
            status: entry.response.status.map(|_| status),
            mime_type: Some(mime.to_owned()).filter(|mime| !mime.is_empty()),
            request_id_header: request_id.clone(),
            protocol_error: None,
        };
        let origin = Origin {
            name: Arc::clone(self.name),
            place: Place::Entry(self.entries),
        };
        let mut saved = saved.unwrap_or(Saved {
            buffer: Vec::new(),
            at: 0..0,
        });
        let bytes = if entry.response.content.encoding.as_deref() == Some("base64") {
            decode_base64(&mut saved)
                .map(|()| saved.bytes())
                .map_err(|error| {
                    Problem::from(format!("the response content is not valid base64: {error}"))
                })
        } else {
            Ok(saved.bytes())
        };
        let cap = self.options.max_record;
        let bytes = bytes.and_then(|bytes| {
            if bytes.len() as u64 > cap {
                Err(too_large(bytes.len() as u64, cap, true))
            } else {
                Ok(bytes)
            }
        });
        if let Ok(bytes) = &bytes
            && !is_stream
        {
            let headers = entry
                .response
                .headers
                .iter()
                .map(|h| (h.name.as_str(), h.value.as_str()))
                .chain((!mime.is_empty()).then_some(("Content-Type", mime)));
            if let Classified::ProtocolError(problem) = classify(status, headers, bytes) {
                exchange.protocol_error = Some(problem.to_string());
            }
        }
        let excerpt = Excerpt::plain(1, bytes.as_ref().map_or(&[][..], |b| *b));
        let body = match bytes {
            Ok(bytes) if is_stream => Body::EventStream {
                bytes,
                request_id: request_id.as_deref(),
            },
            Ok(bytes) => Body::Bytes(bytes),
            Err(problem) => Body::Unreadable(problem),
        };
        self.flow = self.sink.record(Record {
            origin,
            body,
            exchange,
            excerpt,
        });
        Some(saved.buffer)
    }
}

/// Decodes the base64 text `saved` holds, surrounding whitespace aside, where it lies.
fn decode_base64(saved: &mut Saved) -> Result<(), base64::DecodeError> {
    // The text is a string's, so UTF-8.
    let trimmed = match std::str::from_utf8(saved.bytes()) {
        Ok(text) => {
            let start = saved.at.start + (text.len() - text.trim_start().len());
            start..start + text.trim().len()
        }
        Err(_) => saved.at.clone(),
    };
    let start = trimmed.start;
    let written = in_place::decode_base64(saved.buffer.get_mut(trimmed).unwrap_or_default())?;
    saved.at = start..start + written;
    Ok(())
}

/// Whether a media type is `text/event-stream`, parameters aside.
fn is_event_stream(mime: &str) -> bool {
    mime.split(';')
        .next()
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("text/event-stream"))
}

/// The host of a URL, without user info or port.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    host.split(':').next().unwrap_or_default()
}

impl<'de> DeserializeSeed<'de> for &mut Har<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(Level {
            har: self,
            depth: 0,
        })
    }
}

/// Walks `{"log": {"entries": [...]}}`, skipping everything else.
struct Level<'h, 'n, 's> {
    har: &'h mut Har<'n, 's>,
    depth: u8,
}

impl<'de> Visitor<'de> for Level<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.depth == 0 {
            "a HAR archive object"
        } else {
            "the HAR `log` object"
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let wanted = if self.depth == 0 { "log" } else { "entries" };
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == wanted && !found {
                found = true;
                if self.depth == 0 {
                    map.next_value_seed(LogSeed(&mut *self.har))?;
                } else {
                    map.next_value_seed(EntriesSeed(&mut *self.har))?;
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if found {
            Ok(())
        } else {
            Err(de::Error::missing_field(if self.depth == 0 {
                "log"
            } else {
                "entries"
            }))
        }
    }
}

struct LogSeed<'h, 'n, 's>(&'h mut Har<'n, 's>);

impl<'de> DeserializeSeed<'de> for LogSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(Level {
            har: self.0,
            depth: 1,
        })
    }
}

struct EntriesSeed<'h, 'n, 's>(&'h mut Har<'n, 's>);

impl<'de> DeserializeSeed<'de> for EntriesSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EntriesSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the HAR `entries` array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let mut tape = self.0.tape.try_borrow_mut().map_err(stopped)?;
            tape.start().map_err(stopped)?;
            drop(tape);
            // Skipped, not held: the tape keeps the entry's first bytes as they go past.
            let more = seq.next_element::<IgnoredAny>()?;
            let mut tape = self.0.tape.try_borrow_mut().map_err(stopped)?;
            let (kept, size) = tape.finish().map_err(stopped)?;
            drop(tape);
            if more.is_none() {
                return Ok(());
            }
            if let Some(buffer) = self.0.element(kept, size)
                && let Ok(mut tape) = self.0.tape.try_borrow_mut()
            {
                tape.give_back(buffer);
            }
            if self.0.flow.is_break() {
                // Standard output is closed: stop without reading the rest.
                return Err(de::Error::custom("stopped"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{host_of, is_api_host};

    #[test]
    fn api_hosts_end_on_a_label_boundary() {
        for host in [
            "cbs.tencentcloudapi.com",
            "cvm.ap-guangzhou.tencentcloudapi.com",
            "tencentcloudapi.com",
            "CBS.TencentCloudAPI.com.",
        ] {
            assert!(is_api_host(host), "{host}");
        }
        for host in [
            "eviltencentcloudapi.com",
            "cbs.tencentcloudapi.com.evil.example",
            "tencentcloudapi.co",
            "",
            "é.tencentcloudapi.co",
        ] {
            assert!(!is_api_host(host), "{host}");
        }
    }

    #[test]
    fn hosts_are_cut_out_of_urls() {
        assert_eq!(
            host_of("https://cbs.tencentcloudapi.com/"),
            "cbs.tencentcloudapi.com"
        );
        assert_eq!(
            host_of("https://u:p@cvm.ap-guangzhou.tencentcloudapi.com:443/x?y"),
            "cvm.ap-guangzhou.tencentcloudapi.com"
        );
        assert_eq!(host_of("example.com"), "example.com");
        assert_eq!(host_of(""), "");
    }
}
