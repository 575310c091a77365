//! What `tc-envelope check` reads: directory walks as ripgrep does them, HAR archives as
//! browsers export them, and nothing at all.
#![cfg(all(feature = "cli", unix))]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    command
}

fn ok_body() -> String {
    format!("{{\"Response\":{{\"RequestId\":\"{ID}\"}}}}")
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path.display().to_string()
}

/// `check --format json` on `args`: the status and the parsed document.
fn check_json(args: &[&str]) -> (Option<i32>, Value, String) {
    let output = tool()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let document = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        output.status.code(),
        document,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn sources(document: &Value, root: &str) -> Vec<String> {
    document["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["source"]
                .as_str()
                .unwrap()
                .strip_prefix(root)
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn a_link_to_the_walked_directory_reads_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().display().to_string();
    write(dir.path(), "a.json", ok_body().as_bytes());
    write(
        dir.path(),
        "sub/b.json",
        ok_body().replace(ID, "x").as_bytes(),
    );
    symlink(".", dir.path().join("self")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    symlink("a.json", dir.path().join("alias.json")).unwrap();
    let (status, document, _) = check_json(&[&root]);
    assert_eq!(sources(&document, &root), ["/a.json", "/sub/b.json"]);
    assert_eq!(
        document["summary"]["warnings"], 1,
        "only b's id is not a UUID"
    );
    assert_eq!(status, Some(0));
}

#[test]
fn hidden_and_ignored_paths_are_skipped_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().display().to_string();
    write(dir.path(), ".gitignore", b"target/\n");
    write(
        dir.path(),
        "target/debug/cargo.json",
        b"{\"not\": \"a response\"}",
    );
    write(dir.path(), ".cache/old.json", b"[]");
    write(dir.path(), "captures/a.json", ok_body().as_bytes());
    let (_, document, _) = check_json(&[&root]);
    assert_eq!(sources(&document, &root), ["/captures/a.json"]);
    let (_, document, _) = check_json(&["--hidden", &root]);
    assert_eq!(
        sources(&document, &root),
        ["/.cache/old.json", "/captures/a.json"]
    );
    let (_, document, _) = check_json(&["--no-ignore", &root]);
    assert_eq!(
        sources(&document, &root),
        ["/captures/a.json", "/target/debug/cargo.json"]
    );
}

#[test]
fn nothing_checked_exits_two_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", b"nothing here");
    tool()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no response was checked"));
}

/// An ordinary devtools export: a preflight, a body devtools did not keep, JSON from
/// another host, an HTML gateway page sent with status 200, and one real answer.
fn devtools_export() -> Value {
    let entry = |method: &str, url: &str, status: u16, mime: &str, text: Option<&str>| {
        let mut content = json!({"size": 0, "mimeType": mime});
        if let Some(text) = text {
            content["text"] = json!(text);
        }
        json!({
            "request": {"method": method, "url": url, "headers": [
                {"name": "X-TC-Action", "value": "DescribeDisks"},
                {"name": "X-TC-Version", "value": "2017-03-12"}]},
            "response": {"status": status, "headers": [], "content": content}
        })
    };
    json!({"log": {"version": "1.2", "entries": [
        entry("OPTIONS", "https://cbs.tencentcloudapi.com/", 204, "", Some("")),
        entry("POST", "https://cbs.tencentcloudapi.com/", 200, "application/json", None),
        entry("GET", "https://console.example.com/api/user", 200, "application/json", Some("{\"user\": 1}")),
        entry("POST", "https://eviltencentcloudapi.com/", 200, "application/json", Some("{}")),
        entry("POST", "https://cbs.tencentcloudapi.com/", 200, "text/html",
              Some("<html><body><h1>502 Bad Gateway</h1></body></html>")),
        entry("POST", "https://cbs.tencentcloudapi.com/", 200, "application/json",
              Some(&format!("{{\"Response\":{{\"TotalCount\":0,\"DiskSet\":[],\"RequestId\":\"{ID}\"}}}}"))),
    ]}})
}

#[test]
fn har_entries_that_are_not_api_answers_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "session.har",
        devtools_export().to_string().as_bytes(),
    );
    let (status, document, _) = check_json(&[&path]);
    assert_eq!(status, Some(1), "the gateway page is an error");
    let records = document["records"].as_array().unwrap();
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, [format!("{path}#5"), format!("{path}#6")]);
    assert_eq!(records[1]["outcome"], "success");
    let skipped = &document["summary"]["skipped"];
    let reasons: Vec<(&str, u64)> = skipped
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["reason"].as_str().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|(r, n)| r.contains("preflight") && *n == 1)
    );
    assert!(
        reasons
            .iter()
            .any(|(r, n)| r.contains("not saved") && *n == 1)
    );
    assert!(
        reasons
            .iter()
            .any(|(r, n)| r.contains("not a Tencent Cloud API host (--har-all-json") && *n == 2),
        "another host and a look-alike host: {reasons:?}"
    );
    tool()
        .args(["check", &path])
        .assert()
        .stdout(predicate::str::contains("skipped 1 entry: CORS preflight"));
}

