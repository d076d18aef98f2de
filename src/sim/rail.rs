//! Rail movement (DESIGN.md: Movement): a unit that has not yet moved this week boards a
//! train on its side's own railway and rides it, behind the front, to another station.
//! The move action and the AI both ask [`plan_rail`], so they agree on what a train can do.

use bevy::prelude::*;

use super::movement::Ground;
use crate::map::{HexId, NO_HEX};
use crate::scenario::rules::RailRules;
use crate::scenario::{Faction, Owner};

/// Whose trains run on the track in each hex. Soviet track is broad gauge: German trains
/// cannot use it until it is converted (the supply issue converts it; today it never is).
#[derive(Resource, Debug, Clone)]
pub struct Gauge(pub Vec<Option<Faction>>);

impl Gauge {
    /// The gauge of 22 June 1941: each camp's track is where it stood at the start.
    pub fn at_start(owner: &[Owner]) -> Self {
        Self(owner.iter().map(|o| o.faction()).collect())
    }
}

/// Where this week's rail moves loaded, by camp: their trains are taken from the supply of
/// the network they start on in the coming logistics phase.
#[derive(Resource, Debug, Clone, Default)]
pub struct RailUsage(pub Vec<(Faction, HexId)>);

/// Units each camp may still entrain this week.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct RailMovesLeft {
    pub axis: u32,
    pub soviet: u32,
}

impl RailMovesLeft {
    pub fn get(&self, camp: Faction) -> u32 {
        match camp {
            Faction::Axis => self.axis,
            Faction::Soviet => self.soviet,
        }
    }

    pub fn set(&mut self, camp: Faction, n: u32) {
        match camp {
            Faction::Axis => self.axis = n,
            Faction::Soviet => self.soviet = n,
        }
    }
}

/// Why a unit cannot go by train, in words for the player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RailRefusal {
    SameHex,
    NoStation(String),
    WrongGauge(String),
    NotYours(String),
    EnemyNear(String),
    Full { place: String, limit: u32 },
    NoLine(String),
    TooFar { place: String, km: u32, max_km: u32 },
}

impl std::fmt::Display for RailRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RailRefusal::SameHex => write!(f, "the unit is already there"),
            RailRefusal::NoStation(p) => write!(f, "there is no railway at {p}"),
            RailRefusal::WrongGauge(p) => write!(
                f,
                "the track at {p} is the enemy's gauge and has not been converted"
            ),
            RailRefusal::NotYours(p) => write!(f, "your side does not hold {p}"),
            RailRefusal::EnemyNear(p) => write!(
                f,
                "{p} is next to enemy units: trains load and unload only behind the front"
            ),
            RailRefusal::Full { place, limit } => write!(
                f,
                "{place} already holds {limit} of your units, the most a hex may hold"
            ),
            RailRefusal::NoLine(p) => write!(
                f,
                "no line of your own track, clear of the enemy, joins this station to {p}"
            ),
            RailRefusal::TooFar { place, km, max_km } => write!(
                f,
                "{place} is {km} km away by rail; a week's rail move is at most {max_km} km"
            ),
        }
    }
}

/// A station `camp` can use this week: its own track, of its gauge, out of the enemy's reach.
fn usable(ground: &Ground, gauge: &[Option<Faction>], camp: Faction, h: HexId) -> bool {
    let i = h as usize;
    ground.map.has_rail(h)
        && ground.control[i].faction() == Some(camp)
        && gauge[i] == Some(camp)
        && !ground.enemy[i]
        && !ground.enemy_zoc[i]
}

/// Every station reachable by train from `from`, with its distance in hexes along the line
/// and the station it is reached from. Breadth first, neighbours in a fixed order, so the
/// same question always gets the same line.
pub fn rail_reach(
    ground: &Ground,
    gauge: &[Option<Faction>],
    camp: Faction,
    from: HexId,
) -> (Vec<u32>, Vec<HexId>) {
    rail_search(ground, gauge, camp, from, None)
}

/// [`rail_reach`], stopped once `until` is found if it is given: its distance and its line
/// back to `from` are then as the whole search finds them (breadth first, each hex is found
/// once), and a train's plan needs no more. Searching the whole network for every train was
/// most of its cost.
fn rail_search(
    ground: &Ground,
    gauge: &[Option<Faction>],
    camp: Faction,
    from: HexId,
    until: Option<HexId>,
) -> (Vec<u32>, Vec<HexId>) {
    let n = ground.map.len();
    let mut dist = vec![u32::MAX; n];
    let mut prev = vec![NO_HEX; n];
    if !usable(ground, gauge, camp, from) {
        return (dist, prev);
    }
    // Each hex enters the queue once: a flat array read from the front serves.
    let mut queue = vec![from];
    let mut head = 0;
    dist[from as usize] = 0;
    while let Some(&h) = queue.get(head) {
        head += 1;
        for nb in ground.map.rail_neighbours(h) {
            if dist[nb as usize] != u32::MAX || !usable(ground, gauge, camp, nb) {
                continue;
            }
            dist[nb as usize] = dist[h as usize] + 1;
            prev[nb as usize] = h;
            if until == Some(nb) {
                return (dist, prev);
            }
            queue.push(nb);
        }
    }
    (dist, prev)
}

