//! The air pools (DESIGN.md: Scale): each camp's aircraft are a weekly budget that
//! supported attacks draw on. Production adds to it and losses wear it (`production`).

use bevy::prelude::*;

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

/// A camp's aircraft at the start of its phase: the sum over its sides' air forces, which
/// production, Lend-Lease and losses change week by week.
pub fn fresh_pool(world: &World, camp: Faction) -> f64 {
    let industry = world.resource::<super::production::Industry>();
    Side::ALL
        .into_iter()
        .filter(|s| s.faction() == camp)
        .map(|s| industry.aircraft[super::production::slot(s)].max(0.0))
        .sum()
}
