//! The map in the middle of the game screen, with pan (drag), zoom (wheel) and clicks turned
//! into hexes for the game screen to act on. Beneath it Bevy paints the ground
//! (map_ground.rs), the lines, cities and the computer's moves (map_lines.rs) and the
//! counters (map_counters.rs); here egui adds what is text or follows the pointer: city
//! names, counters' figures, pocket labels, rings and the legend.

use bevy_egui::egui::{
    self, Align2, Color32, FontId, Modifiers, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2,
    vec2,
};

use super::counters;
use super::map_geometry::{Geometry, MapCamera, hex_at};
use super::theme;
use crate::game::view::View;
use crate::map::{HexId, HexMap};
use crate::scenario::Faction;

/// What the map shows on top of the ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Overlay {
    Holders,
    /// The camp's supply: supplied, strained, isolated.
    Supply(Faction),
}

/// The map's own state on the game screen.
pub(super) struct MapState {
    pub geometry: Geometry,
    pub camera: Option<MapCamera>,
    pub overlay: Overlay,
    /// Open on the whole map rather than on the front.
    pub whole: bool,
    /// Where the map was drawn last frame, for the ground beneath it to follow.
    pub last_rect: Option<Rect>,
}

/// What the person did on the map this frame.
#[derive(Debug, Default)]
pub(super) struct MapInput {
    pub hovered: Option<HexId>,
    pub clicked: Option<(HexId, Modifiers)>,
    pub right_clicked: Option<(HexId, Modifiers)>,
}

/// What the game screen wants marked.
pub(super) struct Highlights<'a> {
    pub selected: &'a [String],
    /// Hexes to ring: where the selected units can attack.
    pub targets: &'a [HexId],
    /// Whether the map shows where the selected units can move.
    pub range: bool,
}

pub(super) fn show(
    ui: &mut Ui,
    map: &HexMap,
    view: &View,
    state: &mut MapState,
    marks: &Highlights,
) -> MapInput {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    state.last_rect = Some(rect);
    let geo = &state.geometry;
    let cam = state.camera.get_or_insert_with(|| {
        if state.whole {
            MapCamera::fit(geo, rect)
        } else {
            start_camera(geo, view, rect)
        }
    });
    let mut input = MapInput::default();

    // Zoom limits: from the whole map to a few hexes across.
    let whole = MapCamera::fit(geo, rect).scale;
    let limits = (whole * 0.8, whole * 30.0);
    if response.dragged() {
        cam.pan(response.drag_delta());
    }
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll / 300.0).exp();
        if (factor - 1.0).abs() > 1e-4
            && let Some(p) = response.hover_pos()
        {
            cam.zoom_at(rect, p, factor, limits);
        }
    }
    let cam = *cam;
    let pick = |p: Option<Pos2>| p.and_then(|p| hex_at(map, cam.to_km(rect, p)));
    input.hovered = pick(response.hover_pos());
    let mods = ui.input(|i| i.modifiers);
    if response.clicked() {
        input.clicked = pick(response.interact_pointer_pos()).map(|h| (h, mods));
    }
    if response.secondary_clicked() {
        input.right_clicked = pick(response.interact_pointer_pos()).map(|h| (h, mods));
    }

    // No fill behind the map: the shader's rectangle beneath is the map.
    let hex_px = geo.radius * cam.scale;
    let visible = geo.visible(cam, rect);
    let c = Canvas {
        painter: &painter,
        map,
        view,
        geo,
        cam,
        rect,
        hex_px,
        selected: marks.selected,
    };
    city_names(&c, &visible);
    for &t in marks.targets {
        ring(&c, t, Stroke::new(2.5, Color32::from_rgb(255, 120, 0)));
    }
    figures(&c, &visible);
    pocket_labels(&c);
    if let Some(h) = input.hovered {
        ring(&c, h, Stroke::new(1.5, Color32::WHITE));
    }
    legend(&painter, rect, state.overlay, marks.range);
    input
}

/// What every layer draws with: where, on what map and view, through which camera.
struct Canvas<'a> {
    painter: &'a Painter,
    map: &'a HexMap,
    view: &'a View,
    geo: &'a Geometry,
    cam: MapCamera,
    rect: Rect,
    /// Distance from a hex's centre to a corner, in pixels.
    hex_px: f32,
    selected: &'a [String],
}

