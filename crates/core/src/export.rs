//! CSV export of users: the table's columns plus user id and last error,
//! UTF-8 with a BOM so spreadsheets open it, RFC 4180 quoting, and every
//! cell that a spreadsheet would run as a formula neutralised (OWASP CSV
//! injection: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a
//! `'` in front).

use chrono::{DateTime, FixedOffset, Utc};

use crate::columns::UserColumn;
use crate::format;
use crate::transactions::RecordError;
use crate::users::User;

/// The header row: the table's labels, then the extra columns.
pub fn headers() -> [&'static str; 14] {
    let [a, b, c, d, e, f, g, h] = UserColumn::ALL.map(UserColumn::label);
    [
        a,
        b,
        c,
        d,
        e,
        f,
        g,
        h,
        "User ID",
        "Last Error",
        "Microsoft 365 Token Expires",
        "Oracle Sales Token Expires",
        "Included in Latest Sync",
        "Outstanding Sync Errors",
    ]
}

/// The header row of a user's record errors (the Sync Errors columns, then
/// what identifies the record on each side).
pub const RECORD_ERROR_HEADERS: [&str; 12] = [
    "Object",
    "Direction",
    "Operation",
    "Record",
    "Sales Record Number",
    "Microsoft 365 ID",
    "Message",
    "Message Type",
    "Sync Type",
    "Occurred",
    "Transaction Number",
    "Resolved",
];

/// UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell a spreadsheet will not evaluate.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A time in ISO 8601 with the given UTC offset; empty for none.
fn time(t: Option<DateTime<Utc>>, offset: FixedOffset) -> String {
    t.map(|t| {
        t.with_timezone(&offset)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    })
    .unwrap_or_default()
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_owned()
}

/// The cells of one user; times in ISO 8601 with the given UTC offset.
pub fn row(user: &User, offset: FixedOffset) -> [String; 14] {
    let time = |t| time(t, offset);
    [
        user.last_sync_status.label().to_owned(),
        user.sales_user_name.clone(),
        user.microsoft_email.clone(),
        time(user.last_sync_start),
        user.last_sync_duration_ms
            .map(format::duration_ms)
            .unwrap_or_default(),
        yes_no(user.sales_authorized),
        yes_no(user.microsoft_authorized),
        yes_no(user.using_next_gen),
        user.id.to_string(),
        user.last_error
            .as_ref()
            .map(|e| format!("{}: {}", e.code, e.message))
            .unwrap_or_default(),
        time(user.microsoft_token_expires_at),
        time(user.sales_token_expires_at),
        yes_no(user.included_in_latest_sync),
        user.outstanding_sync_errors.to_string(),
    ]
}

/// The cells of one record error.
pub fn record_error_row(e: &RecordError, offset: FixedOffset) -> [String; 12] {
    [
        e.object_type.label().to_owned(),
        e.direction.label().to_owned(),
        e.operation.label().to_owned(),
        e.record_name.clone(),
        e.sales_record_number.clone().unwrap_or_default(),
        e.microsoft_id.clone().unwrap_or_default(),
        e.message.clone(),
        e.message_type.label().to_owned(),
        e.sync_type.label().to_owned(),
        time(Some(e.occurred_at), offset),
        e.transaction_number.to_string(),
        time(e.resolved_at, offset),
    ]
}

/// The CSV file of a user's record errors.
pub fn record_errors_csv(errors: &[RecordError], offset: FixedOffset) -> Vec<u8> {
    write_cells(
        &RECORD_ERROR_HEADERS,
        errors.iter().map(|e| record_error_row(e, offset)),
    )
}

/// `sync-errors-<user>-YYYYMMDD-HHMM.csv` for a local time; the user name
/// keeps only letters, digits, `.`, `_` and `-`.
pub fn record_errors_file_name(user: &str, local: DateTime<FixedOffset>) -> String {
    let safe: String = user
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(60)
        .collect();
    format!(
        "sync-errors-{}-{}.csv",
        if safe.is_empty() { "user" } else { &safe },
        format::file_stamp(&local)
    )
}

/// Writes rows of raw cells as CSV (BOM, header, CRLF line ends), each cell
/// neutralised.
pub fn write_cells<I, R>(header: &[&str], rows: I) -> Vec<u8>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(header);
        for r in rows {
            let _ = w.write_record(r.into_iter().map(|c| neutralise(&c)));
        }
        let _ = w.flush();
    }
    out
}

/// The CSV file of `users`.
pub fn users_csv(users: &[User], offset: FixedOffset) -> Vec<u8> {
    write_cells(&headers(), users.iter().map(|u| row(u, offset)))
}

