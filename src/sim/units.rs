//! Units as entities: what each one is, where it stands, and how strong it is.

use bevy::prelude::*;
use serde::Serialize;

use crate::map::HexId;
use crate::scenario::scenario_file::{Nation, UnitKind};
use crate::scenario::{Date, Side};

/// What a unit is. Fixed for its life.
#[derive(Component, Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub side: Side,
    pub nation: Option<Nation>,
    /// Id of the HQ it belongs to.
    pub hq: String,
    /// Its place in the scenario's unit list: a stable order for iteration.
    pub order: u32,
}

/// The hex a unit on the map stands in.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexPos(pub HexId);

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Strength {
    pub men: u32,
    pub tanks: u32,
    pub guns: u32,
    pub divisions: u32,
}

/// The strength a unit is refilled toward: what it had when it entered the scenario.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Establishment(pub Strength);

/// 0 (broken) to 100 (fresh).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cohesion(pub u32);

/// 0 (green) to 100 (veteran).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Experience(pub u32);

/// A reinforcement not yet on the map: it enters at `hex` (or the nearest hex its side holds)
/// on the first turn that includes `date`.
#[derive(Component, Debug, Clone, Copy)]
pub struct Pending {
    pub date: Date,
    pub hex: HexId,
}
