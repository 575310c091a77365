//! One truth: `classify`, `decode` and `Envelope` agree with the validator on every body, as
//! the rule table's consequences say (a fatal finding is a protocol error, tolerated findings
//! ride along).

use crate::common;

use std::collections::BTreeMap;

use crate::common::{Verdict, assert_one_truth, json_files, shared};
use proptest::prelude::*;

#[test]
fn every_documentation_example_of_both_sites_reads_the_same_everywhere() {
    for (corpus, count) in common::CORPORA {
        let Some(dir) = shared(corpus) else {
            return;
        };
        let paths = json_files(&dir);
        assert_eq!(paths.len(), count, "{corpus}");
        let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            let verdict = assert_one_truth(&bytes, &path.display().to_string());
            *verdicts.entry(format!("{verdict:?}")).or_default() += 1;
        }
        eprintln!("{corpus}: {verdicts:?}");
        assert_eq!(verdicts.values().sum::<usize>(), paths.len());
    }
}

/// A success, a failure and an envelope with tolerated findings, to mutate.
const SEEDS: [&str; 3] = [
    r#"{"Response": {"TotalCount": 1, "DiskSet": [{"DiskId": "disk-1", "Tags": []}], "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#,
    r#"{"Response": {"Error": {"Code": "InvalidParameter", "Message": "bad"}, "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#,
    "\u{feff}{\"Response\": {\"DeprecatedWarning\": \"use V2\", \"RequestId\": \"not-a-uuid\"}, \"Error\": null}",
];

/// Pieces whose insertion makes bodies interesting: fixed names, repeated keys, odd values.
const PIECES: [&str; 16] = [
    r#""RequestId": "","#,
    r#""RequestId": 7,"#,
    r#""Error": null,"#,
    r#""Error": {"Code": "A.B"},"#,
    r#""error": {},"#,
    r#""TotalCount": 2,"#,
    r#""X": 1e999,"#,
    r#""Y": "\ud800","#,
    r#""Z": [[[[[[]]]]]],"#,
    "\"Message\": \"\",",
    r#""Code": 4,"#,
    ",",
    "}",
    "\"",
    r#""Response": {},"#,
    r#""DeprecatedWarning": "x","#,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn generated_bodies_read_the_same_everywhere(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..PIECES.len(), any::<bool>()), 0..4),
    ) {
        let mut body = SEEDS[seed].as_bytes().to_vec();
        for (at, piece, insert) in edits {
            let at = at.index(body.len() + 1);
            if insert {
                body.splice(at..at, PIECES[piece].bytes());
            } else {
                body.truncate(at.max(1));
            }
        }
        assert_one_truth(&body, &String::from_utf8_lossy(&body));
    }
}

#[test]
fn the_seeds_cover_every_verdict() {
    let verdicts: Vec<Verdict> = SEEDS
        .iter()
        .map(|seed| assert_one_truth(seed.as_bytes(), seed))
        .collect();
    assert_eq!(
        verdicts,
        [Verdict::Success, Verdict::ServiceError, Verdict::Success]
    );
}
