//! The guides, longer than the front page: each is a file in `docs/` as well, and their
//! examples run as doctests, so they cannot drift from the code.

// The README and the guides link to each other through reference labels (`[text][guide-sdk]`),
// defined in each file as a relative path, for GitHub and a checkout. Before each page, rustdoc
// reads guide/links.md, which defines the same labels as intra-doc paths or docs.rs addresses;
// a label's first definition wins, so rustdoc's links lead to its own pages, where a relative path
// would lead nowhere. tests/suite/doc_links.rs checks both sides of every link.

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/sdk.md")]
pub mod sdk {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/cli.md")]
pub mod cli {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/rules.md")]
pub mod rules {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/schemas.md")]
pub mod schemas {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/codes.md")]
pub mod codes {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/hostile-input.md")]
pub mod hostile_input {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/performance.md")]
pub mod performance {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/javascript.md")]
pub mod javascript {}

#[doc = include_str!("guide/links.md")]
#[doc = include_str!("../docs/development.md")]
pub mod development {}
