//! Readers of captured responses: single JSON documents, JSON Lines, HTTP Archives (HAR) and
//! saved `text/event-stream` bodies, each record handed over with where it came from.
//!
//! A capture is what a proxy, a browser or a test recorded of real traffic. These readers
//! are what `tc-envelope check` reads captures with, offered to SDKs and other tools so that
//! they find the same records in the same files:
//!
//! - every record carries its [`Origin`] (the file, and the line or HAR entry) and the text
//!   it lies in ([`Excerpt`]), so that a finding can be shown where it is;
//! - no record is larger than [`Options::max_record`]: a longer one is handed over as
//!   [`Body::Unreadable`], saying so, and reading goes on;
//! - nothing is dropped silently: a record that cannot be taken out of its container (broken
//!   base64, a HAR entry that is not one, an archive cut short) is a [`Body::Unreadable`]
//!   record saying why (a [`Problem`], which names the [`Setting`] whose limit it went past
//!   for each front end to name in its own terms), a HAR entry that is deliberately not checked is reported to [`Sink::skip`]
//!   with its [`Skip`] reason, and a blank JSON Lines line to [`Sink::blank_line`]; after a
//!   broken entry, reading goes on;
//! - readers stream, holding one record at a time, and stop as soon as the sink says so.
//!
//! ```
//! use tencentcloud_envelope::capture::{self, Body, Flow, Layout, Options, Record, Sink, Skip};
//!
//! /// Collects each record's origin and whether its body could be read.
//! #[derive(Default)]
//! struct Seen(Vec<(String, bool)>);
//!
//! impl Sink for Seen {
//!     fn record(&mut self, record: Record<'_>) -> Flow {
//!         let readable = !matches!(record.body, Body::Unreadable(_));
//!         self.0.push((record.origin.to_string(), readable));
//!         Flow::Continue(())
//!     }
//!     fn skip(&mut self, _reason: Skip) {}
//! }
//!
//! let lines = b"{\"Response\": {\"RequestId\": \"r-1\"}}\n\n{\"Response\": {}}\n";
//! let mut seen = Seen::default();
//! capture::read("capture.jsonl", &lines[..], Layout::Lines, &Options::new(), &mut seen)?;
//! assert_eq!(seen.0, [("capture.jsonl:1".to_owned(), true), ("capture.jsonl:3".to_owned(), true)]);
//!
//! // A record over the cap is handed over unread, not dropped.
//! let mut seen = Seen::default();
//! let small = Options::new().max_record(8);
//! capture::read("capture.jsonl", &lines[..], Layout::Lines, &small, &mut seen)?;
//! assert_eq!(seen.0, [("capture.jsonl:1".to_owned(), false), ("capture.jsonl:3".to_owned(), false)]);
//! # Ok::<(), std::io::Error>(())
//! ```

mod har;
mod in_place;
mod lines;
mod record;

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use har::{is_api_host, service_of_host};
use record::too_large;
pub use record::{
    Body, Excerpt, Exchange, Flow, Layout, Options, Origin, Place, Problem, Record, Setting, Sink,
    Skip,
};

/// A file that could not be read at all; a caller reading several goes on with the others.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}", path.display())]
pub struct Unreadable {
    path: PathBuf,
    #[source]
    error: io::Error,
}

impl Unreadable {
    /// The path that could not be read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why.
    pub fn io_error(&self) -> &io::Error {
        &self.error
    }
}

/// Reads the regular file at `path` as `layout`. A FIFO, socket or device is refused
/// before it is opened: opening one can block forever.
///
/// # Errors
/// When the file cannot be opened, is not a regular file, or reading it fails (for a HAR
/// archive, only an I/O failure: a broken archive is a record).
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
    read(&name, reader, layout, options, sink).map_err(unreadable)
}

