//! The sync engine's depth: token expiry per side (summary counts and
//! filters), record-level sync errors (`/syncErrors`, per transaction,
//! the outstanding count), and what the seeder makes of them.

mod common;

use chrono::Utc;
use common::{assert_error, user, Server};
use serde_json::Value;
use sync_monitor_core::{
    Direction, MessageType, ObjectType, Operation, SyncType, TransactionResult,
};
use sync_monitor_server::db::{self, NewRecordError, NewTransaction};

const DAY_MS: i64 = 86_400_000;

async fn json(server: &Server, path: &str) -> Value {
    let res = server.get(path).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

fn expiring(email: &str, ms: Option<i64>, sales: Option<i64>) -> db::NewUser {
    let now = Utc::now().timestamp_millis();
    let mut u = user(email, "SUCCEEDED", true);
    u.microsoft_token_expires_at = ms.map(|d| now + d);
    u.sales_token_expires_at = sales.map(|d| now + d);
    u
}

#[tokio::test]
async fn token_expiry_is_counted_and_filtered() {
    let server = Server::start(0, &[], |conn| {
        db::insert_users(
            conn,
            &[
                expiring("expired@x.com", Some(-DAY_MS), Some(20 * DAY_MS)),
                expiring("soon@x.com", Some(30 * DAY_MS), Some(3 * DAY_MS)),
                expiring("later@x.com", Some(20 * DAY_MS), Some(25 * DAY_MS)),
                expiring("never@x.com", None, None),
            ],
        )
        .unwrap();
    })
    .await;
    let s = json(&server, "/api/monitor/v1/summary").await;
    assert_eq!(
        (
            &s["expiredAuthorizations"],
            &s["expiringAuthorizations"],
            &s["expiringWithinDays"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(7))
    );
    let s = json(&server, "/api/monitor/v1/summary?expiringWithinDays=30").await;
    assert_eq!(s["expiringAuthorizations"], 2);
    let emails = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["microsoftEmail"].as_str().unwrap().to_owned())
            .collect()
    };
    let q = "/api/monitor/v1/users?orderBy=microsoftEmail";
    let expired = json(&server, &format!("{q}&authorizationExpired=true")).await;
    assert_eq!(emails(&expired), ["expired@x.com"]);
    let valid = json(&server, &format!("{q}&authorizationExpired=false")).await;
    assert_eq!(emails(&valid), ["later@x.com", "never@x.com", "soon@x.com"]);
    let week = json(&server, &format!("{q}&authorizationExpiresWithinDays=7")).await;
    assert_eq!(emails(&week), ["soon@x.com"]);
    assert!(week["items"][0]["salesTokenExpiresAt"].is_string());
    assert!(expired["items"][0]["microsoftTokenExpiresAt"].is_string());
    let month = json(&server, &format!("{q}&authorizationExpiresWithinDays=30")).await;
    assert_eq!(emails(&month), ["later@x.com", "soon@x.com"]);
    for bad in [
        "/api/monitor/v1/users?authorizationExpiresWithinDays=0",
        "/api/monitor/v1/users?authorizationExpiresWithinDays=366",
        "/api/monitor/v1/users?authorizationExpired=soon",
        "/api/monitor/v1/summary?expiringWithinDays=x",
        "/api/monitor/v1/summary?expiringWithinDays=7&expiringWithinDays=8",
        "/api/monitor/v1/summary?window=7",
    ] {
        let e = assert_error(server.get(bad).send().await.unwrap(), 400).await;
        assert!(!e.message().is_empty(), "{bad}");
    }
}

fn record(object: ObjectType, direction: Direction, name: &str, at: i64) -> NewRecordError {
    NewRecordError {
        sync_type: SyncType::Standard,
        message_type: MessageType::User,
        direction,
        object_type: object,
        operation: Operation::Create,
        sales_record_id: None,
        sales_record_number: None,
        microsoft_id: Some("AAMkAD01".into()),
        record_name: name.into(),
        message: format!("{name} failed"),
        occurred_at: at,
        resolved_at: None,
    }
}

fn transaction(user_id: i64, start: i64, errors: Vec<NewRecordError>) -> NewTransaction {
    NewTransaction {
        user_id,
        result: TransactionResult::Failed,
        sync_start: start,
        sync_end: start + 5_000,
        microsoft365_changes: 4,
        microsoft365_duration_ms: 1_000,
        sales_changes: 3,
        sales_duration_ms: 2_000,
        up_sync_duration_ms: 1_500,
        down_sync_duration_ms: 800,
        conflicts: 0,
        using_next_gen: false,
        error_code: Some("MS_THROTTLED"),
        error_message: Some("429"),
        record_errors: errors,
    }
}

