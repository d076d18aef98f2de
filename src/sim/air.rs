//! The air pools (DESIGN.md: Scale): each camp's aircraft are a weekly budget that
//! supported attacks draw on. Later issues add production, losses and airlift to it.

use bevy::prelude::*;

use super::world::ScenarioRes;
use crate::scenario::{Faction, Side};

/// Aircraft each camp can still commit this week.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct AirLeft {
    pub axis: f64,
    pub soviet: f64,
}

impl AirLeft {
    pub fn get(&self, camp: Faction) -> f64 {
        match camp {
            Faction::Axis => self.axis,
            Faction::Soviet => self.soviet,
        }
    }

    pub fn set(&mut self, camp: Faction, n: f64) {
        match camp {
            Faction::Axis => self.axis = n,
            Faction::Soviet => self.soviet = n,
        }
    }
}

/// A camp's aircraft at the start of its phase: the sum over its sides.
pub fn fresh_pool(world: &World, camp: Faction) -> f64 {
    let sides = &world.resource::<ScenarioRes>().0.sides;
    Side::ALL
        .into_iter()
        .filter(|s| s.faction() == camp)
        .map(|s| f64::from(sides.get(s).aircraft))
        .sum()
}
