//! `explain`: one answer for any code string, agreeing with the validator.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;
use tencentcloud_envelope::{
    Call, Category, CodeKind, CommonCode, Lang, RetryAdvice, Rule, Validator, explain, product_code,
};

/// `code -> services` from both sites' official lists, when `../shared` is beside the
/// repository.
fn official_list() -> Option<BTreeMap<String, BTreeSet<String>>> {
    let mut codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in ["product-error-codes.tsv", "product-error-codes-china.tsv"] {
        let path = common::shared(&format!("reference/{file}"))?;
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().skip(1) {
            let mut cells = line.split('\t');
            let (service, _version, code) = (cells.next()?, cells.next()?, cells.next()?);
            codes
                .entry(code.to_owned())
                .or_default()
                .insert(service.to_owned());
        }
    }
    Some(codes)
}

fn failure(code: &str) -> Vec<u8> {
    let code = serde_json::to_string(code).unwrap();
    format!(
        r#"{{"Response": {{"Error": {{"Code": {code}, "Message": "m"}}, "RequestId": "3c9a5e2f-6b1d-4f7e-9a08-1d2e3f4a5b6c"}}}}"#
    )
    .into_bytes()
}

fn fires_unknown_code(code: &str, service: Option<&str>) -> bool {
    let body = failure(code);
    let mut validator = Validator::new();
    let report = match service {
        Some(service) => validator.validate_call(&body, Call::new(service)),
        None => validator.validate_call(&body, Call::default()),
    };
    report.has(Rule::UnknownErrorCode)
}

#[test]
fn every_code_of_the_official_list_is_known_with_its_products() {
    let Some(codes) = official_list() else {
        return;
    };
    assert_eq!(codes.len(), 12_793, "distinct codes of both sites");
    for (code, services) in &codes {
        let answer = explain(code, None);
        assert!(answer.is_known(), "{code}");
        assert_eq!(answer.code(), code);
        let products: BTreeSet<String> =
            answer.products().iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(&products, services, "{code}");
        for service in services {
            assert!(product_code(service, code).is_some(), "{service} {code}");
            let answer = explain(code, Some(service));
            assert!(answer.is_recognized(), "{service} {code}");
        }
    }
}

/// What `../shared/reference/common-codes.md` says any product may answer: the common codes
/// (its table) and the codes met in the wild (its list of early API 3.0 and SDK-made codes).
fn codes_of_every_product() -> Option<(BTreeSet<String>, BTreeSet<String>)> {
    let path = common::shared("reference/common-codes.md")?;
    let text = std::fs::read_to_string(path).unwrap();
    let section = |from: &str, to: &str| {
        let start = text.find(from).unwrap();
        let end = start + text[start..].find(to).unwrap();
        text[start..end].to_owned()
    };
    let common: BTreeSet<String> = section("## Common error codes", "## API-specific codes")
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|row| row.split(" |").next())
        .filter(|cell| !["Code", "---"].contains(cell))
        .map(str::to_owned)
        .collect();
    assert_eq!(common.len(), 38, "the table's heading counts 38");
    let wild: BTreeSet<String> = section("## Codes met in the wild", "- API 2.0")
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((common, wild))
}

