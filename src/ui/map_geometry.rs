//! The map's shapes in kilometres, worked out once per map: hex centres, the corners of a
//! hex, which two corners bound the edge toward each neighbour, and the view that turns
//! kilometres into pixels.

use bevy_egui::egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::map::{HexId, HexMap};

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

    /// The hexes whose middle lies in `rect` on screen or within two hexes of it: what is
    /// worth drawing.
    pub fn visible(&self, cam: MapCamera, rect: Rect) -> Vec<HexId> {
        let around = rect.expand(self.radius * cam.scale * 2.0);
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

/// The hex under a km point, if it is on the map.
pub(super) fn hex_at(map: &HexMap, km: Pos2) -> Option<HexId> {
    let hex = map.layout.world_pos_to_hex(hexx::Vec2::new(km.x, km.y));
    map.id_of(hex)
}
