//! Eight bytes at a time in one `u64` ("SIMD within a register"): the widest step the crate
//! takes without `unsafe`. Each test sets the high bit of the bytes it flags.

/// 0x01 in every byte: times a byte, that byte in every position.
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
/// The low seven bits of every byte.
pub(super) const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// The high bit of every byte.
pub(super) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `chunk`, the first lowest, as `chunks_exact(8)` hands them out.
pub(super) fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))
}

/// Nonzero when a byte of `word` is `byte`; the lowest flagged byte is the first such byte
/// (the flags above it may be false).
pub(super) fn has_byte(word: u64, byte: u8) -> u64 {
    let diff = word ^ (ONES * u64::from(byte));
    diff.wrapping_sub(ONES) & !diff & HIGHS
}

/// Nonzero when a byte of `word` is below `bound` (at most 0x80), with the same guarantee.
pub(super) fn has_byte_below(word: u64, bound: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(bound)) & !word & HIGHS
}

/// Exactly the bytes of `word` that are `byte`, each flagged alone (the sum of the low seven
/// bits never carries out of a byte), for counting.
pub(super) fn bytes_equal(word: u64, byte: u8) -> u64 {
    let zeros = word ^ (ONES * u64::from(byte));
    !(((zeros & LOWS) + LOWS) | zeros | LOWS)
}
