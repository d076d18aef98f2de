//! Unit counters in the NATO style: a block in the side's colour, a framed symbol for the
//! arm of service, and the strength in thousands of men beneath it.

use bevy_egui::egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2,
};

use super::theme;
use crate::game::view::{SupplyLevel, UnitView};
use crate::scenario::scenario_file::UnitKind;

/// How a counter stands out.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Marks {
    pub selected: bool,
    /// How many units share the hex.
    pub stack: usize,
    /// Can still move or fight this phase (the player's own units only).
    pub ready: bool,
}

/// Draws `u`'s counter with its middle at `at`, `w` pixels wide.
pub(super) fn draw(painter: &Painter, at: Pos2, w: f32, u: &UnitView, marks: Marks) {
    let h = w * 0.8;
    let body = Rect::from_center_size(at, vec2(w, h));
    let ink = Color32::from_rgb(20, 20, 20);
    // Units behind the top one show as the edges of counters under it.
    for k in (1..marks.stack.min(3)).rev() {
        let off = vec2(2.0, -2.0) * k as f32;
        painter.rect_filled(
            body.translate(off),
            2.0,
            theme::mix(theme::side(u.side), ink, 0.7),
        );
        painter.rect_stroke(
            body.translate(off),
            2.0,
            Stroke::new(1.0, ink),
            StrokeKind::Inside,
        );
    }
    painter.rect_filled(body, 2.0, theme::side(u.side));
    if marks.selected {
        painter.rect_stroke(
            body,
            0.0,
            Stroke::new(3.0, Color32::from_rgb(255, 230, 0)),
            StrokeKind::Outside,
        );
    } else if u.supply_level() == SupplyLevel::Isolated {
        painter.rect_stroke(
            body,
            0.0,
            Stroke::new(2.5, theme::supply(SupplyLevel::Isolated)),
            StrokeKind::Outside,
        );
    }
    if w < 14.0 {
        return;
    }
    // The symbol's frame: the upper part of the counter.
    let frame = Rect::from_center_size(pos2(at.x, body.top() + h * 0.36), vec2(w * 0.62, h * 0.42));
    let line = Stroke::new((w / 22.0).max(1.0), ink);
    painter.rect_stroke(frame, 0.0, line, StrokeKind::Middle);
    let (a, b, c, d) = (
        frame.left_top(),
        frame.right_top(),
        frame.left_bottom(),
        frame.right_bottom(),
    );
    let cross = |p: &Painter| {
        p.line_segment([a, d], line);
        p.line_segment([b, c], line);
    };
    match u.kind {
        UnitKind::Infantry => cross(painter),
        UnitKind::Mountain => {
            cross(painter);
            let m = frame.center_bottom();
            let s = frame.height() * 0.35;
            painter.add(Shape::convex_polygon(
                vec![pos2(m.x - s, m.y), pos2(m.x + s, m.y), pos2(m.x, m.y - s)],
                ink,
                Stroke::NONE,
            ));
        }
        UnitKind::Cavalry => {
            painter.line_segment([c, b], line);
        }
        UnitKind::Motorised => {
            cross(painter);
            painter.line_segment([frame.center_top(), frame.center_bottom()], line);
        }
        UnitKind::Armoured => {
            let track = frame.shrink2(vec2(frame.width() * 0.15, frame.height() * 0.22));
            painter.rect_stroke(track, track.height() / 2.0, line, StrokeKind::Middle);
        }
    }
    let thousands = (f64::from(u.strength.men) / 1000.0).round();
    painter.text(
        pos2(at.x, body.bottom() - h * 0.04),
        Align2::CENTER_BOTTOM,
        format!("{thousands:.0}"),
        FontId::proportional((h * 0.32).max(8.0)),
        ink,
    );
    if marks.ready && w >= 20.0 {
        // A dot: this unit can still act this phase.
        painter.circle_filled(body.right_top() + vec2(-w * 0.1, h * 0.12), w * 0.06, ink);
    }
    if marks.stack > 1 && w >= 20.0 {
        painter.text(
            body.left_top() + vec2(2.0, 1.0),
            Align2::LEFT_TOP,
            format!("{}", marks.stack),
            FontId::proportional((h * 0.24).max(7.0)),
            ink,
        );
    }
}
