//! Whether a hex lies behind a camp's front, asked of the few hexes its railway troops reach
//! each week. The distance from every hex to both camps' nearest units was searched over the
//! whole map for this, twice a week; searching out from the hex asked, ring by ring, stops at
//! the first units it meets.

use crate::map::{HexId, HexMap, NO_HEX};
use crate::scenario::Faction;

/// Per hex: a unit of the camp stands there,
const OWN: u8 = 1;
/// ... a unit of the enemy does.
const ENEMY: u8 = 2;

pub(super) struct Rear<'a> {
    map: &'a HexMap,
    stand: Vec<u8>,
    /// The search that last marked each hex, so that no search clears the marks of the last.
    seen: Vec<u32>,
    search: u32,
    /// Answers already found, per hex: 0 not asked, 1 no, 2 yes.
    answers: Vec<u8>,
    ring: Vec<HexId>,
    next: Vec<HexId>,
}

impl<'a> Rear<'a> {
    /// `placed`: every unit on the map by hex and camp.
    pub fn new(map: &'a HexMap, placed: &[(HexId, Faction)], camp: Faction) -> Self {
        let n = map.len();
        let mut stand = vec![0; n];
        for &(h, f) in placed {
            stand[h as usize] |= if f == camp { OWN } else { ENEMY };
        }
        Self {
            map,
            stand,
            seen: vec![0; n],
            search: 0,
            answers: vec![0; n],
            ring: Vec::new(),
            next: Vec::new(),
        }
    }

    /// An enemy unit stands in `h`.
    pub fn enemy_in(&self, h: HexId) -> bool {
        self.stand[h as usize] & ENEMY != 0
    }

    /// No enemy unit is within `clear` steps of `h` over the grid (sea included, as
    /// [`HexMap::steps_from`] counts), and the camp's nearest unit is nearer than the enemy's.
    pub fn behind(&mut self, h: HexId, clear: u32) -> bool {
        match self.answers[h as usize] {
            1 => false,
            2 => true,
            _ => {
                let yes = self.search_from(h, clear);
                self.answers[h as usize] = if yes { 2 } else { 1 };
                yes
            }
        }
    }

    fn search_from(&mut self, h: HexId, clear: u32) -> bool {
        self.search += 1;
        let search = self.search;
        let (mut ring, mut next) = (
            std::mem::take(&mut self.ring),
            std::mem::take(&mut self.next),
        );
        ring.clear();
        ring.push(h);
        self.seen[h as usize] = search;
        let mut own_found = false;
        let mut steps = 0;
        let yes = loop {
            let met = ring.iter().fold(0, |m, &x| m | self.stand[x as usize]);
            // An enemy this near: within `clear`, or no nearer than the camp's nearest.
            if met & ENEMY != 0 {
                break false;
            }
            own_found |= met & OWN != 0;
            // The camp's units are nearer, and no enemy is within `clear`.
            if own_found && steps >= clear {
                break true;
            }
            next.clear();
            for &x in &ring {
                for &nb in &self.map.neighbours[x as usize] {
                    if nb != NO_HEX && self.seen[nb as usize] != search {
                        self.seen[nb as usize] = search;
                        next.push(nb);
                    }
                }
            }
            // The whole map searched with no enemy in it: the camp's units, if any, are
            // nearer than none.
            if next.is_empty() {
                break own_found;
            }
            std::mem::swap(&mut ring, &mut next);
            steps += 1;
        };
        (self.ring, self.next) = (ring, next);
        yes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_scenario;
    use std::path::Path;

    #[test]
    fn searched_outward_as_the_distances_over_the_map_say() {
        let l = load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render()));
        let map = &l.map;
        let all: Vec<(HexId, Faction)> = l
            .scenario
            .units
            .iter()
            .zip(&l.placed.unit_hex)
            .map(|(u, &h)| (h, u.side.faction()))
            .collect();
        for placed in [
            all.clone(),
            all.iter().copied().step_by(5).collect(),
            vec![],
        ] {
            for camp in [Faction::Axis, Faction::Soviet] {
                let of = |c: bool| {
                    map.steps_from(
                        placed
                            .iter()
                            .filter(|(_, f)| (*f == camp) == c)
                            .map(|&(h, _)| h),
                    )
                };
                let (own, near) = (of(true), of(false));
                let mut rear = Rear::new(map, &placed, camp);
                for h in (0..map.len() as HexId).step_by(7) {
                    let i = h as usize;
                    assert_eq!(rear.enemy_in(h), near[i] == 0);
                    assert_eq!(
                        rear.behind(h, 3),
                        near[i] > 3 && own[i] < near[i],
                        "hex {h}"
                    );
                }
            }
        }
    }
}
