//! `GET /users/export`: the view's users as CSV, as the console's Export
//! writes them (`core::export`), in the view's order, times at the given
//! offset, formulas neutralised; bad parameters a 400.

mod common;

use common::{assert_error, user, Server};

#[tokio::test]
async fn exports_the_filtered_view_as_csv() {
    let server = Server::start(0, &[], |conn| {
        let mut failing = user("=cmd@example.com", "FAILED", true);
        failing.sales_user_name = "=HYPERLINK(\"x\")".into();
        sync_monitor_server::db::insert_users(
            conn,
            &[
                failing,
                user("b@example.com", "FAILED", true),
                user("c@example.com", "SUCCEEDED", true),
            ],
        )
        .unwrap();
    })
    .await;
    let res = server
        .get("/api/monitor/v1/users/export?lastSync=FAILED&orderBy=microsoftEmail:desc&utcOffsetMinutes=90")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(res.headers()["x-total-count"], "2");
    let csv = res.text().await.unwrap();
    let csv = csv.strip_prefix('\u{feff}').expect("a byte order mark");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with(&sync_monitor_core::export::headers().join(",")[..20]));
    // microsoftEmail descending: b@ before =cmd@ ('b' > '=').
    assert!(lines[1].contains("b@example.com"));
    assert!(lines[2].contains("'=cmd@example.com"), "{}", lines[2]);
    assert!(lines[2].contains("'=HYPERLINK"), "{}", lines[2]);
    // 1,700,000,000,000 ms is 2023-11-14T22:13:20Z; at +01:30 it reads 23:43:20.
    assert!(
        lines[1].contains("2023-11-14T23:43:20+01:30"),
        "{}",
        lines[1]
    );
}

#[tokio::test]
async fn bad_export_parameters_are_400() {
    let server = Server::start(3, &[], |_| {}).await;
    for query in [
        "utcOffsetMinutes=900",
        "utcOffsetMinutes=abc",
        "utcOffsetMinutes=60&utcOffsetMinutes=0",
        "limit=10",
        "nope=1",
        "lastSync=LATE",
    ] {
        let res = server
            .get(&format!("/api/monitor/v1/users/export?{query}"))
            .send()
            .await
            .unwrap();
        assert_error(res, 400).await;
    }
}
