//! Cities taken, the Soviet collapse check, and the outcome of a run (DESIGN.md: Victory and
//! outcome; measurements `captured.<City>`, `controls.<City>`, `soviet_collapse`, `outcome`).

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::Serialize;

use super::calendar::Calendar;
use super::log::EventLog;
use super::schedule::{TurnSchedule, TurnSystems};
use super::world::{Control, Map, ScenarioRes};
use crate::scenario::{Date, Faction, Owner};

/// Who held each hex before the war: the map's borders of 22 June 1941, whatever the
/// scenario's start.
#[derive(Resource, Debug, Clone)]
pub struct StartControl(pub Vec<Owner>);

/// The date each originally Soviet city was first taken by the Axis.
#[derive(Resource, Debug, Default, Clone)]
pub struct Captured(pub BTreeMap<String, Date>);

/// The date the Soviet Union collapsed, if it did.
#[derive(Resource, Debug, Default, Clone)]
pub struct Collapse(pub Option<Date>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    SovietCollapse,
    GermanAdvantage,
    Historical,
    SovietAdvantage,
}

impl OutcomeKind {
    pub fn key(self) -> &'static str {
        match self {
            OutcomeKind::SovietCollapse => "soviet_collapse",
            OutcomeKind::GermanAdvantage => "german_advantage",
            OutcomeKind::Historical => "historical",
            OutcomeKind::SovietAdvantage => "soviet_advantage",
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, check_collapse.in_set(TurnSystems::Events));
}

/// Notes the first Axis capture of an originally Soviet city.
pub fn note_capture(world: &mut World, city: &str, by: Faction) {
    if by != Faction::Axis {
        return;
    }
    let date = world.resource::<Calendar>().date;
    world
        .resource_mut::<Captured>()
        .0
        .entry(city.to_string())
        .or_insert(date);
}

/// Shares held by the Axis of what the Soviet Union held at the start: (victory points,
/// urban population).
pub fn axis_shares(world: &World) -> (f64, f64) {
    shares_of(
        &world.resource::<Map>().0,
        &world.resource::<StartControl>().0,
        &world.resource::<Control>().0,
    )
}

/// What a system needs to work out the Axis's shares of Soviet victory points and people.
#[derive(bevy::ecs::system::SystemParam)]
pub struct Shares<'w> {
    map: Res<'w, Map>,
    start: Res<'w, StartControl>,
    now: Res<'w, Control>,
}

impl Shares<'_> {
    /// (victory points, population) shares held by the Axis.
    pub fn axis(&self) -> (f64, f64) {
        shares_of(&self.map.0, &self.start.0, &self.now.0)
    }
}

fn shares_of(map: &crate::map::HexMap, start: &[Owner], now: &[Owner]) -> (f64, f64) {
    let (mut vp, mut vp_axis, mut pop, mut pop_axis) = (0u64, 0u64, 0u64, 0u64);
    for c in &map.cities {
        if start[c.hex as usize] != Owner::USSR {
            continue;
        }
        let axis = now[c.hex as usize].faction() == Some(Faction::Axis);
        vp += u64::from(c.victory_points);
        pop += u64::from(c.population);
        if axis {
            vp_axis += u64::from(c.victory_points);
            pop_axis += u64::from(c.population);
        }
    }
    let share = |a: u64, t: u64| if t == 0 { 0.0 } else { a as f64 / t as f64 };
    (share(vp_axis, vp), share(pop_axis, pop))
}

fn check_collapse(world: &mut World) {
    if world.resource::<Collapse>().0.is_some() {
        return;
    }
    let rules = world.resource::<ScenarioRes>().0.rules.victory.clone();
    let map = world.resource::<Map>().0.clone();
    let Some(moscow) = map.city("Moscow") else {
        return;
    };
    let moscow_lost =
        world.resource::<Control>().0[moscow.hex as usize].faction() == Some(Faction::Axis);
    let (_, pop) = axis_shares(world);
    if moscow_lost && pop >= rules.collapse_population_share {
        let (turn, date) = {
            let c = world.resource::<Calendar>();
            (c.turn, c.date)
        };
        world.resource_mut::<Collapse>().0 = Some(date);
        world.resource_mut::<EventLog>().push(
            turn,
            date,
            format!(
                "The Soviet Union collapses: Moscow has fallen and the Axis holds {:.0}% of its cities' people",
                pop * 100.0
            ),
        );
    }
}

/// The category of the run so far.
pub fn outcome(world: &World) -> OutcomeKind {
    if world.resource::<Collapse>().0.is_some() {
        return OutcomeKind::SovietCollapse;
    }
    let rules = &world.resource::<ScenarioRes>().0.rules.victory;
    let (vp, _) = axis_shares(world);
    if vp > rules.historical_axis_share + rules.historical_band {
        OutcomeKind::GermanAdvantage
    } else if vp < rules.historical_axis_share - rules.historical_band {
        OutcomeKind::SovietAdvantage
    } else {
        OutcomeKind::Historical
    }
}

