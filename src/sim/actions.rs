//! The one door for changes: players and the AI submit actions here, and the simulation
//! checks each and either applies it or says why not (ARCHITECTURE.md).

use std::collections::BTreeSet;

use bevy::prelude::*;

use super::calendar::Calendar;
use super::combat::{Battle, Conditions, Fighter, Odds, odds, resolve};
use super::log::EventLog;
use super::movement::{Ground, MoveRefusal, plan_move, plan_move_with, weekly_points};
use super::rng::SimRng;
use super::tally::Tally;
use super::units::{Cohesion, Experience, Strength};
use super::units::{HexPos, Unit};
use super::weather::Weather;
use super::world::{Control, Map, ScenarioRes};
use crate::map::{HexId, HexMap};
use crate::scenario::plan_file::{Posture, plan_for};
use crate::scenario::{Faction, Owner, Side};

/// Whose phase it is: only that camp's units may act.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase(pub Faction);

/// Marks a unit that has attacked in the current phase: once a phase is the limit.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HasAttacked;

/// Movement points a unit has left in the current phase.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovesLeft(pub u32);

/// Serialisable so that a saved game can keep the orders it was played with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Action {
    /// Move a unit (by id) to a hex, by the cheapest route.
    Move { unit: String, to: HexId },
    /// Attack the enemy units in `target` with units (by id) from adjacent hexes, with
    /// aircraft from the camp's pool if `air` is set.
    Attack {
        units: Vec<String>,
        target: HexId,
        air: bool,
    },
    /// Send a unit that has not moved this week by train to another station.
    RailMove { unit: String, to: HexId },
    /// Fly `tons_per_day` of the camp's transport pool into a pocket (by its id) this week.
    Airlift { pocket: u32, tons_per_day: u32 },
    /// Move a Soviet factory (by its id in the scenario's `economy.factories`) east.
    Evacuate { factory: String },
    /// Germany meets this percentage of the West's demand for divisions; those kept back
    /// go East.
    Allocate { west_percent: u32 },
}

/// What an accepted action did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Moved {
        unit: String,
        path: Vec<HexId>,
        cost: u32,
        left: u32,
        taken: Vec<HexId>,
    },
    Attacked(Box<AttackReport>),
    /// By train: the stations passed, ending at the destination.
    RailMoved {
        unit: String,
        path: Vec<HexId>,
    },
    /// Transports assigned; `expected` tons a day should arrive, against `need`.
    Airlifted {
        pocket: String,
        tons_per_day: u32,
        expected: f64,
        need: f64,
    },
    /// The factory is on its way east; the sentence says how long it takes.
    Evacuating(String),
    /// The new share of the West's demand that Germany meets.
    Allocated {
        west_percent: u32,
    },
}

/// An attack as the player reads it afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct AttackReport {
    pub odds: Odds,
    pub battle: Battle,
    pub attacker_men_lost: u64,
    pub defender_men_lost: u64,
    /// Defenders that fell back, and where to.
    pub retreated: Vec<(String, HexId)>,
    /// Defenders with nowhere to go: destroyed, their men taken prisoner.
    pub destroyed: Vec<String>,
    pub prisoners: u64,
    /// The attacker that moved into the hex, if it was emptied.
    pub advanced: Option<String>,
    /// The defenders would have fallen back but stood under "no retreat" orders.
    pub stood_fast: bool,
}

/// Why an action was refused, in words for the player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownUnit(String),
    NotOnMap(String),
    NotYourPhase {
        unit: String,
        phase: Faction,
    },
    NoMovesLeft(String),
    Move(MoveRefusal),
    NoAttackers,
    AlreadyAttacked(String),
    NotAdjacent {
        unit: String,
        place: String,
    },
    NoEnemy(String),
    /// Air support asked for where no aircraft can fly this week.
    Grounded {
        place: String,
        weather: String,
    },
    /// Air support asked for with too few aircraft left this week.
    NoAircraft {
        needed: u32,
        left: u32,
    },
    /// Rail moves must start the week unmoved.
    AlreadyMoved(String),
    /// The camp has used all its trains this week.
    NoTrains(Faction),
    Rail(super::rail::RailRefusal),
    /// No open pocket has this id.
    NoPocket(u32),
    /// The pocket belongs to the other camp.
    NotYourPocket(String),
    /// More transport asked for than the camp has left this week.
    NoTransport {
        asked: u32,
        left: u32,
    },
    Evacuation(super::evacuation::EvacuationRefusal),
    /// Only the German player decides the split between East and West, in the Axis phase.
    NotAxisPhase,
    /// The scenario gives no split between East and West.
    NoAllocation,
    /// A share above 100%.
    BadShare(u32),
    /// An order given before any phase has begun.
    NoPhase,
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
            Refusal::NoAttackers => write!(f, "an attack needs at least one unit"),
            Refusal::AlreadyAttacked(u) => write!(f, "`{u}` has already attacked this week"),
            Refusal::NotAdjacent { unit, place } => write!(f, "`{unit}` is not next to {place}"),
            Refusal::NoEnemy(p) => write!(f, "there is no enemy in {p} to attack"),
            Refusal::Grounded { place, weather } => {
                write!(f, "no aircraft can fly over {place} in this {weather}")
            }
            Refusal::NoAircraft { needed, left } => write!(
                f,
                "air support here needs {needed} aircraft; only {left} are left this week"
            ),
            Refusal::AlreadyMoved(u) => write!(
                f,
                "`{u}` has already moved or fought this week: only a unit that has not can board a train"
            ),
            Refusal::NoTrains(camp) => {
                let who = match camp {
                    Faction::Axis => "the Axis",
                    Faction::Soviet => "the Soviets",
                };
                write!(f, "{who} have no trains left this week")
            }
            Refusal::Rail(r) => r.fmt(f),
            Refusal::NoPocket(id) => write!(f, "there is no open pocket number {id}"),
            Refusal::NotYourPocket(p) => {
                write!(f, "the {p} pocket is the enemy's: you cannot supply it")
            }
            Refusal::NoTransport { asked, left } => write!(
                f,
                "{asked} tons a day asked for; only {left} tons a day of transport are left this week"
            ),
            Refusal::Evacuation(e) => e.fmt(f),
            Refusal::NotAxisPhase => {
                write!(
                    f,
                    "Germany splits its forces in its own phase, not the Soviets'"
                )
            }
            Refusal::NoAllocation => write!(
                f,
                "this scenario has no split of German forces between East and West to change"
            ),
            Refusal::BadShare(p) => write!(
                f,
                "{p}% of the West's demand cannot be met: give a share from 0 to 100"
            ),
            Refusal::NoPhase => write!(f, "no phase has begun: start the week first"),
        }
    }
}

