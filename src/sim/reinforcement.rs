//! Units on the scenario's schedule enter play in the week of their `arrives` date.

use std::collections::{HashMap, VecDeque};

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{HexPos, Pending, Unit};
use super::world::{Control, Map, ScenarioRes};
use crate::map::{HexId, HexMap, NO_HEX};
use crate::scenario::{Faction, Owner};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, arrive.in_set(TurnSystems::Reinforcement));
}

fn arrive(
    mut commands: Commands,
    calendar: Res<Calendar>,
    map: Res<Map>,
    control: Res<Control>,
    scenario: Res<ScenarioRes>,
    mut log: ResMut<EventLog>,
    pending: Query<(Entity, &Unit, &Pending)>,
    placed: Query<(&Unit, &HexPos)>,
) {
    let mut due: Vec<(Entity, &Unit, &Pending)> = pending
        .iter()
        .filter(|(_, _, p)| p.date <= calendar.week_end())
        .collect();
    if due.is_empty() {
        return;
    }
    due.sort_by_key(|(_, u, _)| u.order);
    let mut stacks: HashMap<(HexId, Faction), u32> = HashMap::new();
    for (u, pos) in &placed {
        *stacks.entry((pos.0, u.side.faction())).or_default() += 1;
    }
    let limit = scenario.0.rules.stacking_limit;
    for (entity, unit, pending) in due {
        let faction = unit.side.faction();
        let Some(hex) = entry_hex(&map.0, &control.0, &stacks, limit, pending.hex, faction) else {
            // Nowhere to stand this week (the side holds no free land): try again next week.
            continue;
        };
        *stacks.entry((hex, faction)).or_default() += 1;
        commands
            .entity(entity)
            .remove::<Pending>()
            .insert(HexPos(hex));
        let place = map.0.describe(hex);
        log.push(
            calendar.turn,
            calendar.date,
            format!("{} arrives at {place}", unit.name),
        );
    }
}

/// The planned hex if the side holds it and it has room, else the nearest hex that does.
fn entry_hex(
    map: &HexMap,
    control: &[Owner],
    stacks: &HashMap<(HexId, Faction), u32>,
    limit: u32,
    wanted: HexId,
    faction: Faction,
) -> Option<HexId> {
    let ok = |h: HexId| {
        map.is_land(h)
            && control[h as usize].faction() == Some(faction)
            && stacks.get(&(h, faction)).copied().unwrap_or(0) < limit
    };
    let mut seen = vec![false; map.len()];
    let mut queue = VecDeque::from([wanted]);
    seen[wanted as usize] = true;
    while let Some(h) = queue.pop_front() {
        if ok(h) {
            return Some(h);
        }
        for &n in &map.neighbours[h as usize] {
            if n != NO_HEX && !seen[n as usize] && map.is_land(n) {
                seen[n as usize] = true;
                queue.push_back(n);
            }
        }
    }
    None
}
