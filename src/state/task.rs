//! When work runs: after the next paint.

/// Runs `f` after the next frame is painted (a frame callback runs before
/// the paint; a task it queues runs after).
pub fn after_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}
