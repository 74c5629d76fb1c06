//! Formatting rules shared by every screen, so a number or a duration reads
//! the same on a card, in the table and in an export.

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
}
