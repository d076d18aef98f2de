//! Lend-Lease (DESIGN.md: Lend-Lease): routes into the Soviet Union, each with a monthly
//! schedule of tonnage by category, an off-map entry box whose rail links the enemy can cut,
//! and for the convoy routes losses drawn per convoy and periods of suspension.

use serde::{Deserialize, Serialize};

use super::date::Date;

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct LendLease {
    /// False turns every route off (the `no_lend_lease` variant).
    pub enabled: bool,
    /// Shipping tons one tank, aircraft or truck takes: deliveries by weight become numbers.
    pub tons_per_tank: f64,
    pub tons_per_aircraft: f64,
    pub tons_per_truck: f64,
    /// Soviet output rises by this share for each thousand tons of food and raw materials
    /// delivered in a week ...
    pub output_bonus_per_kt: f64,
    /// ... up to this share.
    pub max_output_bonus: f64,
    pub routes: Vec<Route>,
}

impl Default for LendLease {
    fn default() -> Self {
        Self {
            enabled: true,
            // A Matilda or Valentine with its crate and spares filled some 20–30 shipping
            // tons; a crated fighter about 5; a Studebaker about 4 (Leighton & Coakley 1955).
            tons_per_tank: 25.0,
            tons_per_aircraft: 5.0,
            tons_per_truck: 4.0,
            // Aluminium, steel, explosives and food let Soviet plants run at fuller stretch;
            // they mattered most from 1943 (HISTORY.md). A tunable judgement.
            output_bonus_per_kt: 0.002,
            max_output_bonus: 0.15,
            routes: Vec::new(),
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// How measurements name it: `lend_lease.tons.arctic`.
    pub id: String,
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The off-map box where cargo enters: deliveries go on while the USSR holds one of its
    /// links and can trace supply to it.
    pub entry: String,
    /// Convoys a month, each with its losses drawn; none: cargo flows week by week unharmed.
    #[serde(default)]
    pub convoys: Option<Convoys>,
    /// Periods with no sailings.
    #[serde(default)]
    pub suspended: Vec<Suspension>,
    /// Tons a month by category, each entry in force until the next.
    pub schedule: Vec<Shipment>,
    #[serde(default)]
    pub source: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Convoys {
    pub per_month: f64,
    /// Share of a convoy's cargo lost in an ordinary passage, on average (drawn evenly
    /// between none and twice this).
    pub mean_loss: f64,
    /// Chance that a convoy meets disaster (PQ-17: 24 of 35 ships), and the share then lost.
    pub disaster_chance: f64,
    pub disaster_loss: f64,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Suspension {
    pub from: Date,
    pub to: Date,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// From `from`, this much a month, until the next entry.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Shipment {
    pub from: Date,
    pub tons_per_month: Cargo,
    #[serde(default)]
    pub source: Option<String>,
}

/// Tons by category.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, Default, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Cargo {
    pub tanks: f64,
    pub aircraft: f64,
    pub trucks: f64,
    pub food: f64,
    pub raw_materials: f64,
}

/// The categories, as measurements name them (`lend_lease.tons.trucks`).
pub const CATEGORIES: [&str; 5] = ["tanks", "aircraft", "trucks", "food", "raw_materials"];

impl Cargo {
    pub fn as_array(&self) -> [f64; 5] {
        [
            self.tanks,
            self.aircraft,
            self.trucks,
            self.food,
            self.raw_materials,
        ]
    }

    pub fn total(&self) -> f64 {
        self.as_array().iter().sum()
    }
}

impl Route {
    /// The monthly cargo in force on `date`: the latest entry begun by then.
    pub fn monthly_on(&self, date: Date) -> Cargo {
        self.schedule
            .iter()
            .filter(|s| s.from <= date)
            .max_by_key(|s| s.from)
            .map_or_else(Cargo::default, |s| s.tons_per_month)
    }

    /// The suspension in force on `date`, if any.
    pub fn suspension_on(&self, date: Date) -> Option<&Suspension> {
        self.suspended
            .iter()
            .find(|s| s.from <= date && date <= s.to)
    }
}
