//! A real server on an ephemeral port over a temporary SQLite file.
#![allow(dead_code)]

use std::net::SocketAddr;

use clap::Parser;
use serde_json::Value;
use sync_monitor_core::ApiErrorBody;
use sync_monitor_server::auth::Auth;
use sync_monitor_server::{app, db, prepare_database, AppState, Args};

pub const TOKEN: &str = "test-token-123";

pub struct Server {
    pub base: String,
    _dir: tempfile::TempDir,
    pub client: reqwest::Client,
}

impl Server {
    /// Starts a server over a fresh database with `users` seeded users
    /// (0: empty), optionally letting the test fill it first.
    pub async fn start(
        users: u32,
        extra: &[&str],
        fill: impl FnOnce(&mut rusqlite::Connection),
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("test.db");
        let users_arg = users.to_string();
        let mut argv = vec![
            "sync-monitor-server",
            "--database",
            db_path.to_str().unwrap(),
            "--users",
            &users_arg,
            "--token",
            TOKEN,
            "--static-dir",
            dir.path().to_str().unwrap(),
        ];
        argv.extend_from_slice(extra);
        let args = Args::parse_from(argv);
        let mut conn = prepare_database(&args).unwrap();
        fill(&mut conn);
        drop(conn);
        std::fs::write(
            dir.path().join("index.html"),
            "<!doctype html><title>console</title>",
        )
        .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let router = app(
            AppState::new(
                db::Db::open(&db_path, 2).unwrap(),
                Auth::from_args(&args).unwrap(),
            ),
            &args,
        );
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Server {
            base: format!("http://{addr}"),
            _dir: dir,
            client: reqwest::Client::new(),
        }
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(TOKEN)
    }
}

pub fn user(email: &str, status: &'static str, enabled: bool) -> db::NewUser {
    db::NewUser {
        sales_user_name: email.split('@').next().unwrap().to_uppercase(),
        microsoft_email: email.to_owned(),
        last_sync_status: sync_monitor_core::LastSyncStatus::parse(status).expect("a status"),
        last_sync_start: (status != "NEVER_SYNCED").then_some(1_700_000_000_000),
        last_sync_duration_ms: Some(1_000),
        sales_authorized: true,
        microsoft_authorized: status != "FAILED",
        using_next_gen: false,
        sync_enabled: enabled,
        active: true,
        debug_logs: false,
        last_error_code: None,
        last_error_message: None,
        conflict_resolution: sync_monitor_core::ConflictResolution::ServerWins,
        allow_user_override: false,
        microsoft_token_expires_at: None,
        sales_token_expires_at: None,
        included_in_latest_sync: false,
    }
}

/// Asserts an answer is `status` in the `o:errorDetails` format.
pub async fn assert_error(res: reqwest::Response, status: u16) -> ApiErrorBody {
    assert_eq!(res.status().as_u16(), status);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = res.json().await.unwrap();
    assert!(body["title"].is_string(), "{body}");
    assert_eq!(body["status"], status);
    let details = body["o:errorDetails"].as_array().unwrap();
    assert!(!details.is_empty());
    assert!(details[0]["detail"].is_string() && details[0]["o:errorCode"].is_string());
    serde_json::from_value(body).unwrap()
}
