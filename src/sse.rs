//! Server-sent event streams (`text/event-stream`), parsed incrementally from chunks split
//! anywhere, with errors the service sends inside the stream recognised.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::sync::Arc;

use crate::grammar::{BYTE_ORDER_MARK, names};
use crate::{ApiError, ErrorCode};

/// One event of a stream, as dispatched at a blank line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    /// Shared by every event until the stream sets another: never copied per event.
    id: Option<Arc<str>>,
    kind: Option<String>,
    data: String,
    retry: Option<u64>,
}

impl Event {
    /// The last event id the stream set (`id:`), which carries over to later events.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The event type (`event:`); `None` means the default type, `message`.
    pub fn event(&self) -> Option<&str> {
        self.kind.as_deref()
    }

    /// The data (`data:` lines joined with `\n`).
    pub fn data(&self) -> &str {
        &self.data
    }

    /// The reconnection time the event asks for, in milliseconds (`retry:`).
    pub fn retry(&self) -> Option<u64> {
        self.retry
    }
}

/// What a stream yields: an event, or an error the service sent as an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamItem {
    /// An ordinary event.
    Event(Event),
    /// An event whose data is an error envelope (`{"Response": {"Error": ...}}`), an error
    /// object (`{"Code": ..., "Message" or "Msg": ...}`), or a chunk whose `ErrorMsg` member
    /// holds one (Hunyuan's shape: `{"ErrorMsg": {"Code": 4000, "Msg": ...}, ...}`, where the
    /// code is a number). The request id comes from the data when it has one, else from the
    /// stream's `X-TC-RequestId` header.
    Error {
        /// The service's error.
        error: ApiError,
        /// The event that carried it.
        event: Event,
    },
}

/// Why a stream cannot be read further. The parser refuses all input after one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// A line is longer than the limit.
    #[error("a line of the event stream is longer than {limit} bytes (at byte {offset})")]
    LineTooLong {
        /// The limit, in bytes.
        limit: usize,
        /// Where in the stream the limit was passed.
        offset: u64,
    },
    /// An event's data is larger than the limit.
    #[error("an event's data is larger than {limit} bytes (at byte {offset})")]
    EventTooLarge {
        /// The limit, in bytes.
        limit: usize,
        /// Where in the stream the limit was passed.
        offset: u64,
    },
    /// The stream ended inside an event or a line: its last event never arrived whole.
    #[error("the stream ends inside an event (at byte {offset}): its last event is incomplete")]
    Truncated {
        /// Where the stream ended.
        offset: u64,
    },
}

impl From<StreamError> for io::Error {
    fn from(error: StreamError) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, error)
    }
}

impl StreamError {
    /// Where in the stream the limit was passed, in bytes from its start.
    pub fn offset(&self) -> u64 {
        match self {
            StreamError::LineTooLong { offset, .. }
            | StreamError::EventTooLarge { offset, .. }
            | StreamError::Truncated { offset } => *offset,
        }
    }
}

/// An incremental parser of a `text/event-stream` body.
///
/// Feed it the body's bytes in chunks of any size, split anywhere (inside a UTF-8 character
/// or between the `\r` and `\n` of a line ending): the events that come out are the same.
/// Lines and events have a size cap, so a hostile stream costs bounded memory whatever its
/// length. When the body ends, call [`EventStream::finish`]: an event not yet closed by a
/// blank line is discarded, as the event stream format prescribes, but reported, since it
/// means the stream was cut off. [`EventStream::events`] does all of this over a reader.
///
/// ```
/// use tencentcloud_envelope::{EventStream, StreamItem};
///
/// let mut stream = EventStream::new().with_request_id("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
/// let mut items = Vec::new();
/// stream.feed(b"data: {\"Choices\": []}\n\nda", &mut items)?;
/// stream.feed(b"ta: {\"Code\": \"InternalError\", \"Msg\": \"boom\"}\n\n", &mut items)?;
/// assert!(matches!(&items[0], StreamItem::Event(event) if event.data() == "{\"Choices\": []}"));
/// match &items[1] {
///     StreamItem::Error { error, .. } => {
///         assert_eq!(error.code().as_str(), "InternalError");
///         assert_eq!(error.request_id(), "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
///     }
///     other => panic!("{other:?}"),
/// }
/// stream.finish()?;
/// # Ok::<(), tencentcloud_envelope::StreamError>(())
/// ```
#[derive(Clone)]
pub struct EventStream {
    line: Vec<u8>,
    /// The last byte fed was `\r`: a `\n` right after it ends no further line.
    after_cr: bool,
    /// Bytes consumed so far.
    offset: u64,
    data: String,
    event: Option<String>,
    last_id: Option<Arc<str>>,
    retry: Option<u64>,
    request_id: Option<String>,
    max_line: usize,
    max_event: usize,
    broken: Option<StreamError>,
}

