//! The capture readers as a library: every record with its origin, none larger than the cap,
//! none dropped, and unreadable input said plainly.
#![cfg(feature = "capture")]

use std::io;
use std::path::Path;

use tencentcloud_envelope::capture::{
    self, Body, Flow, Layout, Options, Origin, Place, Record, Sink, Skip,
};

/// What a reader handed over, record by record, in a form tests can compare.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    Bytes(String, Vec<u8>),
    Stream(String, Vec<u8>, Option<String>),
    Unreadable(String, String),
    Streamed(String, Vec<u8>),
    Skipped(Skip),
}

#[derive(Default)]
struct Collect {
    seen: Vec<Seen>,
    origins: Vec<Origin>,
    /// Stop after this many records.
    stop_after: Option<usize>,
}

impl Sink for Collect {
    fn record(&mut self, record: Record<'_>) -> Flow {
        let origin = record.origin.to_string();
        self.origins.push(record.origin.clone());
        self.seen.push(match record.body {
            Body::Bytes(bytes) => Seen::Bytes(origin, bytes.to_vec()),
            Body::EventStream { bytes, request_id } => {
                Seen::Stream(origin, bytes.to_vec(), request_id.map(str::to_owned))
            }
            Body::EventStreamFrom(mut reader) => {
                let mut bytes = Vec::new();
                reader.read_to_end(&mut bytes).unwrap();
                Seen::Streamed(origin, bytes)
            }
            Body::Unreadable(why) => Seen::Unreadable(origin, why),
            _ => panic!("a body of a kind this test does not know"),
        });
        if self.stop_after == Some(self.origins.len()) {
            Flow::Break(())
        } else {
            Flow::Continue(())
        }
    }

    fn skip(&mut self, reason: Skip) {
        self.seen.push(Seen::Skipped(reason));
    }
}

fn read(bytes: &[u8], layout: Layout, options: &Options) -> Collect {
    let mut collect = Collect::default();
    let flow = capture::read("c", bytes, layout, options, &mut collect).unwrap();
    assert!(flow.is_continue());
    collect
}

fn bytes(origin: &str, body: &str) -> Seen {
    Seen::Bytes(origin.to_owned(), body.as_bytes().to_vec())
}

#[test]
fn json_lines_records_are_numbered_by_file_line_and_blank_lines_are_not_records() {
    let input = b"{\"a\": 1}\r\n \t\n\n\x0c\n{\"b\": 2}";
    let collect = read(input, Layout::Lines, &Options::new());
    assert_eq!(
        collect.seen,
        [
            bytes("c:1", "{\"a\": 1}"),
            bytes("c:4", "\x0c"),
            bytes("c:5", "{\"b\": 2}")
        ]
    );
    assert_eq!(
        collect.origins[2],
        Origin {
            name: "c".into(),
            place: Place::Line(5)
        }
    );
}

/// The response's offset in a capture line: the bytes (and characters) before it.
const RESPONSE_AT: usize =
    r#"{"service": "cbs", "action": "DescribeDisks", "version": "2017-03-12", "response": "#.len();

/// Asserts the one capture line it is given: its response, call and place in the line.
struct CaptureLineCheck;

