//! Where a unit can go this week and what it costs: terrain, rivers, zones of control and
//! stacking (DESIGN.md: Movement). Plain functions over the map's arrays, so the move action,
//! the AI and the GUI's "where can it go" overlay all ask the same question the same way.

use std::sync::Arc;

use crate::map::{HexId, HexMap, NO_HEX};
use crate::scenario::rules::{ByTerrain, MovementRules};
use crate::scenario::scenario_file::UnitKind;
use crate::scenario::{Faction, Owner};

/// What stands where, as seen by one side about to move.
#[derive(Debug, Clone)]
pub struct Ground<'a> {
    pub map: &'a HexMap,
    pub control: &'a [Owner],
    /// Units of the moving side per hex.
    pub friends: Vec<u8>,
    /// True where an enemy unit stands.
    pub enemy: Vec<bool>,
    /// True in the six hexes around an enemy unit (on land).
    pub enemy_zoc: Vec<bool>,
    pub stacking_limit: u32,
    /// This week's weather multiplier of movement costs, per hex.
    pub cost_mult: Arc<[f64]>,
    /// Rivers frozen hard this week, per hex: no obstacle.
    pub frozen: Arc<[bool]>,
}

impl<'a> Ground<'a> {
    /// `units` lists every unit on the map by hex and camp.
    pub fn new(
        map: &'a HexMap,
        control: &'a [Owner],
        units: impl IntoIterator<Item = (HexId, Faction)>,
        mover: Faction,
        stacking_limit: u32,
    ) -> Self {
        let n = map.len();
        Self::new_with_grid(
            map,
            control,
            units,
            mover,
            stacking_limit,
            vec![1.0; n].into(),
            vec![false; n].into(),
        )
    }

    /// [`Ground::new`] with this week's weather already laid out per hex (see
    /// [`weather_grid`]): building a dry grid only to replace it was a cost of every ground.
    pub fn new_with_grid(
        map: &'a HexMap,
        control: &'a [Owner],
        units: impl IntoIterator<Item = (HexId, Faction)>,
        mover: Faction,
        stacking_limit: u32,
        cost_mult: Arc<[f64]>,
        frozen: Arc<[bool]>,
    ) -> Self {
        let n = map.len();
        let mut friends = vec![0u8; n];
        let mut enemy = vec![false; n];
        let mut enemy_zoc = vec![false; n];
        for (hex, camp) in units {
            if camp == mover {
                friends[hex as usize] = friends[hex as usize].saturating_add(1);
            } else {
                enemy[hex as usize] = true;
                for &nb in &map.neighbours[hex as usize] {
                    if nb != NO_HEX && map.is_land(nb) {
                        enemy_zoc[nb as usize] = true;
                    }
                }
            }
        }
        Self {
            map,
            control,
            friends,
            enemy,
            enemy_zoc,
            stacking_limit,
            cost_mult,
            frozen,
        }
    }

    /// This week's weather: mud and snow make every hex cost more, deep winter freezes rivers.
    pub fn with_weather(
        mut self,
        weather: &super::weather::Weather,
        rules: &crate::scenario::rules::WeatherRules,
    ) -> Self {
        let (cost_mult, frozen) = weather_grid(self.map, weather, rules);
        self.cost_mult = cost_mult;
        self.frozen = frozen;
        self
    }

    /// This week's weather, already laid out per hex (see [`weather_grid`]).
    pub fn with_grid(mut self, cost_mult: Arc<[f64]>, frozen: Arc<[bool]>) -> Self {
        self.cost_mult = cost_mult;
        self.frozen = frozen;
        self
    }

