//! Replacements (DESIGN.md: Production, until the economy issue feeds them): each week the
//! scenario's streams fill each side's pools, and the pools refill worn units toward their
//! establishment, a share a week, less for units still in contact.

use bevy::prelude::*;

use super::calendar::Calendar;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{Establishment, HexPos, Strength, Unit};
use super::world::{Map, ScenarioRes};
use crate::map::NO_HEX;
use crate::scenario::Side;

/// Men and equipment waiting to reach a side's units: [Germany, allies, USSR].
#[derive(Resource, Debug, Clone, Default)]
pub struct Pools(pub [Pool; 3]);

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pool {
    pub men: f64,
    pub tanks: f64,
    pub guns: f64,
}

fn slot(side: Side) -> usize {
    match side {
        Side::Germany => 0,
        Side::AxisAllies => 1,
        Side::USSR => 2,
    }
}

impl Pools {
    pub fn get(&self, side: Side) -> Pool {
        self.0[slot(side)]
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        TurnSchedule,
        (fill, refit).chain().in_set(TurnSystems::Reinforcement),
    );
}

fn fill(
    calendar: Res<Calendar>,
    scenario: Res<ScenarioRes>,
    map: Res<Map>,
    control: Res<super::world::Control>,
    start: Res<super::victory::StartControl>,
    mut pools: ResMut<Pools>,
) {
    // Manpower follows the population still held, as far as the economy says it does.
    let weight = |side: Side| {
        scenario
            .0
            .economy
            .as_ref()
            .map_or(0.0, |e| e.manpower_from_population.get(side))
    };
    let held_share = |side: Side| {
        let (mut held, mut all) = (0.0, 0.0);
        for c in &map.0.cities {
            if start.0[c.hex as usize].side() == Some(side) {
                all += f64::from(c.population);
                if control.0[c.hex as usize].side() == Some(side) {
                    held += f64::from(c.population);
                }
            }
        }
        if all > 0.0 { held / all } else { 1.0 }
    };
    for r in &scenario.0.replacements {
        if r.flows(calendar.date, calendar.week_end()) {
            let w = weight(r.side);
            let men = if w > 0.0 {
                f64::from(r.men_per_week) * (1.0 - w + w * held_share(r.side))
            } else {
                f64::from(r.men_per_week)
            };
            let p = &mut pools.0[slot(r.side)];
            p.men += men;
            p.tanks += f64::from(r.tanks_per_week);
            p.guns += f64::from(r.guns_per_week);
        }
    }
}

fn refit(
    map: Res<Map>,
    scenario: Res<ScenarioRes>,
    mut pools: ResMut<Pools>,
    mut units: Query<(
        Entity,
        &Unit,
        &HexPos,
        &Establishment,
        &mut Strength,
        Option<&super::supply::Supply>,
    )>,
) {
    let map = &map.0;
    let rules = &scenario.0.rules.refit;
    let mut camp_at = vec![[false; 2]; map.len()];
    for (_, u, p, ..) in units.iter() {
        camp_at[p.0 as usize][u.side.faction() as usize] = true;
    }
    // What each unit may take this week, before the pool is shared out; in unit order, so
    // the rounding falls the same way every run.
    let mut list: Vec<_> = units
        .iter()
        .map(|(ent, u, p, e, s, sup)| {
            // Replacements travel with supplies: none reach the cut-off.
            let received = sup.map_or(1.0, |x| if x.isolated { 0.0 } else { x.received });
            (
                u.order,
                ent,
                u.side,
                u.side.faction() as usize,
                p.0,
                *e,
                *s,
                received,
            )
        })
        .collect();
    list.sort_by_key(|x| x.0);
    let mut totals = [[0.0f64; 3]; 3];
    let mut asks: Vec<(Entity, usize, [f64; 3])> = Vec::new();
    for (_, entity, side, camp, hex, est, s, received) in list {
        let contact = map.neighbours[hex as usize]
            .iter()
            .any(|&n| n != NO_HEX && camp_at[n as usize][1 - camp]);
        let share = rules.weekly_share * received * if contact { rules.in_contact } else { 1.0 };
        let ask = |have: u32, full: u32| {
            (f64::from(full.saturating_sub(have))).min((f64::from(full) * share).ceil())
        };
        let a = [
            ask(s.men, est.0.men),
            ask(s.tanks, est.0.tanks),
            ask(s.guns, est.0.guns),
        ];
        for k in 0..3 {
            totals[slot(side)][k] += a[k];
        }
        asks.push((entity, slot(side), a));
    }
    // Each side's pool is shared in proportion to what its units ask, whole numbers only.
    let mut given = [[0.0f64; 3]; 3];
    for (entity, side_slot, a) in &asks {
        let pool = pools.0[*side_slot];
        let have = [pool.men, pool.tanks, pool.guns];
        let mut got = [0u32; 3];
        for k in 0..3 {
            let t = totals[*side_slot][k];
            if t > 0.0 {
                let frac = (have[k] / t).min(1.0);
                got[k] = (a[k] * frac).floor() as u32;
                given[*side_slot][k] += f64::from(got[k]);
            }
        }
        if got == [0; 3] {
            continue;
        }
        if let Ok((_, _, _, _, mut s, _)) = units.get_mut(*entity) {
            s.men += got[0];
            s.tanks += got[1];
            s.guns += got[2];
        }
    }
    for (k, p) in pools.0.iter_mut().enumerate() {
        p.men -= given[k][0];
        p.tanks -= given[k][1];
        p.guns -= given[k][2];
    }
}
