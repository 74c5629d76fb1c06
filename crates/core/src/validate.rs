//! Validation of user credentials, shared by the server (which enforces it)
//! and the console (which shows it on the field before sending).

/// Longest accepted e-mail address (RFC 5321 path limit).
pub const MAX_EMAIL_LEN: usize = 254;
/// Longest accepted sales user name.
pub const MAX_USER_NAME_LEN: usize = 100;

/// A trimmed, plausible Microsoft 365 e-mail address, or why not.
pub fn microsoft_email(input: &str) -> Result<String, String> {
    let email = input.trim();
    if email.is_empty() {
        return Err("Enter the user's Microsoft 365 email address.".into());
    }
    if email.chars().count() > MAX_EMAIL_LEN {
        return Err(format!(
            "The email address can have at most {MAX_EMAIL_LEN} characters."
        ));
    }
    let invalid = || "Enter an email address like name@example.com.".to_owned();
    if email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c))
    {
        return Err(invalid());
    }
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    if local.is_empty()
        || local.chars().count() > 64
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with(['.', '-'])
        || domain.ends_with(['.', '-'])
        || domain.contains("..")
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return Err(invalid());
    }
    Ok(email.to_owned())
}

/// A trimmed sales application user name, or why not.
pub fn sales_user_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("Enter the user's name in the sales application.".into());
    }
    if name.chars().count() > MAX_USER_NAME_LEN {
        return Err(format!(
            "The user name can have at most {MAX_USER_NAME_LEN} characters."
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("The user name cannot contain control characters.".into());
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            microsoft_email("  Ana.Silva@Contoso.com ").unwrap(),
            "Ana.Silva@Contoso.com"
        );
        assert!(microsoft_email("a+tag@sub.example.co.uk").is_ok());
        for bad in [
            "",
            "   ",
            "ana",
            "ana@",
            "@contoso.com",
            "ana@contoso",
            "a b@c.com",
            "a@b@c.com",
            "a@.com",
            "a@b..com",
            ".a@b.com",
            "a..b@c.com",
            "a@b.com.",
            "a<b>@c.com",
        ] {
            assert!(microsoft_email(bad).is_err(), "accepted {bad:?}");
        }
        assert!(microsoft_email(&format!("{}@contoso.com", "a".repeat(250))).is_err());
        // The local part's 64 are characters, as the spec's pattern counts.
        assert!(microsoft_email(&format!("{}@contoso.com", "é".repeat(64))).is_ok());
        assert!(microsoft_email(&format!("{}@contoso.com", "a".repeat(65))).is_err());
    }

    #[test]
    fn user_names() {
        assert_eq!(sales_user_name(" ANA.SILVA ").unwrap(), "ANA.SILVA");
        assert!(
            sales_user_name("=HYPERLINK(\"x\")").is_ok(),
            "any text is a name; CSV export neutralises it"
        );
        assert!(sales_user_name("").is_err());
        assert!(sales_user_name("a\u{7}b").is_err());
        assert!(sales_user_name(&"x".repeat(101)).is_err());
        assert!(sales_user_name(&"é".repeat(100)).is_ok());
    }
}
