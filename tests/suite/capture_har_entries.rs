//! Property: whatever mix of good, malformed and over-cap entries a HAR archive holds, every
//! entry is accounted for in order (a record at its own place, or a skip) and reading goes on.
#![cfg(feature = "capture")]

use proptest::prelude::*;
use tencentcloud_envelope::capture::{
    self, Body, Flow, Layout, Options, Place, Record, Sink, Skip,
};

/// What became of each entry, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fate {
    Read(usize, Vec<u8>),
    Unreadable(usize),
    Skipped(Skip),
}

#[derive(Default)]
struct Fates(Vec<Fate>);

impl Sink for Fates {
    fn record(&mut self, record: Record<'_>) -> Flow {
        let Place::Entry(n) = record.origin.place else {
            panic!("a record for the whole archive: {}", record.origin)
        };
        self.0.push(match record.body {
            Body::Bytes(bytes) => Fate::Read(n, bytes.to_vec()),
            _ => Fate::Unreadable(n),
        });
        Flow::Continue(())
    }

    fn skip(&mut self, reason: Skip) {
        self.0.push(Fate::Skipped(reason));
    }
}

/// The kinds of entry an archive is made of here.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Api,
    NullHeader,
    NotAnEntry,
    WrongType,
    LargeVideo,
    LargeApi,
}

const CAP: u64 = 64;

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Api),
        Just(Kind::NullHeader),
        Just(Kind::NotAnEntry),
        Just(Kind::WrongType),
        Just(Kind::LargeVideo),
        Just(Kind::LargeApi),
    ]
}

/// An entry of `kind`, numbered `n`, and what must become of it.
fn entry(kind: Kind, n: usize) -> (String, Fate) {
    // Over the entry cap: twice CAP and 1 MiB.
    let large = "x".repeat((1 << 20) + 200);
    let body = format!("[{n}]");
    let api = |headers: &str, mime: &str, text: &str| {
        format!(
            r#"{{"request": {{"method": "POST", "url": "https://cbs.tencentcloudapi.com/", "headers": [{headers}]}},
                "response": {{"status": 200, "content": {{"mimeType": "{mime}", "text": "{text}"}}}}}}"#
        )
    };
    match kind {
        Kind::Api => (
            api("", "application/json", &body),
            Fate::Read(n, body.into_bytes()),
        ),
        Kind::NullHeader => (
            api(r#"{"name": "x", "value": null}"#, "application/json", &body),
            Fate::Read(n, body.into_bytes()),
        ),
        Kind::NotAnEntry => (format!("[{n}]"), Fate::Unreadable(n)),
        Kind::WrongType => (
            api(r#"{"name": "x", "value": 7}"#, "application/json", &body),
            Fate::Unreadable(n),
        ),
        Kind::LargeVideo => (
            format!(
                r#"{{"request": {{"method": "GET", "url": "https://cdn.example.com/v"}},
                    "response": {{"status": 200, "content": {{"mimeType": "video/mp4", "text": "{large}"}}}}}}"#
            ),
            Fate::Skipped(Skip::NotJson),
        ),
        Kind::LargeApi => (api("", "application/json", &large), Fate::Unreadable(n)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_har_entry_is_accounted_for_in_order(kinds in prop::collection::vec(kind(), 0..6)) {
        let (entries, expected): (Vec<String>, Vec<Fate>) = kinds
            .iter()
            .enumerate()
            .map(|(i, &kind)| entry(kind, i + 1))
            .unzip();
        let archive = format!(r#"{{"log": {{"entries": [{}]}}}}"#, entries.join(",\n"));
        let mut fates = Fates::default();
        let flow = capture::read(
            "c",
            archive.as_bytes(),
            Layout::Har,
            &Options::new().max_record(CAP),
            &mut fates,
        )
        .unwrap();
        prop_assert!(flow.is_continue());
        prop_assert_eq!(fates.0, expected);
    }
}