/// The stations [`rail_reach`] finds within `max` hexes of line from `from` (itself left
/// out), with their distances, in id order. Breadth first, so each distance is the same as
/// the whole search gives; the search stops at `max`, which is as far as a week's move goes.
pub fn stations_within(
    ground: &Ground,
    gauge: &[Option<Faction>],
    camp: Faction,
    from: HexId,
    max: u32,
) -> Vec<(HexId, u32)> {
    let mut found = Vec::new();
    if !usable(ground, gauge, camp, from) {
        return found;
    }
    // The distances buffer of the last search, handed back clean: the AI asks for a few
    // dozen stations' lines a phase, and a fresh map-sized array for each showed in the
    // profile. Only `from` and the stations found are written, so only they are reset.
    let n = ground.map.len();
    let mut dist = DIST.try_with(|d| d.take()).unwrap_or_default();
    if dist.len() != n {
        dist = vec![u32::MAX; n];
    }
    debug_assert!(dist.iter().all(|&d| d == u32::MAX), "a dirty buffer");
    dist[from as usize] = 0;
    // The stations found, in the order found, are the search's queue after `from`.
    let (mut at, mut head) = ((from, 0), 0);
    loop {
        let (h, d) = at;
        if d < max {
            for nb in ground.map.rail_neighbours(h) {
                if dist[nb as usize] != u32::MAX || !usable(ground, gauge, camp, nb) {
                    continue;
                }
                dist[nb as usize] = d + 1;
                found.push((nb, d + 1));
            }
        }
        let Some(&next) = found.get(head) else {
            break;
        };
        at = next;
        head += 1;
    }
    dist[from as usize] = u32::MAX;
    for &(h, _) in &found {
        dist[h as usize] = u32::MAX;
    }
    let _ = DIST.try_with(|d| d.set(dist));
    found.sort_unstable();
    found
}

thread_local! {
    /// [`stations_within`]'s distances, all `u32::MAX` between searches.
    static DIST: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
}

/// How many hexes of line a week's rail move covers on this map.
pub fn max_hexes(rules: &RailRules, hex_km: f64) -> u32 {
    (f64::from(rules.max_km) / hex_km).floor() as u32
}

/// The line from `from` to `to` (the stations after `from`), or why there is none.
pub fn plan_rail(
    ground: &Ground,
    gauge: &[Option<Faction>],
    rules: &RailRules,
    camp: Faction,
    from: HexId,
    to: HexId,
) -> Result<Vec<HexId>, RailRefusal> {
    let map = ground.map;
    if from == to {
        return Err(RailRefusal::SameHex);
    }
    for h in [from, to] {
        // Named only for a refusal: describing a hex may work out its latitude and longitude.
        let place = || map.describe(h);
        if !map.has_rail(h) {
            return Err(RailRefusal::NoStation(place()));
        }
        if ground.control[h as usize].faction() != Some(camp) {
            return Err(RailRefusal::NotYours(place()));
        }
        if gauge[h as usize] != Some(camp) {
            return Err(RailRefusal::WrongGauge(place()));
        }
        if ground.enemy_zoc[h as usize] || ground.enemy[h as usize] {
            return Err(RailRefusal::EnemyNear(place()));
        }
    }
    if u32::from(ground.friends[to as usize]) >= ground.stacking_limit {
        return Err(RailRefusal::Full {
            place: map.describe(to),
            limit: ground.stacking_limit,
        });
    }
    let (dist, prev) = rail_search(ground, gauge, camp, from, Some(to));
    let d = dist[to as usize];
    if d == u32::MAX {
        return Err(RailRefusal::NoLine(map.describe(to)));
    }
    if d > max_hexes(rules, map.hex_km) {
        return Err(RailRefusal::TooFar {
            place: map.describe(to),
            km: (f64::from(d) * map.hex_km).round() as u32,
            max_km: rules.max_km,
        });
    }
    let mut path = Vec::new();
    let mut at = to;
    while at != from {
        path.push(at);
        at = prev[at as usize];
    }
    path.reverse();
    Ok(path)
}
