//! Encirclement (DESIGN.md: Encirclement): cut-off units that touch form a pocket, an entity
//! with a name, its units and men, the date it closed and the weeks it has lasted. Each week
//! a pocket is fed what its side's transports fly in, loses men, equipment and cohesion for
//! what it lacks, and from its second week may surrender. The log tells each formation,
//! relief and surrender with its size.

use std::collections::BTreeMap;

use bevy::platform::collections::HashMap;

use bevy::prelude::*;
use rand::RngExt;
use serde::Serialize;

use super::calendar::Calendar;
use super::log::EventLog;
use super::rng::SimRng;
use super::schedule::{TurnSchedule, TurnSystems};
use super::supply::{Supply, SupplyState};
use super::tally::Tally;
use super::units::{Cohesion, HexPos, Strength, Unit};
use super::weather::Weather;
use super::world::{Control, Map, ScenarioRes};
use crate::map::HexId;
use crate::scenario::{Date, Faction, Side};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PocketOutcome {
    Open,
    Relieved,
    Surrendered,
    /// Its last units fell in battle.
    Destroyed,
}

/// A pocket, open or ended.
#[derive(Component, Debug, Clone, Serialize)]
pub struct Pocket {
    pub id: u32,
    pub name: String,
    pub side: Faction,
    /// Ids of the units inside.
    pub units: Vec<String>,
    /// Men inside when it closed, and now.
    pub men_at_close: u64,
    pub men: u64,
    pub closed: Date,
    pub turns: u32,
    pub outcome: PocketOutcome,
    pub ended: Option<Date>,
    /// Men taken prisoner when it surrendered.
    pub prisoners: u64,
    /// Tons a day flown in last week, and tons a day it needs.
    pub airlift_tons: f64,
    pub need_tons: f64,
}

/// Transport tons a day each camp has ordered flown into which pocket this week.
#[derive(Resource, Debug, Clone, Default)]
pub struct AirliftOrders(pub Vec<(Faction, u32, u32)>);

impl AirliftOrders {
    pub fn assigned(&self, camp: Faction) -> u32 {
        self.0
            .iter()
            .filter(|(c, ..)| *c == camp)
            .map(|(.., t)| *t)
            .sum()
    }
}

/// When each HQ's units were mostly cut off: the first time (`encircled.<HQ>`) and every
/// time a ring closed on them again after they had been freed, so that a claim about 6th
/// Army in November 1942 is not decided by a pocket of 1941.
#[derive(Resource, Debug, Clone, Default)]
pub struct Encircled {
    pub first: BTreeMap<String, Date>,
    pub episodes: BTreeMap<String, Vec<Date>>,
    now: std::collections::BTreeSet<String>,
}

#[derive(Resource, Debug, Clone, Copy, Default)]
struct NextPocketId(u32);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AirliftOrders>()
        .init_resource::<Encircled>()
        .init_resource::<NextPocketId>()
        .add_systems(
            TurnSchedule,
            (encircle, encircled_hqs)
                .chain()
                .in_set(TurnSystems::Encirclement),
        );
}

/// A side's transport pool, tons a day, summed over the camp's sides.
pub fn transport_pool(world: &World, camp: Faction) -> u32 {
    let sides = &world.resource::<ScenarioRes>().0.sides;
    Side::ALL
        .into_iter()
        .filter(|s| s.faction() == camp)
        .map(|s| sides.get(s).air_transport)
        .sum()
}

/// The share of ordered tons that reach a pocket: weather at the pocket and distance from the
/// nearest friendly airfield (a city the camp supplies). Zero beyond the airlift's range.
pub fn airlift_delivery(world: &World, camp: Faction, hexes: &[HexId]) -> f64 {
    let scenario = &world.resource::<ScenarioRes>().0;
    let map = &world.resource::<Map>().0;
    let control = &world.resource::<Control>().0;
    let trace = world.resource::<SupplyState>().of(camp);
    if trace.cost.is_empty() || hexes.is_empty() {
        return 0.0;
    }
    let nearest_km = map
        .cities
        .iter()
        .filter(|c| control[c.hex as usize].faction() == Some(camp) && trace.reaches(c.hex))
        .flat_map(|c| hexes.iter().map(move |&h| map.distance(c.hex, h)))
        .min()
        .map_or(f64::INFINITY, |d| f64::from(d) * map.hex_km);
    let max = scenario.rules.airlift.max_km;
    if nearest_km > max {
        return 0.0;
    }
    let flying = scenario
        .rules
        .air
        .flying
        .get(world.resource::<Weather>().at(hexes[0]));
    flying * (1.0 - 0.5 * nearest_km / max.max(1.0))
}

