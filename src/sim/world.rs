//! The state of the world that is not an entity: the map and who holds each hex.

use std::sync::Arc;

use bevy::prelude::*;

use crate::map::HexMap;
use crate::scenario::{Owner, Scenario};

/// The hex map, shared and read-only during play.
#[derive(Resource, Debug, Clone)]
pub struct Map(pub Arc<HexMap>);

/// The validated scenario the game was started from.
#[derive(Resource, Debug, Clone)]
pub struct ScenarioRes(pub Arc<Scenario>);

/// Who holds each hex, indexed by hex id.
#[derive(Resource, Debug, Clone)]
pub struct Control(pub Vec<Owner>);

/// The turn each hex last changed hands (0: held since the start).
#[derive(Resource, Debug, Clone)]
pub struct ControlChanged(pub Vec<u32>);
