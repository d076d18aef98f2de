//! The one door for changes: players and the AI submit actions here, and the simulation
//! checks each and either applies it or says why not (ARCHITECTURE.md).

use std::collections::BTreeSet;

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::movement::{Ground, MoveRefusal, plan_move, weekly_points};
use super::units::{HexPos, Unit};
use super::world::{Control, Map, ScenarioRes};
use crate::map::HexId;
use crate::scenario::{Faction, Owner, Side};

/// Whose phase it is: only that camp's units may act.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase(pub Faction);

/// Movement points a unit has left in the current phase.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovesLeft(pub u32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move a unit (by id) to a hex, by the cheapest route.
    Move { unit: String, to: HexId },
}

/// What an accepted action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Moved {
        unit: String,
        path: Vec<HexId>,
        cost: u32,
        left: u32,
        taken: Vec<HexId>,
    },
}

/// Why an action was refused, in words for the player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownUnit(String),
    NotOnMap(String),
    NotYourPhase { unit: String, phase: Faction },
    NoMovesLeft(String),
    Move(MoveRefusal),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::UnknownUnit(u) => write!(f, "there is no unit `{u}`"),
            Refusal::NotOnMap(u) => write!(f, "`{u}` has not arrived yet"),
            Refusal::NotYourPhase { unit, phase } => {
                let who = match phase {
                    Faction::Axis => "the Axis",
                    Faction::Soviet => "the Soviets",
                };
                write!(f, "it is {who}' phase: `{unit}` cannot act now")
            }
            Refusal::NoMovesLeft(u) => write!(f, "`{u}` has no movement left this week"),
            Refusal::Move(m) => m.fmt(f),
        }
    }
}

/// Starts a camp's phase: its units on the map get a fresh week's movement points.
pub fn begin_phase(world: &mut World, faction: Faction) {
    let rules = world.resource::<ScenarioRes>().0.rules.movement.clone();
    world.insert_resource(Phase(faction));
    let mut q = world.query_filtered::<(Entity, &Unit), With<HexPos>>();
    let fresh: Vec<(Entity, u32)> = q
        .iter(world)
        .filter(|(_, u)| u.side.faction() == faction)
        .map(|(e, u)| (e, weekly_points(&rules, u.kind)))
        .collect();
    for (e, points) in fresh {
        world.entity_mut(e).insert(MovesLeft(points));
    }
}

/// Checks an action and applies it, or says why not.
pub fn act(world: &mut World, action: Action) -> Result<Outcome, Refusal> {
    match action {
        Action::Move { unit, to } => move_unit(world, &unit, to),
    }
}

fn move_unit(world: &mut World, id: &str, to: HexId) -> Result<Outcome, Refusal> {
    let mut q = world.query::<(Entity, &Unit, Option<&HexPos>, Option<&MovesLeft>)>();
    let (entity, side, name, from, left) = q
        .iter(world)
        .find(|(_, u, ..)| u.id == id)
        .map(|(e, u, pos, left)| {
            (
                e,
                u.side,
                u.name.clone(),
                pos.map(|p| p.0),
                left.map_or(0, |l| l.0),
            )
        })
        .ok_or_else(|| Refusal::UnknownUnit(id.to_string()))?;
    let from = from.ok_or_else(|| Refusal::NotOnMap(name.clone()))?;
    let phase = world.get_resource::<Phase>().map(|p| p.0);
    if phase != Some(side.faction()) {
        return Err(Refusal::NotYourPhase {
            unit: name,
            phase: phase.unwrap_or(Faction::Axis),
        });
    }
    if left == 0 {
        return Err(Refusal::NoMovesLeft(name));
    }
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let mut placed = world.query::<(&Unit, &HexPos)>();
    let units: Vec<(HexId, Faction)> = placed
        .iter(world)
        .map(|(u, p)| (p.0, u.side.faction()))
        .collect();
    let route = {
        let control = &world.resource::<Control>().0;
        let ground = Ground::new(
            &map,
            control,
            units,
            side.faction(),
            scenario.rules.stacking_limit,
        );
        let route =
            plan_move(&ground, &scenario.rules.movement, from, to, left).map_err(Refusal::Move)?;
        // Entering a zone of control ends the unit's movement for the week.
        let stopped = ground.enemy_zoc[to as usize];
        (route, stopped)
    };
    let (route, stopped) = route;
    let left = if stopped { 0 } else { left - route.cost };
    world
        .entity_mut(entity)
        .insert((HexPos(to), MovesLeft(left)));

    // Ground moved through changes hands; a city taken goes into the log.
    let new_owner = match side {
        Side::Germany => Owner::Germany,
        Side::AxisAllies => Owner::AxisAllies,
        Side::USSR => Owner::USSR,
    };
    let mut taken = Vec::new();
    {
        let mut control = world.resource_mut::<Control>();
        for &h in &route.path {
            let o = control.0[h as usize];
            if o.faction().is_some_and(|f| f != side.faction()) {
                control.0[h as usize] = new_owner;
                taken.push(h);
            }
        }
    }
    let cities: BTreeSet<String> = taken
        .iter()
        .filter_map(|&h| map.city_in_hex[h as usize].map(|c| map.cities[c as usize].name.clone()))
        .collect();
    if !cities.is_empty() {
        let (turn, date) = {
            let c = world.resource::<Calendar>();
            (c.turn, c.date)
        };
        let mut log = world.resource_mut::<EventLog>();
        for city in cities {
            log.push(turn, date, format!("{city} taken by {name}"));
        }
    }
    Ok(Outcome::Moved {
        unit: name,
        path: route.path,
        cost: route.cost,
        left,
        taken,
    })
}
