//! The figures on unit counters: the strength in thousands of men beneath the symbol, and
//! how many units share the hex. The counters themselves (a block in the side's colour, a
//! framed NATO symbol for the arm of service) are painted by the map's shader
//! (map_ground.wgsl); egui writes the text over them.

use bevy_egui::egui::{Align2, FontId, Painter, Pos2, pos2, vec2};

use super::theme;
use crate::game::view::UnitView;

/// Writes `u`'s figures on its counter, which has its middle at `at` and is `w` pixels
/// wide; `stack` units share the hex.
pub(super) fn figures(painter: &Painter, at: Pos2, w: f32, u: &UnitView, stack: usize) {
    if w < 14.0 {
        return;
    }
    let h = w * 0.8;
    let body_bottom = at.y + h / 2.0;
    let thousands = (f64::from(u.strength.men) / 1000.0).round();
    painter.text(
        pos2(at.x, body_bottom - h * 0.04),
        Align2::CENTER_BOTTOM,
        format!("{thousands:.0}"),
        FontId::proportional((h * 0.32).max(8.0)),
        theme::INK,
    );
    if stack > 1 && w >= 20.0 {
        painter.text(
            pos2(at.x - w / 2.0, at.y - h / 2.0) + vec2(2.0, 1.0),
            Align2::LEFT_TOP,
            format!("{stack}"),
            FontId::proportional((h * 0.24).max(7.0)),
            theme::INK,
        );
    }
}