impl Canvas<'_> {
    /// A km point on the screen.
    fn px(&self, km: Pos2) -> Pos2 {
        self.cam.to_screen(self.rect, km)
    }

    fn centre(&self, hex: HexId) -> Pos2 {
        self.px(self.geo.centres[hex as usize])
    }
}

/// The first view: between the two armies, where the front is, or the whole map.
fn start_camera(geo: &Geometry, view: &View, rect: Rect) -> MapCamera {
    let mut cam = MapCamera::fit(geo, rect);
    let mean = |camp: Faction| {
        let at: Vec<Pos2> = view
            .units
            .iter()
            .filter(|u| u.camp() == camp)
            .map(|u| geo.centres[u.hex as usize])
            .collect();
        let n = at.len() as f32;
        (n > 0.0).then(|| at.iter().fold(Pos2::ZERO, |acc, p| acc + p.to_vec2() / n))
    };
    if let (Some(a), Some(b)) = (mean(Faction::Axis), mean(Faction::Soviet)) {
        cam.centre = a + (b - a) / 2.0;
        cam.scale *= 2.0;
    }
    cam
}

fn ring(c: &Canvas, hex: HexId, s: Stroke) {
    let centre = c.geo.centres[hex as usize];
    let pts: Vec<Pos2> = c.geo.corners.iter().map(|&k| c.px(centre + k)).collect();
    c.painter.add(Shape::closed_line(pts, s));
}

/// A hex's fill: terrain, washed with its holder's colour or its supply level.
pub(super) fn ground_colour(map: &HexMap, view: &View, h: usize, overlay: Overlay) -> Color32 {
    let t = map.terrain[h];
    let fill = theme::terrain(t);
    if t.is_water() {
        return fill;
    }
    let holder = || view.owner.get(h).and_then(|&o| theme::holder(o));
    let wash = match overlay {
        Overlay::Holders => holder().map(|c| (c, 0.22)),
        Overlay::Supply(camp) => match view.supply_of(camp).get(h).copied().flatten() {
            Some(level) => Some((theme::supply(level), 0.5)),
            None => holder().map(|c| (c, 0.12)),
        },
    };
    wash.map_or(fill, |(c, share)| theme::mix(c, fill, share))
}

/// Each pocket's name and size, above its ground.
fn pocket_labels(c: &Canvas) {
    let geo = c.geo;
    for p in &c.view.pockets {
        if p.hexes.is_empty() {
            continue;
        }
        let n = p.hexes.len() as f32;
        let mid = p.hexes.iter().fold(Pos2::ZERO, |acc, &h| {
            acc + geo.centres[h as usize].to_vec2() / n
        });
        // Above the pocket's middle, kept on screen when the pocket runs off it, and below
        // the hover line's plate at the top of the map (two or three lines of text).
        let mut inner = c.rect.shrink2(vec2(140.0, 30.0));
        inner.min.y = (c.rect.top() + 66.0).min(inner.max.y);
        let at = (c.px(mid) - vec2(0.0, c.hex_px * 1.8)).clamp(inner.min, inner.max);
        let text = format!(
            "{} pocket: {} men, week {}",
            p.name,
            crate::words::thousands(p.men as f64),
            p.turns.max(1)
        );
        label(c.painter, at, &text, 13.0, theme::POCKET);
    }
}

/// White text on a plate of `plate`'s colour, readable over any ground and counters.
pub(super) fn label(painter: &Painter, at: Pos2, text: &str, size: f32, plate: Color32) {
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE);
    let r = Align2::CENTER_CENTER
        .anchor_size(at, galley.size())
        .expand(3.0);
    painter.rect_filled(r, 3.0, theme::mix(plate, Color32::BLACK, 0.55));
    painter.rect_stroke(r, 3.0, Stroke::new(1.0, plate), egui::StrokeKind::Inside);
    painter.galley(r.min + vec2(3.0, 3.0), galley, Color32::WHITE);
}

