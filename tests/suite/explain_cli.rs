//! `tc-envelope explain` and `tc-envelope codes`, run as a person with a code from a log would.
#![cfg(feature = "cli")]

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn tool() -> Command {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    // English unless a test asks for another language.
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
}

#[test]
fn the_meaning_is_chinese_with_lang_zh_or_a_chinese_locale() {
    let chinese = "云硬盘正被其他操作占用";
    for (args, locale) in [
        (&["--lang", "zh"][..], None),
        (&[][..], Some(("LANG", "zh_CN.UTF-8"))),
        (&[][..], Some(("LC_MESSAGES", "zh_TW"))),
    ] {
        let mut command = tool();
        command.args(["explain", "InvalidDisk.Busy"]).args(args);
        if let Some((name, value)) = locale {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains(chinese), "{args:?} {locale:?}: {text}");
    }
    // LC_ALL overrides LANG, and --lang overrides both.
    let english = tool()
        .args(["explain", "InvalidDisk.Busy"])
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(!String::from_utf8(english.stdout).unwrap().contains(chinese));
    let english = tool()
        .args(["explain", "InvalidDisk.Busy", "--lang", "en"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(!String::from_utf8(english.stdout).unwrap().contains(chinese));
    tool()
        .args(["explain", "InvalidDisk.Busy", "--lang", "fr"])
        .assert()
        .code(2);
}

#[test]
fn the_json_answer_carries_both_languages_and_the_sites() {
    let (status, answer) = explain_json(&["InvalidDisk.Busy", "--lang", "zh"]);
    assert_eq!(status, Some(0));
    assert_eq!(answer["lang"], "zh");
    assert_eq!(
        answer["description"],
        answer["translations"]["zh"]["description"]
    );
    assert!(
        answer["translations"]["en"]["description"]
            .as_str()
            .unwrap()
            .contains("cloud disk")
    );
    assert!(
        answer["translations"]["zh"]["advice"]
            .as_str()
            .unwrap()
            .contains("重发")
    );
    assert_eq!(answer["sites"], serde_json::json!(["intl", "china"]));
    let (_, answer) = explain_json(&["ResourceInUse.DeploymentName", "--service", "ags"]);
    assert_eq!(answer["sites"], serde_json::json!(["china"]));
}

fn explain_json(args: &[&str]) -> (Option<i32>, Value) {
    let output = tool()
        .args(["explain", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap();
    (output.status.code(), json)
}

fn codes_json(args: &[&str]) -> Vec<Value> {
    let output = tool()
        .args(["codes", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_sample_of_the_official_list_is_known_through_the_binary() {
    let Some(path) = common::shared("reference/product-error-codes.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines().skip(1).step_by(373) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (service, code) = (cells[0], cells[2]);
        let (status, json) = explain_json(&[code]);
        assert_eq!(status, Some(0), "{code}");
        assert_eq!(json["known"], true, "{code}");
        assert_eq!(json["code"], code);
        let products = json["products"].as_array().unwrap();
        assert!(
            products.iter().any(|p| p == service),
            "{code}: {products:?}"
        );
    }
}

#[test]
fn json_keeps_known_and_retryable_and_adds_the_new_fields() {
    let (status, json) = explain_json(&["InvalidDisk.Busy"]);
    assert_eq!(status, Some(0));
    assert_eq!(json["known"], true);
    assert_eq!(json["retryable"], true);
    assert_eq!(json["retry_advice"], "retry-later");
    assert_eq!(json["kind"], "product");
    assert_eq!(json["products"], serde_json::json!(["cbs"]));
    assert_eq!(json["reviewed"], true);
    assert!(
        json["documentation"]
            .as_str()
            .unwrap()
            .ends_with("/cbs/v20170312/errors.go")
    );
    assert!(json["advice"].as_str().unwrap().contains("transient state"));

    let (_, json) = explain_json(&["InternalError.ParamError"]);
    assert_eq!(json["category"], "server");
    assert_eq!(json["retryable"], false);
    assert_eq!(json["retry_advice"], "do-not-retry");
}

#[test]
fn explain_with_a_service_agrees_with_check_with_that_service() {
    let dir = tempfile::tempdir().unwrap();
    for (code, service, recognised) in [
        ("InvalidInstanceId.NotFound", "cvm", true),
        ("InvalidDisk.Busy", "cbs", true),
        ("InvalidDisk.Busy", "cvm", false),
    ] {
        let path = dir.path().join(format!("{code}-{service}.json"));
        std::fs::write(
            &path,
            format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}}}"#),
        )
        .unwrap();
        let (status, json) = explain_json(&[code, "--service", service]);
        assert_eq!(status, Some(i32::from(!recognised)), "{code} {service}");
        assert_eq!(json["kind"] != "unknown", recognised, "{code} {service}");
        let output = tool()
            .args(["check", "--format", "jsonl", "--service", service])
            .arg(&path)
            .output()
            .unwrap();
        let record: Value = serde_json::from_slice(&output.stdout).unwrap();
        let fired = record["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "unknown-error-code");
        assert_eq!(fired, !recognised, "{code} {service}: {record}");
    }
}

#[test]
fn exit_status_is_zero_whenever_the_code_is_recognised() {
    // Documented: 0 for every kind but unknown, prefix-only codes included; 1 for unknown.
    for (code, status, known) in [
        ("AuthFailure.Whatever", 0, false),
        ("FailedOperation.X", 0, false),
        ("RequestLimitExceeded", 0, true),
        ("ClientSideError", 0, true),
        ("Bogus.Code", 1, false),
    ] {
        let (actual, json) = explain_json(&[code]);
        assert_eq!(actual, Some(status), "{code}");
        assert_eq!(json["known"], known, "{code}");
        tool().args(["explain", code]).assert().code(status);
    }
}

#[test]
fn a_code_longer_than_any_is_answered_without_a_search_for_suggestions() {
    // 3 KB: a search of every known code for near spellings takes about a minute here.
    let code = format!("InvalidParameter{}", ".Ab".repeat(1_000));
    tool()
        .args(["explain", &code])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a code of 3016 bytes is not a known error code: none is longer than 256 bytes",
        ))
        .stderr(predicate::str::contains(".Ab.Ab").not());
    let (status, json) = explain_json(&[&code]);
    assert_eq!(status, Some(1));
    assert_eq!(json["kind"], "unknown");
    assert_eq!(json["common"], Value::Null);
    assert_eq!(json["category"], Value::Null);
    assert_eq!(json.get("suggestions"), None);
}

#[test]
fn input_is_trimmed_and_case_folded() {
    let (status, json) = explain_json(&["  invaliddisk.snapshotcreating "]);
    assert_eq!(status, Some(0));
    assert_eq!(json["code"], "InvalidDisk.SnapshotCreating");
    assert_eq!(json["retry_advice"], "retry-later");
}

#[test]
fn text_explains_for_a_person() {
    tool()
        .args(["explain", "ResourceInUse.DiskMigrating"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("category:     resource-state"))
        .stdout(predicate::str::contains(
            "retryable:    yes, once the resource's state has changed (retry-later)",
        ))
        .stdout(predicate::str::contains("documented:   https://"));
    tool()
        .args(["explain", "AuthFailure.SignatureFailed"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "did you mean: AuthFailure.SignatureFailure",
        ));
    tool()
        .args(["explain", "InvalidDisk.Busy", "--service", "cvm"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "not a known error code for cvm; listed by cbs",
        ));
}

#[test]
fn codes_lists_every_kind_and_filters() {
    assert_eq!(codes_json(&["--kind", "common"]).len(), 38);
    assert_eq!(codes_json(&["--kind", "legacy"]).len(), 12);
    assert_eq!(codes_json(&["--kind", "sdk"]).len(), 15);
    let cbs = codes_json(&["--service", "cbs"]);
    // CBS's codes of both sites (76 on the international site).
    assert_eq!(cbs.len(), 81);
    assert!(
        cbs.iter()
            .all(|r| r["products"].as_array().unwrap().iter().any(|p| p == "cbs"))
    );
    let migrating = codes_json(&["diskmigrating"]);
    assert!(
        migrating
            .iter()
            .any(|r| r["code"] == "ResourceInUse.DiskMigrating")
    );
    assert!(migrating.iter().all(|r| {
        r["code"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("diskmigrating")
    }));
    let throttling = codes_json(&["--category", "throttling", "--kind", "common"]);
    assert_eq!(throttling.len(), 4);
    assert!(throttling.iter().all(|r| r["retry_advice"] == "retry"));
    let all = codes_json(&[]);
    assert!(all.len() > 12_793, "{}", all.len());
    tool()
        .args(["codes", "--kind", "nonsense"])
        .assert()
        .code(2);
}

#[test]
fn the_guides_show_the_tools_real_output() {
    let readme = include_str!("../../README.md");
    let cli = include_str!("../../docs/cli.md");
    for (guide, text, args) in [
        ("README.md", readme, &["explain", "invaliddisk.busy"][..]),
        (
            "README.md",
            readme,
            &["explain", "InvalidDisk.Busy", "--lang", "zh"][..],
        ),
        ("docs/cli.md", cli, &["explain", "invaliddisk.busy"][..]),
        (
            "docs/cli.md",
            cli,
            &["codes", "--service", "cbs", "busy"][..],
        ),
    ] {
        let output = tool().args(args).output().unwrap();
        let shown = format!(
            "$ tc-envelope {}\n{}",
            args.join(" "),
            String::from_utf8(output.stdout).unwrap()
        );
        assert!(text.contains(&shown), "{guide} should show:\n{shown}");
    }
}

/// Every listing of both official files is known to the binary, with its sites.
#[test]
fn codes_knows_every_listing_of_both_sites_with_its_sites() {
    let Some(reference) = common::shared("reference") else {
        return;
    };
    let mut expected: std::collections::BTreeMap<(String, String), Vec<&str>> =
        std::collections::BTreeMap::new();
    for (file, site) in [
        ("product-error-codes.tsv", "intl"),
        ("product-error-codes-china.tsv", "china"),
    ] {
        let text = std::fs::read_to_string(reference.join(file)).unwrap();
        for line in text.lines().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            let sites = expected
                .entry((cells[0].to_owned(), cells[2].to_owned()))
                .or_default();
            if !sites.contains(&site) {
                sites.push(site);
            }
        }
    }
    let mut rows = codes_json(&["--kind", "product"]);
    rows.extend(codes_json(&["--kind", "common"]));
    let mut found: std::collections::BTreeMap<(String, String), Vec<&str>> =
        std::collections::BTreeMap::new();
    for row in &rows {
        let code = row["code"].as_str().unwrap();
        for (service, sites) in row["sites"].as_object().unwrap() {
            let sites = sites.as_array().unwrap().iter();
            let sites = sites.map(|s| s.as_str().unwrap()).collect();
            found.insert((service.clone(), code.to_owned()), sites);
        }
    }
    assert_eq!(found.len(), 17_511);
    assert_eq!(found, expected);
}
