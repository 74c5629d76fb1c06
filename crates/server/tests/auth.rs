//! `--auth jwt` over HTTP: the dev token relay's answer, tokens it issues
//! accepted, others refused in the error format, the relay absent unless
//! asked for.

mod common;

use common::{assert_error, Server};
use serde_json::Value;

const SECRET: &str = "test-secret-0123456789";

async fn jwt_server(extra: &[&str]) -> Server {
    let mut flags = vec!["--auth", "jwt", "--jwt-secret", SECRET];
    flags.extend_from_slice(extra);
    Server::start(3, &flags, |_| {}).await
}

#[tokio::test]
async fn relay_tokens_authenticate_and_carry_the_principal() {
    let server = jwt_server(&["--dev-token-relay", "--token-ttl", "120"]).await;
    let relay = server
        .client
        .get(format!("{}/api/_dev/tokenrelay", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(relay.status(), 200);
    assert_eq!(relay.headers()["cache-control"], "no-store");
    let body: Value = relay.json().await.unwrap();
    assert_eq!(body["principal"], "sales.admin@example.com");
    assert_eq!(body["token_type"], "JWT");
    assert_eq!(body["expires_in"], 120);
    let token = body["access_token"].as_str().unwrap();
    let url = format!("{}/api/monitor/v1/summary", server.base);
    let ok = server
        .client
        .get(&url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    // The static token means nothing in JWT mode; a tampered JWT neither.
    let stat = server.get("/api/monitor/v1/summary").send().await.unwrap();
    assert_error(stat, 401).await;
    let mut tampered = token.to_owned();
    tampered.push('x');
    let bad = server
        .client
        .get(&url)
        .bearer_auth(&tampered)
        .send()
        .await
        .unwrap();
    assert_error(bad, 401).await;
}

#[tokio::test]
async fn relay_is_absent_unless_enabled() {
    let server = jwt_server(&[]).await;
    let res = server
        .client
        .get(format!("{}/api/_dev/tokenrelay", server.base))
        .send()
        .await
        .unwrap();
    assert_error(res, 404).await;
}
