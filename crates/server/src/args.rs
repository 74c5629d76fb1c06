//! The server's command-line flags (also its configuration in tests).

use std::path::PathBuf;

use clap::Parser;

/// Command-line flags (also the server's configuration in tests).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sync-monitor-server",
    version,
    // A flag given twice takes its last value (scripts append overrides).
    args_override_self = true,
    about = "Reference Sync Monitor REST API (/api/monitor/v1) on SQLite; also serves the built console.",
    long_about = "Reference Sync Monitor REST API (/api/monitor/v1) on an embedded SQLite \
                  database. On first start with an empty database it seeds a deterministic \
                  population of users; later starts reuse the file. It also serves the built \
                  console (index.html for every non-API path)."
)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1", env = "SYNC_MONITOR_HOST")]
    pub host: std::net::IpAddr,
    /// Port to listen on (0 picks a free one; the chosen address is printed).
    #[arg(long, default_value_t = 8080, env = "SYNC_MONITOR_PORT")]
    pub port: u16,
    /// SQLite database file; created and seeded when it does not exist.
    #[arg(long, default_value = "sync-monitor.db", env = "SYNC_MONITOR_DATABASE")]
    pub database: PathBuf,
    /// Number of users to seed into an empty database.
    #[arg(long, default_value_t = 10_000)]
    pub users: u32,
    /// Seed of the deterministic data generator.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Delete the database file and seed it again.
    #[arg(long)]
    pub reseed: bool,
    /// How API calls authenticate: `static` (one shared bearer token,
    /// --token) or `jwt` (JWTs signed with --jwt-secret or --jwt-public-key).
    #[arg(long, value_enum, default_value = "static", env = "SYNC_MONITOR_AUTH")]
    pub auth: AuthMode,
    /// The bearer token the API accepts with `--auth static` (never logged).
    /// There is no default: without one the server refuses to start, unless
    /// --demo.
    #[arg(long, env = "SYNC_MONITOR_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Demo mode: without --token, accept the well-known `demo-token`.
    #[arg(long)]
    pub demo: bool,
    /// HS256 secret (at least 16 bytes) JWTs are signed with (`--auth jwt`).
    #[arg(long, env = "SYNC_MONITOR_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// PEM file of the RSA public key JWTs are signed with, RS256
    /// (`--auth jwt`), e.g. the identity provider's signing key.
    #[arg(long, value_name = "PEM_FILE")]
    pub jwt_public_key: Option<PathBuf>,
    /// Required `iss` claim of JWTs (not checked when absent).
    #[arg(long, value_name = "ISSUER")]
    pub jwt_issuer: Option<String>,
    /// Required `aud` claim of JWTs (not checked when absent).
    #[arg(long, value_name = "AUDIENCE")]
    pub jwt_audience: Option<String>,
    /// Dev only: serve GET /api/_dev/tokenrelay, which hands anyone a JWT
    /// for --dev-principal signed with --jwt-secret (like Fusion's Token
    /// Relay Service). Never in production.
    #[arg(long)]
    pub dev_token_relay: bool,
    /// The principal the dev token relay issues tokens for.
    #[arg(long, value_name = "NAME", default_value = "sales.admin@example.com")]
    pub dev_principal: String,
    /// Lifetime in seconds of tokens from the dev token relay.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub token_ttl: u64,
    /// Directory of the built console (Trunk's dist/) to serve at /.
    #[arg(long, default_value = "dist")]
    pub static_dir: PathBuf,
    /// Set the application permission state at start
    /// (NOT_ENABLED, ACTIVE or INACTIVE); kept as stored when absent.
    #[arg(long, value_parser = parse_permission)]
    pub permission: Option<sync_monitor_core::PermissionStatus>,
    /// Enable the test control endpoints under /api/_control (fault
    /// injection, permission state, finishing a running sync). Never in
    /// production.
    #[arg(long)]
    pub fault_control: bool,
    /// Simulate the sync engine: every few seconds finish running syncs
    /// (with a new transaction) and start a few more.
    #[arg(long)]
    pub simulate: bool,
    /// Add latency to API calls under a path, e.g. `/users=300` (ms);
    /// repeat for several routes.
    #[arg(long = "latency", value_name = "ROUTE=MS", value_parser = parse_route_value::<u64>)]
    pub latency: Vec<(String, u64)>,
    /// Fail this share of API calls under a path with 503, e.g.
    /// `/users/actions=0.1`; repeat for several routes.
    #[arg(long = "failure-rate", value_name = "ROUTE=RATE", value_parser = parse_rate)]
    pub failure_rate: Vec<(String, f64)>,
    /// Serve everything (console and API) under this path, e.g. `/monitor`,
    /// for a console built with `trunk build --public-url /monitor/`.
    #[arg(long, value_name = "PATH", default_value = "", value_parser = parse_base_path)]
    pub base_path: String,
    /// Origins allowed to call the API from a browser (CORS), e.g.
    /// `https://sales.example.com`; repeat for several. None by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Who may frame the console: the CSP `frame-ancestors` source list,
    /// space-separated, e.g. "'self' https://crm.example.com".
    #[arg(
        long = "frame-ancestors",
        value_name = "SOURCES",
        default_value = "'self'"
    )]
    pub frame_ancestors: String,
}

/// How API calls authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthMode {
    /// One shared bearer token (--token).
    Static,
    /// Signed JWTs (--jwt-secret or --jwt-public-key).
    Jwt,
}

fn parse_route_value<T: std::str::FromStr>(s: &str) -> Result<(String, T), String> {
    let (route, value) = s
        .split_once('=')
        .ok_or_else(|| "expected ROUTE=VALUE, e.g. /users=300".to_owned())?;
    if !route.starts_with('/') {
        return Err("the route must start with /, e.g. /users".into());
    }
    let value = value
        .parse()
        .map_err(|_| format!("'{value}' is not a valid number"))?;
    Ok((route.to_owned(), value))
}

fn parse_base_path(s: &str) -> Result<String, String> {
    let trimmed = s.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    if !trimmed.starts_with('/') || trimmed.contains(['?', '#', ' ']) {
        return Err("the base path must look like /monitor".into());
    }
    Ok(trimmed.to_owned())
}

fn parse_rate(s: &str) -> Result<(String, f64), String> {
    let (route, rate) = parse_route_value::<f64>(s)?;
    if (0.0..=1.0).contains(&rate) {
        Ok((route, rate))
    } else {
        Err("the rate must be between 0 and 1".into())
    }
}

fn parse_permission(s: &str) -> Result<sync_monitor_core::PermissionStatus, String> {
    sync_monitor_core::PermissionStatus::parse(&s.to_ascii_uppercase().replace('-', "_"))
        .ok_or_else(|| "expected NOT_ENABLED, ACTIVE or INACTIVE".to_owned())
}
