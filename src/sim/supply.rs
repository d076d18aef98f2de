//! Supply (DESIGN.md: Supply and rail). Each logistics phase, per camp: sources (the off-map
//! boxes' rail links, Soviet industrial cities, the Axis's home cities) feed the camp's own
//! connected track; trucks carry supply a few movement points beyond the railheads; enemy
//! units and their zones of control block the way unless a friendly unit holds the hex.
//! What a network's sources send is shared among the units that draw on it.
//!
//! The trace is a breadth-first pass over the track and a bucket-queue (Dial) pass overland:
//! both visit each hex a bounded number of times, so the cost grows linearly with the map.

use bevy::prelude::*;

use super::movement::{Ground, entry_costs};
use super::rail::Gauge;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{HexPos, Strength, Unit};
use super::victory::StartControl;
use super::world::{Control, Map, ScenarioRes};
use crate::map::{HexId, HexMap, LinkTarget, NO_HEX};
use crate::scenario::rules::Rules;
use crate::scenario::{Faction, Owner};

/// What a unit received this week, and why not more.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Supply {
    /// Share of its needs, 0–1.
    pub received: f64,
    /// No route at all to a source: cut off.
    pub isolated: bool,
    /// Weeks in a row it has been cut off.
    pub turns_isolated: u32,
    /// In words, why it got less than all it needs; None when fully supplied.
    pub why: Option<String>,
}

impl Default for Supply {
    fn default() -> Self {
        Self {
            received: 1.0,
            isolated: false,
            turns_isolated: 0,
            why: None,
        }
    }
}

/// One connected network of track and its sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// Tons a day its sources send.
    pub capacity: f64,
    /// Tons a day its units need.
    pub demand: f64,
}

impl Network {
    /// Share of their needs the units on this network get.
    pub fn share(&self) -> f64 {
        if self.demand <= 0.0 {
            1.0
        } else {
            (self.capacity / self.demand).min(1.0)
        }
    }
}

/// One camp's supply this week, hex by hex.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    /// Overland points from the nearest railhead; `u32::MAX` where no route exists.
    pub cost: Vec<u32>,
    /// The network each reached hex draws on (`u32::MAX` where none).
    pub network: Vec<u32>,
    /// Whether that railhead is captured track converted to the camp's gauge.
    pub converted: Vec<bool>,
    pub networks: Vec<Network>,
    /// Overland points trucks cover this week.
    pub budget: u32,
}

impl Trace {
    /// Share of its needs a unit in `hex` gets, and why it is short, if it is.
    pub fn received(&self, rules: &Rules, hex: HexId) -> (f64, Option<String>) {
        let h = hex as usize;
        let cost = self.cost[h];
        if cost == u32::MAX {
            return (
                0.0,
                Some(
                    "cut off: enemy units, their zones of control and the ground they hold close every route to a railhead"
                        .into(),
                ),
            );
        }
        if cost > self.budget {
            // Beyond the trucks' regular reach a trickle still arrives, less the farther.
            let trickle = rules.supply.overland_at_limit * f64::from(self.budget) / f64::from(cost);
            return (
                trickle,
                Some(format!(
                    "the nearest railhead is {cost} movement points away; trucks reach {} this week",
                    self.budget
                )),
            );
        }
        let s = &rules.supply;
        // Full supply within half the trucks' reach, falling off to the limit beyond it.
        let half = f64::from(self.budget) / 2.0;
        let road = if f64::from(cost) <= half || self.budget == 0 {
            1.0
        } else {
            1.0 - (1.0 - s.overland_at_limit) * (f64::from(cost) - half) / half
        };
        let net = &self.networks[self.network[h] as usize];
        let gauge = if self.converted[h] {
            s.converted_track_share
        } else {
            1.0
        };
        let got = road * net.share() * gauge;
        // Written into one string as the reasons come: a list of them joined at the end cost
        // two allocations more for every unit short of supply, every week.
        let mut why = String::new();
        let mut reason = |part: std::fmt::Arguments| {
            use std::fmt::Write;
            if !why.is_empty() {
                why.push_str("; ");
            }
            let _ = why.write_fmt(part);
        };
        if road < 1.0 {
            reason(format_args!(
                "{cost} movement points from the railhead by truck"
            ));
        }
        if net.share() < 1.0 {
            reason(format_args!(
                "its rail network carries {:.0}% of what its units need",
                net.share() * 100.0
            ));
        }
        if self.converted[h] {
            reason(format_args!("fed over converted captured track"));
        }
        (got, (!why.is_empty()).then_some(why))
    }

