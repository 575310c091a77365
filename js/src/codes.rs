//! The rule table in the fields of `tc-envelope rules --format json` (`explain` hands on the
//! library's `Explanation::json_form`, as the tool does).

use serde::Serialize;
use tencentcloud_envelope::{Consequence, Rule, Severity};

/// One rule of the table.
#[derive(Serialize)]
pub struct RuleRow {
    rule: Rule,
    severity: Severity,
    consequence: Consequence,
    description: &'static str,
}

/// Every rule, in the order the documentation lists them.
pub fn rules() -> Vec<RuleRow> {
    Rule::ALL
        .iter()
        .map(|&rule| RuleRow {
            rule,
            severity: rule.default_severity(),
            consequence: rule.consequence(),
            description: rule.description(),
        })
        .collect()
}
