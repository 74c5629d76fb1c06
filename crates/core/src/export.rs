//! CSV export of users: the table's columns plus user id and last error,
//! UTF-8 with a BOM so spreadsheets open it, RFC 4180 quoting, and every
//! cell that a spreadsheet would run as a formula neutralised (OWASP CSV
//! injection: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a
//! `'` in front).

use chrono::{DateTime, FixedOffset, Utc};

use crate::columns::UserColumn;
use crate::format;
use crate::users::User;

/// The header row: the table's labels, then the extra columns.
pub fn headers() -> [&'static str; 10] {
    let [a, b, c, d, e, f, g, h] = UserColumn::ALL.map(UserColumn::label);
    [a, b, c, d, e, f, g, h, "User ID", "Last Error"]
}

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

/// The cells of one user; times in ISO 8601 with the given UTC offset.
pub fn row(user: &User, offset: FixedOffset) -> [String; 10] {
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_owned();
    let time = |t: Option<DateTime<Utc>>| {
        t.map(|t| {
            t.with_timezone(&offset)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
        .unwrap_or_default()
    };
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
    ]
}

/// Writes rows of raw cells as CSV (BOM, header, CRLF line ends), each cell
/// neutralised.
pub fn write_cells<I, R>(rows: I) -> Vec<u8>
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
        let _ = w.write_record(headers());
        for r in rows {
            let _ = w.write_record(r.into_iter().map(|c| neutralise(&c)));
        }
        let _ = w.flush();
    }
    out
}

/// The CSV file of `users`.
pub fn users_csv(users: &[User], offset: FixedOffset) -> Vec<u8> {
    write_cells(users.iter().map(|u| row(u, offset)))
}

/// `sync-monitor-users-YYYYMMDD-HHMM.csv` for a local time.
pub fn file_name(local: DateTime<FixedOffset>) -> String {
    format!("sync-monitor-users-{}.csv", local.format("%Y%m%d-%H%M"))
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
                "MS_TOKEN_EXPIRED: Expired, sign in again"
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
        let bytes = write_cells([cells]);
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
    }

    proptest! {
        #[test]
        fn parsing_gives_back_the_cells_with_only_neutralisation(
            cells in proptest::collection::vec(proptest::collection::vec(any::<String>(), 10), 0..8)
        ) {
            let bytes = write_cells(cells.clone());
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
