//! The documentation examples in `../shared/corpus/doc-examples/PRODUCT/VERSION/Action.N.json`,
//! shared by `tests/suite/doc_examples.rs` and `examples/corpus_capture.rs`.

#![allow(dead_code, reason = "each user takes what it needs")]

use std::path::{Path, PathBuf};

/// One documentation example: the call its path names, and where it is.
#[derive(Debug, Clone)]
pub struct Example {
    pub product: String,
    /// Dashed, as in `X-TC-Version` (`2017-03-12`).
    pub version: String,
    pub action: String,
    pub path: PathBuf,
}

/// `v20170312` as `2017-03-12`.
pub fn dashed(version: &str) -> Option<String> {
    let digits = version.strip_prefix('v')?;
    (digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]))
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    Ok(paths)
}

/// Every example under `root`, sorted by product, version and file name.
///
/// # Errors
/// When a directory cannot be read, or a path does not have the corpus's shape.
pub fn examples(root: &Path) -> Result<Vec<Example>, String> {
    fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
        move |e| format!("{}: {e}", path.display())
    }
    let mut found = Vec::new();
    for product_dir in sorted_entries(root).map_err(io(root))? {
        let product = name(&product_dir)?;
        for version_dir in sorted_entries(&product_dir).map_err(io(&product_dir))? {
            let version = dashed(&name(&version_dir)?)
                .ok_or_else(|| format!("{}: not a vYYYYMMDD directory", version_dir.display()))?;
            for path in sorted_entries(&version_dir).map_err(io(&version_dir))? {
                let file = name(&path)?;
                let action = file
                    .strip_suffix(".json")
                    .and_then(|stem| stem.rsplit_once('.'))
                    .map(|(action, _)| action.to_owned())
                    .ok_or_else(|| format!("{}: not Action.N.json", path.display()))?;
                found.push(Example {
                    product: product.clone(),
                    version: version.clone(),
                    action,
                    path,
                });
            }
        }
    }
    Ok(found)
}

fn name(path: &Path) -> Result<String, String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: not a UTF-8 name", path.display()))
}

/// `text` on one line: whitespace outside strings dropped, so a JSON text keeps its exact
/// members, duplicates and number spellings. A raw line break inside a string (not JSON, but
/// real examples have them) becomes a raw tab, just as invalid, so the record stays one line
/// and the example stays broken.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            // A raw line break in a string is not JSON; a raw tab is not JSON either, and
            // does not end the record's line.
            out.push(if matches!(c, '\n' | '\r') { '\t' } else { c });
        } else {
            match c {
                ' ' | '\t' | '\n' | '\r' => {}
                '"' => {
                    in_string = true;
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// The JSON Lines capture record of an example whose body is `body`.
pub fn capture_line(example: &Example, body: &str) -> String {
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    format!(
        r#"{{"service":{},"version":{},"action":{},"response":{}}}"#,
        quote(&example.product),
        quote(&example.version),
        quote(&example.action),
        one_line(body)
    )
}

/// `../shared` beside the repository, holding the corpus and the API descriptions (see
/// `common::shared`: required under CI, a plain SKIPPED elsewhere).
pub fn shared() -> Option<PathBuf> {
    let corpus = super::common::shared("corpus/doc-examples")?;
    super::common::shared("api")?;
    corpus
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}
