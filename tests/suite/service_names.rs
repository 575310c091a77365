//! A service goes by two names in a few products: its host's (`as`, which API descriptions and
//! HAR captures use) and the code lists' (`autoscaling`). Either name must select the same
//! description and the same codes (issue 27, item 4).

use assert_cmd::Command;
use tencentcloud_envelope::{Call, Validator, explain};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// A failure with a code Auto Scaling does not list (a CBS code), at an action it documents.
fn failure() -> String {
    format!(
        r#"{{"Response": {{"Error": {{"Code": "InvalidDisk.Busy", "Message": "m"}}, "RequestId": "{ID}"}}}}"#
    )
}

fn findings(service: &str) -> Vec<(String, String)> {
    let report = Validator::new().validate_call(
        failure().as_bytes(),
        Call::new(service).action("DescribeAutoScalingGroups"),
    );
    report
        .diagnostics()
        .iter()
        .map(|d| (d.rule().to_string(), d.message().to_owned()))
        .collect()
}

#[test]
fn the_library_gives_either_name_the_same_findings() {
    let by_host = findings("as");
    assert_eq!(by_host, findings("autoscaling"));
    assert_eq!(by_host, findings("AutoScaling"));
    // The code is checked against Auto Scaling's own list, not every product's.
    assert_eq!(by_host.len(), 1, "{by_host:?}");
    assert_eq!(by_host[0].0, "unknown-error-code");
    assert!(
        by_host[0].1.contains("autoscaling does not list it"),
        "{by_host:?}"
    );
}

#[test]
fn explain_takes_either_name() {
    for code in [
        "InvalidDisk.Busy",
        "ResourceNotFound.AutoScalingGroupNotFound",
    ] {
        let by_host = explain(code, Some("as"));
        let by_list = explain(code, Some("autoscaling"));
        assert_eq!(by_host.kind(), by_list.kind(), "{code}");
        assert_eq!(by_host.description(), by_list.description(), "{code}");
        assert_eq!(by_host.retry_advice(), by_list.retry_advice(), "{code}");
    }
    // Auto Scaling's own code, found through the host's name.
    let own = explain("ResourceNotFound.AutoScalingGroupNotFound", Some("as"));
    assert!(own.is_known());
    assert!(
        own.description().to_lowercase().contains("scaling group"),
        "{}",
        own.description()
    );
}

#[test]
fn the_tool_gives_either_name_the_same_findings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("failure.json");
    std::fs::write(&path, failure()).unwrap();
    let run = |service: &str| {
        let output = Command::cargo_bin("tc-envelope")
            .unwrap()
            .env("NO_COLOR", "1")
            .args(["check", "--format", "jsonl", "--service", service])
            .args(["--action", "DescribeAutoScalingGroups"])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let record: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        (output.status.code(), record["diagnostics"].clone())
    };
    let by_host = run("as");
    assert_eq!(by_host, run("autoscaling"));
    assert_eq!(by_host.1[0]["rule"], "unknown-error-code", "{by_host:?}");
}
