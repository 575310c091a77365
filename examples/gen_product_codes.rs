//! Generates `src/codes/catalog/table.rs`, the product catalogue built into the crate, from the
//! official code lists of both sites (service, version and code only: their descriptions are
//! not copied) and the project's meanings in `data/meanings/`.
//!
//! `cargo run --example gen_product_codes -- ../shared/reference data/meanings > src/codes/catalog/table.rs`
//!
//! The reference folder holds `product-error-codes.tsv` (the international site) and
//! `product-error-codes-china.tsv` (the China site). The meanings folder holds `by-code.tsv`
//! (one meaning for a code, whichever product lists it) and `by-product/SERVICE.tsv` (a
//! product's own meaning, which wins over the first). Both have the header
//! `code<TAB>advice<TAB>reviewed<TAB>en<TAB>zh`; advice is `no`, `retry`, `idempotent` or
//! `later`; reviewed is `yes` where a person checked the meaning against the product's
//! documentation. A line that does not fit, or names a code no product (or not that product)
//! lists, stops the generator with its file and line. Listings with no meaning are counted on
//! standard error: a bare common code (`InvalidParameter`) takes the common code's; for any
//! other, the tests fail.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

type Error = Box<dyn std::error::Error>;

/// The sites, as bits of a listing's `sites`.
const INTERNATIONAL: u8 = 1;
const CHINA: u8 = 2;

/// A meaning as written in a meanings file.
#[derive(Clone)]
struct Meaning {
    /// The advice's variant alias in the table.
    advice: &'static str,
    reviewed: bool,
    en: String,
    zh: String,
}

/// What the lists say of one code as one service lists it: its newest version and its sites.
#[derive(Default)]
struct Listed {
    version: String,
    sites: u8,
}

/// `service -> versions`, and `code -> service -> listing`.
type Lists = (
    BTreeMap<String, BTreeSet<String>>,
    BTreeMap<String, BTreeMap<String, Listed>>,
);

fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_product_codes REFERENCE_DIR MEANINGS_DIR";
    let reference = args.next().ok_or(usage)?;
    let meanings_dir = args.next().ok_or(usage)?;

    let mut lists: Lists = Default::default();
    read_list(
        &Path::new(&reference).join("product-error-codes.tsv"),
        INTERNATIONAL,
        &mut lists,
    )?;
    read_list(
        &Path::new(&reference).join("product-error-codes-china.tsv"),
        CHINA,
        &mut lists,
    )?;
    let (versions, listed) = lists;
    let meanings_dir = Path::new(&meanings_dir);
    let by_code = read_meanings(&meanings_dir.join("by-code.tsv"), None, &listed)?;
    let mut by_product = BTreeMap::new();
    for path in tsv_files(&meanings_dir.join("by-product"))? {
        let service = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: not a service name", path.display()))?
            .to_owned();
        for (code, meaning) in read_meanings(&path, Some(&service), &listed)? {
            by_product.insert((service.clone(), code), meaning);
        }
    }

    let service_index: BTreeMap<&str, usize> = versions
        .keys()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut out = String::new();
    write_services(&mut out, &versions)?;
    let codes: Vec<&str> = listed.keys().map(String::as_str).collect();
    write_blob(&mut out, "CODE", &codes)?;
    // Each distinct meaning once: a by-code meaning serves every product that lists the code.
    let mut meaning_index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut english, mut chinese): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut rows = String::new();
    let (mut count, mut missing) = (0, 0);
    for (code_index, (code, services)) in listed.iter().enumerate() {
        for (service, listing) in services {
            let service_number = service_index[service.as_str()];
            let version_number = versions[service]
                .iter()
                .position(|v| *v == listing.version)
                .ok_or("a version vanished")?;
            let meaning = by_product
                .get(&(service.clone(), code.clone()))
                .or_else(|| by_code.get(code));
            // A bare common code's meaning and advice are the common code's own (the library
            // reads them from `CommonCode`); any other listing must have a meaning.
            let (advice, reviewed, index) = if let Some(meaning) = meaning {
                let key = (meaning.en.clone(), meaning.zh.clone());
                let next = meaning_index.len();
                let index = *meaning_index.entry(key).or_insert(next);
                if index == next {
                    english.push(&meaning.en);
                    chinese.push(&meaning.zh);
                }
                (meaning.advice, meaning.reviewed, format!("Some({index})"))
            } else {
                missing += 1;
                ("N", false, "None".to_owned())
            };
            writeln!(
                rows,
                "    Listing::new({code_index}, {service_number}, {version_number}, {}, {advice}, {reviewed}, {index}),",
                listing.sites
            )?;
            count += 1;
        }
    }
    write_blob(&mut out, "MEANING_EN", &english)?;
    write_blob(&mut out, "MEANING_ZH", &chinese)?;
    writeln!(out, "pub(super) static LISTINGS: [Listing; {count}] = [")?;
    out.push_str(&rows);
    writeln!(out, "];")?;
    print!("{out}");
    eprintln!(
        "{count} listings of {} codes by {} services; {} distinct meanings; {missing} listings without one (bare common codes among them)",
        listed.len(),
        versions.len(),
        english.len()
    );
    Ok(())
}

