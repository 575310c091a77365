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
            Body::Unreadable(why) => Seen::Unreadable(origin, why.to_string()),
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

/// A body's text is what JSON says it holds (the reader unescapes it where it lies): every
/// escape read, base64 decoded after its escapes and surrounding whitespace; a text that is
/// no string, or whose escapes name no character, is a record that says why.
#[test]
fn a_body_text_is_read_as_json_reads_it() {
    let content = |text: &str, encoding: &str| {
        format!(
            r#"{{"request": {{"method": "POST", "url": "https://cbs.tencentcloudapi.com"}},
            "response": {{"status": 200, "content": {{"mimeType": "application/json", "text": {text}{encoding}}}}}}}"#
        )
    };
    let archive = har(&[
        &content(r#""{\"Name\": \"\u00e9\/\ud83d\ude00\\\"\t\"}""#, ""),
        &content(r#"" \/\/\/+\n""#, r#", "encoding": "base64""#),
        &content(r#""\ud800\u0041""#, ""),
        &content("5", ""),
    ]);
    let collect = read(&archive, Layout::Har, &Options::new());
    let [
        Seen::Bytes(_, escaped),
        Seen::Bytes(_, decoded),
        Seen::Unreadable(_, lone),
        Seen::Unreadable(_, number),
    ] = &collect.seen[..]
    else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!(
        String::from_utf8_lossy(escaped),
        "{\"Name\": \"\u{e9}/\u{1F600}\\\"\t\"}"
    );
    assert_eq!(decoded, &[0xff, 0xff, 0xfe]);
    assert!(
        lone.starts_with("not a HAR entry: lone leading surrogate in hex escape"),
        "{lone}"
    );
    assert!(
        number.starts_with("not a HAR entry: invalid type: integer `5`, expected a string"),
        "{number}"
    );
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

/// Regression: a header whose value was `null` made the whole archive unreadable ("after 2
/// entries"), and the entries after it were never read.
#[test]
fn a_har_header_without_a_value_is_tolerated() {
    let api = "https://cbs.tencentcloudapi.com/";
    let null_header = r#"{"request": {"method": "POST", "url": "https://cbs.tencentcloudapi.com/", "headers": [{"name": "x", "value": null}]},
        "response": {"status": 200, "headers": [{"name": "X-TC-RequestId", "value": null}], "content": {"mimeType": "application/json", "text": "{\"three\": 3}"}}}"#;
    let archive = har(&[
        &entry("POST", api, 200, "application/json", Some("{}")),
        &entry("POST", api, 200, "application/json", Some("[]")),
        null_header,
        &entry("POST", api, 200, "application/json", Some("4")),
    ]);
    let collect = read(&archive, Layout::Har, &Options::new());
    assert_eq!(
        collect.seen,
        [
            bytes("c#1", "{}"),
            bytes("c#2", "[]"),
            bytes("c#3", "{\"three\": 3}"),
            bytes("c#4", "4"),
        ]
    );
}

/// Regression: an entry that is JSON but not a HAR entry made the whole archive unreadable,
/// reported against the file, and the entries after it were never read.
#[test]
fn a_malformed_har_entry_is_an_unreadable_record_in_its_place_and_reading_goes_on() {
    let api = "https://cbs.tencentcloudapi.com/";
    for malformed in [
        r#"{"request": {"method": "POST", "url": 7}, "response": {"status": 200}}"#,
        r#"{"response": {"status": 200}}"#,
        r#""not an entry""#,
        r#"{"request": {"url": "https://cbs.tencentcloudapi.com/", "headers": [{"name": "x", "value": {"deep": [1, 2]}}]}, "response": {}}"#,
    ] {
        let archive = har(&[
            &entry("POST", api, 200, "application/json", Some("{}")),
            &entry("POST", api, 200, "application/json", Some("[]")),
            malformed,
            &entry("POST", api, 200, "application/json", Some("4")),
        ]);
        let collect = read(&archive, Layout::Har, &Options::new());
        let [first, second, Seen::Unreadable(origin, why), fourth] = &collect.seen[..] else {
            panic!("{malformed}: {:?}", collect.seen)
        };
        assert_eq!(
            (first, second, fourth),
            (&bytes("c#1", "{}"), &bytes("c#2", "[]"), &bytes("c#4", "4")),
            "{malformed}"
        );
        assert_eq!(origin, "c#3", "{malformed}");
        assert!(why.starts_with("not a HAR entry: "), "{malformed}: {why}");
    }
}

/// An entry of `size` bytes of text, with `url` and `mime` said before the text, as browsers
/// write them.
fn large_entry(url: &str, mime: &str, size: usize) -> String {
    entry("GET", url, 200, mime, Some(&"x".repeat(size)))
}

/// Regression: one entry over the per-entry cap ended the archive ("the rest of the archive
/// was not read"), even when it was a video from another host that would have been skipped.
#[test]
fn a_har_entry_over_the_cap_is_passed_over_and_reading_goes_on() {
    let api = "https://cbs.tencentcloudapi.com/";
    let cap = Options::new().max_record(1 << 10);
    let archive = har(&[
        &large_entry("https://cdn.example.com/v.mp4", "video/mp4", 2 << 20),
        &entry("POST", api, 200, "application/json", Some("{}")),
        &large_entry(
            "https://cdn.example.com/d.json",
            "application/json",
            2 << 20,
        ),
        &large_entry(api, "application/json", 2 << 20),
        &entry("POST", api, 200, "application/json", Some("[]")),
    ]);
    let collect = read(&archive, Layout::Har, &cap);
    let [
        Seen::Skipped(Skip::NotJson),
        second,
        Seen::Skipped(Skip::OtherHost),
        Seen::Unreadable(origin, why),
        fifth,
    ] = &collect.seen[..]
    else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!(*second, bytes("c#2", "{}"));
    assert_eq!(*fifth, bytes("c#5", "[]"));
    assert_eq!(origin, "c#4");
    assert!(
        why.contains("more than") && why.contains("Options::max_record"),
        "{why}"
    );

    // Entries that would have been checked are unreadable records, not skips.
    let all = read(&archive, Layout::Har, &cap.har_all_json(true));
    assert!(
        matches!(&all.seen[2], Seen::Unreadable(origin, _) if origin == "c#3"),
        "{:?}",
        all.seen
    );
    assert_eq!(all.seen[0], Seen::Skipped(Skip::NotJson));
    assert_eq!(all.seen[4], bytes("c#5", "[]"));
}

/// An over-cap entry whose host is said after its body cannot be placed without holding it:
/// it is an unreadable record, and reading goes on.
#[test]
fn a_har_entry_over_the_cap_of_unknown_host_is_an_unreadable_record() {
    let late_host = format!(
        r#"{{"response": {{"status": 200, "content": {{"mimeType": "video/mp4", "text": "{}"}}}},
            "request": {{"method": "GET", "url": "https://cdn.example.com/v.mp4"}}}}"#,
        "x".repeat(2 << 20)
    );
    let archive = har(&[
        &late_host,
        &entry(
            "POST",
            "https://cbs.tencentcloudapi.com/",
            200,
            "application/json",
            Some("{}"),
        ),
    ]);
    let collect = read(&archive, Layout::Har, &Options::new().max_record(1 << 10));
    let [Seen::Unreadable(origin, why), second] = &collect.seen[..] else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!(origin, "c#1");
    assert!(why.contains("host"), "{why}");
    assert_eq!(*second, bytes("c#2", "{}"));
}

