//! `tc-envelope check` picks each HAR entry's description from its host and its
//! `X-TC-Action`/`X-TC-Version` headers, across products, and says when it cannot.
#![cfg(feature = "cli")]

use std::process::Command;

use serde_json::{Value, json};

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

fn entry(host: &str, action: &str, version: Option<&str>, body: &Value) -> Value {
    let mut headers = vec![json!({"name": "X-TC-Action", "value": action})];
    if let Some(version) = version {
        headers.push(json!({"name": "X-TC-Version", "value": version}));
    }
    json!({
        "request": {"url": format!("https://{host}/"), "headers": headers},
        "response": {"content": {"mimeType": "application/json", "text": body.to_string()}}
    })
}

#[test]
fn har_entries_of_many_products_get_their_own_descriptions() {
    let entries = [
        // A string for VPC's integer `TotalCount`.
        entry(
            "vpc.tencentcloudapi.com",
            "DescribeVpcs",
            Some("2017-03-12"),
            &json!({"Response": {"TotalCount": "0", "VpcSet": [], "RequestId": ID}}),
        ),
        // A region in the host, and a TKE version that is not the newest.
        entry(
            "tke.ap-guangzhou.tencentcloudapi.com",
            "DescribeClusters",
            Some("2018-05-25"),
            &json!({"Response": {"TotalCount": 0, "Clusters": [], "RequestId": ID}}),
        ),
        // No version: CLB has two, the newest is taken and said.
        entry(
            "clb.tencentcloudapi.com",
            "DescribeTargetHealth",
            None,
            &json!({"Response": {"LoadBalancers": [], "RequestId": ID}}),
        ),
        entry(
            "nosuch.tencentcloudapi.com",
            "DescribeThings",
            Some("2020-01-01"),
            &json!({"Response": {"RequestId": ID}}),
        ),
        entry(
            "cvm.tencentcloudapi.com",
            "DescribeInstances",
            Some("2099-01-01"),
            &json!({"Response": {"RequestId": ID}}),
        ),
        entry(
            "cvm.tencentcloudapi.com",
            "DescribeInstancez",
            Some("2017-03-12"),
            &json!({"Response": {"RequestId": ID}}),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.har");
    std::fs::write(&path, json!({"log": {"entries": entries}}).to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tc-envelope"))
        .args(["check", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    let records: Vec<Value> = output
        .stdout
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).unwrap())
        .collect();
    let found: Vec<Vec<(String, String)>> = records
        .iter()
        .map(|record| {
            record["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    (
                        d["rule"].as_str().unwrap().to_owned(),
                        d["pointer"].as_str().unwrap().to_owned(),
                    )
                })
                .filter(|(rule, _)| rule != "duplicate-request-id")
                .collect()
        })
        .collect();
    let pair = |rule: &str, pointer: &str| (rule.to_owned(), pointer.to_owned());
    assert_eq!(
        found,
        [
            vec![pair("schema-type-mismatch", "/Response/TotalCount")],
            vec![],
            vec![pair("version-assumed", "")],
            vec![pair("unknown-service", "")],
            vec![pair("unknown-version", "")],
            vec![pair("unknown-action", "")],
        ],
        "{records:#?}"
    );
    let message = records[4]["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("(known: 2017-03-12)"), "{message}");
}
