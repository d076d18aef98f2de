//! Production (DESIGN.md: Production): each week every factory makes its output times the
//! war economy's mobilisation, unless it is lost with its city or on the rails east. Tanks
//! and guns fill the pools that refit units and raise new formations; aircraft join the air
//! force, trucks the truck park, and ammunition scales what the supply sources send.
//! Germany sends its `east_share` of each item East; the rest goes to the West.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::record::{name, name_year};
use super::replacement::Pools;
use super::schedule::{TurnSchedule, TurnSystems};
use super::world::{Control, Map, ScenarioRes};
use crate::map::HexId;
use crate::scenario::economy_file::{ITEMS, Place, mobilisation_on};
use crate::scenario::{Date, Scenario, Side};

/// Where a factory stands in its life.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    Working,
    /// On the rails east since `ordered`, `weeks_done` weeks of the move behind it.
    Moving {
        ordered: Date,
        weeks_done: u32,
    },
    /// Rebuilt in the evacuation box, working at `share` of its old output.
    Relocated {
        since: Date,
        share: f64,
    },
    /// Taken with its city, on this date.
    Lost(Date),
}

impl Status {
    /// The share of its listed output it makes this week.
    pub fn share(&self) -> f64 {
        match self {
            Status::Working => 1.0,
            Status::Relocated { share, .. } => *share,
            Status::Moving { .. } | Status::Lost(_) => 0.0,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Status::Working => "working".into(),
            Status::Moving { ordered, .. } => format!("on the rails east since {}", ordered.long()),
            Status::Relocated { since, share } => {
                format!(
                    "rebuilt since {}, at {:.0}% of its old output",
                    since.long(),
                    share * 100.0
                )
            }
            Status::Lost(d) => format!("lost on {}", d.long()),
        }
    }
}

/// The economy's state: factories, what they have made, the air forces and truck parks.
#[derive(Resource, Debug, Clone, Default)]
pub struct Industry {
    /// One per factory of the scenario, in its order.
    pub status: Vec<Status>,
    /// The city hex of each factory (None for a box).
    pub hex: Vec<Option<HexId>>,
    /// Made so far, by side, item and year (all of it, East and West).
    pub made: BTreeMap<(Side, usize, i32), f64>,
    /// Made this week, by side slot and item.
    pub week: [[f64; 5]; 3],
    /// Ammunition made in the first week, by side slot: what supply sources are scaled by.
    pub first_supply: [Option<f64>; 3],
    /// Aircraft in the theatre, by side slot.
    pub aircraft: [f64; 3],
    /// Trucks in the theatre, by side slot, and at the start.
    pub trucks: [f64; 3],
    pub start_trucks: [f64; 3],
    /// Extra Soviet output this week from Lend-Lease food and raw materials.
    pub lend_lease_bonus: f64,
}

pub fn slot(side: Side) -> usize {
    match side {
        Side::Germany => 0,
        Side::AxisAllies => 1,
        Side::USSR => 2,
    }
}

impl Industry {
    pub fn new(scenario: &Scenario, map: &crate::map::HexMap) -> Self {
        let factories = scenario
            .economy
            .as_ref()
            .map_or(&[][..], |e| &e.factories[..]);
        let sides = &scenario.sides;
        let air = |s: Side| f64::from(sides.get(s).aircraft);
        let trucks = |s: Side| f64::from(sides.get(s).trucks);
        Self {
            status: vec![Status::Working; factories.len()],
            hex: factories
                .iter()
                .map(|f| match &f.at {
                    Place::City(c) => map.city(c).map(|c| c.hex),
                    Place::Box(_) => None,
                })
                .collect(),
            aircraft: Side::ALL.map(air),
            trucks: Side::ALL.map(trucks),
            start_trucks: Side::ALL.map(trucks),
            ..Default::default()
        }
    }

    /// Share of a camp's truck park at the start still running (1 where it had none).
    pub fn truck_share(&self, camp: crate::scenario::Faction) -> f64 {
        let (mut now, mut start) = (0.0, 0.0);
        for s in Side::ALL.into_iter().filter(|s| s.faction() == camp) {
            now += self.trucks[slot(s)];
            start += self.start_trucks[slot(s)];
        }
        if start > 0.0 { now / start } else { 1.0 }
    }

    /// This week's ammunition against the first week's, for a camp (1 where it makes none).
    pub fn supply_share(&self, camp: crate::scenario::Faction) -> f64 {
        let (mut now, mut first) = (0.0, 0.0);
        for s in Side::ALL.into_iter().filter(|s| s.faction() == camp) {
            if let Some(f) = self.first_supply[slot(s)] {
                now += self.week[slot(s)][3];
                first += f;
            }
        }
        if first > 0.0 { now / first } else { 1.0 }
    }

