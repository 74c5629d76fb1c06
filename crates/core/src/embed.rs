//! Embedding protocol v1, the messages between the console (in an iframe)
//! and the sales application's page that frames it. The console asks its
//! parent for the signed-in user's JWT and tells it its content height; the
//! host answers with the token. Pure text in, text out: the console checks
//! who sent a message (`event.source`, `event.origin`) before it gets here.

use serde_json::{json, Value};

/// Protocol version the console speaks.
pub const VERSION: u32 = 1;
/// Ask for a new token this long before the current one expires.
pub const REFRESH_BEFORE_EXPIRY_SECONDS: f64 = 60.0;

/// The request for a token: `{"method":"requestJwtToken","origin":…,"v":1}`.
pub fn request_token(console_origin: &str) -> String {
    json!({"method": "requestJwtToken", "origin": console_origin, "v": VERSION}).to_string()
}

/// The console's content height: `{"method":"resize","height":…}`.
pub fn resize(height: u32) -> String {
    json!({"method": "resize", "height": height}).to_string()
}

/// What a host may say to the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostMessage {
    /// The signed-in user's JWT.
    Token(String),
    /// The host's colour scheme (`light` or `dark`).
    ColorScheme(&'static str),
}

impl HostMessage {
    /// Reads a message sent as text: the JWT itself, or JSON — a string
    /// (the JWT) or `{"method":"jwtToken","token":…}` or
    /// `{"method":"colorScheme","value":"dark"}`. Anything else: `None`.
    pub fn from_text(text: &str) -> Option<HostMessage> {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => HostMessage::from_json(&value),
            Err(_) => jwt_shaped(text).map(HostMessage::Token),
        }
    }

    /// Reads a message sent as a (structured-clone) object or JSON value.
    pub fn from_json(value: &Value) -> Option<HostMessage> {
        match value {
            Value::String(s) => jwt_shaped(s).map(HostMessage::Token),
            Value::Object(m) => match m.get("method").and_then(Value::as_str)? {
                "jwtToken" => jwt_shaped(m.get("token")?.as_str()?).map(HostMessage::Token),
                "colorScheme" => match m.get("value").and_then(Value::as_str)? {
                    "dark" => Some(HostMessage::ColorScheme("dark")),
                    "light" => Some(HostMessage::ColorScheme("light")),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }
}

/// `s` when it has a JWT's shape (header.payload.signature, base64url).
fn jwt_shaped(s: &str) -> Option<String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('.').collect();
    let ok = parts.len() == 3
        && parts[..2].iter().all(|p| !p.is_empty())
        && parts.iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        });
    ok.then(|| s.to_owned())
}

/// The JWT's payload segment, as standard base64 with padding (for the
/// browser's `atob`).
pub fn payload_base64(jwt: &str) -> Option<String> {
    let mut p: String = jwt
        .split('.')
        .nth(1)?
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !p.len().is_multiple_of(4) {
        p.push('=');
    }
    Some(p)
}

/// The `exp` claim (seconds since the epoch) of a decoded payload.
pub fn expiry(payload_json: &str) -> Option<f64> {
    serde_json::from_str::<Value>(payload_json)
        .ok()?
        .get("exp")?
        .as_f64()
}

/// Whether a token that expires at `exp` should be replaced at `now`
/// (seconds); a token without `exp` is used until the API refuses it.
pub fn needs_refresh(exp: Option<f64>, now: f64) -> bool {
    exp.is_some_and(|exp| exp - REFRESH_BEFORE_EXPIRY_SECONDS <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJwcm4iOiJhIiwiZXhwIjoxMDB9.c2ln-_x";

    #[test]
    fn messages_the_console_sends() {
        let r: Value = serde_json::from_str(&request_token("http://127.0.0.1:8080")).unwrap();
        assert_eq!(
            r,
            json!({"method": "requestJwtToken", "origin": "http://127.0.0.1:8080", "v": 1})
        );
        assert_eq!(resize(612), r#"{"height":612,"method":"resize"}"#);
    }

    #[test]
    fn answers_the_console_accepts() {
        let token = Some(HostMessage::Token(JWT.into()));
        assert_eq!(HostMessage::from_text(JWT), token);
        assert_eq!(HostMessage::from_text(&format!("\"{JWT}\"")), token);
        let obj = format!(r#"{{"method":"jwtToken","token":"{JWT}"}}"#);
        assert_eq!(HostMessage::from_text(&obj), token);
        assert_eq!(
            HostMessage::from_json(&json!({"method": "colorScheme", "value": "dark"})),
            Some(HostMessage::ColorScheme("dark"))
        );
    }

    #[test]
    fn anything_else_is_ignored() {
        for text in [
            "hello",
            "a.b",
            "a..c",
            "a.b.c.d",
            "a b.c.d",
            r#"{"method":"requestJwtToken","origin":"x","v":1}"#,
            r#"{"method":"jwtToken"}"#,
            r#"{"method":"jwtToken","token":42}"#,
            r#"{"method":"jwtToken","token":"not a jwt"}"#,
            r#"{"method":"colorScheme","value":"purple"}"#,
            "[1,2]",
            "",
        ] {
            assert_eq!(HostMessage::from_text(text), None, "{text}");
        }
    }

    #[test]
    fn expiry_and_refresh() {
        assert_eq!(payload_base64(JWT).unwrap(), "eyJwcm4iOiJhIiwiZXhwIjoxMDB9");
        assert_eq!(payload_base64("a.b-_c.d").unwrap(), "b+/c");
        assert_eq!(expiry(r#"{"prn":"a","exp":100}"#), Some(100.0));
        assert_eq!(expiry(r#"{"prn":"a"}"#), None);
        assert!(!needs_refresh(Some(1000.0), 900.0));
        assert!(needs_refresh(Some(1000.0), 940.0));
        assert!(needs_refresh(Some(1000.0), 2000.0));
        assert!(!needs_refresh(None, 2000.0));
    }
}
