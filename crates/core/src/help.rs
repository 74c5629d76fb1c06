//! Plain-language explanations and suggested fixes for the sync errors the
//! monitor reports.

/// Guidance on a failed authorization (the seed's note), wherever a failed
/// authorization icon appears.
pub const AUTH_FAILED_HELP: &str = "Authorization failed. This can happen if the Microsoft 365 \
    Token Refresh Job scheduled process hasn't run for a long time. Ask the user to sign in to \
    the add-in again.";

/// The fix part of [`AUTH_FAILED_HELP`] (its last sentence), for where
/// space is short.
pub fn auth_failed_fix() -> &'static str {
    let at = AUTH_FAILED_HELP.rfind(". ").map_or(0, |i| i + 2);
    &AUTH_FAILED_HELP[at..]
}

/// What an error code means and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorHelp {
    pub explanation: &'static str,
    pub fix: &'static str,
    /// The fix is the user signing in to the add-in again (an
    /// authorization was lost), so sign-in instructions can be sent.
    pub sign_in_again: bool,
}

/// Help for a known error code.
pub fn error_help(code: &str) -> Option<ErrorHelp> {
    let (explanation, fix) = match code {
        "MS_TOKEN_EXPIRED" => (
            "The user's Microsoft 365 sign-in expired, so the sync could not read or write their mailbox.",
            "Ask the user to sign in to the add-in again. If many users show this, check that the Microsoft 365 Token Refresh Job scheduled process runs.",
        ),
        "SALES_TOKEN_REFRESH_FAILED" => (
            "The sales application token could not be refreshed, so the sync could not reach the user's sales data.",
            "Ask the user to sign in to the add-in again. If many users show this, check that the Microsoft 365 Token Refresh Job scheduled process runs.",
        ),
        "MAILBOX_NOT_FOUND" => (
            "Microsoft 365 has no mailbox for this email address: the mailbox was removed or renamed, or the mapping has a typo.",
            "Check the address with your Microsoft 365 administrator. To move the user to another mailbox, delete the mapping and have the user sign in to the add-in again.",
        ),
        "MS_THROTTLED" => (
            "Microsoft Graph limited the number of requests (HTTP 429); the sync stopped early.",
            "Nothing to do: the next sync retries. If it keeps happening, run fewer full syncs at once.",
        ),
        "SALES_SERVICE_ERROR" => (
            "The sales application's REST service was unavailable during the sync.",
            "Usually temporary: the next sync retries. If it persists, check the sales application's service health.",
        ),
        _ => return None,
    };
    let sign_in_again = matches!(code, "MS_TOKEN_EXPIRED" | "SALES_TOKEN_REFRESH_FAILED");
    Some(ErrorHelp {
        explanation,
        fix,
        sign_in_again,
    })
}

/// A ready-to-send message asking `emails` to sign in to the add-in again
/// (the seed's fix for failed authorizations), with the addresses listed
/// for the To or Bcc line.
pub fn sign_in_instructions(emails: &[String]) -> String {
    let mut text = String::from(
        "Subject: Please sign in to the Microsoft 365 add-in again\n\n\
         Hello,\n\n\
         Your appointments, contacts and tasks have stopped syncing between Microsoft 365 and \
         the sales application because your sign-in to the add-in expired.\n\n\
         To start syncing again:\n\
         1. Open Outlook and open the sales application's Microsoft 365 add-in.\n\
         2. Sign in when the add-in asks you to (with your Microsoft 365 account, then your \
         sales application account if asked).\n\
         3. Leave the add-in open until it shows that you are signed in.\n\n\
         Your data syncs again within the next scheduled sync.\n\n\
         Thank you.\n",
    );
    text.push_str(&format!(
        "\n--\nRecipients ({}):\n{}\n",
        emails.len(),
        emails.join("; ")
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_have_help_and_unknown_do_not() {
        for code in [
            "MS_TOKEN_EXPIRED",
            "SALES_TOKEN_REFRESH_FAILED",
            "MAILBOX_NOT_FOUND",
            "MS_THROTTLED",
            "SALES_SERVICE_ERROR",
        ] {
            let h = error_help(code).unwrap();
            assert!(!h.explanation.is_empty() && !h.fix.is_empty());
        }
        assert_eq!(error_help("SOMETHING_NEW"), None);
    }

    #[test]
    fn sign_in_help_and_instructions_name_every_recipient() {
        assert!(error_help("MS_TOKEN_EXPIRED").unwrap().sign_in_again);
        assert!(!error_help("MS_THROTTLED").unwrap().sign_in_again);
        let text = sign_in_instructions(&["a@x.com".into(), "b@x.com".into()]);
        assert!(text.starts_with("Subject: Please sign in to the Microsoft 365 add-in again\n"));
        assert!(text.contains("Open Outlook"));
        assert!(text.ends_with("Recipients (2):\na@x.com; b@x.com\n"));
    }

    #[test]
    fn the_auth_fix_is_the_last_sentence() {
        assert_eq!(
            auth_failed_fix(),
            "Ask the user to sign in to the add-in again."
        );
        assert!(AUTH_FAILED_HELP.ends_with(auth_failed_fix()));
    }
}
