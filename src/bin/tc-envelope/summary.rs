//! Counts over a whole run, in memory that does not grow with the number of records.

use serde::Serialize;
use tencentcloud_envelope::{Outcome, Report, Severity};

/// Counts over the whole run.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub records: u64,
    pub success: u64,
    pub failure: u64,
    pub invalid: u64,
    pub errors: u64,
    pub warnings: u64,
    pub notes: u64,
    /// Entries of containers that were read but not checked, by reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
    #[serde(rename = "codes", serialize_with = "most_frequent")]
    pub codes: CodeTable,
    /// Records whose error code came after the code table was full.
    #[serde(skip_serializing_if = "is_zero")]
    pub codes_untracked: u64,
}

/// A count of skipped entries, with why they were skipped.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub reason: &'static str,
    pub count: u64,
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
        for diagnostic in report.diagnostics() {
            match diagnostic.severity() {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
        if let Some(code) = report.code() {
            if !self.codes.add(code) {
                self.codes_untracked += 1;
            }
        }
    }

    /// Counts an entry that was read and deliberately not checked.
    pub fn skip(&mut self, reason: &'static str) {
        match self.skipped.iter_mut().find(|s| s.reason == reason) {
            Some(skipped) => skipped.count += 1,
            None => self.skipped.push(Skipped { reason, count: 1 }),
        }
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().map(|s| s.count).sum()
    }
}

/// Error codes and how often each was seen, within a fixed budget: at most
/// [`CodeTable::MAX_CODES`] distinct codes of at most [`CodeTable::MAX_CODE_BYTES`] bytes
/// each (a longer code is counted under its first bytes, marked `...`). A code first seen
/// when the table is full is not tracked; the summary says how many records had one.
#[derive(Debug, Default)]
pub struct CodeTable {
    counts: foldhash::HashMap<Box<str>, u64>,
}

impl CodeTable {
    /// The most distinct codes the table holds.
    pub const MAX_CODES: usize = 1024;
    /// The most bytes of a code the table keeps.
    pub const MAX_CODE_BYTES: usize = 128;
    /// How many codes the summary lists.
    pub const SHOWN: usize = 10;

    /// Counts `code`; false if it is new and the table is full.
    pub fn add(&mut self, code: &str) -> bool {
        let key = shorten(code);
        if let Some(count) = self.counts.get_mut(key.as_ref()) {
            *count += 1;
            return true;
        }
        if self.counts.len() >= Self::MAX_CODES {
            return false;
        }
        self.counts.insert(key.into(), 1);
        true
    }

    /// The most frequent codes, most frequent first, ties in code order.
    pub fn top(&self) -> Vec<(&str, u64)> {
        let mut top: Vec<(&str, u64)> = self
            .counts
            .iter()
            .map(|(code, &n)| (code.as_ref(), n))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
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

#[derive(Serialize)]
struct CodeCount<'a> {
    code: &'a str,
    count: u64,
}

fn most_frequent<S: serde::Serializer>(
    codes: &CodeTable,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(
        codes
            .top()
            .into_iter()
            .map(|(code, count)| CodeCount { code, count }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_stops_growing_at_its_budget() {
        let mut table = CodeTable::default();
        for n in 0..CodeTable::MAX_CODES {
            assert!(table.add(&format!("Code{n}")));
        }
        assert!(!table.add("OneTooMany"));
        assert!(table.add("Code7"), "known codes still count");
        assert_eq!(table.counts.len(), CodeTable::MAX_CODES);
        assert_eq!(table.top()[0], ("Code7", 2));
    }

    #[test]
    fn long_codes_are_kept_to_their_first_bytes() {
        let mut table = CodeTable::default();
        let long = "É".repeat(100_000);
        table.add(&long);
        table.add(&long);
        let (code, count) = table.top()[0];
        assert!(code.len() <= CodeTable::MAX_CODE_BYTES && code.ends_with("..."));
        assert_eq!(count, 2);
    }

    #[test]
    fn top_codes_are_most_frequent_first_then_by_name() {
        let mut table = CodeTable::default();
        for code in ["B", "A", "C", "C", "B"] {
            table.add(code);
        }
        assert_eq!(table.top(), [("B", 2), ("C", 2), ("A", 1)]);
    }
}
