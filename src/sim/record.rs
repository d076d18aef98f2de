//! Measurements taken at the end of every turn, under the names DESIGN.md fixes
//! (`men.germany`, `divisions_east.germany`, ...), so claims, JSON, CSV and the GUI agree.

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::Serialize;

use super::calendar::Calendar;
use super::schedule::{TurnSchedule, TurnSystems};
use super::units::{HexPos, Strength, Unit};
use crate::scenario::weather_file::Zone;
use crate::scenario::{Date, Side};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TurnRecord {
    pub turn: u32,
    pub date: Date,
    /// Measurement name → value. A BTreeMap so output is in a stable order.
    pub values: BTreeMap<String, f64>,
    /// The week's weather by zone: `north`, `centre`, `south`.
    pub weather: BTreeMap<String, String>,
}

#[derive(Resource, Debug, Default, Clone)]
pub struct Records(pub Vec<TurnRecord>);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, record.in_set(TurnSystems::Record));
}

/// A measurement's name, its parts joined: `name(&["pool.", k, ".men"])` is the
/// `format!("pool.{k}.men")` it replaces. Some hundred names are made every week, and the
/// formatting machinery was most of their cost; this sizes the string once and copies.
pub(crate) fn name(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The same with a year at the end, in the digits `format!("{year}")` writes.
pub(crate) fn name_year(parts: &[&str], year: i32) -> String {
    // An i32 has at most ten digits and a sign.
    let mut digits = [0u8; 11];
    let mut at = digits.len();
    let mut rest = year.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if year < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    let year = std::str::from_utf8(&digits[at..]).expect("ASCII digits");
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + year.len());
    for p in parts {
        s.push_str(p);
    }
    s.push_str(year);
    s
}

/// Sums over the units on the map.
pub fn measure(units: impl Iterator<Item = (Side, Strength)>) -> BTreeMap<String, f64> {
    const WHAT: [&str; 5] = ["men", "tanks", "guns", "units", "divisions"];
    // Summed in plain arrays and named once at the end: formatting five keys for every unit
    // was most of the recording. Each sum adds the same values in the same order as before.
    let mut sums = [[0.0f64; WHAT.len()]; Side::ALL.len()];
    for (side, s) in units {
        let i = Side::ALL
            .iter()
            .position(|&x| x == side)
            .expect("every side is in Side::ALL");
        let row = &mut sums[i];
        row[0] += f64::from(s.men);
        row[1] += f64::from(s.tanks);
        row[2] += f64::from(s.guns);
        row[3] += 1.0;
        row[4] += f64::from(s.divisions);
    }
    let mut v = BTreeMap::new();
    for (side, row) in Side::ALL.iter().zip(&sums) {
        for (what, &sum) in WHAT.iter().zip(row) {
            v.insert(name(&[what, ".", side.key()]), sum);
        }
    }
    // Every German division on this map is in the East.
    let east = v["divisions.germany"];
    v.insert("divisions_east.germany".to_string(), east);
    v
}

/// The HQs' chains and their measurements' names, worked out at the first record: the
/// scenario's HQs do not change during a game, and working them out again every week was
/// most of the recording.
struct MenUnder {
    chains: super::hq_chains::HqChains,
    /// `men_under.<HQ>`, in the order of the chains' ids.
    names: Vec<String>,
}

fn record(
    calendar: Res<Calendar>,
    scenario: Res<super::world::ScenarioRes>,
    tally: Res<super::tally::Tally>,
    weather: Res<super::weather::Weather>,
    industry: Res<super::production::Industry>,
    deliveries: Res<super::lend_lease::Deliveries>,
    raised: Res<super::formations::Raised>,
    pools: Res<super::replacement::Pools>,
    units: Query<(&Unit, &Strength, Option<&super::supply::Supply>), With<HexPos>>,
    shares: super::victory::Shares,
    mut records: ResMut<Records>,
    mut men_under: Local<Option<MenUnder>>,
) {
    let vp_share = shares.axis().0;
    let mut values = measure(units.iter().map(|(u, s, _)| (u.side, *s)));
    // The German divisions outside the East complete the total, and the share in the East.
    // A scenario that does not say how many stood elsewhere gets neither: better no figure
    // than a share of 100% that nobody wrote.
    let elsewhere = &scenario.0.german_divisions_elsewhere;
    if !elsewhere.is_empty() {
        let east = values["divisions_east.germany"];
        let total = east + f64::from(raised.west_divisions(&scenario.0, calendar.date));
        values.insert("divisions_total.germany".to_string(), total);
        values.insert(
            "german_share_east".to_string(),
            if total > 0.0 {
                (east / total * 1000.0).round() / 1000.0
            } else {
                0.0
            },
        );
    }
    // `supply.<side>`: the share of its needs the side's men received, weighted by men.
    for side in Side::ALL {
        let (mut got, mut men) = (0.0, 0.0);
        for (u, s, sup) in &units {
            if u.side == side {
                got += f64::from(s.men) * sup.map_or(1.0, |x| x.received);
                men += f64::from(s.men);
            }
        }
        let share = if men > 0.0 { got / men } else { 1.0 };
        values.insert(
            name(&["supply.", side.key()]),
            (share * 1000.0).round() / 1000.0,
        );
    }
    // `men_under.<HQ>`: the men of the units under each HQ, at any depth.
    let MenUnder { chains, names } = men_under.get_or_insert_with(|| {
        let chains = super::hq_chains::HqChains::new(&scenario.0.hqs);
        let names = chains.ids().map(|h| format!("men_under.{h}")).collect();
        MenUnder { chains, names }
    });
    let mut under = vec![0.0f64; chains.len()];
    for (u, st, _) in &units {
        for &i in chains.of(&u.hq) {
            under[i] += f64::from(st.men);
        }
    }
    for (name, men) in names.iter().zip(under) {
        values.insert(name.clone(), men);
    }
    values.insert("axis_vp_share".into(), (vp_share * 1000.0).round() / 1000.0);
    tally.measurements(&mut values);
    industry.measurements(&scenario.0, &mut values);
    if let Some(ll) = &scenario.0.lend_lease {
        deliveries.measurements(&ll.routes, &mut values);
    }
    if let Some(e) = &scenario.0.economy {
        // What waits in the pools for refits and new formations.
        for side in Side::ALL {
            let p = pools.get(side);
            let k = side.key();
            values.insert(name(&["pool.", k, ".men"]), p.men.round());
            values.insert(name(&["pool.", k, ".tanks"]), p.tanks.round());
            values.insert(name(&["pool.", k, ".guns"]), p.guns.round());
        }
        if e.allocation.is_some() {
            values.insert("german_west_share_met".into(), raised.west_share_met);
        }
    }
    let weather = Zone::ALL
        .iter()
        .map(|&z| {
            (
                // The zone's name in lower case, as `format!("{z:?}").to_lowercase()` gave it.
                match z {
                    Zone::North => "north",
                    Zone::Centre => "centre",
                    Zone::South => "south",
                }
                .to_string(),
                weather.in_zone(z).name().to_string(),
            )
        })
        .collect();
    records.0.push(TurnRecord {
        turn: calendar.turn,
        date: calendar.date,
        values,
        weather,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_what_format_wrote() {
        assert_eq!(name(&["pool.", "germany", ".men"]), "pool.germany.men");
        assert_eq!(name(&[]), "");
        for year in [0, 7, -7, 10, 1941, 1943, -1941, i32::MIN, i32::MAX] {
            assert_eq!(
                name_year(&["losses.", "ussr", ".men."], year),
                format!("losses.ussr.men.{year}")
            );
        }
    }
}
