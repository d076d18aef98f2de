//! The ground as the AI's camp sees it during its phase. Counting every unit and marking every
//! zone of control again before each move was the AI's main cost; within a phase only the
//! camp's own units move (until its attacks), so the view is kept up to date move by move.

use std::cell::Cell;
use std::sync::Arc;

use bevy::prelude::*;

use crate::map::{HexId, HexMap};
use crate::scenario::{Faction, Owner};
use crate::sim::actions::{ground_and_units, ground_for};
use crate::sim::movement::Ground;
use crate::sim::world::{Control, Map};

/// The enemy's hexes as a board sees them, and what has been worked out from them.
pub(super) struct Enemies<'a> {
    /// In id order.
    pub hexes: &'a [HexId],
    rings: &'a [Cell<u8>],
}

const NOT_ASKED: u8 = 0;
const OPEN: u8 = 1;
const CLOSING: u8 = 2;

impl Enemies<'_> {
    /// [`super::encircling`], worked out once per hex for the board's life: enemy units do not
    /// move while a board stands, and unit after unit asks it of the same hexes.
    pub fn encircling(&self, map: &HexMap, at: HexId) -> bool {
        let memo = &self.rings[at as usize];
        match memo.get() {
            OPEN => false,
            CLOSING => true,
            _ => {
                let closing = super::encircling(map, self.hexes, at);
                memo.set(if closing { CLOSING } else { OPEN });
                closing
            }
        }
    }
}

pub(super) struct Board {
    camp: Faction,
    /// Who holds each hex, as of the last [`Board::see`]: a buffer kept for the phase, since
    /// copying the world's into a new one for every move was a cost of its own.
    control: Vec<Owner>,
    /// No unit has moved since the last [`Board::see`]: within a phase only the camp's own
    /// moves take ground, so `control` is still the world's, and copying it again before each
    /// unit's move (most stand still) was a cost.
    seen: bool,
    /// The camp's units per hex, exactly (the ground's counts saturate at 255).
    counts: Vec<u32>,
    friends: Vec<u8>,
    enemy: Vec<bool>,
    enemy_zoc: Vec<bool>,
    /// The hexes enemy units stand in, in id order.
    pub enemies: Vec<HexId>,
    /// Per hex, whether enemy units close a ring round it, once asked (see [`Enemies`]).
    rings: Vec<Cell<u8>>,
    stacking_limit: u32,
    cost_mult: Arc<[f64]>,
    frozen: Arc<[bool]>,
}

impl Board {
    /// The ground as it is now: after the camp's attacks, when enemy units have moved or
    /// gone, it is built again.
    pub fn new(world: &mut World, camp: Faction) -> Self {
        let map = world.resource::<Map>().0.clone();
        let control = world.resource::<Control>().0.clone();
        // The units the ground was built from are the ones to count: asking the world for
        // them again was a second query.
        let (g, units) = ground_and_units(world, &map, &control, camp);
        let (friends, enemy, enemy_zoc) = (g.friends, g.enemy, g.enemy_zoc);
        let (stacking_limit, cost_mult, frozen) = (g.stacking_limit, g.cost_mult, g.frozen);
        let mut counts = vec![0u32; map.len()];
        for &(h, f) in &units {
            if f == camp {
                counts[h as usize] += 1;
            }
        }
        // From the units, not from a pass over the map: the hexes the enemy's units stand in,
        // each once, in id order, as `enemy` marks them.
        let mut enemies: Vec<HexId> = units
            .iter()
            .filter(|&&(_, f)| f != camp)
            .map(|&(h, _)| h)
            .collect();
        enemies.sort_unstable();
        enemies.dedup();
        Self {
            camp,
            control,
            seen: true,
            counts,
            friends,
            enemy,
            enemy_zoc,
            enemies,
            rings: vec![Cell::new(NOT_ASKED); map.len()],
            stacking_limit,
            cost_mult,
            frozen,
        }
    }

    /// Takes in who holds each hex now (moves take ground).
    pub fn see(&mut self, world: &World) {
        let now = &world.resource::<Control>().0;
        if !self.seen {
            self.control.copy_from_slice(now);
            self.seen = true;
        }
        debug_assert!(
            self.control == *now,
            "ground changed hands behind the board"
        );
    }

    /// Runs `f` on the ground as [`ground_for`] would build it (with control as of the last
    /// [`Board::see`]), and the enemy's hexes.
    pub fn with<R>(&mut self, map: &HexMap, f: impl FnOnce(&Ground, &Enemies) -> R) -> R {
        let ground = Ground {
            map,
            control: &self.control,
            friends: std::mem::take(&mut self.friends),
            enemy: std::mem::take(&mut self.enemy),
            enemy_zoc: std::mem::take(&mut self.enemy_zoc),
            stacking_limit: self.stacking_limit,
            cost_mult: self.cost_mult.clone(),
            frozen: self.frozen.clone(),
        };
        let enemies = Enemies {
            hexes: &self.enemies,
            rings: &self.rings,
        };
        let out = f(&ground, &enemies);
        self.friends = ground.friends;
        self.enemy = ground.enemy;
        self.enemy_zoc = ground.enemy_zoc;
        out
    }

    /// One of the camp's units went from `from` to `to` (by road or by train).
    pub fn moved(&mut self, world: &mut World, from: HexId, to: HexId) {
        self.seen = false;
        for (h, up) in [(from, false), (to, true)] {
            let c = &mut self.counts[h as usize];
            *c = if up { *c + 1 } else { c.saturating_sub(1) };
            self.friends[h as usize] = (*c).min(u32::from(u8::MAX)) as u8;
        }
        self.check(world);
    }

    /// In debug builds (the tests), the view kept move by move must be the one built afresh.
    fn check(&mut self, world: &mut World) {
        if cfg!(debug_assertions) {
            let map = world.resource::<Map>().0.clone();
            let control = world.resource::<Control>().0.clone();
            let fresh = ground_for(world, &map, &control, self.camp);
            assert!(
                fresh.friends == self.friends
                    && fresh.enemy == self.enemy
                    && fresh.enemy_zoc == self.enemy_zoc
                    && fresh.stacking_limit == self.stacking_limit
                    && fresh.cost_mult == self.cost_mult
                    && fresh.frozen == self.frozen,
                "the AI's board drifted from the ground"
            );
        }
    }
}
