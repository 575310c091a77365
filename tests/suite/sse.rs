//! Event streams split anywhere yield the same events.

use proptest::prelude::*;
use tencentcloud_envelope::{EventStream, Outcome, Rule, StreamError, StreamItem, Validator};

/// Every feature at once: a byte order mark, all three line endings, multi-byte characters,
/// comments, ids, types, retries, multi-line data and an error inside the stream.
const SAMPLE: &[u8] = "\u{feff}: keep-alive\r\n\
    id: 1\r\n\
    event: delta\r\n\
    data: {\"Choices\": [{\"Delta\": {\"Content\": \"你好, wörld ✓\"}}]}\r\n\
    \r\n\
    data: line one\r\
    data: line two\r\
    \r\
    retry: 3000\n\
    data: {\"Response\": {\"Error\": {\"Code\": \"ResourceInsufficient\", \"Message\": \"quota \u{1f4a5}\"}}}\n\
    \n\
    : done\n\
    data: [DONE]\n\
    \n"
.as_bytes();

fn parse_in_chunks(stream: &[u8], cuts: &[usize]) -> Result<Vec<StreamItem>, StreamError> {
    let mut parser = EventStream::new().with_request_id("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
    let mut items = Vec::new();
    let mut start = 0;
    for &cut in cuts.iter().chain(std::iter::once(&stream.len())) {
        parser.feed(&stream[start..cut], &mut items)?;
        start = cut;
    }
    Ok(items)
}

#[test]
fn the_sample_yields_its_four_events() {
    let items = parse_in_chunks(SAMPLE, &[]).unwrap();
    assert_eq!(items.len(), 4);
    let StreamItem::Event(first) = &items[0] else {
        panic!("{:?}", items[0])
    };
    assert_eq!(
        first.data(),
        r#"{"Choices": [{"Delta": {"Content": "你好, wörld ✓"}}]}"#
    );
    assert_eq!((first.id(), first.event()), (Some("1"), Some("delta")));
    let StreamItem::Event(second) = &items[1] else {
        panic!()
    };
    assert_eq!(second.data(), "line one\nline two");
    let StreamItem::Error { error, event } = &items[2] else {
        panic!("{:?}", items[2])
    };
    assert_eq!(error.code().as_str(), "ResourceInsufficient");
    assert_eq!(error.message(), "quota \u{1f4a5}");
    assert_eq!(
        error.request_id(),
        "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6",
        "from the header"
    );
    assert_eq!(event.retry(), Some(3000));
    let StreamItem::Event(last) = &items[3] else {
        panic!()
    };
    assert_eq!(last.data(), "[DONE]");
}

#[test]
fn every_single_split_yields_the_same_events() {
    let whole = parse_in_chunks(SAMPLE, &[]).unwrap();
    for cut in 0..=SAMPLE.len() {
        assert_eq!(
            parse_in_chunks(SAMPLE, &[cut]).unwrap(),
            whole,
            "cut at {cut}"
        );
    }
    let every_byte: Vec<usize> = (1..SAMPLE.len()).collect();
    assert_eq!(parse_in_chunks(SAMPLE, &every_byte).unwrap(), whole);
}

#[test]
fn an_over_long_line_is_an_error_not_unbounded_memory() {
    let mut stream = b"data: ".to_vec();
    stream.resize(3 << 20, b'x');
    let mut parser = EventStream::new();
    let mut items = Vec::new();
    let error = stream
        .chunks(4096)
        .find_map(|chunk| parser.feed(chunk, &mut items).err())
        .expect("the 1 MiB cap holds");
    assert_eq!(
        error,
        StreamError::LineTooLong {
            limit: EventStream::DEFAULT_MAX_LINE,
            offset: 1 << 20
        }
    );
    assert!(items.is_empty());
}

#[test]
fn a_whole_stream_is_one_report() {
    let mut validator = Validator::new();
    let report = validator.validate_event_stream(SAMPLE, Some("header-id"));
    assert_eq!(report.outcome(), Outcome::Failure);
    assert_eq!(report.code(), Some("ResourceInsufficient"));
    assert_eq!(report.request_id(), Some("header-id"));

    let clean = b"data: {\"Delta\": 1}\n\ndata: [DONE]\n\n";
    let report = validator.validate_event_stream(clean, None);
    assert_eq!(
        (report.outcome(), report.request_id()),
        (Outcome::Success, None)
    );

    let mut long = b"data: ok\n\n".to_vec();
    long.resize(long.len() + (2 << 20), b'x');
    let report = validator.validate_event_stream(&long, None);
    assert_eq!(report.outcome(), Outcome::Invalid);
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.rule(), Rule::InvalidEventStream);
    assert_eq!((diagnostic.line(), diagnostic.column()), (3, (1 << 20) + 1));
}