/// Starts a camp's phase: its units on the map get a fresh week's movement points.
pub fn begin_phase(world: &mut World, faction: Faction) {
    let rules = world.resource::<ScenarioRes>().0.rules.movement.clone();
    world.insert_resource(Phase(faction));
    world
        .get_resource_or_insert_with(super::rail::RailMovesLeft::default)
        .set(faction, rules.rail.moves_per_week.get(faction));
    let aircraft = super::air::fresh_pool(world, faction);
    world
        .get_resource_or_insert_with(super::air::AirLeft::default)
        .set(faction, aircraft);
    // Most units still carry last week's points: setting them in place, in the one pass over
    // the units, and removing only a mark that is there, spares the insert and remove
    // machinery. The units that change archetype do so afterwards, in the order of the pass:
    // setting points in place moves no unit, so every unit moves between archetypes exactly
    // as inserting and removing unit by unit would move it.
    let mut q = super::queries::kept::<
        (Entity, &Unit, Option<&mut MovesLeft>, Has<HasAttacked>),
        With<HexPos>,
    >(world);
    let mut changing: Vec<(Entity, Option<u32>, bool)> = Vec::new();
    for (e, u, left, attacked) in q.iter_mut(world) {
        if u.side.faction() != faction {
            continue;
        }
        let points = weekly_points(&rules, u.kind);
        let insert = match left {
            Some(mut left) => {
                left.0 = points;
                None
            }
            None => Some(points),
        };
        if insert.is_some() || attacked {
            changing.push((e, insert, attacked));
        }
    }
    for (e, insert, attacked) in changing {
        let mut unit = world.entity_mut(e);
        if let Some(points) = insert {
            unit.insert(MovesLeft(points));
        }
        if attacked {
            unit.remove::<HasAttacked>();
        }
    }
}

/// Checks an action and applies it, or says why not.
pub fn act(world: &mut World, action: Action) -> Result<Outcome, Refusal> {
    match action {
        Action::Move { unit, to } => move_unit(world, &unit, to),
        Action::Attack { units, target, air } => {
            attack(world, &units, target, air, Stage::Fight).map(|a| match a {
                Attacked::Fought(o) => o,
                // Only a preview stops before the battle.
                Attacked::Weighed(_) => unreachable!("an attack to fight was only weighed"),
            })
        }
        Action::RailMove { unit, to } => rail_move(world, &unit, to),
        Action::Airlift {
            pocket,
            tons_per_day,
        } => airlift(world, pocket, tons_per_day),
        Action::Evacuate { factory } => {
            let phase = world.get_resource::<Phase>().ok_or(Refusal::NoPhase)?.0;
            super::evacuation::order(world, &factory, phase)
                .map(Outcome::Evacuating)
                .map_err(Refusal::Evacuation)
        }
        Action::Allocate { west_percent } => allocate(world, west_percent),
    }
}

fn allocate(world: &mut World, west_percent: u32) -> Result<Outcome, Refusal> {
    let phase = world.get_resource::<Phase>().ok_or(Refusal::NoPhase)?.0;
    if phase != Faction::Axis {
        return Err(Refusal::NotAxisPhase);
    }
    let has = world
        .resource::<ScenarioRes>()
        .0
        .economy
        .as_ref()
        .is_some_and(|e| e.allocation.is_some());
    if !has {
        return Err(Refusal::NoAllocation);
    }
    if west_percent > 100 {
        return Err(Refusal::BadShare(west_percent));
    }
    world
        .resource_mut::<super::formations::Raised>()
        .west_share_met = f64::from(west_percent) / 100.0;
    let cal = world.resource::<Calendar>().clone();
    world.resource_mut::<EventLog>().push(
        cal.turn,
        cal.date,
        format!("Germany now meets {west_percent}% of the West's demand for divisions"),
    );
    Ok(Outcome::Allocated { west_percent })
}

