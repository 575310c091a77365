//! The `tc-envelope` binary, run as a user would.
#![cfg(feature = "cli")]

use crate::common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    command
}

fn jsonl_records(output: &[u8]) -> Vec<Value> {
    std::str::from_utf8(output)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// Runs `check --format jsonl` with `args`, returning the output and its records.
fn check_jsonl(args: &[&str]) -> (std::process::Output, Vec<Value>) {
    let output = tool()
        .args(["check", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    let records = jsonl_records(&output.stdout);
    (output, records)
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path.display().to_string()
}

#[test]
fn checking_the_samples_shows_diagnostics_and_a_summary() {
    tool()
        .args(["check", "samples/"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[missing-request-id]: `Response` has no `RequestId`",
        ))
        .stdout(predicate::str::contains(
            "--> samples/proxy-capture.jsonl:6:13",
        ))
        .stdout(predicate::str::contains(
            "17 records: 6 success, 6 failure, 5 invalid",
        ))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn a_clean_file_exits_zero() {
    tool()
        .args(["check", "samples/describe-disks.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 record: 1 success, 0 failure, 0 invalid; 0 errors, 0 warnings, 0 notes",
        ));
}

#[test]
fn deny_warnings_turns_a_warning_into_a_failing_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "w.json",
        br#"{"Response": {"RequestId": "req-1"}}"#,
    );
    tool().args(["check", &path]).assert().code(0);
    tool()
        .args(["check", "--deny-warnings", &path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[request-id-not-uuid]"));
}

#[test]
fn an_unreadable_path_exits_two_and_the_others_are_still_checked() {
    tool()
        .args([
            "check",
            "--format",
            "jsonl",
            "no/such/file.json",
            "samples/describe-disks.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such/file.json"))
        .stdout(predicate::str::contains(
            "\"source\":\"samples/describe-disks.json\"",
        ));
}

#[test]
fn usage_errors_exit_two() {
    tool().arg("check").assert().code(2);
    tool()
        .args(["check", "--format", "yaml", "x.json"])
        .assert()
        .code(2);
    tool()
        .args(["codes", "--category", "nonsense"])
        .assert()
        .code(2);
}

#[test]
fn jsonl_output_is_the_report_plus_source_for_every_record_in_order() {
    let (_, records) = check_jsonl(&["samples/"]);
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "samples/browser-session.har#1",
            "samples/browser-session.har#3",
            "samples/browser-session.har#4",
            "samples/browser-session.har#5",
            "samples/browser-session.har#6",
            "samples/chat-stream.sse",
            "samples/describe-disks.json",
            "samples/proxy-capture.jsonl:1",
            "samples/proxy-capture.jsonl:2",
            "samples/proxy-capture.jsonl:3",
            "samples/proxy-capture.jsonl:5",
            "samples/proxy-capture.jsonl:6",
            "samples/proxy-capture.jsonl:7",
            "samples/proxy-capture.jsonl:8",
            "samples/proxy-capture.jsonl:9",
            "samples/proxy-capture.jsonl:10",
            "samples/signature-failure.json",
        ]
    );
    for record in &records {
        for key in ["outcome", "request_id", "code", "diagnostics"] {
            assert!(record.get(key).is_some(), "{record}");
        }
    }
    let duplicate = &records[15]["diagnostics"][0];
    assert_eq!(duplicate["rule"], "duplicate-request-id");
    assert_eq!(duplicate["pointer"], "/Response/RequestId");
}

#[test]
fn json_output_has_records_and_a_summary() {
    let output = tool()
        .args(["check", "--format", "json", "samples/"])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["records"].as_array().unwrap().len(), 17);
    let summary = &document["summary"];
    assert_eq!(summary["records"], 17);
    assert_eq!(summary["success"], 6);
    assert_eq!(summary["failure"], 6);
    assert_eq!(summary["invalid"], 5);
    assert_eq!(summary["codes"].as_array().unwrap().len(), 5);
    assert_eq!(
        summary["codes_in_invalid"],
        serde_json::json!([{"code": "InternalError", "count": 1}]),
        "the invalid record's code is counted apart"
    );
    assert_eq!(
        summary["codes"][0]["code"], "RequestLimitExceeded",
        "twice, once in the stream"
    );
}

#[test]
fn har_entries_keep_service_action_and_version() {
    let (_, records) = check_jsonl(&["samples/browser-session.har"]);
    assert_eq!(records.len(), 5, "the image entry is not an API call");
    assert_eq!(records[0]["service"], "cbs");
    assert_eq!(records[0]["action"], "DescribeDisks");
    assert_eq!(records[0]["version"], "2017-03-12");
    assert_eq!(records[1]["service"], "cvm", "region in the host");
    assert_eq!(
        records[1]["code"], "UnauthorizedOperation",
        "base64 content is decoded"
    );
    assert_eq!(records[2]["outcome"], "invalid", "an HTML gateway page");
    assert_eq!(records[2]["diagnostics"][0]["rule"], "invalid-json");
}

#[test]
fn a_broken_har_archive_is_reported_as_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cut.har", br#"{"log": {"entries": [{"request": {"url": "https://cbs.tencentcloudapi.com/"}, "response": {"content": {"mimeType": "application/json", "text": "{}"}}}, {"req"#);
    let (output, records) = check_jsonl(&[&path]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["diagnostics"][0]["rule"], "missing-response");
    assert_eq!(records[1]["source"], path);
    assert_eq!(records[1]["diagnostics"][0]["rule"], "unreadable-capture");
    assert!(
        records[1]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("after 1 entry:")
    );
}

#[test]
fn undecodable_base64_is_an_invalid_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "b.har", br#"{"log": {"entries": [{"request": {"url": "https://cbs.tencentcloudapi.com/"}, "response": {"content": {"mimeType": "application/json", "encoding": "base64", "text": "***"}}}]}}"#);
    let (_, records) = check_jsonl(&[&path]);
    assert_eq!(records[0]["source"], format!("{path}#1"));
    assert_eq!(records[0]["outcome"], "invalid");
    assert_eq!(records[0]["diagnostics"][0]["rule"], "unreadable-capture");
    assert!(
        records[0]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("base64")
    );
}

#[test]
fn json_lines_tolerate_crlf_and_count_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let content = format!(
        "{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}\r\n\r\n  \n{{broken\r\n{{\"Response\":{{\"RequestId\":\"x\"}}}}"
    );
    let path = write(dir.path(), "c.ndjson", content.as_bytes());
    let (_, records) = check_jsonl(&[&path]);
    let sources: Vec<String> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        sources,
        [
            format!("{path}:1"),
            format!("{path}:4"),
            format!("{path}:5")
        ]
    );
    assert_eq!(
        records[0]["outcome"], "success",
        "the CR is not part of the record"
    );
    assert_eq!(records[1]["outcome"], "invalid");
    assert_eq!(records[2]["request_id"], "x");
}

#[test]
fn standard_input_is_one_document_or_json_lines() {
    let body = format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}\n{{\"Response\":{{}}}}\n");
    let output = tool()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin(body.clone())
        .output()
        .unwrap();
    let records = jsonl_records(&output.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["source"], "-");
    assert_eq!(
        records[0]["diagnostics"][0]["rule"], "invalid-json",
        "two documents are trailing data"
    );

    let output = tool()
        .args(["check", "--format", "jsonl", "--lines", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    let records = jsonl_records(&output.stdout);
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["-:1", "-:2"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn directories_are_walked_recursively_in_sorted_order_taking_known_extensions() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("b")).unwrap();
    let ok = format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}");
    write(dir.path(), "c.json", ok.as_bytes());
    write(dir.path(), "a.txt", b"not a capture");
    write(&dir.path().join("b"), "z.jsonl", b"{}\n");
    write(dir.path(), "a.json", b"[]");
    let output = tool()
        .args(["check", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .unwrap();
    let records = jsonl_records(&output.stdout);
    let names: Vec<String> = records
        .iter()
        .map(|r| {
            r["source"]
                .as_str()
                .unwrap()
                .strip_prefix(&dir.path().display().to_string())
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(names, ["/a.json", "/b/z.jsonl:1", "/c.json"]);
}

#[test]
fn nothing_is_lost_on_a_mixed_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for n in 0..500 {
        let line = match n % 4 {
            0 => format!("{{\"Response\":{{\"RequestId\":\"id-{n}\"}}}}"),
            1 => "{\"Response\":".to_owned(),
            2 => "\u{fffd}garbage".to_owned(),
            _ => format!("[{n}]"),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    let path = write(dir.path(), "mixed.jsonl", lines.as_bytes());
    let mut bytes = lines.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n");
    let raw = write(dir.path(), "raw.jsonl", &bytes);
    let (_, records) = check_jsonl(&[&path, &raw]);
    assert_eq!(records.len(), 1001);
    for (n, record) in records.iter().take(500).enumerate() {
        assert_eq!(record["source"], format!("{path}:{}", n + 1));
        assert_eq!(record["outcome"] == "success", n % 4 == 0);
    }
    assert_eq!(records[1000]["source"], format!("{raw}:501"));
}

#[test]
fn explain_a_common_code() {
    tool()
        .args(["explain", "RequestLimitExceeded"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("category:     throttling"))
        .stdout(predicate::str::contains("retryable:    yes"));
    let output = tool()
        .args(["explain", "--format", "json", "AuthFailure.SignatureExpire"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["code"], "AuthFailure.SignatureExpire");
    assert_eq!(json["known"], true);
    assert_eq!(json["common"], "AuthFailure.SignatureExpire");
    assert_eq!(json["category"], "authentication");
    assert_eq!(json["retryable"], false);
    assert!(json["description"].as_str().unwrap().contains("clock"));
}

#[test]
fn explain_legacy_and_sdk_codes() {
    let output = tool()
        .args([
            "explain",
            "--format",
            "json",
            "InvalidParameter.SignatureFailure",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["kind"], "legacy");
    assert_eq!(json["common"], "AuthFailure.SignatureFailure");
    assert_eq!(
        json["category"], "authentication",
        "not the invalid-parameter its prefix suggests"
    );

    tool()
        .args(["explain", "ClientError.NetworkError"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("never sent by the server"));
}

#[test]
fn explain_a_rule() {
    tool()
        .args(["explain", "--rule", "duplicate-key"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "duplicate-key (error): An object has the same key twice",
        ));
    tool()
        .args(["explain", "--rule", "duplicate-keys"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean duplicate-key"));
}

#[test]
fn rules_lists_every_rule() {
    let output = tool().args(["rules", "--format", "json"]).output().unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows.len(), tencentcloud_envelope::Rule::ALL.len());
    assert_eq!(rows[0]["rule"], "invalid-json");
}

#[test]
fn help_has_examples_and_version_is_printed() {
    for command in [
        &["--help"][..],
        &["check", "--help"],
        &["explain", "--help"],
        &["codes", "--help"],
        &["rules", "--help"],
    ] {
        tool()
            .args(command)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Examples:"));
    }
    tool()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

/// A small deterministic generator, so the mutation test needs no extra dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
}

/// Real responses on one line each: the samples, and the documentation examples when present.
fn real_responses() -> Vec<Vec<u8>> {
    let mut paths: Vec<std::path::PathBuf> = [
        "samples/describe-disks.json",
        "samples/signature-failure.json",
    ]
    .iter()
    .map(Into::into)
    .collect();
    if let Some(examples) = common::shared("corpus/doc-examples/cvm/v20170312") {
        let entries = fs::read_dir(examples).unwrap();
        let mut more: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        more.sort();
        paths.extend(more.into_iter().take(200));
    }
    paths
        .iter()
        .map(|path| {
            let bytes = fs::read(path).unwrap();
            bytes
                .iter()
                .map(|&b| if b == b'\n' || b == b'\r' { b' ' } else { b })
                .collect()
        })
        .collect()
}

#[test]
fn thousands_of_mutated_real_responses_each_get_one_well_formed_record() {
    let originals = real_responses();
    let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut lines = Vec::new();
    let significant = b"{}[]\",:\\0123456789tfnue \x00\xff\xc3";
    for _ in 0..3_000 {
        let mut line = originals[random.below(originals.len())].clone();
        for _ in 0..=random.below(4) {
            let at = random.below(line.len().max(1));
            match random.below(4) {
                0 if !line.is_empty() => {
                    line.remove(at);
                }
                1 => line.insert(at, significant[random.below(significant.len())]),
                2 if !line.is_empty() => line[at] = significant[random.below(significant.len())],
                _ => line.truncate(at),
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            line = b"x".to_vec();
        }
        lines.push(line);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut content = Vec::new();
    for line in &lines {
        content.extend_from_slice(line);
        content.push(b'\n');
    }
    let path = write(dir.path(), "mutated.jsonl", &content);
    let output = tool()
        .args(["check", "--format", "jsonl", &path])
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}",
        output.status
    );
    let records = jsonl_records(&output.stdout);
    assert_eq!(records.len(), lines.len());
    for (n, record) in records.iter().enumerate() {
        assert_eq!(record["source"], format!("{path}:{}", n + 1));
        assert!(["success", "failure", "invalid"].contains(&record["outcome"].as_str().unwrap()));
        assert!(record["diagnostics"].is_array());
        assert!(record.get("request_id").is_some() && record.get("code").is_some());
    }
}

#[test]
fn har_entries_are_held_against_the_builtin_description() {
    let (_, records) = check_jsonl(&["samples/browser-session.har"]);
    let drift: Vec<(&str, &str)> = records[4]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        drift,
        [
            ("schema-type-mismatch", "/Response/TotalCount"),
            ("schema-type-mismatch", "/Response/DiskSet/0/DiskSize"),
        ]
    );
    assert_eq!(records[4]["outcome"], "success");
}

#[test]
fn service_and_action_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let body = br#"{"Response": {"TotalCount": 1.5, "DiskSet": [], "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}"#;
    let path = write(dir.path(), "r.json", body);
    tool()
        .args(["check", &path])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 warnings"));
    tool()
        .args([
            "check",
            "--service",
            "cbs",
            "--action",
            "DescribeDisks",
            &path,
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[schema-type-mismatch]: `TotalCount` is a number with a fraction",
        ));
    tool()
        .args([
            "check",
            "--deny-warnings",
            "--service",
            "cbs",
            "--action",
            "DescribeDisks",
            &path,
        ])
        .assert()
        .code(1);
}

#[test]
fn a_description_loaded_at_run_time() {
    let dir = tempfile::tempdir().unwrap();
    let schema = write(
        dir.path(),
        "demo.api.json",
        br#"{"metadata": {"serviceShortName": "demo", "apiVersion": "2020-01-01"},
            "actions": {"Ping": {"output": "PingResponse"}},
            "objects": {"PingResponse": {"members": [
              {"name": "Pong", "type": "int", "member": "uint64", "output_required": true, "value_allowed_null": false},
              {"name": "RequestId", "type": "string", "member": "string"}]}}}"#,
    );
    let body = write(
        dir.path(),
        "r.json",
        br#"{"Response": {"Pong": null, "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}"#,
    );
    let check = |action: &str| {
        let args = [
            "check",
            "--format",
            "jsonl",
            "--schema",
            &schema,
            "--service",
            "demo",
            "--action",
            action,
            &body,
        ];
        jsonl_records(&tool().args(args).output().unwrap().stdout)
    };
    let records = check("Ping");
    assert_eq!(records[0]["diagnostics"][0]["rule"], "schema-null-value");
    assert_eq!(records[0]["diagnostics"][0]["pointer"], "/Response/Pong");
    assert_eq!(check("Pang")[0]["diagnostics"][0]["rule"], "unknown-action");

    tool()
        .args(["check", "--schema", &body, &body])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot use"));
}

#[test]
fn json_lines_records_can_carry_the_call() {
    let dir = tempfile::tempdir().unwrap();
    let content = concat!(
        r#"{"service": "cbs", "version": "2017-03-12", "action": "DescribeDisks", "response": {"Response": {"TotalCount": "2", "DiskSet": [], "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}}"#,
        "\n",
        r#"{"response": {"Response": {"RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6d"}}}"#,
        "\n"
    );
    let path = write(dir.path(), "calls.jsonl", content.as_bytes());
    let (_, records) = check_jsonl(&[&path]);
    assert_eq!(records[0]["action"], "DescribeDisks");
    assert_eq!(records[0]["diagnostics"][0]["rule"], "schema-type-mismatch");
    assert_eq!(
        records[0]["diagnostics"][0]["column"], 29,
        "counted from the response's start"
    );
    // Without a service or an action the line is a bare (misspelled) response.
    assert_eq!(records[1]["diagnostics"][0]["rule"], "missing-response");
}

#[test]
fn site_holds_a_capture_to_one_sites_descriptions() {
    let dir = tempfile::tempdir().unwrap();
    // `aai` is described by the China site only.
    let content = concat!(
        r#"{"service": "aai", "version": "2018-05-22", "action": "SimultaneousInterpreting", "response": {"Response": {"RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}}"#,
        "\n"
    );
    let path = write(dir.path(), "china.jsonl", content.as_bytes());
    let rules = |records: &[Value]| -> Vec<String> {
        records[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, both) = check_jsonl(&[&path]);
    assert!(
        !rules(&both).contains(&"unknown-service".to_owned()),
        "{both:?}"
    );
    let (_, china) = check_jsonl(&["--site", "china", &path]);
    assert!(
        !rules(&china).contains(&"unknown-service".to_owned()),
        "{china:?}"
    );
    let (_, international) = check_jsonl(&["--site", "intl", &path]);
    assert!(
        rules(&international).contains(&"unknown-service".to_owned()),
        "{international:?}"
    );
    tool()
        .args(["check", "--site", "mars", &path])
        .assert()
        .code(2);
}

#[test]
fn event_streams_are_one_record_each() {
    let (_, records) = check_jsonl(&["samples/chat-stream.sse"]);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["outcome"], "failure");
    assert_eq!(records[0]["code"], "RequestLimitExceeded");
    assert_eq!(
        records[0]["request_id"],
        "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
    );
}

#[test]
fn har_event_streams_take_the_request_id_from_the_response_header() {
    let dir = tempfile::tempdir().unwrap();
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"url": "https://hunyuan.tencentcloudapi.com/", "headers": [{"name": "X-TC-Action", "value": "ChatCompletions"}]},
        "response": {
            "headers": [{"name": "x-tc-requestid", "value": "5f6a7b8c-9d0e-4f1a-9b2c-3d4e5f6a7b8c"}],
            "content": {"mimeType": "text/event-stream; charset=utf-8",
                        "text": "data: {\"Delta\": 1}\r\n\r\ndata: {\"Code\": \"InternalError\", \"Msg\": \"x\"}\r\n\r\n"}
        }
    }]}});
    let path = write(dir.path(), "stream.har", har.to_string().as_bytes());
    let (_, records) = check_jsonl(&[&path]);
    assert_eq!(records[0]["service"], "hunyuan");
    assert_eq!(records[0]["outcome"], "failure");
    assert_eq!(records[0]["code"], "InternalError");
    assert_eq!(
        records[0]["request_id"],
        "5f6a7b8c-9d0e-4f1a-9b2c-3d4e5f6a7b8c"
    );
}
