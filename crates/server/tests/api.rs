//! The monitor API's resources over real HTTP: users, credentials,
//! actions with idempotency, transactions, jobs, and bad input.

mod common;

use common::{assert_error, Server, TOKEN};
use serde_json::{json, Value};
use sync_monitor_core::{ActionResponse, Collection, LastSyncStatus, Transaction, User, UserIds};

async fn seeded(users: u32) -> Server {
    Server::start(users, &["--permission", "ACTIVE"], |_| {}).await
}

async fn page(server: &Server, query: &str) -> Collection<User> {
    let res = server
        .get(&format!("/api/monitor/v1/users?{query}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.json().await.unwrap()
}

async fn user_ids(server: &Server, query: &str) -> UserIds {
    let res = server
        .get(&format!("/api/monitor/v1/users/ids?{query}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.json().await.unwrap()
}

async fn get_user(server: &Server, id: i64) -> (User, String) {
    let res = server
        .get(&format!("/api/monitor/v1/users/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    (res.json().await.unwrap(), etag)
}

#[tokio::test]
async fn users_page_with_totals_and_stable_order() {
    let server = seeded(300).await;
    let first = page(&server, "limit=100&totalResults=true").await;
    assert_eq!(first.count, 100);
    assert_eq!(first.total_results, Some(300));
    assert!(first.has_more);
    let ids: Vec<i64> = first.items.iter().map(|u| u.id).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "default order is id:asc"
    );
    let last = page(&server, "limit=100&offset=250").await;
    assert_eq!(last.count, 50);
    assert!(!last.has_more);
    assert_eq!(last.total_results, None);
    let beyond = page(&server, "offset=1000").await;
    assert_eq!(beyond.count, 0);
}

#[tokio::test]
async fn every_column_sorts_both_ways_without_overlap() {
    let server = seeded(400).await;
    for field in [
        "lastSyncStatus",
        "salesUserName",
        "microsoftEmail",
        "lastSyncStart",
        "lastSyncDurationMs",
        "salesAuthorized",
        "microsoftAuthorized",
        "usingNextGen",
        "id",
    ] {
        for dir in ["asc", "desc"] {
            let mut all = Vec::new();
            for offset in [0, 150, 300] {
                all.extend(
                    page(
                        &server,
                        &format!("orderBy={field}:{dir}&limit=150&offset={offset}"),
                    )
                    .await
                    .items,
                );
            }
            assert_eq!(all.len(), 400);
            let mut ids: Vec<i64> = all.iter().map(|u| u.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), 400, "{field}:{dir} pages overlap");
            let key = |u: &User| -> String {
                match field {
                    "lastSyncStatus" => u.last_sync_status.as_str().into(),
                    "salesUserName" => u.sales_user_name.to_lowercase(),
                    "microsoftEmail" => u.microsoft_email.to_lowercase(),
                    "lastSyncStart" => u
                        .last_sync_start
                        .map(|t| format!("{:020}", t.timestamp_millis()))
                        .unwrap_or_default(),
                    "lastSyncDurationMs" => u
                        .last_sync_duration_ms
                        .map(|d| format!("{d:020}"))
                        .unwrap_or_default(),
                    "salesAuthorized" => u.sales_authorized.to_string(),
                    "microsoftAuthorized" => u.microsoft_authorized.to_string(),
                    "usingNextGen" => u.using_next_gen.to_string(),
                    _ => format!("{:020}", u.id),
                }
            };
            let keys: Vec<String> = all.iter().map(key).collect();
            let ok = keys.windows(2).all(|w| {
                if dir == "asc" {
                    w[0] <= w[1]
                } else {
                    w[0] >= w[1]
                }
            });
            assert!(ok, "{field}:{dir} is not sorted");
        }
    }
}

#[tokio::test]
async fn filters_and_search_match_what_they_say() {
    let server = seeded(1_000).await;
    let all = page(&server, "limit=500").await.items;
    let all: Vec<User> = [all, page(&server, "limit=500&offset=500").await.items].concat();
    let check = |query: &'static str, pred: fn(&User) -> bool| {
        let expected: Vec<i64> = all.iter().filter(|u| pred(u)).map(|u| u.id).collect();
        (query, expected)
    };
    let cases = [
        check("lastSync=FAILED", |u| {
            u.last_sync_status == LastSyncStatus::Failed
        }),
        check("lastSync=NEVER_SYNCED,IN_PROGRESS", |u| {
            matches!(
                u.last_sync_status,
                LastSyncStatus::NeverSynced | LastSyncStatus::InProgress
            )
        }),
        check("salesAuthorized=false", |u| !u.sales_authorized),
        check("microsoftAuthorized=false", |u| !u.microsoft_authorized),
        check("usingNextGen=true", |u| u.using_next_gen),
        check("syncEnabled=false", |u| !u.sync_enabled),
        check("lastSync=FAILED&microsoftAuthorized=false", |u| {
            u.last_sync_status == LastSyncStatus::Failed && !u.microsoft_authorized
        }),
    ];
    for (query, expected) in cases {
        assert!(!expected.is_empty(), "{query} matches nobody in the seed");
        let ids = user_ids(&server, query).await;
        assert_eq!(ids.ids, expected, "{query}");
        assert_eq!(ids.total_results, expected.len() as u64);
        let p = page(&server, &format!("{query}&totalResults=true&limit=5")).await;
        assert_eq!(p.total_results, Some(expected.len() as u64), "{query}");
    }
    // Search: substring of name or e-mail, case-insensitive, short or long.
    let target = &all[123];
    let needle = &target.microsoft_email[2..9];
    for q in [
        needle.to_uppercase(),
        needle.to_string(),
        target.sales_user_name[..2].to_lowercase(),
    ] {
        let p = page(
            &server,
            &format!(
                "search={}&limit=500",
                sync_monitor_core::query::encode_component(&q)
            ),
        )
        .await;
        assert!(p.items.iter().any(|u| u.id == target.id), "search {q}");
        let low = q.to_lowercase();
        assert!(p
            .items
            .iter()
            .all(|u| u.sales_user_name.to_lowercase().contains(&low)
                || u.microsoft_email.to_lowercase().contains(&low)));
    }
    let none = page(&server, "search=%22%20OR%201%3D1%20--&totalResults=true").await;
    assert_eq!(none.total_results, Some(0));
    let pct = page(&server, "search=%25&totalResults=true").await;
    assert_eq!(pct.total_results, Some(0), "% is literal, not a wildcard");
}

/// The index answers a search three ways by how many users match: their
/// ids (few), a test of each id in memory (dense: more than √(100 × users),
/// up to half) or the ids that do not match (most). Each, alone and with a
/// filter, finds exactly the users a scan finds, in the same order.
#[tokio::test]
async fn searches_of_every_density_combine_with_filters() {
    let server = seeded(1_000).await;
    let all = page(&server, "limit=500").await.items;
    let all: Vec<User> = [all, page(&server, "limit=500&offset=500").await.items].concat();
    let hit = |u: &User, q: &str| {
        u.sales_user_name.to_lowercase().contains(q) || u.microsoft_email.to_lowercase().contains(q)
    };
    let count = |q: &str| all.iter().filter(|u| hit(u, q)).count();
    let chars: Vec<char> = "abcdefghijklmnopqrstuvwxyz.@0123456789".chars().collect();
    let needles: Vec<String> = chars
        .iter()
        .map(|c| c.to_string())
        .chain(
            chars
                .iter()
                .flat_map(|a| chars.iter().map(move |b| format!("{a}{b}"))),
        )
        .collect();
    let find = |range: std::ops::RangeInclusive<usize>| {
        needles
            .iter()
            .find(|q| range.contains(&count(q)))
            .unwrap_or_else(|| panic!("no needle matches {range:?} of 1,000 users"))
            .clone()
    };
    // √(100 × 1,000) ≈ 316.
    for needle in [find(20..=300), find(330..=490), find(520..=990)] {
        for (filter, pred) in [
            ("", (|_| true) as fn(&User) -> bool),
            ("&lastSync=FAILED", |u| {
                u.last_sync_status == LastSyncStatus::Failed
            }),
            ("&usingNextGen=true&salesAuthorized=true", |u| {
                u.using_next_gen && u.sales_authorized
            }),
        ] {
            let query = format!("search={needle}{filter}");
            let expected: Vec<i64> = all
                .iter()
                .filter(|u| hit(u, &needle) && pred(u))
                .map(|u| u.id)
                .collect();
            assert!(!expected.is_empty(), "{query} matches nobody");
            let ids = user_ids(&server, &query).await;
            assert_eq!(
                ids.ids,
                expected,
                "{query} ({} match the search)",
                count(&needle)
            );
            let first = page(&server, &format!("{query}&totalResults=true&limit=10")).await;
            assert_eq!(first.total_results, Some(expected.len() as u64), "{query}");
            let shown: Vec<i64> = first.items.iter().map(|u| u.id).collect();
            assert_eq!(shown, expected[..expected.len().min(10)], "{query}");
        }
    }
}

#[tokio::test]
async fn a_user_has_an_etag_and_unknown_users_are_404() {
    let server = seeded(20).await;
    let (user, etag) = get_user(&server, 5).await;
    assert_eq!(user.id, 5);
    assert_eq!(etag, format!("\"5-{}\"", user.version));
    let missing = server
        .get("/api/monitor/v1/users/999999")
        .send()
        .await
        .unwrap();
    assert_error(missing, 404).await;
    for bad in ["abc", "0", "-3", "1.5", "99999999999999999999"] {
        let res = server
            .get(&format!("/api/monitor/v1/users/{bad}"))
            .send()
            .await
            .unwrap();
        assert_error(res, 400).await;
    }
}

#[tokio::test]
async fn credentials_need_if_match_and_detect_conflicts() {
    let server = seeded(20).await;
    let url = format!("{}/api/monitor/v1/users/3", server.base);
    let patch = |body: Value, if_match: Option<&str>| {
        let mut req = server.client.patch(&url).bearer_auth(TOKEN).json(&body);
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        req.send()
    };
    let (before, etag) = get_user(&server, 3).await;

    assert_error(
        patch(json!({"microsoftEmail": "new@contoso.com"}), None)
            .await
            .unwrap(),
        428,
    )
    .await;

    let invalid = patch(
        json!({"microsoftEmail": "not-an-email", "salesUserName": "  "}),
        Some(&etag),
    )
    .await
    .unwrap();
    let body = assert_error(invalid, 400).await;
    assert!(body.detail_for("microsoftEmail").is_some());
    assert!(body.detail_for("salesUserName").is_some());

    let (other, _) = get_user(&server, 4).await;
    let taken = patch(
        json!({"microsoftEmail": other.microsoft_email.to_uppercase()}),
        Some(&etag),
    )
    .await
    .unwrap();
    let body = assert_error(taken, 409).await;
    assert_eq!(
        body.detail_for("microsoftEmail"),
        Some("This Microsoft account is already mapped to another user.")
    );
    assert_eq!(
        get_user(&server, 3).await.0,
        before,
        "rejected changes change nothing"
    );

    let ok = patch(
        json!({"microsoftEmail": "  Moved@Contoso.com ", "salesUserName": " MOVED.USER "}),
        Some(&etag),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
    let new_tag = ok.headers()["etag"].to_str().unwrap().to_owned();
    let updated: User = ok.json().await.unwrap();
    assert_eq!(updated.microsoft_email, "Moved@Contoso.com");
    assert_eq!(updated.sales_user_name, "MOVED.USER");
    assert_ne!(new_tag, etag);

    let stale = patch(json!({"salesUserName": "AGAIN"}), Some(&etag))
        .await
        .unwrap();
    assert_eq!(
        stale.headers()["etag"].to_str().unwrap(),
        new_tag,
        "412 tells the current ETag"
    );
    assert_error(stale, 412).await;

    for bad in [
        json!({}),
        json!({"email": "x@y.z"}),
        json!({"microsoftEmail": 5}),
    ] {
        assert_error(patch(bad, Some(&new_tag)).await.unwrap(), 400).await;
    }
    let malformed = server
        .client
        .patch(&url)
        .bearer_auth(TOKEN)
        .header("If-Match", &new_tag)
        .header("Content-Type", "application/json")
        .body("{\"microsoftEmail\":")
        .send()
        .await
        .unwrap();
    assert_error(malformed, 400).await;
    let text = server
        .client
        .patch(&url)
        .bearer_auth(TOKEN)
        .header("If-Match", &new_tag)
        .body("microsoftEmail=x")
        .send()
        .await
        .unwrap();
    assert_error(text, 415).await;
    assert_eq!(get_user(&server, 3).await.0, updated);
}

#[tokio::test]
async fn delete_removes_the_mapping_and_its_history() {
    let server = seeded(50).await;
    let url = |id: i64| format!("{}/api/monitor/v1/users/{id}", server.base);
    let res = server
        .client
        .delete(url(7))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_error(
        server.get("/api/monitor/v1/users/7").send().await.unwrap(),
        404,
    )
    .await;
    assert_error(
        server
            .get("/api/monitor/v1/users/7/transactions")
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    let again = server
        .client
        .delete(url(7))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_error(again, 404).await;
    let total = page(&server, "totalResults=true").await.total_results;
    assert_eq!(total, Some(49));
}

async fn ids(server: &Server, q: &str) -> Vec<i64> {
    let r: UserIds = server
        .get(&format!("/api/monitor/v1/users/ids?{q}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r.ids
}

async fn act(server: &Server, key: &str, body: Value) -> reqwest::Response {
    let mut req = server
        .client
        .post(format!("{}/api/monitor/v1/users/actions", server.base))
        .bearer_auth(TOKEN)
        .json(&body);
    if !key.is_empty() {
        req = req.header("Idempotency-Key", key);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn actions_apply_per_user_with_reasons() {
    let server = seeded(400).await;
    let running = ids(&server, "lastSync=IN_PROGRESS").await;
    let idle = ids(&server, "lastSync=SUCCEEDED&syncEnabled=true").await;
    assert!(running.len() >= 2 && idle.len() >= 2);

    let res = act(
        &server,
        "k-suspend",
        json!({"action": "SUSPEND_SYNC", "userIds": [running[0], idle[0], 99999]}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let r: ActionResponse = res.json().await.unwrap();
    assert_eq!((r.succeeded, r.failed), (1, 2));
    assert!(r.results[0].succeeded);
    assert_eq!(
        r.results[1].reason.as_deref(),
        Some("No sync is in progress for this user.")
    );
    assert!(r.results[2]
        .reason
        .as_deref()
        .unwrap()
        .contains("not found"));
    // Each result names its user, so a console can say who failed even
    // when that user is not on its screen; an unknown id has no name.
    for (result, id) in r.results.iter().zip([running[0], idle[0]]) {
        let name = get_user(&server, id).await.0.sales_user_name;
        assert_eq!(result.sales_user_name.as_deref(), Some(name.as_str()));
    }
    assert_eq!(r.results[2].sales_user_name, None);
    assert_eq!(
        get_user(&server, running[0]).await.0.last_sync_status,
        LastSyncStatus::Suspended
    );

    let r: ActionResponse = act(
        &server,
        "k-disable",
        json!({"action": "DISABLE_SYNC", "userIds": [idle[0], idle[1]]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(r.succeeded, 2);
    assert!(!get_user(&server, idle[0]).await.0.sync_enabled);

    let r: ActionResponse = act(
        &server,
        "k-full",
        json!({"action": "RUN_FULL_SYNC", "userIds": [idle[0], idle[2]]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        !r.results[0].succeeded,
        "disabled users cannot run a full sync"
    );
    assert!(r.results[1].succeeded);
    let u = get_user(&server, idle[2]).await.0;
    assert_eq!(u.last_sync_status, LastSyncStatus::InProgress);
    assert!(u.full_sync_requested);

    let r: ActionResponse = act(
        &server,
        "k-enable",
        json!({"action": "ENABLE_SYNC", "userIds": [idle[0]]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(r.succeeded, 1);
    assert!(get_user(&server, idle[0]).await.0.sync_enabled);

    let debug_before = get_user(&server, idle[3]).await.0.debug_logs;
    let action = if debug_before {
        "DISABLE_DEBUG_LOGS"
    } else {
        "ENABLE_DEBUG_LOGS"
    };
    act(
        &server,
        "k-debug",
        json!({"action": action, "userIds": [idle[3]]}),
    )
    .await;
    assert_eq!(get_user(&server, idle[3]).await.0.debug_logs, !debug_before);

    let r: ActionResponse = act(
        &server,
        "k-delete",
        json!({"action": "DELETE_USER", "userIds": [idle[4]]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(r.succeeded, 1);
    assert_error(
        server
            .get(&format!("/api/monitor/v1/users/{}", idle[4]))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
}

#[tokio::test]
async fn idempotency_keys_replay_and_refuse_reuse() {
    let server = seeded(50).await;
    let body = json!({"action": "DELETE_USER", "userIds": [1, 2]});
    let first = act(&server, "same-key", body.clone()).await;
    assert_eq!(first.status(), 200);
    let first: Value = first.json().await.unwrap();
    let replay = act(&server, "same-key", body.clone()).await;
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(
        first, replay,
        "the first answer is replayed, not a second delete"
    );
    assert_eq!(replay["succeeded"], 2);
    let reused = act(
        &server,
        "same-key",
        json!({"action": "DELETE_USER", "userIds": [3]}),
    )
    .await;
    assert_error(reused, 422).await;
    assert_eq!(
        get_user(&server, 3).await.0.id,
        3,
        "a refused request changes nothing"
    );

    assert_error(act(&server, "", body.clone()).await, 400).await;
    assert_error(
        act(&server, "k1", json!({"action": "EXPLODE", "userIds": [1]})).await,
        400,
    )
    .await;
    assert_error(
        act(
            &server,
            "k2",
            json!({"action": "ENABLE_SYNC", "userIds": []}),
        )
        .await,
        400,
    )
    .await;
    let too_many: Vec<i64> = (1..=1001).collect();
    assert_error(
        act(
            &server,
            "k3",
            json!({"action": "ENABLE_SYNC", "userIds": too_many}),
        )
        .await,
        400,
    )
    .await;
    let huge = "1,".repeat(40_000);
    let res = server
        .client
        .post(format!("{}/api/monitor/v1/users/actions", server.base))
        .bearer_auth(TOKEN)
        .header("Idempotency-Key", "k4")
        .header("Content-Type", "application/json")
        .body(format!(
            "{{\"action\":\"ENABLE_SYNC\",\"userIds\":[{huge}1]}}"
        ))
        .send()
        .await
        .unwrap();
    assert_error(res, 413).await;
}

#[tokio::test]
async fn transactions_page_newest_first_and_sort() {
    let server = seeded(300).await;
    // Find a user with a long history.
    let users = page(&server, "lastSync=SUCCEEDED&limit=200").await.items;
    let mut best = (0, 0);
    for u in users.iter().take(200) {
        let p: Collection<Transaction> = server
            .get(&format!(
                "/api/monitor/v1/users/{}/transactions?limit=1&totalResults=true",
                u.id
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if p.total_results.unwrap() > best.1 {
            best = (u.id, p.total_results.unwrap());
        }
    }
    let (id, total) = best;
    assert!(total >= 10, "someone has a history ({total})");
    let p: Collection<Transaction> = server
        .get(&format!(
            "/api/monitor/v1/users/{id}/transactions?limit=500"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(p.count, total);
    assert!(p
        .items
        .windows(2)
        .all(|w| w[0].sync_start >= w[1].sync_start));
    assert!(p.items.iter().all(|t| t.sync_end >= t.sync_start));
    let user = get_user(&server, id).await.0;
    assert_eq!(
        Some(p.items[0].sync_start),
        user.last_sync_start,
        "newest matches the last sync"
    );
    let by_conflicts: Collection<Transaction> = server
        .get(&format!(
            "/api/monitor/v1/users/{id}/transactions?orderBy=conflicts:desc&limit=500"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(by_conflicts
        .items
        .windows(2)
        .all(|w| w[0].conflicts >= w[1].conflicts));
    let bad = server
        .get(&format!(
            "/api/monitor/v1/users/{id}/transactions?orderBy=secret:asc"
        ))
        .send()
        .await
        .unwrap();
    assert_error(bad, 400).await;
    let filters = server
        .get(&format!(
            "/api/monitor/v1/users/{id}/transactions?lastSync=FAILED"
        ))
        .send()
        .await
        .unwrap();
    assert_error(filters, 400).await;
}

#[tokio::test]
async fn jobs_report_the_three_sync_jobs() {
    let server = seeded(10).await;
    let body: Value = server
        .get("/api/monitor/v1/jobs")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["INSTANT_SYNC", "STANDARD_SYNC", "TOKEN_REFRESH"]);
    assert_eq!(body["items"][2]["lastResult"], "FAILED");
}

#[tokio::test]
async fn bad_query_parameters_are_400_and_never_500() {
    let server = seeded(10).await;
    for q in [
        "limit=0",
        "limit=501",
        "limit=-1",
        "limit=abc",
        "offset=-1",
        "offset=1.5",
        "totalResults=yes",
        "orderBy=password:asc",
        "orderBy=id:sideways",
        "lastSync=FAILED,EXPLODED",
        "syncEnabled=1",
        "salesAuthorized=",
        "unknown=1",
        "limit=5&limit=6",
    ] {
        let res = server
            .get(&format!("/api/monitor/v1/users?{q}"))
            .send()
            .await
            .unwrap();
        assert_error(res, 400).await;
    }
    let res = server
        .client
        .put(format!("{}/api/monitor/v1/users/1", server.base))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_error(res, 405).await;
}

#[tokio::test]
async fn cors_allows_only_listed_origins() {
    let server = Server::start(5, &["--cors-origin", "https://sales.example.com"], |_| {}).await;
    let preflight = |origin: &'static str| {
        server
            .client
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/monitor/v1/users", server.base),
            )
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .send()
    };
    let ok = preflight("https://sales.example.com").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://sales.example.com"
    );
    let other = preflight("https://evil.example.net").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_contract_holds_at_its_edges() {
    let server = seeded(50).await;
    let base = format!("{}/api/monitor/v1", server.base);
    // Control characters in a search (never a 500, never "all") and
    // unknown parameters, on every resource, are a 400 in the error format.
    for path in [
        "/users?search=abc%00def",
        "/users?search=%00",
        "/users/ids?search=a%07b",
        "/summary?x=1",
        "/jobs?verbose=true",
        "/users/1?expand=all",
    ] {
        let res = server
            .get(&format!("/api/monitor/v1{path}"))
            .send()
            .await
            .unwrap();
        let body = assert_error(res, 400).await;
        assert_eq!(
            body.error_details[0].error_code, "SM-INVALID-PARAMETER",
            "{path}"
        );
    }
    // The auth scheme is case-insensitive.
    let res = server
        .client
        .get(format!("{base}/summary"))
        .header("Authorization", format!("bearer {}", common::TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Media types are case-insensitive and exact.
    let send = |content_type: &'static str, key: &'static str| {
        server
            .client
            .post(format!("{base}/users/actions"))
            .bearer_auth(common::TOKEN)
            .header("Content-Type", content_type)
            .header("Idempotency-Key", key)
            .body(r#"{"action":"ENABLE_SYNC","userIds":[1]}"#)
            .send()
    };
    assert_eq!(
        send("APPLICATION/JSON; charset=utf-8", "k-case")
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        send("application/jsonx", "k-jsonx").await.unwrap().status(),
        415
    );
    // If-Match: * matches any current representation.
    let res = server
        .client
        .patch(format!("{base}/users/2"))
        .bearer_auth(common::TOKEN)
        .header("If-Match", "*")
        .json(&json!({ "salesUserName": "ANY.VERSION" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(get_user(&server, 2).await.0.sales_user_name, "ANY.VERSION");
}

/// What schemathesis found (`cargo xtask test`'s fuzz step), pinned: every
/// request the spec forbids is a 400 in the error format and changes
/// nothing; what it allows is accepted.
#[tokio::test]
async fn what_fuzzing_found_stays_fixed() {
    let server = seeded(20).await;
    for path in [
        "/users?lastSync=",
        "/users?lastSync=FAILED,,SUCCEEDED",
        "/users?lastSync=%20FAILED",
        "/users/ids?lastSync=FAILED,",
        "/users?offset=9223372036854775808",
        "/users/9223372036854775808",
        "/users/0/transactions",
    ] {
        let res = server
            .get(&format!("/api/monitor/v1{path}"))
            .send()
            .await
            .unwrap();
        assert_error(res, 400).await;
    }
    let before = get_user(&server, 1).await.0;
    for (key, ids) in [
        ("zero", json!([1, 0])),
        ("negative", json!([-5])),
        ("fraction", json!([1.5])),
        ("too-large", json!([9223372036854775808u64])),
        ("duplicates", json!(vec![1; 1001])),
    ] {
        let body = json!({"action": "DISABLE_DEBUG_LOGS", "userIds": ids});
        assert_error(act(&server, key, body).await, 400).await;
    }
    assert_eq!(get_user(&server, 1).await.0, before, "nothing changed");
    // JSON Schema's integers include 1.0, read exactly however large.
    let res = server
        .client
        .post(format!("{}/api/monitor/v1/users/actions", server.base))
        .bearer_auth(TOKEN)
        .header("Idempotency-Key", "whole")
        .header("Content-Type", "application/json")
        .body(r#"{"action":"ENABLE_DEBUG_LOGS","userIds":[1.0,1,2207875864431469.0]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let done: ActionResponse = res.json().await.unwrap();
    assert_eq!((done.succeeded, done.results.len()), (1, 2));
    assert_eq!(done.results[1].user_id, 2207875864431469);
    // An invalid body is a 400 before the ETag is compared (not a 412).
    let res = server
        .client
        .patch(format!("{}/api/monitor/v1/users/1", server.base))
        .bearer_auth(TOKEN)
        .header("If-Match", "\"stale\"")
        .json(&json!({"microsoftEmail": "a@b.co", "salesUserName": null}))
        .send()
        .await
        .unwrap();
    assert_error(res, 400).await;
}
