//! When work runs: requests that leave at once, work after the next paint,
//! work after the dashboard's first rows.

use std::future::Future;
use std::task::{Context, Waker};

use leptos::prelude::untrack;

/// Runs `task` up to its first wait now, then hands it to the executor, so
/// a request it makes starts in this task rather than when the executor
/// first runs it: asked while the page is being built, the rows are on
/// their way while it is built (#13). The executor's own first poll
/// registers its waker; whatever finished in between is seen by that poll.
pub fn spawn_now(task: impl Future<Output = ()> + 'static) {
    let mut task = Box::pin(task);
    // Untracked: this runs inside effects and components, which must not
    // subscribe to what the task reads.
    let first = untrack(|| task.as_mut().poll(&mut Context::from_waker(Waker::noop())));
    if first.is_pending() {
        leptos::task::spawn_local(task);
    }
}

/// Runs `f` after the next frame is painted (a frame callback runs before
/// the paint; a task it queues runs after).
pub fn after_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

/// Work for once the dashboard's first rows are painted (the app fetches
/// the code of the pages a cold load of the dashboard does not need).
#[derive(Clone, Copy)]
pub struct AfterFirstRows(pub fn());