    /// Why a unit of `mover` may not enter `hex` at all, if it may not.
    fn barred(&self, hex: HexId) -> Option<Barred> {
        let h = hex as usize;
        if !self.map.is_land(hex) {
            Some(Barred::Water)
        } else if self.control[h] == Owner::Neutral {
            Some(Barred::Neutral)
        } else if self.enemy[h] {
            Some(Barred::Enemy)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Barred {
    Water,
    Neutral,
    Enemy,
}

/// The week's weather per hex: the multiplier of movement costs, and where rivers are frozen.
/// Computed once a week and shared by every move (see `actions::ground_for`).
pub fn weather_grid(
    map: &HexMap,
    weather: &super::weather::Weather,
    rules: &crate::scenario::rules::WeatherRules,
) -> (Arc<[f64]>, Arc<[bool]>) {
    // Straight into the shared slices (the length is known): filling vectors push by push
    // and copying them over showed in the profile.
    let n = map.len() as HexId;
    let cost = (0..n)
        .map(|h| rules.movement_cost.get(weather.at(h)))
        .collect();
    let frozen = (0..n)
        .map(|h| weather.at(h) == crate::scenario::weather_file::WeatherKind::Winter)
        .collect();
    (cost, frozen)
}

/// The points it costs to step into each hex this week, rivers aside: its terrain's cost
/// scaled by the week's weather, `u32::MAX` where the terrain has no cost (water). The same
/// for every search and both camps' supply traces of a week, so it is laid out once per
/// weather grid (see [`EntryCache`]): matching the terrain and scaling the cost afresh at
/// every step was a good part of each search.
pub(super) fn entry_costs(ground: &Ground, costs: &ByTerrain) -> Arc<[u32]> {
    let terrain = &ground.map.terrain;
    let fits = |c: &EntryCache| {
        Arc::ptr_eq(&c.mult, &ground.cost_mult)
            && std::ptr::eq(c.terrain, terrain.as_ptr())
            && c.entry.len() == terrain.len()
            && c.costs == *costs
    };
    let kept = ENTRY_COSTS
        .try_with(|c| {
            c.borrow()
                .as_ref()
                .filter(|c| fits(c))
                .map(|c| c.entry.clone())
        })
        .ok()
        .flatten();
    if let Some(entry) = kept {
        return entry;
    }
    // The weather falls by zones, so the multiplier seldom changes from one hex to the next:
    // each terrain's cost is scaled once per run of hexes that share one, and looked up.
    use crate::scenario::map_file::Terrain;
    const TERRAINS: [Terrain; 7] = [
        Terrain::Clear,
        Terrain::Forest,
        Terrain::Marsh,
        Terrain::Hills,
        Terrain::Mountains,
        Terrain::Urban,
        Terrain::Sea,
    ];
    let scaled =
        |mult: f64| TERRAINS.map(|t| costs.get(t).map_or(u32::MAX, |c| scaled_cost(c, mult)));
    debug_assert!(TERRAINS.iter().enumerate().all(|(i, &t)| t as usize == i));
    let mut last = 1.0f64;
    let mut table = scaled(last);
    let entry: Arc<[u32]> = terrain
        .iter()
        .zip(ground.cost_mult.iter())
        .map(|(&t, &mult)| {
            if mult.to_bits() != last.to_bits() {
                (last, table) = (mult, scaled(mult));
            }
            // In the order of `TERRAINS`, which is the enum's.
            table[t as usize]
        })
        .collect();
    let _ = ENTRY_COSTS.try_with(|c| {
        *c.borrow_mut() = Some(EntryCache {
            mult: ground.cost_mult.clone(),
            terrain: terrain.as_ptr(),
            costs: *costs,
            entry: entry.clone(),
        })
    });
    entry
}

/// The last [`entry_costs`] laid out on this thread and what they were laid out from. The
/// weather grid is held here, so no other grid can take its address while it is kept: the
/// same address is the same week's weather.
struct EntryCache {
    mult: Arc<[f64]>,
    terrain: *const crate::scenario::map_file::Terrain,
    costs: ByTerrain,
    entry: Arc<[u32]>,
}

thread_local! {
    static ENTRY_COSTS: std::cell::RefCell<Option<EntryCache>> =
        const { std::cell::RefCell::new(None) };
}

/// The cheapest cost to reach every hex from `from`, and the hex it is reached from.
#[derive(Debug, Clone)]
pub struct Reach {
    pub from: HexId,
    /// Movement points to get there; `u32::MAX` where it cannot be reached.
    pub cost: Vec<u32>,
    pub prev: Vec<HexId>,
    /// The hexes reached, in the order they were settled (cheapest first).
    pub settled: Vec<HexId>,
    /// Every hex whose `cost` or `prev` the search wrote: on drop only these are reset, so
    /// the next search can reuse both map-sized arrays without filling them afresh.
    touched: Vec<HexId>,
}

/// Buffers of finished searches, ready for the next: the AI searches hundreds of times a
/// week, and allocating and filling two map-sized arrays each time was most of a search.
/// Handed back clean (all `u32::MAX` / `NO_HEX`), so a search sees what fresh arrays give.
struct SearchBuffers {
    cost: Vec<u32>,
    prev: Vec<HexId>,
    touched: Vec<HexId>,
    /// Emptied; kept for its capacity, which growing push by push was a cost of its own.
    settled: Vec<HexId>,
}

thread_local! {
    static SEARCH_BUFFERS: std::cell::RefCell<Vec<SearchBuffers>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// The search's queue, a list of hexes per cost, kept for its capacity (it is emptied
    /// after each search).
    static SEARCH_BUCKETS: std::cell::Cell<Vec<Vec<HexId>>> =
        const { std::cell::Cell::new(Vec::new()) };
}

/// How many costs' lists of hexes the search's queue keeps between searches.
const KEPT_COSTS: usize = 64;

/// How many idle sets of buffers a thread keeps: a few searches are alive at once.
const KEPT_BUFFERS: usize = 4;

fn search_buffers(n: usize) -> SearchBuffers {
    let reused = SEARCH_BUFFERS
        .try_with(|pool| {
            let mut pool = pool.borrow_mut();
            let at = pool.iter().rposition(|b| b.cost.len() == n)?;
            Some(pool.swap_remove(at))
        })
        .ok()
        .flatten();
    match reused {
        Some(b) => {
            debug_assert!(
                b.cost.iter().all(|&c| c == u32::MAX)
                    && b.prev.iter().all(|&p| p == NO_HEX)
                    && b.touched.is_empty()
                    && b.settled.is_empty(),
                "a search's buffers came back dirty"
            );
            b
        }
        None => SearchBuffers {
            cost: vec![u32::MAX; n],
            prev: vec![NO_HEX; n],
            touched: Vec::new(),
            settled: Vec::new(),
        },
    }
}

impl Drop for Reach {
    fn drop(&mut self) {
        let mut cost = std::mem::take(&mut self.cost);
        let mut prev = std::mem::take(&mut self.prev);
        let mut touched = std::mem::take(&mut self.touched);
        let mut settled = std::mem::take(&mut self.settled);
        settled.clear();
        if cost.len() != prev.len() {
            return;
        }
        for &h in &touched {
            cost[h as usize] = u32::MAX;
            prev[h as usize] = NO_HEX;
        }
        touched.clear();
        let _ = SEARCH_BUFFERS.try_with(|pool| {
            if let Ok(mut pool) = pool.try_borrow_mut()
                && pool.len() < KEPT_BUFFERS
            {
                pool.push(SearchBuffers {
                    cost,
                    prev,
                    touched,
                    settled,
                });
            }
        });
    }
}

impl Reach {
    pub fn can_reach(&self, hex: HexId, points: u32) -> bool {
        self.cost[hex as usize] <= points
    }

    /// The hexes from the start (excluded) to `to` (included).
    pub fn path(&self, to: HexId) -> Vec<HexId> {
        let mut path = Vec::new();
        let mut at = to;
        while at != self.from && at != NO_HEX {
            path.push(at);
            at = self.prev[at as usize];
        }
        path.reverse();
        path
    }
}

/// `(cost * mult).ceil() as u32`, exactly, without the call into libm's `ceil` (the default
/// x86-64 target has no rounding instruction): dry weather's 1.0 is the common case.
#[inline]
pub(super) fn scaled_cost(cost: u32, mult: f64) -> u32 {
    if mult == 1.0 {
        return cost;
    }
    let x = f64::from(cost) * mult;
    // `as` truncates toward zero and saturates (NaN gives 0), as `ceil() as u32` does;
    // only a positive fraction rounds up.
    let t = x as u32;
    if f64::from(t) < x {
        t.saturating_add(1)
    } else {
        t
    }
}

/// Dijkstra over the map from `from`. Entering a hex in an enemy zone of control ends
/// movement there, so no path continues out of one (a unit that starts in one may leave).
/// Ties are broken by hex id, so the same question always gets the same path.
pub fn reach(ground: &Ground, rules: &MovementRules, from: HexId) -> Reach {
    reach_within(ground, rules, from, u32::MAX)
}

/// Like [`reach`], but stops once every hex within `budget` points is settled: a unit with
/// four points left need not search the whole map. Hexes beyond it stay at `u32::MAX`.
pub fn reach_within(ground: &Ground, rules: &MovementRules, from: HexId, budget: u32) -> Reach {
    let SearchBuffers {
        mut cost,
        mut prev,
        mut touched,
        mut settled,
    } = search_buffers(ground.map.len());
    // Costs are small whole numbers, so the queue is a list of hexes per cost (Dial's
    // algorithm) rather than a heap: pushing and popping the heap was most of a search. Each
    // cost's hexes are taken lowest id first, as the heap gave them, repeats included; a
    // step that costs nothing puts its hex among those of this cost still to be taken, where
    // the heap would have given it next.
    let mut buckets = SEARCH_BUCKETS.try_with(|b| b.take()).unwrap_or_default();
    cost[from as usize] = 0;
    touched.push(from);
    if buckets.is_empty() {
        buckets.push(Vec::new());
    }
    buckets[0].push(from);
    // Every per-hex slice cut to the map's length, so that one bound check of a neighbour
    // covers all it indexes (LLVM folds the rest): the checks were a good part of a search.
    let n = ground.map.len();
    let (costs, prevs) = (&mut cost[..n], &mut prev[..n]);
    let entry = entry_costs(ground, &rules.terrain_cost);
    let (neighbours, entry, river_edges) = (
        &ground.map.neighbours[..n],
        &entry[..n],
        &ground.map.river_edges[..n],
    );
    let (control, enemy, enemy_zoc) = (
        &ground.control[..n],
        &ground.enemy[..n],
        &ground.enemy_zoc[..n],
    );
    let frozen = &ground.frozen[..n];
    let mut c = 0usize;
    while c < buckets.len() && c as u64 <= u64::from(budget) {
        let mut here = std::mem::take(&mut buckets[c]);
        here.sort_unstable();
        let cu = c as u32;
        let mut i = 0;
        while let Some(&hex) = here.get(i) {
            i += 1;
            let hi = hex as usize;
            if cu > costs[hi] {
                continue;
            }
            settled.push(hex);
            if hex != from && enemy_zoc[hi] {
                continue;
            }
            // The neighbours this hex reaches cheaper (or as cheaply from a lower id) are
            // gathered first and taken after: whether one gains is a coin toss to the
            // processor, and branching on it for each of six neighbours was much of a search.
            // Each test reads only its own neighbour's cost and origin, and each neighbour is
            // another hex, so the writes coming after changes no test.
            let mut gains = [(NO_HEX, 0u32); 6];
            let mut k = 0;
            for (d, &nb) in neighbours[hi].iter().enumerate() {
                let nbi = nb as usize;
                // Off the map (`NO_HEX`) too.
                if nbi >= n {
                    continue;
                }
                // The cost to step in: barred hexes (neutral, enemy) and terrain without a
                // cost (water) cannot be entered; a river crossed unfrozen adds its cost.
                let base = entry[nbi];
                let barred = base == u32::MAX || control[nbi] == Owner::Neutral || enemy[nbi];
                let river = if river_edges[hi] & (1 << d) != 0 && !(frozen[hi] || frozen[nbi]) {
                    rules.river_crossing
                } else {
                    0
                };
                // `cu + step`, saturating, as a barred hex never is asked.
                let next = (u64::from(cu) + u64::from(base) + u64::from(river))
                    .min(u64::from(u32::MAX)) as u32;
                // Cheaper, or as cheap from a lower hex id: one comparison of both.
                let key = |cost: u32, prev: HexId| u64::from(cost) << 32 | u64::from(prev);
                gains[k] = (nb, next);
                k += usize::from(!barred && key(next, hex) < key(costs[nbi], prevs[nbi]));
            }
            for &(nb, next) in &gains[..k] {
                let nbi = nb as usize;
                if prevs[nbi] == NO_HEX {
                    touched.push(nb);
                }
                costs[nbi] = next;
                prevs[nbi] = hex;
                if next == cu {
                    let at = i + here[i..].partition_point(|&x| x < nb);
                    here.insert(at, nb);
                } else {
                    if buckets.len() <= next as usize {
                        buckets.resize(next as usize + 1, Vec::new());
                    }
                    buckets[next as usize].push(nb);
                }
            }
        }
        here.clear();
        buckets[c] = here;
        c += 1;
    }
    // Hexes queued beyond the budget were never taken: emptied for the next search. A search
    // of the whole map leaves many costs; the few a week's move needs are kept.
    buckets.truncate(KEPT_COSTS);
    for b in &mut buckets {
        b.clear();
    }
    let _ = SEARCH_BUCKETS.try_with(|b| b.set(buckets));
    Reach {
        from,
        cost,
        prev,
        settled,
        touched,
    }
}

/// Why a move is refused, in words for the player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveRefusal {
    SameHex,
    Water(String),
    Neutral(String),
    EnemyThere(String),
    Full {
        place: String,
        limit: u32,
    },
    NoPath(String),
    TooFar {
        place: String,
        needed: u32,
        left: u32,
    },
}

impl std::fmt::Display for MoveRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveRefusal::SameHex => write!(f, "the unit is already there"),
            MoveRefusal::Water(p) => write!(f, "{p} is water: land units cannot go there"),
            MoveRefusal::Neutral(p) => write!(f, "{p} belongs to a neutral country"),
            MoveRefusal::EnemyThere(p) => write!(f, "enemy units hold {p}: attack it instead"),
            MoveRefusal::Full { place, limit } => {
                write!(
                    f,
                    "{place} already holds {limit} of your units, the most a hex may hold"
                )
            }
            MoveRefusal::NoPath(p) => {
                write!(
                    f,
                    "no way to {p} avoids enemy units and their zones of control"
                )
            }
            MoveRefusal::TooFar {
                place,
                needed,
                left,
            } => {
                write!(
                    f,
                    "{place} is {needed} movement points away; the unit has {left} left"
                )
            }
        }
    }
}

