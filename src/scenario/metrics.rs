//! The names of the measurements (DESIGN.md: Measurements) a scenario records, so that a
//! claim naming one that does not exist is a mistake in the file, reported with a
//! suggestion, rather than a claim that silently never holds.

use super::common::Side;
use super::economy_file::ITEMS;
use super::lend_lease_file::CATEGORIES;
use super::scenario_file::Scenario;
use crate::map::HexMap;

/// How a measurement is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number every week.
    Weekly,
    /// A date, or nothing if it never happened: `captured.<City>`, `encircled.<HQ>`.
    Event,
    /// Taken once at the end: `outcome`, `controls.<City>`, `soviet_collapse`.
    Final,
}

/// Every measurement this scenario records, with its kind.
/// `owner` is who held each hex before the war (`captured.<City>` is for Soviet cities).
pub fn catalogue(
    s: &Scenario,
    map: &HexMap,
    owner: &[super::common::Owner],
) -> Vec<(String, Kind)> {
    let mut out: Vec<(String, Kind)> = Vec::new();
    let mut weekly = |n: String| out.push((n, Kind::Weekly));
    let years = s.calendar.start.year()..=s.calendar.end.year();
    for side in Side::ALL {
        let k = side.key();
        for what in ["men", "tanks", "guns", "units", "divisions", "supply"] {
            weekly(format!("{what}.{k}"));
        }
        weekly(format!("losses.{k}.men"));
        weekly(format!("prisoners_taken.{k}"));
        for y in years.clone() {
            weekly(format!("losses.{k}.men.{y}"));
            weekly(format!("prisoners_taken.{k}.{y}"));
        }
        weekly(format!("aircraft.{k}"));
        if s.sides.get(side).trucks > 0 {
            weekly(format!("trucks.{k}"));
        }
        if let Some(e) = &s.economy {
            for what in ["men", "tanks", "guns"] {
                weekly(format!("pool.{k}.{what}"));
            }
            if e.factories.iter().any(|f| f.side == side) {
                weekly(format!("industry.{k}"));
                for item in ITEMS {
                    weekly(format!("output.{k}.{item}"));
                    for y in years.clone() {
                        weekly(format!("production.{k}.{item}.{y}"));
                    }
                }
            }
        }
    }
    weekly("divisions_east.germany".into());
    weekly("axis_vp_share".into());
    if !s.german_divisions_elsewhere.is_empty() {
        weekly("divisions_total.germany".into());
        weekly("german_share_east".into());
    }
    if s.economy.as_ref().is_some_and(|e| e.allocation.is_some()) {
        weekly("german_west_share_met".into());
    }
    if let Some(ll) = &s.lend_lease {
        for r in &ll.routes {
            weekly(format!("lend_lease.tons.{}", r.id));
            weekly(format!("lend_lease.lost.{}", r.id));
        }
        for c in CATEGORIES {
            weekly(format!("lend_lease.tons.{c}"));
        }
        weekly("lend_lease.tons.total".into());
    }
    for h in &s.hqs {
        weekly(format!("men_under.{}", h.id));
    }
    for h in &s.hqs {
        out.push((format!("encircled.{}", h.id), Kind::Event));
    }
    for c in map.cities.iter().filter(|c| c.victory_points > 0) {
        if owner[c.hex as usize] == super::common::Owner::USSR {
            out.push((format!("captured.{}", c.name), Kind::Event));
        }
        out.push((format!("controls.{}", c.name), Kind::Final));
    }
    for f in ["soviet_collapse", "outcome", "axis_population_share"] {
        out.push((f.to_string(), Kind::Final));
    }
    out
}
