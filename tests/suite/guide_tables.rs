//! The guides' tables (`docs/*.md`, also the crate's `guide` module) stay in step with the
//! code they describe.

use tencentcloud_envelope::{Category, CommonCode, Consequence, Lang, RetryAdvice, Rule, Severity};

const CODES: &str = include_str!("../../docs/codes.md");
const RULES: &str = include_str!("../../docs/rules.md");
const SDK: &str = include_str!("../../docs/sdk.md");

/// The rows of the first Markdown table after `heading` in `doc`, as trimmed cells, header
/// excluded.
fn table(doc: &str, heading: &str) -> Vec<Vec<String>> {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in the guide"));
    doc[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn the_common_code_table_matches_common_code() {
    let rows = table(CODES, "## The common codes");
    assert_eq!(rows.len(), CommonCode::ALL.len());
    for (row, &code) in rows.iter().zip(CommonCode::ALL) {
        assert_eq!(row[0].trim_matches('`'), code.as_str());
        assert_eq!(
            row[1].parse::<Category>().ok(),
            Some(code.category()),
            "{code}"
        );
        assert_eq!(
            row[2].parse::<RetryAdvice>().ok(),
            Some(code.retry_advice()),
            "{code}"
        );
        assert_eq!(row[3], code.description(), "{code}");
        assert_eq!(row[4], code.description_in(Lang::Zh), "{code}");
    }
}

#[test]
fn the_rule_table_matches_rule() {
    let rows = table(RULES, "# Rules");
    assert_eq!(rows.len(), Rule::ALL.len());
    for (row, &rule) in rows.iter().zip(Rule::ALL) {
        assert_eq!(row[0].trim_matches('`'), rule.as_str());
        assert_eq!(
            row[1].parse::<Severity>().ok(),
            Some(rule.default_severity()),
            "{rule}"
        );
        assert_eq!(row[2], rule.consequence().as_str(), "{rule}");
        assert_eq!(row[3].replace("\\|", "|"), rule.description(), "{rule}");
    }
}

#[test]
fn the_category_table_matches_category() {
    let rows = table(CODES, "A common code takes the advice of its category");
    assert_eq!(rows.len(), Category::ALL.len());
    for row in rows {
        let category: Category = row[0].trim_matches('`').parse().unwrap();
        assert_eq!(
            row[3].trim_matches('`').parse::<RetryAdvice>().ok(),
            Some(category.retry_advice()),
            "{category}"
        );
        for code in row[1]
            .split(", ")
            .filter_map(|c| c.trim_matches('`').parse::<CommonCode>().ok())
        {
            assert_eq!(code.category(), category, "{code}");
        }
    }
}

#[test]
fn the_retry_advice_table_matches_retry_advice() {
    let rows = table(CODES, "# Error codes and what to do");
    assert_eq!(rows.len(), RetryAdvice::ALL.len());
    for (row, &advice) in rows.iter().zip(RetryAdvice::ALL) {
        assert_eq!(row[0].trim_matches('`'), advice.as_str());
        assert_eq!(row[2] == "yes", advice.is_retryable(), "{advice}");
    }
}

#[test]
fn the_consequence_table_lists_every_rule_once() {
    let rows = table(SDK, "### One verdict: fatal and tolerated findings");
    assert_eq!(rows.len(), Consequence::ALL.len());
    for row in rows {
        let consequence: Consequence = row[0].parse().unwrap();
        let listed: Vec<Rule> = row[1]
            .split(", ")
            .filter_map(|rule| rule.trim_matches('`').parse().ok())
            .collect();
        let expected: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|rule| rule.consequence() == consequence)
            .collect();
        if consequence == Consequence::Tolerated {
            assert_eq!(row[1], "every other rule");
        } else {
            assert_eq!(listed.len(), expected.len(), "{consequence}");
            for rule in expected {
                assert!(listed.contains(&rule), "{rule} is {consequence}");
            }
        }
    }
}

/// The README's quick start compiles in a new project with only the dependencies its Install
/// section names: every crate the quick start `use`s is named there, serde with `derive` when
/// it derives.
#[test]
fn the_readmes_install_names_every_crate_the_quick_start_uses() {
    let readme = include_str!("../../README.md");
    let section = |heading: &str| {
        let start = readme
            .find(heading)
            .unwrap_or_else(|| panic!("no {heading}"));
        let rest = &readme[start + heading.len()..];
        &rest[..rest.find("\n## ").unwrap_or(rest.len())]
    };
    let install = section("## Install");
    let quick_start = section("## Quick start");
    let rust = &quick_start[quick_start.find("```rust").unwrap()..];
    let rust = &rust[..rust[7..].find("```").unwrap() + 7];
    for line in rust.lines().filter(|l| l.starts_with("use ")) {
        let krate = line[4..].split("::").next().unwrap();
        let named = krate.replace('_', "-");
        assert!(
            install.contains(&format!("\n{named} = ")),
            "the quick start uses `{krate}`, which the README's Install section does not name"
        );
    }
    if rust.contains("derive(Deserialize)") || rust.contains("derive(Serialize)") {
        let serde = install
            .lines()
            .find(|l| l.starts_with("serde = "))
            .unwrap_or_default();
        assert!(
            serde.contains("\"derive\""),
            "serde needs its derive feature: {serde:?}"
        );
    }
}
