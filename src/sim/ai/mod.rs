//! The operational AI: plays one camp's phase inside the scenario's plans, through the same
//! door as a player (DESIGN.md: AI). Every choice is sorted by unit order and hex id, so a
//! seed replays the same war.

mod board;

use std::cell::OnceCell;

use bevy::prelude::*;

use super::actions::{Action, MovesLeft, Phase, act, air_needed, move_on, rail_move_on};
use super::air::AirLeft;
use super::combat::{Fighter, odds};
use super::movement::{Ground, Reach, reach_within};
use super::units::{Cohesion, Experience, HexPos, Strength, Unit};
use super::world::{Control, Map, ScenarioRes};
use crate::map::{HexId, HexMap, NO_HEX};
use crate::scenario::plan_file::{Posture, plan_for};
use crate::scenario::{Date, Faction};
use board::Board;

/// Enemy units left behind the front: cut off, or with no other enemy unit within this many
/// hexes. Foot soldiers reduce them while the spearheads drive on.
const STRAGGLER_HEXES: u32 = 3;
/// How far a foot unit turns aside to reduce a pocket or a straggler.
const MOP_UP_HEXES: u32 = 4;

fn stragglers(world: &mut World, camp: Faction) -> Vec<HexId> {
    let map = world.resource::<Map>().0.clone();
    let mut q = super::queries::kept::<(&Unit, &HexPos, Option<&super::supply::Supply>), ()>(world);
    let enemy: Vec<(HexId, bool)> = q
        .iter(world)
        .filter(|(u, ..)| u.side.faction() != camp)
        .map(|(_, p, s)| (p.0, s.is_some_and(|s| s.isolated)))
        .collect();
    // Whether another hex with enemy units is near depends only on the hexes they stand in:
    // those are asked, each once, of the hexes in the rows within reach (ids run row by row,
    // so those are a stretch of the hexes in id order). Measuring every unit against every
    // other was a cost of every phase.
    let mut hexes: Vec<HexId> = enemy.iter().map(|&(h, _)| h).collect();
    hexes.sort_unstable();
    hexes.dedup();
    let row = |h: HexId| map.coords[h as usize].y;
    let reach = STRAGGLER_HEXES as i32 - 1;
    let alone: Vec<bool> = hexes
        .iter()
        .map(|&h| {
            let (lo, hi) = (row(h) - reach, row(h) + reach);
            let near = &hexes[hexes.partition_point(|&e| row(e) < lo)..];
            let near = &near[..near.partition_point(|&e| row(e) <= hi)];
            !near
                .iter()
                .any(|&x| x != h && map.distance(x, h) < STRAGGLER_HEXES)
        })
        .collect();
    let alone_at = |h: HexId| hexes.binary_search(&h).is_ok_and(|i| alone[i]);
    let mut out: Vec<HexId> = enemy
        .iter()
        .filter(|&&(h, isolated)| isolated || alone_at(h))
        .map(|&(h, _)| h)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One of the camp's units, with its orders for the week.
#[derive(Debug, Clone)]
struct Order {
    /// The unit. Its id is read from it only for the orders the AI gives: copying every id
    /// every phase was a cost.
    entity: Entity,
    order: u32,
    mobile: bool,
    posture: Posture,
    /// The hex it is heading for, if its plan gives one.
    goal: Option<HexId>,
    /// Its plan's objective cities.
    /// Shared by the units of an HQ: a copy per unit was an allocation per unit per phase.
    objectives: std::rc::Rc<[HexId]>,
}

/// Plays `faction`'s phase: moves, then attacks, then mobile units exploit.
pub fn play_phase(world: &mut World, faction: Faction) {
    if world.get_resource::<Phase>().map(|p| p.0) != Some(faction) {
        return;
    }
    // Enemy units do not move in this camp's phase (until it attacks), so their distances
    // hold until then.
    let near_enemy = {
        let mut q = super::queries::kept::<(&Unit, &HexPos), ()>(world);
        let enemy = super::world::StepsMemo::key(
            q.iter(world)
                .filter(|(u, _)| u.side.faction() != faction)
                .map(|(_, p)| p.0),
        );
        let map = world.resource::<Map>().0.clone();
        let mut memo = world.get_resource_or_insert_with(super::world::StepsMemo::default);
        let d = memo.steps_from(&map, &enemy);
        memo.keep(&map, enemy, d.clone());
        d
    };
    airlift(world, faction);
    super::evacuation::ai_orders(world, faction, &near_enemy);
    let orders = orders(world, faction);
    let mut board = Board::new(world, faction);
    let garrisons = garrison(world, &orders, faction, &mut board);
    by_rail(world, &orders, &garrisons, faction, &mut board, &near_enemy);
    let stray = stragglers(world, faction);
    // Looked up once for the phase, not once for each of the hundred-odd units asked.
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let mover = Mover {
        camp: faction,
        stray: &stray,
        near_enemy: &near_enemy,
        map: &map,
        scenario: &scenario,
    };
    // Mobile units move first to open the way; then the rest.
    let mut by_speed: Vec<&Order> = orders.iter().collect();
    by_speed.sort_by_key(|o| (!o.mobile, o.order));
    for o in by_speed.iter().filter(|o| !garrisons.contains(&o.entity)) {
        mover.move_unit(world, o, &mut board);
    }
    attacks(world, &orders, faction, &stray);
    // Defenders fell back or were destroyed: see the ground again. The distances to the
    // enemy stay those from before the attacks, as they always have.
    let mut board = Board::new(world, faction);
    for o in by_speed
        .iter()
        .filter(|o| o.mobile && o.posture == Posture::Attack)
    {
        mover.move_unit(world, o, &mut board);
    }
}

fn today(world: &World) -> Date {
    world.resource::<super::calendar::Calendar>().date
}

/// Each unit's posture and goal from the plan it follows.
fn orders(world: &mut World, faction: Faction) -> Vec<Order> {
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let map = world.resource::<Map>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let date = today(world);
    // Many units share an HQ: its plan, and the hexes of the plan's cities (found by name),
    // are looked up once. Only looked up, never iterated, so a HashMap is fine.
    // Bevy's map hashes faster than std's SipHash, which showed in the profile.
    let mut by_hq: bevy::platform::collections::HashMap<
        &str,
        Option<(Posture, std::rc::Rc<[HexId]>)>,
    > = bevy::platform::collections::HashMap::default();
    let mut q = super::queries::kept::<(Entity, &Unit, &HexPos), ()>(world);
    let mut out: Vec<Order> = q
        .iter(world)
        .filter(|(_, u, _)| u.side.faction() == faction)
        .map(|(entity, u, pos)| {
            let plan = by_hq.entry(u.hq.as_str()).or_insert_with(|| {
                plan_for(&scenario.plans, &scenario.hqs, &u.hq, date).map(|p| {
                    let hexes = p
                        .objectives
                        .iter()
                        .filter_map(|c| map.city(c))
                        .map(|c| c.hex)
                        .collect();
                    (p.posture, hexes)
                })
            });
            let posture = plan.as_ref().map_or(Posture::Hold, |p| p.0);
            let goal = plan
                .as_ref()
                .and_then(|p| goal(&map, &control, &p.1, posture, faction, pos.0));
            let objectives = plan.as_ref().map_or_else(|| [].into(), |p| p.1.clone());
            Order {
                entity,
                order: u.order,
                mobile: u.kind.is_mobile(),
                posture,
                goal,
                objectives,
            }
        })
        .collect();
    out.sort_by_key(|o| o.order);
    out
}

/// Attacking: the first objective not yet ours. Defending: the objective nearest the unit.
/// `hexes`: the plan's objective cities.
fn goal(
    map: &HexMap,
    control: &[crate::scenario::Owner],
    hexes: &[HexId],
    posture: Posture,
    camp: Faction,
    at: HexId,
) -> Option<HexId> {
    match posture {
        Posture::Attack => hexes
            .iter()
            .copied()
            .find(|&h| control[h as usize].faction() != Some(camp)),
        _ => hexes
            .iter()
            .copied()
            .min_by_key(|&h| (map.distance(at, h), h)),
    }
}

/// The id the door knows a unit by; None once it is gone (the door would refuse it then).
fn id_of(world: &World, unit: Entity) -> Option<String> {
    world.get::<Unit>(unit).map(|u| u.id.clone())
}

/// Where the unit stands and the points it has left; None once it is gone. Orders are made
/// at the start of the phase and no unit is spawned during one, so the entity is the unit.
fn position_and_left(world: &World, unit: Entity) -> Option<(HexId, u32)> {
    let at = world.get::<HexPos>(unit)?.0;
    Some((at, world.get::<MovesLeft>(unit).map_or(0, |l| l.0)))
}

/// A hex next to an enemy unit, or on the edge of ground the enemy holds: where a line stands.
fn is_front(
    map: &HexMap,
    control: &[crate::scenario::Owner],
    ground: &Ground,
    camp: Faction,
    h: HexId,
) -> bool {
    let ours = control[h as usize].faction() == Some(camp) && map.is_land(h);
    ours && map.neighbours[h as usize].iter().any(|&n| {
        n != NO_HEX
            && (ground.enemy[n as usize]
                || control[n as usize].faction().is_some_and(|f| f != camp))
    })
}

/// What every unit's move in a phase is decided from.
struct Mover<'a> {
    camp: Faction,
    stray: &'a [HexId],
    near_enemy: &'a [u32],
    map: &'a HexMap,
    scenario: &'a crate::scenario::Scenario,
}

