//! Keeps `openapi.yaml` and the server in agreement: the same routes, the
//! spec's examples decode into the shared types, and real answers (success
//! and error) validate against the spec's schemas.

mod common;

use std::collections::BTreeSet;

use common::{Server, TOKEN};
use serde_json::{json, Value};

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml"))
        .unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The spec's component schemas as one JSON Schema document whose root is
/// `#/components/schemas/{name}` (OpenAPI 3.1 schemas are JSON Schema
/// 2020-12; their `$ref`s are rewritten to the document's `$defs`).
fn schema_document(spec: &Value, schema: &Value) -> Value {
    let text = serde_json::to_string(&spec["components"]["schemas"])
        .unwrap()
        .replace("#/components/schemas/", "#/$defs/");
    let defs: Value = serde_json::from_str(&text).unwrap();
    let root = schema["$ref"]
        .as_str()
        .map(|r| r.replace("#/components/schemas/", "#/$defs/"));
    json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs, "$ref": root })
}

/// Checks `value` against `schema` (a `$ref` into the spec's components)
/// with the `jsonschema` crate; returns the problems, each prefixed with
/// `path`.
fn check(spec: &Value, schema: &Value, value: &Value, path: &str, problems: &mut Vec<String>) {
    let validator = jsonschema::validator_for(&schema_document(spec, schema))
        .unwrap_or_else(|e| panic!("the spec's schema does not compile: {e}"));
    for error in validator.iter_errors(value) {
        let at = format!("{path}{}", error.instance_path());
        problems.push(match error.kind() {
            jsonschema::error::ValidationErrorKind::Required { property } => {
                format!(
                    "{at}: missing required {}",
                    property.to_string().replace('"', "'")
                )
            }
            _ => format!("{at}: {error}"),
        });
    }
}

fn assert_valid(spec: &Value, schema_name: &str, value: &Value) {
    let mut problems = Vec::new();
    let schema = json!({ "$ref": format!("#/components/schemas/{schema_name}") });
    check(spec, &schema, value, schema_name, &mut problems);
    assert!(
        problems.is_empty(),
        "{schema_name} does not match the spec: {problems:#?}\n{value}"
    );
}

#[test]
fn the_checker_rejects_what_the_spec_does_not_allow() {
    let spec = spec();
    let schema = json!({ "$ref": "#/components/schemas/User" });
    let mut user = spec["components"]["examples"]["User"]["value"].clone();
    for (field, bad) in [
        ("salesAuthorized", json!("yes")),
        ("lastSyncStatus", json!("QUEUED")),
        ("extra", json!(1)),
    ] {
        let mut v = user.clone();
        v[field] = bad;
        let mut problems = Vec::new();
        check(&spec, &schema, &v, "User", &mut problems);
        assert!(!problems.is_empty(), "{field} accepted");
    }
    user.as_object_mut().unwrap().remove("version");
    let mut problems = Vec::new();
    check(&spec, &schema, &user, "User", &mut problems);
    assert_eq!(problems, ["User: missing required 'version'"]);
}

#[test]
fn the_spec_lists_exactly_the_server_routes() {
    let spec = spec();
    let mut in_spec = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_some() {
                in_spec.insert((method.to_uppercase(), format!("/monitor/v1{path}")));
            }
        }
    }
    let served: BTreeSet<(String, String)> = sync_monitor_server::api::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(in_spec, served);
}