/// `captured.<City>` (ISO date or null) and `controls.<City>` for every city with victory
/// points, then `axis_vp_share`, `soviet_collapse` and `outcome`.
pub fn final_measurements(world: &World) -> serde_json::Map<String, serde_json::Value> {
    let map = &world.resource::<Map>().0;
    let control = &world.resource::<Control>().0;
    let start = &world.resource::<StartControl>().0;
    let captured = &world.resource::<Captured>().0;
    let mut out = serde_json::Map::new();
    for c in map.cities.iter().filter(|c| c.victory_points > 0) {
        if start[c.hex as usize] == Owner::USSR {
            out.insert(
                format!("captured.{}", c.name),
                captured
                    .get(&c.name)
                    .map_or(serde_json::Value::Null, |d| d.to_string().into()),
            );
        }
        out.insert(
            format!("controls.{}", c.name),
            control[c.hex as usize].key().into(),
        );
    }
    let (vp, pop) = axis_shares(world);
    out.insert(
        "axis_vp_share".into(),
        ((vp * 1000.0).round() / 1000.0).into(),
    );
    out.insert(
        "axis_population_share".into(),
        ((pop * 1000.0).round() / 1000.0).into(),
    );
    out.insert(
        "soviet_collapse".into(),
        world.resource::<Collapse>().0.is_some().into(),
    );
    out.insert("outcome".into(), outcome(world).key().into());
    // Pockets, in the order they closed.
    let mut pockets: Vec<super::pockets::Pocket> = world
        .try_query::<&super::pockets::Pocket>()
        .map(|mut q| q.iter(world).cloned().collect())
        .unwrap_or_default();
    pockets.sort_by_key(|p| p.id);
    out.insert(
        "pockets".into(),
        pockets
            .iter()
            .map(|p| {
                serde_json::json!({
                    "name": p.name,
                    "side": match p.side {
                        crate::scenario::Faction::Axis => "axis",
                        crate::scenario::Faction::Soviet => "ussr",
                    },
                    "closed": p.closed.to_string(),
                    "men": p.men_at_close,
                    "weeks": p.turns,
                    "outcome": p.outcome,
                    "ended": p.ended.map(|d| d.to_string()),
                    "prisoners": p.prisoners,
                })
            })
            .collect::<Vec<_>>()
            .into(),
    );
    let encircled = world.resource::<super::pockets::Encircled>();
    for hq in &world.resource::<ScenarioRes>().0.hqs {
        out.insert(
            format!("encircled.{}", hq.id),
            encircled
                .first
                .get(&hq.id)
                .map_or(serde_json::Value::Null, |d| d.to_string().into()),
        );
    }
    // Every ring that closed on an HQ, for claims that ask about one time and place.
    let rings: serde_json::Map<String, serde_json::Value> = encircled
        .episodes
        .iter()
        .map(|(hq, dates)| {
            (
                hq.clone(),
                dates
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .into(),
            )
        })
        .collect();
    out.insert("encirclements".into(), rings.into());
    // `supply.<side>` and `german_share_east`: the means over the run's weeks.
    let records = &world.resource::<super::record::Records>().0;
    let keys = crate::scenario::Side::ALL
        .iter()
        .map(|side| format!("supply.{}", side.key()))
        .chain(std::iter::once("german_share_east".to_string()));
    for key in keys {
        let v: Vec<f64> = records
            .iter()
            .filter_map(|r| r.values.get(&key).copied())
            .collect();
        if !v.is_empty() {
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            out.insert(key, ((mean * 1000.0).round() / 1000.0).into());
        }
    }
    // The economy's running totals as they stand at the end.
    if let Some(last) = records.last() {
        for (k, v) in &last.values {
            if ["production.", "lend_lease.", "aircraft.", "trucks."]
                .iter()
                .any(|p| k.starts_with(p))
            {
                out.insert(k.clone(), (*v).into());
            }
        }
    }
    let scenario = &world.resource::<ScenarioRes>().0;
    if let Some(e) = &scenario.economy {
        let industry = world.resource::<super::production::Industry>();
        let list: Vec<serde_json::Value> = e
            .factories
            .iter()
            .zip(&industry.status)
            .map(|(f, st)| {
                serde_json::json!({
                    "id": f.id,
                    "name": f.display_name(),
                    "side": f.side.key(),
                    "status": st.describe(),
                })
            })
            .collect();
        out.insert("factories".into(), list.into());
    }
    out
}
