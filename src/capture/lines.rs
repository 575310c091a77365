//! JSON Lines: one record per line that holds anything but JSON whitespace, numbered from 1,
//! CRLF tolerated. A line longer than the cap is not held: its first bytes are kept for the
//! record that reports it, the rest is read past.

use std::io::{self, BufRead};
use std::sync::Arc;

use memchr::memmem::Finder;
use serde::Deserialize;

use super::record::{Body, Excerpt, Exchange, Flow, Origin, Place, Record, Sink, too_large};

/// Bytes of an over-long line kept, to show where it starts.
const KEPT_OF_LONG_LINE: usize = 256;

/// Reads JSON Lines from `reader` into `sink`.
pub(super) fn read_lines(
    name: &Arc<str>,
    mut reader: impl BufRead,
    cap: u64,
    sink: &mut dyn Sink,
) -> io::Result<Flow> {
    let mut line = Vec::new();
    let mut number = 0usize;
    let keys = Keys::new();
    let origin = |number| Origin {
        name: Arc::clone(name),
        place: Place::Line(number),
    };
    while let Some(length) = read_line(&mut reader, &mut line, cap)? {
        number += 1;
        let mut body = line.as_slice();
        if length > cap {
            let flow = sink.record(Record {
                origin: origin(number),
                body: Body::Unreadable(too_large(length, cap, true)),
                exchange: Exchange::default(),
                excerpt: Excerpt::plain(number, body),
            });
            if flow.is_break() {
                return Ok(flow);
            }
            continue;
        }
        body = body.strip_suffix(b"\r").unwrap_or(body);
        if is_blank(body) {
            sink.blank_line();
            continue;
        }
        let flow = match CaptureLine::read(body, &keys) {
            Some((capture, at)) => {
                let column_shift = String::from_utf8_lossy(body.get(..at).unwrap_or_default())
                    .chars()
                    .count();
                sink.record(Record {
                    origin: origin(number),
                    body: Body::Bytes(capture.response.get().as_bytes()),
                    exchange: capture.exchange,
                    excerpt: Excerpt {
                        line: number,
                        text: body,
                        body_at: at,
                        column_shift,
                    },
                })
            }
            None => sink.record(Record {
                origin: origin(number),
                body: Body::Bytes(body),
                exchange: Exchange::default(),
                excerpt: Excerpt::plain(number, body),
            }),
        };
        if flow.is_break() {
            return Ok(flow);
        }
    }
    Ok(Flow::Continue(()))
}

/// Whether a line holds only JSON whitespace (space, tab, carriage return). A form feed or
/// any other byte makes it a record: it is not JSON, and must be reported, not dropped.
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// Reads one line into `line` without its `\n`, keeping at most `cap` bytes of it (and only
/// [`KEPT_OF_LONG_LINE`] once it is known to be longer). Returns the line's whole length, or
/// `None` at the end of the input.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>, cap: u64) -> io::Result<Option<u64>> {
    line.clear();
    let mut length: u64 = 0;
    let mut started = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(started.then_some(length));
        }
        started = true;
        let newline = memchr::memchr(b'\n', available);
        let chunk = match newline {
            Some(at) => available.get(..at).unwrap_or_default(),
            None => available,
        };
        let chunk_length = chunk.len();
        length = length.saturating_add(chunk_length as u64);
        if length <= cap {
            line.extend_from_slice(chunk);
        } else if line.len() > KEPT_OF_LONG_LINE {
            line.truncate(KEPT_OF_LONG_LINE);
            line.shrink_to(KEPT_OF_LONG_LINE);
        } else {
            let room = KEPT_OF_LONG_LINE.saturating_sub(line.len());
            line.extend_from_slice(chunk.get(..room.min(chunk_length)).unwrap_or_default());
        }
        reader.consume(chunk_length + usize::from(newline.is_some()));
        if newline.is_some() {
            return Ok(Some(length));
        }
    }
}

/// The member names that make a line a capture record, each looked for once per line
/// before the line is parsed as one.
struct Keys {
    response: Finder<'static>,
    service: Finder<'static>,
    action: Finder<'static>,
}

impl Keys {
    fn new() -> Self {
        Keys {
            response: Finder::new(b"\"response\""),
            service: Finder::new(b"\"service\""),
            action: Finder::new(b"\"action\""),
        }
    }
}

/// A JSON Lines record that carries the call beside the response:
/// `{"service": "cbs", "version": "2017-03-12", "action": "DescribeDisks", "response": {...}}`.
/// The response is then checked alone, and shown at its place in the line.
#[derive(Deserialize)]
struct CaptureLine<'a> {
    #[serde(flatten)]
    exchange: Exchange,
    #[serde(borrow)]
    response: &'a serde_json::value::RawValue,
}

impl<'a> CaptureLine<'a> {
    /// The line as a capture record, with the response's byte offset in it, if it is one: an
    /// object with a `response` member and at least a `service` or an `action`. Anything else
    /// is checked as a bare response.
    fn read(line: &'a [u8], keys: &Keys) -> Option<(Self, usize)> {
        let says = |key: &Finder| key.find(line).is_some();
        if !says(&keys.response) || !(says(&keys.service) || says(&keys.action)) {
            return None;
        }
        let capture: CaptureLine = serde_json::from_slice(line).ok()?;
        if capture.exchange.service.is_none() && capture.exchange.action.is_none() {
            return None;
        }
        // The raw value borrows from `line`: its address less the line's is its offset.
        let at = (capture.response.get().as_ptr() as usize).checked_sub(line.as_ptr() as usize)?;
        (at <= line.len()).then_some((capture, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], cap: u64) -> Vec<Option<u64>> {
        let mut reader = input;
        let mut line = Vec::new();
        let mut out = Vec::new();
        while let Some(length) = read_line(&mut reader, &mut line, cap).unwrap() {
            out.push(Some(length));
            assert!(line.len() as u64 <= cap.max(KEPT_OF_LONG_LINE as u64));
        }
        out
    }

    #[test]
    fn lines_report_their_whole_length_and_hold_no_more_than_the_cap() {
        let mut input = vec![b'x'; 100_000];
        input.extend_from_slice(b"\nab\n\nc");
        assert_eq!(
            lines(&input, 1000),
            [Some(100_000), Some(2), Some(0), Some(1)]
        );
    }

    #[test]
    fn only_json_whitespace_is_blank() {
        assert!(is_blank(b" \t\r"));
        assert!(!is_blank(b"\x0c"), "a form feed is not JSON whitespace");
        assert!(!is_blank(b"\x0b"));
    }
}
