//! The integration tests, one module each, in one binary so that they are linked once. Apart
//! from it, each a binary of its own in `tests/`, stay only the tests that need a process of
//! their own: those that measure this process's peak resident size (`memory`,
//! `findings_memory`, `capture_header_memory`, `request_id_memory`) or a process-wide count
//! (`schema_lazy`), and those that CI runs again under another feature set (`strategies`,
//! `capture`), which would otherwise rebuild the whole suite. The tests that measure a child
//! process (`cli_memory` and the like) read the child's own peak, so they belong here.
//!
//! This root is not named `main.rs`: proptest then keeps each module's regressions beside it
//! (`tests/suite/NAME.proptest-regressions`), as for a test file of its own.

#[path = "../common/mod.rs"]
mod common;
#[path = "../doc_corpus/mod.rs"]
mod doc_corpus;

mod agreement;
mod capture_har_entries;
mod classify;
mod cli;
mod cli_codes_table;
mod cli_findings_budget;
mod cli_hostile;
mod cli_inert;
mod cli_inputs;
mod cli_memory;
mod cli_output;
mod cli_pipeline_bounds;
mod cli_summary;
mod cli_threads;
mod codes;
mod codes_retry;
mod corpus;
mod differential;
mod doc_capture;
mod doc_examples;
mod doc_links;
mod explain;
mod explain_cli;
mod fast_path;
mod findings_budget;
mod guide_tables;
mod headers;
mod hostile;
mod hostile_codes;
mod meanings;
mod readers;
mod response;
mod schema;
mod schema_har;
mod service_names;
mod settings_levels;
mod settings_nesting_limit;
mod settings_report;
mod sse;
mod validate;
mod validate_properties;
