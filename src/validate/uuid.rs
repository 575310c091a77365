//! Request ids in the documented UUID form, and their compact 16-byte key.

/// Whether `id` is a UUID in 8-4-4-4-12 hexadecimal form (either letter case).
pub(crate) fn is_uuid(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && bytes.iter().zip(UUID_FORM).all(|(&byte, dash)| {
            if dash {
                byte == b'-'
            } else {
                byte.is_ascii_hexdigit()
            }
        })
}

/// Where the form 8-4-4-4-12 has its dashes.
const UUID_FORM: [bool; 36] = {
    let mut form = [false; 36];
    form[8] = true;
    form[13] = true;
    form[18] = true;
    form[23] = true;
    form
};

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
