//! The war economy (DESIGN.md: Production): factories and what they make each week, how the
//! war economy grows, the new formations its pools raise, the evacuation of Soviet industry,
//! and how Germany splits its forces and output between East and West.
//!
//! The whole section is optional. A scenario without it has no production: its air forces
//! and truck parks stay as they start, and only the `replacements` streams refill units.

use serde::{Deserialize, Serialize};

use super::common::Side;
use super::date::Date;
use super::rules::BySide;
use super::scenario_file::UnitKind;

#[derive(Deserialize, Serialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Economy {
    pub factories: Vec<Factory>,
    /// How the war economy grows: output multipliers by side and date, straight lines
    /// between entries.
    pub mobilisation: Vec<Mobilisation>,
    /// New formations the pools raise with what is left after refitting the units.
    pub formations: Vec<Formation>,
    pub evacuation: Evacuation,
    /// Germany's split between East and West. None: everything made goes East.
    pub allocation: Option<Allocation>,
    /// Share of each side's aircraft lost a week to combat and accidents.
    pub aircraft_losses_per_week: BySide,
    /// Share of each side's trucks worn out or lost a week.
    pub truck_wear_per_week: BySide,
    /// Share of the tanks in each side's units that break down or are lost outside battle
    /// each week; the pools replace them.
    pub tank_wear_per_week: BySide,
    /// How far trucks carry supply follows the size of the truck park against its size at
    /// the start, within these bounds (`supply.overland_points` × the share).
    pub truck_range_share: Bounds,
    /// Ammunition output against the output in the first week scales what a camp's supply
    /// sources send, within these bounds.
    pub supply_output_share: Bounds,
    /// How much of each side's `replacements` of men follows the share of its pre-war city
    /// population it still holds: 0, none; 1, all of it.
    pub manpower_from_population: BySide,
}

/// A lowest and a highest share.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: f64,
    pub max: f64,
}

impl Bounds {
    pub fn clamp(&self, v: f64) -> f64 {
        v.clamp(self.min, self.max)
    }
}

impl Default for Bounds {
    fn default() -> Self {
        Self { min: 1.0, max: 1.0 }
    }
}

/// One factory, or a group of them counted together.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Factory {
    pub id: String,
    /// Shown in the log; the id if not given.
    #[serde(default)]
    pub name: Option<String>,
    pub side: Side,
    /// A city on the map (lost if the city falls, and may be evacuated), or an off-map box.
    pub at: Place,
    /// What it makes a week at the mobilisation level of 1.
    pub output: Output,
    #[serde(default)]
    pub source: Option<String>,
}

impl Factory {
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
pub enum Place {
    City(String),
    Box(String),
}

/// A week's output: tanks (and assault guns), aircraft, guns, tons of ammunition and
/// supplies, trucks.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, Default, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Output {
    pub tanks: f64,
    pub aircraft: f64,
    pub guns: f64,
    pub supply: f64,
    pub trucks: f64,
}

/// The items a factory makes, as measurements name them (`production.ussr.tanks.1942`).
pub const ITEMS: [&str; 5] = ["tanks", "aircraft", "guns", "supply", "trucks"];

impl Output {
    pub fn get(&self, item: usize) -> f64 {
        [
            self.tanks,
            self.aircraft,
            self.guns,
            self.supply,
            self.trucks,
        ][item]
    }

    pub fn as_array(&self) -> [f64; 5] {
        [
            self.tanks,
            self.aircraft,
            self.guns,
            self.supply,
            self.trucks,
        ]
    }
}

/// Multipliers of output by item; 1 where not given.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Factors {
    pub tanks: f64,
    pub aircraft: f64,
    pub guns: f64,
    pub supply: f64,
    pub trucks: f64,
}

impl Default for Factors {
    fn default() -> Self {
        Self {
            tanks: 1.0,
            aircraft: 1.0,
            guns: 1.0,
            supply: 1.0,
            trucks: 1.0,
        }
    }
}

impl Factors {
    pub fn as_array(&self) -> [f64; 5] {
        [
            self.tanks,
            self.aircraft,
            self.guns,
            self.supply,
            self.trucks,
        ]
    }
}

/// From `from`, a side's factories make `factor` times their listed output; between two
/// entries the factor moves in a straight line.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Mobilisation {
    pub id: String,
    pub side: Side,
    pub from: Date,
    pub factor: Factors,
    #[serde(default)]
    pub source: Option<String>,
}

/// The mobilisation multipliers of `side` on `date`, by item.
pub fn mobilisation_on(list: &[Mobilisation], side: Side, date: Date) -> [f64; 5] {
    let mut mine: Vec<&Mobilisation> = list.iter().filter(|m| m.side == side).collect();
    mine.sort_by_key(|m| m.from);
    let Some(first) = mine.first() else {
        return [1.0; 5];
    };
    if date <= first.from {
        return first.factor.as_array();
    }
    for pair in mine.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if date >= a.from && date < b.from {
            let t = f64::from(a.from.days_until(date)) / f64::from(a.from.days_until(b.from));
            let (fa, fb) = (a.factor.as_array(), b.factor.as_array());
            return std::array::from_fn(|i| fa[i] + (fb[i] - fa[i]) * t);
        }
    }
    mine.last().expect("not empty").factor.as_array()
}

