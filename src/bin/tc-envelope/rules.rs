//! `tc-envelope rules`: the validator's rules, their default severities and what each checks.

use std::fmt::Write;

use serde::Serialize;
use tencentcloud_envelope::{Rule, Severity};

use crate::output::{Format, print};

/// List the validator's rules: id, default severity and what each checks.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope rules
  tc-envelope rules --format json")]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// One rule as `rules` lists it and `explain --rule` explains it.
#[derive(Serialize)]
pub struct RuleRow {
    pub rule: Rule,
    pub severity: Severity,
    pub description: &'static str,
}

impl RuleRow {
    pub fn of(rule: Rule) -> Self {
        RuleRow {
            rule,
            severity: rule.default_severity(),
            description: rule.description(),
        }
    }
}

pub fn run(args: &RulesArgs) -> u8 {
    let rows: Vec<RuleRow> = Rule::ALL.iter().map(|&rule| RuleRow::of(rule)).collect();
    print(args.format, &rows, |out| {
        writeln!(out, "{:27}  {:8}  DESCRIPTION", "RULE", "SEVERITY")?;
        for row in &rows {
            writeln!(
                out,
                "{:27}  {:8}  {}",
                row.rule.as_str(),
                row.severity.as_str(),
                row.description
            )?;
        }
        Ok(())
    })
}
