//! Static delivery: assets go out as the build precompressed them (brotli
//! or gzip, by what the client accepts, with `Vary`), never compressed per
//! request; API answers are compressed per request.

mod common;

use common::Server;

#[tokio::test]
async fn precompressed_assets_are_sent_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("index.html", b"<!doctype html><title>console</title>");
    write("app-0123456789abcdef_bg.wasm", b"RAW WASM BYTES");
    write("app-0123456789abcdef_bg.wasm.br", b"BROTLI");
    write("app-0123456789abcdef_bg.wasm.gz", b"GZIP");
    let server = Server::start(3, &["--static-dir", dir.path().to_str().unwrap()], |_| {}).await;
    let get = |accept: &'static str| {
        let url = format!("{}/app-0123456789abcdef_bg.wasm", server.base);
        let req = server.client.get(url);
        async move {
            let req = if accept.is_empty() {
                req
            } else {
                req.header("accept-encoding", accept)
            };
            req.send().await.unwrap()
        }
    };
    for (accept, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "BROTLI"),
        ("gzip", Some("gzip"), "GZIP"),
        ("", None, "RAW WASM BYTES"),
    ] {
        let res = get(accept).await;
        assert_eq!(res.status(), 200, "{accept}");
        let h = res.headers().clone();
        assert_eq!(
            h.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(h["content-type"], "application/wasm");
        assert!(h["vary"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding"));
        assert_eq!(res.text().await.unwrap(), body);
    }
    // Without a precompressed copy, a file goes out as it is: no work per request.
    let index = server
        .client
        .get(format!("{}/", server.base))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert!(index.headers().get("content-encoding").is_none());
    // API answers are compressed when the client accepts it.
    let api = server
        .get("/api/monitor/v1/users?limit=3")
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(api.headers()["content-encoding"], "gzip");
}
