//! What a screen shows of a game at one moment, gathered in one pass after every change:
//! units with their strength and supply, who holds each hex, each camp's supply hex by hex,
//! and pockets with the ground they cover.

use bevy::prelude::*;

use crate::map::{HexId, HexMap, NO_HEX};
use crate::scenario::scenario_file::UnitKind;
use crate::scenario::{Date, Faction, Owner, Side};
use crate::sim::actions::{HasAttacked, MovesLeft};
use crate::sim::pockets::{Pocket, PocketOutcome};
use crate::sim::supply::{Supply, SupplyState};
use crate::sim::{Calendar, Cohesion, Control, Experience, HexPos, Map, ScenarioRes, Strength};
use crate::sim::{Unit, units::Establishment};

/// How well a hex (or a unit in it) is supplied this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplyLevel {
    Supplied,
    /// Short: too far from a railhead, or its network overloaded.
    Strained,
    /// No route to any railhead.
    Isolated,
}

impl SupplyLevel {
    pub fn of_share(share: f64, cut_off: bool) -> Self {
        if cut_off {
            SupplyLevel::Isolated
        } else if share >= 0.99 {
            SupplyLevel::Supplied
        } else {
            SupplyLevel::Strained
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            SupplyLevel::Supplied => "supplied",
            SupplyLevel::Strained => "strained",
            SupplyLevel::Isolated => "isolated",
        }
    }
}

#[derive(Debug, Clone)]
pub struct UnitView {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub side: Side,
    pub hq: String,
    pub hex: HexId,
    pub strength: Strength,
    pub establishment: Strength,
    pub cohesion: u32,
    pub experience: u32,
    pub supply: Supply,
    pub moves_left: Option<u32>,
    pub attacked: bool,
}

impl UnitView {
    pub fn camp(&self) -> Faction {
        self.side.faction()
    }

    pub fn supply_level(&self) -> SupplyLevel {
        SupplyLevel::of_share(self.supply.received, self.supply.isolated)
    }
}

#[derive(Debug, Clone)]
pub struct PocketView {
    pub id: u32,
    pub name: String,
    pub side: Faction,
    pub men: u64,
    pub closed: Date,
    pub turns: u32,
    pub airlift_tons: f64,
    pub need_tons: f64,
    /// The ground of the pocket: the cut-off hexes its camp holds around its units.
    pub hexes: Vec<HexId>,
}

#[derive(Debug, Clone, Default)]
pub struct View {
    pub turn: u32,
    pub date: Option<Date>,
    /// Units on the map, in the scenario's order.
    pub units: Vec<UnitView>,
    /// For each hex, the indices into `units` standing there.
    pub stacks: Vec<Vec<usize>>,
    pub owner: Vec<Owner>,
    /// Each camp's supply in each hex it holds (None in the enemy's hexes and at sea).
    pub axis_supply: Vec<Option<SupplyLevel>>,
    pub soviet_supply: Vec<Option<SupplyLevel>>,
    /// Railways on each camp's gauge, per hex.
    pub gauge: Vec<Option<Faction>>,
    pub pockets: Vec<PocketView>,
}

