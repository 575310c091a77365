//! Where a code sits among the common codes: its longest common prefix, or the family its
//! first segment names. Pure functions of the text, shared by the catalogue, `explain` and
//! `ErrorCode`. A code over [`ErrorCode::MAX_LEN`](crate::ErrorCode::MAX_LEN) sits nowhere.

use crate::grammar::is_too_long;
use crate::{Category, CommonCode};

/// The first segment of codes whose every unlisted sub-code shares one category even though
/// the segment alone is not a common code.
const FAMILIES: &[(&str, Category)] = &[("AuthFailure", Category::Authentication)];

/// The category of the family `code`'s first segment names, if any.
pub(crate) fn family_category(code: &str) -> Option<Category> {
    if is_too_long(code) {
        return None;
    }
    let first = code.split('.').next().unwrap_or_default();
    FAMILIES
        .iter()
        .find(|(family, _)| *family == first)
        .map(|&(_, category)| category)
}

/// The longest dotted prefix of `code` (the whole code included) that is a common code.
///
/// Longest first, one pass back over the dots, each prefix looked up in place without a
/// copy: time linear in the code's length.
pub(crate) fn common_prefix(code: &str) -> Option<CommonCode> {
    if is_too_long(code) {
        return None;
    }
    let dots = code.rmatch_indices('.').map(|(dot, _)| dot);
    [code.len()]
        .into_iter()
        .chain(dots)
        .find_map(|end| CommonCode::find(code.get(..end)?))
}