impl Mover<'_> {
    fn move_unit(&self, world: &mut World, o: &Order, board: &mut Board) {
        let Some((from, left)) = position_and_left(world, o.entity) else {
            return;
        };
        if left == 0 {
            return;
        }
        let (map, camp) = (self.map, self.camp);
        // The board's copy: taking ground during the move changes the world's.
        board.see(world);
        let moved = board.with(map, |ground, enemies| {
            let here = Here {
                map,
                control: ground.control,
                ground,
                enemies,
                rules: &self.scenario.rules.movement,
                camp,
                from,
                left,
            };
            let (choice, reach) = here.choose(o, self.stray, self.near_enemy);
            let to = choice?;
            // A choice is made from the search, so it is there to hand to the door.
            let reach = reach.unwrap_or_else(|| reach_within(ground, here.rules, from, left));
            // The door checks the move again; a refusal here only means the AI misjudged.
            move_on(world, o.entity, to, ground, reach).ok().map(|_| to)
        });
        if let Some(to) = moved {
            board.moved(world, from, to);
        }
    }
}

/// A unit about to move and the ground around it.
struct Here<'a> {
    map: &'a HexMap,
    control: &'a [crate::scenario::Owner],
    ground: &'a Ground<'a>,
    enemies: &'a board::Enemies<'a>,
    rules: &'a crate::scenario::rules::MovementRules,
    camp: Faction,
    from: HexId,
    left: u32,
}

