//! Payloads held against Tencent Cloud's API descriptions: the built-in ones, and CVM's loaded
//! from `../shared/api` when it is there.

use crate::common;

use std::path::Path;

use serde_json::{Value, json};
use tencentcloud_envelope::{
    Call, Outcome, Report, Rule, Schema, Severity, Validator, product_code, validate,
};

const DISKS: &str = include_str!("../fixtures/cbs-describe-disks.json");
const DESCRIBE_DISKS: Call<'static> = Call::new_const("cbs", "2017-03-12", "DescribeDisks");

fn cbs(body: &Value) -> Report {
    Validator::new().validate_call(body.to_string().as_bytes(), DESCRIBE_DISKS)
}

fn disks() -> Value {
    serde_json::from_str(DISKS).unwrap()
}

/// The `(rule, pointer)` of every finding from the description's rules.
fn schema_findings(report: &Report) -> Vec<(Rule, String)> {
    report
        .diagnostics()
        .iter()
        .filter(|d| d.rule().as_str().starts_with("schema-") || d.rule() == Rule::UnknownAction)
        .map(|d| (d.rule(), d.pointer().to_owned()))
        .collect()
}

#[test]
fn a_correct_describe_disks_draws_nothing() {
    let report = cbs(&disks());
    assert!(report.diagnostics().is_empty(), "{report:#?}");
}

#[test]
fn total_count_as_a_string_is_a_type_mismatch() {
    let mut body = disks();
    body["Response"]["TotalCount"] = json!("1");
    let report = cbs(&body);
    assert_eq!(
        schema_findings(&report),
        [(Rule::SchemaTypeMismatch, "/Response/TotalCount".to_owned())]
    );
    assert_eq!(report.diagnostics()[0].severity(), Severity::Warning);
    assert_eq!(
        report.outcome(),
        Outcome::Success,
        "schema findings are warnings"
    );
}

#[test]
fn numbers_are_held_to_their_integer_kind() {
    let cases = [
        ("DiskSize", json!(10.5), true),
        ("DiskSize", json!(-1), true),
        ("DiskSize", json!(1e3), true),
        ("DiskSize", json!(u64::MAX), false),
        ("SnapshotCount", json!(-2), false),
        ("SnapshotCount", json!(u64::MAX), true),
        ("Encrypt", json!(0), true),
        ("CreateTime", json!("2026-11-20T09:30:00Z"), true),
        ("CreateTime", json!(""), true),
        ("CreateTime", json!("2026-02-31 10:00:00"), true),
        ("CreateTime", json!("2023-02-29 10:00:00"), true),
        ("CreateTime", json!("2024-02-29 10:00:00"), false),
        ("AutoSnapshotPolicyIds", json!("asp-1"), true),
        ("AutoSnapshotPolicyIds", json!(["asp-1", 2]), true),
        ("Tags", json!([{"Key": "k", "Value": 1}]), true),
        ("Placement", json!([]), true),
    ];
    for (member, value, mismatch) in cases {
        let mut body = disks();
        body["Response"]["DiskSet"][0][member] = value.clone();
        let findings = schema_findings(&cbs(&body));
        assert_eq!(
            findings
                .iter()
                .any(|(rule, _)| *rule == Rule::SchemaTypeMismatch),
            mismatch,
            "{member} = {value}: {findings:?}"
        );
    }
}

#[test]
fn a_missing_required_member_is_reported_at_its_object() {
    let mut body = disks();
    body["Response"]["DiskSet"][0]
        .as_object_mut()
        .unwrap()
        .remove("DiskId");
    body["Response"]
        .as_object_mut()
        .unwrap()
        .remove("TotalCount");
    let findings = schema_findings(&cbs(&body));
    assert_eq!(
        findings,
        [
            (Rule::SchemaMissingField, "/Response".to_owned()),
            (Rule::SchemaMissingField, "/Response/DiskSet/0".to_owned()),
        ]
    );
}

#[test]
fn null_is_reported_only_where_the_description_forbids_it() {
    let mut body = disks();
    body["Response"]["DiskSet"][0]["DiskName"] = Value::Null;
    body["Response"]["DiskSet"][0]["Placement"]["CdcId"] = Value::Null;
    let findings = schema_findings(&cbs(&body));
    assert_eq!(
        findings,
        [(
            Rule::SchemaNullValue,
            "/Response/DiskSet/0/DiskName".to_owned()
        )]
    );
}

#[test]
fn an_undocumented_member_is_a_note() {
    let mut body = disks();
    body["Response"]["DiskSet"][0]["Colour"] = json!("blue");
    let report = cbs(&body);
    assert_eq!(
        schema_findings(&report),
        [(
            Rule::SchemaUnknownField,
            "/Response/DiskSet/0/Colour".to_owned()
        )]
    );
    assert_eq!(report.diagnostics()[0].severity(), Severity::Note);
}

