//! The scenario file (`scenarios/*.ron`): what is fought, when, on which map, by whom.

use serde::{Deserialize, Serialize};

use super::common::{LatLon, Owner, Side};
use super::date::Date;
pub use super::rules::Rules;

/// Length of a turn. DESIGN.md fixes it at one week.
pub const TURN_DAYS: i32 = 7;

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A base scenario this file changes, relative to this file. Merged before anything else.
    #[serde(default)]
    pub extends: Option<String>,
    pub meta: Meta,
    pub calendar: Calendar,
    /// The map file, relative to the file that names it.
    pub map: String,
    pub sides: Sides,
    /// Headquarters: army groups, armies, panzer groups, fronts.
    pub hqs: Vec<Hq>,
    pub units: Vec<Unit>,
    /// Changes to who holds what at the start, over the map's territories.
    #[serde(default)]
    pub control: Vec<ControlArea>,
    /// Ids of base-scenario units, HQs, claims and variants that a file which `extends` it
    /// takes away.
    #[serde(default)]
    pub remove: Remove,
    /// Tunable numbers of the rules; every one has a default.
    #[serde(default)]
    pub rules: Rules,
    /// Operations the AI follows.
    #[serde(default)]
    pub plans: Vec<super::plan_file::Plan>,
    /// Weekly replacements of men and equipment, by side.
    #[serde(default)]
    pub replacements: Vec<super::replacement_file::Replacements>,
    /// German divisions outside the East, by date.
    #[serde(default)]
    pub german_divisions_elsewhere: Vec<super::allocation_file::Elsewhere>,
    /// The weather calendar; without one, every week is dry.
    #[serde(default)]
    pub weather: Option<super::weather_file::WeatherCalendar>,
    /// Factories, the growth of the war economy, new formations, evacuation and Germany's
    /// split between East and West. Without it nothing is produced.
    #[serde(default)]
    pub economy: Option<super::economy_file::Economy>,
    /// Lend-Lease by route. Without it none arrives.
    #[serde(default)]
    pub lend_lease: Option<super::lend_lease_file::LendLease>,
    /// Named sets of changes a game may start with.
    #[serde(default)]
    pub variants: Vec<super::variant_file::Variant>,
    /// What the notes claim, the record, and how a run decides it.
    #[serde(default)]
    pub claims: Vec<super::claim_file::Claim>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub description: String,
    pub author: String,
    pub difficulty: Difficulty,
    /// Works cited; units and numbers refer to them by `id`.
    #[serde(default)]
    pub sources: Vec<Source>,
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difficulty {
    Introductory,
    Standard,
    Advanced,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub cite: String,
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The first day of turn 1.
    pub start: Date,
    /// The run ends with the turn that holds this day.
    pub end: Date,
}

impl Calendar {
    /// How many one-week turns the scenario lasts.
    pub fn turns(&self) -> u32 {
        let days = self.start.days_until(self.end);
        (days.max(0) / TURN_DAYS + 1) as u32
    }

    /// The first day of a turn (turn 1 starts on `start`).
    pub fn turn_start(&self, turn: u32) -> Date {
        self.start
            .add_days((turn.saturating_sub(1) as i32) * TURN_DAYS)
    }