#[test]
fn explain_and_the_validator_agree_for_every_listed_code_and_service() {
    // The expectation comes from ../shared alone: a code is unknown for a service when it is
    // neither common, nor met in the wild, nor in the family of a common code's first segment
    // (`FailedOperation.*`, `AuthFailure.*`), and the official lists name the service but not
    // for it. A service the lists do not name is ignored.
    let (Some(codes), Some((common, wild))) = (official_list(), codes_of_every_product()) else {
        return;
    };
    let families: BTreeSet<&str> = common.iter().filter_map(|c| c.split('.').next()).collect();
    let listed_services: BTreeSet<&str> = codes.values().flatten().map(String::as_str).collect();
    let well_formed = |code: &str| {
        code.split('.').all(|segment| {
            segment
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
                && segment.chars().all(|c| c.is_ascii_alphanumeric())
        })
    };
    let mut disagreements = Vec::new();
    let mut unknown_pairs = 0;
    for (code, services) in codes.iter().filter(|(code, _)| well_formed(code)) {
        let everywhere = common.contains(code)
            || wild.contains(code)
            || code
                .split('.')
                .next()
                .is_some_and(|first| families.contains(first));
        let elsewhere = ["cvm", "cbs", "scf"]
            .into_iter()
            .find(|s| !services.contains(*s));
        for service in
            services
                .iter()
                .map(String::as_str)
                .map(Some)
                .chain([None, elsewhere, Some("nosuch")])
        {
            let expected = !everywhere
                && service.is_some_and(|s| listed_services.contains(s) && !services.contains(s));
            unknown_pairs += usize::from(expected);
            let explained = !explain(code, service).is_recognized();
            let fired = fires_unknown_code(code, service);
            if (explained, fired) != (expected, expected) {
                disagreements.push(format!(
                    "{code} for {service:?}: expected unknown {expected}, explain {explained}, validator {fired}"
                ));
            }
        }
    }
    assert_eq!(unknown_pairs, 644, "pairs expected unknown");
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn invalid_instance_id_not_found_is_a_cvm_code_for_explain_and_check() {
    let answer = explain("InvalidInstanceId.NotFound", Some("cvm"));
    assert_eq!(answer.kind(), CodeKind::Product);
    assert!(answer.products().contains(&"cvm"));
    assert!(
        answer.description().contains("instance"),
        "{}",
        answer.description()
    );
    assert!(
        !answer.description().contains("CBS"),
        "{}",
        answer.description()
    );
    assert!(!fires_unknown_code(
        "InvalidInstanceId.NotFound",
        Some("cvm")
    ));

    let answer = explain("InvalidDisk.Busy", Some("cvm"));
    assert_eq!(answer.kind(), CodeKind::Unknown);
    assert_eq!(answer.products(), ["cbs"]);
    assert!(fires_unknown_code("InvalidDisk.Busy", Some("cvm")));
    assert!(!fires_unknown_code("InvalidDisk.Busy", Some("cbs")));
    assert!(!fires_unknown_code("InvalidDisk.Busy", None));
}

#[test]
fn a_service_the_catalogue_does_not_know_is_ignored() {
    assert_eq!(
        explain("InvalidDisk.Busy", Some("nosuch")).kind(),
        CodeKind::Product
    );
    assert!(!fires_unknown_code("InvalidDisk.Busy", Some("nosuch")));
}

#[test]
fn each_kind_is_recognised() {
    let cases = [
        ("AuthFailure.SignatureFailure", CodeKind::Common, true),
        ("InvalidDisk.Busy", CodeKind::Product, true),
        ("InvalidParameter.SignatureFailure", CodeKind::Legacy, true),
        ("ClientError.NetworkError", CodeKind::Sdk, true),
        (
            "FailedOperation.NoProductListsThis",
            CodeKind::UnderCommonPrefix,
            false,
        ),
        (
            "AuthFailure.NoProductListsThis",
            CodeKind::UnderCommonPrefix,
            false,
        ),
        ("Bogus.Code", CodeKind::Unknown, false),
    ];
    for (code, kind, known) in cases {
        let answer = explain(code, None);
        assert_eq!(answer.kind(), kind, "{code}");
        assert_eq!(answer.is_known(), known, "{code}");
        assert_eq!(answer.is_recognized(), kind != CodeKind::Unknown, "{code}");
    }
}

#[test]
fn input_is_trimmed_and_matched_ignoring_case_under_the_canonical_spelling() {
    let answer = explain("  resourcebusy\n", None);
    assert_eq!(answer.code(), "ResourceBusy");
    assert_eq!(answer.retry_advice(), RetryAdvice::RetryLater);
    assert_eq!(
        explain("REQUESTLIMITEXCEEDED", None).code(),
        "RequestLimitExceeded"
    );
    assert_eq!(explain("clientsideerror", None).kind(), CodeKind::Sdk);
    // Two spellings that differ only in case are both listed: the exact one wins, the
    // other is named.
    let answer = explain("InternalError.DbError", None);
    assert_eq!(answer.code(), "InternalError.DbError");
    let answer = explain("internalerror.dberror", None);
    assert!(["InternalError.DBError", "InternalError.DbError"].contains(&answer.code()));
    assert_eq!(answer.other_spellings().len(), 1);
    // Unknown input keeps its trimmed spelling.
    assert_eq!(explain(" Bogus ", None).code(), "Bogus");
}

#[test]
fn documentation_pages() {
    assert_eq!(
        explain("InternalError", None).documentation(),
        Some("https://cloud.tencent.com/document/api/213/30435")
    );
    assert_eq!(
        explain("InvalidDisk.Busy", None).documentation(),
        Some(
            "https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/cbs/v20170312/errors.go"
        )
    );
    assert_eq!(
        explain("FailedOperation.Whatever", None).documentation(),
        None
    );
}

#[test]
fn legacy_codes_name_their_successor_and_take_its_category() {
    let answer = explain("InvalidRequest.LimitExceeded", None);
    assert_eq!(answer.category(), Some(Category::Throttling));
    assert_eq!(answer.retry_advice(), RetryAdvice::Retry);
    assert!(
        answer.description().contains("`RequestLimitExceeded`"),
        "{}",
        answer.description()
    );
    assert_eq!(answer.common(), Some(CommonCode::InvalidRequest));
}

#[test]
fn a_code_no_product_lists_gets_a_reading_of_its_parts_in_both_languages() {
    let answer = explain("FailedOperation.SomethingNew", None);
    assert_eq!(answer.kind(), CodeKind::UnderCommonPrefix);
    assert!(!answer.is_reviewed() && !answer.is_advice_stated());
    assert_eq!(answer.retry_advice(), RetryAdvice::DoNotRetry);
    for lang in [Lang::En, Lang::Zh] {
        let text = answer.description_in(lang);
        assert!(text.contains("`FailedOperation`"), "{text}");
        assert!(text.contains("something new"), "{text}");
    }
    // A listed code nobody reviewed has a meaning of its own, not a reading.
    let answer = explain("FailedOperation.DbError", None);
    assert!(!answer.is_reviewed() && answer.is_advice_stated());
    assert!(
        !answer.description().contains("No product lists"),
        "{}",
        answer.description()
    );
}

#[test]
fn codes_several_products_review_differently_get_no_retry_advice_without_a_service() {
    // The official lists (../shared/reference) give each code to both products; their own
    // advice (data/meanings) differs.
    let cases = [
        (
            "UnsupportedOperation.StateError",
            [
                ("bdrc", RetryAdvice::RetryLater),
                ("cbs", RetryAdvice::DoNotRetry),
            ],
        ),
        (
            "InternalError.KmsError",
            [
                ("cdb", RetryAdvice::DoNotRetry),
                ("emr", RetryAdvice::RetryIfIdempotent),
            ],
        ),
    ];
    for (code, products) in cases {
        let answer = explain(code, None);
        assert_eq!(answer.kind(), CodeKind::Product, "{code}");
        assert_eq!(
            answer.products(),
            products.map(|(service, _)| service),
            "{code}"
        );
        assert_eq!(answer.retry_advice(), RetryAdvice::DoNotRetry, "{code}");
        assert!(!answer.is_advice_stated(), "{code}");
        assert!(
            answer.description().ends_with(
                " Whether to retry differs by product: name the service for its own advice."
            ),
            "{code}: {}",
            answer.description()
        );
        // With the service, each product's own advice, stated.
        for (service, advice) in products {
            let answer = explain(code, Some(service));
            assert_eq!(answer.retry_advice(), advice, "{service} {code}");
            assert!(answer.is_advice_stated(), "{service} {code}");
        }
    }
}

proptest! {
    #[test]
    fn any_input_gets_an_answer_and_the_validator_agrees(text in "\\PC{0,40}|[A-Z][A-Za-z]{0,12}(\\.[A-Z][A-Za-z0-9]{0,12}){0,2}") {
        let answer = explain(&text, None);
        prop_assert!(!answer.what_to_do().is_empty());
        if !answer.is_known() {
            prop_assert_eq!(answer.code(), text.trim());
        }
        let trimmed = text.trim();
        let well_formed = !trimmed.is_empty() && trimmed == answer.code() && trimmed.split('.').all(|s| {
            s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if well_formed {
            prop_assert_eq!(!answer.is_recognized(), fires_unknown_code(trimmed, None));
        }
    }
}

/// One meanings file: `code -> (advice, reviewed, en, zh)`.
fn meanings_file(path: &Path) -> BTreeMap<String, (RetryAdvice, bool, String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = BTreeMap::new();
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let advice = match cells[1] {
            "no" => RetryAdvice::DoNotRetry,
            "retry" => RetryAdvice::Retry,
            "idempotent" => RetryAdvice::RetryIfIdempotent,
            "later" => RetryAdvice::RetryLater,
            other => panic!("{}: advice {other}", path.display()),
        };
        let row = (
            advice,
            cells[2] == "yes",
            cells[3].to_owned(),
            cells[4].to_owned(),
        );
        rows.insert(cells[0].to_owned(), row);
    }
    rows
}

#[test]
fn the_generated_table_holds_every_meaning_of_data_meanings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/meanings");
    let by_code = meanings_file(&dir.join("by-code.tsv"));
    let mut by_product = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("by-product")).unwrap() {
        let path = entry.unwrap().path();
        let service = path.file_stem().unwrap().to_str().unwrap().to_owned();
        for (code, row) in meanings_file(&path) {
            assert!(product_code(&service, &code).is_some(), "{service} {code}");
            by_product.insert((service.clone(), code), row);
        }
    }
    let regenerate = "regenerate src/codes/catalog/table.rs";
    for listing in tencentcloud_envelope::product_codes() {
        let key = (listing.service().to_owned(), listing.code().to_owned());
        let Some((advice, reviewed, en, zh)) =
            by_product.get(&key).or_else(|| by_code.get(listing.code()))
        else {
            assert!(
                listing.code().parse::<CommonCode>().is_ok(),
                "{key:?}: no meaning"
            );
            continue;
        };
        assert_eq!(
            listing.description_in(Lang::En),
            en,
            "{key:?}: {regenerate}"
        );
        assert_eq!(
            listing.description_in(Lang::Zh),
            zh,
            "{key:?}: {regenerate}"
        );
        assert_eq!(listing.retry_advice(), *advice, "{key:?}: {regenerate}");
        assert_eq!(listing.is_reviewed(), *reviewed, "{key:?}: {regenerate}");
    }
}

#[test]
fn the_code_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<tencentcloud_envelope::Explanation>();
    check::<tencentcloud_envelope::ProductCode>();
    check::<RetryAdvice>();
    check::<CodeKind>();
    check::<tencentcloud_envelope::LegacyCode>();
    check::<tencentcloud_envelope::SdkCode>();
    check::<tencentcloud_envelope::UnknownCodeKind>();
}

#[test]
fn code_kinds_parse_from_their_names_and_errors_name_the_input() {
    for &kind in CodeKind::ALL {
        assert_eq!(kind.as_str().parse::<CodeKind>(), Ok(kind));
    }
    let error = "products".parse::<CodeKind>().unwrap_err();
    assert_eq!(error.input(), "products");
    assert_eq!(error.to_string(), "`products` is not a code kind");
}
