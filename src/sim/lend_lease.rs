//! Lend-Lease arrivals (DESIGN.md: Lend-Lease). Each week every open route ships its
//! scheduled tonnage, in proportion to the rail links of its entry box the USSR still holds
//! and can trace supply to. Convoy routes gather cargo and sail it a convoy at a time, each
//! with its losses drawn; suspensions stop the sailings. What arrives feeds the pools
//! (tanks), the air force (aircraft), the truck park (trucks, so supply range) and, through
//! food and raw materials, next week's Soviet output.

use bevy::prelude::*;
use rand::RngExt;

use super::calendar::Calendar;
use super::log::EventLog;
use super::production::{Industry, slot};
use super::record::name;
use super::replacement::Pools;
use super::rng::SimRng;
use super::schedule::{TurnSchedule, TurnSystems};
use super::supply::SupplyState;
use super::world::{Control, Map, ScenarioRes};
use crate::map::{HexMap, LinkTarget};
use crate::scenario::lend_lease_file::{CATEGORIES, Route};
use crate::scenario::{Faction, Owner, Side};

/// What each route has done, in the scenario's route order.
#[derive(Resource, Debug, Clone, Default)]
pub struct Deliveries {
    pub routes: Vec<RouteState>,
}

#[derive(Debug, Clone, Default)]
pub struct RouteState {
    /// Tons delivered so far, by category.
    pub delivered: [f64; 5],
    /// Tons lost at sea so far.
    pub lost: f64,
    /// Tons shipped and waiting for the next convoy.
    pub at_sea: [f64; 5],
    /// Convoys due: sails one each time this passes 1.
    clock: f64,
    /// The share of the route open last week, and whether it was suspended, for the log.
    pub open: f64,
    pub suspended: bool,
}