    /// True if trucks reach `hex` from a railhead this week.
    pub fn reaches(&self, hex: HexId) -> bool {
        self.cost[hex as usize] <= self.budget
    }
}

/// Both camps' traces from the last logistics phase, for the AI, airlift and the GUI.
#[derive(Resource, Debug, Clone, Default)]
pub struct SupplyState {
    pub axis: Trace,
    pub soviet: Trace,
}

impl SupplyState {
    pub fn of(&self, camp: Faction) -> &Trace {
        match camp {
            Faction::Axis => &self.axis,
            Faction::Soviet => &self.soviet,
        }
    }
}

/// Fractions of a hex of track conversion carried to next week, per camp.
#[derive(Resource, Debug, Clone, Copy, Default)]
struct Conversion([f64; 2]);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Conversion>()
        .init_resource::<SupplyState>()
        .add_systems(
            TurnSchedule,
            (convert_track, trace_supply)
                .chain()
                .in_set(TurnSystems::Supply),
        );
}

/// Sources of `camp` and the tons a day each sends.
fn sources(
    map: &HexMap,
    control: &[Owner],
    start: &[Owner],
    rules: &Rules,
    camp: Faction,
) -> Vec<(HexId, f64)> {
    let mut out = Vec::new();
    for b in map.boxes.iter().filter(|b| b.side.faction() == camp) {
        for l in &b.links {
            if let LinkTarget::Hex(h) = l.to {
                out.push((h, l.trains_per_day * rules.supply.tons_per_train));
            }
        }
    }
    for c in &map.cities {
        let home = start[c.hex as usize].faction() == Some(camp);
        let big = c.industry >= rules.supply.city_source_industry && c.industry > 0;
        let counts = match camp {
            Faction::Soviet => big,
            Faction::Axis => home && c.industry > 0,
        };
        if counts {
            out.push((
                c.hex,
                f64::from(c.industry) * rules.supply.city_tons_per_industry,
            ));
        }
    }
    out.retain(|&(h, _)| control[h as usize].faction() == Some(camp));
    out
}

/// The trace's per-hex flags: supply may pass the hex,
const OPEN: u8 = 1;
/// ... and its track is the camp's, usable to carry supply. (Whether trucks may enter it is
/// its entry cost, `u32::MAX` where they may not.)
const RAIL: u8 = 2;

thread_local! {
    /// The overland pass's buckets, kept between traces for their capacity.
    static BUCKETS: std::cell::Cell<Vec<Vec<HexId>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Traces `camp`'s supply over `ground` (built for that camp, with this week's weather).
