//! Distils an `api.json` description into the compact form built into the crate:
//! structure only, no prose.
//!
//! `cargo run --example distill_schema -- ../shared/api/cbs-2017-03-12.api.json > src/schema/cbs-2017-03-12.json`

use tencentcloud_envelope::Schema;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: distill_schema API_JSON")?;
    let schema = Schema::from_api_json(&std::fs::read_to_string(path)?)?;
    println!("{}", schema.to_api_json());
    Ok(())
}