/// A move that is allowed: the hexes entered and the points it costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub path: Vec<HexId>,
    pub cost: u32,
}

/// The route for a unit at `from` with `left` points to move to `to`, or why it cannot.
pub fn plan_move(
    ground: &Ground,
    rules: &MovementRules,
    from: HexId,
    to: HexId,
    left: u32,
) -> Result<Route, MoveRefusal> {
    plan_move_with(ground, rules, from, to, left, || {
        reach_within(ground, rules, from, left)
    })
}

/// [`plan_move`], given the search within the unit's points (`reach_within(ground, rules,
/// from, left)`), for a caller that has already made it.
pub fn plan_move_with(
    ground: &Ground,
    rules: &MovementRules,
    from: HexId,
    to: HexId,
    left: u32,
    near: impl FnOnce() -> Reach,
) -> Result<Route, MoveRefusal> {
    let place = || ground.map.describe(to);
    if from == to {
        return Err(MoveRefusal::SameHex);
    }
    match ground.barred(to) {
        Some(Barred::Water) => return Err(MoveRefusal::Water(place())),
        Some(Barred::Neutral) => return Err(MoveRefusal::Neutral(place())),
        Some(Barred::Enemy) => return Err(MoveRefusal::EnemyThere(place())),
        None => {}
    }
    if u32::from(ground.friends[to as usize]) >= ground.stacking_limit {
        return Err(MoveRefusal::Full {
            place: place(),
            limit: ground.stacking_limit,
        });
    }
    // Within the unit's points the bounded search settles the same route; the whole map is
    // searched only to say how far an unreachable place is.
    let near = near();
    let r = if near.cost[to as usize] <= left {
        near
    } else {
        reach(ground, rules, from)
    };
    match r.cost[to as usize] {
        u32::MAX => Err(MoveRefusal::NoPath(place())),
        needed if needed > left => Err(MoveRefusal::TooFar {
            place: place(),
            needed,
            left,
        }),
        cost => Ok(Route {
            path: r.path(to),
            cost,
        }),
    }
}

