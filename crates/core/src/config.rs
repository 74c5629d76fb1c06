//! The console's runtime configuration (`config.json`, beside `index.html`,
//! so one build serves every site), validated at start: a mistake names the
//! key it is about and says what would be right.

use serde_json::{Map, Value};

/// Where the API is when `apiBaseUrl` is not given (beside the console).
pub const DEFAULT_API_BASE_URL: &str = "api/monitor/v1";
/// How long the host may take to hand over a token, by default.
pub const DEFAULT_HOST_TIMEOUT_MS: u32 = 5_000;
/// Seconds between live refreshes, by default.
pub const DEFAULT_REFRESH_SECONDS: u32 = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleConfig {
    /// Base URL of the monitor API, absolute or relative to the page.
    pub api_base_url: String,
    pub auth: AuthConfig,
    pub frame_height: FrameHeight,
    /// Seconds between live refreshes; 0: never.
    pub refresh_seconds: u32,
    /// CSS custom properties (`--name`, value) set on the document.
    pub theme: Vec<(String, String)>,
}

/// How the console authenticates its API calls.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthConfig {
    /// One bearer token from the configuration (demo and tests).
    Static { token: String },
    /// The framing sales application hands the signed-in user's JWT over
    /// (Embedding protocol v1).
    Host {
        host_origins: Vec<String>,
        timeout_ms: u32,
    },
    /// The browser's session with the API's origin (`credentials: include`,
    /// no Authorization header).
    Cookie,
}

/// Whether the console tells the host its content height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameHeight {
    /// Post `{"method":"resize","height":…}` whenever it changes.
    Auto,
    /// The host sizes the frame; nothing is posted.
    Fixed,
}

/// A configuration mistake: the key (`auth.hostOrigins[0]`) and what is
/// wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub key: String,
    pub problem: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "config.json, {}: {}", self.key, self.problem)
    }
}

fn err(key: &str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        key: key.to_owned(),
        problem: problem.into(),
    }
}

impl ConsoleConfig {
    /// Parses and checks `config.json`.
    pub fn parse(text: &str) -> Result<ConsoleConfig, ConfigError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| err("(file)", format!("not valid JSON ({e})")))?;
        let Value::Object(root) = value else {
            return Err(err("(file)", "must be a JSON object"));
        };
        only_keys(
            &root,
            "",
            &[
                "apiBaseUrl",
                "auth",
                "token",
                "frameHeight",
                "refreshSeconds",
                "theme",
            ],
        )?;
        let api_base_url = match root.get("apiBaseUrl") {
            None => DEFAULT_API_BASE_URL.to_owned(),
            Some(v) => api_base_url(v)?,
        };
        let auth =
            match (root.get("auth"), root.get("token")) {
                (Some(_), Some(_)) => return Err(err(
                    "token",
                    "give the token inside auth ({\"mode\": \"static\", \"token\": …}), not both",
                )),
                (Some(a), None) => auth(a)?,
                // Before auth modes: {"apiBaseUrl", "token"} means static mode.
                (None, Some(t)) => AuthConfig::Static {
                    token: static_token(t, "token")?,
                },
                (None, None) => return Err(err(
                    "auth",
                    "missing; say how to sign in: {\"mode\": \"host\"}, \"cookie\" or \"static\"",
                )),
            };
        let frame_height = match root.get("frameHeight") {
            None => FrameHeight::Fixed,
            Some(Value::String(s)) if s == "auto" => FrameHeight::Auto,
            Some(Value::String(s)) if s == "fixed" => FrameHeight::Fixed,
            Some(_) => return Err(err("frameHeight", "must be \"auto\" or \"fixed\"")),
        };
        let refresh_seconds = match root.get("refreshSeconds") {
            None => DEFAULT_REFRESH_SECONDS,
            Some(v) => match v.as_u64() {
                Some(0) => 0,
                Some(n @ 5..=3600) => n as u32,
                _ => {
                    return Err(err(
                        "refreshSeconds",
                        "must be a whole number of seconds from 5 to 3600, or 0 for never",
                    ))
                }
            },
        };
        let theme = match root.get("theme") {
            None => Vec::new(),
            Some(v) => theme(v)?,
        };
        Ok(ConsoleConfig {
            api_base_url,
            auth,
            frame_height,
            refresh_seconds,
            theme,
        })
    }
}

