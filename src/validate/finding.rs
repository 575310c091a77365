//! What the walk and the rules hand each other: findings before placement, held within the
//! findings budget, and the JSON type of a value just read.

use std::borrow::Cow;
use std::collections::HashMap;

use super::Rule;
use super::path::{Segment, pointer_of};

/// A finding before the validator's severity overrides and positions are applied.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Finding {
    pub rule: Rule,
    pub pointer: String,
    /// Byte offset into the checked text.
    pub offset: usize,
    pub message: String,
}

/// The findings of one body, within its budget: past `budget` kept findings, a finding is
/// only counted by rule, and its pointer and message are never built. So a body that draws a
/// million findings costs a counter, not a million messages.
pub(super) struct Findings {
    kept: Vec<Finding>,
    budget: usize,
    /// Rules the validator drops: neither kept nor counted.
    dropped: RuleSet,
    /// For the readers, which need a verdict and the tolerated findings of a trusted body:
    /// once a fatal finding is kept, tolerated ones are only counted.
    verdict_only: bool,
    fatal: bool,
    /// Findings past the budget (or past a fatal one, for the readers), by rule.
    omitted: Vec<(Rule, u64)>,
}

/// A finding admitted within the budget, to be filled in.
pub(super) struct Slot<'f> {
    findings: &'f mut Findings,
    rule: Rule,
}

impl Slot<'_> {
    pub(super) fn fill(self, pointer: String, offset: usize, message: String) {
        self.findings.kept.push(Finding {
            rule: self.rule,
            pointer,
            offset,
            message,
        });
    }
}

impl Default for Findings {
    /// No findings, and room for none.
    fn default() -> Self {
        Findings::new(Budget::default())
    }
}

impl Findings {
    #[inline]
    pub(super) const fn new(budget: Budget) -> Self {
        Findings {
            kept: Vec::new(),
            budget: budget.most,
            dropped: budget.dropped,
            verdict_only: budget.verdict_only,
            fatal: false,
            omitted: Vec::new(),
        }
    }

    /// Room for a finding of `rule`, or `None` when it is dropped or only counted.
    pub(super) fn admit(&mut self, rule: Rule) -> Option<Slot<'_>> {
        if self.dropped.has(rule) {
            return None;
        }
        let tolerated = rule.consequence() == super::Consequence::Tolerated;
        if self.kept.len() >= self.budget || (self.verdict_only && self.fatal && tolerated) {
            self.fatal |= rule.consequence() == super::Consequence::Fatal;
            self.count(rule, 1);
            return None;
        }
        self.fatal |= rule.consequence() == super::Consequence::Fatal;
        Some(Slot {
            findings: self,
            rule,
        })
    }

    /// Keeps a finding the body as a whole draws (at most a few per body), past the budget.
    pub(super) fn push_always(&mut self, finding: Finding) {
        if !self.dropped.has(finding.rule) {
            self.kept.push(finding);
        }
    }

    /// Counts `count` findings of `rule` as omitted.
    pub(super) fn count(&mut self, rule: Rule, count: u64) {
        if self.dropped.has(rule) || count == 0 {
            return;
        }
        match self.omitted.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, n)) => *n = n.saturating_add(count),
            None => self.omitted.push((rule, count)),
        }
    }

    /// Whether a finding kept so far is fatal whatever the headers say.
    pub(super) fn has_fatal(&self) -> bool {
        self.fatal
    }

    /// How many findings a body keeps.
    pub(super) fn budget(&self) -> usize {
        self.budget
    }

    /// How many findings are kept: the next one's index.
    pub(super) fn len(&self) -> usize {
        self.kept.len()
    }

    /// The rules of the findings, kept and omitted.
    pub(super) fn rules(&self) -> impl Iterator<Item = Rule> + '_ {
        (self.kept.iter().map(|f| f.rule)).chain(self.omitted.iter().map(|(rule, _)| *rule))
    }

    /// The findings kept, in the order they were made.
    pub(super) fn kept(&self) -> &[Finding] {
        &self.kept
    }

    #[inline]
    pub(super) fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted.is_empty()
    }

    /// Takes in `other`'s findings, within this budget.
    pub(super) fn absorb(&mut self, other: Findings) {
        for finding in other.kept {
            if let Some(slot) = self.admit(finding.rule) {
                slot.fill(finding.pointer, finding.offset, finding.message);
            }
        }
        for (rule, count) in other.omitted {
            self.count(rule, count);
        }
    }

    pub(super) fn into_parts(self) -> (Vec<Finding>, Vec<(Rule, u64)>) {
        (self.kept, self.omitted)
    }
}