impl Sink for CaptureLineCheck {
    fn record(&mut self, record: Record<'_>) -> Flow {
        let Body::Bytes(body) = record.body else {
            panic!("not bytes")
        };
        assert_eq!(body, br#"{"Response": {}}"#);
        assert_eq!(record.exchange.service.as_deref(), Some("cbs"));
        assert_eq!(record.exchange.action.as_deref(), Some("DescribeDisks"));
        assert_eq!(record.exchange.version.as_deref(), Some("2017-03-12"));
        assert_eq!(record.excerpt.body_at, RESPONSE_AT);
        assert_eq!(record.excerpt.column_shift, RESPONSE_AT);
        Flow::Continue(())
    }

    fn skip(&mut self, _: Skip) {
        panic!("nothing to skip")
    }
}

#[test]
fn a_capture_record_hands_over_its_response_with_the_call() {
    let line = br#"{"service": "cbs", "action": "DescribeDisks", "version": "2017-03-12", "response": {"Response": {}}}"#;
    let flow = capture::read(
        "c",
        &line[..],
        Layout::Lines,
        &Options::new(),
        &mut CaptureLineCheck,
    );
    assert!(flow.unwrap().is_continue());
    // Without a service or an action, the line is a bare response.
    let bare = br#"{"response": {"Response": {}}}"#;
    let collect = read(bare, Layout::Lines, &Options::new());
    assert_eq!(
        collect.seen,
        [bytes("c:1", r#"{"response": {"Response": {}}}"#)]
    );
}

#[test]
fn records_over_the_cap_are_handed_over_unread_and_reading_goes_on() {
    let long = "x".repeat(100);
    let input = format!("{long}\nshort\n{long}");
    let collect = read(
        input.as_bytes(),
        Layout::Lines,
        &Options::new().max_record(10),
    );
    let [
        Seen::Unreadable(first, why),
        second,
        Seen::Unreadable(third, _),
    ] = &collect.seen[..]
    else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!((first.as_str(), third.as_str()), ("c:1", "c:3"));
    assert!(
        why.contains("100 bytes") && why.contains("cap of 10"),
        "{why}"
    );
    assert_eq!(*second, bytes("c:2", "short"));

    let document = read(
        long.as_bytes(),
        Layout::Document,
        &Options::new().max_record(10),
    );
    let [Seen::Unreadable(origin, why)] = &document.seen[..] else {
        panic!("{:?}", document.seen)
    };
    assert_eq!(origin, "c");
    assert!(why.contains("at least 11 bytes"), "{why}");
}

fn har(entries: &[&str]) -> Vec<u8> {
    format!(
        r#"{{"log": {{"version": "1.2", "entries": [{}]}}}}"#,
        entries.join(",")
    )
    .into_bytes()
}

fn entry(method: &str, url: &str, status: i64, mime: &str, text: Option<&str>) -> String {
    let content = match text {
        Some(text) => format!(
            r#"{{"mimeType": "{mime}", "text": {}}}"#,
            serde_json::Value::from(text)
        ),
        None => format!(r#"{{"mimeType": "{mime}"}}"#),
    };
    format!(
        r#"{{"request": {{"method": "{method}", "url": "{url}", "headers": [{{"name": "X-TC-Action", "value": "DescribeDisks"}}]}},
            "response": {{"status": {status}, "headers": [{{"name": "X-TC-RequestId", "value": "r-9"}}], "content": {content}}}}}"#
    )
}

#[test]
fn har_entries_are_numbered_and_skipped_ones_say_why() {
    let api = "https://cbs.tencentcloudapi.com/";
    let archive = har(&[
        &entry(
            "POST",
            api,
            200,
            "application/json",
            Some("{\"Response\": {}}"),
        ),
        &entry("OPTIONS", api, 204, "", None),
        &entry(
            "GET",
            "https://example.com/",
            200,
            "application/json",
            Some("{}"),
        ),
        &entry("GET", "https://example.com/", 200, "text/html", Some("<p>")),
        &entry("POST", api, 0, "", None),
        &entry("POST", api, 200, "application/json", None),
        &entry("POST", api, 200, "text/event-stream", Some("data: {}\n\n")),
    ]);
    let collect = read(&archive, Layout::Har, &Options::new());
    assert_eq!(
        collect.seen,
        [
            bytes("c#1", "{\"Response\": {}}"),
            Seen::Skipped(Skip::Preflight),
            Seen::Skipped(Skip::OtherHost),
            Seen::Skipped(Skip::NotJson),
            Seen::Skipped(Skip::NoAnswer),
            Seen::Skipped(Skip::NotSaved),
            Seen::Stream(
                "c#7".to_owned(),
                b"data: {}\n\n".to_vec(),
                Some("r-9".to_owned())
            ),
        ]
    );
    let all = read(&archive, Layout::Har, &Options::new().har_all_json(true));
    assert_eq!(all.seen[2], bytes("c#3", "{}"));
}

#[test]
fn a_broken_archive_is_a_record_after_the_entries_before_the_break() {
    let mut archive = har(&[&entry(
        "POST",
        "https://cvm.tencentcloudapi.com",
        200,
        "application/json",
        Some("{}"),
    )]);
    archive.truncate(archive.len() - 3);
    let collect = read(&archive, Layout::Har, &Options::new());
    let [first, Seen::Unreadable(origin, why)] = &collect.seen[..] else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!(*first, bytes("c#1", "{}"));
    assert_eq!(origin, "c");
    assert!(
        why.starts_with("not a readable HAR archive after 1 entry"),
        "{why}"
    );

    let invalid = read(b"{\"log\": \xff}", Layout::Har, &Options::new());
    let [Seen::Unreadable(_, why)] = &invalid.seen[..] else {
        panic!("{:?}", invalid.seen)
    };
    assert!(why.contains("invalid UTF-8 at byte 8"), "{why}");
}

#[test]
fn broken_base64_is_a_record_that_says_so() {
    let entry = r#"{"request": {"method": "POST", "url": "https://cbs.tencentcloudapi.com"},
        "response": {"status": 200, "content": {"mimeType": "application/json", "text": "@@@", "encoding": "base64"}}}"#;
    let collect = read(&har(&[entry]), Layout::Har, &Options::new());
    let [Seen::Unreadable(origin, why)] = &collect.seen[..] else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!(origin, "c#1");
    assert!(why.contains("not valid base64"), "{why}");
}

#[test]
fn event_stream_files_are_handed_over_to_be_read_as_they_stream() {
    let collect = read(b"data: {}\n\n", Layout::EventStream, &Options::new());
    assert_eq!(
        collect.seen,
        [Seen::Streamed("c".to_owned(), b"data: {}\n\n".to_vec())]
    );
}

#[test]
fn a_sink_that_says_stop_stops_the_reader() {
    let mut collect = Collect {
        stop_after: Some(2),
        ..Collect::default()
    };
    let flow = capture::read(
        "c",
        &b"1\n2\n3\n4\n"[..],
        Layout::Lines,
        &Options::new(),
        &mut collect,
    )
    .unwrap();
    assert!(flow.is_break());
    assert_eq!(collect.origins.len(), 2);
}

#[test]
fn files_that_cannot_be_read_are_errors_that_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.jsonl");
    let mut collect = Collect::default();
    let error =
        capture::read_file(&missing, Layout::Lines, &Options::new(), &mut collect).unwrap_err();
    assert_eq!(error.path(), missing);
    assert_eq!(error.io_error().kind(), io::ErrorKind::NotFound);
    assert_eq!(
        error.to_string(),
        format!("cannot read {}", missing.display())
    );
    let error =
        capture::read_file(dir.path(), Layout::Lines, &Options::new(), &mut collect).unwrap_err();
    assert!(error.io_error().to_string().contains("directory"));
    assert!(collect.seen.is_empty());

    let file = dir.path().join("one.json");
    std::fs::write(&file, "{}").unwrap();
    let layout = Layout::of(&file).unwrap();
    let flow = capture::read_file(&file, layout, &Options::new(), &mut collect).unwrap();
    assert!(flow.is_continue());
    assert_eq!(collect.seen, [bytes(&file.display().to_string(), "{}")]);
}

#[test]
fn layouts_follow_the_file_extension() {
    for (name, layout) in [
        ("a.json", Some(Layout::Document)),
        ("a.JSONL", Some(Layout::Lines)),
        ("a.ndjson", Some(Layout::Lines)),
        ("a.har", Some(Layout::Har)),
        ("a.sse", Some(Layout::EventStream)),
        ("a.txt", None),
        ("json", None),
    ] {
        assert_eq!(Layout::of(Path::new(name)), layout, "{name}");
    }
}