/// `units` lists the camp's units by hex and men, for the demand on each network.
/// `changed` gives the turn each hex last changed hands, and `now` this turn. `trains` lists
/// stations loading this week (rail moves, evacuated factories) and the trains a day they
/// take: those trains carry no supply.
pub fn trace(
    ground: &Ground,
    gauge: &[Option<Faction>],
    start: &[Owner],
    changed: &[u32],
    now: u32,
    rules: &Rules,
    camp: Faction,
    units: &[(HexId, u32)],
    trains: &[(HexId, f64)],
) -> Trace {
    let map = ground.map;
    let n = map.len();
    // Enemy units and their zones of control block the way unless a friendly unit holds the
    // hex (DESIGN.md). So does ground the enemy has held for more than a week: an army far
    // behind the enemy's front cannot draw supply across his rear. Ground that changed hands
    // this week or last is still contested, and the camp's own units keep open what they
    // stand in and touch.
    // Where the camp's units stand or touch: marked out from the few hexes they stand in,
    // rather than asked of the six neighbours of every hex the enemy holds.
    let mut near_friend = vec![false; n];
    for (i, &f) in ground.friends.iter().enumerate() {
        if f > 0 {
            near_friend[i] = true;
            for &nb in &map.neighbours[i] {
                if nb != NO_HEX {
                    near_friend[nb as usize] = true;
                }
            }
        }
    }
    // What both passes ask of every hex, worked out in one sweep of the map: separate
    // sweeps for each question (open, usable track, entry cost, home ground) were most of
    // the trace's cost.
    let mut flags = vec![0u8; n];
    // `u32::MAX` where trucks may not go (see the overland pass).
    let mut enter = vec![u32::MAX; n];
    // Whether some hex costs nothing to enter (see the overland pass).
    let mut free_step = false;
    let mut home: Vec<HexId> = Vec::new();
    // Every per-hex slice cut to the map's length, so that one bound covers them all and the
    // sweep reads them unchecked: checking each of a dozen indexes of every hex was half
    // the sweep.
    let (control, changed, start, gauge) = (
        &ground.control[..n],
        &changed[..n],
        &start[..n],
        &gauge[..n],
    );
    let (enemy, enemy_zoc, friends) = (
        &ground.enemy[..n],
        &ground.enemy_zoc[..n],
        &ground.friends[..n],
    );
    // The week's entry costs, shared with movement: laid out once for both camps' traces.
    let entry = entry_costs(ground, &rules.movement.terrain_cost);
    let (terrain, rail_edges, entry) = (&map.terrain[..n], &map.rail_edges[..n], &entry[..n]);
    let near_friend = &near_friend[..n];
    for i in 0..n {
        let owner = control[i];
        let held = owner.faction();
        let held_by_enemy = held.is_some_and(|f| f != camp) && now.saturating_sub(changed[i]) > 1;
        let open = !terrain[i].is_water()
            && owner != Owner::Neutral
            && !enemy[i]
            && (!enemy_zoc[i] || friends[i] > 0)
            && (!held_by_enemy || near_friend[i]);
        if !open {
            continue;
        }
        let mut f = OPEN;
        let ours = held == Some(camp);
        if ours && gauge[i] == Some(camp) && rail_edges[i] != 0 {
            f |= RAIL;
        }
        let e = entry[i];
        if e != u32::MAX {
            enter[i] = e;
            free_step |= e == 0;
        }
        flags[i] = f;
        if camp == Faction::Axis && ours && start[i].faction() == Some(camp) {
            home.push(i as HexId);
        }
    }
    let passable = |h: HexId| flags[h as usize] & OPEN != 0;
    let usable_rail = |h: HexId| flags[h as usize] & RAIL != 0;
    // Networks: connected usable track, found from the sources. Which network a hex joins
    // does not depend on the order track is followed in, so a stack serves as the queue.
    let mut network = vec![u32::MAX; n];
    let mut networks: Vec<Network> = Vec::new();
    let mut railheads: Vec<HexId> = Vec::new();
    let mut stack: Vec<HexId> = Vec::new();
    let mut spread =
        |from: &[HexId], id: u32, network: &mut Vec<u32>, railheads: &mut Vec<HexId>| {
            stack.clear();
            stack.extend(from.iter().copied().filter(|&h| usable_rail(h)));
            while let Some(h) = stack.pop() {
                for nb in map.rail_neighbours(h) {
                    if network[nb as usize] != u32::MAX || !usable_rail(nb) {
                        continue;
                    }
                    network[nb as usize] = id;
                    railheads.push(nb);
                    stack.push(nb);
                }
            }
        };
    // The Axis countries' own territory is one network: their dense home railways are not
    // drawn on the map, and everything the Reich's links and home cities send enters it.
    let all_sources = sources(map, ground.control, start, rules, camp);
    if !home.is_empty() {
        networks.push(Network {
            capacity: 0.0,
            demand: 0.0,
        });
        for &h in &home {
            network[h as usize] = 0;
            railheads.push(h);
        }
        spread(&home, 0, &mut network, &mut railheads);
    }
    for (src, tons) in all_sources {
        if !passable(src) {
            continue;
        }
        if network[src as usize] != u32::MAX {
            networks[network[src as usize] as usize].capacity += tons;
            continue;
        }
        let id = networks.len() as u32;
        networks.push(Network {
            capacity: tons,
            demand: 0.0,
        });
        network[src as usize] = id;
        railheads.push(src);
        spread(&[src], id, &mut network, &mut railheads);
    }
    // Whether a railhead is captured track converted to the camp's gauge: only railheads
    // are asked, and each is one.
    let converted = |i: usize| {
        start[i].faction().is_some_and(|f| f != camp)
            && gauge[i] == Some(camp)
            && map.has_rail(i as HexId)
    };
    // Overland from every railhead at once: Dial's algorithm, buckets by cost.
    let mut cost = vec![u32::MAX; n];
    let mut conv = vec![false; n];
    // The hex each reached hex was reached from (`NO_HEX` for railheads): see the ties below.
    let mut from = vec![NO_HEX; n];
    // Kept from the last trace with their capacity (emptied here): allocating every bucket
    // afresh, twice a week, showed in the profile. Empty buckets past the end cost nothing.
    let mut buckets = BUCKETS.try_with(|b| b.take()).unwrap_or_default();
    for b in &mut buckets {
        b.clear();
    }
    if buckets.is_empty() {
        buckets.push(Vec::new());
    }
    for &h in &railheads {
        cost[h as usize] = 0;
        conv[h as usize] = converted(h as usize);
        buckets[0].push(h);
    }
    let river_crossing = rules.movement.river_crossing;
    {
        // Cut to the map's length, as in the sweep: a neighbour's one bound check covers
        // every slice it indexes.
        let (cost, from, network, conv) = (
            &mut cost[..n],
            &mut from[..n],
            &mut network[..n],
            &mut conv[..n],
        );
        let (enter, frozen) = (&enter[..n], &ground.frozen[..n]);
        let (neighbours, river_edges) = (&map.neighbours[..n], &map.river_edges[..n]);
        let mut c = 0usize;
        while c < buckets.len() {
            let mut here = std::mem::take(&mut buckets[c]);
            // A hex reached at the same cost from two hexes draws on the network (and track)
            // of the one taken first, lower hex ids first within a cost. Taking a bucket in id
            // order needed a sort of every bucket; instead a tie goes to the hex of lower id
            // among those of the same cost (below), which is the one id order takes first. A
            // step that costs nothing would reach hexes of this same cost, perhaps already
            // taken: then the bucket is sorted, as it always was.
            if free_step {
                here.sort_unstable();
            }
            let cu = c as u32;
            for &h in &here {
                let hi = h as usize;
                if cost[hi] != cu {
                    continue;
                }
                // Supply does not flow on out of an enemy zone (it may end there, where a
                // friendly unit holds the hex).
                if enemy_zoc[hi] && friends[hi] == 0 && c > 0 {
                    continue;
                }
                let rivers = if frozen[hi] { 0 } else { river_edges[hi] };
                let (label, converted) = (network[hi], conv[hi]);
                // The neighbours this hex reaches cheaper than before, gathered first and
                // taken after: whether a neighbour gains is a coin toss to the processor, and
                // branching on it for each of six neighbours was most of the pass. Each
                // neighbour is another hex, and no test below reads what another's update
                // writes (see the ties), so the order of the writes changes nothing.
                let mut gains = [(NO_HEX, 0u32); 6];
                let mut k = 0;
                for (d, &nb) in neighbours[hi].iter().enumerate() {
                    let nbi = nb as usize;
                    // Off the map (`NO_HEX`) too.
                    if nbi >= n {
                        continue;
                    }
                    // The step cost of movement (as `reach_within` steps); `u32::MAX` into a
                    // hex supply may not enter, which no sum beats. A neighbour already at
                    // this cost or less gains nothing either: a step costs nothing or more.
                    let was = cost[nbi];
                    let river = if rivers & (1 << d) != 0 && !frozen[nbi] {
                        river_crossing
                    } else {
                        0
                    };
                    let next = u64::from(cu) + u64::from(enter[nbi]) + u64::from(river);
                    gains[k] = (nb, next as u32);
                    k += usize::from(next < u64::from(was));
                    // A tie goes to the hex of lower id among those of the same cost (a hex
                    // not yet reached, or barred, has no hex it was reached from: `NO_HEX`).
                    // Steps cost something here, so the tie is above this cost, and so is a
                    // neighbour's cost before and after its gain: that the writes come later
                    // cannot change the test.
                    if next == u64::from(was)
                        && !free_step
                        && h < from[nbi]
                        && cost.get(from[nbi] as usize) == Some(&cu)
                    {
                        from[nbi] = h;
                        network[nbi] = label;
                        conv[nbi] = converted;
                    }
                }
                for &(nb, next) in &gains[..k] {
                    let nbi = nb as usize;
                    cost[nbi] = next;
                    from[nbi] = h;
                    network[nbi] = label;
                    conv[nbi] = converted;
                    if buckets.len() <= next as usize {
                        buckets.resize(next as usize + 1, Vec::new());
                    }
                    buckets[next as usize].push(nb);
                }
            }
            // Anything pushed back into this bucket meanwhile was never read, as before.
            here.clear();
            buckets[c] = here;
            c += 1;
        }
    }
    let _ = BUCKETS.try_with(|b| b.set(buckets));
    let budget = rules.supply.overland_points.get(camp);
    for &(h, men) in units {
        let i = h as usize;
        if cost[i] <= budget && network[i] != u32::MAX {
            networks[network[i] as usize].demand +=
                f64::from(men) / 1000.0 * rules.supply.tons_per_thousand_men;
        }
    }
    // Trains loading troops or factories are taken off the network's daily deliveries.
    for &(h, per_day) in trains {
        if network[h as usize] != u32::MAX {
            let net = &mut networks[network[h as usize] as usize];
            net.capacity = (net.capacity - per_day * rules.supply.tons_per_train).max(0.0);
        }
    }
    Trace {
        cost,
        network,
        converted: conv,
        networks,
        budget,
    }
}