/// Every hex a unit at `from` with `left` points may move to: exactly those where
/// [`plan_move`] gives a route. One search within the points, rather than a plan per hex, so
/// the screen can show a selected unit's range as it is selected.
pub fn destinations(ground: &Ground, rules: &MovementRules, from: HexId, left: u32) -> Vec<HexId> {
    if left == 0 {
        return Vec::new();
    }
    let near = reach_within(ground, rules, from, left);
    // The search never enters a barred hex (water, neutral, enemy), so what is left of
    // plan_move's checks is the cost and the stacking limit.
    let mut out: Vec<HexId> = near
        .settled
        .iter()
        .copied()
        .filter(|&h| {
            h != from
                && near.cost[h as usize] <= left
                && u32::from(ground.friends[h as usize]) < ground.stacking_limit
        })
        .collect();
    // A hex queued twice at one cost is settled twice.
    out.sort_unstable();
    out.dedup();
    out
}

/// A unit's movement points for a fresh week.
pub fn weekly_points(rules: &MovementRules, kind: UnitKind) -> u32 {
    rules.points.get(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Loaded, load_scenario};
    use std::path::Path;

    fn mini() -> Loaded {
        load_scenario(Path::new("tests/data/mini.ron")).unwrap_or_else(|f| panic!("{}", f.render()))
    }

    fn hex(l: &Loaded, city: &str) -> HexId {
        l.map.city(city).unwrap().hex
    }

    #[test]
    fn clear_ground_costs_one_point_a_hex() {
        let l = mini();
        let rules = MovementRules::default();
        let g = Ground::new(&l.map, &l.placed.owner, [], Faction::Soviet, 3);
        let (vyazma, moscow) = (hex(&l, "Vyazma"), hex(&l, "Moscow"));
        let r = reach(&g, &rules, vyazma);
        let steps = l.map.distance(vyazma, moscow);
        // The mini map has no terrain or rivers between Vyazma and Moscow.
        assert_eq!(r.cost[moscow as usize], steps);
        let path = r.path(moscow);
        assert_eq!(path.len() as u32, steps);
        assert_eq!(*path.last().unwrap(), moscow);
        for w in path.windows(2) {
            assert_eq!(l.map.distance(w[0], w[1]), 1);
        }
    }

    #[test]
    fn forest_marsh_and_rivers_cost_more() {
        let l = mini();
        let rules = MovementRules::default();
        let g = Ground::new(&l.map, &l.placed.owner, [], Faction::Soviet, 3);
        // Step by step, the cost of each hex entered is its terrain plus any river crossed.
        let r = reach(&g, &rules, hex(&l, "Smolensk"));
        for h in 0..l.map.len() as HexId {
            let p = r.prev[h as usize];
            if p == NO_HEX {
                continue;
            }
            let expected = rules.terrain_cost.get(l.map.terrain[h as usize]).unwrap()
                + if l.map.river_between(p, h) {
                    rules.river_crossing
                } else {
                    0
                };
            assert_eq!(r.cost[h as usize] - r.cost[p as usize], expected);
        }
        // The check above met river crossings (the Dnieper and Berezina run through the map).
        let crossings = (0..l.map.len() as HexId)
            .filter(|&h| r.prev[h as usize] != NO_HEX && l.map.river_between(r.prev[h as usize], h))
            .count();
        assert!(crossings > 0, "no step of the search crossed a river");
    }

    #[test]
    fn zones_of_control_stop_movement_and_enemies_block() {
        let l = mini();
        let rules = MovementRules::default();
        let minsk = hex(&l, "Minsk");
        let orsha = hex(&l, "Orsha");
        // A German unit at Orsha: its six neighbours are its zone of control.
        let g = Ground::new(
            &l.map,
            &l.placed.owner,
            [(orsha, Faction::Axis)],
            Faction::Soviet,
            3,
        );
        let r = reach(&g, &rules, minsk);
        assert_eq!(
            r.cost[orsha as usize],
            u32::MAX,
            "an enemy hex cannot be entered"
        );
        for &nb in &l.map.neighbours[orsha as usize] {
            if nb == NO_HEX || !l.map.is_land(nb) || r.cost[nb as usize] == u32::MAX {
                continue;
            }
            // Nothing is reached *through* a zone-of-control hex.
            for h in 0..l.map.len() as HexId {
                assert_ne!(
                    r.prev[h as usize], nb,
                    "movement continued out of a zone of control"
                );
            }
        }
        assert_eq!(
            plan_move(&g, &rules, minsk, orsha, 50),
            Err(MoveRefusal::EnemyThere("Orsha".into()))
        );
    }

    #[test]
    fn refusals_say_why() {
        let l = mini();
        let rules = MovementRules::default();
        let minsk = hex(&l, "Minsk");
        let g = Ground::new(
            &l.map,
            &l.placed.owner,
            [(minsk, Faction::Soviet); 3],
            Faction::Soviet,
            3,
        );
        let vitebsk = hex(&l, "Vitebsk");
        assert!(matches!(
            plan_move(&g, &rules, vitebsk, minsk, 50),
            Err(MoveRefusal::Full { limit: 3, .. })
        ));
        let lake = l.map.hex_at(56.5, 28.7).unwrap();
        assert!(matches!(
            plan_move(&g, &rules, vitebsk, lake, 50),
            Err(MoveRefusal::Water(_))
        ));
        let moscow = hex(&l, "Moscow");
        let Err(MoveRefusal::TooFar { needed, left, .. }) =
            plan_move(&g, &rules, vitebsk, moscow, 4)
        else {
            panic!("Moscow should be too far for 4 points")
        };
        assert!(needed > 4 && left == 4);
        let msg = plan_move(&g, &rules, vitebsk, moscow, 4)
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            format!("Moscow is {needed} movement points away; the unit has 4 left")
        );
    }

    #[test]
    fn mud_slows_and_frost_bridges_rivers() {
        let l = mini();
        let rules = MovementRules::default();
        let dry = Ground::new(&l.map, &l.placed.owner, [], Faction::Soviet, 3);
        let mut mud = dry.clone();
        mud.cost_mult = vec![2.0; l.map.len()].into();
        let (from, to) = (hex(&l, "Vyazma"), hex(&l, "Moscow"));
        assert_eq!(
            reach(&mud, &rules, from).cost[to as usize],
            2 * reach(&dry, &rules, from).cost[to as usize]
        );
        let mut frost = dry.clone();
        frost.frozen = vec![true; l.map.len()].into();
        let r = reach(&frost, &rules, hex(&l, "Smolensk"));
        for h in 0..l.map.len() as HexId {
            let p = r.prev[h as usize];
            if p != NO_HEX {
                assert_eq!(
                    r.cost[h as usize] - r.cost[p as usize],
                    rules.terrain_cost.get(l.map.terrain[h as usize]).unwrap()
                );
            }
        }
    }

    #[test]
    fn a_budgeted_search_agrees_within_its_budget() {
        let l = mini();
        let rules = MovementRules::default();
        let g = Ground::new(&l.map, &l.placed.owner, [], Faction::Soviet, 3);
        let from = hex(&l, "Smolensk");
        let (full, part) = (reach(&g, &rules, from), reach_within(&g, &rules, from, 4));
        for h in 0..l.map.len() {
            if full.cost[h] <= 4 {
                assert_eq!(full.cost[h], part.cost[h]);
            }
        }
    }

    #[test]
    fn destinations_are_exactly_the_hexes_a_move_may_go_to() {
        let l = mini();
        let rules = MovementRules::default();
        let (minsk, orsha, vitebsk) = (hex(&l, "Minsk"), hex(&l, "Orsha"), hex(&l, "Vitebsk"));
        // An enemy with its zone of control, and a friendly hex full to the limit.
        let g = Ground::new(
            &l.map,
            &l.placed.owner,
            [
                (orsha, Faction::Axis),
                (minsk, Faction::Soviet),
                (minsk, Faction::Soviet),
                (minsk, Faction::Soviet),
            ],
            Faction::Soviet,
            3,
        );
        for left in [0, 1, 3, 6] {
            let range = destinations(&g, &rules, vitebsk, left);
            assert!(range.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            for h in 0..l.map.len() as HexId {
                let allowed = plan_move(&g, &rules, vitebsk, h, left).is_ok();
                assert_eq!(
                    range.binary_search(&h).is_ok(),
                    allowed,
                    "{} with {left} points",
                    l.map.describe(h)
                );
            }
            if left >= 3 {
                assert!(!range.is_empty());
                assert!(!range.contains(&orsha) && !range.contains(&minsk));
            }
        }
    }

    #[test]
    fn scenario_rules_change_the_numbers() {
        let mut rules = MovementRules::default();
        assert_eq!(weekly_points(&rules, UnitKind::Armoured), 7);
        rules.points.armoured = 9;
        assert_eq!(weekly_points(&rules, UnitKind::Armoured), 9);
    }
}
