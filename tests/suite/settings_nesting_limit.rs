//! One rule for the nesting limit, refused the same way by the library, the tool and (in
//! `python/tests/test_settings.py`) Python: 1 to 1024 levels, and a value outside is an error
//! naming the range, never changed silently into another.
#![cfg(feature = "cli")]

use assert_cmd::Command;
use tencentcloud_envelope::{NestingLimit, Outcome, Rule, Validator};

fn tool_stderr(limit: &str) -> (Option<i32>, String) {
    let output = Command::cargo_bin("tc-envelope")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--nesting-limit", limit, "samples/"])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_limit_out_of_range_is_refused_naming_the_range_by_library_and_tool() {
    for (given, message) in [
        (0, "0 is out of range: the nesting limit is 1 to 1024"),
        (1025, "1025 is out of range: the nesting limit is 1 to 1024"),
        (5000, "5000 is out of range: the nesting limit is 1 to 1024"),
    ] {
        let refused = NestingLimit::try_from(given).unwrap_err();
        assert_eq!(refused.to_string(), message);
        assert_eq!(refused.given(), given);
        assert_eq!(NestingLimit::new(given), Err(refused));
        let (code, stderr) = tool_stderr(&given.to_string());
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "invalid value '{given}' for '--nesting-limit <LEVELS>': {message}\n"
            )),
            "{stderr}"
        );
    }
    let refused = NestingLimit::try_from(usize::MAX).unwrap_err();
    assert_eq!(refused.given(), usize::MAX);
}

#[test]
fn a_limit_in_range_is_kept_as_given() {
    for given in [1, 2, 128, 1023, 1024] {
        assert_eq!(NestingLimit::try_from(given).unwrap().get(), given);
        let (code, stderr) = tool_stderr(&given.to_string());
        // The samples hold invalid records on purpose: status 1, not a usage error.
        assert_eq!(code, Some(1), "{given}: {stderr}");
    }
    assert_eq!(NestingLimit::default().get(), 128);
    assert_eq!(
        (NestingLimit::MIN.get(), NestingLimit::MAX.get()),
        (1, 1024)
    );
}

/// The validator holds the limit it was given: `[[1]]` in `Response` is four levels.
#[test]
fn the_validator_checks_at_the_limit_given() {
    let body =
        br#"{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c", "A": [[1]]}}"#;
    let at = |levels| {
        Validator::new()
            .nesting_limit(NestingLimit::new(levels).unwrap())
            .validate(body)
    };
    assert_eq!(at(4).outcome(), Outcome::Success);
    let shallow = at(3);
    assert!(shallow.has(Rule::InvalidJson), "{shallow:?}");
    assert!(
        shallow.diagnostics()[0]
            .message()
            .contains("limit of 3 levels"),
        "{shallow:?}"
    );
}

/// A limit of one level is said in the singular.
#[test]
fn a_limit_of_one_is_one_level() {
    let report = Validator::new()
        .nesting_limit(NestingLimit::new(1).unwrap())
        .validate(br#"{"Response": {}}"#);
    let message = report.diagnostics()[0].message();
    assert!(message.ends_with("the limit of 1 level"), "{message}");
}