#[test]
fn findings_point_at_the_right_line() {
    let text = DISKS.replacen(r#""DiskSize": 200"#, r#""DiskSize": "200""#, 1);
    let report = Validator::new().validate_call(text.as_bytes(), DESCRIBE_DISKS);
    let diagnostic = &report.diagnostics()[0];
    let line = text
        .lines()
        .position(|l| l.contains(r#""DiskSize": "200""#))
        .unwrap()
        + 1;
    assert_eq!(
        (diagnostic.pointer(), diagnostic.line()),
        ("/Response/DiskSet/0/DiskSize", line)
    );
}

#[test]
fn an_unknown_action_is_a_warning() {
    let report =
        Validator::new().validate_call(DISKS.as_bytes(), Call::new("cbs").action("DescribeDiskz"));
    assert_eq!(
        schema_findings(&report),
        [(Rule::UnknownAction, String::new())]
    );
}

#[test]
fn failures_are_held_to_the_envelope_rules_only() {
    let body = json!({"Response": {"Error": {"Code": "InvalidDisk.Busy", "Message": "busy"}, "TotalCount": "x",
        "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}});
    let report = Validator::new()
        .validate_call(body.to_string().as_bytes(), Call::new("cbs").action("Nope"));
    let rules: Vec<Rule> = report
        .diagnostics()
        .iter()
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect();
    assert_eq!(
        rules,
        [Rule::ErrorWithPayload],
        "no schema finding, no unknown-action, no unknown-error-code"
    );
}

#[test]
fn product_codes_are_known_when_the_service_is() {
    let body = br#"{"Response": {"Error": {"Code": "InvalidDisk.Busy", "Message": "busy"}, "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}"#;
    // Without a service, any product's list counts.
    assert!(!validate(body).has(Rule::UnknownErrorCode));
    assert!(
        !Validator::new()
            .validate_call(body, Call::new("cbs"))
            .has(Rule::UnknownErrorCode)
    );
    assert!(
        Validator::new()
            .validate_call(body, Call::new("cvm"))
            .has(Rule::UnknownErrorCode)
    );
    assert!(product_code("cbs", "InvalidDisk.Busy").is_some());
}

#[test]
fn without_an_action_nothing_is_checked() {
    let mut body = disks();
    body["Response"]["TotalCount"] = json!("1");
    let text = body.to_string();
    assert!(validate(text.as_bytes()).diagnostics().is_empty());
    assert!(
        Validator::new()
            .validate_call(text.as_bytes(), Call::new("cbs"))
            .diagnostics()
            .is_empty()
    );
}

/// The `(rule, message)` of every finding.
fn said(report: &Report) -> Vec<(Rule, String)> {
    report
        .diagnostics()
        .iter()
        .map(|d| (d.rule(), d.message().to_owned()))
        .collect()
}

#[test]
fn an_unknown_service_is_a_note_and_nothing_is_checked() {
    let mut body = disks();
    body["Response"]["TotalCount"] = json!("1");
    let report = Validator::new().validate_call(
        body.to_string().as_bytes(),
        Call::new("nosuch")
            .version("2017-03-12")
            .action("DescribeDisks"),
    );
    assert_eq!(
        said(&report),
        [(
            Rule::UnknownService,
            "no API description is known for the service `nosuch`".to_owned()
        )]
    );
    assert_eq!(report.diagnostics()[0].severity(), Severity::Note);
    let report = Validator::new().validate_call(DISKS.as_bytes(), Call::new("nosuch"));
    assert_eq!(said(&report).len(), 1, "said even without an action");
}

#[test]
fn an_unknown_version_is_a_warning_naming_the_known_ones() {
    let report = Validator::new().validate_call(
        DISKS.as_bytes(),
        Call::new("clb")
            .version("2099-01-01")
            .action("DescribeDisks"),
    );
    assert_eq!(
        said(&report),
        [(
            Rule::UnknownVersion,
            "`clb` has no API description of version `2099-01-01` (known: 2018-03-17, 2023-04-17)"
                .to_owned()
        )]
    );
    assert_eq!(report.diagnostics()[0].severity(), Severity::Warning);
}

#[test]
fn a_version_left_out_picks_the_newest_and_says_so() {
    // `clb` has two versions; only the older one has `DescribeTaskStatus`.
    let body = br#"{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    let report =
        Validator::new().validate_call(body, Call::new("clb").action("DescribeTaskStatus"));
    let rules: Vec<Rule> = report
        .diagnostics()
        .iter()
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect();
    assert_eq!(
        rules,
        [Rule::VersionAssumed, Rule::UnknownAction],
        "{report:#?}"
    );
    let note = report
        .diagnostics()
        .iter()
        .find(|d| d.rule() == Rule::VersionAssumed)
        .unwrap();
    assert_eq!(note.severity(), Severity::Note);
    assert!(
        note.message().contains("`clb` 2023-04-17"),
        "{}",
        note.message()
    );
    let named = Validator::new().validate_call(
        body,
        Call::new("clb")
            .version("2018-03-17")
            .action("DescribeTaskStatus"),
    );
    let rules: Vec<Rule> = named
        .diagnostics()
        .iter()
        .map(tencentcloud_envelope::Diagnostic::rule)
        .collect();
    assert_eq!(
        rules,
        [Rule::SchemaMissingField],
        "the 2018 description applies"
    );
}

#[test]
fn a_version_left_out_of_a_single_version_service_is_not_remarked() {
    let report =
        Validator::new().validate_call(DISKS.as_bytes(), Call::new("cbs").action("DescribeDisks"));
    assert!(report.diagnostics().is_empty(), "{report:#?}");
    let mut body = disks();
    body["Response"]["TotalCount"] = json!("1");
    let report = Validator::new().validate_call(
        body.to_string().as_bytes(),
        Call::new("cbs").action("DescribeDisks"),
    );
    assert_eq!(
        schema_findings(&report),
        [(Rule::SchemaTypeMismatch, "/Response/TotalCount".to_owned())],
        "the one description still applies"
    );
}

#[test]
fn a_version_left_out_prefers_a_newer_description_of_the_callers_own() {
    let own = Schema::from_compact(
        "cbs 2099-01-01\n>DescribeDisks 0\n#DescribeDisksResponse\nOnlyHere s!\n",
    )
    .unwrap();
    let report = Validator::new()
        .schema(own)
        .validate_call(DISKS.as_bytes(), Call::new("cbs").action("DescribeDisks"));
    let rules: Vec<(Rule, String)> = schema_findings(&report);
    assert!(
        rules.contains(&(Rule::SchemaMissingField, "/Response".to_owned())),
        "checked against the caller's 2099 description: {report:#?}"
    );
    let older = Schema::from_compact(
        "cbs 2000-01-01\n>DescribeDisks 0\n#DescribeDisksResponse\nOnlyHere s!\n",
    )
    .unwrap();
    let report = Validator::new()
        .schema(older)
        .validate_call(DISKS.as_bytes(), Call::new("cbs").action("DescribeDisks"));
    assert!(schema_findings(&report).is_empty(), "{report:#?}");
}

#[test]
fn a_failure_draws_no_finding_about_the_call() {
    let body = br#"{"Response": {"Error": {"Code": "InternalError", "Message": "boom"}, "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    for call in [
        Call::new("nosuch").action("A"),
        Call::new("clb").version("1999-01-01").action("A"),
        Call::new("clb").action("DescribeTaskStatus"),
    ] {
        let report = Validator::new().validate_call(body, call);
        assert!(report.diagnostics().is_empty(), "{call:?}: {report:#?}");
    }
}

fn cvm() -> Option<Schema> {
    let path = common::shared("api")?.join("cvm-2017-03-12.api.json");
    let text = std::fs::read_to_string(path).unwrap();
    Some(Schema::from_api_json(&text).unwrap())
}

#[test]
fn cvm_through_a_loaded_description() {
    let Some(cvm) = cvm() else { return };
    let call = Call::new("cvm")
        .version("2017-03-12")
        .action("DescribeInstancesStatus");
    let mut validator = Validator::new().schema(cvm);
    let good = json!({"Response": {"TotalCount": 1, "InstanceStatusSet": [{"InstanceId": "ins-1", "InstanceState": "RUNNING"}],
        "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}});
    assert!(
        validator
            .validate_call(good.to_string().as_bytes(), call)
            .diagnostics()
            .is_empty()
    );
    let mut bad = good.clone();
    bad["Response"]["TotalCount"] = json!("1");
    bad["Response"]["InstanceStatusSet"][0]["InstanceState"] = Value::Null;
    bad["Response"]["InstanceStatusSet"][0]
        .as_object_mut()
        .unwrap()
        .remove("InstanceId");
    bad["Response"]["Extra"] = json!(1);
    bad["Response"]["RequestId"] = json!("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
    let mut findings = schema_findings(&validator.validate_call(bad.to_string().as_bytes(), call));
    findings.sort();
    let mut expected = vec![
        (
            Rule::SchemaMissingField,
            "/Response/InstanceStatusSet/0".to_owned(),
        ),
        (Rule::SchemaTypeMismatch, "/Response/TotalCount".to_owned()),
        (
            Rule::SchemaNullValue,
            "/Response/InstanceStatusSet/0/InstanceState".to_owned(),
        ),
        (Rule::SchemaUnknownField, "/Response/Extra".to_owned()),
    ];
    expected.sort();
    assert_eq!(findings, expected);
}

/// Runs a product's built-in description over its documentation examples, returning the
/// examples that are JSON and disagree with it, and how.
fn disagreements(product: &str) -> Vec<(String, Vec<(Rule, String)>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../shared/corpus/doc-examples/{product}/v20170312"));
    let mut validator = Validator::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut found = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let action = name.split('.').next().unwrap();
        let body = std::fs::read(&path).unwrap();
        let report = validator.validate_call(
            &body,
            Call::new(product).version("2017-03-12").action(action),
        );
        let findings = schema_findings(&report);
        if !findings.is_empty() && !report.has(Rule::InvalidJson) {
            found.push((name, findings));
        }
    }
    found
}

/// The examples docs/schemas.md lists as disagreeing with their description, for `product`.
fn documented(product: &str) -> Vec<String> {
    let guide = include_str!("../../docs/schemas.md");
    let start = guide
        .find("## Where the documentation disagrees with itself")
        .unwrap();
    guide[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| line.split('|').nth(1))
        .map(|cell| cell.trim().trim_matches('`'))
        .filter_map(|cell| cell.strip_prefix(&format!("{product}/")))
        .map(str::to_owned)
        .collect()
}

#[test]
fn documentation_examples_disagree_only_where_the_schema_guide_says() {
    if common::shared("corpus/doc-examples").is_none() {
        return;
    }
    for product in ["cbs", "cvm"] {
        let found = disagreements(product);
        for (name, findings) in &found {
            eprintln!("{product}/{name}: {findings:?}");
        }
        let names: Vec<String> = found.into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, documented(product), "{product}");
    }
}

/// The 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// Where findings inside lists point: at the element, not at the list's `[`.
#[test]
fn findings_inside_lists_point_at_the_element() {
    let mut body = disks();
    let second = body["Response"]["DiskSet"][0].clone();
    body["Response"]["DiskSet"]
        .as_array_mut()
        .unwrap()
        .push(second);
    body["Response"]["DiskSet"][1]
        .as_object_mut()
        .unwrap()
        .remove("DiskId");
    body["Response"]["DiskSet"][1]["AutoSnapshotPolicyIds"] = json!(["asp-1", "asp-2", 7]);
    body["Response"]["TotalCount"] = json!(2);
    let text = serde_json::to_string_pretty(&body).unwrap();
    let report = Validator::new().validate_call(text.as_bytes(), DESCRIBE_DISKS);
    // Pretty-printed, the elements of `DiskSet` are the objects opened at six spaces in.
    let element = text.match_indices("\n      {").nth(1).unwrap().0 + 7;
    let seven = text.find("asp-2\",").unwrap() + "asp-2\",".len();
    let seven = seven + text[seven..].find('7').unwrap();
    let placed: Vec<(String, usize, (usize, usize))> = report
        .diagnostics()
        .iter()
        .map(|d| (d.pointer().to_owned(), d.offset(), (d.line(), d.column())))
        .collect();
    assert_eq!(
        placed,
        [
            (
                "/Response/DiskSet/1".to_owned(),
                element,
                line_column(&text, element)
            ),
            (
                "/Response/DiskSet/1/AutoSnapshotPolicyIds/2".to_owned(),
                seven,
                line_column(&text, seven)
            ),
        ]
    );
}

#[test]
fn elements_written_compactly_or_after_strings_with_brackets_are_placed_too() {
    let schema =
        Schema::from_compact("demo 2020-01-01\n>List 0\n#ListResponse\nItems *i-\nRequestId s\n")
            .unwrap();
    let mut validator = Validator::new().schema(schema);
    let call = Call::new("demo").version("2020-01-01").action("List");
    // Each case's last finding differs in rule from the earlier elements' ones, which the
    // first element's finding would otherwise stand for.
    let cases = [
        (r#"[["a,]\"", 1], 2, null]"#, "null", "/2"),
        (r#"[ {"x": "}]"} , null ]"#, "null", "/1"),
        ("[1,\n\ttrue]", "true", "/1"),
        ("[[], {}, [[\"[\"]], 7, null]", "null", "/4"),
    ];
    for (list, needle, index) in cases {
        let text = format!(
            r#"{{"Response": {{"Items": {list}, "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}}}"#
        );
        validator.reset();
        let report = validator.validate_call(text.as_bytes(), call);
        let at = text.find(list).unwrap() + list.rfind(needle).unwrap();
        let mismatch = report
            .diagnostics()
            .iter()
            .find(|d| d.pointer() == format!("/Response/Items{index}"))
            .unwrap_or_else(|| panic!("{list}: {report:#?}"));
        assert_eq!(
            (mismatch.offset(), (mismatch.line(), mismatch.column())),
            (at, line_column(&text, at)),
            "{list}"
        );
    }
}