#[tokio::test]
async fn record_errors_are_listed_sorted_filtered_and_counted() {
    use Direction::{DownSync, UpSync};
    use ObjectType::{Appointment, Contact, Email};
    let server = Server::start(0, &[], |conn| {
        let ids = db::insert_users(
            conn,
            &[
                user("a@x.com", "FAILED", true),
                user("b@x.com", "SUCCEEDED", true),
            ],
        )
        .unwrap();
        let mut old = record(Contact, UpSync, "Fixed contact", 1_000);
        old.resolved_at = Some(2_000);
        db::insert_transactions(
            conn,
            &[
                transaction(ids[0], 500, vec![old]),
                transaction(
                    ids[0],
                    10_000,
                    vec![
                        record(Appointment, UpSync, "Weekly sync", 10_100),
                        record(Contact, UpSync, "ana costa", 10_200),
                        record(Email, DownSync, "Brochure", 10_300),
                    ],
                ),
                transaction(ids[1], 10_000, vec![]),
            ],
        )
        .unwrap();
    })
    .await;
    let s = json(&server, "/api/monitor/v1/summary").await;
    assert_eq!(s["outstandingSyncErrors"], 1);
    let users = json(&server, "/api/monitor/v1/users?hasSyncErrors=true").await;
    assert_eq!(users["items"][0]["microsoftEmail"], "a@x.com");
    assert_eq!(users["items"][0]["outstandingSyncErrors"], 3);
    assert_eq!(users["count"], 1);

    let base = "/api/monitor/v1/users/1/syncErrors";
    let page = json(&server, &format!("{base}?totalResults=true")).await;
    let names = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["recordName"].as_str().unwrap().to_owned())
            .collect()
    };
    // Outstanding only, newest first.
    assert_eq!(names(&page), ["Brochure", "ana costa", "Weekly sync"]);
    assert_eq!(page["totalResults"], 3);
    assert_eq!(page["items"][0]["transactionNumber"], 2);
    assert_eq!(page["items"][0]["direction"], "DOWN_SYNC");
    assert_eq!(page["items"][0]["objectType"], "EMAIL");
    let by_name = json(&server, &format!("{base}?orderBy=recordName:asc")).await;
    assert_eq!(names(&by_name), ["ana costa", "Brochure", "Weekly sync"]);
    let up = json(
        &server,
        &format!("{base}?direction=UP_SYNC&objectType=CONTACT,EMAIL"),
    )
    .await;
    assert_eq!(names(&up), ["ana costa"]);
    let paged = json(&server, &format!("{base}?limit=2&offset=2")).await;
    assert_eq!(
        (names(&paged), &paged["hasMore"]),
        (vec!["Weekly sync".to_owned()], &Value::Bool(false))
    );

    // One transaction: every error, the resolved one too.
    let first = json(&server, "/api/monitor/v1/users/1/transactions/1/syncErrors").await;
    assert_eq!(names(&first), ["Fixed contact"]);
    assert!(first["items"][0]["resolvedAt"].is_string());
    let history = json(&server, "/api/monitor/v1/users/1/transactions").await;
    let newest = &history["items"][0];
    assert_eq!(
        (&newest["salesFailed"], &newest["microsoft365Failed"]),
        (&Value::from(2), &Value::from(1))
    );
    assert_eq!(newest["upSyncDurationMs"], 1_500);

    for (path, status) in [
        ("/api/monitor/v1/users/2/transactions/1/syncErrors", 404),
        ("/api/monitor/v1/users/9/syncErrors", 404),
        ("/api/monitor/v1/users/1/transactions/x/syncErrors", 400),
        ("/api/monitor/v1/users/1/syncErrors?objectType=NOTE", 400),
        ("/api/monitor/v1/users/1/syncErrors?direction=up", 400),
        ("/api/monitor/v1/users/1/syncErrors?orderBy=secret", 400),
        (
            "/api/monitor/v1/users/1/syncErrors?direction=UP_SYNC&direction=DOWN_SYNC",
            400,
        ),
        ("/api/monitor/v1/users/1/syncErrors?search=x", 400),
    ] {
        assert_error(server.get(path).send().await.unwrap(), status).await;
    }
    // Deleting the user removes its errors and their count.
    let res = server
        .client
        .delete(format!("{}/api/monitor/v1/users/1", server.base))
        .bearer_auth(common::TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let s = json(&server, "/api/monitor/v1/summary").await;
    assert_eq!(s["outstandingSyncErrors"], 0);
}

#[tokio::test]
async fn the_seed_tells_the_engines_story() {
    let server = Server::start(3_000, &[], |_| {}).await;
    let s = json(&server, "/api/monitor/v1/summary").await;
    let count = |k: &str| s[k].as_u64().unwrap();
    let total = count("totalUsers");
    for key in [
        "expiredAuthorizations",
        "expiringAuthorizations",
        "outstandingSyncErrors",
    ] {
        let n = count(key);
        assert!(n > total / 100 && n < total / 4, "{key}: {n} of {total}");
    }
    // A user whose last sync was throttled has the records it stopped at.
    let throttled = json(
        &server,
        "/api/monitor/v1/users?errorCode=MS_THROTTLED&hasSyncErrors=true&limit=1",
    )
    .await;
    let id = throttled["items"][0]["id"].as_i64().unwrap();
    let errors = json(&server, &format!("/api/monitor/v1/users/{id}/syncErrors")).await;
    let first = &errors["items"][0];
    assert_eq!(first["messageType"], "SYSTEM");
    assert_eq!(first["direction"], "DOWN_SYNC");
    assert!(first["message"].as_str().unwrap().contains("429"));
    // Some users were left out of the latest Standard Sync run.
    let out = json(
        &server,
        "/api/monitor/v1/users?includedInLatestSync=false&totalResults=true&limit=1",
    )
    .await;
    let out = out["totalResults"].as_u64().unwrap();
    assert!(out > 0 && out < total / 2, "{out}");
}