/// `sync-monitor-users-YYYYMMDD-HHMM.csv` for a local time.
pub fn file_name(local: DateTime<FixedOffset>) -> String {
    format!("sync-monitor-users-{}.csv", format::file_stamp(&local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::{ConflictResolution, LastSyncStatus, SyncError};
    use proptest::prelude::*;

    fn user(name: &str, email: &str) -> User {
        User {
            id: 7,
            sales_user_name: name.into(),
            microsoft_email: email.into(),
            last_sync_status: LastSyncStatus::Failed,
            last_sync_start: DateTime::from_timestamp(1_764_000_000, 0),
            last_sync_duration_ms: Some(83_000),
            sales_authorized: true,
            microsoft_authorized: false,
            using_next_gen: true,
            sync_enabled: true,
            active: true,
            debug_logs: false,
            last_error: Some(SyncError {
                code: "MS_TOKEN_EXPIRED".into(),
                message: "Expired, sign in again".into(),
            }),
            conflict_resolution: ConflictResolution::ServerWins,
            allow_user_override: false,
            full_sync_requested: false,
            microsoft_token_expires_at: None,
            sales_token_expires_at: DateTime::from_timestamp(1_764_086_400, 0),
            included_in_latest_sync: true,
            outstanding_sync_errors: 2,
            version: 1,
        }
    }

    fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
        assert!(bytes.starts_with(BOM));
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[BOM.len()..]);
        r.records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn a_file_has_the_bom_headers_and_iso_times_with_offset() {
        let offset = FixedOffset::east_opt(2 * 3600).unwrap();
        let bytes = users_csv(&[user("ANA.SILVA", "ana@contoso.com")], offset);
        assert!(bytes.ends_with(b"\r\n"));
        let rows = parse(&bytes);
        assert_eq!(rows[0], headers());
        assert_eq!(
            rows[1],
            [
                "Failed",
                "ANA.SILVA",
                "ana@contoso.com",
                "2025-11-24T18:00:00+02:00",
                "1m 23s",
                "Yes",
                "No",
                "Yes",
                "7",
                "MS_TOKEN_EXPIRED: Expired, sign in again",
                "",
                "2025-11-25T18:00:00+02:00",
                "Yes",
                "2"
            ]
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for fine in ["ANA", "a=b", "", "'already"] {
            assert_eq!(neutralise(fine), fine);
        }
        let rows = parse(&users_csv(
            &[user("=cmd|' /C calc'!A0", "-x@contoso.com")],
            FixedOffset::east_opt(0).unwrap(),
        ));
        assert_eq!(rows[1][1], "'=cmd|' /C calc'!A0");
        assert_eq!(rows[1][2], "'-x@contoso.com");
    }

    #[test]
    fn separators_quotes_and_newlines_are_quoted() {
        let mut cells = vec!["a,b".to_owned(), "say \"hi\"".into(), "two\nlines".into()];
        cells.resize(headers().len(), String::new());
        let bytes = write_cells(&headers(), [cells]);
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        assert!(
            text.contains("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\""),
            "{text}"
        );
    }

    #[test]
    fn file_names() {
        let t = DateTime::parse_from_rfc3339("2026-11-25T09:05:59+01:00").unwrap();
        assert_eq!(file_name(t), "sync-monitor-users-20261125-0905.csv");
        assert_eq!(
            record_errors_file_name("ANA.SILVA42", t),
            "sync-errors-ANA.SILVA42-20261125-0905.csv"
        );
        assert_eq!(
            record_errors_file_name("=cmd|' /C calc'!A0", t),
            "sync-errors-cmdCcalcA0-20261125-0905.csv"
        );
        assert_eq!(
            record_errors_file_name("../", t),
            "sync-errors-..-20261125-0905.csv"
        );
    }

    #[test]
    fn record_errors_have_their_own_columns_and_are_neutralised() {
        use crate::transactions::*;
        let e = RecordError {
            id: 1,
            transaction_number: 42,
            sync_type: SyncType::Email,
            message_type: MessageType::User,
            direction: Direction::UpSync,
            object_type: ObjectType::Email,
            operation: Operation::Create,
            sales_record_id: None,
            sales_record_number: None,
            microsoft_id: Some("AAMkAD01".into()),
            record_name: "=HYPERLINK(\"x\")".into(),
            message: "Too large".into(),
            occurred_at: DateTime::from_timestamp(1_764_000_000, 0).unwrap(),
            resolved_at: None,
        };
        let rows = parse(&record_errors_csv(&[e], FixedOffset::east_opt(0).unwrap()));
        assert_eq!(rows[0], RECORD_ERROR_HEADERS);
        assert_eq!(
            rows[1],
            [
                "Email",
                "Up-sync",
                "Create",
                "'=HYPERLINK(\"x\")",
                "",
                "AAMkAD01",
                "Too large",
                "User",
                "Email",
                "2025-11-24T16:00:00+00:00",
                "42",
                ""
            ]
        );
    }

    proptest! {
        #[test]
        fn parsing_gives_back_the_cells_with_only_neutralisation(
            cells in proptest::collection::vec(proptest::collection::vec(any::<String>(), 14), 0..8)
        ) {
            let bytes = write_cells(&headers(), cells.clone());
            let rows = parse(&bytes);
            prop_assert_eq!(rows.len(), cells.len() + 1);
            for (got, want) in rows[1..].iter().zip(&cells) {
                for (g, w) in got.iter().zip(want) {
                    prop_assert_eq!(g, &neutralise(w));
                    prop_assert!(!g.starts_with(['=', '+', '-', '@', '\t', '\r']));
                }
            }
        }
    }
}