/// Regression: a stream cut off inside an event was a success and its last event vanished.
#[test]
fn a_stream_cut_off_inside_an_event_is_reported() {
    for cut in [
        b"data: {\"Delta\": 1}\n\ndata: {\"Del".as_slice(),
        b"data: a\n",
        b"event: x\n",
    ] {
        let mut parser = EventStream::new();
        let mut items = Vec::new();
        parser.feed(cut, &mut items).unwrap();
        assert!(
            matches!(parser.finish(), Err(StreamError::Truncated { offset }) if offset == cut.len() as u64),
            "{cut:?}"
        );
        let report = Validator::new().validate_event_stream(cut, None);
        assert_eq!(report.outcome(), Outcome::Invalid, "{cut:?}");
        assert_eq!(report.diagnostics()[0].rule(), Rule::TruncatedEventStream);
    }
    let mut whole = EventStream::new();
    whole.feed(SAMPLE, &mut Vec::new()).unwrap();
    assert_eq!(whole.finish(), Ok(()));
    assert_eq!(
        Validator::new()
            .validate_event_stream(b"data: a\n\n", None)
            .outcome(),
        Outcome::Success
    );
}

/// Regression: Hunyuan's in-stream error (`ErrorMsg` with a numeric `Code`) was an ordinary event.
#[test]
fn hunyuan_error_chunks_are_errors() {
    let stream = b"data: {\"Id\": \"a1b2\", \"Choices\": [], \"ErrorMsg\": {\"Code\": 4001, \"Msg\": \"too long\"}}\n\n";
    let report = Validator::new().validate_event_stream(stream, Some("header-id"));
    assert_eq!(report.outcome(), Outcome::Failure);
    assert_eq!(report.code(), Some("4001"));
    // A chunk that merely carries a `Code` number elsewhere is no error.
    let plain = b"data: {\"Choices\": [{\"Code\": 4001, \"Msg\": \"x\"}]}\n\n";
    assert_eq!(
        Validator::new()
            .validate_event_stream(plain, None)
            .outcome(),
        Outcome::Success
    );
}

/// Regression (issue: a 1 MiB `id:` line then 4,000 tiny events cost 4 GB): the id is shared.
#[test]
fn a_long_id_is_not_copied_into_every_event() {
    let mut stream = format!("id: {}\n", "i".repeat(1 << 19)).into_bytes();
    for _ in 0..4_000 {
        stream.extend_from_slice(b"data: x\n\n");
    }
    let items: Vec<StreamItem> = EventStream::new()
        .events(stream.as_slice())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items.len(), 4_000);
    let ids: Vec<*const u8> = items
        .iter()
        .map(|item| match item {
            StreamItem::Event(event) => event.id().unwrap().as_ptr(),
            StreamItem::Error { .. } => panic!("no errors here"),
        })
        .collect();
    assert!(
        ids.windows(2).all(|pair| pair[0] == pair[1]),
        "one shared id"
    );
}

/// A stream read from a reader is checked as it arrives: the events before a cap or a cut are
/// yielded, then the error.
#[test]
fn events_from_a_reader_come_before_the_error() {
    let items: Vec<_> = EventStream::new()
        .max_line(16)
        .events(b"data: one\n\ndata: 0123456789abcdef\n\n".as_slice())
        .collect();
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[0], Ok(StreamItem::Event(e)) if e.data() == "one"));
    assert!(items[1].is_err());
}

/// A long stream through `validate_event_stream_from` keeps no event: its report is the same
/// as for the bytes in memory.
#[test]
fn a_stream_from_a_reader_gives_the_same_report() {
    let mut stream = Vec::new();
    for n in 0..20_000 {
        stream.extend_from_slice(format!("data: {{\"Delta\": \"{n}\"}}\n\n").as_bytes());
    }
    stream
        .extend_from_slice(b"data: {\"Code\": \"InternalError\", \"Msg\": \"late\"}\n\ndata: cut");
    let from_reader = Validator::new()
        .validate_event_stream_from(stream.as_slice(), Some("r"))
        .unwrap();
    let in_memory = Validator::new().validate_event_stream(&stream, Some("r"));
    assert_eq!(from_reader, in_memory);
    assert_eq!(from_reader.code(), Some("InternalError"));
    assert_eq!(
        from_reader.diagnostics()[0].rule(),
        Rule::TruncatedEventStream
    );
}

proptest! {
    #[test]
    fn any_splitting_yields_the_same_events(mut cuts in proptest::collection::vec(0..=SAMPLE.len(), 0..12)) {
        cuts.sort_unstable();
        let whole = parse_in_chunks(SAMPLE, &[]).unwrap();
        prop_assert_eq!(parse_in_chunks(SAMPLE, &cuts).unwrap(), whole);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), cut in 0usize..512) {
        let cut = cut.min(bytes.len());
        let _ = parse_in_chunks(&bytes, &[cut]);
    }
}