/// Cities' names, more of them the closer the map is zoomed in; their squares are Bevy's
/// (map_lines.rs). A name that would lie over a counter or a larger city's name is left
/// out: egui writes above everything Bevy paints, and the counter matters more (the hover
/// line names the place).
fn city_names(c: &Canvas, visible: &[HexId]) {
    let (painter, hex_px) = (c.painter, c.hex_px);
    // The more the map is zoomed in, the smaller the cities named: names that would run
    // into each other only clutter the map.
    let min_population = if hex_px > 30.0 {
        0
    } else if hex_px > 22.0 {
        150_000
    } else if hex_px > 14.0 {
        300_000
    } else {
        600_000
    };
    let w = counter_width(hex_px);
    let mut taken: Vec<Rect> = visible
        .iter()
        .filter(|&&h| !c.view.stacks[h as usize].is_empty())
        .map(|&h| Rect::from_center_size(c.centre(h), vec2(w + 4.0, w * 0.8 + 4.0)))
        .collect();
    let mut cities: Vec<_> = c.map.cities.iter().collect();
    cities.sort_by_key(|k| std::cmp::Reverse((k.victory_points, k.population)));
    for city in cities {
        let p = c.centre(city.hex);
        if !c.rect.contains(p) {
            continue;
        }
        let big = city.victory_points > 0 || city.population >= 500_000;
        if city.population < min_population && !(city.victory_points > 0 && hex_px > 9.0) {
            continue;
        }
        let size = if big { 12.5 } else { 11.0 };
        let galley = painter.layout_no_wrap(
            city.name.clone(),
            FontId::proportional(size),
            Color32::from_rgb(15, 15, 15),
        );
        let at =
            Align2::CENTER_BOTTOM.anchor_size(p + vec2(0.0, -hex_px * 0.55 - 4.0), galley.size());
        if taken.iter().any(|r| r.intersects(at)) {
            continue;
        }
        taken.push(at);
        painter.galley(at.min, galley, Color32::from_rgb(15, 15, 15));
    }
}

/// Strengths and stack sizes on the counters the shader painted.
fn figures(c: &Canvas, visible: &[HexId]) {
    let view = c.view;
    let w = counter_width(c.hex_px);
    for &h in visible {
        let stack = &view.stacks[h as usize];
        // The shader shows the selected unit on top; its figures are the ones written.
        let Some(top) = stack
            .iter()
            .copied()
            .find(|&i| c.selected.contains(&view.units[i].id))
            .or(stack.first().copied())
        else {
            continue;
        };
        counters::figures(c.painter, c.centre(h), w, &view.units[top], stack.len());
    }
}

/// A counter's width in pixels for hexes `hex_px` from centre to corner.
pub(super) fn counter_width(hex_px: f32) -> f32 {
    (hex_px * 1.35).clamp(7.0, 48.0)
}

fn legend(painter: &Painter, rect: Rect, overlay: Overlay, range: bool) {
    let mut items: Vec<(Color32, &str)> = vec![
        (theme::FRONT, "front line"),
        (theme::POCKET, "pocket"),
        (theme::RIVER, "major river"),
        (theme::RAIL_SOVIET, "railway, Soviet gauge"),
        (theme::RAIL_AXIS, "railway, German gauge"),
    ];
    match overlay {
        Overlay::Holders => {
            items.push((
                theme::mix(theme::camp(Faction::Axis), Color32::WHITE, 0.6),
                "held by the Axis",
            ));
            items.push((
                theme::mix(theme::camp(Faction::Soviet), Color32::WHITE, 0.6),
                "held by the USSR",
            ));
        }
        Overlay::Supply(_) => {
            use crate::game::view::SupplyLevel::*;
            for l in [Supplied, Strained, Isolated] {
                items.push((theme::supply(l), l.word()));
            }
        }
    }
    if range {
        items.push((theme::RANGE_RIM, "the selected units can move here"));
    }
    let line = 16.0;
    let box_rect = Rect::from_min_size(
        pos2(
            rect.left() + 8.0,
            rect.bottom() - 8.0 - line * items.len() as f32 - 8.0,
        ),
        vec2(190.0, line * items.len() as f32 + 8.0),
    );
    painter.rect_filled(box_rect, 4.0, Color32::from_black_alpha(160));
    for (k, (c, text)) in items.iter().enumerate() {
        let y = box_rect.top() + 4.0 + line * k as f32 + line / 2.0;
        painter.rect_filled(
            Rect::from_center_size(pos2(box_rect.left() + 14.0, y), vec2(16.0, 6.0)),
            1.0,
            *c,
        );
        painter.text(
            pos2(box_rect.left() + 28.0, y),
            Align2::LEFT_CENTER,
            *text,
            FontId::proportional(12.0),
            Color32::WHITE,
        );
    }
}