fn airlift(world: &mut World, id: u32, tons: u32) -> Result<Outcome, Refusal> {
    use super::pockets::{AirliftOrders, Pocket, PocketOutcome};
    let mut q = world.query::<&Pocket>();
    let pocket = q
        .iter(world)
        .find(|p| p.id == id && p.outcome == PocketOutcome::Open)
        .cloned()
        .ok_or(Refusal::NoPocket(id))?;
    let camp = pocket.side;
    match world.get_resource::<Phase>().map(|p| p.0) {
        Some(phase) if phase == camp => {}
        Some(_) => return Err(Refusal::NotYourPocket(pocket.name)),
        // No phase has begun: nobody may act, rather than guessing whose turn it is.
        None => {
            return Err(Refusal::NotYourPhase {
                unit: format!("the airlift to the {} pocket", pocket.name),
                phase: match camp {
                    Faction::Axis => Faction::Soviet,
                    Faction::Soviet => Faction::Axis,
                },
            });
        }
    }
    let pool = super::pockets::transport_pool(world, camp);
    let left = pool.saturating_sub(world.resource::<AirliftOrders>().assigned(camp));
    if tons > left {
        return Err(Refusal::NoTransport { asked: tons, left });
    }
    let hexes: Vec<HexId> = {
        let mut uq = world.query::<(&Unit, &HexPos)>();
        uq.iter(world)
            .filter(|(u, _)| pocket.units.contains(&u.id))
            .map(|(_, p)| p.0)
            .collect()
    };
    let expected = f64::from(tons) * super::pockets::airlift_delivery(world, camp, &hexes);
    let need = super::pockets::need_tons(world, pocket.men);
    world
        .resource_mut::<AirliftOrders>()
        .0
        .push((camp, id, tons));
    Ok(Outcome::Airlifted {
        pocket: pocket.name,
        tons_per_day: tons,
        expected,
        need,
    })
}

/// A unit about to move: found by id, on the map, and in its camp's phase.
struct Mover {
    entity: Entity,
    unit: Unit,
    from: HexId,
    left: u32,
    attacked: bool,
}

fn mover(world: &mut World, id: &str) -> Result<Mover, Refusal> {
    let mut q = super::queries::kept::<(Entity, &Unit), ()>(world);
    let entity = q
        .iter(world)
        .find(|(_, u)| u.id == id)
        .map(|(e, _)| e)
        .ok_or_else(|| Refusal::UnknownUnit(id.to_string()))?;
    mover_of(world, entity).ok_or_else(|| Refusal::UnknownUnit(id.to_string()))?
}

/// [`mover`] for a unit already found; None if the entity is no unit.
fn mover_of(world: &World, entity: Entity) -> Option<Result<Mover, Refusal>> {
    let unit = world.get::<Unit>(entity)?.clone();
    let from = world.get::<HexPos>(entity).map(|p| p.0);
    let left = world.get::<MovesLeft>(entity).map_or(0, |l| l.0);
    let attacked = world.get::<HasAttacked>(entity).is_some();
    Some(checked_mover(world, entity, unit, from, left, attacked))
}

fn checked_mover(
    world: &World,
    entity: Entity,
    unit: Unit,
    from: Option<HexId>,
    left: u32,
    attacked: bool,
) -> Result<Mover, Refusal> {
    let from = from.ok_or_else(|| Refusal::NotOnMap(unit.name.clone()))?;
    let phase = world.get_resource::<Phase>().map(|p| p.0);
    if phase != Some(unit.side.faction()) {
        return Err(Refusal::NotYourPhase {
            unit: unit.name,
            phase: phase.unwrap_or(Faction::Axis),
        });
    }
    Ok(Mover {
        entity,
        unit,
        from,
        left,
        attacked,
    })
}

fn rail_move(world: &mut World, id: &str, to: HexId) -> Result<Outcome, Refusal> {
    let m = mover(world, id)?;
    let trains = rail_ready(world, &m)?;
    let map = world.resource::<Map>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let ground = ground_for(world, &map, &control, m.unit.side.faction());
    rail_go(world, m, trains, to, &ground)
}

/// [`Action::RailMove`] for a unit already found, on the ground its camp sees as
/// [`ground_for`] builds it (the AI's board): looking the unit up by id among all of them and
/// building the ground again for every train were a cost.
pub(super) fn rail_move_on(
    world: &mut World,
    unit: Entity,
    to: HexId,
    ground: &Ground,
) -> Result<Outcome, Refusal> {
    let m = mover_of(world, unit).ok_or_else(|| Refusal::UnknownUnit(format!("{unit}")))??;
    let trains = rail_ready(world, &m)?;
    if cfg!(debug_assertions) {
        let map = world.resource::<Map>().0.clone();
        let control = world.resource::<Control>().0.clone();
        let fresh = ground_for(world, &map, &control, m.unit.side.faction());
        assert!(
            fresh.friends == ground.friends
                && fresh.enemy == ground.enemy
                && fresh.enemy_zoc == ground.enemy_zoc
                && fresh.control == ground.control,
            "a train was planned on other ground than the door's"
        );
    }
    rail_go(world, m, trains, to, ground)
}

