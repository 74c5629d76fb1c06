//! The reference server over real HTTP, on an ephemeral port, against a
//! temporary SQLite file: summary, auth, errors, fallback, fault control.

mod common;

use common::{assert_error, user, Server, TOKEN};
use serde_json::Value;
use sync_monitor_core::{PermissionStatus, Summary};
use sync_monitor_server::db;

#[tokio::test]
async fn summary_counts_equal_what_was_inserted() {
    let server = Server::start(0, &["--permission", "NOT_ENABLED"], |conn| {
        let mut users = Vec::new();
        let plan = [
            ("FAILED", 3, true),
            ("NEVER_SYNCED", 2, true),
            ("SUCCEEDED", 5, true),
            ("SUCCEEDED", 4, false),
            ("IN_PROGRESS", 1, true),
            ("SUSPENDED", 2, false),
        ];
        for (status, n, enabled) in plan {
            for i in 0..n {
                users.push(user(
                    &format!("{status}.{enabled}.{i}@example.com").to_lowercase(),
                    status,
                    enabled,
                ));
            }
        }
        db::insert_users(conn, &users).unwrap();
    })
    .await;
    let res = server.get("/api/monitor/v1/summary").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let s: Summary = res.json().await.unwrap();
    assert_eq!(s.last_sync_failed, 3);
    assert_eq!(s.never_synced, 2);
    assert_eq!(s.last_sync_succeeded, 9);
    assert_eq!(s.in_progress, 1);
    assert_eq!(s.sync_disabled, 6);
    assert_eq!(s.total_users, 17);
    assert_eq!(
        s.application_permission.status,
        PermissionStatus::NotEnabled
    );
}

#[tokio::test]
async fn seeded_summary_adds_up_and_reports_the_permission_error() {
    let server = Server::start(2_000, &[], |_| {}).await;
    let s: Summary = server
        .get("/api/monitor/v1/summary")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s.total_users, 2_000);
    let suspended =
        s.total_users - s.last_sync_failed - s.never_synced - s.last_sync_succeeded - s.in_progress;
    assert!(
        suspended < 100,
        "statuses should partition the users: {s:?}"
    );
    assert!(
        s.last_sync_failed > 0 && s.never_synced > 0 && s.in_progress > 0 && s.sync_disabled > 0
    );
    assert_eq!(s.application_permission.status, PermissionStatus::Inactive);
    assert!(!s.application_permission.error.unwrap().code.is_empty());
}

#[tokio::test]
async fn permission_flag_sets_the_state() {
    let server = Server::start(10, &["--permission", "active"], |_| {}).await;
    let s: Summary = server
        .get("/api/monitor/v1/summary")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s.application_permission.status, PermissionStatus::Active);
    assert!(s.application_permission.error.is_none());
}

#[tokio::test]
async fn missing_or_wrong_token_is_401_in_the_error_format() {
    let server = Server::start(5, &[], |_| {}).await;
    let url = format!("{}/api/monitor/v1/summary", server.base);
    let none = server.client.get(&url).send().await.unwrap();
    assert_eq!(
        none.headers()["www-authenticate"],
        "Bearer realm=\"sync-monitor\""
    );
    assert_error(none, 401).await;
    let wrong = server
        .client
        .get(&url)
        .bearer_auth("test-token-124")
        .send()
        .await
        .unwrap();
    assert_error(wrong, 401).await;
    let basic = server
        .client
        .get(&url)
        .basic_auth("admin", Some(TOKEN))
        .send()
        .await
        .unwrap();
    assert_error(basic, 401).await;
    // Unknown routes do not reveal themselves without a token either.
    let unknown = server
        .client
        .get(format!("{}/api/monitor/v1/nope", server.base))
        .send()
        .await
        .unwrap();
    assert_error(unknown, 401).await;
}

