//! Rule levels as a command line gives them (`--allow`, `--warn`, `--deny`, then
//! `--deny-warnings`) are one policy of the library's: a rule named at several levels takes the
//! highest, and `deny_warnings` then makes a warning an error. The validator says the severity
//! it gives each rule, and the tool's own `unreadable-capture` finding takes that severity in
//! every combination of flags.
#![cfg(feature = "cli")]

use std::fmt::Write as _;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;
use tencentcloud_envelope::{Rule, Severity, Validator};

/// The rules drawn from, with the default severities the rule table gives them
/// (`docs/rules.md`): one of each severity.
const RULES: [(Rule, Severity); 3] = [
    (Rule::UnreadableCapture, Severity::Error),
    (Rule::RequestIdNotUuid, Severity::Warning),
    (Rule::UnknownErrorCode, Severity::Note),
];

/// One flag: a level and the rule it names.
#[derive(Debug, Clone, Copy)]
enum Level {
    Allow,
    Warn,
    Deny,
}

/// The policy written out on its own terms: the highest level a rule is named at wins, a
/// rule named at none keeps its default, and `deny_warnings` raises a warning to an error.
fn expected(
    rule: Rule,
    default: Severity,
    flags: &[(Level, Rule)],
    deny_warnings: bool,
) -> Option<Severity> {
    let named = |level: fn(&Level) -> bool| flags.iter().any(|(l, r)| *r == rule && level(l));
    let severity = if named(|l| matches!(l, Level::Deny)) {
        Some(Severity::Error)
    } else if named(|l| matches!(l, Level::Warn)) {
        Some(Severity::Warning)
    } else if named(|l| matches!(l, Level::Allow)) {
        None
    } else {
        Some(default)
    };
    match severity {
        Some(Severity::Warning) if deny_warnings => Some(Severity::Error),
        other => other,
    }
}

fn flags() -> impl Strategy<Value = Vec<(Level, Rule)>> {
    let level = prop_oneof![Just(Level::Allow), Just(Level::Warn), Just(Level::Deny)];
    let rule = prop::sample::select(RULES.map(|(rule, _)| rule).to_vec());
    prop::collection::vec((level, rule), 0..6)
}

/// A JSON Lines capture: a line over the 100-byte cap (`unreadable-capture`), a success whose
/// request id is no UUID (`request-id-not-uuid`), a failure with a code nobody lists
/// (`unknown-error-code`, and its request id is no UUID either).
fn capture() -> tempfile::NamedTempFile {
    let mut lines = String::new();
    let _ = writeln!(
        lines,
        r#"{{"Response": {{"RequestId": "{}"}}}}"#,
        "x".repeat(200)
    );
    lines.push_str(r#"{"Response": {"RequestId": "r-1"}}"#);
    lines.push('\n');
    lines.push_str(r#"{"Response": {"Error": {"Code": "NoSuchThingAnywhere", "Message": "m"}, "RequestId": "r-2"}}"#);
    lines.push('\n');
    let file = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .unwrap();
    std::fs::write(file.path(), lines).unwrap();
    file
}

/// The severities the tool gave each rule's findings, in its JSON report, and its exit code;
/// on one thread, or on the pipeline of several.
fn tool_severities(
    path: &str,
    flags: &[(Level, Rule)],
    deny_warnings: bool,
    threads: u8,
) -> (Vec<(Rule, Severity)>, i32) {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command.args(["check", "--format", "json", "--max-record-size", "100"]);
    command.args(["--threads", &threads.to_string()]);
    for (level, rule) in flags {
        let flag = match level {
            Level::Allow => "--allow",
            Level::Warn => "--warn",
            Level::Deny => "--deny",
        };
        command.args([flag, &rule.to_string()]);
    }
    if deny_warnings {
        command.arg("--deny-warnings");
    }
    let output = command.arg(path).output().unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found = Vec::new();
    for record in document["records"].as_array().unwrap() {
        for diagnostic in record["diagnostics"].as_array().unwrap() {
            let rule = serde_json::from_value(diagnostic["rule"].clone()).unwrap();
            let severity = serde_json::from_value(diagnostic["severity"].clone()).unwrap();
            found.push((rule, severity));
        }
    }
    (found, output.status.code().unwrap())
}

/// The validator a library caller builds from the same flags, `deny_warnings` first or last.
fn library_validator(flags: &[(Level, Rule)], deny_warnings: bool, first: bool) -> Validator {
    let at = |level: fn(&Level) -> bool| -> Vec<Rule> {
        flags
            .iter()
            .filter(|(l, _)| level(l))
            .map(|(_, r)| *r)
            .collect()
    };
    let mut validator = Validator::new();
    if deny_warnings && first {
        validator = validator.deny_warnings();
    }
    validator = validator.levels(
        at(|l| matches!(l, Level::Allow)),
        at(|l| matches!(l, Level::Warn)),
        at(|l| matches!(l, Level::Deny)),
    );
    if deny_warnings && !first {
        validator = validator.deny_warnings();
    }
    validator
}

proptest! {
    #[test]
    fn the_validator_says_the_severity_the_levels_give(
        flags in flags(),
        deny_warnings in any::<bool>(),
        first in any::<bool>(),
    ) {
        let validator = library_validator(&flags, deny_warnings, first);
        for (rule, default) in RULES {
            prop_assert_eq!(
                validator.severity(rule),
                expected(rule, default, &flags, deny_warnings),
                "{}", rule
            );
        }
        // The report on a record that never reached the validator takes that severity.
        let report = validator.unreadable("the archive is cut short");
        let want = expected(Rule::UnreadableCapture, Severity::Error, &flags, deny_warnings);
        let got = report.diagnostics().iter().map(|d| (d.rule(), d.severity())).collect::<Vec<_>>();
        prop_assert_eq!(got, want.map(|s| (Rule::UnreadableCapture, s)).into_iter().collect::<Vec<_>>());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_tools_findings_follow_the_levels(
        flags in flags(),
        deny_warnings in any::<bool>(),
        threads in 1u8..=2,
    ) {
        let file = capture();
        let (found, code) = tool_severities(file.path().to_str().unwrap(), &flags, deny_warnings, threads);
        let mut any_error = false;
        for (rule, default) in RULES {
            let want = expected(rule, default, &flags, deny_warnings);
            let got: Vec<Severity> = found.iter().filter(|(r, _)| *r == rule).map(|(_, s)| *s).collect();
            match want {
                None => prop_assert!(got.is_empty(), "{rule}: {got:?}"),
                Some(severity) => {
                    prop_assert!(!got.is_empty(), "{rule} is missing");
                    prop_assert!(got.iter().all(|s| *s == severity), "{rule}: {got:?}, not {severity}");
                    any_error |= severity == Severity::Error;
                }
            }
        }
        prop_assert_eq!(code, i32::from(any_error));
    }
}
