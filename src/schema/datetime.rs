//! The date and time forms API descriptions name: `datetime`, `datetime_iso` and `date`.

/// `YYYY-MM-DD`.
pub(crate) fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && date_at(b, 0)
}

/// `YYYY-MM-DD hh:mm:ss`; seconds run to 60 for a leap second.
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

/// A calendar date: the day must exist in its month, February 29 only in leap years.
fn date_at(b: &[u8], at: usize) -> bool {
    let (Some(year), Some(month), Some(day)) =
        (number(b, at, 4), number(b, at + 5, 2), number(b, at + 8, 2))
    else {
        return false;
    };
    b.get(at + 4) == Some(&b'-')
        && b.get(at + 7) == Some(&b'-')
        && (1..=days_in_month(year, month)).contains(&day)
}

/// The number of days in `month` of `year` (proleptic Gregorian), 0 for no such month.
fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
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
    use proptest::prelude::*;

    /// Days since 1970-01-01 of a civil date, and back (Hinnant's algorithms): a date is real
    /// exactly when the round trip gives it back.
    fn round_trips(y: i64, m: i64, d: i64) -> bool {
        let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let era = yy.div_euclid(400);
        let yoe = yy - era * 400;
        let doy = (153 * mm + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day) == (y, m, d)
    }

    proptest! {
        #[test]
        // Century years, February and month ends are drawn often: that is where calendars err.
        fn a_date_is_accepted_exactly_when_the_calendar_has_it(
            y in prop_oneof![0i64..=9999, (0i64..100).prop_map(|c| c * 100)],
            m in prop_oneof![0i64..=13, Just(2i64)],
            d in prop_oneof![0i64..=32, 28i64..=31],
        ) {
            let real = (1..=12).contains(&m) && (1..=31).contains(&d) && round_trips(y, m, d);
            let text = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(is_date(&text), real, "{}", text);
            prop_assert_eq!(is_datetime(&format!("{text} 12:00:00")), real, "{}", text);
        }
    }

    #[test]
    fn days_past_the_end_of_their_month_are_rejected() {
        for bad in [
            "2026-02-31 10:00:00",
            "2026-02-29 00:00:00",
            "1900-02-29 00:00:00",
            "2026-04-31 00:00:00",
            "2026-06-31 00:00:00",
            "2026-09-31 00:00:00",
            "2026-11-31 00:00:00",
            "2026-01-32 00:00:00",
            "2026-01-00 00:00:00",
            "2026-00-10 00:00:00",
        ] {
            assert!(!is_datetime(bad), "{bad}");
        }
        for good in [
            "2024-02-29 23:59:59",
            "2000-02-29 00:00:00",
            "2026-02-28 00:00:00",
            "2026-01-31 00:00:00",
            "2026-03-31 00:00:00",
            "2026-04-30 00:00:00",
            "2026-12-31 23:59:59",
            "0000-02-29 00:00:00",
        ] {
            assert!(is_datetime(good), "{good}");
        }
        assert!(!is_date("2100-02-29") && is_date("2400-02-29"));
        assert!(!is_datetime_iso("2026-02-30T00:00:00Z"));
        assert!(is_datetime_iso("2028-02-29T00:00:00+08:00"));
    }

    #[test]
    fn times_are_held_to_their_ranges() {
        for bad in [
            "2026-01-01 24:00:00",
            "2026-01-01 23:60:00",
            "2026-01-01 23:59:61",
            "2026-01-01 9:00:00",
            "2026-01-01 09:00:0a",
        ] {
            assert!(!is_datetime(bad), "{bad}");
        }
        // A leap second is a real time of day.
        assert!(is_datetime("2016-12-31 23:59:60"));
        assert!(!is_datetime_iso("2026-01-01T00:00:00+24:00"));
    }

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
