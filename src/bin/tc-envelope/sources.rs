//! Where records come from: files, directories, JSON Lines, HAR archives and standard input.
//! Every reader streams, holding one record at a time.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use base64::Engine;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use tencentcloud_envelope::is_json_content_type;

/// One response to check, with where it came from.
pub struct Record<'b> {
    /// `PATH`, `PATH:LINE`, `PATH#ENTRY`, `-` or `-:LINE`.
    pub source: String,
    pub body: Body<'b>,
    pub api: Api,
    /// For people: the name under which the body's first line is shown, and its number
    /// there (a JSON Lines record is shown at its line in the file).
    pub shown_as: (String, usize),
}

/// A record's body, or why it could not be taken out of its container.
pub enum Body<'b> {
    Bytes(&'b [u8]),
    /// A whole `text/event-stream` body, with its `X-TC-RequestId` header when known.
    EventStream {
        bytes: &'b [u8],
        request_id: Option<&'b str>,
    },
    Unreadable(String),
}

/// What a capture says about the call: the service from the host, action and version from
/// the request headers.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Api {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// How a file holds its responses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Document,
    Lines,
    Har,
    EventStream,
}

impl Layout {
    fn of(path: &Path) -> Option<Layout> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Layout::Document),
            "jsonl" | "ndjson" => Some(Layout::Lines),
            "har" => Some(Layout::Har),
            "sse" => Some(Layout::EventStream),
            _ => None,
        }
    }
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

/// Reads every record under `path` into `sink`, reporting unreadable paths to `problem`.
pub fn read(
    path: &Path,
    stdin_lines: bool,
    sink: &mut dyn FnMut(Record),
    problem: &mut dyn FnMut(Unreadable),
) {
    if path == Path::new("-") {
        let stdin = io::stdin().lock();
        let result = if stdin_lines {
            read_lines("-", stdin, sink)
        } else {
            read_document("-".to_owned(), stdin, Layout::Document, sink)
        };
        if let Err(error) = result {
            problem(Unreadable {
                path: path.into(),
                error,
            });
        }
        return;
    }
    if path.is_dir() {
        match sorted_files(path) {
            Ok(files) => {
                for (file, error) in files {
                    match error {
                        Some(error) => problem(Unreadable { path: file, error }),
                        None => read_file(
                            &file,
                            Layout::of(&file).unwrap_or(Layout::Document),
                            sink,
                            problem,
                        ),
                    }
                }
            }
            Err(error) => problem(Unreadable {
                path: path.into(),
                error,
            }),
        }
        return;
    }
    read_file(
        path,
        Layout::of(path).unwrap_or(Layout::Document),
        sink,
        problem,
    );
}

fn read_file(
    path: &Path,
    layout: Layout,
    sink: &mut dyn FnMut(Record),
    problem: &mut dyn FnMut(Unreadable),
) {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) => {
            return problem(Unreadable {
                path: path.into(),
                error,
            });
        }
    };
    let name = path.display().to_string();
    let reader = BufReader::with_capacity(1 << 16, file);
    let result = match layout {
        Layout::Document | Layout::EventStream => read_document(name, reader, layout, sink),
        Layout::Lines => read_lines(&name, reader, sink),
        Layout::Har => read_har(&name, reader, sink),
    };
    if let Err(error) = result {
        problem(Unreadable {
            path: path.into(),
            error,
        });
    }
}

/// The files a directory holds, recursively, in sorted order, with those it could not list.
fn sorted_files(dir: &Path) -> io::Result<Vec<(PathBuf, Option<io::Error>)>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    let mut files = Vec::new();
    for entry in entries {
        if entry.is_dir() {
            match sorted_files(&entry) {
                Ok(inner) => files.extend(inner),
                Err(error) => files.push((entry, Some(error))),
            }
        } else if Layout::of(&entry).is_some() {
            files.push((entry, None));
        }
    }
    Ok(files)
}

fn read_document(
    source: String,
    mut reader: impl Read,
    layout: Layout,
    sink: &mut dyn FnMut(Record),
) -> io::Result<()> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let body = if layout == Layout::EventStream {
        Body::EventStream {
            bytes: &bytes,
            request_id: None,
        }
    } else {
        Body::Bytes(&bytes)
    };
    sink(Record {
        shown_as: (source.clone(), 1),
        source,
        body,
        api: Api::default(),
    });
    Ok(())
}

/// JSON Lines: one record per non-blank line, numbered from 1, CRLF tolerated.
pub fn read_lines(
    name: &str,
    mut reader: impl BufRead,
    sink: &mut dyn FnMut(Record),
) -> io::Result<()> {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        let mut body = line.as_slice();
        body = body.strip_suffix(b"\n").unwrap_or(body);
        body = body.strip_suffix(b"\r").unwrap_or(body);
        if body.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let (body, api) = match CaptureLine::read(body) {
            Some(capture) => (capture.response.get().as_bytes(), capture.api),
            None => (body, Api::default()),
        };
        sink(Record {
            source: format!("{name}:{number}"),
            body: Body::Bytes(body),
            api,
            shown_as: (name.to_owned(), number),
        });
    }
}