impl Deliveries {
    /// `lend_lease.tons.<route>`, `lend_lease.tons.<category>`, `lend_lease.tons.total` and
    /// `lend_lease.lost.<route>` (DESIGN.md: Measurements).
    pub fn measurements(
        &self,
        routes: &[Route],
        out: &mut std::collections::BTreeMap<String, f64>,
    ) {
        let mut by_cat = [0.0; 5];
        for (r, st) in routes.iter().zip(&self.routes) {
            out.insert(
                name(&["lend_lease.tons.", &r.id]),
                st.delivered.iter().sum::<f64>().round(),
            );
            out.insert(name(&["lend_lease.lost.", &r.id]), st.lost.round());
            add(&mut by_cat, &st.delivered);
        }
        for (k, c) in CATEGORIES.iter().enumerate() {
            out.insert(name(&["lend_lease.tons.", c]), by_cat[k].round());
        }
        out.insert(
            "lend_lease.tons.total".into(),
            by_cat.iter().sum::<f64>().round(),
        );
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Deliveries>()
        .add_systems(TurnSchedule, arrive.in_set(TurnSystems::LendLease));
}

/// Share of the entry box's rail links (by trains a day) the USSR holds and can supply.
pub fn open_share(
    map: &HexMap,
    control: &[Owner],
    trace: &super::supply::Trace,
    entry: &str,
) -> f64 {
    let Some(b) = map.boxes.iter().position(|b| b.id == entry) else {
        return 0.0;
    };
    let hex_open = |h: u32| {
        control[h as usize].faction() == Some(Faction::Soviet)
            && (trace.network.is_empty() || trace.network[h as usize] != u32::MAX)
    };
    let link_open = |to: &LinkTarget, depth: u32| -> bool {
        match to {
            LinkTarget::Hex(h) => hex_open(*h),
            // A box beyond (Siberia through the Urals) is open if any of its own links is.
            LinkTarget::Box(other) if depth == 0 => {
                map.boxes[*other].links.iter().any(|l| match l.to {
                    LinkTarget::Hex(h) => hex_open(h),
                    LinkTarget::Box(_) => false,
                })
            }
            LinkTarget::Box(_) => false,
        }
    };
    let (mut open, mut all) = (0.0, 0.0);
    for l in &map.boxes[b].links {
        all += l.trains_per_day;
        if link_open(&l.to, 0) {
            open += l.trains_per_day;
        }
    }
    if all > 0.0 { open / all } else { 0.0 }
}

fn arrive(
    calendar: Res<Calendar>,
    scenario: Res<ScenarioRes>,
    map: Res<Map>,
    control: Res<Control>,
    supply: Res<SupplyState>,
    mut state: ResMut<Deliveries>,
    mut industry: ResMut<Industry>,
    mut pools: ResMut<Pools>,
    mut rng: ResMut<SimRng>,
    mut log: ResMut<EventLog>,
) {
    let Some(ll) = &scenario.0.lend_lease else {
        return;
    };
    if state.routes.len() != ll.routes.len() {
        state.routes = ll
            .routes
            .iter()
            .map(|_| RouteState {
                open: 1.0,
                ..Default::default()
            })
            .collect();
    }
    let mut arrived = [0.0f64; 5];
    let (turn, date) = (calendar.turn, calendar.date);
    for (r, st) in ll.routes.iter().zip(state.routes.iter_mut()) {
        if !ll.enabled || !r.enabled {
            continue;
        }
        let monthly = r.monthly_on(date).as_array();
        let scheduled = monthly.iter().any(|&t| t > 0.0);
        let suspension = r.suspension_on(date);
        if scheduled && suspension.is_some() != st.suspended {
            let text = match suspension {
                Some(s) => format!(
                    "{} suspended{}",
                    r.name,
                    s.why.as_ref().map(|w| format!(": {w}")).unwrap_or_default()
                ),
                None => format!("{} resumes", r.name),
            };
            log.push(turn, date, text);
        }
        st.suspended = suspension.is_some();
        let open = open_share(&map.0, &control.0, &supply.soviet, &r.entry);
        if scheduled && (open == 0.0) != (st.open == 0.0) {
            let text = if open == 0.0 {
                format!(
                    "{} cut: the enemy holds or blocks every rail link from its ports",
                    r.name
                )
            } else {
                format!("{} open again", r.name)
            };
            log.push(turn, date, text);
        }
        st.open = open;
        if st.suspended {
            continue;
        }
        // Tons a month, a week's worth, through the links still open.
        let shipped: [f64; 5] = monthly.map(|t| t * 12.0 / 52.0 * open);
        let Some(c) = &r.convoys else {
            add(&mut st.delivered, &shipped);
            add(&mut arrived, &shipped);
            continue;
        };
        add(&mut st.at_sea, &shipped);
        st.clock += c.per_month * 12.0 / 52.0;
        while st.clock >= 1.0 {
            st.clock -= 1.0;
            let cargo: f64 = st.at_sea.iter().sum();
            if cargo <= 0.0 {
                continue;
            }
            let roll: f64 = rng.0.random_range(0.0..1.0);
            let loss = if roll < c.disaster_chance {
                c.disaster_loss
            } else {
                rng.0.random_range(0.0..=2.0 * c.mean_loss).min(1.0)
            };
            if roll < c.disaster_chance {
                log.push(
                    turn,
                    date,
                    format!(
                        "Convoy disaster on the {}: {:.0}% of {} tons lost",
                        r.name,
                        loss * 100.0,
                        crate::words::thousands(cargo)
                    ),
                );
            }
            let got = st.at_sea.map(|t| t * (1.0 - loss));
            add(&mut st.delivered, &got);
            add(&mut arrived, &got);
            st.at_sea = [0.0; 5];
            st.lost += cargo * loss;
        }
    }
    let u = slot(Side::USSR);
    pools.0[u].tanks += arrived[0] / ll.tons_per_tank;
    industry.aircraft[u] += arrived[1] / ll.tons_per_aircraft;
    industry.trucks[u] += arrived[2] / ll.tons_per_truck;
    industry.lend_lease_bonus =
        ((arrived[3] + arrived[4]) / 1000.0 * ll.output_bonus_per_kt).min(ll.max_output_bonus);
}

fn add(to: &mut [f64; 5], what: &[f64; 5]) {
    for (t, w) in to.iter_mut().zip(what) {
        *t += w;
    }
}