    /// The turn holding a date, if it falls within the scenario.
    pub fn turn_of(&self, date: Date) -> Option<u32> {
        let d = self.start.days_until(date);
        (d >= 0 && date <= self.end).then(|| (d / TURN_DAYS) as u32 + 1)
    }
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Sides {
    pub germany: SideInfo,
    pub axis_allies: SideInfo,
    pub ussr: SideInfo,
}

impl Sides {
    pub fn get(&self, side: Side) -> &SideInfo {
        match side {
            Side::Germany => &self.germany,
            Side::AxisAllies => &self.axis_allies,
            Side::USSR => &self.ussr,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct SideInfo {
    pub name: String,
    /// Counter colour, `"#rrggbb"`.
    pub colour: String,
    /// Combat aircraft in the theatre: the pool that supports attacks. None if left out.
    #[serde(default)]
    pub aircraft: u32,
    /// Tons a day its transport aircraft can fly into pockets, in good weather. 0 if left out.
    #[serde(default)]
    pub air_transport: u32,
    /// Trucks in the theatre at the start. With an `economy`, how far trucks carry supply
    /// follows this park as it wears out and is replaced. 0 if left out: the range is fixed.
    #[serde(default)]
    pub trucks: u32,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Hq {
    /// How units, plans and claims name this HQ (`encircled.6th Army`).
    pub id: String,
    /// Shown on screen; the id if not given.
    #[serde(default)]
    pub name: Option<String>,
    pub side: Side,
    pub kind: HqKind,
    /// The HQ above this one, by id. None at the top.
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub commander: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

impl Hq {
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HqKind {
    HighCommand,
    ArmyGroup,
    Army,
    PanzerGroup,
    Front,
    /// A Soviet army HQ that commands corps (used sparingly; Soviet armies are usually units).
    ArmyHq,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit's name on screen; also its id if no `id` is given.
    pub name: String,
    /// A short unique key, if the name is not unique.
    #[serde(default)]
    pub id: Option<String>,
    pub kind: UnitKind,
    pub side: Side,
    /// For Axis allies: whose army it is.
    #[serde(default)]
    pub nation: Option<Nation>,
    /// The HQ it belongs to, by id.
    pub parent: String,
    pub at: Position,
    /// Divisions (or division equivalents) it stands for; counted in `divisions_east.germany`.
    pub divisions: u32,
    pub men: u32,
    pub tanks: u32,
    pub guns: u32,
    /// 0 (green) to 100 (veteran).
    pub experience: u32,
    /// 0 (broken) to 100 (fresh).
    #[serde(default = "full")]
    pub cohesion: u32,
    /// If set, the unit enters play on this date (a reinforcement) instead of at the start.
    #[serde(default)]
    pub arrives: Option<Date>,
    #[serde(default)]
    pub source: Option<String>,
}

fn full() -> u32 {
    100
}

impl Unit {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Foot infantry: German infantry corps, Soviet rifle armies.
    Infantry,
    Mountain,
    Cavalry,
    /// Motorised infantry.
    Motorised,
    /// Panzer corps, Soviet mechanised and tank corps.
    Armoured,
}

impl UnitKind {
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Infantry => "infantry",
            UnitKind::Mountain => "mountain",
            UnitKind::Cavalry => "cavalry",
            UnitKind::Motorised => "motorised",
            UnitKind::Armoured => "armoured",
        }
    }

    /// Mobile units exploit after combat and move far (DESIGN.md: Combat).
    pub fn is_mobile(self) -> bool {
        matches!(
            self,
            UnitKind::Motorised | UnitKind::Armoured | UnitKind::Cavalry
        )
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nation {
    Romania,
    Hungary,
    Italy,
    Finland,
    Slovakia,
}

/// Where a unit stands.
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
pub enum Position {
    /// In the hex of a city on the map.
    City(String),
    /// In the hex holding this point (degrees north, degrees east).
    LatLon(f64, f64),
    /// In the hex with these axial coordinates (see `eastfront inspect`). These depend on the
    /// map's `hex_km`, so prefer `City` or `LatLon` in files meant to last.
    Hex(i32, i32),
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ControlArea {
    pub name: String,
    pub owner: Owner,
    pub outline: Vec<LatLon>,
}

#[derive(Deserialize, Serialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Remove {
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default)]
    pub hqs: Vec<String>,
    #[serde(default)]
    pub claims: Vec<String>,
    #[serde(default)]
    pub variants: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_campaign_is_85_turns() {
        // DESIGN.md: turn 1 is 22–28 June 1941; the campaign ends with the week holding
        // 2 February 1943, turn 85.
        let c = Calendar {
            start: Date::parse("1941-06-22").unwrap(),
            end: Date::parse("1943-02-02").unwrap(),
        };
        assert_eq!(c.turns(), 85);
        assert_eq!(c.turn_of(Date::parse("1941-06-28").unwrap()), Some(1));
        assert_eq!(c.turn_of(Date::parse("1941-06-29").unwrap()), Some(2));
        assert_eq!(c.turn_of(Date::parse("1943-02-02").unwrap()), Some(85));
        assert_eq!(c.turn_of(Date::parse("1943-02-03").unwrap()), None);
        assert_eq!(c.turn_start(85).to_string(), "1943-01-31");
    }
}
