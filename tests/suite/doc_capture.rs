//! `tc-envelope check` on a JSON Lines capture built from the documentation examples, with
//! service, version and action on every record: each record gets its own description.
#![cfg(feature = "cli")]

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;
use std::process::Command;

use crate::doc_corpus::{capture_line, examples, shared};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use tencentcloud_envelope::{Call, Rule, Validator};

#[derive(Deserialize)]
struct ApiJson {
    metadata: Metadata,
    #[allow(
        clippy::zero_sized_map_values,
        reason = "only the keys are read; the values are skipped"
    )]
    actions: BTreeMap<String, IgnoredAny>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(rename = "serviceShortName")]
    service: String,
    #[serde(rename = "apiVersion")]
    version: String,
}

/// Every `(name, version, action)` the descriptions in a folder of `../shared` define, read from the
/// originals, a product named both by its file and by its host's service.
fn described(api: &std::path::Path) -> HashSet<(String, String, String)> {
    let mut pairs = HashSet::new();
    for entry in std::fs::read_dir(api).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        let Some(stem) = file.strip_suffix(".api.json") else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let api: ApiJson = serde_json::from_str(&text).unwrap();
        let product = stem
            .strip_suffix(&format!("-{}", api.metadata.version))
            .unwrap()
            .to_owned();
        for name in [product, api.metadata.service.clone()] {
            for action in api.actions.keys() {
                pairs.insert((name.clone(), api.metadata.version.clone(), action.clone()));
            }
        }
    }
    pairs
}

/// The `(rule, pointer)` of the findings against a description, sorted.
fn against_description(
    diagnostics: impl Iterator<Item = (String, String)>,
) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = diagnostics
        .filter(|(rule, _)| rule.starts_with("schema-") || rule.starts_with("unknown-"))
        .filter(|(rule, _)| rule != "unknown-error-code")
        .collect();
    found.sort();
    found
}

#[test]
fn a_capture_of_the_international_examples_gets_each_records_own_description() {
    capture_of("corpus/doc-examples", "api", 10_000);
}

#[test]
fn a_capture_of_the_china_examples_gets_each_records_own_description() {
    capture_of("corpus/doc-examples-china", "api-china", 17_000);
}

/// Checks a JSON Lines capture of one site's examples: no record of an action that site's
/// descriptions define draws an `unknown-*` finding, and the tool finds what the library does.
fn capture_of(corpus: &str, api: &str, at_least: usize) {
    let Some(shared) = shared() else { return };
    let described = described(&shared.join(api));
    let examples = examples(&shared.join(corpus)).unwrap();
    let bodies: Vec<Vec<u8>> = examples
        .iter()
        .map(|e| std::fs::read(&e.path).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let capture = dir.path().join("doc-examples.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&capture).unwrap());
    for (example, body) in examples.iter().zip(&bodies) {
        writeln!(
            file,
            "{}",
            capture_line(example, &String::from_utf8_lossy(body))
        )
        .unwrap();
    }
    file.into_inner().unwrap().sync_all().unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_tc-envelope"))
        .args(["check", "--format", "jsonl"])
        .arg(&capture)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the corpus has invalid examples"
    );
    let records: Vec<Value> = output
        .stdout
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).unwrap())
        .collect();
    assert_eq!(records.len(), examples.len(), "one record per example");

    let mut validator = Validator::new();
    let mut checked = 0;
    for ((record, example), body) in records.iter().zip(&examples).zip(&bodies) {
        let place = example.path.display();
        let call = Call::new(&example.product)
            .version(&example.version)
            .action(&example.action);
        let direct = validator.validate_call(body, call);
        if direct.has(Rule::InvalidJson) {
            continue; // Not JSON: the capture line is broken too, and carries no call.
        }
        let said = |key: &str| record[key].as_str().map(str::to_owned);
        assert_eq!(
            (said("service"), said("version"), said("action")),
            (
                Some(example.product.clone()),
                Some(example.version.clone()),
                Some(example.action.clone())
            ),
            "{place}"
        );
        let from_tool =
            against_description(record["diagnostics"].as_array().unwrap().iter().map(|d| {
                (
                    d["rule"].as_str().unwrap().to_owned(),
                    d["pointer"].as_str().unwrap().to_owned(),
                )
            }));
        let key = (
            example.product.clone(),
            example.version.clone(),
            example.action.clone(),
        );
        if described.contains(&key) {
            checked += 1;
            assert!(
                !from_tool
                    .iter()
                    .any(|(rule, _)| rule.starts_with("unknown-")),
                "{place}: {from_tool:?}"
            );
        }
        let from_library = against_description(
            direct
                .diagnostics()
                .iter()
                .map(|d| (d.rule().as_str().to_owned(), d.pointer().to_owned())),
        );
        assert_eq!(
            from_tool, from_library,
            "{place}: the same description applies"
        );
    }
    assert!(
        checked > at_least,
        "only {checked} records were of a described action"
    );
}
