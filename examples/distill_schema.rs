//! Distils `api.json` descriptions into the compact form built into the crate: structure only,
//! no prose.
//!
//! One file to standard output:
//! `cargo run --example distill_schema -- ../shared/api/cbs-2017-03-12.api.json`
//!
//! Both sites' descriptions into `src/schema/data/`: each site's `SERVICE-VERSION.txt` in a
//! folder of its own (`intl/`, `china/`), and the table `index.rs` that builds them in (one row per
//! product version, with the text of each site that describes it); and
//! `src/data/service_aliases.rs`, the products whose file name is not their service (the code
//! catalogue reads it too):
//! `cargo run --example distill_schema -- ../shared/api ../shared/api-china src/schema/data`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tencentcloud_envelope::Schema;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let usage =
        "usage: distill_schema API_JSON | distill_schema INTL_API_DIR CHINA_API_DIR OUT_DIR";
    let input = args.next().ok_or(usage)?;
    let Some(china) = args.next() else {
        print!("{}", distil(&input)?.to_compact());
        return Ok(());
    };
    let out = args.next().ok_or(usage)?;
    distil_all(&[("intl", &input), ("china", &china)], &out)
}

fn distil(path: &Path) -> Result<Schema, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    Schema::from_api_json(&text).map_err(|error| format!("{}: {error}", path.display()).into())
}

/// `(service, version)` to the file of each site that describes it, in the order of `sites`.
type Index = std::collections::BTreeMap<(String, String), Vec<Option<String>>>;

fn distil_all(sites: &[(&str, &PathBuf)], out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut index = Index::new();
    let mut aliases = Vec::new();
    for (position, (site, input)) in sites.iter().enumerate() {
        let folder = out.join(site);
        std::fs::create_dir_all(&folder)?;
        let mut paths: Vec<PathBuf> = std::fs::read_dir(input)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        paths.retain(|path| path.to_string_lossy().ends_with(".api.json"));
        for path in paths {
            let schema = distil(&path)?;
            // The file is named after the product as Tencent's documentation names it; where
            // that is not the service of the host (`autoscaling`, `as`), keep it as another name.
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let suffix = format!("-{}.api.json", schema.version());
            if let Some(product) = file
                .strip_suffix(&suffix)
                .filter(|p| *p != schema.service())
            {
                aliases.push((product.to_owned(), schema.service().to_owned()));
            }
            let name = format!("{}-{}.txt", schema.service(), schema.version());
            std::fs::write(folder.join(&name), schema.to_compact())?;
            let row = index
                .entry((schema.service().to_owned(), schema.version().to_owned()))
                .or_insert_with(|| vec![None; sites.len()]);
            if let Some(slot) = row.get_mut(position) {
                *slot = Some(format!("{site}/{name}"));
            }
        }
    }
    let command = "// Written by `cargo run --example distill_schema -- ../shared/api ../shared/api-china src/schema/data`.";
    let mut table = format!("{command}\n&[\n");
    for ((service, version), files) in &index {
        let texts: Vec<String> = files
            .iter()
            .map(|file| match file {
                Some(file) => format!("Some(include_str!({file:?}))"),
                None => "None".to_owned(),
            })
            .collect();
        writeln!(
            table,
            "    ({service:?}, {version:?}, [{}]),",
            texts.join(", ")
        )?;
    }
    table.push_str("]\n");
    std::fs::write(out.join("index.rs"), table)?;
    aliases.sort();
    aliases.dedup();
    let mut table = format!("{command}\n&[\n");
    for (alias, service) in &aliases {
        writeln!(table, "    ({alias:?}, {service:?}),")?;
    }
    table.push_str("]\n");
    std::fs::write(out.join("../../data/service_aliases.rs"), table)?;
    eprintln!(
        "{} product versions written to {}",
        index.len(),
        out.display()
    );
    Ok(())
}