/// Rejects keys the console does not know (a typo must not be ignored).
fn only_keys(map: &Map<String, Value>, prefix: &str, known: &[&str]) -> Result<(), ConfigError> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(err(
            &format!("{prefix}{k}"),
            format!("unknown key; expected one of {}", known.join(", ")),
        )),
        None => Ok(()),
    }
}

fn api_base_url(v: &Value) -> Result<String, ConfigError> {
    match v.as_str().map(str::trim) {
        Some(s) if !s.is_empty() && !s.contains(['?', '#', ' ']) => Ok(s.to_owned()),
        _ => Err(err(
            "apiBaseUrl",
            "must be a URL such as https://api.example.com/api/monitor/v1 or a path such as api/monitor/v1",
        )),
    }
}

fn static_token(v: &Value, key: &str) -> Result<String, ConfigError> {
    match v.as_str().map(str::trim) {
        Some(t) if !t.is_empty() && t.chars().all(|c| c.is_ascii_graphic()) => Ok(t.to_owned()),
        _ => Err(err(
            key,
            "must be the API's bearer token (printable, no spaces)",
        )),
    }
}

fn auth(v: &Value) -> Result<AuthConfig, ConfigError> {
    let Value::Object(map) = v else {
        return Err(err(
            "auth",
            "must be an object such as {\"mode\": \"host\", …}",
        ));
    };
    match map.get("mode").and_then(Value::as_str) {
        Some("static") => {
            only_keys(map, "auth.", &["mode", "token"])?;
            let token = map
                .get("token")
                .ok_or_else(|| err("auth.token", "required in static mode"))?;
            Ok(AuthConfig::Static {
                token: static_token(token, "auth.token")?,
            })
        }
        Some("host") => {
            only_keys(map, "auth.", &["mode", "hostOrigins", "timeoutMs"])?;
            let origins = match map.get("hostOrigins") {
                Some(Value::Array(list)) if !list.is_empty() => list,
                _ => return Err(err(
                    "auth.hostOrigins",
                    "must list the sales application's origins, e.g. [\"https://crm.example.com\"]",
                )),
            };
            let host_origins = origins
                .iter()
                .enumerate()
                .map(|(i, o)| origin(o, &format!("auth.hostOrigins[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            let timeout_ms = match map.get("timeoutMs") {
                None => DEFAULT_HOST_TIMEOUT_MS,
                Some(t) => match t.as_u64() {
                    Some(n @ 500..=60_000) => n as u32,
                    _ => {
                        return Err(err(
                            "auth.timeoutMs",
                            "must be milliseconds from 500 to 60000",
                        ))
                    }
                },
            };
            Ok(AuthConfig::Host {
                host_origins,
                timeout_ms,
            })
        }
        Some("cookie") => {
            only_keys(map, "auth.", &["mode"])?;
            Ok(AuthConfig::Cookie)
        }
        _ => Err(err(
            "auth.mode",
            "must be \"host\", \"cookie\" or \"static\"",
        )),
    }
}

/// An exact origin as `MessageEvent.origin` reports it: scheme, host and
/// optional port; no path, no wildcard.
fn origin(v: &Value, key: &str) -> Result<String, ConfigError> {
    let problem = "must be an origin such as https://crm.example.com (scheme, host, optional port; no path or *)";
    let s = v.as_str().ok_or_else(|| err(key, problem))?;
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| err(key, problem))?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok());
    if host_ok && port_ok {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(err(key, problem))
    }
}

