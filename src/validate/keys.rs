//! Finding repeated keys in an object, in time linear in its size.

use std::borrow::Cow;
use std::collections::HashSet;

/// The keys of one object so far, to detect repeats in time linear in the object's size.
///
/// Small objects, the vast majority, are searched linearly in an inline array without
/// allocating; past that, or at the first key written with escapes, keys move to a hash set.
pub(super) struct KeySet<'a> {
    few: [&'a str; KeySet::FEW],
    len: usize,
    /// Created on demand. Hashing uses a per-process random seed, so a crafted input cannot
    /// count on collisions.
    many: Option<HashSet<Cow<'a, str>, foldhash::fast::RandomState>>,
}

impl<'a> KeySet<'a> {
    const FEW: usize = 16;

    pub(super) fn new() -> Self {
        KeySet {
            few: [""; KeySet::FEW],
            len: 0,
            many: None,
        }
    }

    /// Adds `key`; true when the object already had it.
    #[allow(clippy::ptr_arg, reason = "a borrowed key is kept without copying it")]
    pub(super) fn insert(&mut self, key: &Cow<'a, str>) -> bool {
        if self.many.is_none() {
            let few = self.few.get(..self.len).unwrap_or_default();
            if few.contains(&key.as_ref()) {
                return true;
            }
            if let (Cow::Borrowed(borrowed), Some(slot)) = (key, self.few.get_mut(self.len)) {
                *slot = borrowed;
                self.len += 1;
                return false;
            }
            let few = self.few.get(..self.len).unwrap_or_default();
            let mut many = HashSet::with_capacity_and_hasher(
                4 * Self::FEW,
                foldhash::fast::RandomState::default(),
            );
            many.extend(few.iter().map(|&k| Cow::Borrowed(k)));
            self.many = Some(many);
        }
        self.many
            .as_mut()
            .is_some_and(|many| !many.insert(key.clone()))
    }
}
