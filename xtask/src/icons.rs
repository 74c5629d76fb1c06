//! `cargo xtask icons`: the icons' outlines for `style/main.css`.
//!
//! Each icon is drawn on a 20-unit grid: a circle (r 8.5, 1.5 units wide)
//! and a mark of strokes 1.8 units wide with round ends and joins. The
//! style sheet cannot stroke a path, so the strokes are expanded here into
//! outlines (kurbo's stroker), scaled to 18 px and written as
//! `clip-path: path(…)` rules over the text's colour. No image: an SVG
//! mask cost each cold load a document per icon and a layer per element to
//! paint (#13). A unit test keeps the style sheet and these drawings equal.

use std::fmt::Write as _;

use kurbo::{Affine, BezPath, Circle, PathEl, Point, Shape, Stroke, StrokeOpts};

/// The marks, as SVG path data on the 20-unit grid.
const MARKS: [(&str, &str); 6] = [
    ("check", "M6 10.5l2.5 2.5L14 7.5"),
    ("cross", "M6.5 6.5l7 7M13.5 6.5l-7 7"),
    ("minus", "M6 10h8"),
    ("pause", "M8 6.5v7M12 6.5v7"),
    (
        "sync",
        "M5.5 9a4.5 4.5 0 0 1 8-2.5M14.5 11a4.5 4.5 0 0 1-8 2.5M13.5 4v2.5H11M6.5 16v-2.5H9",
    ),
    ("alert", "M10 6v5M10 13.5v.5"),
];

/// Pixels per unit: 20 units drawn at 18 px.
const SCALE: f64 = 0.9;
const TOLERANCE: f64 = 0.01;

/// The rules, one per icon, as they stand in the style sheet.
pub fn css() -> String {
    let center = Point::new(10.0, 10.0);
    let ring = turning(Circle::new(center, 9.25).to_path(TOLERANCE), true);
    let hole = turning(Circle::new(center, 7.75).to_path(TOLERANCE), false);
    let mut out = String::new();
    for (name, mark) in MARKS {
        let mut path = ring.clone();
        path.extend(hole.iter());
        let stroked = kurbo::stroke(
            BezPath::from_svg(mark).expect("a mark's path data parses"),
            &Stroke::new(1.8),
            &StrokeOpts::default(),
            TOLERANCE,
        );
        // Every outline turns the way the ring's outside does, so where a
        // mark meets the ring the two add up (nonzero) instead of cancelling.
        for sub in subpaths(&stroked) {
            path.extend(turning(sub, true).iter());
        }
        path.apply_affine(Affine::scale(SCALE));
        writeln!(
            out,
            ".icon-{name} {{ clip-path: path(\"{}\"); }}",
            data(&path)
        )
        .unwrap();
    }
    out
}

/// `path` turned the positive way round (by its signed area), or the other.
fn turning(path: BezPath, positive: bool) -> BezPath {
    if (path.area() > 0.0) == positive {
        path
    } else {
        path.reverse_subpaths()
    }
}

/// The closed outlines a stroke is made of, one path each.
fn subpaths(path: &BezPath) -> Vec<BezPath> {
    let mut subs: Vec<BezPath> = Vec::new();
    for el in path.iter() {
        if matches!(el, PathEl::MoveTo(_)) {
            subs.push(BezPath::new());
        }
        subs.last_mut().expect("a path starts with a move").push(el);
    }
    subs
}

/// SVG path data, in px to the hundredth (absolute commands).
fn data(path: &BezPath) -> String {
    fn n(v: f64) -> String {
        let s = format!("{:.2}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".into()
        } else {
            s.to_owned()
        }
    }
    let p = |pt: Point| format!("{} {}", n(pt.x), n(pt.y));
    let mut d = Vec::new();
    for el in path.iter() {
        d.push(match el {
            PathEl::MoveTo(a) => format!("M{}", p(a)),
            PathEl::LineTo(a) => format!("L{}", p(a)),
            PathEl::QuadTo(a, b) => format!("Q{} {}", p(a), p(b)),
            PathEl::CurveTo(a, b, c) => format!("C{} {} {}", p(a), p(b), p(c)),
            PathEl::ClosePath => "Z".to_owned(),
        });
    }
    d.join("")
}

/// `cargo xtask icons`: prints the rules to paste into the style sheet.
pub fn icons() -> Result<(), String> {
    print!("{}", css());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_sheet_draws_the_icons_as_defined_here() {
        let sheet = std::fs::read_to_string(crate::root().join("style/main.css")).unwrap();
        for rule in css().lines() {
            assert!(
                sheet.contains(rule),
                "style/main.css lacks (cargo xtask icons):\n{rule}"
            );
        }
    }

    #[test]
    fn each_icon_is_its_ring_and_a_mark_inside_it() {
        let css = css();
        assert_eq!(css.lines().count(), MARKS.len());
        for line in css.lines() {
            // The ring's outside reaches 0.675 px from the 18 px box's edge.
            assert!(line.contains("(\"M17.3"), "{line}");
            assert!(
                line.matches('M').count() >= 3,
                "ring, hole and a mark: {line}"
            );
        }
    }
}