#[tokio::test]
async fn unknown_api_routes_are_404_in_the_error_format() {
    let server = Server::start(5, &[], |_| {}).await;
    for path in ["/api/monitor/v1/nope", "/api/monitor/v2/summary", "/api/"] {
        let res = server.get(path).send().await.unwrap();
        let body = assert_error(res, 404).await;
        assert_eq!(body.error_details[0].error_code, "SM-NOT-FOUND");
    }
}

#[tokio::test]
async fn non_api_paths_fall_back_to_the_console() {
    let server = Server::start(5, &[], |_| {}).await;
    for path in ["/", "/users/42", "/some/deep/link?x=1"] {
        let res = server
            .client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache");
        assert!(res.text().await.unwrap().contains("<title>console</title>"));
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let server = Server::start(5, &[], |_| {}).await;
    for path in [
        "/",
        "/users/42",
        "/api/monitor/v1/summary",
        "/api/monitor/v1/nope",
    ] {
        let res = server.get(path).send().await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        for part in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self';",
            "object-src 'none'",
            "frame-ancestors 'self'",
        ] {
            assert!(csp.contains(part), "{path}: {csp} lacks {part}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(h.get("x-frame-options").is_none(), "{path}");
    }
    // The host origins that may frame the console, when given.
    let framed = Server::start(
        5,
        &["--frame-ancestors", "'self' https://crm.example.com"],
        |_| {},
    )
    .await;
    let res = framed.get("/").send().await.unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.ends_with("frame-ancestors 'self' https://crm.example.com"),
        "{csp}"
    );
}

#[tokio::test]
async fn control_endpoints_exist_only_with_the_flag() {
    let server = Server::start(5, &[], |_| {}).await;
    let res = server
        .client
        .post(format!("{}/api/_control/faults", server.base))
        .bearer_auth(TOKEN)
        .json(&serde_json::json!({"route": "/summary", "mode": "fail"}))
        .send()
        .await
        .unwrap();
    assert_error(res, 404).await;
}

#[tokio::test]
async fn injected_faults_apply_to_the_next_calls_only() {
    let server = Server::start(5, &["--fault-control"], |_| {}).await;
    let arm = |body: Value| {
        server
            .client
            .post(format!("{}/api/_control/faults", server.base))
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
    };
    let res =
        arm(serde_json::json!({"route": "/summary", "mode": "fail", "count": 2, "status": 503}))
            .await
            .unwrap();
    assert_eq!(res.status(), 204);
    for _ in 0..2 {
        assert_error(
            server.get("/api/monitor/v1/summary").send().await.unwrap(),
            503,
        )
        .await;
    }
    assert_eq!(
        server
            .get("/api/monitor/v1/summary")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    arm(serde_json::json!({"route": "/summary", "mode": "malformed"}))
        .await
        .unwrap();
    let text = server
        .get("/api/monitor/v1/summary")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err());

    let bad = arm(serde_json::json!({"route": "/summary", "mode": "explode"}))
        .await
        .unwrap();
    assert_error(bad, 400).await;

    let res = server
        .client
        .put(format!(
            "{}/api/_control/application-permission",
            server.base
        ))
        .bearer_auth(TOKEN)
        .json(&serde_json::json!({"status": "NOT_ENABLED"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let s: Summary = server
        .get("/api/monitor/v1/summary")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        s.application_permission.status,
        PermissionStatus::NotEnabled
    );
}

#[tokio::test]
async fn everything_can_live_under_a_base_path() {
    let server = Server::start(5, &["--base-path", "/monitor/"], |_| {}).await;
    let res = server
        .get("/monitor/api/monitor/v1/summary")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    for path in ["/monitor/", "/monitor/users/3"] {
        let res = server
            .client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(res.text().await.unwrap().contains("<title>console</title>"));
    }
    let root = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(root.status(), 307);
    assert_eq!(root.headers()["location"], "/monitor/");
    // Nothing is served outside the base path.
    assert_eq!(
        server
            .get("/api/monitor/v1/summary")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