/// How many findings of one body are kept, and which are not wanted at all.
#[derive(Clone, Copy, Default)]
pub(super) struct Budget {
    pub most: usize,
    pub dropped: RuleSet,
    pub verdict_only: bool,
}

/// A set of rules, one bit each.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RuleSet(u64);

const _: () = assert!(Rule::ALL.len() <= 64, "a RuleSet holds 64 rules");

impl RuleSet {
    pub(super) fn insert(&mut self, rule: Rule) {
        self.0 |= 1 << (rule as u32);
    }

    pub(super) fn has(self, rule: Rule) -> bool {
        self.0 & (1 << (rule as u32)) != 0
    }
}

/// The described lists the walk is in, outermost first: a description check that fails the
/// same way in every element of a long list draws one finding, naming the first element and
/// counting the others, and the others cost no pointer or message.
#[derive(Default)]
pub(super) struct Lists {
    open: Vec<List>,
}

struct List {
    /// How deep the list's elements are: their index is the path segment before this.
    element_depth: usize,
    /// The element being read.
    index: usize,
    /// The findings of earlier elements, by rule and place within the element.
    seen: HashMap<(Rule, String), Group>,
}

struct Group {
    /// Where the first element's finding is kept.
    first: usize,
    more: u64,
    last: usize,
}

impl Lists {
    /// A list whose elements sit at `element_depth` begins.
    pub(super) fn open(&mut self, element_depth: usize) {
        self.open.push(List {
            element_depth,
            index: 0,
            seen: HashMap::new(),
        });
    }

    /// The innermost list moves to its element `index`.
    pub(super) fn at(&mut self, index: usize) {
        if let Some(list) = self.open.last_mut() {
            list.index = index;
        }
    }

    /// Counts a finding of `rule` at `segments` (from the root) against the same finding of
    /// an earlier element of an enclosing list; false when no earlier element drew it.
    pub(super) fn counted(&mut self, rule: Rule, segments: &[&Segment]) -> bool {
        for list in &mut self.open {
            let within = pointer_of(segments.get(list.element_depth..).unwrap_or_default());
            if let Some(group) = list.seen.get_mut(&(rule, within))
                && group.last != list.index
            {
                group.more += 1;
                group.last = list.index;
                return true;
            }
        }
        false
    }

    /// Remembers the finding kept at `kept` in every enclosing list.
    pub(super) fn register(&mut self, rule: Rule, segments: &[&Segment], kept: usize) {
        for list in &mut self.open {
            let within = pointer_of(segments.get(list.element_depth..).unwrap_or_default());
            list.seen.entry((rule, within)).or_insert(Group {
                first: kept,
                more: 0,
                last: list.index,
            });
        }
    }

    /// The innermost list ends: each finding that stands for later elements says how many,
    /// naming the list by `pointer`.
    pub(super) fn close(&mut self, findings: &mut Findings, pointer: impl FnOnce() -> String) {
        let Some(list) = self.open.pop() else { return };
        let mut groups: Vec<Group> = (list.seen.into_values())
            .filter(|group| group.more > 0)
            .collect();
        if groups.is_empty() {
            return;
        }
        groups.sort_by_key(|group| group.first);
        let pointer = pointer();
        for group in groups {
            if let Some(finding) = findings.kept.get_mut(group.first) {
                let (more, index) = (group.more, group.last);
                let elements = if more == 1 { "element" } else { "elements" };
                finding.message = format!(
                    "{}; the same in {more} more {elements} of `{pointer}`, the last at index {index}",
                    finding.message
                );
            }
        }
    }
}

/// The JSON type of a value just read, with the text of strings.
#[derive(Debug, PartialEq)]
pub(super) enum Kind<'a> {
    Null,
    Bool,
    Number,
    Str(Cow<'a, str>),
    Array,
    Object,
}

impl Kind<'_> {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::Str(_) => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}
