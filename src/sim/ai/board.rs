//! The ground as the AI's camp sees it during its phase. Counting every unit and marking every
//! zone of control again before each move was the AI's main cost; within a phase only the
//! camp's own units move (until its attacks), so the view is kept up to date move by move.

use std::sync::Arc;

use bevy::prelude::*;

use crate::map::{HexId, HexMap};
use crate::scenario::{Faction, Owner};
use crate::sim::actions::ground_for;
use crate::sim::movement::Ground;
use crate::sim::world::{Control, Map};

pub(super) struct Board {
    camp: Faction,
    /// Who holds each hex, as of the last [`Board::see`]: a buffer kept for the phase, since
    /// copying the world's into a new one for every move was a cost of its own.
    control: Vec<Owner>,
    /// The camp's units per hex, exactly (the ground's counts saturate at 255).
    counts: Vec<u32>,
    friends: Vec<u8>,
    enemy: Vec<bool>,
    enemy_zoc: Vec<bool>,
    /// The hexes enemy units stand in, in id order.
    pub enemies: Vec<HexId>,
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
        let g = ground_for(world, &map, &control, camp);
        let (friends, enemy, enemy_zoc) = (g.friends, g.enemy, g.enemy_zoc);
        let (stacking_limit, cost_mult, frozen) = (g.stacking_limit, g.cost_mult, g.frozen);
        let mut counts = vec![0u32; map.len()];
        let mut q = world.query::<(&crate::sim::units::Unit, &crate::sim::units::HexPos)>();
        for (u, p) in q.iter(world) {
            if u.side.faction() == camp {
                counts[p.0 as usize] += 1;
            }
        }
        let enemies = (0..map.len() as HexId)
            .filter(|&h| enemy[h as usize])
            .collect();
        Self {
            camp,
            control,
            counts,
            friends,
            enemy,
            enemy_zoc,
            enemies,
            stacking_limit,
            cost_mult,
            frozen,
        }
    }

    /// Takes in who holds each hex now (moves take ground).
    pub fn see(&mut self, world: &World) {
        self.control.copy_from_slice(&world.resource::<Control>().0);
    }

    /// Runs `f` on the ground as [`ground_for`] would build it (with control as of the last
    /// [`Board::see`]), and the enemy's hexes.
    pub fn with<R>(&mut self, map: &HexMap, f: impl FnOnce(&Ground, &[HexId]) -> R) -> R {
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
        let out = f(&ground, &self.enemies);
        self.friends = ground.friends;
        self.enemy = ground.enemy;
        self.enemy_zoc = ground.enemy_zoc;
        out
    }

    /// One of the camp's units went from `from` to `to` (by road or by train).
    pub fn moved(&mut self, world: &mut World, from: HexId, to: HexId) {
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
