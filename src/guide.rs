//! The guides, longer than the front page: each is a file in `docs/` as well, and their
//! examples run as doctests, so they cannot drift from the code.

#[doc = include_str!("../docs/sdk.md")]
pub mod sdk {}

#[doc = include_str!("../docs/cli.md")]
pub mod cli {}

#[doc = include_str!("../docs/rules.md")]
pub mod rules {}

#[doc = include_str!("../docs/schemas.md")]
pub mod schemas {}

#[doc = include_str!("../docs/codes.md")]
pub mod codes {}

#[doc = include_str!("../docs/hostile-input.md")]
pub mod hostile_input {}

#[doc = include_str!("../docs/performance.md")]
pub mod performance {}

#[doc = include_str!("../docs/development.md")]
pub mod development {}
