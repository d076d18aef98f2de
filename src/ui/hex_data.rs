//! What the map's ground shader (map_ground.wgsl) knows of each hex: a texel per hex, by
//! axial column and row, holding the ground's colour; alpha 0 where no hex is.

use bevy_egui::egui;
use hexx::Hex;

use super::map_view::{self, Overlay};
use super::theme;
use crate::game::view::View;
use crate::map::{HexId, HexMap};

const OFF_MAP: u8 = 0;
const ON_MAP: u8 = 255;

/// The axial box that holds the map: a texel per (q, r).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct HexGrid {
    pub q_min: i32,
    pub r_min: i32,
    pub cols: u32,
    pub rows: u32,
}

impl HexGrid {
    pub fn of(map: &HexMap) -> Self {
        let first = map.coords.first().copied().unwrap_or(Hex::ZERO);
        let (mut lo, mut hi) = (first, first);
        for h in &map.coords {
            lo = Hex::new(lo.x.min(h.x), lo.y.min(h.y));
            hi = Hex::new(hi.x.max(h.x), hi.y.max(h.y));
        }
        Self {
            q_min: lo.x,
            r_min: lo.y,
            cols: (hi.x - lo.x + 1) as u32,
            rows: (hi.y - lo.y + 1) as u32,
        }
    }

    /// The byte offset of `hex`'s texel.
    fn at(&self, hex: Hex) -> usize {
        let col = (hex.x - self.q_min) as usize;
        let row = (hex.y - self.r_min) as usize;
        (row * self.cols as usize + col) * 4
    }
}

/// The texture's bytes, sRGB with linear alpha, row by row. The hexes of `range` (where the
/// selected units may move, sorted) are lightened.
pub(super) fn pack(
    map: &HexMap,
    view: &View,
    grid: HexGrid,
    overlay: Overlay,
    range: &[HexId],
) -> Vec<u8> {
    let mut bytes = vec![OFF_MAP; grid.cols as usize * grid.rows as usize * 4];
    for (i, &hex) in map.coords.iter().enumerate() {
        let c = map_view::ground_colour(map, view, i, overlay);
        bytes[grid.at(hex)..][..4].copy_from_slice(&[c.r(), c.g(), c.b(), ON_MAP]);
    }
    for &h in range {
        let t = &mut bytes[grid.at(map.coords[h as usize])..][..3];
        let c = theme::mix(
            theme::RANGE_WASH,
            egui::Color32::from_rgb(t[0], t[1], t[2]),
            RANGE_SHARE,
        );
        t.copy_from_slice(&[c.r(), c.g(), c.b()]);
    }
    bytes
}

/// How much of the range's wash goes over a hex's own colour.
const RANGE_SHARE: f32 = 0.45;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{Game, Player};
    use crate::scenario::load_scenario;
    use std::sync::Arc;

    #[test]
    fn every_hex_has_its_own_texel_with_its_colour() {
        let loaded = Arc::new(load_scenario("scenarios/barbarossa_1941.ron".as_ref()).unwrap());
        let mut game = Game::new(loaded, 1, Player::Watch);
        game.play_computer_week();
        let view = View::gather(game.sim_mut().world_mut());
        let map = &game.loaded().map;
        let grid = HexGrid::of(map);
        let bytes = pack(map, &view, grid, Overlay::Holders, &[]);
        let mut seen = std::collections::HashSet::new();
        for (i, &hex) in map.coords.iter().enumerate() {
            assert!(seen.insert(grid.at(hex)), "two hexes share a texel");
            let t = &bytes[grid.at(hex)..][..4];
            let c = map_view::ground_colour(map, &view, i, Overlay::Holders);
            assert_eq!(t, &[c.r(), c.g(), c.b(), ON_MAP]);
        }
        // A texel of the box that no hex holds is off the map: the shader paints the
        // background there.
        let holes = bytes.chunks(4).filter(|t| t[3] == OFF_MAP).count();
        assert_eq!(
            holes,
            grid.cols as usize * grid.rows as usize - map.coords.len()
        );
    }

    #[test]
    fn the_range_lightens_its_hexes_and_only_those() {
        let loaded = Arc::new(load_scenario("scenarios/barbarossa_1941.ron".as_ref()).unwrap());
        let mut game = Game::new(loaded, 1, Player::Germany);
        let view = View::gather(game.sim_mut().world_mut());
        let axis: Vec<String> = view
            .units
            .iter()
            .filter(|u| u.camp() == crate::scenario::Faction::Axis)
            .map(|u| u.id.clone())
            .collect();
        let range = axis
            .iter()
            .map(|id| game.move_range(id).unwrap())
            .find(|r| !r.is_empty())
            .expect("some German unit can move on 22 June");
        let map = &game.loaded().map;
        let grid = HexGrid::of(map);
        let plain = pack(map, &view, grid, Overlay::Holders, &[]);
        let lit = pack(map, &view, grid, Overlay::Holders, &range);
        for (i, &hex) in map.coords.iter().enumerate() {
            let (a, b) = (&plain[grid.at(hex)..][..4], &lit[grid.at(hex)..][..4]);
            if range.contains(&(i as HexId)) {
                let sum = |t: &[u8]| t[..3].iter().map(|&x| u32::from(x)).sum::<u32>();
                assert!(sum(b) > sum(a), "a hex in range is lighter");
                assert_eq!(b[3], ON_MAP);
            } else {
                assert_eq!(a, b, "a hex out of range keeps its colour");
            }
        }
    }
}
