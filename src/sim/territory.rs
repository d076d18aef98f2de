//! Ground behind the front: each turn, country that one camp holds but can no longer reach
//! (its units cannot get there without passing through the enemy's zones of control) while
//! the enemy can, passes to the enemy. Bypassed country changed hands this way without a
//! battle; a pocket with troops in it keeps the ground around them until it is starved out.

use bevy::prelude::*;

use super::actions::take_ground;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{HexPos, Unit};
use super::world::{Control, Map};
use crate::map::{HexId, HexMap, Lattice, NO_HEX, Row};
use crate::scenario::{Faction, Owner, Side};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, mop_up.in_set(TurnSystems::Events));
}

/// Per hex: a camp's unit stands there (bit `camp`), it is in that camp's zone of control
/// (bit `2 + camp`), or land a flood may enter if no enemy stands in it (`LAND`).
const LAND: u8 = 1 << 4;

/// Where each camp's units can get to (indexed by camp): out from every unit over land that is
/// not neutral and holds no enemy, into but not through the enemy's zones of control.
fn reach_of_both(map: &HexMap, control: &[Owner], units: &[(HexId, Faction)]) -> [Vec<bool>; 2] {
    match map.lattice() {
        Some(lattice) => by_rows(lattice, map, control, units),
        None => by_queue(map, control, units),
    }
}

/// [`reach_of_both`] on the map's rows of bits: each camp's flood a ring at a time, every
/// row at once, where a queue took its hexes one by one (see [`crate::map::Lattice`]). The
/// ground reached is the same: it does not depend on the order the flood takes hexes in.
fn by_rows(
    lattice: &Lattice,
    map: &HexMap,
    control: &[Owner],
    units: &[(HexId, Faction)],
) -> [Vec<bool>; 2] {
    let mut stand = [lattice.empty(), lattice.empty()];
    for &(h, f) in units {
        lattice.insert(&mut stand[f as usize], h);
    }
    let zoc = [&stand[0], &stand[1]].map(|s| lattice.around_all(s));
    let mut land = lattice.empty();
    for h in 0..map.len() as HexId {
        if map.is_land(h) && control[h as usize] != Owner::Neutral {
            lattice.insert(&mut land, h);
        }
    }
    [Faction::Axis, Faction::Soviet].map(|camp| {
        let (own, enemy) = (camp as usize, 1 - camp as usize);
        let enter: Vec<Row> = land
            .iter()
            .zip(&stand[enemy])
            .map(|(l, e)| l & !e)
            .collect();
        let onward: Vec<Row> = zoc[enemy].iter().map(|z| !z).collect();
        let reached = lattice.flood(&stand[own], &enter, &onward);
        (0..map.len() as HexId)
            .map(|h| lattice.contains(&reached, h))
            .collect()
    })
}

/// [`reach_of_both`] by a queue, hex by hex, for maps too wide for rows of bits. Both camps at
/// once: they share the marks of where units stand and what they hold in their zones.
fn by_queue(map: &HexMap, control: &[Owner], units: &[(HexId, Faction)]) -> [Vec<bool>; 2] {
    let n = map.len();
    let mut marks = vec![0u8; n];
    for &(h, f) in units {
        let camp = f as usize;
        marks[h as usize] |= 1 << camp;
        for &nb in &map.neighbours[h as usize] {
            if nb != NO_HEX {
                marks[nb as usize] |= 1 << (2 + camp);
            }
        }
    }
    for (i, m) in marks.iter_mut().enumerate() {
        if map.is_land(i as HexId) && control[i] != Owner::Neutral {
            *m |= LAND;
        }
    }
    let mut queue: Vec<HexId> = Vec::with_capacity(n);
    [Faction::Axis, Faction::Soviet].map(|camp| {
        let (own, enemy) = (1u8 << camp as usize, 1u8 << (1 - camp as usize));
        let zoc = enemy << 2;
        let mut reached = vec![false; n];
        // The ground reached does not depend on the order hexes are taken in, and each enters
        // the queue once: a flat array read from the front serves.
        queue.clear();
        for (i, &m) in marks.iter().enumerate() {
            if m & own != 0 {
                reached[i] = true;
                queue.push(i as HexId);
            }
        }
        let mut head = 0;
        while let Some(&h) = queue.get(head) {
            head += 1;
            // A unit standing in a zone of control may still leave it; the flood may not pass
            // one.
            let m = marks[h as usize];
            if m & zoc != 0 && m & own == 0 {
                continue;
            }
            for &nb in &map.neighbours[h as usize] {
                if nb == NO_HEX || reached[nb as usize] {
                    continue;
                }
                let m = marks[nb as usize];
                if m & LAND == 0 || m & enemy != 0 {
                    continue;
                }
                reached[nb as usize] = true;
                queue.push(nb);
            }
        }
        reached
    })
}

