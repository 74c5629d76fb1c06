//! Formatting rules shared by every screen, so a number or a duration reads
//! the same on a card, in the table and in an export.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

// Dates are written here rather than with chrono's `format`: its strftime
// interpreter is ~10 KB of the console's module for three patterns.

/// A day as the charts' ticks show it: `Nov 24`.
pub fn short_date(d: &impl Datelike) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], d.day())
}

/// A day with its weekday: `Tue, Nov 24`.
pub fn weekday_date(d: &impl Datelike) -> String {
    let weekday = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
    format!("{weekday}, {}", short_date(d))
}

/// A local time for file names: `20261124-0815`.
pub fn file_stamp(t: &DateTime<FixedOffset>) -> String {
    format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// A count with thousands separators: `12345` → `"12,345"`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 user" / "2 users".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", count(n))
    }
}

/// A duration as people read it: `< 1s`, `42s`, `1m 23s`, `2h 05m`.
pub fn duration_ms(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0 => "< 1s".to_owned(),
        1..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}

/// How long ago (or how far ahead) `at` is from `now`: `just now`,
/// `5 min ago`, `3 h ago`, `2 days ago`, `in 10 min`.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - at).num_seconds();
    let (past, secs) = (secs >= 0, secs.unsigned_abs());
    let text = match secs {
        0..=44 => return "just now".to_owned(),
        45..=3_569 => format!("{} min", (secs + 30) / 60),
        3_570..=84_599 => format!("{} h", (secs + 1_800) / 3_600),
        _ => {
            let days = (secs + 43_200) / 86_400;
            if days == 1 {
                "1 day".to_owned()
            } else {
                format!("{days} days")
            }
        }
    };
    if past {
        format!("{text} ago")
    } else {
        format!("in {text}")
    }
}

/// User text as it should be shown: bidirectional control characters
/// (which can make "ADMIN\u{202E}txt.exe" read "ADMINexe.txt") are written
/// out as `[U+202E]`, so what is displayed is what is stored. The element
/// showing it also isolates it (`<bdi>`) from the text around it.
pub fn visible_text(s: &str) -> std::borrow::Cow<'_, str> {
    let is_bidi_control = |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(is_bidi_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(7), "7");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(12345), "12,345");
        assert_eq!(count(100000), "100,000");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "user", "users"), "1 user");
        assert_eq!(plural(0, "user", "users"), "0 users");
        assert_eq!(plural(2500, "user", "users"), "2,500 users");
    }

    #[test]
    fn durations() {
        assert_eq!(duration_ms(0), "< 1s");
        assert_eq!(duration_ms(999), "< 1s");
        assert_eq!(duration_ms(1_000), "1s");
        assert_eq!(duration_ms(59_999), "59s");
        assert_eq!(duration_ms(83_000), "1m 23s");
        assert_eq!(duration_ms(60_000), "1m 00s");
        assert_eq!(duration_ms(3_599_000), "59m 59s");
        assert_eq!(duration_ms(7_500_000), "2h 05m");
    }

    #[test]
    fn relative_times() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let ago = |s: i64| relative(now - chrono::Duration::seconds(s), now);
        assert_eq!(ago(0), "just now");
        assert_eq!(ago(44), "just now");
        assert_eq!(ago(45), "1 min ago");
        assert_eq!(ago(5 * 60), "5 min ago");
        assert_eq!(ago(3 * 3600), "3 h ago");
        assert_eq!(ago(3_580), "1 h ago");
        assert_eq!(ago(3_560), "59 min ago");
        assert_eq!(ago(30 * 3600), "1 day ago");
        assert_eq!(ago(3 * 86_400), "3 days ago");
        assert_eq!(ago(-600), "in 10 min");
    }

    #[test]
    fn dates_read_as_chronos_strftime() {
        // Every day of 2024–2026 (a leap year among them), at odd minutes
        // and offsets: the same text chrono's `format` writes.
        let start = DateTime::from_timestamp(1_704_067_200, 0).unwrap();
        for day in 0..(3 * 366) {
            let utc = start + chrono::Duration::minutes(day * 1_441 + 7);
            let date = utc.date_naive();
            assert_eq!(short_date(&date), date.format("%b %-d").to_string());
            assert_eq!(short_date(&utc), utc.format("%b %-d").to_string());
            assert_eq!(weekday_date(&date), date.format("%a, %b %-d").to_string());
            let offset = FixedOffset::east_opt((day as i32 % 27 - 13) * 3_600).unwrap();
            let local = utc.with_timezone(&offset);
            assert_eq!(file_stamp(&local), local.format("%Y%m%d-%H%M").to_string());
        }
    }

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        assert_eq!(visible_text("ADMIN\u{202E}txt.exe"), "ADMIN[U+202E]txt.exe");
        assert_eq!(visible_text("\u{2067}a\u{2069}"), "[U+2067]a[U+2069]");
        assert!(matches!(
            visible_text("Zoë Ölçer"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(visible_text("مرحبا"), "مرحبا");
    }
}
