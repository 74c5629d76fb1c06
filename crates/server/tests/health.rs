//! The dashboard's health answers: error groups and the `errorCode`
//! filter, the per-day sync trend (`/syncStats`, kept by triggers), and the
//! jobs' test control.

mod common;

use common::{assert_error, user, Server};
use serde_json::Value;
use sync_monitor_core::{DayStats, TransactionResult};
use sync_monitor_server::db::{self, NewTransaction};

fn failed(email: &str, code: &'static str, message: &'static str) -> db::NewUser {
    let mut u = user(email, "FAILED", true);
    u.last_error_code = Some(code);
    u.last_error_message = Some(message);
    u
}

#[tokio::test]
async fn error_groups_count_failed_users_by_code_largest_first() {
    let server = Server::start(0, &[], |conn| {
        let mut recovered = user("r@x.com", "SUCCEEDED", true);
        // An old code on a user whose last sync succeeded is in no group.
        recovered.last_error_code = Some("MS_THROTTLED");
        db::insert_users(
            conn,
            &[
                failed("a@x.com", "MS_THROTTLED", "429"),
                failed("b@x.com", "MS_THROTTLED", "429 again"),
                failed("c@x.com", "MS_THROTTLED", "429"),
                failed("d@x.com", "MAILBOX_NOT_FOUND", "gone"),
                recovered,
            ],
        )
        .unwrap();
    })
    .await;
    let groups: Value = server
        .get("/api/monitor/v1/errorGroups")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        groups,
        serde_json::json!({"items": [
            {"code": "MS_THROTTLED", "count": 3, "message": "429"},
            {"code": "MAILBOX_NOT_FOUND", "count": 1, "message": "gone"},
        ]})
    );
    let ids: Value = server
        .get("/api/monitor/v1/users/ids?errorCode=MS_THROTTLED&orderBy=microsoftEmail")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ids["totalResults"], 3);
    let page: Value = server
        .get("/api/monitor/v1/users?errorCode=MAILBOX_NOT_FOUND&totalResults=true")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["totalResults"], 1);
    assert_eq!(page["items"][0]["microsoftEmail"], "d@x.com");
    for bad in ["ms_throttled", "", "A%20B", "X-Y"] {
        let res = server
            .get(&format!("/api/monitor/v1/users?errorCode={bad}"))
            .send()
            .await
            .unwrap();
        assert_error(res, 400).await;
    }
}

fn tx(user_id: i64, result: TransactionResult, start: i64) -> NewTransaction {
    NewTransaction {
        user_id,
        result,
        sync_start: start,
        sync_end: start + 1_000,
        microsoft365_changes: 1,
        microsoft365_duration_ms: 500,
        sales_changes: 1,
        sales_duration_ms: 500,
        up_sync_duration_ms: 400,
        down_sync_duration_ms: 400,
        conflicts: 0,
        using_next_gen: false,
        error_code: None,
        error_message: None,
        record_errors: Vec::new(),
    }
}

#[tokio::test]
async fn sync_stats_add_up_each_local_day_and_follow_new_and_deleted_history() {
    let day = 86_400_000i64;
    let now = chrono::Utc::now().timestamp_millis();
    let today = now.div_euclid(day) * day; // UTC midnight
    let server = Server::start(0, &["--fault-control"], move |conn| {
        let ids = db::insert_users(
            conn,
            &[
                user("a@x.com", "SUCCEEDED", true),
                user("b@x.com", "FAILED", true),
            ],
        )
        .unwrap();
        db::insert_transactions(
            conn,
            &[
                // Yesterday 23:30 UTC: yesterday in UTC, today at UTC+01:00.
                tx(ids[0], TransactionResult::Failed, today - 30 * 60_000),
                tx(ids[0], TransactionResult::Succeeded, today + 60_000),
                tx(
                    ids[1],
                    TransactionResult::SucceededWithConflicts,
                    today + 120_000,
                ),
                // Long ago: outside every window.
                tx(ids[1], TransactionResult::Failed, today - 200 * day),
            ],
        )
        .unwrap();
    })
    .await;
    let stats = |q: &'static str| {
        let req = server.get(&format!("/api/monitor/v1/syncStats{q}"));
        async move {
            let v: Value = req.send().await.unwrap().json().await.unwrap();
            let items: Vec<DayStats> = serde_json::from_value(v["items"].clone()).unwrap();
            (v, items)
        }
    };
    let (v, items) = stats("").await;
    assert_eq!(
        (v["days"].as_u64(), v["utcOffsetMinutes"].as_i64()),
        (Some(30), Some(0))
    );
    assert_eq!(items.len(), 30);
    let last = &items[29];
    assert_eq!(
        last.date,
        chrono::DateTime::from_timestamp_millis(today)
            .unwrap()
            .date_naive()
    );
    assert_eq!(
        (last.succeeded, last.failed, last.with_conflicts),
        (1, 0, 1)
    );
    assert_eq!((items[28].succeeded, items[28].failed), (0, 1));
    assert_eq!(items.iter().map(DayStats::total).sum::<u64>(), 3);

    let (_, east) = stats("?days=7&utcOffsetMinutes=60").await;
    assert_eq!(east.len(), 7);
    // At UTC+01:00 yesterday 23:30 UTC is 00:30 today: one local day holds all three.
    let date = chrono::DateTime::from_timestamp_millis(today)
        .unwrap()
        .date_naive();
    let local = east.iter().find(|d| d.date == date).unwrap();
    assert_eq!(
        (local.succeeded, local.failed, local.with_conflicts),
        (1, 1, 1)
    );

    let (_, week) = stats("?days=7").await;
    assert_eq!(week.len(), 7);

    // Deleting a user takes their history out of the trend (triggers).
    let res = server
        .client
        .delete(format!("{}/api/monitor/v1/users/1", server.base))
        .bearer_auth(common::TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (_, after) = stats("").await;
    assert_eq!(after.iter().map(DayStats::total).sum::<u64>(), 1);

    for bad in [
        "?days=0",
        "?days=91",
        "?days=x",
        "?utcOffsetMinutes=10",
        "?utcOffsetMinutes=900",
        "?days=7&days=8",
        "?limit=1",
    ] {
        let res = server
            .get(&format!("/api/monitor/v1/syncStats{bad}"))
            .send()
            .await
            .unwrap();
        assert_error(res, 400).await;
    }
}

