//! Keys that make a retried action safe: the server runs a request with a
//! given `Idempotency-Key` once and replays its answer after that.

/// A fresh random key for `Idempotency-Key`: a version 4 UUID from the
/// browser's `crypto.randomUUID()` (its CSPRNG; no crate or extra wasm
/// needed), or — where that is missing (insecure contexts) — one from
/// `crypto.getRandomValues`.
pub fn new_idempotency_key() -> String {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = crypto
        .as_ref()
        .filter(|c| js_sys::Reflect::has(c, &"randomUUID".into()).unwrap_or(false))
    {
        return c.random_uuid();
    }
    let mut bytes = [0u8; 16];
    if let Some(c) = crypto {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
