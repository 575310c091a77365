//! Every documentation example in `../shared/corpus` against its own product's description,
//! the call taken from its path: the figures in docs/schemas.md, and the tool's JSON Lines path.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::doc_corpus::{Example, examples, shared};
use tencentcloud_envelope::{Call, Report, Rule, Schema, Site, Validator};

/// The rules that say an example disagrees with its description, in the order of docs/schemas.md.
const DISAGREEMENTS: [Rule; 5] = [
    Rule::SchemaMissingField,
    Rule::SchemaTypeMismatch,
    Rule::SchemaNullValue,
    Rule::SchemaUnknownField,
    Rule::UnknownAction,
];

/// Findings that would mean the call was not matched to a description at all.
const UNMATCHED: [Rule; 2] = [Rule::UnknownService, Rule::UnknownVersion];

fn call(example: &Example) -> Call<'_> {
    Call::new(&example.product)
        .version(&example.version)
        .action(&example.action)
}

/// The `(rule, pointer)` of every finding against the description, sorted.
fn disagreements(report: &Report) -> Vec<(Rule, String)> {
    let mut found: Vec<(Rule, String)> = report
        .diagnostics()
        .iter()
        .filter(|d| DISAGREEMENTS.contains(&d.rule()) || UNMATCHED.contains(&d.rule()))
        .map(|d| (d.rule(), d.pointer().to_owned()))
        .collect();
    found.sort();
    found
}

#[derive(Default, Clone)]
struct Tally {
    examples: usize,
    not_json: usize,
    disagree: usize,
    /// Examples with at least one finding of each rule of `DISAGREEMENTS`.
    by_rule: [usize; 5],
    /// Findings of each rule.
    findings: [usize; 5],
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.examples += other.examples;
        self.not_json += other.not_json;
        self.disagree += other.disagree;
        for i in 0..5 {
            self.by_rule[i] += other.by_rule[i];
            self.findings[i] += other.findings[i];
        }
    }
}

/// Checks every example of `site` against that site's description, tallied by product.
fn tally(root: &Path, site: Site) -> BTreeMap<String, Tally> {
    let mut by_product: BTreeMap<String, Tally> = BTreeMap::new();
    let mut validator = Validator::new().site(site);
    for example in examples(root).unwrap() {
        let body = std::fs::read(&example.path).unwrap();
        let report = validator.validate_call(&body, call(&example));
        let tally = by_product.entry(example.product.clone()).or_default();
        tally.examples += 1;
        // An example that is not JSON is its own defect: the findings made before the parser
        // stopped are not counted against the description.
        if report.has(Rule::InvalidJson) {
            tally.not_json += 1;
            continue;
        }
        let found = disagreements(&report);
        let unmatched: Vec<_> = found
            .iter()
            .filter(|(r, _)| UNMATCHED.contains(r))
            .collect();
        assert!(
            unmatched.is_empty(),
            "{}: every example's path names a described product version: {unmatched:?}",
            example.path.display()
        );
        tally.disagree += usize::from(!found.is_empty());
        for (i, rule) in DISAGREEMENTS.iter().enumerate() {
            let count = found.iter().filter(|(r, _)| r == rule).count();
            tally.by_rule[i] += usize::from(count > 0);
            tally.findings[i] += count;
        }
    }
    by_product
}

/// The two tables of docs/schemas.md, as they should read.
fn render(by_product: &BTreeMap<String, Tally>) -> String {
    let mut all = Tally::default();
    for tally in by_product.values() {
        all.add(tally);
    }
    let mut out = String::from("| rule | examples | findings |\n| --- | --- | --- |\n");
    for (i, rule) in DISAGREEMENTS.iter().enumerate() {
        let _ = writeln!(
            out,
            "| `{rule}` | {} | {} |",
            all.by_rule[i], all.findings[i]
        );
    }
    let _ = writeln!(
        out,
        "| any of these | {} | {} |",
        all.disagree,
        all.findings.iter().sum::<usize>()
    );
    out.push_str(
        "\n| product | examples | not JSON | disagree | missing field | type mismatch | null value | unknown field | unknown action |\n",
    );
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    let row = |out: &mut String, name: &str, t: &Tally| {
        let [m, t_, n, u, a] = t.by_rule;
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {m} | {t_} | {n} | {u} | {a} |",
            t.examples, t.not_json, t.disagree
        );
    };
    for (product, tally) in by_product {
        row(&mut out, product, tally);
    }
    row(&mut out, "**all**", &all);
    out
}