impl Here<'_> {
    /// Where the unit goes this week, if anywhere, and the search made to decide it.
    fn choose(
        &self,
        o: &Order,
        stray: &[HexId],
        near_enemy: &[u32],
    ) -> (Option<HexId>, Option<Reach>) {
        let reach: OnceCell<Reach> = OnceCell::new();
        let choice = self.choose_with(o, stray, near_enemy, &reach);
        (choice, reach.into_inner())
    }

    fn choose_with(
        &self,
        o: &Order,
        stray: &[HexId],
        near_enemy: &[u32],
        reach: &OnceCell<Reach>,
    ) -> Option<HexId> {
        let Here {
            map,
            control,
            ground,
            enemies,
            rules,
            camp,
            from,
            left,
        } = *self;
        // Foot units hold the objectives the spearheads took: one stays in each.
        if o.posture == Posture::Attack
            && !o.mobile
            && o.objectives.contains(&from)
            && ground.friends[from as usize] == 1
        {
            return None;
        }
        // Searched only if a choice needs it: a unit holding the line needs none.
        let r = || reach.get_or_init(|| reach_within(ground, rules, from, left));
        let limit = ground.stacking_limit;
        let can_end = |h: HexId| {
            h != from
                && r().cost[h as usize] <= left
                && u32::from(ground.friends[h as usize]) < limit
        };
        // Defend and Hold pull out of a closing ring; "no retreat" does not.
        let pull_back = || {
            r().settled
                .iter()
                .copied()
                .filter(|&h| can_end(h) && !enemies.encircling(map, h))
                .min_by_key(|&h| (ground.enemy_zoc[h as usize], r().cost[h as usize], h))
        };
        // Foot units on the attack turn aside to close on a pocket or straggler near them.
        let mop_up = || {
            let near: Vec<HexId> = stray
                .iter()
                .copied()
                .filter(|&s| map.distance(s, from) <= MOP_UP_HEXES)
                .collect();
            if near.is_empty() || near.iter().any(|&s| map.distance(s, from) == 1) {
                return None;
            }
            r().settled
                .iter()
                .copied()
                .filter(|&h| can_end(h) && near.iter().any(|&s| map.distance(s, h) == 1))
                .min_by_key(|&h| (r().cost[h as usize], h))
        };
        let front = |h: HexId| is_front(map, control, ground, camp, h);
        // Up to the line: its nearest empty stretch this week; failing that, toward the plan's
        // objective; failing that, toward the nearest enemy.
        let move_up = || {
            r().settled
                .iter()
                .copied()
                .filter(|&h| can_end(h) && front(h) && ground.friends[h as usize] == 0)
                .min_by_key(|&h| {
                    (
                        r().cost[h as usize],
                        o.goal.map_or(0, |g| map.distance(h, g)),
                        h,
                    )
                })
                .or_else(|| {
                    o.goal.and_then(|goal| {
                        let here = map.distance(from, goal);
                        r().settled
                            .iter()
                            .copied()
                            .filter(|&h| can_end(h) && map.distance(h, goal) < here)
                            .min_by_key(|&h| (map.distance(h, goal), h))
                    })
                })
                .or_else(|| {
                    let here = near_enemy[from as usize];
                    r().settled
                        .iter()
                        .copied()
                        .filter(|&h| {
                            can_end(h)
                                && near_enemy[h as usize] < here
                                && !ground.enemy_zoc[h as usize]
                        })
                        .min_by_key(|&h| (near_enemy[h as usize], r().cost[h as usize], h))
                })
        };
        match o.posture {
            Posture::Attack if !o.mobile && mop_up().is_some() => mop_up(),
            Posture::Attack => o.goal.and_then(|goal| {
                // As close to the goal as this week allows; no step backwards.
                let here = map.distance(from, goal);
                r().settled
                    .iter()
                    .copied()
                    .filter(|&h| can_end(h) && map.distance(h, goal) < here)
                    .min_by_key(|&h| (map.distance(h, goal), r().cost[h as usize], h))
            }),
            // "No retreat" forbids falling back, not moving up to hold the line.
            Posture::Defend | Posture::NoRetreat => {
                if o.posture == Posture::Defend && enemies.encircling(map, from) {
                    pull_back()
                } else if front(from) {
                    None
                } else {
                    move_up()
                }
            }
            Posture::Hold if enemies.encircling(map, from) => pull_back(),
            // Holding is for the line: units far behind it still come up to it.
            Posture::Hold if !front(from) && near_enemy[from as usize] > REAR_HEXES => move_up(),
            Posture::Hold => None,
        }
    }
}

