//! The map's shapes in kilometres, worked out once per map: hex centres, the corners of a
//! hex, which two corners bound the edge toward each neighbour, and the view that turns
//! kilometres into pixels.

use bevy_egui::egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::map::{HexId, HexMap};

/// The farthest, in pixels, a hex's drawing reaches beyond it at any zoom: a counter's half
/// width at its smallest, with its rim and the counters stacked beneath it (map_counters.rs).
const REACH_PX: f32 = 10.0;

pub(super) struct Geometry {
    /// Centre of each hex, km (x east, y north).
    pub centres: Vec<Pos2>,
    /// Corner offsets from a centre, km.
    pub corners: [Vec2; 6],
    /// For neighbour direction d: the two corners of the shared edge.
    pub edge: [[usize; 2]; 6],
    /// The land's extent, km.
    pub min: Pos2,
    pub max: Pos2,
    /// Distance from centre to corner, km.
    pub radius: f32,
}

impl Geometry {
    pub fn of(map: &HexMap) -> Self {
        let v = |p: hexx::Vec2| pos2(p.x, p.y);
        let centres: Vec<Pos2> = map
            .coords
            .iter()
            .map(|&h| v(map.layout.hex_to_world_pos(h)))
            .collect();
        let origin = hexx::Hex::ZERO;
        let c0 = map.layout.hex_corners(origin).map(v);
        let corners = c0.map(|c| c - Pos2::ZERO);
        let radius = corners[0].length();
        // The edge toward a neighbour is the pair of corners the two hexes share.
        let mut edge = [[0usize; 2]; 6];
        for (d, n) in origin.all_neighbors().iter().enumerate() {
            let cn = map.layout.hex_corners(*n).map(v);
            let shared: Vec<usize> = (0..6)
                .filter(|&i| cn.iter().any(|c| c.distance(c0[i]) < radius * 0.01))
                .collect();
            if shared.len() == 2 {
                edge[d] = [shared[0], shared[1]];
            }
        }
        let mut min = pos2(f32::MAX, f32::MAX);
        let mut max = pos2(f32::MIN, f32::MIN);
        for (i, c) in centres.iter().enumerate() {
            if map.is_land(i as HexId) {
                min = min.min(*c);
                max = max.max(*c);
            }
        }
        if min.x > max.x {
            (min, max) = (Pos2::ZERO, pos2(1.0, 1.0));
        }
        Self {
            centres,
            corners,
            edge,
            min,
            max,
            radius,
        }
    }

    /// The hexes whose middle lies in `rect` on screen or within two hexes of it (and at
    /// least `REACH_PX` pixels, a counter's reach when the hexes are tiny): what is worth
    /// drawing, all that reaches into `rect`.
    pub fn visible(&self, cam: MapCamera, rect: Rect) -> Vec<HexId> {
        let around = rect.expand((self.radius * cam.scale * 2.0).max(REACH_PX));
        (0..self.centres.len() as HexId)
            .filter(|&h| around.contains(cam.to_screen(rect, self.centres[h as usize])))
            .collect()
    }
}

/// Where the map is looked at from: the km point at the middle of the map area, and pixels
/// per km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct MapCamera {
    pub centre: Pos2,
    pub scale: f32,
}

impl MapCamera {
    /// Shows the whole land in `rect`.
    pub fn fit(geo: &Geometry, rect: Rect) -> Self {
        let size = geo.max - geo.min + vec2(geo.radius * 4.0, geo.radius * 4.0);
        let scale = (rect.width() / size.x).min(rect.height() / size.y);
        Self {
            centre: geo.min + (geo.max - geo.min) / 2.0,
            scale: scale.max(1e-4),
        }
    }

    pub fn to_screen(self, rect: Rect, km: Pos2) -> Pos2 {
        let c = rect.center();
        pos2(
            c.x + (km.x - self.centre.x) * self.scale,
            c.y - (km.y - self.centre.y) * self.scale,
        )
    }

    pub fn to_km(self, rect: Rect, screen: Pos2) -> Pos2 {
        let c = rect.center();
        pos2(
            self.centre.x + (screen.x - c.x) / self.scale,
            self.centre.y - (screen.y - c.y) / self.scale,
        )
    }