/// The trains the unit's camp has left, if the unit may board one.
fn rail_ready(world: &World, m: &Mover) -> Result<u32, Refusal> {
    let scenario = &world.resource::<ScenarioRes>().0;
    let camp = m.unit.side.faction();
    if m.attacked || m.left < weekly_points(&scenario.rules.movement, m.unit.kind) {
        return Err(Refusal::AlreadyMoved(m.unit.name.clone()));
    }
    let trains = world
        .get_resource::<super::rail::RailMovesLeft>()
        .map_or(0, |r| r.get(camp));
    if trains == 0 {
        return Err(Refusal::NoTrains(camp));
    }
    Ok(trains)
}

fn rail_go(
    world: &mut World,
    m: Mover,
    trains: u32,
    to: HexId,
    ground: &Ground,
) -> Result<Outcome, Refusal> {
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let Mover {
        entity, unit, from, ..
    } = m;
    let camp = unit.side.faction();
    let gauge = world.resource::<super::rail::Gauge>().0.clone();
    let path = super::rail::plan_rail(
        ground,
        &gauge,
        &scenario.rules.movement.rail,
        camp,
        from,
        to,
    )
    .map_err(Refusal::Rail)?;
    world.entity_mut(entity).insert((HexPos(to), MovesLeft(0)));
    world
        .resource_mut::<super::rail::RailMovesLeft>()
        .set(camp, trains - 1);
    world
        .get_resource_or_insert_with(super::rail::RailUsage::default)
        .0
        .push((camp, from));
    Ok(Outcome::RailMoved {
        unit: unit.name,
        path,
    })
}

fn move_unit(world: &mut World, id: &str, to: HexId) -> Result<Outcome, Refusal> {
    let m = mover(world, id)?;
    if m.left == 0 {
        return Err(Refusal::NoMovesLeft(m.unit.name));
    }
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let ground = ground_for(world, &map, &control, m.unit.side.faction());
    let route =
        plan_move(&ground, &scenario.rules.movement, m.from, to, m.left).map_err(Refusal::Move)?;
    Ok(complete_move(world, m, &ground, to, route))
}

/// Every hex the unit may move to now on foot (or by its own wheels and tracks), as the move
/// action would accept it: none out of its side's phase or with no points left.
pub fn move_range(world: &mut World, id: &str) -> Result<Vec<HexId>, Refusal> {
    let m = mover(world, id)?;
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let ground = ground_for(world, &map, &control, m.unit.side.faction());
    Ok(super::movement::destinations(
        &ground,
        &scenario.rules.movement,
        m.from,
        m.left,
    ))
}

/// The move action for a unit (by entity) whose side has already built the ground
/// [`ground_for`] would build now, and searched it from the unit's hex with its points
/// left (`near`, as [`reach_within`](super::movement::reach_within) gives it): the AI, which
/// keeps both through its phase. The checks are the door's own.
pub(super) fn move_on(
    world: &mut World,
    unit: Entity,
    to: HexId,
    ground: &Ground,
    near: super::movement::Reach,
) -> Result<Outcome, Refusal> {
    let m = mover_of(world, unit).ok_or_else(|| Refusal::UnknownUnit(format!("{unit}")))??;
    if m.left == 0 {
        return Err(Refusal::NoMovesLeft(m.unit.name));
    }
    if cfg!(debug_assertions) {
        let map = world.resource::<Map>().0.clone();
        let control = world.resource::<Control>().0.clone();
        let fresh = ground_for(world, &map, &control, m.unit.side.faction());
        assert!(
            fresh.friends == ground.friends
                && fresh.enemy == ground.enemy
                && fresh.enemy_zoc == ground.enemy_zoc
                && fresh.control == ground.control
                && fresh.cost_mult == ground.cost_mult
                && fresh.frozen == ground.frozen
                && fresh.stacking_limit == ground.stacking_limit,
            "a move was planned on other ground than the door's"
        );
        assert_eq!(near.from, m.from, "a move was planned from another hex");
    }
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let route = plan_move_with(ground, &scenario.rules.movement, m.from, to, m.left, || {
        near
    })
    .map_err(Refusal::Move)?;
    Ok(complete_move(world, m, ground, to, route))
}

/// Applies a move the door has accepted.
fn complete_move(
    world: &mut World,
    m: Mover,
    ground: &Ground,
    to: HexId,
    route: super::movement::Route,
) -> Outcome {
    let Mover {
        entity, unit, left, ..
    } = m;
    let (side, name) = (unit.side, unit.name);
    // Entering a zone of control ends the unit's movement for the week.
    let stopped = ground.enemy_zoc[to as usize];
    let left = if stopped { 0 } else { left - route.cost };
    world
        .entity_mut(entity)
        .insert((HexPos(to), MovesLeft(left)));

    let taken = take_ground(world, &route.path, side, &name);
    Outcome::Moved {
        unit: name,
        path: route.path,
        cost: route.cost,
        left,
        taken,
    }
}

