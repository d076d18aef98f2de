//! The journal: everything that happened in a game, in order, so that replaying it on the
//! same scenario and seed rebuilds the same game (the simulation is deterministic).

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::map::HexId;
use crate::scenario::Faction;
use crate::sim::actions::Action;
use crate::sim::{HexPos, Unit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    /// A camp's phase began.
    Begin(Faction),
    /// An order the person gave, accepted.
    Act(Action),
    /// The computer played the camp's phase.
    Computer(Faction),
    /// The week's logistics ran and the calendar moved on.
    Logistics,
}

/// Where every unit on the map stands, by id.
pub(super) fn positions(world: &mut World) -> BTreeMap<String, HexId> {
    let mut q = world.query::<(&Unit, &HexPos)>();
    q.iter(world).map(|(u, p)| (u.id.clone(), p.0)).collect()
}