fn mop_up(world: &mut World) {
    let map = world.resource::<Map>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let mut q = super::queries::kept::<(&Unit, &HexPos), ()>(world);
    let placed: Vec<(HexId, Faction)> = q
        .iter(world)
        .map(|(u, p)| (p.0, u.side.faction()))
        .collect();
    let mut sides_at: Vec<Option<Side>> = vec![None; map.len()];
    for (u, p) in q.iter(world) {
        sides_at[p.0 as usize].get_or_insert(u.side);
    }
    let [axis, soviet] = reach_of_both(&map, &control, &placed);
    let mut to_axis = Vec::new();
    let mut to_soviet = Vec::new();
    for h in 0..map.len() as HexId {
        let i = h as usize;
        if !map.is_land(h) || sides_at[i].is_some() {
            continue;
        }
        match control[i].faction() {
            Some(Faction::Soviet) if !soviet[i] && axis[i] => to_axis.push(h),
            Some(Faction::Axis) if !axis[i] && soviet[i] => to_soviet.push(h),
            _ => {}
        }
    }
    // Axis ground goes to Germany unless only allied units are near.
    // The nearest Axis unit by distance, then by hex id: a hex holds the same answer for
    // each of its units, so each hex is measured once, and in the rows within reach of the
    // nearest found so far (ids run row by row). Measuring every unit from every hex taken
    // was most of the system's cost.
    let mut axis_hexes: Vec<HexId> = placed
        .iter()
        .filter(|(_, f)| *f == Faction::Axis)
        .map(|&(x, _)| x)
        .collect();
    axis_hexes.sort_unstable();
    axis_hexes.dedup();
    let (mut german, mut allied) = (Vec::new(), Vec::new());
    for h in to_axis {
        let nearest = nearest(&map, &axis_hexes, h).and_then(|x| sides_at[x as usize]);
        if nearest == Some(Side::AxisAllies) {
            allied.push(h);
        } else {
            german.push(h);
        }
    }
    let by = "the advancing front";
    take_ground(world, &german, Side::Germany, by);
    take_ground(world, &allied, Side::AxisAllies, by);
    take_ground(world, &to_soviet, Side::USSR, by);
}

/// The hex of `hexes` (in id order) nearest `h`, the lowest id among the nearest. The
/// search starts at `h`'s row and widens a row at a time on both sides, and stops once the
/// rows left are farther than the nearest found: a hex `k` rows away is at least `k` hexes
/// away.
fn nearest(map: &HexMap, hexes: &[HexId], h: HexId) -> Option<HexId> {
    let row = |e: HexId| map.coords[e as usize].y;
    let r = row(h);
    let mut best: Option<(u32, HexId)> = None;
    let consider = |best: &mut Option<(u32, HexId)>, band: &[HexId]| {
        for &x in band {
            let key = (map.distance(x, h), x);
            if best.is_none_or(|b| key < b) {
                *best = Some(key);
            }
        }
    };
    // The stretch of each row, found by halving.
    let rows = |y: i32| {
        let lo = hexes.partition_point(|&e| row(e) < y);
        let hi = lo + hexes[lo..].partition_point(|&e| row(e) <= y);
        lo..hi
    };
    let (first, last) = match (hexes.first(), hexes.last()) {
        (Some(&f), Some(&l)) => (row(f), row(l)),
        _ => return None,
    };
    let mut k = 0i32;
    loop {
        if best.is_some_and(|(d, _)| d < k as u32) || (r - k < first && r + k > last) {
            break;
        }
        consider(&mut best, &hexes[rows(r - k)]);
        if k > 0 {
            consider(&mut best, &hexes[rows(r + k)]);
        }
        k += 1;
    }
    best.map(|(_, x)| x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_scenario;
    use std::path::Path;

    #[test]
    fn rows_of_bits_reach_what_the_queue_reaches() {
        let l = load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render()));
        let map = &l.map;
        let lattice = map.lattice().expect("the base map fits the rows");
        let units: Vec<(HexId, Faction)> = l
            .scenario
            .units
            .iter()
            .zip(&l.placed.unit_hex)
            .map(|(u, &h)| (h, u.side.faction()))
            .collect();
        // The opening position, and a thinner one with gaps in both fronts.
        for units in [units.clone(), units.iter().copied().step_by(3).collect()] {
            assert_eq!(
                by_rows(lattice, map, &l.placed.owner, &units),
                by_queue(map, &l.placed.owner, &units)
            );
        }
    }
}
