//! Small types shared by scenario and map files.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A point written `(lat, lon)` in degrees north and east.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq)]
pub struct LatLon(pub f64, pub f64);

impl LatLon {
    pub fn lat(self) -> f64 {
        self.0
    }

    pub fn lon(self) -> f64 {
        self.1
    }
}

/// The three sides that measurements name (`men.germany`, `men.axis_allies`, `men.ussr`).
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Germany,
    AxisAllies,
    USSR,
}

impl Side {
    pub const ALL: [Side; 3] = [Side::Germany, Side::AxisAllies, Side::USSR];

    /// The name used in measurements and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Side::Germany => "germany",
            Side::AxisAllies => "axis_allies",
            Side::USSR => "ussr",
        }
    }

    pub fn faction(self) -> Faction {
        match self {
            Side::Germany | Side::AxisAllies => Faction::Axis,
            Side::USSR => Faction::Soviet,
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The two camps that fight: Germany with its allies, and the Soviet Union.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Faction {
    Axis,
    Soviet,
}

impl Faction {
    pub fn enemy(self) -> Faction {
        match self {
            Faction::Axis => Faction::Soviet,
            Faction::Soviet => Faction::Axis,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Faction::Axis => "axis",
            Faction::Soviet => "soviet",
        }
    }
}

/// Who holds a piece of ground.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Germany,
    AxisAllies,
    USSR,
    /// Neither camp may enter (Turkey, Sweden, ...).
    Neutral,
}

impl Owner {
    pub fn side(self) -> Option<Side> {
        match self {
            Owner::Germany => Some(Side::Germany),
            Owner::AxisAllies => Some(Side::AxisAllies),
            Owner::USSR => Some(Side::USSR),
            Owner::Neutral => None,
        }
    }

    pub fn faction(self) -> Option<Faction> {
        self.side().map(Side::faction)
    }

    pub fn key(self) -> &'static str {
        self.side().map_or("neutral", Side::key)
    }
}