/// The library speaks of its own options, not of the tool's flags.
#[test]
fn messages_name_the_library_options_not_the_tools_flags() {
    let long = "x".repeat(100);
    let collect = read(
        long.as_bytes(),
        Layout::Lines,
        &Options::new().max_record(10),
    );
    let [Seen::Unreadable(_, why)] = &collect.seen[..] else {
        panic!("{:?}", collect.seen)
    };
    assert!(why.contains("Options::max_record"), "{why}");
    assert!(!why.contains("--"), "{why}");
    for skip in [
        Skip::Preflight,
        Skip::NoAnswer,
        Skip::NoContent,
        Skip::NotSaved,
        Skip::OtherHost,
        Skip::NotJson,
    ] {
        assert!(!skip.reason().contains("--"), "{skip:?}: {}", skip.reason());
    }
    assert!(Skip::OtherHost.reason().contains("Options::har_all_json"));
}

/// Skipping an entry holds a byte per level it nests: an entry nested beyond any HAR
/// writer's ends the archive, said as a record after the entries before it.
#[test]
fn a_har_entry_nested_too_deep_ends_the_archive_with_a_record() {
    let deep = format!(r#"{{"request": {}{}}}"#, "[".repeat(2000), "]".repeat(2000));
    let archive = har(&[
        &entry(
            "POST",
            "https://cbs.tencentcloudapi.com/",
            200,
            "application/json",
            Some("{}"),
        ),
        &deep,
    ]);
    let collect = read(&archive, Layout::Har, &Options::new());
    let [first, Seen::Unreadable(origin, why)] = &collect.seen[..] else {
        panic!("{:?}", collect.seen)
    };
    assert_eq!(*first, bytes("c#1", "{}"));
    assert_eq!(origin, "c");
    assert!(
        why.contains("entry 2 nests deeper than 1024 levels"),
        "{why}"
    );
}

/// The services of the records a HAR archive holds, as the reader names them.
#[derive(Default)]
struct Services(Vec<Option<String>>);

impl Sink for Services {
    fn record(&mut self, record: Record<'_>) -> Flow {
        self.0.push(record.exchange.service.clone());
        Flow::Continue(())
    }
    fn skip(&mut self, _: Skip) {}
}

#[test]
fn a_har_entry_names_its_service_whatever_the_hosts_case_or_trailing_dot() {
    let body = Some("{\"Response\": {}}");
    let archive = har(&[
        &entry(
            "POST",
            "https://cbs.tencentcloudapi.com/",
            200,
            "application/json",
            body,
        ),
        &entry(
            "POST",
            "https://CVM.ap-guangzhou.TencentCloudAPI.com/",
            200,
            "application/json",
            body,
        ),
        &entry(
            "POST",
            "https://vpc.tencentcloudapi.com./",
            200,
            "application/json",
            body,
        ),
    ]);
    let mut services = Services::default();
    let flow = capture::read(
        "c",
        &archive[..],
        Layout::Har,
        &Options::new(),
        &mut services,
    )
    .unwrap();
    assert!(flow.is_continue());
    assert_eq!(
        services.0,
        [
            Some("cbs".to_owned()),
            Some("cvm".to_owned()),
            Some("vpc".to_owned())
        ]
    );
}

/// Regression: a HAR entry's first `X-TC-RequestId` header was its id even when blank, so a
/// real one after it was lost; the rule is the readers' (tests/suite/headers.rs): the first
/// non-blank header is the id.
#[test]
fn a_har_entry_takes_its_request_id_by_the_readers_rule() {
    let stream = |headers: &str| {
        format!(
            r#"{{"request": {{"method": "POST", "url": "https://hunyuan.tencentcloudapi.com/", "headers": []}},
            "response": {{"status": 200, "headers": [{headers}], "content": {{"mimeType": "text/event-stream", "text": "data: {{}}\n\n"}}}}}}"#
        )
    };
    let archive = har(&[
        &stream(
            r#"{"name": "X-TC-RequestId", "value": " "}, {"name": "x-tc-requestid", "value": "r-2"}"#,
        ),
        &stream(
            r#"{"name": "X-TC-RequestId", "value": "r-1"}, {"name": "X-TC-RequestId", "value": "r-2"}"#,
        ),
    ]);
    let ids: Vec<Option<String>> = read(&archive, Layout::Har, &Options::new())
        .seen
        .into_iter()
        .map(|seen| match seen {
            Seen::Stream(_, _, id) => id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(ids, [Some("r-2".to_owned()), Some("r-1".to_owned())]);
}

/// Counts the lines a JSON Lines reader passes over as blank, between its records.
#[derive(Default)]
struct Blanks {
    /// Records and blank lines, in the order they were read: `R` and `b`.
    order: String,
}

impl Sink for Blanks {
    fn record(&mut self, _: Record<'_>) -> Flow {
        self.order.push('R');
        Flow::Continue(())
    }

    fn skip(&mut self, _: Skip) {
        panic!("a JSON Lines line is no HAR entry")
    }

    fn blank_line(&mut self) {
        self.order.push('b');
    }
}

#[test]
fn blank_json_lines_lines_are_reported_not_dropped() {
    // Blank: empty, JSON whitespace, a lone CR; a form feed is a record.
    let input = b"{\"a\": 1}\r\n \t\n\n\r\n\x0c\n{\"b\": 2}\n\n";
    let mut blanks = Blanks::default();
    let flow = capture::read("c", &input[..], Layout::Lines, &Options::new(), &mut blanks);
    assert!(flow.unwrap().is_continue());
    assert_eq!(blanks.order, "RbbbRRb");
}