/// Transports go to the camp's pockets, the largest first, as much as each needs.
fn airlift(world: &mut World, camp: Faction) {
    use super::pockets::{AirliftOrders, Pocket, PocketOutcome, airlift_delivery, need_tons};
    let mut q = world.query::<&Pocket>();
    let mut open: Vec<Pocket> = q
        .iter(world)
        .filter(|p| p.side == camp && p.outcome == PocketOutcome::Open)
        .cloned()
        .collect();
    open.sort_by_key(|p| (std::cmp::Reverse(p.men), p.id));
    for p in open {
        let pool = super::pockets::transport_pool(world, camp);
        let left = pool.saturating_sub(world.resource::<AirliftOrders>().assigned(camp));
        if left == 0 {
            break;
        }
        let hexes: Vec<HexId> = {
            let mut uq = world.query::<(&Unit, &HexPos)>();
            uq.iter(world)
                .filter(|(u, _)| p.units.contains(&u.id))
                .map(|(_, h)| h.0)
                .collect()
        };
        let through = airlift_delivery(world, camp, &hexes);
        if through <= 0.0 {
            continue;
        }
        let tons = ((need_tons(world, p.men) / through).ceil() as u32).min(left);
        if tons > 0 {
            let _ = act(
                world,
                Action::Airlift {
                    pocket: p.id,
                    tons_per_day: tons,
                },
            );
        }
    }
}

/// A holding unit farther than this from any enemy is behind the line, and moves up to it.
const REAR_HEXES: u32 = 3;

/// How far around a unit the AI looks for enemies closing a ring.
const RING_HEXES: u32 = 3;