fn theme(v: &Value) -> Result<Vec<(String, String)>, ConfigError> {
    let Value::Object(map) = v else {
        return Err(err(
            "theme",
            "must be an object of CSS custom properties, e.g. {\"--accent\": \"#227e9e\"}",
        ));
    };
    map.iter()
        .map(|(name, value)| {
            let key = format!("theme.{name}");
            let name_ok = name.len() > 2
                && name.starts_with("--")
                && name[2..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
            if !name_ok {
                return Err(err(&key, "must be a CSS custom property such as --accent"));
            }
            match value.as_str() {
                Some(s)
                    if !s.trim().is_empty()
                        && !s.contains([';', '{', '}'])
                        && !s.chars().any(char::is_control) =>
                {
                    Ok((name.clone(), s.trim().to_owned()))
                }
                _ => Err(err(&key, "must be a CSS value such as #227e9e")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(text: &str) -> ConfigError {
        ConsoleConfig::parse(text).unwrap_err()
    }

    #[test]
    fn the_three_modes() {
        let s = ConsoleConfig::parse(
            r#"{"apiBaseUrl":"/api/monitor/v1","auth":{"mode":"static","token":"t0k"}}"#,
        )
        .unwrap();
        assert_eq!(s.api_base_url, "/api/monitor/v1");
        assert_eq!(
            s.auth,
            AuthConfig::Static {
                token: "t0k".into()
            }
        );
        assert_eq!(s.frame_height, FrameHeight::Fixed);
        assert_eq!(s.refresh_seconds, DEFAULT_REFRESH_SECONDS);
        let h = ConsoleConfig::parse(
            r##"{"auth":{"mode":"host","hostOrigins":["https://CRM.example.com","http://localhost:8081"],"timeoutMs":2000},
                "frameHeight":"auto","refreshSeconds":0,"theme":{"--accent":"#227e9e"}}"##,
        )
        .unwrap();
        assert_eq!(h.api_base_url, DEFAULT_API_BASE_URL);
        assert_eq!(
            h.auth,
            AuthConfig::Host {
                host_origins: vec![
                    "https://crm.example.com".into(),
                    "http://localhost:8081".into()
                ],
                timeout_ms: 2000
            }
        );
        assert_eq!(h.frame_height, FrameHeight::Auto);
        assert_eq!(h.refresh_seconds, 0);
        assert_eq!(h.theme, vec![("--accent".into(), "#227e9e".into())]);
        let c = ConsoleConfig::parse(r#"{"auth":{"mode":"cookie"}}"#).unwrap();
        assert_eq!(c.auth, AuthConfig::Cookie);
    }

    #[test]
    fn the_old_shape_is_static_mode() {
        let c = ConsoleConfig::parse(r#"{"apiBaseUrl":"api/monitor/v1","token":"demo-token"}"#)
            .unwrap();
        assert_eq!(
            c.auth,
            AuthConfig::Static {
                token: "demo-token".into()
            }
        );
    }

    #[test]
    fn mistakes_name_their_key() {
        let cases = [
            (
                r#"{"auth":{"mode":"host","hostOrigins":["https://crm.example.com/"]}}"#,
                "auth.hostOrigins[0]",
            ),
            (
                r#"{"auth":{"mode":"host","hostOrigins":["*"]}}"#,
                "auth.hostOrigins[0]",
            ),
            (
                r#"{"auth":{"mode":"host","hostOrigins":[]}}"#,
                "auth.hostOrigins",
            ),
            (
                r#"{"auth":{"mode":"host","hostOrigin":["https://a.b"]}}"#,
                "auth.hostOrigin",
            ),
            (
                r#"{"auth":{"mode":"host","hostOrigins":["https://a.b"],"timeoutMs":5}}"#,
                "auth.timeoutMs",
            ),
            (r#"{"auth":{"mode":"static"}}"#, "auth.token"),
            (r#"{"auth":{"mode":"sso"}}"#, "auth.mode"),
            (r#"{"auth":"host"}"#, "auth"),
            (r#"{"apiBaseUrl":"/api"}"#, "auth"),
            (r#"{"auth":{"mode":"cookie"},"token":"x"}"#, "token"),
            (
                r#"{"auth":{"mode":"cookie"},"frameHeight":"tall"}"#,
                "frameHeight",
            ),
            (
                r#"{"auth":{"mode":"cookie"},"refreshSeconds":2}"#,
                "refreshSeconds",
            ),
            (
                r#"{"auth":{"mode":"cookie"},"theme":{"brand":"red"}}"#,
                "theme.brand",
            ),
            (
                r#"{"auth":{"mode":"cookie"},"theme":{"--x":"red;}"}}"#,
                "theme.--x",
            ),
            (r#"{"auth":{"mode":"cookie"},"colour":"red"}"#, "colour"),
            (
                r#"{"auth":{"mode":"cookie"},"apiBaseUrl":""}"#,
                "apiBaseUrl",
            ),
            (r#"[1]"#, "(file)"),
            (r#"{"auth":"#, "(file)"),
        ];
        for (text, key) in cases {
            assert_eq!(bad(text).key, key, "{text}");
        }
        let e = bad(r#"{"auth":{"mode":"host","hostOrigins":["https://crm.example.com/"]}}"#);
        assert!(e
            .to_string()
            .starts_with("config.json, auth.hostOrigins[0]: must be an origin"));
    }
}