#[test]
fn the_spec_examples_validate_and_decode_into_the_shared_types() {
    let spec = spec();
    let ex = |name: &str| spec["components"]["examples"][name]["value"].clone();
    for (example, schema) in [
        ("Summary", "Summary"),
        ("User", "User"),
        ("UserPage", "UserPage"),
        ("ActionResponse", "ActionResponse"),
        ("TransactionPage", "TransactionPage"),
        ("SyncErrorPage", "SyncErrorPage"),
        ("JobList", "JobList"),
        ("BadRequest", "Error"),
    ] {
        assert_valid(&spec, schema, &ex(example));
    }
    serde_json::from_value::<sync_monitor_core::Summary>(ex("Summary")).unwrap();
    serde_json::from_value::<sync_monitor_core::User>(ex("User")).unwrap();
    serde_json::from_value::<sync_monitor_core::Collection<sync_monitor_core::User>>(ex(
        "UserPage",
    ))
    .unwrap();
    serde_json::from_value::<sync_monitor_core::ActionResponse>(ex("ActionResponse")).unwrap();
    serde_json::from_value::<sync_monitor_core::Collection<sync_monitor_core::Transaction>>(ex(
        "TransactionPage",
    ))
    .unwrap();
    serde_json::from_value::<sync_monitor_core::Collection<sync_monitor_core::RecordError>>(ex(
        "SyncErrorPage",
    ))
    .unwrap();
    serde_json::from_value::<sync_monitor_core::ApiErrorBody>(ex("BadRequest")).unwrap();
    for job in ex("JobList")["items"].as_array().unwrap() {
        serde_json::from_value::<sync_monitor_core::Job>(job.clone()).unwrap();
    }
}