/// Enemy units near `at` stand on every side of it, so that no straight line through it
/// has them all on one side: a ring is closing (or a salient is about to be pinched off).
/// Axial coordinates are an affine image of the plane, and "inside the convex hull" is kept
/// by affine maps, so the test needs no trigonometry beyond angles in those coordinates.
fn encircling(map: &HexMap, enemies: &[HexId], at: HexId) -> bool {
    let c = map.coords[at as usize];
    // Ids run row by row, so the enemies within reach are among those of the rows within
    // reach, a stretch of `enemies` (in id order) found by halving: measuring the distance
    // to every enemy on the map was a cost of each hex asked.
    let row = |e: &HexId| map.coords[*e as usize].y;
    let (lo, hi) = (c.y - RING_HEXES as i32, c.y + RING_HEXES as i32);
    let near = &enemies[enemies.partition_point(|e| row(e) < lo)..];
    let near = &near[..near.partition_point(|e| row(e) <= hi)];
    let mut angles: Vec<f64> = near
        .iter()
        .filter(|&&e| map.distance(e, at) <= RING_HEXES)
        .map(|&e| {
            let d = map.coords[e as usize] - c;
            f64::from(d.y).atan2(f64::from(d.x))
        })
        .collect();
    if angles.len() < 3 {
        return false;
    }
    angles.sort_by(f64::total_cmp);
    let widest = angles
        .windows(2)
        .map(|w| w[1] - w[0])
        .chain(std::iter::once(
            angles[0] + std::f64::consts::TAU - angles[angles.len() - 1],
        ))
        .fold(0.0, f64::max);
    // A gap of half a turn or more is a way out; allow for the hex grid's coarse angles.
    widest < std::f64::consts::PI - 0.2
}

/// Units far from the fighting go by train: first to the objectives the enemy is nearest
/// that have the fewest defenders, then toward their own plan's goal. The closest-fitting
/// units go first; each train is one unit.
fn by_rail(
    world: &mut World,
    orders: &[Order],
    garrisons: &[Entity],
    camp: Faction,
    board: &mut Board,
    near_enemy: &[u32],
) {
    let mut trains = world
        .get_resource::<super::rail::RailMovesLeft>()
        .map_or(0, |r| r.get(camp));
    if trains == 0 {
        return;
    }
    let map = world.resource::<Map>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let gauge = world.resource::<super::rail::Gauge>().0.clone();
    let date = today(world);
    let max = super::rail::max_hexes(&scenario.rules.movement.rail, map.hex_km);
    // Threatened objectives, the least defended (own men near per enemy men near) first.
    // Each camp's units apart, each in the order the world lists them, so that every sum
    // adds the same men in the same order as a pass over all units that skips the other camp.
    let (mut ours, mut theirs): (Vec<(HexId, u32)>, Vec<(HexId, u32)>) = (Vec::new(), Vec::new());
    {
        let mut q = super::queries::kept::<(&Unit, &HexPos, &Strength), ()>(world);
        for (u, p, s) in q.iter(world) {
            let side = if u.side.faction() == camp {
                &mut ours
            } else {
                &mut theirs
            };
            side.push((p.0, s.men));
        }
    }
    let men_near = |h: HexId, own: bool, radius: u32| -> f64 {
        let units = if own { &ours } else { &theirs };
        units
            .iter()
            .filter(|(x, _)| map.distance(*x, h) <= radius)
            .map(|&(_, m)| f64::from(m))
            .sum()
    };
    let mut needs: Vec<(f64, HexId)> = defended_objectives(&scenario, &map, camp, date)
        .into_iter()
        .filter(|&h| control[h as usize].faction() == Some(camp))
        .filter(|&h| near_enemy[h as usize] <= 2 * THREAT_HEXES)
        .map(|h| {
            let ratio = men_near(h, true, 3) / men_near(h, false, 5).max(1.0);
            (ratio, h)
        })
        .collect();
    needs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    needs.dedup_by_key(|n| n.1);
    let mut wanted: Vec<(HexId, bool)> = needs.iter().map(|&(_, h)| (h, true)).collect();
    // Then every attack plan's goal, for units far behind it.
    wanted.extend(orders.iter().filter_map(|o| o.goal.map(|g| (g, false))));
    // Where each order's unit stands, and whether it is out of the running (a garrison, or
    // already sent): only the units sent move during the loop, and they are not asked again.
    let at: Vec<Option<HexId>> = orders
        .iter()
        .map(|o| position_and_left(world, o.entity).map(|(h, _)| h))
        .collect();
    let mut taken: Vec<bool> = orders
        .iter()
        .map(|o| garrisons.contains(&o.entity))
        .collect();
    let mut hopeless: Vec<(HexId, bool)> = Vec::new();
    // The stations within a week's ride of each hex, by id. Trains change neither who holds
    // the track nor where the enemy stands, so the lines found hold for the whole loop.
    // By station: a few dozen are asked a phase, and a slot for every hex of the map, filled
    // and dropped each phase, cost more than the lookups.
    let mut lines: Lines = Lines::default();
    for (target, defending) in wanted {
        if trains == 0 {
            break;
        }
        if hopeless.contains(&(target, defending)) {
            continue;
        }
        board.see(world);
        let best = board.with(&map, |ground, _| {
            best_train(
                orders, &at, &taken, &mut lines, ground, &gauge, camp, max, near_enemy, target,
                defending,
            )
        });
        if best.is_none() {
            hopeless.push((target, defending));
        }
        // On the board's ground, as the door would see it (debug builds check).
        if let Some((_, i, from, to)) = best
            && board
                .with(&map, |ground, _| {
                    rail_move_on(world, orders[i].entity, to, ground)
                })
                .is_ok()
        {
            board.moved(world, from, to);
            taken[i] = true;
            trains -= 1;
        }
    }
}