/// Reads `reader` (named `name` in origins, `-` for standard input) as `layout`.
///
/// # Errors
/// When reading fails (for a HAR archive, only an I/O failure: a broken archive is a record).
pub fn read(
    name: &str,
    reader: impl io::BufRead,
    layout: Layout,
    options: &Options,
    sink: &mut dyn Sink,
) -> io::Result<Flow> {
    let name: Arc<str> = name.into();
    match layout {
        Layout::Document => read_document(name, reader, options.max_record, sink),
        Layout::EventStream => Ok(sink.record(Record {
            origin: Origin {
                name,
                place: Place::Whole,
            },
            excerpt: Excerpt::plain(1, &[]),
            body: Body::EventStreamFrom(Box::new(reader)),
            exchange: Exchange::default(),
        })),
        Layout::Lines => lines::read_lines(&name, reader, options.max_record, sink),
        Layout::Har => har::read_har(&name, reader, options, sink),
    }
}

/// One document, read whole up to the cap; a larger one becomes a record that says so
/// (and is not read further).
fn read_document(
    name: Arc<str>,
    reader: impl Read,
    cap: u64,
    sink: &mut dyn Sink,
) -> io::Result<Flow> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    let body = if size > cap {
        Body::Unreadable(too_large(size, cap, false))
    } else {
        Body::Bytes(&bytes)
    };
    Ok(sink.record(Record {
        origin: Origin {
            name,
            place: Place::Whole,
        },
        excerpt: Excerpt::plain(1, &bytes),
        body,
        exchange: Exchange::default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::record::Unsaid;
    use super::*;

    /// Every problem over a limit says which setting and which cap; its words name the
    /// setting as the caller does, and `Display` as the library does.
    #[test]
    fn problems_over_a_limit_name_the_setting_as_asked() {
        let flag = |setting: Setting| match setting {
            Setting::MaxRecord => "--max-record-size",
            Setting::HarAllJson => "--har-all-json",
        };
        let cases = [
            (
                too_large(201, 200, false),
                Some(200),
                "the record has at least 201 bytes, more than the cap of 200 bytes (X); it was not checked",
            ),
            (
                too_large(1284, 200, true),
                Some(200),
                "the record has 1284 bytes, more than the cap of 200 bytes (X); it was not checked",
            ),
            (
                Problem::entry_too_large(3_145_876, 1_050_624, Some(Unsaid::Host)),
                Some(1_050_624),
                "the entry has 3145876 bytes, more than the cap of 1050624 bytes on a whole entry (twice X, and 1 MiB); it was not checked: its host is not said in its first 1050624 bytes",
            ),
            (
                Problem::entry_too_large(3_145_876, 1_050_624, Some(Unsaid::MediaType)),
                Some(1_050_624),
                "the entry has 3145876 bytes, more than the cap of 1050624 bytes on a whole entry (twice X, and 1 MiB); it was not checked: its media type is not said in its first 1050624 bytes",
            ),
            (
                Problem::in_archive(0, Problem::outside_entries(1_050_624)),
                Some(1_050_624),
                "not a readable HAR archive after 0 entries: more than 1050624 bytes outside the entries, more than a whole entry may have (twice X, and 1 MiB); the rest of the archive was not read",
            ),
            (
                Problem::in_archive(1, Problem::from("EOF while parsing a list")),
                None,
                "not a readable HAR archive after 1 entry: EOF while parsing a list",
            ),
        ];
        for (problem, cap, words) in cases {
            assert_eq!(problem.cap(), cap, "{problem}");
            assert_eq!(problem.setting(), cap.map(|_| Setting::MaxRecord));
            assert_eq!(
                problem.naming(flag).to_string(),
                words.replace('X', "--max-record-size")
            );
            assert_eq!(
                problem.to_string(),
                words.replace('X', "Options::max_record")
            );
        }
    }

    #[test]
    fn a_skip_names_the_setting_that_would_take_it() {
        assert_eq!(Skip::OtherHost.setting(), Some(Setting::HarAllJson));
        assert_eq!(
            Skip::OtherHost.naming(Setting::as_str),
            Skip::OtherHost.reason()
        );
        assert_eq!(Skip::NotJson.setting(), None);
        assert_eq!(
            Skip::NotJson.naming(|_| "--har-all-json"),
            Skip::NotJson.reason()
        );
    }
}