/// Each camp converts captured track to its gauge, from the track it already uses outward,
/// `conversion_km_per_week` along every line. Railway troops work behind their own front: on
/// the camp's ground, or on captured ground no enemy unit is within `CLEAR_HEXES` of, which
/// they then hold.
fn convert_track(world: &mut World) {
    const CLEAR_HEXES: u32 = 3;
    let map = world.resource::<Map>().0.clone();
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let mut q = super::queries::kept::<(&Unit, &HexPos), ()>(world);
    let placed: Vec<(HexId, Faction)> = q
        .iter(world)
        .map(|(u, p)| (p.0, u.side.faction()))
        .collect();
    for camp in [Faction::Axis, Faction::Soviet] {
        let slot = camp as usize;
        let depth = {
            let mut progress = world.resource_mut::<Conversion>();
            progress.0[slot] +=
                f64::from(scenario.rules.supply.conversion_km_per_week.get(camp)) / map.hex_km;
            let depth = progress.0[slot].floor() as u32;
            progress.0[slot] -= f64::from(depth);
            depth
        };
        if depth == 0 {
            continue;
        }
        let control = world.resource::<Control>().0.clone();
        let mut gauge = world.resource::<Gauge>().0.clone();
        // Where the enemy stands, and which hexes are behind the camp's front: asked only of
        // the hexes the track leads to.
        let mut rear = super::rear::Rear::new(&map, &placed, camp);
        let mut queue = std::collections::VecDeque::new();
        // Enemy-held track is taken over only in the enemy's own pre-war country: that is
        // captured track to convert. The camp's own country it takes back with its troops.
        let start = world.resource::<StartControl>().0.clone();
        let mut workable = |h: HexId| {
            let i = h as usize;
            map.has_rail(h)
                && match control[i].faction() {
                    Some(f) if f == camp => !rear.enemy_in(h),
                    // Behind the front: clear of the enemy, and nearer our army than his.
                    Some(_) => start[i].faction() != Some(camp) && rear.behind(h, CLEAR_HEXES),
                    None => false,
                }
        };
        let mut dist = vec![u32::MAX; map.len()];
        // The off-map links bring the camp's own gauge to where they enter the map.
        for b in map.boxes.iter().filter(|b| b.side.faction() == camp) {
            for l in &b.links {
                if let LinkTarget::Hex(h) = l.to
                    && control[h as usize].faction() == Some(camp)
                {
                    gauge[h as usize] = Some(camp);
                }
            }
        }
        for h in 0..map.len() as HexId {
            if map.has_rail(h)
                && control[h as usize].faction() == Some(camp)
                && gauge[h as usize] == Some(camp)
            {
                dist[h as usize] = 0;
                queue.push_back(h);
            }
        }
        let mut claimed = Vec::new();
        while let Some(h) = queue.pop_front() {
            let d = dist[h as usize];
            if d >= depth {
                continue;
            }
            for nb in map.rail_neighbours(h) {
                if dist[nb as usize] != u32::MAX || !workable(nb) {
                    continue;
                }
                dist[nb as usize] = d + 1;
                gauge[nb as usize] = Some(camp);
                if control[nb as usize].faction() != Some(camp) {
                    claimed.push(nb);
                }
                queue.push_back(nb);
            }
        }
        world.resource_mut::<Gauge>().0 = gauge;
        if !claimed.is_empty() {
            let side = match camp {
                Faction::Axis => crate::scenario::Side::Germany,
                Faction::Soviet => crate::scenario::Side::USSR,
            };
            super::actions::take_ground(world, &claimed, side, "railway troops behind the front");
        }
    }
}