/// The stations within a week's ride of a station, by id, for the stations asked.
type Lines = bevy::platform::collections::HashMap<HexId, Vec<(HexId, u32)>>;

/// The unit that a train brings nearest `target` (by its place in `orders`), with where it
/// stands and where it gets off. `at`: where each order's unit stands; `taken`: the orders out
/// of the running.
fn best_train(
    orders: &[Order],
    at: &[Option<HexId>],
    taken: &[bool],
    lines: &mut Lines,
    ground: &Ground,
    gauge: &[Option<Faction>],
    camp: Faction,
    max: u32,
    near_enemy: &[u32],
    target: HexId,
    defending: bool,
) -> Option<(u32, usize, HexId, HexId)> {
    let map = ground.map;
    let mut best: Option<(u32, usize, HexId, HexId)> = None;
    {
        for (i, o) in orders.iter().enumerate() {
            let fits = if defending {
                matches!(o.posture, Posture::Defend | Posture::NoRetreat)
            } else {
                o.posture == Posture::Attack && o.goal == Some(target)
            };
            if !fits || taken[i] {
                continue;
            }
            let Some(from) = at[i] else {
                continue;
            };
            // Only units well behind the front: a week's march from any enemy.
            if near_enemy[from as usize] < 6 || !map.has_rail(from) {
                continue;
            }
            let here = map.distance(from, target);
            let line = lines.entry(from).or_insert_with(|| {
                if max == u32::MAX {
                    // No limit at all: every hex passes `<= max`, even those with no line.
                    let (dist, _) = super::rail::rail_reach(ground, gauge, camp, from);
                    (0..map.len() as HexId)
                        .filter(|&h| h != from)
                        .map(|h| (h, dist[h as usize]))
                        .collect()
                } else {
                    super::rail::stations_within(ground, gauge, camp, from, max)
                }
            });
            let Some(station) = line
                .iter()
                .filter(|&&(h, _)| u32::from(ground.friends[h as usize]) < ground.stacking_limit)
                .min_by_key(|&&(h, d)| (map.distance(h, target), d, h))
                .map(|&(h, _)| h)
            else {
                continue;
            };
            let there = map.distance(station, target);
            // Worth a train only if it saves more than a week's march.
            if there + 5 > here {
                continue;
            }
            if best.as_ref().is_none_or(|(d, ..)| there < *d) {
                best = Some((there, i, from, station));
            }
        }
    }
    best
}

/// The cities the camp's plans in force tell it to hold (every posture but attack).
fn defended_objectives(
    scenario: &crate::scenario::Scenario,
    map: &HexMap,
    camp: Faction,
    date: Date,
) -> Vec<HexId> {
    scenario
        .plans
        .iter()
        .filter(|p| p.side.faction() == camp && p.in_force(date) && p.posture != Posture::Attack)
        .flat_map(|p| {
            p.objectives
                .iter()
                .filter_map(|c| map.city(c))
                .map(|c| c.hex)
        })
        .collect()
}

/// How near the enemy must be for an empty objective to need a garrison now: about what a
/// panzer corps drives in a dry week.
const THREAT_HEXES: u32 = 8;
/// Cities worth this many victory points or more are garrisoned to the stacking limit.
const MAJOR_CITY_VP: u32 = 10;

