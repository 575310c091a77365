//! The validator over Tencent Cloud's documentation examples, when `../shared/corpus` exists.
//!
//! Run with `--nocapture` to see the distribution of outcomes and rules.

use crate::common;

use std::collections::BTreeMap;

use tencentcloud_envelope::{Envelope, Outcome, Rule, validate};

#[test]
fn every_documentation_example_of_both_sites_gets_a_consistent_report() {
    for (corpus, count) in common::CORPORA {
        let Some(dir) = common::shared(corpus) else {
            return;
        };
        one_corpus(&dir, count);
    }
}

fn one_corpus(dir: &std::path::Path, count: usize) {
    let paths = common::json_files(dir);
    assert_eq!(paths.len(), count, "{}", dir.display());

    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut rules: BTreeMap<Rule, usize> = BTreeMap::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let report = validate(&bytes);
        *outcomes.entry(report.outcome().to_string()).or_default() += 1;
        for diagnostic in report.diagnostics() {
            *rules.entry(diagnostic.rule()).or_default() += 1;
        }

        // Cross-checks against serde_json, an independent reading of the same bytes.
        let parses = serde_json::from_slice::<serde_json::Value>(&bytes).is_ok();
        let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let parses_without_bom = serde_json::from_slice::<serde_json::Value>(without_bom).is_ok();
        assert_eq!(
            report.has(Rule::InvalidJson),
            !parses_without_bom,
            "{}: invalid-json disagrees with serde_json",
            path.display()
        );
        if parses && report.outcome() != Outcome::Invalid {
            let envelope = Envelope::from_slice(&bytes).unwrap_or_else(|e| {
                panic!("{}: valid report but no envelope: {e}", path.display())
            });
            assert_eq!(
                Some(envelope.request_id()),
                report.request_id(),
                "{}",
                path.display()
            );
            assert_eq!(
                envelope.is_success(),
                report.outcome() == Outcome::Success,
                "{}",
                path.display()
            );
        }
    }
    let total: usize = outcomes.values().sum();
    assert_eq!(total, paths.len());
    eprintln!("{} documentation examples: {outcomes:?}", paths.len());
    for (rule, count) in &rules {
        eprintln!("  {count:6}  {rule}");
    }
}
