//! `tc-envelope codes` prints a table that fits the width: `COLUMNS`, else 100 when standard
//! output is no terminal. Codes are never cut; a description that does not fit ends in `…`.
#![cfg(feature = "cli")]

use std::collections::{BTreeMap, HashMap};

use assert_cmd::Command;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

fn codes(columns: Option<&str>, args: &[&str]) -> String {
    let mut command = Command::cargo_bin("tc-envelope").unwrap();
    command.env("NO_COLOR", "1").arg("codes").args(args);
    match columns {
        Some(columns) => command.env("COLUMNS", columns),
        None => command.env_remove("COLUMNS"),
    };
    let output = command.output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// Each code's description, from the JSON form.
fn descriptions(args: &[&str]) -> BTreeMap<String, String> {
    let json: Value =
        serde_json::from_str(&codes(None, &[&["--format", "json"][..], args].concat())).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["code"].as_str().unwrap().to_owned(),
                row["description"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Checks that every line of `text` fits `width` (but a line holding only a code longer than
/// that: codes are never cut), that every code of `described` starts a line whole, and that
/// each description shown is the JSON one or its start then `…`.
fn assert_fits(text: &str, width: usize, described: &BTreeMap<String, String>) {
    for line in text.lines() {
        let a_long_code_alone = described.contains_key(line) && line.width() > width;
        assert!(
            line.width() <= width || a_long_code_alone,
            "{} columns: {line}",
            line.width()
        );
    }
    let lines: Vec<&str> = text.lines().collect();
    let starting: HashMap<&str, usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.starts_with(' '))
        .filter_map(|(at, line)| Some((line.split_whitespace().next()?, at)))
        .collect();
    let mut shown = 0;
    for (code, description) in described {
        let row = *starting
            .get(code.as_str())
            .unwrap_or_else(|| panic!("{code} is not shown whole"));
        // The description follows the kind, category and retry cells, on the code's line or,
        // after a code alone on its line, on the next.
        let cut = if lines[row] == code {
            after_fields(lines[row + 1], 3)
        } else {
            after_fields(lines[row], 4)
        };
        if cut.is_empty() {
            continue;
        }
        shown += 1;
        match cut.strip_suffix('…') {
            Some(start) => assert!(description.starts_with(start), "{code}: {cut}"),
            None => assert_eq!(cut, description, "{code}"),
        }
    }
    assert!(
        shown * 2 >= described.len(),
        "most descriptions are shown in part"
    );
}

/// `line` after its first `n` cells (none holds a space) and the spaces after them.
fn after_fields(line: &str, n: usize) -> &str {
    let mut rest = line.trim_start();
    for _ in 0..n {
        let end = rest.find(' ').unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest
}

#[test]
fn the_table_fits_columns() {
    let described = descriptions(&[]);
    assert!(
        described.values().any(|d| d.chars().count() > 100),
        "JSON is not cut"
    );
    for width in [80, 100, 132] {
        let text = codes(Some(&width.to_string()), &[]);
        assert_fits(&text, width, &described);
    }
}

#[test]
fn without_columns_and_a_terminal_the_table_fits_100() {
    let described = descriptions(&["--service", "cbs"]);
    let text = codes(None, &["--service", "cbs"]);
    assert_fits(&text, 100, &described);
    assert!(text.contains('…'), "some descriptions are cut");
}

#[test]
fn wide_characters_count_twice() {
    let described = descriptions(&["--lang", "zh", "--service", "cvm"]);
    let text = codes(Some("90"), &["--lang", "zh", "--service", "cvm"]);
    assert_fits(&text, 90, &described);
}

#[test]
fn a_short_listing_is_unchanged_by_a_wide_terminal() {
    let text = codes(Some("300"), &["--service", "cbs", "busy"]);
    let described = descriptions(&["--service", "cbs", "busy"]);
    assert!(!text.contains('…'), "{text}");
    assert_fits(&text, 300, &described);
}