/// Defenders first put a unit into each objective city the enemy is near and nobody holds:
/// the nearest unit that can get there this week. Returns the garrisons, which stay.
fn garrison(world: &mut World, orders: &[Order], camp: Faction, board: &mut Board) -> Vec<Entity> {
    let mut garrisons = Vec::new();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let map = world.resource::<Map>().0.clone();
    let date = today(world);
    let mut cities = defended_objectives(&scenario, &map, camp, date);
    cities.sort_unstable();
    cities.dedup();
    for city in cities {
        let vp =
            map.city_in_hex[city as usize].map_or(0, |c| map.cities[c as usize].victory_points);
        // The great cities get a full stack; the rest one unit.
        let wanted = if vp >= MAJOR_CITY_VP {
            scenario.rules.stacking_limit
        } else {
            1
        };
        for _ in 0..wanted {
            // Only the city's owner is asked: copying the whole map's control for it was a cost.
            let owner = world.resource::<Control>().0[city as usize];
            let threatened = board
                .enemies
                .iter()
                .any(|&h| map.distance(h, city) <= THREAT_HEXES);
            if owner.faction() != Some(camp) || !threatened {
                break;
            }
            let mut q = super::queries::kept::<(Entity, &Unit, &HexPos), ()>(world);
            let inside: Vec<Entity> = q
                .iter(world)
                .filter(|(_, u, p)| p.0 == city && u.side.faction() == camp)
                .map(|(e, ..)| e)
                .collect();
            for e in &inside {
                if !garrisons.contains(e) {
                    garrisons.push(*e);
                }
            }
            if inside.len() as u32 >= wanted {
                break;
            }
            board.see(world);
            let best = board.with(&map, |ground, _| {
                let mut best: Option<(u32, Entity, HexId)> = None;
                for o in orders
                    .iter()
                    .filter(|o| o.posture != Posture::Attack && !garrisons.contains(&o.entity))
                {
                    let Some((from, left)) = position_and_left(world, o.entity) else {
                        continue;
                    };
                    if left == 0 || map.distance(from, city) > left {
                        continue;
                    }
                    let r = reach_within(ground, &scenario.rules.movement, from, left);
                    let cost = r.cost[city as usize];
                    if cost <= left && best.as_ref().is_none_or(|(c, ..)| cost < *c) {
                        best = Some((cost, o.entity, from));
                    }
                }
                best
            });
            match best {
                Some((_, unit, from))
                    if id_of(world, unit).is_some_and(|id| {
                        act(world, Action::Move { unit: id, to: city }).is_ok()
                    }) =>
                {
                    board.moved(world, from, city);
                    garrisons.push(unit)
                }
                _ => break,
            }
        }
    }
    garrisons
}

