//! The request ids seen so far, within a memory budget: what `duplicate-request-id` is
//! decided by, in the validator and in any program that must decide it the same way (the
//! tool's threaded run remembers ids in input order with it).

use std::collections::{HashSet, VecDeque};
use std::hash::BuildHasher;

use super::uuid;

/// The request ids most recently seen, up to a budget, the oldest forgotten first.
///
/// Each id takes 16 bytes whatever its length: a UUID its own 128 bits (so letter case does
/// not matter), any other id a 128-bit hash keyed at random per memory (so no input can
/// choose collisions). Once the budget is reached the table never grows again.
///
/// ```
/// use tencentcloud_envelope::RequestIdMemory;
///
/// let mut ids = RequestIdMemory::new(2);
/// assert!(ids.insert("b5b41468-520d-4192-b42f-595cc34b6c1c"));
/// assert!(!ids.insert("B5B41468-520D-4192-B42F-595CC34B6C1C"), "the same UUID");
/// assert!(ids.insert("req-2"));
/// assert!(ids.insert("req-3"), "the first id is forgotten to make room");
/// assert_eq!(ids.forgotten(), 1);
/// assert!(ids.insert("b5b41468-520d-4192-b42f-595cc34b6c1c"), "forgotten, so new again");
/// ```
#[derive(Debug, Clone)]
pub struct RequestIdMemory {
    ids: HashSet<u128, foldhash::quality::RandomState>,
    order: VecDeque<u128>,
    budget: usize,
    /// Keys for hashing ids that are not UUIDs, drawn at random per memory.
    keys: (
        foldhash::quality::RandomState,
        foldhash::quality::RandomState,
    ),
    forgotten: u64,
}

impl RequestIdMemory {
    /// A memory of at most `budget` ids; 0 remembers none.
    pub fn new(budget: usize) -> Self {
        RequestIdMemory {
            ids: HashSet::default(),
            order: VecDeque::new(),
            budget,
            keys: Default::default(),
            forgotten: 0,
        }
    }

    /// Remembers `id`; false when it is among the ids remembered already (a repeat).
    pub fn insert(&mut self, id: &str) -> bool {
        let bits = uuid::uuid_bits(id).unwrap_or_else(|| {
            let (high, low) = (&self.keys.0, &self.keys.1);
            (u128::from(high.hash_one(id)) << 64) | u128::from(low.hash_one(id))
        });
        if self.ids.contains(&bits) {
            return false;
        }
        if self.budget == 0 {
            self.forgotten += 1;
            return true;
        }
        if self.ids.len() >= self.budget {
            // Room for twice the budget once it is reached: the tombstones that forgetting
            // leaves are then cleared in place, and the table never grows again.
            if self.ids.capacity() < 2 * self.budget {
                self.ids.reserve(self.budget);
            }
            if let Some(oldest) = self.order.pop_front() {
                self.ids.remove(&oldest);
                self.forgotten += 1;
            }
        }
        self.ids.insert(bits);
        self.order.push_back(bits);
        true
    }

    /// How many ids were forgotten (or, with a budget of 0, never remembered) to stay within
    /// the budget: a repeat of one of them goes unnoticed.
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_uuids_ignore_letter_case() {
        let mut ids = RequestIdMemory::new(10);
        assert!(ids.insert("b5b41468-520d-4192-b42f-595cc34b6c1c"));
        assert!(!ids.insert("B5B41468-520D-4192-B42F-595CC34B6C1C"));
        assert!(ids.insert("b5b41468520d4192b42f595cc34b6c1c"));
        assert!(!ids.insert("b5b41468520d4192b42f595cc34b6c1c"));
        assert!(ids.insert("B5B41468520D4192B42F595CC34B6C1C"));
    }

    #[test]
    fn the_oldest_ids_are_forgotten_first() {
        let mut ids = RequestIdMemory::new(2);
        for id in ["a", "b", "c"] {
            assert!(ids.insert(id));
        }
        assert_eq!(ids.forgotten(), 1);
        assert!(ids.insert("a"), "forgotten");
        assert!(!ids.insert("c"));
    }

    #[test]
    fn a_budget_of_zero_remembers_nothing() {
        let mut ids = RequestIdMemory::new(0);
        assert!(ids.insert("a"));
        assert!(ids.insert("a"));
        assert_eq!(ids.forgotten(), 2);
    }
}
