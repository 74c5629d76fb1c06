//! Reference implementation of the Sync Monitor REST API: axum over an
//! embedded SQLite database, with deterministic seeding, run-time fault
//! injection for tests, and static serving of the built console.

pub mod api;
mod args;
pub mod auth;
pub mod control;
pub mod db;
pub mod error;
mod headers;
pub mod seed;
pub mod simulate;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::middleware;
use axum::routing::{get, post, put};
use axum::Router;
use rusqlite::Connection;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

pub use crate::args::{Args, AuthMode};
use crate::error::HttpError;
use sync_monitor_core::ErrorCode;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    db: Arc<db::Db>,
    /// One permit per reader connection, handed out first come, first
    /// served.
    readers: Arc<tokio::sync::Semaphore>,
    auth: auth::Auth,
    pub faults: Arc<control::Faults>,
}

impl AppState {
    pub fn new(db: db::Db, auth: auth::Auth) -> Self {
        AppState {
            readers: Arc::new(tokio::sync::Semaphore::new(db.readers())),
            db: Arc::new(db),
            auth,
            faults: Arc::default(),
        }
    }

    /// Runs `f` on a reader connection, off the async runtime. Requests
    /// wait for a free reader in the order they came (a fair semaphore),
    /// not in a thread each on one reader's lock, which the operating
    /// system hands over in no set order: under load some requests waited
    /// many turns (#13: the load test's p99).
    pub async fn read<T, F>(&self, f: F) -> Result<T, HttpError>
    where
        T: Send + 'static,
        F: FnOnce(&db::Reader) -> rusqlite::Result<T> + Send + 'static,
    {
        let db = self.db.clone();
        let permit = self
            .readers
            .clone()
            .acquire_owned()
            .await
            .map_err(HttpError::internal)?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            db.read(f)
        })
        .await
        .map_err(HttpError::internal)?
        .map_err(HttpError::from)
    }

    /// Runs `f` on the writer connection, off the async runtime; the outer
    /// error is only for a task that could not run.
    pub async fn write<R, F>(&self, f: F) -> Result<R, HttpError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> R + Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || db.write(f))
            .await
            .map_err(HttpError::internal)
    }
}

/// Opens the database, seeding it when empty (or when `--reseed`), and
/// returns the writer connection (tests use it to add data).
pub fn prepare_database(args: &Args) -> Result<Connection, Box<dyn std::error::Error>> {
    if args.reseed {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = args.database.clone().into_os_string();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let mut conn = db::open(&args.database)?;
    if db::meta(&conn, "seeded_users")?.is_none() {
        let started = std::time::Instant::now();
        let plan = seed::Plan {
            users: args.users,
            seed: args.seed,
            now: chrono::Utc::now(),
        };
        seed::seed(&mut conn, plan)?;
        tracing::info!(users = args.users, elapsed = ?started.elapsed(), "seeded database");
    }
    if let Some(status) = args.permission {
        db::set_application_permission(&conn, &seed::permission(status, chrono::Utc::now()))?;
    }
    Ok(conn)
}

/// The whole HTTP application: API, control endpoints and the console.
pub fn app(state: AppState, args: &Args) -> Router {
    let mut api = api::routes();
    if args.fault_control {
        api = api
            .route(
                "/_control/faults",
                post(control::arm).delete(control::clear),
            )
            .route(
                "/_control/application-permission",
                put(control::set_permission),
            )
            .route("/_control/finish-sync", post(control::finish_sync))
            .route("/_control/jobs/{name}", put(control::set_job));
    }
    let faults = control::Configured::new(&args.latency, &args.failure_rate);
    // Layers wrap the fallback too: unknown API paths need the token and
    // answer 404 in the error format; faults are checked after auth.
    let api = api
        .fallback(|| async { HttpError::not_found("No such API resource.") })
        .method_not_allowed_fallback(|| async {
            HttpError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                ErrorCode::MethodNotAllowed,
                "This resource does not support that method.",
            )
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            control::inject,
        ))
        .layer(middleware::from_fn_with_state(faults, control::configured))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
        // The dev token relay stands for the host's own sign-in: no token.
        .route("/_dev/tokenrelay", get(auth::token_relay))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(error::log_failures))
        .layer(cors(&args.cors_origins))
        // API answers are compressed per request, at the fastest gzip level
        // (a 100,000-user export moves ~45 MB of JSON); static assets are
        // precompressed at build time instead.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .with_state(state.clone());

    let index = args.static_dir.join("index.html");
    // The build writes `.br` and `.gz` copies beside the assets; they are
    // sent as they are to browsers that accept them.
    let console = ServeDir::new(&args.static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let site = Router::new()
        .nest_service("/api", api)
        .fallback_service(console);
    let site = if args.base_path.is_empty() {
        site
    } else {
        let home = format!("{}/", args.base_path);
        Router::new()
            .nest_service(&args.base_path, site.with_state(state.clone()))
            .route(
                "/",
                get(move || async move { axum::response::Redirect::temporary(&home) }),
            )
    };
    let policy = headers::content_security_policy(args.frame_ancestors.trim());
    site.route("/healthz", get(|| async { "ok" }))
        .layer(middleware::from_fn(headers::cache_headers))
        .layer(middleware::from_fn(move |req, next| {
            headers::security_headers(policy.clone(), req, next)
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Largest accepted request body (1,000 ids fit many times over).
const MAX_BODY_BYTES: usize = 64 * 1024;

/// CORS for the allowed origins only (none: same-origin use).
fn cors(origins: &[String]) -> CorsLayer {
    let list: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(list))
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::HeaderName::from_static("x-total-count"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

/// Binds, prints the address, and serves until Ctrl-C or SIGTERM.
pub async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let auth = auth::Auth::from_args(&args)?;
    drop(prepare_database(&args)?);
    if !args.static_dir.join("index.html").exists() {
        tracing::warn!(dir = %args.static_dir.display(), "no built console found; serving the API only");
    }
    let state = AppState::new(db::Db::open(&args.database, 3)?, auth);
    if args.simulate {
        tokio::spawn(simulate::run(state.clone(), args.seed));
    }
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port)).await?;
    let addr = listener.local_addr()?;
    println!("Sync Monitor is running at http://{addr}/  (Ctrl-C to stop)");
    axum::serve(listener, app(state, &args))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    println!("Sync Monitor stopped.");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[cfg(test)]
mod tests {
    use crate::headers::is_hashed_asset;

    #[test]
    fn recognises_trunk_hashed_assets() {
        assert!(is_hashed_asset("/sync-monitor-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/sync-monitor-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/users/42"));
    }
}
