//! The map in the middle of the game screen: terrain, coasts, rivers, railways, cities, who
//! holds what and the front between them, pockets, the computer's moves, and the counters —
//! with pan (drag), zoom (wheel) and clicks turned into hexes for the game screen to act on.

use bevy_egui::egui::{
    self, Align2, Color32, FontId, Modifiers, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui,
    epaint::Mesh, pos2, vec2,
};

use super::counters::{self, Marks};
use super::map_geometry::{Geometry, MapCamera, hex_at};
use super::theme;
use crate::game::SeenMove;
use crate::game::view::View;
use crate::map::{HexId, HexMap, NO_HEX};
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
    pub seen: &'a [SeenMove],
    /// The camp whose ready units get a dot.
    pub acting: Option<Faction>,
    /// Hexes to ring: where the selected units can attack.
    pub targets: &'a [HexId],
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

    // No fill behind the map: the window's clear colour is the map's background, and a
    // software renderer pays for every pixel painted twice.
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
    };
    // The ground under these layers is a Bevy mesh (map_ground.rs).
    lines(&c, &visible);
    pocket_outlines(&c);
    cities(&c);
    moves(&c, marks.seen);
    for &t in marks.targets {
        ring(&c, t, Stroke::new(2.5, Color32::from_rgb(255, 120, 0)));
    }
    units(&c, &visible, marks);
    pocket_labels(&c);
    if let Some(h) = input.hovered {
        ring(&c, h, Stroke::new(1.5, Color32::WHITE));
    }
    legend(&painter, rect, state.overlay);
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
}