/// Ground a unit moves through changes hands; a city taken goes into the log.
pub(super) fn take_ground(world: &mut World, path: &[HexId], side: Side, by: &str) -> Vec<HexId> {
    let new_owner = match side {
        Side::Germany => Owner::Germany,
        Side::AxisAllies => Owner::AxisAllies,
        Side::USSR => Owner::USSR,
    };
    let map = world.resource::<Map>().0.clone();
    let mut taken = Vec::new();
    {
        let mut control = world.resource_mut::<Control>();
        for &h in path {
            let o = control.0[h as usize];
            if o.faction().is_some_and(|f| f != side.faction()) {
                control.0[h as usize] = new_owner;
                taken.push(h);
            }
        }
    }
    let turn = world.resource::<Calendar>().turn;
    if let Some(mut changed) = world.get_resource_mut::<super::world::ControlChanged>() {
        for &h in &taken {
            changed.0[h as usize] = turn;
        }
    }
    let cities: BTreeSet<String> = taken
        .iter()
        .filter_map(|&h| map.city_in_hex[h as usize].map(|c| map.cities[c as usize].name.clone()))
        .collect();
    if !cities.is_empty() {
        let (turn, date) = now(world);
        for city in &cities {
            world
                .resource_mut::<EventLog>()
                .push(turn, date, format!("{city} taken by {by}"));
            let was_soviet = map.city(city).is_some_and(|c| {
                world.resource::<super::victory::StartControl>().0[c.hex as usize] == Owner::USSR
            });
            if was_soviet {
                super::victory::note_capture(world, city, side.faction());
            }
        }
    }
    taken
}

/// The ground as `camp` sees it this week: every unit on the map, stacking, and the weather.
/// Moves through the door and the AI's planning both use this, so they agree.
pub(super) fn ground_for<'a>(
    world: &mut World,
    map: &'a HexMap,
    control: &'a [Owner],
    camp: Faction,
) -> Ground<'a> {
    ground_and_units(world, map, control, camp).0
}

/// [`ground_for`], and every unit on the map by hex and camp that it was built from.
pub(super) fn ground_and_units<'a>(
    world: &mut World,
    map: &'a HexMap,
    control: &'a [Owner],
    camp: Faction,
) -> (Ground<'a>, Vec<(HexId, Faction)>) {
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let mut q = super::queries::kept::<(&Unit, &HexPos), ()>(world);
    let units: Vec<(HexId, Faction)> = q
        .iter(world)
        .map(|(u, p)| (p.0, u.side.faction()))
        .collect();
    let (cost, frozen) = week_weather_grid(world, map, &scenario);
    let ground = Ground::new_with_grid(
        map,
        control,
        units.iter().copied(),
        camp,
        scenario.rules.stacking_limit,
        cost,
        frozen,
    );
    (ground, units)
}

/// This week's [`weather_grid`](super::movement::weather_grid), laid out once a week and kept
/// until the date moves on.
fn week_weather_grid(
    world: &mut World,
    map: &HexMap,
    scenario: &crate::scenario::Scenario,
) -> (std::sync::Arc<[f64]>, std::sync::Arc<[bool]>) {
    let date = world.resource::<Calendar>().date;
    let cached = world
        .get_resource::<WeatherGrid>()
        .filter(|g| g.date == date)
        .map(|g| (g.cost.clone(), g.frozen.clone()));
    match cached {
        Some(grid) => grid,
        None => {
            let (cost, frozen) = super::movement::weather_grid(
                map,
                world.resource::<Weather>(),
                &scenario.rules.weather,
            );
            world.insert_resource(WeatherGrid {
                date,
                cost: cost.clone(),
                frozen: frozen.clone(),
            });
            (cost, frozen)
        }
    }
}

/// This week's weather grid if the moves of the week have laid it out already (they always
/// have by the logistics phase of a played week), else laid out now and not kept.
pub(super) fn weather_grid_now(
    world: &World,
    map: &HexMap,
    rules: &crate::scenario::rules::WeatherRules,
) -> (std::sync::Arc<[f64]>, std::sync::Arc<[bool]>) {
    let date = world.resource::<Calendar>().date;
    world
        .get_resource::<WeatherGrid>()
        .filter(|g| g.date == date)
        .map(|g| (g.cost.clone(), g.frozen.clone()))
        .unwrap_or_else(|| super::movement::weather_grid(map, world.resource::<Weather>(), rules))
}

/// This week's weather per hex, as movement uses it.
#[derive(Resource)]
struct WeatherGrid {
    date: crate::scenario::Date,
    cost: std::sync::Arc<[f64]>,
    frozen: std::sync::Arc<[bool]>,
}

fn now(world: &World) -> (u32, crate::scenario::Date) {
    let c = world.resource::<Calendar>();
    (c.turn, c.date)
}