/// The logistics phase's trace: every unit on the map learns what it received.
fn trace_supply(world: &mut World) {
    let map = world.resource::<Map>().0.clone();
    let control = world.resource::<Control>().0.clone();
    let gauge = world.resource::<Gauge>().0.clone();
    let start = world.resource::<StartControl>().0.clone();
    let changed = world.resource::<super::world::ControlChanged>().0.clone();
    let now = world.resource::<super::calendar::Calendar>().turn;
    let scenario = world.resource::<ScenarioRes>().0.clone();
    let mut q =
        super::queries::kept::<(Entity, &Unit, &HexPos, &Strength, Option<&Supply>), ()>(world);
    let units: Vec<(Entity, Faction, HexId, u32, u32)> = q
        .iter(world)
        .map(|(e, u, p, s, old)| {
            (
                e,
                u.side.faction(),
                p.0,
                s.men,
                old.map_or(0, |o| o.turns_isolated),
            )
        })
        .collect();
    let mut state = SupplyState::default();
    let placed: Vec<(HexId, Faction)> = units.iter().map(|u| (u.2, u.1)).collect();
    // The week's weather is the same for both camps: laid out once.
    let (cost_mult, frozen) =
        super::actions::weather_grid_now(world, &map, &scenario.rules.weather);
    for camp in [Faction::Axis, Faction::Soviet] {
        let ground = Ground::new_with_grid(
            &map,
            &control,
            placed.iter().copied(),
            camp,
            scenario.rules.stacking_limit,
            cost_mult.clone(),
            frozen.clone(),
        );
        let mine: Vec<(HexId, u32)> = units
            .iter()
            .filter(|u| u.1 == camp)
            .map(|u| (u.2, u.3))
            .collect();
        // A week's rail move takes its trains for the week: a seventh of them a day.
        let per_move = f64::from(scenario.rules.movement.rail.trains_per_move) / 7.0;
        let mut trains: Vec<(HexId, f64)> = world
            .get_resource::<super::rail::RailUsage>()
            .map(|r| {
                r.0.iter()
                    .filter(|(c, _)| *c == camp)
                    .map(|(_, h)| (*h, per_move))
                    .collect()
            })
            .unwrap_or_default();
        trains.extend(super::evacuation::trains_loading(world, camp));
        let rules = economy_rules(world, &scenario, camp);
        let t = trace(
            &ground, &gauge, &start, &changed, now, &rules, camp, &mine, &trains,
        );
        match camp {
            Faction::Axis => state.axis = t,
            Faction::Soviet => state.soviet = t,
        }
    }
    let rules = [Faction::Axis, Faction::Soviet].map(|c| economy_rules(world, &scenario, c));
    for (e, camp, hex, _, turns) in units {
        let t = state.of(camp);
        let (received, why) = t.received(&rules[camp as usize], hex);
        // Beyond the trucks' reach a unit goes short; with no route at all it is cut off.
        let isolated = t.cost[hex as usize] == u32::MAX;
        let supply = Supply {
            received,
            isolated,
            turns_isolated: if isolated { turns + 1 } else { 0 },
            why,
        };
        // Written in place where the unit has last week's: inserting over it was a cost of
        // every unit, every week (nothing watches for the change).
        let mut unit = world.entity_mut(e);
        match unit.get_mut::<Supply>() {
            Some(mut old) => *old = supply,
            None => {
                unit.insert(supply);
            }
        }
    }
    world.insert_resource(state);
    world.insert_resource(super::rail::RailUsage::default());
}

/// The supply rules as the economy leaves them this week for `camp`: trucks reach as far as
/// the truck park allows against its size at the start, and the sources send as much as this
/// week's ammunition output allows against the first week's (each within the scenario's
/// bounds; without an economy, the rules as written).
fn economy_rules(world: &World, scenario: &crate::scenario::Scenario, camp: Faction) -> Rules {
    let mut rules = scenario.rules.clone();
    let Some(e) = &scenario.economy else {
        return rules;
    };
    let industry = world.resource::<super::production::Industry>();
    let trucks = e.truck_range_share.clamp(industry.truck_share(camp));
    let points = match camp {
        Faction::Axis => &mut rules.supply.overland_points.axis,
        Faction::Soviet => &mut rules.supply.overland_points.soviet,
    };
    *points = (f64::from(*points) * trucks).round() as u32;
    let ammunition = e.supply_output_share.clamp(industry.supply_share(camp));
    rules.supply.tons_per_train *= ammunition;
    rules.supply.city_tons_per_industry *= ammunition;
    rules
}
