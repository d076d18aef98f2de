//! The hex map as dense arrays indexed by hex id, with neighbours precomputed, so that supply
//! and encirclement can be linear-time traversals (ARCHITECTURE.md: the map is a resource).

use std::collections::HashMap;

use hexx::{Hex, HexLayout};
use serde::Serialize;

use super::lattice::Lattice;
use super::projection::Projection;
use crate::scenario::common::Owner;
use crate::scenario::map_file::{Bounds, Terrain};

/// Index of a hex in the dense arrays.
pub type HexId = u32;

/// Marks a missing neighbour (the map's edge).
pub const NO_HEX: HexId = HexId::MAX;

/// A city as placed on the grid.
#[derive(Debug, Clone, Serialize)]
pub struct MapCity {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub hex: HexId,
    pub population: u32,
    pub industry: u32,
    pub victory_points: u32,
    pub port: bool,
}

/// An off-map box and the hexes (or boxes) it connects to.
#[derive(Debug, Clone, Serialize)]
pub struct MapBox {
    pub id: String,
    pub name: String,
    pub side: crate::scenario::common::Side,
    pub description: String,
    pub links: Vec<MapLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MapLink {
    pub to: LinkTarget,
    pub trains_per_day: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LinkTarget {
    Hex(HexId),
    Box(usize),
}

#[derive(Debug, Clone)]
pub struct HexMap {
    pub name: String,
    pub hex_km: f64,
    pub bounds: Bounds,
    pub projection: Projection,
    pub layout: HexLayout,
    /// Axial coordinates of each hex, in id order (row by row, south to north).
    pub coords: Vec<Hex>,
    pub terrain: Vec<Terrain>,
    /// Who held each hex at the start according to the map's territories.
    pub owner: Vec<Owner>,
    /// Neighbour ids in hexx's direction order; [`NO_HEX`] at the edge.
    pub neighbours: Vec<[HexId; 6]>,
    /// Bit d set: a major river runs along the edge towards neighbour d.
    pub river_edges: Vec<u8>,
    /// Bit d set: a railway runs from this hex to neighbour d.
    pub rail_edges: Vec<u8>,
    /// The cities in the map file's order.
    pub cities: Vec<MapCity>,
    /// Index into `cities` of the largest city in each hex.
    pub city_in_hex: Vec<Option<u16>>,
    pub boxes: Vec<MapBox>,
    /// Names of the rivers, for display.
    pub river_names: Vec<String>,
    /// Railway lines as sequences of hexes, for drawing.
    pub rail_lines: Vec<(String, Vec<HexId>)>,
    index: HashMap<Hex, HexId>,
    /// The hexes as rows of bits, for whole-map floods; None for maps too wide for them.
    lattice: Option<Lattice>,
}

impl HexMap {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn from_parts(
        name: String,
        hex_km: f64,
        bounds: Bounds,
        projection: Projection,
        layout: HexLayout,
        coords: Vec<Hex>,
        terrain: Vec<Terrain>,
        owner: Vec<Owner>,
    ) -> Self {
        let index: HashMap<Hex, HexId> = coords
            .iter()
            .enumerate()
            .map(|(i, h)| (*h, i as HexId))
            .collect();
        let neighbours = coords
            .iter()
            .map(|h| {
                h.all_neighbors()
                    .map(|n| index.get(&n).copied().unwrap_or(NO_HEX))
            })
            .collect();
        let n = coords.len();
        let lattice = Lattice::new(&coords);
        Self {
            name,
            hex_km,
            bounds,
            projection,
            layout,
            coords,
            terrain,
            owner,
            neighbours,
            river_edges: vec![0; n],
            rail_edges: vec![0; n],
            cities: Vec::new(),
            city_in_hex: vec![None; n],
            boxes: Vec::new(),
            river_names: Vec::new(),
            rail_lines: Vec::new(),
            index,
            lattice,
        }
    }

    pub fn len(&self) -> usize {
        self.coords.len()
    }

    pub fn is_empty(&self) -> bool {
        self.coords.is_empty()
    }

    pub fn id_of(&self, hex: Hex) -> Option<HexId> {
        self.index.get(&hex).copied()
    }

    /// Projected centre of a hex, in km.
    pub fn centre_km(&self, id: HexId) -> (f64, f64) {
        let p = self.layout.hex_to_world_pos(self.coords[id as usize]);
        (f64::from(p.x), f64::from(p.y))
    }

    pub fn centre_latlon(&self, id: HexId) -> (f64, f64) {
        let (x, y) = self.centre_km(id);
        self.projection.inverse(x, y)
    }

    /// The hex holding a point, if it is on the map.
    pub fn hex_at(&self, lat: f64, lon: f64) -> Option<HexId> {
        let (x, y) = self.projection.forward(lat, lon);
        let hex = self
            .layout
            .world_pos_to_hex(hexx::Vec2::new(x as f32, y as f32));
        self.id_of(hex)
    }

    pub fn is_land(&self, id: HexId) -> bool {
        !self.terrain[id as usize].is_water()
    }

    pub fn land_count(&self) -> usize {
        self.terrain.iter().filter(|t| !t.is_water()).count()
    }

    pub fn city(&self, name: &str) -> Option<&MapCity> {
        self.cities.iter().find(|c| c.name == name)
    }

    pub fn city_names(&self) -> impl Iterator<Item = &str> {
        self.cities.iter().map(|c| c.name.as_str())
    }

    /// Which neighbour direction leads from `a` to `b`, if they touch.
    pub fn direction(&self, a: HexId, b: HexId) -> Option<usize> {
        self.neighbours[a as usize].iter().position(|&n| n == b)
    }

    pub fn river_between(&self, a: HexId, b: HexId) -> bool {
        self.direction(a, b)
            .is_some_and(|d| self.river_edges[a as usize] & (1 << d) != 0)
    }

    pub fn rail_between(&self, a: HexId, b: HexId) -> bool {
        self.direction(a, b)
            .is_some_and(|d| self.rail_edges[a as usize] & (1 << d) != 0)
    }

    /// The neighbours `id`'s track runs to, in direction order. Read from the edge bits, so
    /// a hex with a line or two costs a step or two, not six.
    pub fn rail_neighbours(&self, id: HexId) -> impl Iterator<Item = HexId> + '_ {
        let around = &self.neighbours[id as usize];
        let mut rails = self.rail_edges[id as usize];
        std::iter::from_fn(move || {
            while rails != 0 {
                let dir = rails.trailing_zeros() as usize;
                rails &= rails - 1;
                match around.get(dir) {
                    Some(&nb) if nb != NO_HEX => return Some(nb),
                    Some(_) => {}
                    None => return None,
                }
            }
            None
        })
    }

    pub fn has_rail(&self, id: HexId) -> bool {
        self.rail_edges[id as usize] != 0
    }

    /// Hex distance in steps.
    /// The land hexes next to `id`, in direction order.
    pub fn land_neighbours(&self, id: HexId) -> impl Iterator<Item = HexId> + '_ {
        self.neighbours[id as usize]
            .iter()
            .copied()
            .filter(|&n| n != NO_HEX && self.is_land(n))
    }