/// A unit in a battle: its entity and what combat needs of it.
struct InBattle {
    entity: Entity,
    id: String,
    hq: String,
    name: String,
    order: u32,
    mobile: bool,
    left: u32,
    attacked: bool,
    fighter: Fighter,
}

/// The odds an attack would have, with every check the real one makes, and nothing changed:
/// for a player to read before committing.
pub fn preview_attack(
    world: &mut World,
    ids: &[String],
    target: HexId,
    air: bool,
) -> Result<Odds, Refusal> {
    match attack(world, ids, target, air, Stage::Weigh)? {
        Attacked::Weighed(o) => Ok(o),
        Attacked::Fought(_) => unreachable!("a preview fought"),
    }
}

/// How far an attack goes: weighed (odds only) or fought.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Weigh,
    Fight,
}

enum Attacked {
    Weighed(Odds),
    Fought(Outcome),
}

fn attack(
    world: &mut World,
    ids: &[String],
    target: HexId,
    air: bool,
    stage: Stage,
) -> Result<Attacked, Refusal> {
    if ids.is_empty() {
        return Err(Refusal::NoAttackers);
    }
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let rules = &scenario.rules.combat;
    let phase = world.get_resource::<Phase>().map(|p| p.0);
    // Named only when words need it: describing a hex formats its coordinates.
    let place = || map.describe(target);
    let mut q = super::queries::kept::<
        (
            Entity,
            &Unit,
            Option<&HexPos>,
            Option<&MovesLeft>,
            Has<HasAttacked>,
            &Strength,
            &Cohesion,
            &Experience,
            Option<&super::supply::Supply>,
        ),
        (),
    >(world);
    // The units by hex and camp that the retreats look at, those within two hexes of the
    // target (as `retreat_hex` asks: copying every unit on the map grew a list of hundreds
    // for each attack); in full only the units named and those in the target hex (copying
    // every unit's names was most of an attack's cost).
    let mut placed: Vec<(HexId, Faction)> = Vec::new();
    let mut everyone: Vec<InBattle> = Vec::new();
    // The units named are looked for among those next to the target first: comparing every
    // unit's id with them was most of an attack's cost. Ids are unique, so if all are found
    // there, no unit farther off bears one, and the units gathered are those a search of
    // every unit finds; if not (a unit named from afar, or not on the map), every unit is
    // searched, as always.
    let beside = &map.neighbours[target as usize];
    let named = |h: HexId, id: &String, anywhere: bool| {
        h == target || ((anywhere || beside.contains(&h)) && ids.contains(id))
    };
    for anywhere in [false, true] {
        placed.clear();
        everyone.clear();
        for (e, u, pos, left, attacked, s, c, x, sup) in q.iter(world) {
            let Some(p) = pos else { continue };
            if map.distance(p.0, target) <= RETREAT_SEEN {
                placed.push((p.0, u.side.faction()));
            }
            if !named(p.0, &u.id, anywhere) {
                continue;
            }
            everyone.push(InBattle {
                entity: e,
                id: u.id.clone(),
                hq: u.hq.clone(),
                name: u.name.clone(),
                order: u.order,
                mobile: u.kind.is_mobile(),
                left: left.map_or(0, |l| l.0),
                attacked,
                fighter: Fighter::of(u, p.0, s, c, x).supplied(sup),
            });
        }
        if ids.iter().all(|id| everyone.iter().any(|b| &b.id == id)) {
            break;
        }
    }

    let mut attackers: Vec<&InBattle> = Vec::new();
    for id in ids {
        let Some(a) = everyone.iter().find(|b| &b.id == id) else {
            let mut all = world.query::<&Unit>();
            return Err(if all.iter(world).any(|u| &u.id == id) {
                Refusal::NotOnMap(id.clone())
            } else {
                Refusal::UnknownUnit(id.clone())
            });
        };
        if phase != Some(a.fighter.side.faction()) {
            return Err(Refusal::NotYourPhase {
                unit: a.name.clone(),
                phase: phase.unwrap_or(Faction::Axis),
            });
        }
        if a.attacked {
            return Err(Refusal::AlreadyAttacked(a.name.clone()));
        }
        if map.distance(a.fighter.hex, target) != 1 {
            return Err(Refusal::NotAdjacent {
                unit: a.name.clone(),
                place: place(),
            });
        }
        if !attackers.iter().any(|x| x.entity == a.entity) {
            attackers.push(a);
        }
    }
    let camp = attackers[0].fighter.side.faction();
    let mut defenders: Vec<&InBattle> = everyone
        .iter()
        .filter(|b| b.fighter.hex == target && b.fighter.side.faction() != camp)
        .collect();
    if defenders.is_empty() {
        return Err(Refusal::NoEnemy(place()));
    }
    attackers.sort_by_key(|b| b.order);
    defenders.sort_by_key(|b| b.order);
    let a_f: Vec<Fighter> = attackers.iter().map(|b| b.fighter).collect();
    let d_f: Vec<Fighter> = defenders.iter().map(|b| b.fighter).collect();
    let mut conditions = battle_conditions(world, target);
    if air {
        let needed =
            air_needed(world, &scenario.rules.air, target).map_err(|w| Refusal::Grounded {
                place: place(),
                weather: w.name().to_string(),
            })?;
        let left = world
            .get_resource::<super::air::AirLeft>()
            .map_or(0.0, |a| a.get(camp));
        if left < needed {
            return Err(Refusal::NoAircraft {
                needed: needed.ceil() as u32,
                left: left.floor() as u32,
            });
        }
        if stage == Stage::Fight {
            world
                .resource_mut::<super::air::AirLeft>()
                .set(camp, left - needed);
        }
        conditions = conditions.with_air(scenario.rules.air.support);
    }
    let odds = odds(rules, &map, &a_f, &d_f, target, &conditions);
    if stage == Stage::Weigh {
        return Ok(Attacked::Weighed(odds));
    }
    let mut battle = resolve(rules, &odds, &mut world.resource_mut::<SimRng>().0);
    // Defenders under "no retreat" orders stand where others would fall back, and bleed.
    let (turn, date) = now(world);
    let stood_fast = battle.defender_retreats
        && defenders.iter().all(|d| {
            plan_for(&scenario.plans, &scenario.hqs, &d.hq, date)
                .is_some_and(|p| p.posture == Posture::NoRetreat)
        });
    if stood_fast {
        battle.defender_retreats = false;
        battle.defender_loss = (battle.defender_loss * rules.no_retreat_losses).min(0.9);
    }

    let year = date.year();
    let mut attacker_men_lost = 0;
    let mut defender_men_lost = 0;
    let sides = attackers
        .iter()
        .map(|b| (b, battle.attacker_loss, rules.cohesion_loss.attacker, true))
        .chain(
            defenders
                .iter()
                .map(|b| (b, battle.defender_loss, rules.cohesion_loss.defender, false)),
        );
    for (b, loss, cohesion, is_attacker) in sides {
        let lose = |n: u32| ((f64::from(n) * loss).round() as u32).min(n);
        let f = b.fighter;
        let men_lost = lose(f.men);
        if is_attacker {
            attacker_men_lost += u64::from(men_lost);
        } else {
            defender_men_lost += u64::from(men_lost);
        }
        world
            .resource_mut::<Tally>()
            .lose(f.side, year, u64::from(men_lost));
        let mut e = world.entity_mut(b.entity);
        if let Some(mut s) = e.get_mut::<Strength>() {
            s.men -= men_lost;
            s.tanks -= lose(f.tanks);
            s.guns -= lose(f.guns);
        }
        if let Some(mut c) = e.get_mut::<Cohesion>() {
            c.0 = c.0.saturating_sub(cohesion);
        }
        if is_attacker {
            // Foot units spend the week fighting; mobile units keep going (exploitation).
            let left = if b.mobile {
                b.left.saturating_sub(1)
            } else {
                0
            };
            e.insert((MovesLeft(left), HasAttacked));
        }
    }

    let mut retreated = Vec::new();
    let mut destroyed = Vec::new();
    let mut prisoners = 0;
    // A unit with no men left is gone.
    for b in attackers.iter().chain(defenders.iter()) {
        if world.get::<Strength>(b.entity).is_some_and(|s| s.men == 0) {
            world.despawn(b.entity);
            let text = format!("{} is wiped out at {}", b.name, place());
            world.resource_mut::<EventLog>().push(turn, date, text);
            destroyed.push(b.name.clone());
        }
    }
    let attackers: Vec<&InBattle> = attackers
        .into_iter()
        .filter(|b| world.get_entity(b.entity).is_ok())
        .collect();
    let defenders: Vec<&InBattle> = defenders
        .into_iter()
        .filter(|b| world.get_entity(b.entity).is_ok())
        .collect();
    if battle.defender_retreats {
        let control = world.resource::<Control>().0.clone();
        for d in &defenders {
            let camp = d.fighter.side.faction();
            match retreat_hex(
                &map,
                &control,
                &placed,
                target,
                camp,
                scenario.rules.stacking_limit,
            ) {
                Some(to) => {
                    if let Some(slot) = placed.iter_mut().find(|(h, f)| *h == target && *f == camp)
                    {
                        slot.0 = to;
                    }
                    let mut e = world.entity_mut(d.entity);
                    e.insert(HexPos(to));
                    if let Some(mut c) = e.get_mut::<Cohesion>() {
                        c.0 = c.0.saturating_sub(rules.cohesion_loss.retreat);
                    }
                    retreated.push((d.name.clone(), to));
                }
                None => {
                    let men = world.get::<Strength>(d.entity).map_or(0, |s| s.men);
                    prisoners += u64::from(men);
                    let mut tally = world.resource_mut::<Tally>();
                    tally.lose(d.fighter.side, year, u64::from(men));
                    tally.capture(attackers[0].fighter.side, year, u64::from(men));
                    world.despawn(d.entity);
                    let text = format!(
                        "{} destroyed at {}: {} men taken prisoner",
                        d.name,
                        place(),
                        crate::words::thousands(f64::from(men))
                    );
                    world.resource_mut::<EventLog>().push(turn, date, text);
                    destroyed.push(d.name.clone());
                }
            }
        }
    }

    // The hex emptied, a mobile attacker (or else the first) moves in and takes it.
    let mut advanced = None;
    if battle.defender_retreats
        && let Some(m) = attackers.iter().find(|b| b.mobile).or(attackers.first())
    {
        world.entity_mut(m.entity).insert(HexPos(target));
        take_ground(world, &[target], m.fighter.side, &m.name);
        advanced = Some(m.name.clone());
    }
    if attacker_men_lost + defender_men_lost >= u64::from(rules.log_battles_from) {
        let what = if stood_fast {
            "the defenders stand fast under orders"
        } else if !destroyed.is_empty() && retreated.is_empty() {
            "the defenders are destroyed"
        } else if battle.defender_retreats {
            "the defenders fall back"
        } else {
            "the defenders hold"
        };
        let text = format!(
            "Battle at {}: {} attackers and {} defenders lost; {what}",
            place(),
            crate::words::thousands(attacker_men_lost as f64),
            crate::words::thousands(defender_men_lost as f64)
        );
        world.resource_mut::<EventLog>().push(turn, date, text);
    }
    Ok(Attacked::Fought(Outcome::Attacked(Box::new(
        AttackReport {
            odds,
            battle,
            attacker_men_lost,
            defender_men_lost,
            retreated,
            destroyed,
            prisoners,
            advanced,
            stood_fast,
        },
    ))))
}