/// A JSON Lines record that carries the call beside the response:
/// `{"service": "cbs", "version": "2017-03-12", "action": "DescribeDisks", "response": {...}}`.
/// The response is then checked alone, its positions counted from its own start.
#[derive(Deserialize)]
struct CaptureLine<'a> {
    #[serde(flatten)]
    api: Api,
    #[serde(borrow)]
    response: &'a serde_json::value::RawValue,
}

impl<'a> CaptureLine<'a> {
    /// The line as a capture record, if it is one: an object with a `response` member and at
    /// least a `service` or an `action`. Anything else is checked as a bare response.
    fn read(line: &'a [u8]) -> Option<Self> {
        let says = |key: &[u8]| line.windows(key.len()).any(|window| window == key);
        if !says(b"\"response\"") || !(says(b"\"service\"") || says(b"\"action\"")) {
            return None;
        }
        let capture: CaptureLine = serde_json::from_slice(line).ok()?;
        (capture.api.service.is_some() || capture.api.action.is_some()).then_some(capture)
    }
}

/// HTTP Archive 1.2: every entry that is a Tencent Cloud API call or answers with JSON,
/// streamed from `log.entries` one entry at a time.
pub fn read_har(name: &str, reader: impl Read, sink: &mut dyn FnMut(Record)) -> io::Result<()> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let mut har = Har {
        name,
        sink,
        entries: 0,
    };
    let result = (&mut har)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if let Err(error) = result {
        if error.is_io() {
            return Err(error.into());
        }
        // The archive itself is broken: say so as a record, so the count stays honest.
        (har.sink)(Record {
            source: name.to_owned(),
            shown_as: (name.to_owned(), 1),
            body: Body::Unreadable(format!(
                "not a readable HAR archive after {} entries: {error}",
                har.entries
            )),
            api: Api::default(),
        });
    }
    Ok(())
}

struct Har<'n, 's> {
    name: &'n str,
    sink: &'s mut dyn FnMut(Record<'_>),
    entries: usize,
}

#[derive(Deserialize)]
struct Entry {
    request: Request,
    response: Response,
}

#[derive(Deserialize)]
struct Request {
    #[serde(default)]
    url: String,
    #[serde(default)]
    headers: Vec<Header>,
}

#[derive(Deserialize)]
struct Header {
    name: String,
    value: String,
}

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    headers: Vec<Header>,
    #[serde(default)]
    content: Content,
}

#[derive(Deserialize, Default)]
struct Content {
    #[serde(rename = "mimeType", default)]
    mime_type: String,
    text: Option<String>,
    encoding: Option<String>,
}

impl Har<'_, '_> {
    fn entry(&mut self, entry: Entry) {
        self.entries += 1;
        let host = host_of(&entry.request.url);
        let is_api = host.ends_with("tencentcloudapi.com");
        let mime = &entry.response.content.mime_type;
        let is_stream = mime
            .split(';')
            .next()
            .is_some_and(|media| media.trim().eq_ignore_ascii_case("text/event-stream"));
        if !is_api && !is_stream && !is_json_content_type(mime) {
            return;
        }
        let header = |headers: &[Header], wanted: &str| {
            headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(wanted))
                .map(|h| h.value.clone())
        };
        let request_id = header(&entry.response.headers, "X-TC-RequestId");
        let api = Api {
            service: host
                .strip_suffix(".tencentcloudapi.com")
                .and_then(|prefix| prefix.split('.').next())
                .map(str::to_owned),
            action: header(&entry.request.headers, "X-TC-Action"),
            version: header(&entry.request.headers, "X-TC-Version"),
        };
        let source = format!("{}#{}", self.name, self.entries);
        let shown_as = (source.clone(), 1);
        let content = entry.response.content;
        let text = content.text.unwrap_or_default();
        let decoded = if content.encoding.as_deref() == Some("base64") {
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map(Some)
        } else {
            Ok(None)
        };
        let bytes = match &decoded {
            Ok(Some(bytes)) => Ok(bytes.as_slice()),
            Ok(None) => Ok(text.as_bytes()),
            Err(error) => Err(error),
        };
        let body = match bytes {
            Ok(bytes) if is_stream => Body::EventStream {
                bytes,
                request_id: request_id.as_deref(),
            },
            Ok(bytes) => Body::Bytes(bytes),
            Err(error) => {
                Body::Unreadable(format!("the response content is not valid base64: {error}"))
            }
        };
        (self.sink)(Record {
            source,
            body,
            api,
            shown_as,
        });
    }
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
        while let Some(entry) = seq.next_element::<Entry>()? {
            self.0.entry(entry);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

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
