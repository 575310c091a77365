//! Counts over a whole run, in memory that does not grow with the number of records.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde::Serialize;
use tencentcloud_envelope::{Outcome, Report, Severity};

/// Counts over the whole run. Every count of something read and not checked, or checked
/// apart, has a line of its own in the text summary (`render::summary_text`).
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub records: u64,
    pub success: u64,
    pub failure: u64,
    pub invalid: u64,
    pub errors: u64,
    pub warnings: u64,
    pub notes: u64,
    /// What was read but not checked (HAR entries, blank lines, files in a walk), by reason,
    /// in the order of [`Unit`] then reason (which does not depend on the thread count).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
    /// The error codes of records that are not invalid.
    #[serde(rename = "codes", serialize_with = "most_frequent")]
    pub codes: CodeTable,
    /// The error codes of invalid records, apart: what such a record holds may not be what
    /// it seems (the first line of JSON Lines read as one document).
    #[serde(
        skip_serializing_if = "CodeTable::is_empty",
        serialize_with = "most_frequent"
    )]
    pub codes_in_invalid: CodeTable,
    /// Records whose error code took the place of another in a full code table.
    #[serde(skip_serializing_if = "is_zero")]
    pub codes_evicted: u64,
    /// Findings counted past their record's `--max-findings`, not shown.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: u64,
    /// Whole files (or standard input) that look like JSON Lines read as one document.
    #[serde(skip_serializing_if = "is_zero")]
    pub looks_like_json_lines: u64,
    /// Request ids forgotten to keep the duplicate check within its memory budget.
    #[serde(skip_serializing_if = "is_zero")]
    pub request_ids_forgotten: u64,
    /// How many request ids the duplicate check remembers.
    #[serde(skip)]
    pub request_id_memory: usize,
}

/// A count of things of one kind read and not checked, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub unit: Unit,
    pub reason: Cow<'static, str>,
    pub count: u64,
}

/// What was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// A HAR entry.
    Entry,
    /// A JSON Lines line.
    Line,
    /// A file met in a directory walk.
    File,
    /// A directory met in a directory walk.
    Directory,
}

