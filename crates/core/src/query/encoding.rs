//! Query strings as browsers and the `url` crate encode them.

/// `k=v&k2=v2`, `application/x-www-form-urlencoded` (the `form_urlencoded`
/// crate, as browsers and `url` encode queries).
pub fn encode_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k.as_ref(), v.as_ref());
    }
    out.finish()
}

/// One query component, encoded as [`encode_query`] encodes it.
pub fn encode_component(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// One query component decoded as [`decode_query`] decodes it.
pub fn decode_component(s: &str) -> String {
    let escaped = s.replace('&', "%26").replace('=', "%3D");
    form_urlencoded::parse(escaped.as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default()
}

/// Splits a query string (with or without `?`) into decoded pairs (`+` is
/// a space; malformed escapes are kept literally; invalid UTF-8 is
/// replaced).
pub fn decode_query(q: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(q.trim_start_matches('?').as_bytes())
        .into_owned()
        .collect()
}
