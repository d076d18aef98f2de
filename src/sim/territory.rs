//! Ground left behind the front: a stretch of one camp's territory that none of its units
//! stands in and that the enemy's ground surrounds passes to the enemy at the end of the
//! turn, if it is no bigger than an enclave. Bypassed country changed hands this way without
//! a battle; a pocket with troops in it stays theirs until the supply issue starves it out.

use bevy::prelude::*;

use super::actions::take_ground;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{HexPos, Unit};
use super::world::{Control, Map};
use crate::map::{HexId, NO_HEX};
use crate::scenario::{Faction, Side};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, mop_up.in_set(TurnSystems::Encirclement));
}

/// The largest stretch of country that passes without a fight. Larger ones are split off
/// only by the enemy's own stragglers behind the front, and the rear they cut stays with the
/// side that holds it around them; 30,000 km² is about the Crimea.
const MAX_ENCLAVE_KM2: f64 = 30_000.0;

fn mop_up(world: &mut World) {
    let map = world.resource::<Map>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let mut held = vec![[false; 2]; map.len()];
    let mut q = world.query::<(&Unit, &HexPos)>();
    for (u, p) in q.iter(world) {
        held[p.0 as usize][u.side.faction() as usize] = true;
    }
    let n = map.len();
    // A hex of side s has the area s²·√3/2.
    let max_hexes = (MAX_ENCLAVE_KM2 / (map.hex_km * map.hex_km * 3f64.sqrt() / 2.0)) as usize;
    let mut seen = vec![false; n];
    let mut flips: Vec<(Vec<HexId>, Side)> = Vec::new();
    for start in 0..n as HexId {
        let Some(camp) = control[start as usize].faction() else {
            continue;
        };
        if seen[start as usize] || !map.is_land(start) {
            continue;
        }
        // One connected stretch of this camp's land, and what borders it.
        let mut area = vec![start];
        seen[start as usize] = true;
        let mut i = 0;
        let mut manned = false;
        let mut open = false;
        let mut borders: [u32; 3] = [0; 3];
        while i < area.len() {
            let h = area[i];
            i += 1;
            manned |= held[h as usize][camp as usize];
            for &nb in &map.neighbours[h as usize] {
                if nb == NO_HEX {
                    // The map's edge: the country goes on beyond it.
                    open = true;
                    continue;
                }
                let o = control[nb as usize];
                if !map.is_land(nb) {
                    continue;
                }
                match o.faction() {
                    Some(f) if f == camp => {
                        if !seen[nb as usize] {
                            seen[nb as usize] = true;
                            area.push(nb);
                        }
                    }
                    Some(_) => {
                        if let Some(side) = o.side() {
                            borders[side_slot(side)] += 1;
                        }
                    }
                    None => open = true,
                }
            }
        }
        if manned || open || area.len() > max_hexes {
            continue;
        }
        let taker = [Side::Germany, Side::AxisAllies, Side::USSR]
            .into_iter()
            .filter(|s| s.faction() != camp)
            .max_by_key(|s| (borders[side_slot(*s)], matches!(s, Side::Germany)));
        if let Some(side) = taker
            && borders[side_slot(side)] > 0
        {
            flips.push((area, side));
        }
    }
    for (area, side) in flips {
        let by = match side.faction() {
            Faction::Axis => "the Axis: cut off behind the front",
            Faction::Soviet => "the Red Army: cut off behind the front",
        };
        take_ground(world, &area, side, by);
    }
}

fn side_slot(s: Side) -> usize {
    match s {
        Side::Germany => 0,
        Side::AxisAllies => 1,
        Side::USSR => 2,
    }
}
