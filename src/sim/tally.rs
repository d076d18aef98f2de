//! Running totals of what the war has cost: men lost and prisoners taken, by side and year.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::record::{name, name_year};
use crate::scenario::Side;

#[derive(Resource, Debug, Default, Clone)]
pub struct Tally {
    /// Men each side lost (killed, wounded, captured), by year.
    pub losses: BTreeMap<(Side, i32), u64>,
    /// Men each side took prisoner, by year.
    pub prisoners: BTreeMap<(Side, i32), u64>,
}

impl Tally {
    pub fn lose(&mut self, side: Side, year: i32, men: u64) {
        *self.losses.entry((side, year)).or_default() += men;
    }

    pub fn capture(&mut self, by: Side, year: i32, men: u64) {
        *self.prisoners.entry((by, year)).or_default() += men;
    }

    /// `losses.<side>.men`, `losses.<side>.men.<year>`, `prisoners_taken.<side>` and
    /// `prisoners_taken.<side>.<year>` (DESIGN.md: Measurements).
    pub fn measurements(&self, out: &mut BTreeMap<String, f64>) {
        for side in Side::ALL {
            let k = side.key();
            let total = |m: &BTreeMap<(Side, i32), u64>| {
                m.iter()
                    .filter(|((s, _), _)| *s == side)
                    .map(|(_, v)| *v)
                    .sum::<u64>()
            };
            out.insert(name(&["losses.", k, ".men"]), total(&self.losses) as f64);
            out.insert(
                name(&["prisoners_taken.", k]),
                total(&self.prisoners) as f64,
            );
        }
        for ((side, year), men) in &self.losses {
            out.insert(
                name_year(&["losses.", side.key(), ".men."], *year),
                *men as f64,
            );
        }
        for ((side, year), men) in &self.prisoners {
            out.insert(
                name_year(&["prisoners_taken.", side.key(), "."], *year),
                *men as f64,
            );
        }
    }
}
