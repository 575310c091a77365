//! Every code of both sites has a meaning of its own in English and Chinese, written in the
//! project's words (never an official sentence). That its retry advice follows its words is
//! held by `tests/suite/codes_retry.rs`.

use crate::common;

use std::collections::BTreeMap;

use tencentcloud_envelope::{Lang, ProductCode, Site, explain, product_code, product_codes};

/// A run of this many words shared with an official English description is a copy; shorter
/// runs are phrases that cannot be said otherwise ("does not exist").
const ENGLISH_RUN: usize = 4;
/// Likewise for Chinese, counting characters (an ASCII word counts as one).
const CHINESE_RUN: usize = 7;

fn english_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

fn chinese_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
        }
        if ('\u{3400}'..='\u{9fff}').contains(&c) {
            tokens.push(c.to_string());
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

/// The first run of `length` tokens `ours` shares with `official`, if any.
fn shared_run(ours: &[String], official: &[String], length: usize) -> Option<String> {
    let theirs: std::collections::HashSet<&[String]> = official.windows(length).collect();
    ours.windows(length)
        .find(|run| theirs.contains(run))
        .map(|run| run.join(" "))
}

/// The copy a meaning makes of an official description, in either language.
fn copied(meaning_en: &str, meaning_zh: &str, official: &Official) -> Option<String> {
    let english = english_words(meaning_en);
    let chinese = chinese_tokens(meaning_zh);
    official
        .en
        .iter()
        .find_map(|d| shared_run(&english, &english_words(d), ENGLISH_RUN))
        .or_else(|| {
            official
                .zh
                .iter()
                .find_map(|d| shared_run(&chinese, &chinese_tokens(d), CHINESE_RUN))
        })
}

#[derive(Default)]
struct Official {
    en: Vec<String>,
    zh: Vec<String>,
}

/// `(service, code)` to the official descriptions of both sites, and the listing's sites.
type Listings = BTreeMap<(String, String), (Official, Vec<Site>)>;

fn official() -> Option<Listings> {
    let reference = common::shared("reference")?;
    let mut listings = Listings::new();
    for (file, site) in [
        ("product-error-codes.tsv", Site::International),
        ("product-error-codes-china.tsv", Site::China),
    ] {
        let text = std::fs::read_to_string(reference.join(file)).unwrap();
        for line in text.lines().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            let [service, _version, code, description] = cells[..] else {
                panic!("{file}: {line}");
            };
            let (official, sites) = listings
                .entry((service.to_owned(), code.to_owned()))
                .or_default();
            match site {
                Site::China => official.zh.push(description.to_owned()),
                _ => official.en.push(description.to_owned()),
            }
            if !sites.contains(&site) {
                sites.push(site);
            }
        }
    }
    Some(listings)
}

#[test]
fn every_listing_of_both_sites_is_known_with_its_sites() {
    let Some(official) = official() else { return };
    assert_eq!(
        official.len(),
        17_511,
        "distinct (service, code) listings of both files"
    );
    for ((service, code), (_, sites)) in &official {
        let known =
            product_code(service, code).unwrap_or_else(|| panic!("{service} {code} is not known"));
        let mut expected = sites.clone();
        expected.sort();
        assert_eq!(known.sites(), expected, "{service} {code}");
    }
    assert_eq!(
        product_codes().count(),
        official.len(),
        "no listing beyond the files"
    );
}

#[test]
fn every_listed_code_has_a_meaning_in_both_languages_and_no_placeholder() {
    for code in product_codes() {
        let (en, zh) = (code.description_in(Lang::En), code.description_in(Lang::Zh));
        let place = format!("{} {}", code.service(), code.code());
        assert!(en.len() >= 20 && en.ends_with('.'), "{place}: {en:?}");
        assert!(
            zh.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c)),
            "{place}: {zh:?}"
        );
        assert!(zh.ends_with('。'), "{place}: {zh:?}");
        for placeholder in [
            "no meaning has been reviewed",
            "Its name reads",
            "read the message.",
        ] {
            assert!(!en.contains(placeholder), "{place}: {en:?}");
        }
    }
}