impl Canvas<'_> {
    /// A km point on the screen.
    fn px(&self, km: Pos2) -> Pos2 {
        self.cam.to_screen(self.rect, km)
    }

    fn centre(&self, hex: HexId) -> Pos2 {
        self.px(self.geo.centres[hex as usize])
    }

    /// The edge of `hex` toward direction `d`, on the screen.
    fn edge(&self, hex: HexId, d: usize) -> (Pos2, Pos2) {
        let (a, b) = self.geo.edge_of(hex, d);
        (self.px(a), self.px(b))
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

/// A straight band from `a` to `b`, `w` pixels wide, added to `mesh`.
fn band(mesh: &mut Mesh, a: Pos2, b: Pos2, w: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 0.01 {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (w / 2.0);
    let base = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(base, base + 1, base + 2);
    mesh.add_triangle(base, base + 2, base + 3);
}

/// Coasts, rivers, railways and the front: each edge or track drawn once, in one mesh.
fn lines(c: &Canvas, visible: &[HexId]) {
    let (map, view) = (c.map, c.view);
    let zoom = (c.hex_px / 12.0).clamp(0.6, 2.5);
    let mut coast = Mesh::default();
    let mut rivers = Mesh::default();
    let mut rails = Mesh::default();
    let mut front = Mesh::default();
    let camp = |h: usize| view.owner.get(h).and_then(|o| o.faction());
    for &h in visible {
        let i = h as usize;
        let land = !map.terrain[i].is_water();
        for (d, &n) in map.neighbours[i].iter().enumerate() {
            let edge = || c.edge(h, d);
            let other_land = n != NO_HEX && !map.terrain[n as usize].is_water();
            if land && !other_land {
                let (a, b) = edge();
                band(&mut coast, a, b, 1.6 * zoom, theme::COAST);
            }
            if n == NO_HEX || n < h {
                continue;
            }
            if map.river_edges[i] & (1 << d) != 0 {
                let (a, b) = edge();
                band(&mut rivers, a, b, 1.5 * zoom, theme::RIVER);
            }
            if map.rail_edges[i] & (1 << d) != 0 {
                let axis = |x: usize| view.gauge.get(x).copied().flatten() == Some(Faction::Axis);
                let colour = if axis(i) && axis(n as usize) {
                    theme::RAIL_AXIS
                } else {
                    theme::RAIL_SOVIET
                };
                band(&mut rails, c.centre(h), c.centre(n), 1.3 * zoom, colour);
            }
            if land && other_land {
                let (x, y) = (camp(i), camp(n as usize));
                if x.is_some() && y.is_some() && x != y {
                    let (a, b) = edge();
                    band(&mut front, a, b, 3.2 * zoom, theme::FRONT);
                }
            }
        }
    }
    for m in [coast, rivers, rails, front] {
        c.painter.add(Shape::mesh(m));
    }
}

fn pocket_outlines(c: &Canvas) {
    let map = c.map;
    let mut inside = vec![false; map.len()];
    let mut mesh = Mesh::default();
    for p in &c.view.pockets {
        for &h in &p.hexes {
            inside[h as usize] = true;
        }
        for &h in &p.hexes {
            for (d, &n) in map.neighbours[h as usize].iter().enumerate() {
                if n == NO_HEX || !inside[n as usize] {
                    let (a, b) = c.edge(h, d);
                    band(&mut mesh, a, b, 3.5, theme::POCKET);
                }
            }
        }
        for &h in &p.hexes {
            inside[h as usize] = false;
        }
    }
    c.painter.add(Shape::mesh(mesh));
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
        // Above the pocket's middle, kept on screen when the pocket runs off it.
        let inner = c.rect.shrink2(vec2(140.0, 30.0));
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

fn cities(c: &Canvas) {
    let (painter, hex_px) = (c.painter, c.hex_px);
    // The more the map is zoomed in, the smaller the cities named.
    let min_population = if hex_px > 30.0 {
        0
    } else if hex_px > 16.0 {
        150_000
    } else {
        600_000
    };
    for city in &c.map.cities {
        let p = c.centre(city.hex);
        if !c.rect.contains(p) {
            continue;
        }
        let big = city.victory_points > 0 || city.population >= 500_000;
        // Squares in a white rim: two rectangles, where a circle is dozens of triangles for
        // the software renderer.
        let r = if big { 3.5 } else { 2.5 };
        painter.rect_filled(
            Rect::from_center_size(p, vec2(r * 2.0 + 2.0, r * 2.0 + 2.0)),
            0.0,
            Color32::WHITE,
        );
        painter.rect_filled(
            Rect::from_center_size(p, vec2(r * 2.0, r * 2.0)),
            0.0,
            theme::CITY,
        );
        if city.population >= min_population || (city.victory_points > 0 && hex_px > 9.0) {
            let size = if big { 12.5 } else { 11.0 };
            painter.text(
                p + vec2(0.0, -hex_px * 0.55 - 4.0),
                Align2::CENTER_BOTTOM,
                &city.name,
                FontId::proportional(size),
                Color32::from_rgb(15, 15, 15),
            );
        }
    }
}

/// Arrows for the computer's moves in its last phase.
fn moves(c: &Canvas, seen: &[SeenMove]) {
    if c.hex_px < 6.0 {
        return;
    }
    for m in seen {
        if m.from as usize >= c.map.len() || m.to as usize >= c.map.len() {
            continue;
        }
        // A unit destroyed since it moved has no arrow.
        let colour = match c.view.unit(&m.unit).map(|u| u.camp()) {
            Some(Faction::Axis) => theme::AXIS_MOVE,
            Some(Faction::Soviet) => theme::SOVIET_MOVE,
            None => continue,
        };
        let (a, b) = (c.centre(m.from), c.centre(m.to));
        c.painter.arrow(a, b - a, Stroke::new(2.5, colour));
    }
}

fn units(c: &Canvas, visible: &[HexId], marks: &Highlights) {
    let view = c.view;
    let w = (c.hex_px * 1.35).clamp(7.0, 48.0);
    for &h in visible {
        let stack = &view.stacks[h as usize];
        if stack.is_empty() {
            continue;
        }
        // The selected unit shows on top of its stack.
        let top = stack
            .iter()
            .copied()
            .find(|&i| marks.selected.contains(&view.units[i].id))
            .unwrap_or(stack[0]);
        let u = &view.units[top];
        let ready = marks.acting == Some(u.camp())
            && stack.iter().any(|&i| {
                let x = &view.units[i];
                x.moves_left.is_some_and(|m| m > 0) && !x.attacked
            });
        counters::draw(
            c.painter,
            c.centre(h),
            w,
            u,
            Marks {
                selected: marks.selected.contains(&u.id),
                stack: stack.len(),
                ready,
            },
        );
    }
}

fn legend(painter: &Painter, rect: Rect, overlay: Overlay) {
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