impl View {
    pub fn gather(world: &mut World) -> Self {
        let map = world.resource::<Map>().0.clone();
        let rules = world.resource::<ScenarioRes>().0.rules.clone();
        let owner = world.resource::<Control>().0.clone();
        let cal = world.resource::<Calendar>();
        let (turn, date) = (cal.turn, cal.date);
        let mut q = world.query::<(
            &Unit,
            &HexPos,
            &Strength,
            &Establishment,
            &Cohesion,
            &Experience,
            Option<&Supply>,
            Option<&MovesLeft>,
            Has<HasAttacked>,
        )>();
        let mut units: Vec<(u32, UnitView)> = q
            .iter(world)
            .map(|(u, p, s, e, c, x, sup, left, attacked)| {
                (
                    u.order,
                    UnitView {
                        id: u.id.clone(),
                        name: u.name.clone(),
                        kind: u.kind,
                        side: u.side,
                        hq: u.hq.clone(),
                        hex: p.0,
                        strength: *s,
                        establishment: e.0,
                        cohesion: c.0,
                        experience: x.0,
                        supply: sup.cloned().unwrap_or_default(),
                        moves_left: left.map(|l| l.0),
                        attacked,
                    },
                )
            })
            .collect();
        units.sort_by_key(|(o, _)| *o);
        let units: Vec<UnitView> = units.into_iter().map(|(_, u)| u).collect();
        let mut stacks = vec![Vec::new(); map.len()];
        for (i, u) in units.iter().enumerate() {
            stacks[u.hex as usize].push(i);
        }
        let per_camp = |camp: Faction| -> Vec<Option<SupplyLevel>> {
            let Some(state) = world.get_resource::<SupplyState>() else {
                return vec![None; map.len()];
            };
            let trace = state.of(camp);
            (0..map.len())
                .map(|h| {
                    let held = owner[h].faction() == Some(camp) && map.is_land(h as HexId);
                    if !held || trace.cost.len() != map.len() {
                        return None;
                    }
                    let cut = trace.cost[h] == u32::MAX;
                    let (share, _) = trace.received(&rules, h as HexId);
                    Some(SupplyLevel::of_share(share, cut))
                })
                .collect()
        };
        let axis_supply = per_camp(Faction::Axis);
        let soviet_supply = per_camp(Faction::Soviet);
        let gauge = world
            .get_resource::<crate::sim::rail::Gauge>()
            .map_or_else(|| vec![None; map.len()], |g| g.0.clone());
        let mut pq = world.query::<&Pocket>();
        let mut pockets: Vec<PocketView> = pq
            .iter(world)
            .filter(|p| p.outcome == PocketOutcome::Open)
            .map(|p| {
                let starts: Vec<HexId> = units
                    .iter()
                    .filter(|u| p.units.contains(&u.id))
                    .map(|u| u.hex)
                    .collect();
                let supply = match p.side {
                    Faction::Axis => &axis_supply,
                    Faction::Soviet => &soviet_supply,
                };
                PocketView {
                    id: p.id,
                    name: p.name.clone(),
                    side: p.side,
                    men: p.men,
                    closed: p.closed,
                    turns: p.turns,
                    airlift_tons: p.airlift_tons,
                    need_tons: p.need_tons,
                    hexes: pocket_ground(&map, supply, &starts),
                }
            })
            .collect();
        pockets.sort_by_key(|p| p.id);
        Self {
            turn,
            date: Some(date),
            units,
            stacks,
            owner,
            axis_supply,
            soviet_supply,
            gauge,
            pockets,
        }
    }

    pub fn supply_of(&self, camp: Faction) -> &[Option<SupplyLevel>] {
        match camp {
            Faction::Axis => &self.axis_supply,
            Faction::Soviet => &self.soviet_supply,
        }
    }

    /// The units in a hex.
    pub fn in_hex(&self, hex: HexId) -> impl Iterator<Item = &UnitView> {
        self.stacks
            .get(hex as usize)
            .into_iter()
            .flatten()
            .map(|&i| &self.units[i])
    }

    pub fn unit(&self, id: &str) -> Option<&UnitView> {
        self.units.iter().find(|u| u.id == id)
    }
}

/// The isolated hexes of the pocket's camp connected to where its units stand.
fn pocket_ground(map: &HexMap, supply: &[Option<SupplyLevel>], starts: &[HexId]) -> Vec<HexId> {
    let mut seen = vec![false; map.len()];
    let mut stack: Vec<HexId> = Vec::new();
    for &s in starts {
        if !seen[s as usize] {
            seen[s as usize] = true;
            stack.push(s);
        }
    }
    let mut out = Vec::new();
    while let Some(h) = stack.pop() {
        out.push(h);
        for &n in &map.neighbours[h as usize] {
            if n != NO_HEX && !seen[n as usize] && supply[n as usize] == Some(SupplyLevel::Isolated)
            {
                seen[n as usize] = true;
                stack.push(n);
            }
        }
    }
    out.sort_unstable();
    out
}
