//! New formations (DESIGN.md: Production): once the pools have refitted the units, what is
//! left raises new units from the scenario's templates, in the order listed. And Germany's
//! allocation: divisions the West asks for but is not sent go East as corps.
//! New units are raised at the end of a turn and reach the map with next week's arrivals.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::replacement::Pools;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{Cohesion, Establishment, Experience, Pending, Strength, Unit};
use super::world::{Control, Map, ScenarioRes};
use crate::scenario::allocation_file::elsewhere_on;
use crate::scenario::economy_file::Formation;

/// How many units each template has raised, and Germany's split this week.
#[derive(Resource, Debug, Clone)]
pub struct Raised {
    pub by_template: BTreeMap<String, u32>,
    /// Share of the West's demand Germany meets (the decision; the scenario's to start).
    pub west_share_met: f64,
    /// Divisions kept back from the West and sent East so far.
    pub sent_east: u32,
}

impl Default for Raised {
    fn default() -> Self {
        Self {
            by_template: BTreeMap::new(),
            west_share_met: 1.0,
            sent_east: 0,
        }
    }
}

impl Raised {
    /// The German divisions standing in the West on `date`.
    pub fn west_divisions(
        &self,
        scenario: &crate::scenario::Scenario,
        date: crate::scenario::Date,
    ) -> u32 {
        elsewhere_on(&scenario.german_divisions_elsewhere, date).saturating_sub(self.sent_east)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, raise.in_set(TurnSystems::Events));
}

fn raise(world: &mut World) {
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let Some(e) = &scenario.economy else {
        return;
    };
    let calendar = world.resource::<Calendar>().clone();
    let date = calendar.date;
    // Divisions kept back from the West first: they exist already and need no pool.
    if let Some(a) = &e.allocation {
        let share = world.resource::<Raised>().west_share_met;
        let demand = elsewhere_on(&scenario.german_divisions_elsewhere, date);
        let kept_back = (f64::from(demand) * (1.0 - share)).floor() as u32;
        let d = a.sent_east.divisions.max(1);
        while world.resource::<Raised>().sent_east + d <= kept_back {
            if !spawn(world, &a.sent_east, &calendar, "sent East instead of West") {
                break;
            }
            world.resource_mut::<Raised>().sent_east += d;
        }
    }
    for f in &e.formations {
        if date < f.from || f.to.is_some_and(|to| date > to) {
            continue;
        }
        for _ in 0..f.per_week {
            let slot = super::production::slot(f.side);
            let pool = world.resource::<Pools>().0[slot];
            let affordable = pool.men >= f64::from(f.men)
                && pool.tanks >= f64::from(f.tanks)
                && pool.guns >= f64::from(f.guns);
            if !affordable || !spawn(world, f, &calendar, "raised from the pools") {
                break;
            }
            let mut pools = world.resource_mut::<Pools>();
            let p = &mut pools.0[slot];
            p.men -= f64::from(f.men);
            p.tanks -= f64::from(f.tanks);
            p.guns -= f64::from(f.guns);
        }
    }
}

/// Raises the next unit of template `f` at the first of its cities its camp holds. False if
/// it holds none of them.
fn spawn(world: &mut World, f: &Formation, calendar: &Calendar, how: &str) -> bool {
    let map = world.resource::<Map>().0.clone();
    let Some(city) = f.at.iter().filter_map(|c| map.city(c)).find(|c| {
        world.resource::<Control>().0[c.hex as usize].faction() == Some(f.side.faction())
    }) else {
        return false;
    };
    let (hex, city_name) = (city.hex, city.name.clone());
    let mut q = world.query::<&Unit>();
    let order = q.iter(world).map(|u| u.order + 1).max().unwrap_or(0);
    // Asked of the units for the few names tried: copying every unit's id into a set for
    // each unit raised was a cost of its own.
    let mut taken = |name: &str| q.iter(world).any(|u| u.id == name);
    let mut k = world
        .resource::<Raised>()
        .by_template
        .get(&f.id)
        .copied()
        .unwrap_or(0);
    // Numbers the scenario already uses are skipped, so every unit keeps its own name.
    let mut name = f.name_of(k);
    while taken(&name) {
        k += 1;
        name = f.name_of(k);
    }
    world
        .resource_mut::<Raised>()
        .by_template
        .insert(f.id.clone(), k + 1);
    let strength = Strength {
        men: f.men,
        tanks: f.tanks,
        guns: f.guns,
        divisions: f.divisions,
    };
    world.spawn((
        Name::new(name.clone()),
        Unit {
            id: name.clone(),
            name: name.clone(),
            kind: f.kind,
            side: f.side,
            nation: None,
            hq: f.parent.clone(),
            order,
        },
        strength,
        Establishment(strength),
        Cohesion(f.cohesion),
        Experience(f.experience),
        Pending {
            date: calendar.week_end().add_days(1),
            hex,
        },
    ));
    world.resource_mut::<EventLog>().push(
        calendar.turn,
        calendar.date,
        format!(
            "{name} formed at {city_name}, {how}: {} men, {} tanks, {} guns",
            crate::words::thousands(f64::from(f.men)),
            f.tanks,
            f.guns
        ),
    );
    true
}
