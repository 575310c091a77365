//! Finding repeated keys in an object, in time linear in its size and memory of a few bytes
//! per key.

use hashbrown::HashTable;

/// The keys of one object so far, to detect repeats in time linear in the object's size.
///
/// Small objects, the vast majority, are searched linearly in an inline array without
/// allocating; past that, keys move to a hash table that holds each key as its place in the
/// text (8 bytes), not as a copy or a slice, so that an object of millions of short keys costs
/// about as much memory as its text.
pub(super) struct KeySet<'a> {
    few: [&'a str; KeySet::FEW],
    len: usize,
    many: Option<Many<'a>>,
}

/// The hash table of a large object's keys.
struct Many<'a> {
    text: &'a str,
    /// Each key's offset in `text` (it has no escapes, so the next quote ends it), or with
    /// `OWNED` set, its index in `owned`.
    table: HashTable<u64>,
    /// Keys written with escapes, unescaped: they have no place in the text.
    owned: Vec<Box<str>>,
    /// A per-process random seed, so that a crafted input cannot count on collisions.
    hasher: foldhash::fast::RandomState,
}

const OWNED: u64 = 1 << 63;

impl<'a> KeySet<'a> {
    const FEW: usize = 16;

    pub(super) fn new() -> Self {
        KeySet {
            few: [""; KeySet::FEW],
            len: 0,
            many: None,
        }
    }

    /// Adds `key`, which starts at offset `at` of `text` when it is written without escapes;
    /// true when the object already had it.
    pub(super) fn insert(&mut self, text: &'a str, key: &str, at: Option<usize>) -> bool {
        if self.many.is_none() {
            if self.few.get(..self.len).unwrap_or_default().contains(&key) {
                return true;
            }
            let borrowed = at.and_then(|at| text.get(at..at + key.len()));
            if let (Some(borrowed), Some(slot)) = (borrowed, self.few.get_mut(self.len)) {
                *slot = borrowed;
                self.len += 1;
                return false;
            }
            let mut many = Many {
                text,
                table: HashTable::with_capacity(4 * Self::FEW),
                owned: Vec::new(),
                hasher: foldhash::fast::RandomState::default(),
            };
            for &earlier in self.few.get(..self.len).unwrap_or_default() {
                let at = (earlier.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                many.insert(earlier, Some(at));
            }
            self.many = Some(many);
        }
        self.many.as_mut().is_some_and(|many| many.insert(key, at))
    }
}

impl Many<'_> {
    fn insert(&mut self, key: &str, at: Option<usize>) -> bool {
        use std::hash::BuildHasher;
        let Many {
            text,
            table,
            owned,
            hasher,
        } = self;
        let key_of = |entry: u64| -> &str {
            if entry & OWNED != 0 {
                let index = usize::try_from(entry & !OWNED).unwrap_or(usize::MAX);
                return owned.get(index).map_or("", |key| key);
            }
            let rest = usize::try_from(entry)
                .ok()
                .and_then(|at| text.get(at..))
                .unwrap_or_default();
            rest.split('"').next().unwrap_or_default()
        };
        let hash = hasher.hash_one(key);
        if table.find(hash, |&entry| key_of(entry) == key).is_some() {
            return true;
        }
        let entry = match at.and_then(|at| u64::try_from(at).ok()) {
            Some(at) if at & OWNED == 0 => at,
            _ => OWNED | owned.len() as u64,
        };
        let hasher = |&entry: &u64| hasher.hash_one(key_of(entry));
        table.insert_unique(hash, entry, hasher);
        if entry & OWNED != 0 {
            owned.push(key.into());
        }
        false
    }
}