impl fmt::Debug for EventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("offset", &self.offset)
            .field("request_id", &self.request_id)
            .field("broken", &self.broken)
            .finish_non_exhaustive()
    }
}

impl Default for EventStream {
    fn default() -> Self {
        EventStream::new()
    }
}

impl EventStream {
    /// The default cap on one line: 1 MiB.
    pub const DEFAULT_MAX_LINE: usize = 1 << 20;

    /// The default cap on one event's data: 16 MiB.
    pub const DEFAULT_MAX_EVENT: usize = 16 << 20;

    /// A parser with the default caps and no request id.
    pub fn new() -> Self {
        EventStream {
            line: Vec::new(),
            after_cr: false,
            offset: 0,
            data: String::new(),
            event: None,
            last_id: None,
            retry: None,
            request_id: None,
            max_line: Self::DEFAULT_MAX_LINE,
            max_event: Self::DEFAULT_MAX_EVENT,
            broken: None,
        }
    }

    /// The stream's `X-TC-RequestId` header, for errors whose data carries no request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The request id given with [`EventStream::with_request_id`].
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Reads a whole stream from `reader`, yielding its items as they complete and, at the
    /// end, the error [`EventStream::finish`] reports for a cut-off stream. Memory is bounded
    /// by the caps, not by the stream's length.
    ///
    /// ```
    /// use tencentcloud_envelope::{EventStream, StreamItem};
    ///
    /// let body: &[u8] = b"data: one\n\ndata: two\n\ndata: thr";
    /// let items: Vec<_> = EventStream::new().events(body).collect();
    /// assert!(matches!(&items[1], Ok(StreamItem::Event(e)) if e.data() == "two"));
    /// assert!(items[2].is_err(), "the last event was cut off");
    /// ```
    pub fn events<R: Read>(self, reader: R) -> Events<R> {
        Events {
            stream: self,
            reader,
            ready: VecDeque::new(),
            failed: None,
            done: false,
        }
    }

    /// Says that the body has ended.
    ///
    /// # Errors
    /// [`StreamError::Truncated`] when the body ended inside an event or a line (its last
    /// event never arrived whole), or the error that broke the stream earlier.
    pub fn finish(&mut self) -> Result<(), StreamError> {
        if let Some(error) = &self.broken {
            return Err(error.clone());
        }
        if self.line.is_empty() && self.data.is_empty() && self.event.is_none() {
            return Ok(());
        }
        let error = StreamError::Truncated {
            offset: self.offset,
        };
        self.broken = Some(error.clone());
        Err(error)
    }

    /// Caps the length of one line, in bytes.
    #[must_use]
    pub fn max_line(mut self, bytes: usize) -> Self {
        self.max_line = bytes;
        self
    }

    /// Caps the size of one event's data, in bytes.
    #[must_use]
    pub fn max_event(mut self, bytes: usize) -> Self {
        self.max_event = bytes;
        self
    }

