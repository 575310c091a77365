//! Where a code sits among the common codes: its longest common prefix, or the family its
//! first segment names. Pure functions of the text, shared by the catalogue, `explain` and
//! `ErrorCode`.

use crate::{Category, CommonCode};

/// The first segment of codes whose every unlisted sub-code shares one category even though
/// the segment alone is not a common code.
const FAMILIES: &[(&str, Category)] = &[("AuthFailure", Category::Authentication)];

/// The category of the family `code`'s first segment names, if any.
pub(crate) fn family_category(code: &str) -> Option<Category> {
    let first = code.split('.').next().unwrap_or_default();
    FAMILIES
        .iter()
        .find(|(family, _)| *family == first)
        .map(|&(_, category)| category)
}

/// The longest dotted prefix of `code` (the whole code included) that is a common code.
pub(crate) fn common_prefix(code: &str) -> Option<CommonCode> {
    let mut end = code.len();
    loop {
        let prefix = code.get(..end)?;
        if let Ok(common) = prefix.parse() {
            return Some(common);
        }
        end = prefix.rfind('.')?;
    }
}
