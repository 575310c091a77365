//! How `tc-envelope check` prints: the conventions of ripgrep and ruff (color, quiet,
//! per-rule levels, completions, a man page) and the text output's details.
#![cfg(feature = "cli")]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    command
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path.display().to_string()
}

fn text_of(args: &[&str]) -> String {
    let output = tool().arg("check").args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    let output = tool()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The column of the first `^` or `-` under the snippet line of the first diagnostic, and
/// the snippet line.
fn caret_column(text: &str) -> (usize, String) {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.contains(" | ") && !line.trim_start().starts_with('|'))
        .unwrap();
    let caret = lines[at + 1].find(['^', '-']).unwrap();
    (caret, lines[at].to_owned())
}

#[test]
fn color_is_chosen_by_flag_then_by_environment() {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--color", "never", "samples/"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
    tool()
        .args(["check", "--color", "always", "samples/"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}[1;31merror[invalid-json]"));
}

#[test]
fn quiet_prints_only_the_summary() {
    let text = text_of(&["--quiet", "samples/"]);
    assert!(!text.contains("error["), "{text}");
    assert!(
        text.starts_with("17 records: 6 success, 6 failure, 5 invalid"),
        "{text}"
    );
    tool()
        .args(["check", "-q", "--format", "jsonl", "samples/"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn max_diagnostics_shows_the_first_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "three.json",
        br#"{"Response": {"a": 1, "a": 2, "a": 3, "a": 4}}"#,
    );
    let text = text_of(&["--max-diagnostics", "1", &path]);
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    assert!(
        text.contains(&format!("3 more findings in {path} not shown")),
        "{text}"
    );
}

#[test]
fn rules_can_be_allowed_warned_or_denied() {
    let dir = tempfile::tempdir().unwrap();
    let not_uuid = write(
        dir.path(),
        "n.json",
        br#"{"Response": {"RequestId": "req-1"}}"#,
    );
    let no_id = write(dir.path(), "m.json", br#"{"Response": {}}"#);
    tool().args(["check", &not_uuid]).assert().code(0);
    tool()
        .args(["check", "--deny", "request-id-not-uuid", &not_uuid])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[request-id-not-uuid]"));
    tool()
        .args([
            "check",
            "--allow",
            "request-id-not-uuid,duplicate-request-id",
            &not_uuid,
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 warnings"));
    tool()
        .args(["check", "--warn", "missing-request-id", &no_id])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[missing-request-id]"));
    tool()
        .args(["check", "--allow", "request-id-not-uid", &no_id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `request-id-not-uuid`",
        ));
}

#[test]
fn the_tools_own_rule_takes_levels_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "b.har", br#"{"log": {"entries": [{"request": {"url": "https://cbs.tencentcloudapi.com/"}, "response": {"content": {"mimeType": "application/json", "encoding": "base64", "text": "***"}}}]}}"#);
    tool()
        .args(["check", "--warn", "unreadable-capture", &path])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[unreadable-capture]"));
}

#[test]
fn standard_input_can_be_any_format() {
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"url": "https://cbs.tencentcloudapi.com/"},
        "response": {"status": 200, "content": {"mimeType": "application/json",
            "text": format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}")}}}]}});
    tool()
        .args(["check", "--format", "jsonl", "--stdin-format", "har", "-"])
        .write_stdin(har.to_string())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"source\":\"-#1\""));
    tool()
        .args(["check", "--format", "jsonl", "--stdin-format", "jsonl", "-"])
        .write_stdin("{}\n{}\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"source\":\"-:2\""));
    tool()
        .args(["check", "--lines", "--stdin-format", "har", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn completions_and_a_man_page_are_generated() {
    tool()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--max-record-size"));
    tool()
        .args(["completions", "zsh"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("#compdef tc-envelope"));
    tool()
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH tc-envelope"));
}

#[test]
fn the_json_report_carries_the_tools_version() {
    let document = json_of(&["samples/describe-disks.json"]);
    assert_eq!(document["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn counts_are_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "m.json", br#"{"Response": {}}"#);
    let text = text_of(&[&path]);
    assert!(
        text.contains("1 record: 0 success, 0 failure, 1 invalid; 1 error, 0 warnings, 0 notes"),
        "{text}"
    );
}

#[test]
fn an_empty_code_is_named_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "e.json",
        format!("{{\"Response\":{{\"Error\":{{\"Code\":\"\",\"Message\":\"m\"}},\"RequestId\":\"{ID}\"}}}}").as_bytes(),
    );
    let text = text_of(&[&path]);
    assert!(
        text.contains("error codes of invalid records, not counted above: (empty) (1)"),
        "{text}"
    );
}

#[test]
fn text_and_json_agree_on_columns_after_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bom.json",
        "\u{feff}{\"Response\": {}}".as_bytes(),
    );
    let document = json_of(&[&path]);
    let diagnostic = &document["records"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "missing-request-id")
        .unwrap()
        .clone();
    let column = diagnostic["column"].as_u64().unwrap();
    let text = text_of(&[&path]);
    assert!(text.contains(&format!("{path}:1:{column}")), "{text}");
}

#[test]
fn the_caret_stays_under_its_token_in_tab_indented_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "tabs.json",
        b"{\n\t\"Response\": {\n\t\t\"RequestId\": 5\n\t}\n}",
    );
    let text = text_of(&[&path]);
    let (caret, line) = caret_column(&text);
    assert_eq!(line.chars().nth(caret), Some('5'), "{text}");
}

#[test]
fn a_long_line_is_shown_as_a_window_that_fits_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{{\"Response\":{{\"Pad\":\"{}\",\"RequestId\":5}}}}",
        "x".repeat(100_000)
    );
    let path = write(dir.path(), "long.json", body.as_bytes());
    let text = text_of(&[&path]);
    let (caret, line) = caret_column(&text);
    assert!(line.chars().count() < 120, "{line}");
    assert_eq!(line.chars().nth(caret), Some('5'), "{text}");
    let narrow = tool()
        .env("COLUMNS", "60")
        .args(["check", &path])
        .output()
        .unwrap();
    let (_, line) = caret_column(&String::from_utf8(narrow.stdout).unwrap());
    assert!(line.chars().count() <= 60, "{line}");
}

#[test]
fn empty_bodies_invalid_utf8_and_deep_nesting_are_framed_with_a_snippet() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("empty.json", b"".to_vec()),
        ("blank.json", b"  \n ".to_vec()),
        ("bytes.json", b"{\"Response\": \"\xff\"}".to_vec()),
        (
            "deep.json",
            format!("{}{}", "[".repeat(300), "]".repeat(300)).into_bytes(),
        ),
    ] {
        let path = write(dir.path(), name, &body);
        let text = text_of(&[&path]);
        let block: Vec<&str> = text.split("\n\n").next().unwrap().lines().collect();
        assert!(
            block[0].starts_with("error[invalid-json]"),
            "{name}: {text}"
        );
        assert!(block[1].trim_start().starts_with("--> "), "{name}: {text}");
        assert_eq!(block[2].trim(), "|", "{name}: {text}");
        assert!(
            block[3].contains(" | ") || block[3].ends_with(" |"),
            "{name}: {text}"
        );
        assert!(block[4].trim_start().starts_with("| "), "{name}: {text}");
        assert!(block[4].contains('^'), "{name}: {text}");
    }
}

#[test]
fn capture_records_are_placed_at_their_columns_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"service": "cbs", "action": "DescribeDisks", "response": {"Response": {}}}"#;
    let path = write(dir.path(), "c.jsonl", format!("{line}\n").as_bytes());
    let text = text_of(&[&path]);
    // `Response`'s value: the object that lacks `RequestId`.
    let column = line.find("{}").unwrap() + 1;
    assert!(text.contains(&format!("{path}:1:{column}")), "{text}");
    let (caret, shown) = caret_column(&text);
    assert_eq!(shown.chars().nth(caret), Some('{'), "{text}");
}

#[test]
fn a_nesting_limit_out_of_range_is_a_usage_error() {
    tool()
        .args(["check", "--nesting-limit", "5000", "samples/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("out of range"));
}