/// The weather at `target` and each side's leadership today: what a battle there is fought
/// under, for the door and for the AI's reckoning alike.
pub(super) fn battle_conditions(world: &World, target: HexId) -> Conditions {
    let scenario = &world.resource::<ScenarioRes>().0;
    let date = world.resource::<Calendar>().date;
    Conditions::at(world.resource::<Weather>(), &scenario.rules.weather, target)
        .with_leadership(scenario.rules.combat.leadership_on(date))
}

/// Aircraft one supported attack on `target` takes this week, or the weather that grounds
/// them there.
pub fn air_needed(
    world: &World,
    rules: &crate::scenario::rules::AirRules,
    target: HexId,
) -> Result<f64, crate::scenario::weather_file::WeatherKind> {
    let w = world.resource::<Weather>().at(target);
    let flying = rules.flying.get(w);
    if flying <= 0.0 {
        Err(w)
    } else {
        Ok(f64::from(rules.aircraft_per_attack) / flying)
    }
}

/// Where a defender falls back: a neighbouring land hex its side may stand in, with room,
/// preferring hexes out of the enemy's reach and its own ground; None if there is none.
/// How far from the hex they leave [`retreat_hex`] looks at units: those that can stand in
/// a neighbour or next to one.
const RETREAT_SEEN: u32 = 2;