#[test]
fn a_gateway_page_is_a_protocol_error_with_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "session.har",
        devtools_export().to_string().as_bytes(),
    );
    let (_, document, _) = check_json(&[&path]);
    let page = &document["records"][0];
    assert_eq!(page["status"], 200);
    assert_eq!(page["mime_type"], "text/html");
    let problem = page["protocol_error"].as_str().unwrap();
    assert!(
        problem.starts_with("HTTP 200 with a body that is not an API 3.0 envelope"),
        "{problem}"
    );
    assert!(problem.contains("text/html"), "{problem}");
    tool()
        .args(["check", &path])
        .assert()
        .stdout(predicate::str::contains("= note: HTTP 200 with a body"));
}

#[test]
fn every_json_entry_is_checked_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "session.har",
        devtools_export().to_string().as_bytes(),
    );
    let (_, document, _) = check_json(&["--har-all-json", &path]);
    let sources: Vec<&str> = document["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            format!("{path}#3"),
            format!("{path}#4"),
            format!("{path}#5"),
            format!("{path}#6")
        ]
    );
}

#[test]
fn container_problems_have_their_own_rule() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = devtools_export().to_string();
    let truncated = write(
        dir.path(),
        "cut.har",
        &truncated.as_bytes()[..truncated.len() - 40],
    );
    // Invalid UTF-8 in a member that is skipped, not read: still not an archive.
    let mut bytes = b"{\"log\": {\"creator\": \"\xff\xfe\", \"entries\": []}}".to_vec();
    let invalid = write(dir.path(), "bytes.har", &bytes);
    bytes.clear();
    let (status, document, _) = check_json(&[&truncated, &invalid]);
    assert_eq!(status, Some(1));
    let records = document["records"].as_array().unwrap();
    let last = |source: &str| {
        records
            .iter()
            .rev()
            .find(|r| r["source"] == source)
            .unwrap()
            .clone()
    };
    for (source, wanted) in [(&truncated, "EOF"), (&invalid, "invalid UTF-8 at byte 21")] {
        let record = last(source);
        assert_eq!(
            record["diagnostics"][0]["rule"], "unreadable-capture",
            "{source}"
        );
        let message = record["diagnostics"][0]["message"].as_str().unwrap();
        assert!(message.contains(wanted), "{message}");
    }
}

#[test]
fn the_request_id_header_is_kept_with_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let har = json!({"log": {"entries": [{
        "request": {"method": "POST", "url": "https://cbs.tencentcloudapi.com/"},
        "response": {"status": 502, "headers": [{"name": "x-tc-requestid", "value": ID}],
            "content": {"mimeType": "text/html", "text": "<html>502 Bad Gateway</html>"}}}]}});
    let path = write(dir.path(), "id.har", har.to_string().as_bytes());
    let (_, document, _) = check_json(&[&path]);
    let record = &document["records"][0];
    assert_eq!(record["request_id_header"], ID);
    assert_eq!(record["status"], 502);
    let problem = record["protocol_error"].as_str().unwrap();
    assert!(problem.contains(&format!("request id {ID}")), "{problem}");
}