/// The tables of the section of docs/schemas.md under `heading`, as text.
fn documented(heading: &str) -> String {
    let guide = include_str!("../../docs/schemas.md");
    let start = guide
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in docs/schemas.md"))
        + heading.len();
    let section = &guide[start..];
    let end = section.find("\n#").unwrap_or(section.len());
    let mut tables = String::new();
    let mut previous_was_row = false;
    for line in section[..end].lines() {
        let row = line.starts_with('|');
        if row {
            if !previous_was_row && !tables.is_empty() {
                tables.push('\n');
            }
            tables.push_str(line);
            tables.push('\n');
        }
        previous_was_row = row;
    }
    tables
}

#[test]
fn the_schema_guide_counts_every_international_products_disagreements_with_its_description() {
    guide_counts(
        "corpus/doc-examples",
        Site::International,
        "## Every product's examples against its own description",
        144,
    );
}

#[test]
fn the_schema_guide_counts_every_china_products_disagreements_with_its_description() {
    guide_counts(
        "corpus/doc-examples-china",
        Site::China,
        "## The China site's examples against its descriptions",
        262,
    );
}

/// The number of members whose type the two sites describe differently, as the schema guide
/// states it.
#[test]
fn the_schema_guide_counts_the_members_the_sites_type_differently() {
    let mut disputed = 0;
    for (service, version) in Schema::builtin_index() {
        if Schema::builtin_sites(service, version).len() == 2 {
            disputed += Schema::builtin(service, version)
                .unwrap()
                .disputed_members()
                .count();
        }
    }
    let guide = include_str!("../../docs/schemas.md");
    let stated = format!("{disputed} members");
    assert!(
        guide.contains(&format!("the sites give another type: {stated}")),
        "docs/schemas.md should say: the sites give another type: {stated}"
    );
}

fn guide_counts(corpus: &str, site: Site, heading: &str, products: usize) {
    let Some(shared) = shared() else { return };
    let by_product = tally(&shared.join(corpus), site);
    assert_eq!(by_product.len(), products, "every product of the corpus");
    let expected = render(&by_product);
    let documented = documented(heading);
    if documented != expected {
        eprintln!("docs/schemas.md's tables should read:\n\n{expected}");
    }
    let expected: Vec<&str> = expected.lines().collect();
    let documented: Vec<&str> = documented.lines().collect();
    assert_eq!(documented, expected);
}

/// The built-in descriptions are what the generator makes of `../shared/api` and
/// `../shared/api-china` today: none is stale, none is missing, none is left over.
#[test]
fn the_built_in_descriptions_are_distilled_from_the_published_ones() {
    let Some(shared) = shared() else { return };
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/schema/data");
    let command =
        "cargo run --example distill_schema -- ../shared/api ../shared/api-china src/schema/data";
    let mut rows = BTreeMap::new();
    for (folder, site) in [("api", "intl"), ("api-china", "china")] {
        let mut built_in: Vec<String> = std::fs::read_dir(data.join(site))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        built_in.sort();
        let mut distilled = Vec::new();
        for entry in std::fs::read_dir(shared.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let schema = Schema::from_api_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let name = format!("{}-{}.txt", schema.service(), schema.version());
            let kept = std::fs::read_to_string(data.join(site).join(&name)).unwrap_or_default();
            assert!(
                kept == schema.to_compact(),
                "{site}/{name} is stale: run `{command}`"
            );
            rows.entry(name.clone()).or_insert_with(Vec::new).push(site);
            distilled.push(name);
        }
        distilled.sort();
        assert_eq!(built_in, distilled, "{site}: run `{command}`");
    }
    let index: Vec<String> = Schema::builtin_index()
        .map(|(service, version)| format!("{service}-{version}.txt"))
        .collect();
    assert_eq!(
        index,
        rows.keys().cloned().collect::<Vec<_>>(),
        "index.rs lists every version, sorted"
    );
}