    /// Reads the next chunk, appending the events it completes to `out`.
    ///
    /// # Errors
    /// When a line or an event passes its cap; the parser then refuses all further input.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<StreamItem>) -> Result<(), StreamError> {
        if let Some(error) = &self.broken {
            return Err(error.clone());
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            if self.after_cr {
                self.after_cr = false;
                if let Some(after) = rest.strip_prefix(b"\n") {
                    self.offset += 1;
                    rest = after;
                    continue;
                }
            }
            let end = rest.iter().position(|&b| b == b'\n' || b == b'\r');
            let (text, terminator) = match end {
                Some(at) => (rest.get(..at).unwrap_or_default(), rest.get(at).copied()),
                None => (rest, None),
            };
            if self.line.len() + text.len() > self.max_line {
                let error = StreamError::LineTooLong {
                    limit: self.max_line,
                    offset: self.offset + (self.max_line - self.line.len()) as u64,
                };
                self.broken = Some(error.clone());
                return Err(error);
            }
            self.line.extend_from_slice(text);
            self.offset += text.len() as u64;
            rest = rest.get(text.len()..).unwrap_or_default();
            if let Some(terminator) = terminator {
                self.offset += 1;
                rest = rest.get(1..).unwrap_or_default();
                self.after_cr = terminator == b'\r';
                if let Err(error) = self.end_line(out) {
                    self.broken = Some(error.clone());
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    /// Handles one complete line.
    fn end_line(&mut self, out: &mut Vec<StreamItem>) -> Result<(), StreamError> {
        let mut line = std::mem::take(&mut self.line);
        if self.offset == line.len() as u64 + 1
            && let Some(rest) = line.strip_prefix(BYTE_ORDER_MARK)
        {
            line = rest.to_vec();
        }
        let text = String::from_utf8_lossy(&line);
        if text.is_empty() {
            self.dispatch(out);
        } else if !text.starts_with(':') {
            let (field, value) = match text.split_once(':') {
                Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                None => (text.as_ref(), ""),
            };
            match field {
                "data" => {
                    if self.data.len() + value.len() + 1 > self.max_event {
                        return Err(StreamError::EventTooLarge {
                            limit: self.max_event,
                            offset: self.offset,
                        });
                    }
                    self.data.push_str(value);
                    self.data.push('\n');
                }
                "event" => self.event = Some(value.to_owned()),
                "id" if !value.contains('\0') => self.last_id = Some(Arc::from(value)),
                "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    self.retry = value.parse().ok();
                }
                _ => {}
            }
        }
        line.clear();
        self.line = line;
        Ok(())
    }

    /// Dispatches the event gathered so far, if it has data.
    fn dispatch(&mut self, out: &mut Vec<StreamItem>) {
        let event_type = self.event.take();
        let retry = self.retry.take();
        if self.data.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        let event = Event {
            id: self.last_id.clone(),
            kind: event_type,
            data,
            retry,
        };
        out.push(
            match stream_error(&event.data, self.request_id.as_deref()) {
                Some(error) => StreamItem::Error { error, event },
                None => StreamItem::Event(event),
            },
        );
    }
}

/// The service's error an event's data carries, if it carries one.
/// `"Code"`, in quotes: only data that holds it is parsed for an error.
const QUOTED_CODE: &str = "\"Code\"";
/// Hunyuan's chunk members: the error object, the request id, and the error's message.
const HUNYUAN_ERROR: &str = "ErrorMsg";
const HUNYUAN_ID: &str = "Id";
const HUNYUAN_MESSAGE: &str = "Msg";

fn stream_error(data: &str, header_request_id: Option<&str>) -> Option<ApiError> {
    // Only data that names `Code` can be an error; the rest is not parsed at all.
    if !data.contains(QUOTED_CODE) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(data).ok()?;
    let text = |value: &serde_json::Value, key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let response = value.get(names::RESPONSE);
    let (holder, request_id, numeric) = match (response, value.get(HUNYUAN_ERROR)) {
        (Some(response), _) => (
            response.get(names::ERROR)?,
            text(response, names::REQUEST_ID),
            false,
        ),
        (None, Some(error)) if error.is_object() => (error, text(&value, HUNYUAN_ID), true),
        (None, _) => (&value, text(&value, names::REQUEST_ID), false),
    };
    let code: ErrorCode = match holder.get(names::CODE)? {
        serde_json::Value::String(code) => code.parse().ok()?,
        // Hunyuan's chunks number their codes (4000, 4001, ...).
        serde_json::Value::Number(code) if numeric => code.to_string().parse().ok()?,
        _ => return None,
    };
    let message = text(holder, names::MESSAGE).or_else(|| text(holder, HUNYUAN_MESSAGE));
    if response.is_none() && message.is_none() {
        return None;
    }
    let request_id = request_id
        .or_else(|| header_request_id.map(str::to_owned))
        .unwrap_or_default();
    Some(ApiError::new(code, message.unwrap_or_default(), request_id))
}

/// The items of a stream read from a reader: see [`EventStream::events`].
#[derive(Debug)]
pub struct Events<R> {
    stream: EventStream,
    reader: R,
    ready: VecDeque<StreamItem>,
    /// The error that ended the stream, handed out after the items before it.
    failed: Option<StreamError>,
    done: bool,
}

impl<R> Events<R> {
    /// How many bytes of the stream have been read.
    pub fn offset(&self) -> u64 {
        self.stream.offset
    }
}

impl<R: Read> Iterator for Events<R> {
    type Item = io::Result<StreamItem>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(Ok(item));
            }
            if let Some(error) = self.failed.take() {
                return Some(Err(error.into()));
            }
            if self.done {
                return None;
            }
            let mut items = Vec::new();
            let result = match self.reader.read(&mut chunk) {
                Ok(0) => {
                    self.done = true;
                    self.stream.finish()
                }
                Ok(read) => self
                    .stream
                    .feed(chunk.get(..read).unwrap_or_default(), &mut items),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => Ok(()),
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            };
            self.ready.extend(items);
            if let Err(error) = result {
                // The items completed before the error come out first.
                self.done = true;
                self.failed = Some(error);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(stream: &[u8]) -> Vec<StreamItem> {
        let mut parser = EventStream::new();
        let mut items = Vec::new();
        parser.feed(stream, &mut items).unwrap();
        items
    }

    fn data(items: &[StreamItem]) -> Vec<&str> {
        items
            .iter()
            .map(|item| match item {
                StreamItem::Event(event) | StreamItem::Error { event, .. } => event.data(),
            })
            .collect()
    }

    #[test]
    fn line_endings_comments_and_fields() {
        let items = parse(b"\xEF\xBB\xBF: comment\r\nid: 7\revent: delta\ndata: a\r\ndata:b\n\ndata\n\n\n\nretry: 15\ndata: c\n\n");
        assert_eq!(data(&items), ["a\nb", "", "c"]);
        let StreamItem::Event(first) = &items[0] else {
            panic!()
        };
        assert_eq!(
            (first.id(), first.event(), first.retry()),
            (Some("7"), Some("delta"), None)
        );
        let StreamItem::Event(third) = &items[2] else {
            panic!()
        };
        assert_eq!(
            (third.id(), third.event(), third.retry()),
            (Some("7"), None, Some(15))
        );
    }

    #[test]
    fn an_unterminated_event_is_discarded() {
        assert!(parse(b"data: a\n").is_empty());
        assert!(parse(b"data: a").is_empty());
    }

    #[test]
    fn errors_inside_the_stream_are_recognised() {
        let envelope = br#"data: {"Response": {"Error": {"Code": "AuthFailure.TokenFailure", "Message": "m"}, "RequestId": "r-1"}}"#;
        let mut stream = envelope.to_vec();
        stream.extend_from_slice(b"\n\ndata: {\"Code\": \"InternalError\", \"Msg\": \"x\"}\n\ndata: {\"Code\": 0, \"Msg\": \"ok\"}\n\n");
        let mut parser = EventStream::new().with_request_id("header-id");
        let mut items = Vec::new();
        parser.feed(&stream, &mut items).unwrap();
        let errors: Vec<(&str, &str)> = items
            .iter()
            .filter_map(|item| match item {
                StreamItem::Error { error, .. } => {
                    Some((error.code().as_str(), error.request_id()))
                }
                StreamItem::Event(_) => None,
            })
            .collect();
        assert_eq!(
            errors,
            [
                ("AuthFailure.TokenFailure", "r-1"),
                ("InternalError", "header-id")
            ]
        );
        assert_eq!(items.len(), 3);
    }

    #[test]
    fn caps_hold_and_the_parser_stays_broken() {
        let mut parser = EventStream::new().max_line(8);
        let mut items = Vec::new();
        let error = parser.feed(b"data: 123456789\n\n", &mut items).unwrap_err();
        assert!(
            matches!(
                error,
                StreamError::LineTooLong {
                    limit: 8,
                    offset: 8
                }
            ),
            "{error:?}"
        );
        assert!(parser.feed(b"\n", &mut items).is_err());

        let mut parser = EventStream::new().max_event(6);
        let error = parser
            .feed(b"data: abc\ndata: def\n\n", &mut items)
            .unwrap_err();
        assert!(
            matches!(error, StreamError::EventTooLarge { limit: 6, .. }),
            "{error:?}"
        );
        assert!(items.is_empty());
    }
}