/// The file's header and the table of services with their versions.
fn write_services(
    out: &mut String,
    versions: &BTreeMap<String, BTreeSet<String>>,
) -> Result<(), Error> {
    writeln!(
        out,
        "// @generated by examples/gen_product_codes.rs from both sites' official code lists (service,"
    )?;
    writeln!(
        out,
        "// version, code) and data/meanings/. Do not edit: change the data and run the generator again."
    )?;
    writeln!(out)?;
    writeln!(out, "use super::rows::{{Listing, Service}};")?;
    writeln!(
        out,
        "use crate::RetryAdvice::{{DoNotRetry as N, Retry as R, RetryIfIdempotent as I, RetryLater as L}};"
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "pub(super) static SERVICES: [Service; {}] = [",
        versions.len()
    )?;
    for (service, versions) in versions {
        let versions: Vec<String> = versions.iter().map(|v| format!("{v:?}")).collect();
        writeln!(
            out,
            "    Service::new({service:?}, &[{}]),",
            versions.join(", ")
        )?;
    }
    writeln!(out, "];")?;
    writeln!(out)?;
    Ok(())
}

/// Reads one site's official list: service, version and code of each row, nothing else.
fn read_list(list: &Path, site: u8, (versions, listed): &mut Lists) -> Result<(), Error> {
    let name = list.display();
    let text = std::fs::read_to_string(list).map_err(|e| format!("{name}: {e}"))?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.starts_with("service\tversion\tcode\t") => {}
        _ => return Err(format!("{name}: the header is not service, version, code, ...").into()),
    }
    for (index, line) in lines {
        let mut cells = line.split('\t');
        let (Some(service), Some(version), Some(code)) = (cells.next(), cells.next(), cells.next())
        else {
            return Err(format!("{name}:{}: fewer than three cells", index + 1).into());
        };
        if service.is_empty() || version.is_empty() || code.is_empty() {
            return Err(format!("{name}:{}: an empty cell", index + 1).into());
        }
        versions
            .entry(service.to_owned())
            .or_default()
            .insert(version.to_owned());
        let known = listed
            .entry(code.to_owned())
            .or_default()
            .entry(service.to_owned())
            .or_default();
        if version > known.version.as_str() {
            version.clone_into(&mut known.version);
        }
        known.sites |= site;
    }
    Ok(())
}

/// The `.tsv` files of `dir`, sorted.
fn tsv_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|path| path.extension().and_then(|e| e.to_str()) == Some("tsv"));
    paths.sort();
    Ok(paths)
}

/// One meanings file, every code checked against the lists: listed by `service` when given,
/// by some product otherwise.
fn read_meanings(
    path: &Path,
    service: Option<&str>,
    listed: &BTreeMap<String, BTreeMap<String, Listed>>,
) -> Result<BTreeMap<String, Meaning>, Error> {
    let mut meanings = BTreeMap::new();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines().enumerate();
    if lines.next().map(|(_, l)| l) != Some("code\tadvice\treviewed\ten\tzh") {
        return Err(format!(
            "{}: the header is not code, advice, reviewed, en, zh",
            path.display()
        )
        .into());
    }
    for (index, line) in lines {
        let place = format!("{}:{}", path.display(), index + 1);
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [code, advice, reviewed, en, zh] = cells[..] else {
            return Err(format!("{place}: {} cells, not 5", cells.len()).into());
        };
        let advice = match advice {
            "no" => "N",
            "retry" => "R",
            "idempotent" => "I",
            "later" => "L",
            other => return Err(format!("{place}: advice `{other}`").into()),
        };
        let reviewed = match reviewed {
            "yes" => true,
            "no" => false,
            other => return Err(format!("{place}: reviewed `{other}`, not yes or no").into()),
        };
        let services = listed.get(code);
        let known = match service {
            Some(service) => services.is_some_and(|s| s.contains_key(service)),
            None => services.is_some(),
        };
        if !known {
            return Err(format!(
                "{place}: {} does not list `{code}`",
                service.unwrap_or("no product")
            )
            .into());
        }
        if en.trim() != en || !en.ends_with('.') || zh.trim() != zh || !zh.ends_with('。') {
            return Err(format!(
                "{place}: a meaning is not trimmed, or does not end with its full stop"
            )
            .into());
        }
        let meaning = Meaning {
            advice,
            reviewed,
            en: en.to_owned(),
            zh: zh.to_owned(),
        };
        if meanings.insert(code.to_owned(), meaning).is_some() {
            return Err(format!("{place}: `{code}` twice").into());
        }
    }
    Ok(meanings)
}

/// `NAME_TEXT`, every string of `items` run together, and `NAME_ENDS`, where each ends: one
/// string and one array of integers, so the table needs no pointer (or relocation) per item.
fn write_blob(out: &mut String, name: &str, items: &[&str]) -> Result<(), Error> {
    writeln!(out, "pub(super) static {name}_TEXT: &str = concat!(")?;
    for item in items {
        writeln!(out, "    {item:?},")?;
    }
    writeln!(out, ");")?;
    writeln!(out)?;
    writeln!(
        out,
        "pub(super) static {name}_ENDS: [u32; {}] = [",
        items.len()
    )?;
    let mut end = 0;
    for chunk in items.chunks(16) {
        let ends: Vec<String> = chunk
            .iter()
            .map(|item| {
                end += item.len();
                end.to_string()
            })
            .collect();
        writeln!(out, "    {},", ends.join(", "))?;
    }
    writeln!(out, "];")?;
    writeln!(out)?;
    Ok(())
}