#[tokio::test]
async fn the_jobs_control_sets_a_job_and_refuses_bad_input() {
    let server = Server::start(0, &["--fault-control"], |_| {}).await;
    let put = |name: &str, body: Value| {
        server
            .client
            .put(format!("{}/api/_control/jobs/{name}", server.base))
            .bearer_auth(common::TOKEN)
            .json(&body)
            .send()
    };
    let ok = put("TOKEN_REFRESH", serde_json::json!({"lastRunMinutesAgo": 5, "nextRunInMinutes": 55, "lastResult": "SUCCEEDED"}))
        .await
        .unwrap();
    assert_eq!(ok.status(), 204);
    let jobs: Value = server
        .get("/api/monitor/v1/jobs")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = jobs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["name"] == "TOKEN_REFRESH")
        .unwrap()
        .clone();
    assert_eq!(token["lastResult"], "SUCCEEDED");
    for (name, body) in [
        (
            "NIGHTLY",
            serde_json::json!({"lastRunMinutesAgo": 5, "nextRunInMinutes": 55, "lastResult": "SUCCEEDED"}),
        ),
        (
            "TOKEN_REFRESH",
            serde_json::json!({"lastRunMinutesAgo": 5, "nextRunInMinutes": 55, "lastResult": "MAYBE"}),
        ),
        (
            "TOKEN_REFRESH",
            serde_json::json!({"lastRunMinutesAgo": i64::MAX, "nextRunInMinutes": 55, "lastResult": "FAILED"}),
        ),
        ("TOKEN_REFRESH", serde_json::json!({"lastRunMinutesAgo": 5})),
    ] {
        let res = put(name, body).await.unwrap();
        assert_error(res, 400).await;
    }
}

#[tokio::test]
async fn the_client_secret_expiry_is_on_the_permission_and_settable_for_tests() {
    let server = Server::start(0, &["--fault-control"], |_| {}).await;
    let put = |body: Value| {
        server
            .client
            .put(format!(
                "{}/api/_control/application-permission",
                server.base
            ))
            .bearer_auth(common::TOKEN)
            .json(&body)
            .send()
    };
    let res = put(serde_json::json!({"status": "ACTIVE", "clientSecretExpiresInDays": 3}))
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let summary: Value = server
        .get("/api/monitor/v1/summary")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let at = summary["applicationPermission"]["clientSecretExpiresAt"]
        .as_str()
        .unwrap();
    let left = chrono::DateTime::parse_from_rfc3339(at)
        .unwrap()
        .with_timezone(&chrono::Utc)
        - chrono::Utc::now();
    assert!((2..=3).contains(&left.num_days()), "{at}");
    let res = put(serde_json::json!({"status": "NOT_ENABLED"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let summary: Value = server
        .get("/api/monitor/v1/summary")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(summary["applicationPermission"]
        .get("clientSecretExpiresAt")
        .is_none());
    for bad in [
        serde_json::json!({"status": "ACTIVE", "clientSecretExpiresInDays": 99_999}),
        serde_json::json!({"status": "ACTIVE", "clientSecretExpiresInDays": "soon"}),
    ] {
        assert_error(put(bad).await.unwrap(), 400).await;
    }
}