fn retreat_hex(
    map: &crate::map::HexMap,
    control: &[Owner],
    placed: &[(HexId, Faction)],
    from: HexId,
    camp: Faction,
    limit: u32,
) -> Option<HexId> {
    // Only units within two hexes can stand in a neighbour or next to one: the rest of the
    // map is left out once, rather than searched for every hex asked about.
    let near: Vec<(HexId, Faction)> = placed
        .iter()
        .copied()
        .filter(|&(x, _)| map.distance(x, from) <= RETREAT_SEEN)
        .collect();
    let enemy_at = |h: HexId| near.iter().any(|&(x, f)| x == h && f != camp);
    let friends_at = |h: HexId| near.iter().filter(|&&(x, f)| x == h && f == camp).count() as u32;
    let near_enemy = |h: HexId| {
        map.neighbours[h as usize]
            .iter()
            .any(|&n| n != crate::map::NO_HEX && enemy_at(n))
    };
    map.neighbours[from as usize]
        .iter()
        .copied()
        .filter(|&h| h != crate::map::NO_HEX && map.is_land(h))
        .filter(|&h| control[h as usize] != Owner::Neutral && !enemy_at(h) && friends_at(h) < limit)
        .min_by_key(|&h| {
            (
                near_enemy(h),
                control[h as usize].faction() != Some(camp),
                h,
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::NO_HEX;
    use crate::scenario::load_scenario;
    use std::path::Path;

    #[test]
    fn a_surrounded_defender_has_nowhere_to_go() {
        let l = load_scenario(Path::new("tests/data/mini.ron")).unwrap();
        let orsha = l.map.city("Orsha").unwrap().hex;
        let ring: Vec<HexId> = l.map.neighbours[orsha as usize]
            .iter()
            .copied()
            .filter(|&h| h != NO_HEX)
            .collect();
        let mut placed: Vec<(HexId, Faction)> = ring.iter().map(|&h| (h, Faction::Axis)).collect();
        placed.push((orsha, Faction::Soviet));
        assert_eq!(
            retreat_hex(&l.map, &l.placed.owner, &placed, orsha, Faction::Soviet, 3),
            None
        );
        // Open one side of the ring: that is the way out.
        let gap = placed.remove(2).0;
        assert_eq!(
            retreat_hex(&l.map, &l.placed.owner, &placed, orsha, Faction::Soviet, 3),
            Some(gap)
        );
    }
}