    /// Share of a side's listed capacity at work, averaged over the items it makes: the
    /// industrial index, before mobilisation.
    pub fn index(&self, scenario: &Scenario, side: Side) -> Option<f64> {
        let e = scenario.economy.as_ref()?;
        let mut shares = Vec::new();
        for item in 0..ITEMS.len() {
            let (mut at_work, mut listed) = (0.0, 0.0);
            for (f, st) in e.factories.iter().zip(&self.status) {
                if f.side == side {
                    listed += f.output.get(item);
                    at_work += f.output.get(item) * st.share();
                }
            }
            if listed > 0.0 {
                shares.push(at_work / listed);
            }
        }
        (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
    }

    /// `production.<side>.<item>.<year>`, `output.<side>.<item>`, `aircraft.<side>`,
    /// `trucks.<side>` and `industry.<side>` (DESIGN.md: Measurements).
    pub fn measurements(&self, scenario: &Scenario, out: &mut BTreeMap<String, f64>) {
        let Some(e) = &scenario.economy else {
            return;
        };
        for side in Side::ALL {
            let k = side.key();
            if !e.factories.iter().any(|f| f.side == side) {
                continue;
            }
            for (i, item) in ITEMS.iter().enumerate() {
                out.insert(
                    name(&["output.", k, ".", item]),
                    self.week[slot(side)][i].round(),
                );
            }
            if let Some(ix) = self.index(scenario, side) {
                out.insert(name(&["industry.", k]), (ix * 1000.0).round() / 1000.0);
            }
        }
        for ((side, item, year), v) in &self.made {
            out.insert(
                name_year(&["production.", side.key(), ".", ITEMS[*item], "."], *year),
                v.round(),
            );
        }
        for side in Side::ALL {
            out.insert(
                name(&["aircraft.", side.key()]),
                self.aircraft[slot(side)].round(),
            );
            if self.start_trucks[slot(side)] > 0.0 {
                out.insert(
                    name(&["trucks.", side.key()]),
                    self.trucks[slot(side)].round(),
                );
            }
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        TurnSchedule,
        (wear_tanks, produce)
            .chain()
            .in_set(TurnSystems::Production),
    );
}

/// Tanks break down on the march and are lost outside battle: a share a week of those in
/// the units on the map, which refits from the pools then replace.
fn wear_tanks(
    scenario: Res<ScenarioRes>,
    mut units: Query<
        (&super::units::Unit, &mut super::units::Strength),
        With<super::units::HexPos>,
    >,
) {
    let Some(e) = &scenario.0.economy else {
        return;
    };
    for (u, mut s) in &mut units {
        let share = e.tank_wear_per_week.get(u.side);
        if share > 0.0 && s.tanks > 0 {
            let lost = (f64::from(s.tanks) * share).round() as u32;
            s.tanks -= lost.min(s.tanks);
        }
    }
}

fn produce(
    calendar: Res<Calendar>,
    scenario: Res<ScenarioRes>,
    map: Res<Map>,
    control: Res<Control>,
    mut industry: ResMut<Industry>,
    mut pools: ResMut<Pools>,
    mut log: ResMut<EventLog>,
) {
    let Some(e) = &scenario.0.economy else {
        return;
    };
    let date = calendar.date;
    let industry = &mut *industry;
    // Wear and losses come off what stood at the start of the week.
    for side in Side::ALL {
        let s = slot(side);
        industry.aircraft[s] *= 1.0 - e.aircraft_losses_per_week.get(side);
        industry.trucks[s] *= 1.0 - e.truck_wear_per_week.get(side);
    }
    let mobilisation = Side::ALL.map(|s| mobilisation_on(&e.mobilisation, s, date));
    let ev = &e.evacuation;
    let mut week = [[0.0f64; 5]; 3];
    for (i, f) in e.factories.iter().enumerate() {
        let name = f.display_name();
        // A factory whose city the enemy holds is lost, unless its trains are already gone.
        if let Some(hex) = industry.hex[i] {
            let held = control.0[hex as usize].faction() == Some(f.side.faction());
            let exposed = match industry.status[i] {
                Status::Working => true,
                Status::Moving { weeks_done, .. } => weeks_done < ev.loading_weeks,
                _ => false,
            };
            if !held && exposed {
                let place = map.0.describe(hex);
                let what = if matches!(industry.status[i], Status::Moving { .. }) {
                    "still loading when the enemy arrived"
                } else {
                    "not evacuated"
                };
                log.push(
                    calendar.turn,
                    date,
                    format!("{name} lost with {place} ({what})"),
                );
                industry.status[i] = Status::Lost(date);
            }
        }
        if let Status::Moving {
            ordered,
            weeks_done,
        } = industry.status[i]
        {
            let done = weeks_done + 1;
            industry.status[i] = if done >= ev.weeks {
                log.push(
                    calendar.turn,
                    date,
                    format!(
                        "{name} restarts in the east at {:.0}% of its old output",
                        ev.restart_share * 100.0
                    ),
                );
                Status::Relocated {
                    since: date,
                    share: ev.restart_share,
                }
            } else {
                Status::Moving {
                    ordered,
                    weeks_done: done,
                }
            };
        }
        let share = industry.status[i].share();
        let bonus = if f.side == Side::USSR {
            1.0 + industry.lend_lease_bonus
        } else {
            1.0
        };
        for (k, base) in f.output.as_array().into_iter().enumerate() {
            week[slot(f.side)][k] += base * share * mobilisation[slot(f.side)][k] * bonus;
        }
        if let Status::Relocated { since, share } = industry.status[i] {
            industry.status[i] = Status::Relocated {
                since,
                share: (share + ev.growth_per_week).min(ev.peak_share),
            };
        }
    }
    for side in Side::ALL {
        let s = slot(side);
        for (k, v) in week[s].iter().enumerate() {
            if *v > 0.0 {
                *industry.made.entry((side, k, date.year())).or_default() += v;
            }
        }
        if industry.first_supply[s].is_none() && week[s][3] > 0.0 {
            industry.first_supply[s] = Some(week[s][3]);
        }
        // Germany's West takes its share; everything else reaches the East.
        let east = match (&e.allocation, side) {
            (Some(a), Side::Germany) => a.east_share.as_array(),
            _ => [1.0; 5],
        };
        let pool = &mut pools.0[s];
        pool.tanks += week[s][0] * east[0];
        industry.aircraft[s] += week[s][1] * east[1];
        pool.guns += week[s][2] * east[2];
        industry.trucks[s] += week[s][4] * east[4];
    }
    industry.week = week;
}
