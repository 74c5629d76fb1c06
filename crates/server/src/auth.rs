//! Who may call the API: one static bearer token (`--auth static`) or JWTs
//! signed with HS256 or RS256 (`--auth jwt`), and the principal a request
//! acts as. Also the dev-only token relay shaped like Fusion's Token Relay
//! Service, which signs short-lived JWTs for the host page to hand over.
//! Tokens are never logged.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::args::{Args, AuthMode};
use crate::error::HttpError;
use crate::AppState;

/// The token the demo (and only the demo, `--demo`) accepts by default.
pub const DEMO_TOKEN: &str = "demo-token";
/// Seconds of clock skew tolerated on `exp`.
const LEEWAY_SECONDS: u64 = 30;

/// The signed-in user a request acts for (from the JWT's `prn` or `sub`;
/// `static-token` for the shared static token).
#[derive(Debug, Clone)]
pub struct Principal(pub Arc<str>);

/// How the server checks bearer tokens.
#[derive(Clone)]
pub enum Auth {
    Static(Arc<str>),
    Jwt(Arc<Jwt>),
}

pub struct Jwt {
    key: DecodingKey,
    validation: Validation,
    /// Signing side of the dev token relay (`--dev-token-relay`).
    relay: Option<Relay>,
}

struct Relay {
    key: EncodingKey,
    principal: String,
    ttl_seconds: u64,
    issuer: Option<String>,
    audience: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Claims {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
    exp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iat: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iss: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    aud: Option<String>,
}

impl Auth {
    /// The checker the flags ask for, or why they do not make sense.
    pub fn from_args(args: &Args) -> Result<Auth, String> {
        match args.auth {
            AuthMode::Static => {
                if args.dev_token_relay {
                    return Err("--dev-token-relay needs --auth jwt with --jwt-secret".into());
                }
                match (&args.token, args.demo) {
                    (Some(t), _) if !t.trim().is_empty() => Ok(Auth::Static(t.trim().into())),
                    (_, true) => Ok(Auth::Static(DEMO_TOKEN.into())),
                    _ => Err("no API token: pass --token (or SYNC_MONITOR_TOKEN), \
                              use --auth jwt, or --demo for the well-known demo token"
                        .into()),
                }
            }
            AuthMode::Jwt => Ok(Auth::Jwt(Arc::new(Jwt::from_args(args)?))),
        }
    }

    /// The principal `token` authenticates, if it does.
    pub fn check(&self, token: &str) -> Option<Principal> {
        match self {
            Auth::Static(expected) => constant_time_eq(token.as_bytes(), expected.as_bytes())
                .then(|| Principal("static-token".into())),
            Auth::Jwt(jwt) => jwt.check(token),
        }
    }

    fn relay(&self) -> Option<&Relay> {
        match self {
            Auth::Jwt(jwt) => jwt.relay.as_ref(),
            Auth::Static(_) => None,
        }
    }
}

impl Jwt {
    fn from_args(args: &Args) -> Result<Jwt, String> {
        let (key, algorithm) = match (&args.jwt_secret, &args.jwt_public_key) {
            (Some(secret), None) if secret.len() >= 16 => (
                DecodingKey::from_secret(secret.as_bytes()),
                Algorithm::HS256,
            ),
            (Some(_), None) => return Err("--jwt-secret must be at least 16 bytes".into()),
            (None, Some(path)) => {
                let pem = std::fs::read(path)
                    .map_err(|e| format!("cannot read --jwt-public-key {}: {e}", path.display()))?;
                let key = DecodingKey::from_rsa_pem(&pem).map_err(|e| {
                    format!(
                        "--jwt-public-key {} is not an RSA public key in PEM: {e}",
                        path.display()
                    )
                })?;
                (key, Algorithm::RS256)
            }
            (Some(_), Some(_)) => {
                return Err("give either --jwt-secret (HS256) or --jwt-public-key (RS256)".into())
            }
            (None, None) => {
                return Err(
                    "--auth jwt needs --jwt-secret (HS256) or --jwt-public-key (RS256)".into(),
                )
            }
        };
        let mut validation = Validation::new(algorithm);
        validation.leeway = LEEWAY_SECONDS;
        validation.set_required_spec_claims(&["exp"]);
        if let Some(iss) = &args.jwt_issuer {
            validation.set_issuer(&[iss]);
        }
        match &args.jwt_audience {
            Some(aud) => validation.set_audience(&[aud]),
            None => validation.validate_aud = false,
        }
        let relay = match (args.dev_token_relay, &args.jwt_secret) {
            (false, _) => None,
            (true, Some(secret)) => Some(Relay {
                key: EncodingKey::from_secret(secret.as_bytes()),
                principal: args.dev_principal.clone(),
                ttl_seconds: args.token_ttl,
                issuer: args.jwt_issuer.clone(),
                audience: args.jwt_audience.clone(),
            }),
            (true, None) => {
                return Err("--dev-token-relay signs with --jwt-secret (HS256); give one".into())
            }
        };
        Ok(Jwt {
            key,
            validation,
            relay,
        })
    }

    fn check(&self, token: &str) -> Option<Principal> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation).ok()?;
        let who = data.claims.prn.or(data.claims.sub)?;
        (!who.trim().is_empty()).then(|| Principal(who.into()))
    }
}

