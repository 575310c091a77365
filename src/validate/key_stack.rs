//! The keys of the objects open while a clean body is read, to find a repeated key without
//! building a set for every object: shared by the scanner and the one-pass typed reader, which
//! both give up on what they cannot judge (an escaped key, a very wide object) and leave it
//! to the walk.

use std::collections::HashSet;

/// The keys of the objects open, innermost last: the first `INLINE` in place (no allocation
/// for the common body), the rest in a vector.
pub(super) struct KeyStack<'a> {
    inline: [&'a str; KeyStack::INLINE],
    len: usize,
    spilled: Vec<&'a str>,
}

impl<'a> KeyStack<'a> {
    const INLINE: usize = 40;

    #[inline]
    pub(super) fn new() -> Self {
        KeyStack {
            inline: [""; KeyStack::INLINE],
            len: 0,
            spilled: Vec::new(),
        }
    }

    /// How many keys the stack holds.
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub(super) fn push(&mut self, key: &'a str) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = key,
            None => self.spilled.push(key),
        }
        self.len += 1;
    }

    #[inline]
    pub(super) fn truncate(&mut self, len: usize) {
        self.len = len;
        self.spilled.truncate(len.saturating_sub(KeyStack::INLINE));
    }

    /// The keys from `base` up, in order.
    #[inline]
    pub(super) fn since(&self, base: usize) -> impl Iterator<Item = &'a str> + '_ {
        let inline = self
            .inline
            .get(base.min(KeyStack::INLINE)..self.len.min(KeyStack::INLINE))
            .unwrap_or_default();
        let spilled = self
            .spilled
            .get(base.saturating_sub(KeyStack::INLINE)..)
            .unwrap_or_default();
        inline.iter().chain(spilled).copied()
    }
}

/// The keys of one object so far, all without escapes. They sit on the scanner's stack
/// above those of the objects that enclose it, up to `FEW` of them behind a 64-bit filter,
/// so that a new key is compared with the others only when its filter bit is already set;
/// past that, in a hash set, so that wide objects stay linear.
pub(super) struct Keys<'a> {
    /// Where this object's keys start on the stack.
    base: usize,
    filter: u64,
    /// Hashing uses a per-process random seed, so a crafted input cannot count on collisions.
    many: Option<HashSet<&'a str, foldhash::fast::RandomState>>,
}

impl<'a> Keys<'a> {
    const FEW: usize = 32;
    /// The most keys an object may have for the scanner to take it.
    const MANY: usize = 4_096;

    #[inline]
    pub(super) fn new(stack: &KeyStack<'a>) -> Self {
        Keys {
            base: stack.len,
            filter: 0,
            many: None,
        }
    }

    /// Adds `key`; true when the object already had it, or has more keys than the scanner
    /// takes.
    #[allow(
        clippy::inline_always,
        reason = "measured: as a call, small bodies cost 2% more instructions, medium ones 4%"
    )]
    #[inline(always)]
    pub(super) fn insert(&mut self, stack: &mut KeyStack<'a>, key: &'a str) -> bool {
        let count = stack.len - self.base;
        if count < Keys::FEW {
            let bytes = key.as_bytes();
            let last = bytes.last().copied().unwrap_or_default();
            let bit = 1u64 << ((bytes.len().wrapping_mul(5) ^ usize::from(last)) & 63);
            if self.filter & bit != 0 && stack.since(self.base).any(|k| k == key) {
                return true;
            }
            self.filter |= bit;
            stack.push(key);
            return false;
        }
        // A wider object is left to the walk, whose key table takes 8 bytes a key.
        if self
            .many
            .as_ref()
            .is_some_and(|many| many.len() >= Keys::MANY)
        {
            return true;
        }
        let many = self.many.get_or_insert_with(|| {
            let mut many = HashSet::with_capacity_and_hasher(
                4 * Keys::FEW,
                foldhash::fast::RandomState::default(),
            );
            many.extend(stack.since(self.base));
            many
        });
        !many.insert(key)
    }

    /// The object has ended: its keys leave the stack.
    #[inline]
    pub(super) fn close(self, stack: &mut KeyStack<'a>) {
        stack.truncate(self.base);
    }
}