/// Tons a day `men` cut off need to hold out.
pub fn need_tons(world: &World, men: u64) -> f64 {
    men as f64 / 1000.0
        * world
            .resource::<ScenarioRes>()
            .0
            .rules
            .airlift
            .tons_per_thousand_men
}

struct Cut {
    entity: Entity,
    id: String,
    name: String,
    side: Side,
    hex: HexId,
    men: u32,
    cohesion: u32,
    /// Weeks in a row it has been cut off, this one included.
    weeks: u32,
}

fn encircle(world: &mut World) {
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let (turn, date) = {
        let c = world.resource::<Calendar>();
        (c.turn, c.date)
    };
    let mut q =
        super::queries::kept::<(Entity, &Unit, &HexPos, &Strength, &Cohesion, &Supply), ()>(world);
    let mut cut: Vec<Cut> = Vec::new();
    let mut free: Vec<(Faction, HexId)> = Vec::new();
    for (e, u, p, s, c, sup) in q.iter(world) {
        if sup.isolated {
            cut.push(Cut {
                entity: e,
                id: u.id.clone(),
                name: u.name.clone(),
                side: u.side,
                hex: p.0,
                men: s.men,
                cohesion: c.0,
                weeks: sup.turns_isolated,
            });
        } else {
            free.push((u.side.faction(), p.0));
        }
    }
    cut.sort_by(|a, b| a.id.cmp(&b.id));
    // Groups: cut-off units of one camp that touch, transitively.
    let mut group: Vec<usize> = (0..cut.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    for i in 0..cut.len() {
        for j in i + 1..cut.len() {
            if cut[i].side.faction() == cut[j].side.faction()
                && map.distance(cut[i].hex, cut[j].hex) <= 1
            {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..cut.len() {
        let r = root(&mut group, i);
        groups.entry(r).or_default().push(i);
    }

    let mut pq = world.query::<(Entity, &Pocket)>();
    let mut open: Vec<(Entity, Pocket)> = pq
        .iter(world)
        .filter(|(_, p)| p.outcome == PocketOutcome::Open)
        .map(|(e, p)| (e, p.clone()))
        .collect();
    open.sort_by_key(|(_, p)| p.id);
    let mut matched: Vec<u32> = Vec::new();
    let orders = world.resource::<AirliftOrders>().clone();
    for members in groups.values() {
        let camp = cut[members[0]].side.faction();
        let ids: Vec<String> = members.iter().map(|&i| cut[i].id.clone()).collect();
        let hexes: Vec<HexId> = members.iter().map(|&i| cut[i].hex).collect();
        let men: u64 = members.iter().map(|&i| u64::from(cut[i].men)).sum();
        // The same pocket as last week if it shares a unit with it.
        let existing = open
            .iter()
            .find(|(_, p)| {
                p.side == camp
                    && !matched.contains(&p.id)
                    && p.units.iter().any(|u| ids.contains(u))
            })
            .map(|(e, p)| (*e, p.clone()));
        let existing_entity = existing.as_ref().map(|(e, _)| *e);
        // A ring that opens again within the week is a spearhead's passing gap, not a
        // pocket: a pocket is declared in its second week, dated from the first.
        let weeks = members.iter().map(|&i| cut[i].weeks).max().unwrap_or(0);
        let mut pocket = match existing {
            Some((_, p)) => p,
            None if weeks < 2 => {
                starve(world, &scenario, &cut, members, 0.0, date.year());
                continue;
            }
            None => {
                let id = world.resource::<NextPocketId>().0;
                world.resource_mut::<NextPocketId>().0 += 1;
                let name = pocket_name(&map, &hexes, members.iter().map(|&i| &cut[i]));
                let closed = date.add_days(-7 * (weeks as i32 - 1));
                let whose = match camp {
                    Faction::Axis => "Axis",
                    Faction::Soviet => "Soviet",
                };
                let text = format!(
                    "The {name} pocket closed on {}: {} {whose} men of {} cut off",
                    closed.long(),
                    crate::words::thousands(men as f64),
                    plural(members.len(), "unit")
                );
                world.resource_mut::<EventLog>().push(turn, date, text);
                Pocket {
                    id,
                    name,
                    side: camp,
                    units: Vec::new(),
                    men_at_close: men,
                    men,
                    closed,
                    turns: weeks,
                    outcome: PocketOutcome::Open,
                    ended: None,
                    prisoners: 0,
                    airlift_tons: 0.0,
                    need_tons: 0.0,
                }
            }
        };
        matched.push(pocket.id);
        pocket.units = ids;
        pocket.men = men;
        if existing_entity.is_some() {
            pocket.turns += 1;
        }
        // Airlift: what was ordered, times what weather and distance let through.
        let ordered: f64 = orders
            .0
            .iter()
            .filter(|(c, p, _)| *c == camp && *p == pocket.id)
            .map(|(.., t)| f64::from(*t))
            .sum();
        let delivered = ordered * airlift_delivery(world, camp, &hexes);
        let need = need_tons(world, men);
        let fed = if need <= 0.0 {
            1.0
        } else if delivered <= 0.0 {
            0.0
        } else {
            (delivered / need).min(1.0)
        };
        pocket.airlift_tons = delivered;
        pocket.need_tons = need;
        let year = date.year();
        for &i in members {
            let c = &cut[i];
            if let Some(mut s) = world.entity_mut(c.entity).get_mut::<Supply>() {
                s.received = fed;
                s.why = Some(if fed > 0.0 {
                    format!(
                        "cut off in the {} pocket; the airlift brings {:.0}% of its needs",
                        pocket.name,
                        fed * 100.0
                    )
                } else {
                    format!("cut off in the {} pocket", pocket.name)
                });
            }
        }
        starve(world, &scenario, &cut, members, fed, year);
        let iso = &scenario.rules.isolation;
        let lack = 1.0 - fed;
        // Surrender: from the second week, likelier the longer it lasts, the lower its
        // cohesion (a fresh pocket at half the rate of a broken one) and the less it is fed,
        // and less likely with friends near.
        let cohesion = members
            .iter()
            .map(|&i| f64::from(cut[i].cohesion.min(100)) * f64::from(cut[i].men))
            .sum::<f64>()
            / (men.max(1) as f64)
            / 100.0;
        let near_relief = free.iter().any(|&(f, h)| {
            f == camp
                && hexes
                    .iter()
                    .any(|&x| map.distance(x, h) <= iso.relief_hexes)
        });
        let largest = members
            .iter()
            .map(|&i| &cut[i])
            .max_by_key(|c| (c.men, std::cmp::Reverse(c.id.clone())))
            .map_or(Side::USSR, |c| c.side);
        let chance = (iso.surrender_chance.get(largest)
            * f64::from(pocket.turns.saturating_sub(1))
            * (1.0 - 0.5 * cohesion)
            * lack
            * if near_relief { iso.relief_factor } else { 1.0 })
        .clamp(0.0, 1.0);
        let roll: f64 = world.resource_mut::<SimRng>().0.random_range(0.0..1.0);
        if pocket.turns >= 2 && roll < chance {
            let taker = match camp {
                Faction::Axis => Side::USSR,
                Faction::Soviet => Side::Germany,
            };
            let mut prisoners = 0u64;
            for &i in members {
                let c = &cut[i];
                let left = world.get::<Strength>(c.entity).map_or(0, |s| s.men);
                prisoners += u64::from(left);
                let mut tally = world.resource_mut::<Tally>();
                tally.lose(c.side, year, u64::from(left));
                tally.capture(taker, year, u64::from(left));
                world.despawn(c.entity);
            }
            pocket.outcome = PocketOutcome::Surrendered;
            pocket.ended = Some(date);
            pocket.prisoners = prisoners;
            let text = format!(
                "The {} pocket surrenders after {}: {} men taken prisoner",
                pocket.name,
                plural(pocket.turns as usize, "week"),
                crate::words::thousands(prisoners as f64)
            );
            world.resource_mut::<EventLog>().push(turn, date, text);
        }
        match existing_entity {
            Some(e) => {
                world.entity_mut(e).insert(pocket);
            }
            None => {
                world.spawn(pocket);
            }
        }
    }
    // Pockets no group continues: relieved, or gone with their last men.
    for (e, mut p) in open {
        if matched.contains(&p.id) {
            continue;
        }
        let alive = {
            let mut uq = world.query::<&Unit>();
            uq.iter(world).any(|u| p.units.contains(&u.id))
        };
        p.ended = Some(date);
        let text = if alive {
            p.outcome = PocketOutcome::Relieved;
            format!(
                "The {} pocket is relieved after {}",
                p.name,
                plural(p.turns as usize, "week")
            )
        } else {
            p.outcome = PocketOutcome::Destroyed;
            format!("The {} pocket is destroyed", p.name)
        };
        world.resource_mut::<EventLog>().push(turn, date, text);
        world.entity_mut(e).insert(p);
    }
    world.resource_mut::<AirliftOrders>().0.clear();
}

/// Hunger, cold and want of fuel and shells, for what the airlift does not bring.
fn starve(
    world: &mut World,
    scenario: &crate::scenario::Scenario,
    cut: &[Cut],
    members: &[usize],
    fed: f64,
    year: i32,
) {
    let iso = &scenario.rules.isolation;
    let lack = 1.0 - fed;
    for &i in members {
        let c = &cut[i];
        let mut e = world.entity_mut(c.entity);
        let mut lost = 0;
        if let Some(mut s) = e.get_mut::<Strength>() {
            let share = |n: u32, of: f64| ((f64::from(n) * of * lack).round() as u32).min(n);
            lost = share(s.men, iso.men_attrition);
            s.men -= lost;
            s.tanks -= share(s.tanks, iso.equipment_attrition);
            s.guns -= share(s.guns, iso.equipment_attrition);
        }
        if let Some(mut co) = e.get_mut::<Cohesion>() {
            co.0 =
                co.0.saturating_sub((f64::from(iso.cohesion_loss) * lack).round() as u32);
        }
        world
            .resource_mut::<Tally>()
            .lose(c.side, year, u64::from(lost));
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The largest city among or next to the pocket's hexes; failing that, its largest unit.
fn pocket_name<'a>(
    map: &crate::map::HexMap,
    hexes: &[HexId],
    units: impl Iterator<Item = &'a Cut>,
) -> String {
    let city = map
        .cities
        .iter()
        .filter(|c| hexes.iter().any(|&h| map.distance(h, c.hex) <= 1))
        .max_by_key(|c| (c.population, std::cmp::Reverse(c.hex)));
    match city {
        Some(c) => c.name.clone(),
        None => units
            .max_by_key(|c| (c.men, std::cmp::Reverse(c.id.clone())))
            .map_or_else(|| "unnamed".to_string(), |c| c.name.clone()),
    }
}

/// `encircled.<HQ>`: the first date most of the men under an HQ (its own units and those of
/// every HQ below it) were in pockets.
fn encircled_hqs(
    calendar: Res<Calendar>,
    scenario: Res<ScenarioRes>,
    units: Query<(&Unit, &Strength, &Supply)>,
    mut encircled: ResMut<Encircled>,
) {
    let hqs = &scenario.0.hqs;
    // Each HQ's parent as a search of the list finds it: that of the first HQ of the id.
    let mut parent_of: HashMap<&str, Option<&str>> = HashMap::default();
    for h in hqs {
        parent_of
            .entry(h.id.as_str())
            .or_insert(h.parent.as_deref());
    }
    // The names each unit's men count for (its HQ and those above it), by their place in
    // `names`: walked up once for each HQ that units name, since many units share one.
    // Searching the list of HQs at every step, for every unit, was the system's cost.
    let mut names: Vec<&str> = Vec::new();
    let mut place: HashMap<&str, usize> = HashMap::new();
    let mut chains: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut totals: Vec<(u64, u64)> = Vec::new();
    for (u, s, sup) in &units {
        let chain = chains.entry(u.hq.as_str()).or_insert_with(|| {
            let mut chain = Vec::new();
            let mut at = Some(u.hq.as_str());
            for _ in 0..=hqs.len() {
                let Some(hq) = at else { break };
                chain.push(*place.entry(hq).or_insert_with(|| {
                    names.push(hq);
                    totals.push((0, 0));
                    names.len() - 1
                }));
                at = parent_of.get(hq).copied().flatten();
            }
            chain
        });
        for &i in chain.iter() {
            let t = &mut totals[i];
            t.0 += u64::from(s.men);
            // In a pocket: cut off for a second week, as pockets are declared.
            if sup.isolated && sup.turns_isolated >= 2 {
                t.1 += u64::from(s.men);
            }
        }
    }
    // In the names' order, as before (each name's outcome is its own either way).
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_unstable_by_key(|&i| names[i]);
    for (hq, (all, cut)) in order.into_iter().map(|i| (names[i], totals[i])) {
        let inside = all > 0 && cut * 2 > all;
        let was = encircled.now.contains(hq);
        if inside && !was {
            // Dated from the week the ring closed, as the pocket is.
            let closed = calendar.date.add_days(-7);
            encircled.first.entry(hq.to_string()).or_insert(closed);
            encircled
                .episodes
                .entry(hq.to_string())
                .or_default()
                .push(closed);
            encircled.now.insert(hq.to_string());
        } else if !inside && was {
            encircled.now.remove(hq);
        }
    }
}
