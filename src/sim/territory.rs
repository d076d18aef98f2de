//! Ground behind the front: each turn, country that one camp holds but can no longer reach
//! (its units cannot get there without passing through the enemy's zones of control) while
//! the enemy can, passes to the enemy. Bypassed country changed hands this way without a
//! battle; a pocket with troops in it keeps the ground around them until it is starved out.

use bevy::prelude::*;

use super::actions::take_ground;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{HexPos, Unit};
use super::world::{Control, Map};
use crate::map::{HexId, HexMap, NO_HEX};
use crate::scenario::{Faction, Owner, Side};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, mop_up.in_set(TurnSystems::Events));
}

/// Where `camp`'s units can get to: out from every unit over land that is not neutral and
/// holds no enemy, into but not through the enemy's zones of control.
pub fn reach_of(
    map: &HexMap,
    control: &[Owner],
    units: &[(HexId, Faction)],
    camp: Faction,
) -> Vec<bool> {
    let n = map.len();
    let mut enemy = vec![false; n];
    let mut zoc = vec![false; n];
    for &(h, f) in units {
        if f != camp {
            enemy[h as usize] = true;
            for &nb in &map.neighbours[h as usize] {
                if nb != NO_HEX {
                    zoc[nb as usize] = true;
                }
            }
        }
    }
    // Where the flood may enter, worked out once per hex rather than once per step.
    let open: Vec<bool> = (0..n)
        .map(|i| map.is_land(i as HexId) && control[i] != Owner::Neutral && !enemy[i])
        .collect();
    let mut reached = vec![false; n];
    let mut own = vec![false; n];
    // The ground reached does not depend on the order hexes are taken in, and each enters
    // the queue once: a flat array read from the front serves.
    let mut queue: Vec<HexId> = Vec::with_capacity(n);
    for &(h, f) in units {
        if f == camp && !reached[h as usize] {
            reached[h as usize] = true;
            own[h as usize] = true;
            queue.push(h);
        }
    }
    let mut head = 0;
    while let Some(&h) = queue.get(head) {
        head += 1;
        // A unit standing in a zone of control may still leave it; the flood may not pass one.
        if zoc[h as usize] && !own[h as usize] {
            continue;
        }
        for &nb in &map.neighbours[h as usize] {
            let i = nb as usize;
            if nb == NO_HEX || reached[i] || !open[i] {
                continue;
            }
            reached[i] = true;
            queue.push(nb);
        }
    }
    reached
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
    let axis = reach_of(&map, &control, &placed, Faction::Axis);
    let soviet = reach_of(&map, &control, &placed, Faction::Soviet);
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
    let (mut german, mut allied) = (Vec::new(), Vec::new());
    for h in to_axis {
        let nearest = placed
            .iter()
            .filter(|(_, f)| *f == Faction::Axis)
            .min_by_key(|(x, _)| (map.distance(*x, h), *x))
            .and_then(|(x, _)| sides_at[*x as usize]);
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
