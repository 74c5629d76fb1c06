//! The console's side of Embedding protocol v1 (`core::embed`): asks the
//! framing sales application for the signed-in user's JWT, accepts answers
//! only from `window.parent` at a configured origin, keeps the token in
//! memory only, asks again before it expires or when the API refuses it,
//! and reports the content height when the frame should follow it.
//!
//! The state is per page (a thread-local: the browser's one thread), since
//! the message listener lives as long as the page.

use std::cell::RefCell;

use futures::channel::oneshot;
use gloo_timers::callback::Timeout;
use leptos::prelude::{ArcRwSignal, Set};
use sync_monitor_core::embed::{self, HostMessage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::ApiError;

struct Session {
    origins: Vec<String>,
    timeout_ms: u32,
    /// The JWT and its `exp` (seconds), in memory only.
    token: Option<(String, Option<f64>)>,
    /// Callers waiting for the answer to the request in flight.
    waiters: Vec<oneshot::Sender<Option<String>>>,
    /// Gives up on the request in flight after `timeout_ms`.
    deadline: Option<Timeout>,
    /// Asks again shortly before the token expires.
    refresh: Option<Timeout>,
    expired: ArcRwSignal<bool>,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Whether this page runs inside a frame.
pub fn in_frame() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Starts listening to the host; `expired` turns true when no token can be
/// had. Call once, in host mode, inside a frame.
pub fn install(origins: Vec<String>, timeout_ms: u32, expired: ArcRwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(on_message);
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            origins,
            timeout_ms,
            token: None,
            waiters: Vec::new(),
            deadline: None,
            refresh: None,
            expired,
        })
    });
}

/// A token to send: the current one while it is fresh, else a new one from
/// the host. `rejected`: the token the API just refused (401); a newer one
/// than that is used as it is, otherwise the host is asked once.
pub async fn token(rejected: Option<&str>) -> Result<String, ApiError> {
    let receiver = SESSION.with(|s| {
        let mut guard = s.borrow_mut();
        let session = guard.as_mut()?;
        if let Some((value, exp)) = &session.token {
            let refused = rejected == Some(value.as_str());
            if !refused && !embed::needs_refresh(*exp, now_seconds()) {
                return Some(Ok(value.clone()));
            }
        }
        let (tx, rx) = oneshot::channel();
        session.waiters.push(tx);
        ask(session);
        Some(Err(rx))
    });
    match receiver {
        None => Err(ApiError::SessionExpired),
        Some(Ok(token)) => Ok(token),
        Some(Err(rx)) => rx.await.ok().flatten().ok_or(ApiError::SessionExpired),
    }
}

/// Marks the session as over (the API refused a fresh token too).
pub fn expire() {
    SESSION.with(|s| {
        if let Some(session) = s.borrow().as_ref() {
            session.expired.set(true);
        }
    });
}

/// Tells the host the content height (`frameHeight: "auto"`).
pub fn report_height(height: u32) {
    SESSION.with(|s| {
        if let Some(session) = s.borrow().as_ref() {
            post(&session.origins, &embed::resize(height));
        }
    });
}

/// Posts the request, unless one is already in flight.
fn ask(session: &mut Session) {
    if session.deadline.is_some() {
        return;
    }
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    post(&session.origins, &embed::request_token(&origin));
    session.deadline = Some(Timeout::new(session.timeout_ms, give_up));
}

/// Posts `message` to the parent once per host origin, each as the target
/// origin (never `*`): the browser delivers only the one that matches.
fn post(origins: &[String], message: &str) {
    let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
    if let Some(parent) = parent {
        for origin in origins {
            let _ = parent.post_message(&JsValue::from_str(message), origin);
        }
    }
}

fn on_message(event: web_sys::MessageEvent) {
    let from_parent = match (
        event.source(),
        web_sys::window().and_then(|w| w.parent().ok().flatten()),
    ) {
        (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
        _ => false,
    };
    if !from_parent {
        return;
    }
    let origin = event.origin();
    SESSION.with(|s| {
        let mut guard = s.borrow_mut();
        let Some(session) = guard.as_mut() else {
            return;
        };
        if !session.origins.contains(&origin) {
            return;
        }
        match read(&event.data()) {
            Some(HostMessage::Token(token)) => accept(session, token),
            Some(HostMessage::ColorScheme(scheme)) => {
                if let Some(root) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                {
                    let _ = root.set_attribute("data-color-scheme", scheme);
                }
            }
            None => {}
        }
    });
}

/// A message as text (a string) or as a structured-clone object.
fn read(data: &JsValue) -> Option<HostMessage> {
    if let Some(text) = data.as_string() {
        return HostMessage::from_text(&text);
    }
    if data.is_object() {
        let text = js_sys::JSON::stringify(data).ok()?.as_string()?;
        return serde_json::from_str(&text)
            .ok()
            .and_then(|v| HostMessage::from_json(&v));
    }
    None
}

fn accept(session: &mut Session, token: String) {
    let exp = exp_of(&token);
    session.deadline = None;
    session.token = Some((token.clone(), exp));
    for waiter in session.waiters.drain(..) {
        let _ = waiter.send(Some(token.clone()));
    }
    session.refresh = exp.map(|exp| {
        let wait = (exp - embed::REFRESH_BEFORE_EXPIRY_SECONDS - now_seconds()).max(1.0);
        let wait_ms = (wait * 1000.0).min(f64::from(i32::MAX)) as u32;
        Timeout::new(wait_ms, || {
            SESSION.with(|s| {
                if let Some(session) = s.borrow_mut().as_mut() {
                    ask(session);
                }
            })
        })
    });
}

/// No answer in time: waiting callers fail and the session is over. A
/// refresh nobody waited for fails quietly (the token may still be good).
fn give_up() {
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut() {
            session.deadline = None;
            if !session.waiters.is_empty() {
                session.expired.set(true);
            }
            for waiter in session.waiters.drain(..) {
                let _ = waiter.send(None);
            }
        }
    });
}

fn exp_of(token: &str) -> Option<f64> {
    let payload = embed::payload_base64(token)?;
    let json = web_sys::window()?.atob(&payload).ok()?;
    embed::expiry(&json)
}

fn now_seconds() -> f64 {
    js_sys::Date::now() / 1000.0
}