#[test]
fn no_meaning_repeats_an_official_sentence() {
    let Some(official) = official() else { return };
    let mut copies = Vec::new();
    for code in product_codes() {
        let key = (code.service().to_owned(), code.code().to_owned());
        let Some((descriptions, _)) = official.get(&key) else {
            continue;
        };
        // A bare common code's meaning is the common code's, held below.
        if code
            .code()
            .parse::<tencentcloud_envelope::CommonCode>()
            .is_ok()
        {
            continue;
        }
        if let Some(run) = copied(
            code.description_in(Lang::En),
            code.description_in(Lang::Zh),
            descriptions,
        ) {
            copies.push(format!("{} {}: \u{201c}{run}\u{201d}", key.0, key.1));
        }
    }
    assert!(
        copies.is_empty(),
        "{} copied: {:#?}",
        copies.len(),
        &copies[..copies.len().min(20)]
    );
}

#[test]
fn the_copy_check_catches_a_planted_copy() {
    let official = Official {
        en: vec!["The disk is busy. Please try again later.".to_owned()],
        zh: vec!["云硬盘状态繁忙，请稍后重试。".to_owned()],
    };
    // Our own words pass.
    assert_eq!(
        copied(
            "Another operation holds the disk; send the request again once it has finished.",
            "云硬盘上另有操作在执行，等它结束后再重发请求。",
            &official
        ),
        None
    );
    // A planted English copy of four words, and a Chinese one of seven characters, do not.
    assert_eq!(
        copied(
            "Sorry: please try again later, it says.",
            "无关。",
            &official
        )
        .as_deref(),
        Some("please try again later")
    );
    assert!(copied("Unrelated words here.", "因为云硬盘状态繁忙了。", &official).is_some());
    // Three words are a phrase, not a copy.
    assert_eq!(copied("The disk is full.", "繁忙。", &official), None);
}

#[test]
fn reviewed_stays_with_what_a_person_checked() {
    // The fifteen products whose meanings were reviewed one by one before the China site came
    // in; every code written since from the official descriptions alone is not reviewed.
    let reviewed: std::collections::BTreeSet<&str> = product_codes()
        .filter(ProductCode::is_reviewed)
        .map(|c| c.service())
        .collect();
    for service in ["cbs", "cvm", "vpc", "clb", "cam", "tke", "cdb"] {
        assert!(reviewed.contains(service), "{service}");
    }
    let china_only: Vec<ProductCode> = product_codes()
        .filter(|c| c.sites() == [Site::China])
        .filter(|c| {
            c.code()
                .parse::<tencentcloud_envelope::CommonCode>()
                .is_err()
        })
        .collect();
    assert!(china_only.len() > 4_000, "{}", china_only.len());
    assert!(!china_only.iter().any(ProductCode::is_reviewed));
}

#[test]
fn the_issues_examples_have_their_meanings() {
    for (code, service, en, zh) in [
        ("InvalidDisk.Busy", "cbs", "disk", "云硬盘"),
        (
            "LimitExceeded.PengingOrProcessingTasksExceedLimit",
            "iotcloud",
            "task",
            "任务",
        ),
        ("InvalidParameterValue.AspectRatioSet", "cme", "ratio", "比"),
        ("ResourceInUse.DeploymentName", "ags", "name", "名"),
    ] {
        let answer = explain(code, Some(service));
        assert!(answer.is_known(), "{code}");
        assert!(
            answer.description_in(Lang::En).to_lowercase().contains(en),
            "{code}: {}",
            answer.description()
        );
        assert!(
            answer.description_in(Lang::Zh).contains(zh),
            "{code}: {}",
            answer.description_in(Lang::Zh)
        );
    }
    assert_eq!(
        explain("ResourceInUse.DeploymentName", None).sites(),
        [Site::China]
    );
}