impl Relay {
    fn issue(&self) -> Result<String, jsonwebtoken::errors::Error> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = Claims {
            prn: Some(self.principal.clone()),
            sub: Some(self.principal.clone()),
            iat: Some(now),
            exp: now + self.ttl_seconds,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.key)
    }
}

/// Rejects API calls without a valid bearer token; passes the principal
/// on as a request extension.
pub async fn require_token(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let principal = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // The scheme is case-insensitive (RFC 9110 §11.1).
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .and_then(|(_, token)| state.auth.check(token.trim()));
    match principal {
        Some(p) => {
            req.extensions_mut().insert(p);
            next.run(req).await
        }
        None => HttpError::unauthorized().into_response(),
    }
}

/// What the dev token relay answers (Fusion's Token Relay Service shape).
#[derive(Serialize)]
pub struct RelayToken {
    principal: String,
    expires_in: u64,
    token_type: &'static str,
    access_token: String,
}

/// `GET /api/_dev/tokenrelay`: a fresh JWT for the configured principal.
/// Dev only (`--dev-token-relay`): anyone who can reach it gets a token.
pub async fn token_relay(State(state): State<AppState>) -> Result<Response, HttpError> {
    let relay = state
        .auth
        .relay()
        .ok_or_else(|| HttpError::not_found("No such API resource."))?;
    let token = relay.issue().map_err(HttpError::internal)?;
    let body = RelayToken {
        principal: relay.principal.clone(),
        expires_in: relay.ttl_seconds,
        token_type: "JWT",
        access_token: token,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(extra: &[&str]) -> Args {
        let mut argv = vec!["sync-monitor-server"];
        argv.extend_from_slice(extra);
        Args::parse_from(argv)
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }

    #[test]
    fn static_mode_needs_a_token_unless_demo() {
        assert!(Auth::from_args(&args(&[])).is_err());
        assert!(Auth::from_args(&args(&["--token", "  "])).is_err());
        let demo = Auth::from_args(&args(&["--demo"])).unwrap();
        assert!(demo.check(DEMO_TOKEN).is_some());
        let own = Auth::from_args(&args(&["--token", "s3cret", "--demo"])).unwrap();
        assert!(own.check("s3cret").is_some());
        assert!(own.check(DEMO_TOKEN).is_none());
    }

    #[test]
    fn jwt_mode_checks_signature_expiry_issuer_and_principal() {
        let secret = "0123456789abcdef-secret";
        let a = args(&[
            "--auth",
            "jwt",
            "--jwt-secret",
            secret,
            "--jwt-issuer",
            "https://crm.example.com",
            "--dev-token-relay",
            "--dev-principal",
            "pat.admin",
        ]);
        let auth = Auth::from_args(&a).unwrap();
        let token = auth.relay().unwrap().issue().unwrap();
        assert_eq!(&*auth.check(&token).unwrap().0, "pat.admin");
        // Another key, an expired token, another issuer, no principal.
        let sign = |claims: serde_json::Value, key: &str| {
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &claims,
                &EncodingKey::from_secret(key.as_bytes()),
            )
            .unwrap()
        };
        let now = jsonwebtoken::get_current_timestamp();
        let iss = "https://crm.example.com";
        let ok = serde_json::json!({"prn": "x", "exp": now + 60, "iss": iss});
        assert!(auth.check(&sign(ok.clone(), secret)).is_some());
        assert!(auth.check(&sign(ok, "another-secret-of-16")).is_none());
        let expired = serde_json::json!({"prn": "x", "exp": now - 120, "iss": iss});
        assert!(auth.check(&sign(expired, secret)).is_none());
        let other = serde_json::json!({"prn": "x", "exp": now + 60, "iss": "https://evil"});
        assert!(auth.check(&sign(other, secret)).is_none());
        let nobody = serde_json::json!({"exp": now + 60, "iss": iss});
        assert!(auth.check(&sign(nobody, secret)).is_none());
        let by_sub = serde_json::json!({"sub": "sam", "exp": now + 60, "iss": iss});
        assert_eq!(&*auth.check(&sign(by_sub, secret)).unwrap().0, "sam");
        assert!(auth.check("not.a.jwt").is_none());
    }

    #[test]
    fn rs256_tokens_are_checked_with_the_public_key() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");
        let public = format!("{dir}/rs256-public.pem");
        let auth = Auth::from_args(&args(&["--auth", "jwt", "--jwt-public-key", &public])).unwrap();
        let private = std::fs::read(format!("{dir}/rs256-private.pem")).unwrap();
        let key = EncodingKey::from_rsa_pem(&private).unwrap();
        let now = jsonwebtoken::get_current_timestamp();
        let claims = serde_json::json!({"prn": "fusion.user", "exp": now + 600});
        let token = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key).unwrap();
        assert_eq!(&*auth.check(&token).unwrap().0, "fusion.user");
        // The same claims under HS256 (algorithm confusion) are refused.
        let hs = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(b"0123456789abcdef"),
        )
        .unwrap();
        assert!(auth.check(&hs).is_none());
    }

    #[test]
    fn jwt_flags_are_checked() {
        assert!(Auth::from_args(&args(&["--auth", "jwt"])).is_err());
        assert!(Auth::from_args(&args(&["--auth", "jwt", "--jwt-secret", "short"])).is_err());
        assert!(Auth::from_args(&args(&["--token", "t", "--dev-token-relay"])).is_err());
        let missing = args(&["--auth", "jwt", "--jwt-public-key", "/nonexistent.pem"]);
        assert!(Auth::from_args(&missing).is_err());
    }
}