    /// Zooms by `factor` keeping the km point under `screen` where it is.
    pub fn zoom_at(&mut self, rect: Rect, screen: Pos2, factor: f32, limits: (f32, f32)) {
        let before = self.to_km(rect, screen);
        self.scale = (self.scale * factor).clamp(limits.0, limits.1);
        let after = self.to_km(rect, screen);
        self.centre += before - after;
    }

    pub fn pan(&mut self, pixels: Vec2) {
        self.centre.x -= pixels.x / self.scale;
        self.centre.y += pixels.y / self.scale;
    }
}

/// How far off a whole pixel a pan may be and still count as whole: the float sums of a
/// long drag stray by thousandths of a pixel, which no pixel's colour shows.
const WHOLE_PIXEL: f32 = 0.02;

/// How far, in physical pixels, the view through `to` lies from the view through `from`
/// (each a camera and the map area it is drawn in): the pixel at p in `to`'s view shows
/// what lay at p + shift in `from`'s (x right, y down). None unless `to` only pans `from` —
/// the same zoom, the same map area — by whole pixels: only then is a picture drawn through
/// `from`, shifted, what `to` would draw.
pub(super) fn pan_shift(
    from: (MapCamera, Rect),
    to: (MapCamera, Rect),
    px_per_point: f32,
) -> Option<[i32; 2]> {
    let ((a, ra), (b, rb)) = (from, to);
    if a.scale != b.scale || ra != rb {
        return None;
    }
    let d = b.centre - a.centre;
    let shift = [d.x * a.scale * px_per_point, -d.y * a.scale * px_per_point];
    let whole = shift.map(f32::round);
    let near = (0..2).all(|k| (shift[k] - whole[k]).abs() <= WHOLE_PIXEL);
    // Beyond what an i32 holds no picture reaches anyway.
    (near && whole.iter().all(|v| v.abs() < 1e9)).then(|| whole.map(|v| v as i32))
}

/// The hex under a km point, if it is on the map.
pub(super) fn hex_at(map: &HexMap, km: Pos2) -> Option<HexId> {
    let hex = map.layout.world_pos_to_hex(hexx::Vec2::new(km.x, km.y));
    map.id_of(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(x: f32, y: f32, scale: f32) -> (MapCamera, Rect) {
        let cam = MapCamera {
            centre: pos2(x, y),
            scale,
        };
        (
            cam,
            Rect::from_min_size(pos2(250.0, 40.0), vec2(800.0, 700.0)),
        )
    }

    #[test]
    fn a_drag_shifts_the_picture_the_other_way() {
        let from = look(1234.5, -876.25, 1.7);
        let mut to = from;
        // Dragged right 8 and down 3 points: what is now at p was 8 left and 3 up.
        to.0.pan(vec2(8.0, 3.0));
        assert_eq!(pan_shift(from, to, 1.0), Some([-8, -3]));
        // Two physical pixels a point.
        assert_eq!(pan_shift(from, to, 2.0), Some([-16, -6]));
        // Many small drags add up to their sum.
        let mut far = from;
        for _ in 0..200 {
            far.0.pan(vec2(-5.0, 2.0));
        }
        assert_eq!(pan_shift(from, far, 1.0), Some([1000, -400]));
        assert_eq!(pan_shift(from, from, 1.0), Some([0, 0]));
    }

    #[test]
    fn only_a_pan_by_whole_pixels_is_a_shift() {
        let from = look(100.0, 200.0, 2.0);
        let mut half = from;
        half.0.pan(vec2(0.5, 0.0));
        assert_eq!(pan_shift(from, half, 1.0), None, "half a pixel");
        let mut zoomed = from;
        zoomed.0.scale *= 1.1;
        assert_eq!(pan_shift(from, zoomed, 1.0), None, "zoomed");
        let mut moved = from;
        moved.1 = moved.1.translate(vec2(10.0, 0.0));
        assert_eq!(pan_shift(from, moved, 1.0), None, "another map area");
    }
}