/// A kind of new formation, raised from a side's pools once its units are refitted.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Formation {
    pub id: String,
    pub side: Side,
    /// The name of each new unit; `{n}` becomes its number, counted from `first_number`
    /// (`"{n} Reserve Army"` gives "58th Reserve Army").
    pub name: String,
    #[serde(default = "one")]
    pub first_number: u32,
    pub kind: UnitKind,
    /// The HQ new units join.
    pub parent: String,
    pub divisions: u32,
    pub men: u32,
    #[serde(default)]
    pub tanks: u32,
    #[serde(default)]
    pub guns: u32,
    pub experience: u32,
    #[serde(default = "hundred")]
    pub cohesion: u32,
    pub from: Date,
    #[serde(default)]
    pub to: Option<Date>,
    /// The most raised in one week.
    #[serde(default = "one")]
    pub per_week: u32,
    /// Cities where new units form, first choice first; the first the side holds is used.
    pub at: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

fn one() -> u32 {
    1
}

fn hundred() -> u32 {
    100
}

impl Formation {
    /// The name of the `k`-th unit raised (0-based).
    pub fn name_of(&self, k: u32) -> String {
        let n = self.first_number + k;
        self.name.replace("{n}", &ordinal(n))
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ...
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Moving Soviet factories east (DESIGN.md: Production): a factory ordered east stops, its
/// trains take rail capacity for some weeks, and it restarts in `to` at a share of its old
/// output that then grows past it.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct Evacuation {
    /// Whether the Soviet side may evacuate at all (a variant can forbid it).
    pub allowed: bool,
    /// Whether the computer evacuates threatened factories when it plays the USSR.
    pub ai: bool,
    /// The off-map box factories move to.
    pub to: String,
    /// Weeks on the rails, from the order to the restart.
    pub weeks: u32,
    /// The first weeks, while the plant is dismantled and loaded: if the city falls in them
    /// the factory is lost.
    pub loading_weeks: u32,
    /// Trains a day a moving factory takes from the supply of its network.
    pub trains_per_day: f64,
    /// Output on restarting, as a share of the old.
    pub restart_share: f64,
    /// Share of the old output gained each week after the restart ...
    pub growth_per_week: f64,
    /// ... up to this share of the old output.
    pub peak_share: f64,
    /// The computer evacuates a factory when an enemy unit is this many hexes from it.
    pub threat_hexes: u32,
    #[serde(default)]
    pub source: Option<String>,
}

impl Default for Evacuation {
    fn default() -> Self {
        Self {
            allowed: true,
            ai: true,
            to: "urals".into(),
            // Plants moved July-November 1941 restarted from the winter: Kharkov's tank
            // works, loaded in September-October, built its first T-34s at Nizhny Tagil in
            // December (Harrison 1985). About two months on the rails.
            weeks: 8,
            loading_weeks: 2,
            // 1.5 million wagon-loads in about 20 weeks for 1,523 enterprises: about 50
            // wagon-loads a day, a train, per enterprise; a factory here stands for several.
            trains_per_day: 10.0,
            // Output fell sharply in late 1941 and passed its pre-war level in 1942
            // (Harrison 1996): a third on restart, growing a twentieth a week to 1.5 times.
            restart_share: 0.35,
            growth_per_week: 0.05,
            peak_share: 1.5,
            threat_hexes: 4,
            source: None,
        }
    }
}

/// Germany's split between East and West (DESIGN.md: Production). The West asks for the
/// divisions in `german_divisions_elsewhere`; `west_share_met` of them are sent, and the
/// divisions kept back go East as corps shaped like `sent_east`.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// Share of the West's demand met, 0–1. 1 is the historical course.
    #[serde(default = "full_share")]
    pub west_share_met: f64,
    /// Share of the Reich's output that goes East, by item.
    pub east_share: Factors,
    /// The corps formed in the East from divisions kept back from the West.
    pub sent_east: Formation,
    #[serde(default)]
    pub source: Option<String>,
}

fn full_share() -> f64 {
    1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_in_print() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 58, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "58th",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn mobilisation_runs_in_straight_lines_between_entries() {
        let d = |s: &str| Date::parse(s).unwrap();
        let entry = |from: &str, tanks: f64| Mobilisation {
            id: from.into(),
            side: Side::USSR,
            from: d(from),
            factor: Factors {
                tanks,
                ..Factors::default()
            },
            source: None,
        };
        let list = vec![entry("1942-01-01", 3.0), entry("1941-07-01", 1.0)];
        assert_eq!(mobilisation_on(&list, Side::USSR, d("1941-06-22"))[0], 1.0);
        let mid = mobilisation_on(&list, Side::USSR, d("1941-09-30"))[0];
        assert!((mid - 1.989).abs() < 0.01, "{mid}");
        assert_eq!(mobilisation_on(&list, Side::USSR, d("1942-06-01"))[0], 3.0);
        // Other sides are not mobilised by the USSR's schedule.
        assert_eq!(
            mobilisation_on(&list, Side::Germany, d("1942-06-01")),
            [1.0; 5]
        );
    }
}
