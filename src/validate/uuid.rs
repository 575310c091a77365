//! Request ids in the documented UUID form, and their compact 16-byte key.

use super::swar::{HIGHS, ONES};

/// Whether `id` is a UUID in 8-4-4-4-12 hexadecimal form (either letter case).
///
/// Every body has a request id, so this runs once a body: the 32 digits are checked as four
/// words of eight bytes rather than one by one.
pub(crate) fn is_uuid(id: &str) -> bool {
    let bytes = id.as_bytes();
    let half = |at: usize| -> Option<u64> {
        let four = bytes.get(at..at + 4)?;
        Some(u64::from(u32::from_le_bytes(four.try_into().ok()?)))
    };
    let words = || -> Option<[u64; 4]> {
        Some([
            half(0)? | half(4)? << 32,
            half(9)? | half(14)? << 32,
            half(19)? | half(24)? << 32,
            half(28)? | half(32)? << 32,
        ])
    };
    bytes.len() == 36
        && [8, 13, 18, 23]
            .iter()
            .all(|&dash| bytes.get(dash) == Some(&b'-'))
        && words().is_some_and(|words| words.into_iter().all(all_hex_digits))
}

/// Whether each of the eight bytes of `word` is a hexadecimal digit, in either case.
fn all_hex_digits(word: u64) -> bool {
    // Bytes below 0x80 plus constants below 0x80 never carry into their neighbour.
    let within = |word: u64, low: u8, high: u8| {
        let at_least_low = word.wrapping_add(ONES * u64::from(0x80 - low));
        let above_high = word.wrapping_add(ONES * u64::from(0x7F - high));
        at_least_low & !above_high & HIGHS
    };
    let digits = within(word, b'0', b'9');
    let letters = within(word | (ONES * 0x20), b'a', b'f');
    word & HIGHS == 0 && (digits | letters) == HIGHS
}

/// The 128 bits of a UUID in 8-4-4-4-12 form, letter case ignored.
pub(crate) fn uuid_bits(id: &str) -> Option<u128> {
    if !is_uuid(id) {
        return None;
    }
    let digits = id.chars().filter_map(|c| c.to_digit(16));
    Some(digits.fold(0, |bits, digit| (bits << 4) | u128::from(digit)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, one byte at a time.
    fn plainly_uuid(id: &str) -> bool {
        id.len() == 36
            && id.bytes().enumerate().all(|(index, byte)| match index {
                8 | 13 | 18 | 23 => byte == b'-',
                _ => byte.is_ascii_hexdigit(),
            })
    }

    proptest! {
        #[test]
        fn words_agree_with_the_definition(
            id in "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            at in 0usize..36,
            byte in any::<u8>(),
        ) {
            prop_assert!(is_uuid(&id));
            let mut bytes = id.into_bytes();
            bytes[at] = byte;
            if let Ok(changed) = String::from_utf8(bytes) {
                prop_assert_eq!(is_uuid(&changed), plainly_uuid(&changed), "{}", changed);
            }
        }

        #[test]
        fn any_text_agrees_with_the_definition(id in "[-0-9a-gA-G/:@`{\\x00-\\x7f]{30,40}") {
            prop_assert_eq!(is_uuid(&id), plainly_uuid(&id));
        }
    }

    #[test]
    fn accepts_the_documented_form_in_either_case() {
        assert!(is_uuid("b5b41468-520d-4192-b42f-595cc34b6c1c"));
        assert!(is_uuid("B5B41468-520D-4192-B42F-595CC34B6C1C"));
        assert_eq!(
            uuid_bits("b5b41468-520d-4192-b42f-595cc34b6c1c"),
            uuid_bits("B5B41468-520D-4192-B42F-595CC34B6C1C")
        );
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "b5b41468520d4192b42f595cc34b6c1c",
            "b5b41468-520d-4192-b42f-595cc34b6c1",
            "b5b41468-520d-4192-b42f-595cc34b6c1cc",
            "g5b41468-520d-4192-b42f-595cc34b6c1c",
            "b5b41468_520d-4192-b42f-595cc34b6c1c",
            "{5b41468-520d-4192-b42f-595cc34b6c1}",
            "b5b41468-520d-4192-b42f-595cc34b6c1\u{e9}",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
