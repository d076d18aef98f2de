//! The scenario's weather calendar: which weather each zone has when, with a random spread.

use serde::{Deserialize, Serialize};

use super::common::Side;
use super::date::Date;

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WeatherKind {
    Dry,
    /// Autumn and spring rasputitsa: roads dissolve.
    Mud,
    Snow,
    /// Deep winter: rivers freeze, the unprepared suffer.
    Winter,
}

impl WeatherKind {
    pub fn name(self) -> &'static str {
        match self {
            WeatherKind::Dry => "dry",
            WeatherKind::Mud => "mud",
            WeatherKind::Snow => "snow",
            WeatherKind::Winter => "deep winter",
        }
    }

    /// Snow and deep winter punish an army without winter equipment.
    pub fn is_cold(self) -> bool {
        matches!(self, WeatherKind::Snow | WeatherKind::Winter)
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Zone {
    North,
    Centre,
    South,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::North, Zone::Centre, Zone::South];
}

#[derive(Deserialize, Serialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct WeatherCalendar {
    /// Hexes at or north of this latitude are in the north zone.
    pub north_from: f64,
    /// Hexes south of this latitude are in the south zone; the rest are the centre.
    pub south_below: f64,
    /// Each period's first and last day move by up to this many days, drawn per game.
    #[serde(default)]
    pub spread_days: u32,
    /// Weather other than dry, by zone and dates. Where periods overlap the later one wins.
    pub periods: Vec<Period>,
    /// Sides without winter equipment, and when.
    #[serde(default)]
    pub unprepared: Vec<Unprepared>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub zone: Zone,
    pub from: Date,
    pub to: Date,
    pub weather: WeatherKind,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Unprepared {
    pub side: Side,
    pub from: Date,
    pub to: Date,
    #[serde(default)]
    pub source: Option<String>,
}