#[tokio::test]
async fn real_answers_validate_against_the_spec() {
    let spec = spec();
    let server = Server::start(300, &[], |_| {}).await;
    let get = |path: &str| {
        let req = server.get(&format!("/api/monitor/v1{path}"));
        async move { req.send().await.unwrap() }
    };
    let body = |res: reqwest::Response| async move { res.json::<Value>().await.unwrap() };

    assert_valid(&spec, "Summary", &body(get("/summary").await).await);
    let page = body(get("/users?limit=300&totalResults=true").await).await;
    assert_valid(&spec, "UserPage", &page);
    let items = page["items"].as_array().unwrap();
    assert!(
        items.iter().any(|u| u["lastError"].is_object())
            && items.iter().any(|u| u["lastSyncStart"].is_null())
    );
    assert_valid(
        &spec,
        "UserIds",
        &body(get("/users/ids?lastSync=FAILED").await).await,
    );
    let failed = items
        .iter()
        .find(|u| u["lastSyncStatus"] == "FAILED")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_valid(
        &spec,
        "User",
        &body(get(&format!("/users/{failed}")).await).await,
    );
    let tx = body(
        get(&format!(
            "/users/{failed}/transactions?limit=500&totalResults=true"
        ))
        .await,
    )
    .await;
    assert_valid(&spec, "TransactionPage", &tx);
    assert!(tx["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["error"].is_object()));
    assert_valid(&spec, "JobList", &body(get("/jobs").await).await);
    assert_valid(
        &spec,
        "Summary",
        &body(get("/summary?expiringWithinDays=30").await).await,
    );
    // Record errors: a user who has them, and one of their transactions.
    let with_errors = body(get("/users?hasSyncErrors=true&limit=1").await).await;
    let id = with_errors["items"][0]["id"].as_i64().unwrap();
    let errors = body(get(&format!("/users/{id}/syncErrors?limit=500")).await).await;
    assert_valid(&spec, "SyncErrorPage", &errors);
    let number = errors["items"][0]["transactionNumber"].as_i64().unwrap();
    let of_tx = body(get(&format!("/users/{id}/transactions/{number}/syncErrors")).await).await;
    assert_valid(&spec, "SyncErrorPage", &of_tx);
    assert!(of_tx["count"].as_u64().unwrap() >= 1);
    let action = server
        .client
        .post(format!("{}/api/monitor/v1/users/actions", server.base))
        .bearer_auth(TOKEN)
        .header("Idempotency-Key", "contract")
        .json(&json!({"action": "SUSPEND_SYNC", "userIds": [1, 2, 3, 999999]}))
        .send()
        .await
        .unwrap();
    assert_valid(&spec, "ActionResponse", &body(action).await);

    // Errors, each with a status the spec documents for that operation.
    let errors = [
        (get("/users?limit=0").await, 400),
        (
            server
                .client
                .get(format!("{}/api/monitor/v1/summary", server.base))
                .send()
                .await
                .unwrap(),
            401,
        ),
        (get("/users/999999").await, 404),
        (
            server
                .client
                .patch(format!("{}/api/monitor/v1/users/1", server.base))
                .bearer_auth(TOKEN)
                .json(&json!({"salesUserName": "X"}))
                .send()
                .await
                .unwrap(),
            428,
        ),
        (
            server
                .client
                .patch(format!("{}/api/monitor/v1/users/1", server.base))
                .bearer_auth(TOKEN)
                .header("If-Match", "\"1-999\"")
                .json(&json!({"salesUserName": "X"}))
                .send()
                .await
                .unwrap(),
            412,
        ),
    ];
    for (res, status) in errors {
        assert_eq!(res.status().as_u16(), status);
        assert_valid(&spec, "Error", &body(res).await);
    }
}

/// The spec's patterns for free text (search, e-mail, user name) accept
/// exactly what the server's validation accepts: checked on hand-picked
/// edge cases and on every string of up to three pieces from an alphabet of
/// troublemakers (whitespace that is also a control, C1 controls, dots,
/// hyphens, the forbidden punctuation, non-ASCII letters).
#[test]
fn the_spec_patterns_accept_exactly_what_the_server_does() {
    use sync_monitor_core::{query::UserFilter, validate};
    let spec = spec();
    let compile = |schema: &Value| jsonschema::validator_for(schema).unwrap();
    let email =
        compile(&spec["components"]["schemas"]["UserPatch"]["properties"]["microsoftEmail"]);
    let name = compile(&spec["components"]["schemas"]["UserPatch"]["properties"]["salesUserName"]);
    let search = compile(&spec["components"]["parameters"]["search"]["schema"]);
    let server_search = |s: &str| UserFilter::default().apply_pair("search", s).is_ok();

    let pieces = [
        "", "a", "é", " ", "\t", "\u{85}", "\u{a0}", "\u{3000}", "\u{7}", "\u{9f}", "\u{feff}",
        ".", "-", "@", "<", "\"", "b.co", "a@b.co",
    ];
    let mut samples: Vec<String> = Vec::new();
    for x in pieces {
        for y in pieces {
            for z in pieces {
                samples.push(format!("{x}{y}{z}"));
            }
        }
    }
    let long = |n: usize, c: &str| c.repeat(n);
    samples.extend([
        format!("{}@b.co", long(64, "a")),
        format!("{}@b.co", long(65, "a")),
        format!("{}@b.co", long(64, "é")),
        format!("{}@{}.co", long(64, "a"), long(186, "b")),
        format!("{}@{}.co", long(64, "a"), long(187, "b")),
        format!(" {}@{}.co ", long(64, "a"), long(186, "b")),
        long(100, "x"),
        long(101, "x"),
        format!("\u{85} {}\u{2029}", long(100, "é")),
        long(200, "x"),
        long(201, "x"),
        format!(" {} ", long(200, "x")),
        "a@b-.co".into(),
        "a@b.c-".into(),
        "a@-b.co".into(),
        "a.b@c.d.e".into(),
        "a@b..co".into(),
        "a..b@c.co".into(),
        "(a)@b.co".into(),
    ]);
    let mut accepted = [0; 3];
    for s in &samples {
        let value = json!(s);
        let server = [
            validate::microsoft_email(s).is_ok(),
            validate::sales_user_name(s).is_ok(),
            server_search(s),
        ];
        let spec = [
            email.is_valid(&value),
            name.is_valid(&value),
            search.is_valid(&value),
        ];
        assert_eq!(spec, server, "(email, name, search) {s:?}");
        for (n, ok) in accepted.iter_mut().zip(server) {
            *n += usize::from(ok);
        }
    }
    // Both answers occur for each field, often.
    for n in accepted {
        assert!((100..samples.len() - 100).contains(&n), "{accepted:?}");
    }
}