/// Attacks every enemy hex next to the camp's units where the odds clear the posture's bar,
/// nearest to an objective first.
fn attacks(world: &mut World, orders: &[Order], camp: Faction, stray: &[HexId]) {
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let ai = &scenario.rules.ai;
    let bar = |p: Posture| match p {
        Posture::Attack => ai.attack_odds,
        Posture::Defend => ai.defend_odds,
        Posture::Hold | Posture::NoRetreat => ai.hold_odds,
    };
    // By entity, not by id: copying every unit's id each phase, and hashing the ids to find
    // their orders, was a cost. An order's entity is its unit, as its id is.
    let mut q = super::queries::kept::<
        (
            Entity,
            &Unit,
            &HexPos,
            &Strength,
            &Cohesion,
            &Experience,
            Option<&super::supply::Supply>,
        ),
        (),
    >(world);
    let fighters: Vec<(Entity, Fighter)> = q
        .iter(world)
        .map(|(e, u, p, s, c, x, sup)| (e, Fighter::of(u, p.0, s, c, x).supplied(sup)))
        .collect();
    // The nearest goal is a minimum, which no order or repetition of the goals changes: the
    // few distinct goals are measured, not every order's (a unit count times an enemy count
    // of distances was a cost).
    let mut goals: Vec<HexId> = orders.iter().filter_map(|o| o.goal).collect();
    goals.sort_unstable();
    goals.dedup();
    let mut targets: Vec<(bool, u32, HexId)> = fighters
        .iter()
        .filter(|(_, f)| f.side.faction() != camp)
        .map(|(_, f)| f.hex)
        .map(|h| {
            let near = goals
                .iter()
                .map(|&g| map.distance(h, g))
                .min()
                .unwrap_or(u32::MAX);
            // Pockets and stragglers first, then by nearness to an objective.
            (stray.binary_search(&h).is_err(), near, h)
        })
        .collect();
    targets.sort_unstable();
    targets.dedup();
    // Looked up for every unit next to every target, never iterated: comparing ids along
    // lists was a hot spot, and a map gives the same answers (the first order for the unit).
    let mut posture_of: bevy::ecs::entity::EntityHashMap<Posture> =
        bevy::ecs::entity::EntityHashMap::with_capacity(orders.len());
    for o in orders {
        posture_of.entry(o.entity).or_insert(o.posture);
    }
    // Each fighter's posture looked up once, and the units that have attacked marked by their
    // place in `fighters`: asked for every unit next to every target, ids hashed again and
    // again were a cost (ids are unique, so the answers are the same).
    let posture: Vec<Option<Posture>> = fighters
        .iter()
        .map(|(e, f)| {
            (f.side.faction() == camp)
                .then(|| posture_of.get(e).copied())
                .flatten()
        })
        .collect();
    let mut used = vec![false; fighters.len()];
    // The units in each hex, by hex and then by their place in `fighters`: every target asked
    // for the units next to it, and measuring the distance from every unit to every target
    // was a cost. A hex is one step from the target exactly when it is one of the target's
    // neighbours, and the units are taken in the order `fighters` lists them, as before.
    let mut by_hex: Vec<(HexId, usize)> = fighters
        .iter()
        .enumerate()
        .map(|(i, (_, f))| (f.hex, i))
        .collect();
    by_hex.sort_unstable();
    let in_hex = |h: HexId| {
        let lo = by_hex.partition_point(|&(x, _)| x < h);
        let hi = by_hex.partition_point(|&(x, _)| x <= h);
        by_hex[lo..hi].iter().map(|&(_, i)| i)
    };
    // Only units with orders can attack: the rest are left out of the search for attackers
    // once, and most targets, with none of them next to it, are passed over at once.
    let may_attack: Vec<(HexId, usize)> = by_hex
        .iter()
        .copied()
        .filter(|&(_, i)| posture[i].is_some())
        .collect();
    // Where each hex's stretch of `may_attack` starts, by hex id (`u32::MAX` for none), the
    // stretch running on while the hex is the same: every target asks six hexes, and
    // halving the list twice for each was a cost.
    let mut first = vec![u32::MAX; map.len()];
    for (k, &(h, _)) in may_attack.iter().enumerate().rev() {
        first[h as usize] = k as u32;
    }
    let attackers_in = |h: HexId| {
        let from = may_attack
            .get(first[h as usize] as usize..)
            .unwrap_or_default();
        from.iter()
            .take_while(move |&&(x, _)| x == h)
            .map(|&(_, i)| i)
    };
    let mut next_to: Vec<usize> = Vec::new();
    for (_, _, target) in targets {
        next_to.clear();
        for &nb in &map.neighbours[target as usize] {
            if nb != NO_HEX {
                next_to.extend(attackers_in(nb));
            }
        }
        if next_to.is_empty() {
            continue;
        }
        next_to.sort_unstable();
        let attackers: Vec<(usize, &Fighter, Posture)> = next_to
            .iter()
            .filter(|&&i| !used[i])
            .filter_map(|&i| posture[i].map(|p| (i, &fighters[i].1, p)))
            .collect();
        if attackers.is_empty() {
            continue;
        }
        let defenders: Vec<Fighter> = in_hex(target)
            .map(|i| &fighters[i].1)
            .filter(|f| f.side.faction() != camp)
            .copied()
            .collect();
        let a: Vec<Fighter> = attackers.iter().map(|(_, f, _)| **f).collect();
        let conditions = super::actions::battle_conditions(world, target);
        let o = odds(
            &scenario.rules.combat,
            &map,
            &a,
            &defenders,
            target,
            &conditions,
        );
        let need = attackers
            .iter()
            .map(|(_, _, p)| bar(*p))
            .fold(f64::MAX, f64::min);
        // Aircraft go to the attacks nearest the objectives, first come first served, and
        // to any attack they lift over the bar.
        let aircraft_left = world.get_resource::<AirLeft>().map_or(0.0, |a| a.get(camp));
        let flies = air_needed(world, &scenario.rules.air, target)
            .is_ok_and(|needed| needed <= aircraft_left);
        // Weighed with aircraft only where the odds without them fall short: where they
        // clear the bar the attack goes in either way (with aircraft if they fly).
        let with_air = o.ratio < need
            && flies
            && odds(
                &scenario.rules.combat,
                &map,
                &a,
                &defenders,
                target,
                &conditions.clone().with_air(scenario.rules.air.support),
            )
            .ratio
                >= need;
        if o.ratio >= need || with_air {
            for &(i, ..) in &attackers {
                used[i] = true;
            }
            // Units not yet used are all still there (only attackers of this camp fall, and
            // they are marked used); were one gone, its id would find no unit and the door
            // refuse the attack, as it does when none is found here.
            let ids: Option<Vec<String>> = attackers
                .iter()
                .map(|&(i, ..)| world.get::<Unit>(fighters[i].0).map(|u| u.id.clone()))
                .collect();
            if let Some(ids) = ids {
                let _ = act(
                    world,
                    Action::Attack {
                        units: ids,
                        target,
                        air: flies,
                    },
                );
            }
        }
    }
}
