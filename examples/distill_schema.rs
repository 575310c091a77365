//! Distils `api.json` descriptions into the compact form built into the crate: structure only,
//! no prose.
//!
//! One file to standard output:
//! `cargo run --example distill_schema -- ../shared/api/cbs-2017-03-12.api.json`
//!
//! A whole directory into `src/schema/data/`, one `SERVICE-VERSION.txt` per description, the
//! table `index.rs` that builds them in, and `aliases.rs`, the products whose file name is not
//! their service:
//! `cargo run --example distill_schema -- ../shared/api src/schema/data`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tencentcloud_envelope::Schema;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let usage = "usage: distill_schema API_JSON | distill_schema API_DIR OUT_DIR";
    let input = args.next().ok_or(usage)?;
    match args.next() {
        None => print!("{}", distil(&input)?.to_compact()),
        Some(out) => distil_all(&input, &out)?,
    }
    Ok(())
}

fn distil(path: &Path) -> Result<Schema, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    Schema::from_api_json(&text).map_err(|error| format!("{}: {error}", path.display()).into())
}

fn distil_all(input: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(input)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|path| path.to_string_lossy().ends_with(".api.json"));
    let mut entries = Vec::new();
    let mut aliases = Vec::new();
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
        std::fs::write(out.join(&name), schema.to_compact())?;
        entries.push((
            schema.service().to_owned(),
            schema.version().to_owned(),
            name,
        ));
    }
    entries.sort();
    let mut index = String::from(
        "// Written by `cargo run --example distill_schema -- ../shared/api src/schema/data`.\n&[\n",
    );
    for (service, version, name) in &entries {
        writeln!(
            index,
            "    ({service:?}, {version:?}, include_str!({name:?})),"
        )?;
    }
    index.push_str("]\n");
    std::fs::write(out.join("index.rs"), index)?;
    aliases.sort();
    aliases.dedup();
    let mut table = String::from(
        "// Written by `cargo run --example distill_schema -- ../shared/api src/schema/data`.\n&[\n",
    );
    for (alias, service) in &aliases {
        writeln!(table, "    ({alias:?}, {service:?}),")?;
    }
    table.push_str("]\n");
    std::fs::write(out.join("aliases.rs"), table)?;
    eprintln!(
        "{} descriptions written to {}",
        entries.len(),
        out.display()
    );
    Ok(())
}