    /// Steps over the grid (sea included: distance only) from the nearest of `from` to every
    /// hex, by one breadth-first pass.
    pub fn steps_from(&self, from: impl IntoIterator<Item = HexId>) -> Vec<u32> {
        match &self.lattice {
            Some(l) => l.steps_from(from),
            None => self.steps_by_hex(from),
        }
    }

    /// [`HexMap::steps_from`] hex by hex, for maps too wide for the lattice's rows.
    fn steps_by_hex(&self, from: impl IntoIterator<Item = HexId>) -> Vec<u32> {
        let mut d = vec![u32::MAX; self.len()];
        // Every hex enters the queue once, so a flat array read from the front serves;
        // a VecDeque's wrap-around checks made this pass a hot spot.
        let mut queue: Vec<HexId> = Vec::with_capacity(self.len());
        for h in from {
            if d[h as usize] != 0 {
                d[h as usize] = 0;
                queue.push(h);
            }
        }
        // Level by level: every hex of a level is one step further than the last, so the
        // distance is written from a counter rather than read back for every hex taken.
        let (mut head, mut next) = (0, 1);
        while head < queue.len() {
            let end = queue.len();
            for i in head..end {
                for &n in &self.neighbours[queue[i] as usize] {
                    if let Some(dn) = d.get_mut(n as usize)
                        && *dn == u32::MAX
                    {
                        *dn = next;
                        queue.push(n);
                    }
                }
            }
            head = end;
            next += 1;
        }
        d
    }

    /// The hexes as rows of bits, if the map is narrow enough for them.
    pub(crate) fn lattice(&self) -> Option<&Lattice> {
        self.lattice.as_ref()
    }

    pub fn distance(&self, a: HexId, b: HexId) -> u32 {
        // Hexx's `unsigned_distance_to`, the largest of the three axial differences, taken
        // without its branches: the AI measures a million distances a campaign.
        let (p, q) = (self.coords[a as usize], self.coords[b as usize]);
        let (dx, dy) = (p.x - q.x, p.y - q.y);
        dx.unsigned_abs()
            .max(dy.unsigned_abs())
            .max((dx + dy).unsigned_abs())
    }

    /// A short label for a hex: the city in it, or its coordinates.
    pub fn describe(&self, id: HexId) -> String {
        match self.city_in_hex[id as usize] {
            Some(c) => self.cities[c as usize].name.clone(),
            None => {
                let (lat, lon) = self.centre_latlon(id);
                let h = self.coords[id as usize];
                format!("hex ({}, {}) at {lat:.1}°N {lon:.1}°E", h.x, h.y)
            }
        }
    }

    pub(super) fn set_edge(bits: &mut [u8], neighbours: &[[HexId; 6]], a: HexId, b: HexId) {
        if let Some(d) = neighbours[a as usize].iter().position(|&n| n == b) {
            bits[a as usize] |= 1 << d;
        }
        if let Some(d) = neighbours[b as usize].iter().position(|&n| n == a) {
            bits[b as usize] |= 1 << d;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::load_scenario;
    use std::path::Path;

    #[test]
    fn steps_ring_by_ring_are_the_breadth_first_steps() {
        let l = load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render()));
        let map = &l.map;
        assert!(map.lattice().is_some(), "the base map fits the rows");
        let n = map.len() as super::HexId;
        let sets: Vec<Vec<super::HexId>> = vec![
            vec![],
            vec![0],
            vec![n - 1],
            vec![n / 2, n / 3],
            (0..n).step_by(97).collect(),
            l.placed.unit_hex.clone(),
        ];
        for from in sets {
            assert_eq!(
                map.steps_from(from.iter().copied()),
                map.steps_by_hex(from.iter().copied()),
                "from {from:?}"
            );
        }
    }

    #[test]
    fn distance_is_hexx_distance() {
        let l = load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render()));
        let map = &l.map;
        let n = map.len() as super::HexId;
        for a in (0..n).step_by(13) {
            for b in (0..n).step_by(7) {
                let want = map.coords[a as usize].unsigned_distance_to(map.coords[b as usize]);
                assert_eq!(map.distance(a, b), want, "hexes {a} and {b}");
            }
        }
    }
}
