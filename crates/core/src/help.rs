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
    Some(ErrorHelp { explanation, fix })
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
    fn the_auth_fix_is_the_last_sentence() {
        assert_eq!(
            auth_failed_fix(),
            "Ask the user to sign in to the add-in again."
        );
        assert!(AUTH_FAILED_HELP.ends_with(auth_failed_fix()));
    }
}
