//! The colours of the game on screen, in one place so the map, the counters, the legend and
//! the screenshot tests agree.

use bevy_egui::egui::Color32;

use crate::game::view::SupplyLevel;
use crate::scenario::map_file::Terrain;
use crate::scenario::{Faction, Owner, Side};

pub(super) fn terrain(t: Terrain) -> Color32 {
    match t {
        Terrain::Clear => Color32::from_rgb(226, 219, 178),
        Terrain::Forest => Color32::from_rgb(150, 182, 118),
        Terrain::Marsh => Color32::from_rgb(160, 196, 184),
        Terrain::Hills => Color32::from_rgb(206, 184, 140),
        Terrain::Mountains => Color32::from_rgb(170, 140, 110),
        Terrain::Urban => Color32::from_rgb(178, 170, 164),
        Terrain::Sea => SEA,
    }
}

pub(super) const SEA: Color32 = Color32::from_rgb(110, 150, 196);
pub(super) const COAST: Color32 = Color32::from_rgb(60, 90, 130);
pub(super) const RIVER: Color32 = Color32::from_rgb(50, 110, 210);
/// Arrows for the computer's moves.
pub(super) const AXIS_MOVE: Color32 = Color32::from_rgb(20, 40, 140);
pub(super) const SOVIET_MOVE: Color32 = Color32::from_rgb(130, 0, 0);
pub(super) const FRONT: Color32 = Color32::from_rgb(200, 20, 20);
pub(super) const RAIL_AXIS: Color32 = Color32::from_rgb(30, 30, 30);
pub(super) const RAIL_SOVIET: Color32 = Color32::from_rgb(120, 70, 40);
pub(super) const POCKET: Color32 = Color32::from_rgb(255, 0, 200);
pub(super) const CITY: Color32 = Color32::from_rgb(20, 20, 20);
/// The dark of counters' symbols and figures.
pub(super) const INK: Color32 = Color32::from_rgb(20, 20, 20);
/// The rim of the selected counter.
pub(super) const SELECTED: Color32 = Color32::from_rgb(255, 230, 0);
/// Over the hexes the selected units can move to, and their outline.
pub(super) const RANGE_WASH: Color32 = Color32::from_rgb(255, 255, 245);
pub(super) const RANGE_RIM: Color32 = Color32::from_rgb(255, 255, 255);
/// The window's clear colour: egui's dark panel colour, so that panels need not be filled,
/// and the colour of the world beyond the map.
pub(super) const BACKGROUND: Color32 = Color32::from_gray(27);

/// The colour of a side's counters.
pub(super) fn side(s: Side) -> Color32 {
    match s {
        Side::Germany => Color32::from_rgb(120, 150, 200),
        Side::AxisAllies => Color32::from_rgb(150, 190, 160),
        Side::USSR => Color32::from_rgb(215, 90, 80),
    }
}

/// A light wash over the terrain for who holds a hex.
pub(super) fn holder(o: Owner) -> Option<Color32> {
    match o {
        Owner::Germany | Owner::AxisAllies => Some(Color32::from_rgb(90, 120, 190)),
        Owner::USSR => Some(Color32::from_rgb(200, 60, 50)),
        Owner::Neutral => Some(Color32::from_rgb(120, 120, 120)),
    }
}

pub(super) fn camp(c: Faction) -> Color32 {
    match c {
        Faction::Axis => side(Side::Germany),
        Faction::Soviet => side(Side::USSR),
    }
}

pub(super) fn supply(level: SupplyLevel) -> Color32 {
    match level {
        SupplyLevel::Supplied => Color32::from_rgb(60, 170, 70),
        SupplyLevel::Strained => Color32::from_rgb(235, 190, 40),
        SupplyLevel::Isolated => Color32::from_rgb(220, 30, 30),
    }
}

/// `a` over `b` with `a`'s share `t`.
pub(super) fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| (f32::from(x) * t + f32::from(y) * (1.0 - t)).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}
