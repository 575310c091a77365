//! The date and time forms API descriptions name: `datetime`, `datetime_iso` and `date`.

/// `YYYY-MM-DD`.
pub(crate) fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && date_at(b, 0)
}

/// `YYYY-MM-DD hh:mm:ss`.
pub(crate) fn is_datetime(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 19 && date_at(b, 0) && b.get(10) == Some(&b' ') && time_at(b, 11)
}

/// `YYYY-MM-DDThh:mm:ss`, optional fraction, then `Z` or `±hh:mm`.
pub(crate) fn is_datetime_iso(text: &str) -> bool {
    let b = text.as_bytes();
    if !(date_at(b, 0) && b.get(10) == Some(&b'T') && time_at(b, 11)) {
        return false;
    }
    let mut at = 19;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let digits = b
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 {
            return false;
        }
        at += digits;
    }
    match b.get(at..).unwrap_or_default() {
        b"Z" => true,
        [b'+' | b'-', rest @ ..] => {
            rest.len() == 5
                && number(rest, 0, 2).is_some_and(|h| h <= 23)
                && rest.get(2) == Some(&b':')
                && number(rest, 3, 2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

fn date_at(b: &[u8], at: usize) -> bool {
    number(b, at, 4).is_some()
        && b.get(at + 4) == Some(&b'-')
        && number(b, at + 5, 2).is_some_and(|m| (1..=12).contains(&m))
        && b.get(at + 7) == Some(&b'-')
        && number(b, at + 8, 2).is_some_and(|d| (1..=31).contains(&d))
}

fn time_at(b: &[u8], at: usize) -> bool {
    number(b, at, 2).is_some_and(|h| h <= 23)
        && b.get(at + 2) == Some(&b':')
        && number(b, at + 3, 2).is_some_and(|m| m <= 59)
        && b.get(at + 5) == Some(&b':')
        && number(b, at + 6, 2).is_some_and(|s| s <= 60)
}

/// The decimal number in `b[at..at + len]`, when those are all digits.
fn number(b: &[u8], at: usize, len: usize) -> Option<u32> {
    b.get(at..at + len)?.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(is_date("2026-11-27"));
        assert!(!is_date("2026-13-01") && !is_date("2026-11-27 ") && !is_date(""));
        assert!(is_datetime("2018-10-26 10:55:43"));
        assert!(!is_datetime("2018-10-26T10:55:43") && !is_datetime("2018-10-26 24:00:00"));
        for good in [
            "2018-06-08T07:26:38Z",
            "2022-01-08T09:47:55+00:00",
            "2022-01-08T09:47:55.123Z",
            "2022-01-08T09:47:55-08:00",
        ] {
            assert!(is_datetime_iso(good), "{good}");
        }
        for bad in [
            "2018-06-08 07:26:38",
            "2018-06-08T07:26:38",
            "2018-06-08T07:26:38.Z",
            "2018-06-08T07:26:38+0800",
            "",
        ] {
            assert!(!is_datetime_iso(bad), "{bad}");
        }
    }
}
