//! Evacuation (DESIGN.md: Production): a Soviet decision. A factory ordered east stops
//! producing, takes trains from its network's supply while it is loaded and moved, and
//! restarts in the Urals at reduced output that then grows past its old level (the growth
//! is in `production`). The computer orders it for factories the enemy is closing on.

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::production::{Industry, Status};
use super::world::{Control, ScenarioRes};
use crate::map::HexId;
use crate::scenario::Faction;
use crate::scenario::economy_file::Place;

/// Why a factory cannot be moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvacuationRefusal {
    NoEconomy,
    Forbidden,
    UnknownFactory {
        id: String,
        suggestion: Option<String>,
    },
    NotYours {
        factory: String,
    },
    NotInCity {
        factory: String,
    },
    NotWorking {
        factory: String,
        state: String,
    },
    CityLost {
        factory: String,
    },
    CutOff {
        factory: String,
        city: String,
    },
}

impl std::fmt::Display for EvacuationRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoEconomy => write!(f, "this scenario has no factories to evacuate"),
            Self::Forbidden => write!(f, "this game does not allow evacuation"),
            Self::UnknownFactory { id, suggestion } => {
                write!(f, "there is no factory `{id}`")?;
                if let Some(s) = suggestion {
                    write!(f, " ({s})")?;
                }
                Ok(())
            }
            Self::NotYours { factory } => write!(f, "{factory} belongs to the other camp"),
            Self::NotInCity { factory } => {
                write!(f, "{factory} stands off the map, out of the enemy's reach")
            }
            Self::NotWorking { factory, state } => write!(f, "{factory} is {state}"),
            Self::CityLost { factory } => write!(f, "{factory}'s city is in enemy hands"),
            Self::CutOff { factory, city } => write!(
                f,
                "{factory} cannot leave: {city} has no rail route back to the rear"
            ),
        }
    }
}

/// Checks an order to move factory `id` east and gives it, or says why not.
pub fn order(world: &mut World, id: &str, camp: Faction) -> Result<String, EvacuationRefusal> {
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let Some(e) = &scenario.economy else {
        return Err(EvacuationRefusal::NoEconomy);
    };
    if !e.evacuation.allowed {
        return Err(EvacuationRefusal::Forbidden);
    }
    let Some(i) = e.factories.iter().position(|f| f.id == id) else {
        return Err(EvacuationRefusal::UnknownFactory {
            id: id.to_string(),
            suggestion: crate::scenario::diagnostic::did_you_mean(
                id,
                e.factories.iter().map(|f| f.id.as_str()),
            ),
        });
    };
    let f = &e.factories[i];
    let name = f.display_name().to_string();
    if f.side.faction() != camp {
        return Err(EvacuationRefusal::NotYours { factory: name });
    }
    let Place::City(city) = &f.at else {
        return Err(EvacuationRefusal::NotInCity { factory: name });
    };
    let industry = world.resource::<Industry>();
    let status = industry.status[i];
    if status != Status::Working {
        return Err(EvacuationRefusal::NotWorking {
            factory: name,
            state: status.describe(),
        });
    }
    let hex = industry.hex[i].expect("a city factory has a hex");
    if world.resource::<Control>().0[hex as usize].faction() != Some(camp) {
        return Err(EvacuationRefusal::CityLost { factory: name });
    }
    // The plant leaves by the railway: its city must still be on a network of the camp
    // (before the first logistics phase no trace exists yet, and every city is connected).
    let trace = world.resource::<super::supply::SupplyState>().of(camp);
    if !trace.network.is_empty() && trace.network[hex as usize] == u32::MAX {
        return Err(EvacuationRefusal::CutOff {
            factory: name,
            city: city.clone(),
        });
    }
    let calendar = world.resource::<Calendar>().clone();
    world.resource_mut::<Industry>().status[i] = Status::Moving {
        ordered: calendar.date,
        weeks_done: 0,
    };
    let text = format!(
        "{name} ordered east from {city}: {} weeks on the rails, {:.0} trains a day",
        e.evacuation.weeks, e.evacuation.trains_per_day
    );
    world
        .resource_mut::<EventLog>()
        .push(calendar.turn, calendar.date, text.clone());
    Ok(text)
}

/// Stations loading factories this week and the trains a day they take, for the supply trace.
pub fn trains_loading(world: &World, camp: Faction) -> Vec<(HexId, f64)> {
    let scenario = &world.resource::<ScenarioRes>().0;
    let Some(e) = &scenario.economy else {
        return Vec::new();
    };
    let industry = world.resource::<Industry>();
    e.factories
        .iter()
        .zip(&industry.status)
        .zip(&industry.hex)
        .filter(|((f, st), _)| f.side.faction() == camp && matches!(st, Status::Moving { .. }))
        .filter_map(|(_, h)| h.map(|h| (h, e.evacuation.trains_per_day)))
        .collect()
}

/// The computer's evacuations: every working factory with an enemy unit within
/// `threat_hexes` of its city is ordered east.
/// `near_enemy`: steps from each hex to the nearest enemy unit (the AI has them already).
pub fn ai_orders(world: &mut World, camp: Faction, near_enemy: &[u32]) {
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let Some(e) = &scenario.economy else {
        return;
    };
    if !e.evacuation.allowed || !e.evacuation.ai {
        return;
    }
    let near = near_enemy;
    let threatened: Vec<String> = {
        let industry = world.resource::<Industry>();
        e.factories
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                f.side.faction() == camp
                    && industry.status[*i] == Status::Working
                    && industry.hex[*i]
                        .is_some_and(|h| near[h as usize] <= e.evacuation.threat_hexes)
            })
            .map(|(_, f)| f.id.clone())
            .collect()
    };
    for id in threatened {
        // A factory that cannot leave (its city already cut off) stays and works.
        let _ = order(world, &id, camp);
    }
}
