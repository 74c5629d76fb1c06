//! Response headers for everything served: cache policy (hashed assets
//! for a year, the rest revalidated, API answers never stored) and the
//! security headers (Content-Security-Policy, nosniff, no referrer).

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Long cache for Trunk's hashed assets; revalidation for everything else
/// (index.html, config.json) and no caching of API answers.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let value = if path.starts_with("/api/") || path.contains("/api/monitor/") {
        "no-store"
    } else if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    if value != "no-store" {
        // Static files come precompressed by what the browser accepts.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// The Content-Security-Policy of everything served: scripts, styles and
/// connections from this origin only (the wasm module may compile), no
/// inline script or style, framed only by `ancestors` (a CSP source list).
pub fn content_security_policy(ancestors: &str) -> HeaderValue {
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'none'; frame-ancestors {ancestors}"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// Middleware: the security headers on every answer (no `X-Frame-Options`:
/// `frame-ancestors` says who may frame the console).
pub async fn security_headers(policy: HeaderValue, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// Trunk names built assets `name-<16 hex digits>.ext` (or `_bg.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| {
        (12..=16).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit())
    })
}