impl Unit {
    /// `1 entry`, `2 entries`.
    pub fn count(self, n: u64) -> String {
        let (one, many) = match self {
            Unit::Entry => ("entry", "entries"),
            Unit::Line => ("line", "lines"),
            Unit::File => ("file", "files"),
            Unit::Directory => ("directory", "directories"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Summary {
    pub fn add(&mut self, report: &Report) {
        self.records += 1;
        match report.outcome() {
            Outcome::Success => self.success += 1,
            Outcome::Failure => self.failure += 1,
            Outcome::Invalid => self.invalid += 1,
        }
        // Findings past a record's budget count as much as those shown.
        let count = |severity| report.count(severity) as u64;
        self.errors += count(Severity::Error);
        self.warnings += count(Severity::Warning);
        self.notes += count(Severity::Note);
        self.omitted += report
            .omitted()
            .iter()
            .map(tencentcloud_envelope::Omitted::count)
            .sum::<u64>();
        let codes = if report.outcome() == Outcome::Invalid {
            &mut self.codes_in_invalid
        } else {
            &mut self.codes
        };
        if let Some(code) = report.code()
            && !codes.add(code)
        {
            self.codes_evicted += 1;
        }
    }

    /// Counts `count` things (of `unit`) that were read and deliberately not checked.
    pub fn skip(&mut self, unit: Unit, reason: impl Into<Cow<'static, str>>, count: u64) {
        if count == 0 {
            return;
        }
        let reason = reason.into();
        match self
            .skipped
            .binary_search_by(|s| (s.unit, &*s.reason).cmp(&(unit, &*reason)))
        {
            Ok(at) => {
                if let Some(skipped) = self.skipped.get_mut(at) {
                    skipped.count += count;
                }
            }
            Err(at) => self.skipped.insert(
                at,
                Skipped {
                    unit,
                    reason,
                    count,
                },
            ),
        }
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().map(|s| s.count).sum()
    }
}

/// The most frequent error codes, in a fixed budget: at most [`CodeTable::MAX_CODES`]
/// distinct codes of at most [`CodeTable::MAX_CODE_BYTES`] bytes each (a longer code is
/// counted under its first bytes, marked `...`).
///
/// This is the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005): when the table
/// is full, a new code takes the place of the least counted one and inherits its count. A
/// count is then never too low, and too high by at most the code's `overcount`; any code seen
/// more often than one record in [`CodeTable::MAX_CODES`] is in the table, and while fewer
/// codes than that were seen, every count is exact.
#[derive(Debug, Default)]
pub struct CodeTable {
    /// Count and overcount of each code held.
    counts: foldhash::HashMap<Box<str>, (u64, u64)>,
    /// The same codes by count, to find the least counted in logarithmic time.
    by_count: BTreeSet<(u64, Box<str>)>,
}

/// One row of the table: a code, its count, and by how much that count may be too high.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount<'a> {
    pub code: &'a str,
    pub count: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub overcount: u64,
}

impl CodeTable {
    /// The most distinct codes the table holds.
    pub const MAX_CODES: usize = 1024;
    /// The most bytes of a code the table keeps.
    pub const MAX_CODE_BYTES: usize = 128;
    /// How many codes the summary lists.
    pub const SHOWN: usize = 10;

    /// Whether no code was counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Counts `code`; false if it took the place of another code (the table was full).
    pub fn add(&mut self, code: &str) -> bool {
        let key = shorten(code);
        if let Some((count, _)) = self.counts.get_mut(key.as_ref()) {
            let key: Box<str> = key.into();
            self.by_count.remove(&(*count, key.clone()));
            *count += 1;
            self.by_count.insert((*count, key));
            return true;
        }
        let key: Box<str> = key.into();
        if self.counts.len() < Self::MAX_CODES {
            self.counts.insert(key.clone(), (1, 0));
            self.by_count.insert((1, key));
            return true;
        }
        let Some((least, evicted)) = self.by_count.pop_first() else {
            return false;
        };
        self.counts.remove(&evicted);
        self.counts.insert(key.clone(), (least + 1, least));
        self.by_count.insert((least + 1, key));
        false
    }

    /// The most frequent codes, most frequent first, ties in code order.
    pub fn top(&self) -> Vec<CodeCount<'_>> {
        let mut top: Vec<CodeCount> = self
            .counts
            .iter()
            .map(|(code, &(count, overcount))| CodeCount {
                code,
                count,
                overcount,
            })
            .collect();
        top.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        top.truncate(Self::SHOWN);
        top
    }
}

fn shorten(code: &str) -> std::borrow::Cow<'_, str> {
    if code.len() <= CodeTable::MAX_CODE_BYTES {
        return code.into();
    }
    let mut end = CodeTable::MAX_CODE_BYTES - 3;
    while !code.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", code.get(..end).unwrap_or_default()).into()
}

fn most_frequent<S: serde::Serializer>(
    codes: &CodeTable,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(codes.top())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, count: u64, overcount: u64) -> CodeCount<'_> {
        CodeCount {
            code,
            count,
            overcount,
        }
    }

    #[test]
    fn the_table_stops_growing_at_its_budget() {
        let mut table = CodeTable::default();
        for n in 0..CodeTable::MAX_CODES {
            assert!(table.add(&format!("Code{n}")));
        }
        assert!(table.add("Code7"), "known codes still count");
        assert!(!table.add("OneTooMany"), "a new code takes a place");
        assert_eq!(table.counts.len(), CodeTable::MAX_CODES);
        assert_eq!(table.by_count.len(), CodeTable::MAX_CODES);
        assert_eq!(table.top()[0], row("Code7", 2, 0));
    }

    #[test]
    fn a_frequent_code_seen_late_still_tops_the_table() {
        let mut table = CodeTable::default();
        for n in 0..100_000 {
            table.add(&format!("Rare{n}"));
        }
        for _ in 0..500 {
            table.add("Frequent");
        }
        let top = table.top()[0].clone();
        assert_eq!(top.code, "Frequent");
        assert!(
            top.count >= 500 && top.count - top.overcount <= 500,
            "{top:?}"
        );
        assert_eq!(table.counts.len(), CodeTable::MAX_CODES);
    }

    #[test]
    fn long_codes_are_kept_to_their_first_bytes() {
        let mut table = CodeTable::default();
        let long = "É".repeat(100_000);
        table.add(&long);
        table.add(&long);
        let top = table.top()[0].clone();
        assert!(top.code.len() <= CodeTable::MAX_CODE_BYTES && top.code.ends_with("..."));
        assert_eq!(top.count, 2);
    }

    #[test]
    fn top_codes_are_most_frequent_first_then_by_name() {
        let mut table = CodeTable::default();
        for code in ["B", "A", "C", "C", "B"] {
            table.add(code);
        }
        assert_eq!(
            table.top(),
            [row("B", 2, 0), row("C", 2, 0), row("A", 1, 0)]
        );
    }
}
