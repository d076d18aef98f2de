//! Between battles: units regain cohesion, faster out of contact, and worn-out remnants join
//! a neighbouring formation of their side rather than holding a hex as a husk.

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{Cohesion, HexPos, Strength, Unit};
use super::world::{Map, ScenarioRes};
use crate::map::{HexId, NO_HEX};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        TurnSchedule,
        (recover, merge_remnants)
            .chain()
            .in_set(TurnSystems::Reinforcement),
    );
}

fn recover(
    map: Res<Map>,
    scenario: Res<ScenarioRes>,
    mut units: Query<(
        &Unit,
        &HexPos,
        &mut Cohesion,
        Option<&super::supply::Supply>,
    )>,
) {
    let map = &map.0;
    let r = scenario.0.rules.combat.recovery;
    let mut enemy_of = vec![[false; 2]; map.len()];
    for (u, p, ..) in &units {
        enemy_of[p.0 as usize][u.side.faction() as usize] = true;
    }
    for (u, p, mut c, supply) in &mut units {
        let mine = u.side.faction() as usize;
        let in_contact = map.neighbours[p.0 as usize]
            .iter()
            .any(|&n| n != NO_HEX && enemy_of[n as usize][1 - mine]);
        let gain = if in_contact { r.front } else { r.rear };
        // Rest restores a unit only as far as supplies reach it; the cut-off do not recover.
        let received = supply.map_or(1.0, |s| if s.isolated { 0.0 } else { s.received });
        c.0 = (c.0 + (f64::from(gain) * received).round() as u32).min(100);
    }
}

fn merge_remnants(
    mut commands: Commands,
    map: Res<Map>,
    scenario: Res<ScenarioRes>,
    calendar: Res<Calendar>,
    mut log: ResMut<EventLog>,
    mut units: Query<(Entity, &Unit, &HexPos, &mut Strength)>,
) {
    let floor = scenario.0.rules.combat.remnant_men;
    if floor == 0 {
        return;
    }
    let map = &map.0;
    let mut all: Vec<(Entity, u32, String, crate::scenario::Side, HexId, Strength)> = units
        .iter()
        .map(|(e, u, p, s)| (e, u.order, u.name.clone(), u.side, p.0, *s))
        .collect();
    all.sort_by_key(|x| x.1);
    let mut gone: Vec<Entity> = Vec::new();
    for i in 0..all.len() {
        let (e, _, name, side, hex, s) = all[i].clone();
        if s.men >= floor || gone.contains(&e) {
            continue;
        }
        // The strongest unit of the same side in this hex or next to it takes them in.
        let host = all
            .iter()
            .enumerate()
            .filter(|(_, x)| {
                x.0 != e
                    && x.3 == side
                    && x.5.men >= floor
                    && !gone.contains(&x.0)
                    && map.distance(x.4, hex) <= 1
            })
            .max_by_key(|(_, x)| (x.5.men, std::cmp::Reverse(x.1)))
            .map(|(j, _)| j);
        let Some(j) = host else { continue };
        let host_entity = all[j].0;
        let host_name = all[j].2.clone();
        if let Ok((.., mut hs)) = units.get_mut(host_entity) {
            hs.men += s.men;
            hs.tanks += s.tanks;
            hs.guns += s.guns;
            hs.divisions += s.divisions;
            all[j].5 = *hs;
        }
        gone.push(e);
        commands.entity(e).despawn();
        log.push(
            calendar.turn,
            calendar.date,
            format!(
                "{name}, worn down to {} men, joins {host_name}",
                crate::words::thousands(f64::from(s.men))
            ),
        );
    }
}
