//! The map file (`scenarios/maps/*.ron`): geography in latitude and longitude, which
//! [`crate::map`] rasterises to hexes at the file's `hex_km`.

use serde::{Deserialize, Serialize};

use super::common::{LatLon, Owner, Side};

/// Default hex size: 50 km between hex centres.
pub const DEFAULT_HEX_KM: f64 = 50.0;

fn default_hex_km() -> f64 {
    DEFAULT_HEX_KM
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, rename = "Map")]
pub struct MapFile {
    pub name: String,
    /// Distance between the centres of neighbouring hexes, in kilometres.
    #[serde(default = "default_hex_km")]
    pub hex_km: f64,
    pub bounds: Bounds,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Terrain of land that no area covers.
    pub default_terrain: Terrain,
    /// Terrain polygons. A hex takes the terrain of the last area that contains its centre.
    pub areas: Vec<Area>,
    pub rivers: Vec<River>,
    pub cities: Vec<City>,
    pub railways: Vec<Railway>,
    /// Who holds land that no territory covers.
    pub default_owner: Owner,
    /// Who holds what at the start. A hex takes the owner of the last territory containing it.
    pub territories: Vec<Territory>,
    pub off_map: Vec<OffMapBox>,
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Terrain {
    Clear,
    Forest,
    Marsh,
    Hills,
    Mountains,
    Urban,
    Sea,
}

impl Terrain {
    pub fn is_water(self) -> bool {
        self == Terrain::Sea
    }

    pub fn name(self) -> &'static str {
        match self {
            Terrain::Clear => "clear",
            Terrain::Forest => "forest",
            Terrain::Marsh => "marsh",
            Terrain::Hills => "hills",
            Terrain::Mountains => "mountains",
            Terrain::Urban => "urban",
            Terrain::Sea => "sea",
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub name: String,
    pub terrain: Terrain,
    /// Corners in order; the last joins the first.
    pub outline: Vec<LatLon>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct River {
    pub name: String,
    /// Major rivers help the defender (DESIGN.md); minor ones are drawn only.
    #[serde(default = "yes")]
    pub major: bool,
    /// From source to mouth.
    pub course: Vec<LatLon>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct City {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Population in thousands (1939 census or nearest estimate).
    pub population: u32,
    /// Industrial weight, 0–100: Moscow is 100; a town with no war industry is 0.
    pub industry: u32,
    #[serde(default)]
    pub victory_points: u32,
    /// A seaport (supply by sea, Lend-Lease entry).
    #[serde(default)]
    pub port: bool,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Railway {
    pub name: String,
    /// Cities the line runs through, in order. Track is laid hex by hex between them.
    pub stations: Vec<String>,
    /// Double-tracked trunk lines carry more trains.
    #[serde(default)]
    pub double_track: bool,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Territory {
    pub name: String,
    pub owner: Owner,
    pub outline: Vec<LatLon>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, rename = "OffMap")]
pub struct OffMapBox {
    pub id: String,
    pub name: String,
    pub side: Side,
    pub description: String,
    pub links: Vec<BoxLink>,
}

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, rename = "Link")]
pub struct BoxLink {
    pub to: LinkEnd,
    /// Trains a day the link can carry each way.
    pub trains_per_day: f64,
}

#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
pub enum LinkEnd {
    /// The hex of a city on the map (normally at the map's edge).
    City(String),
    /// Another off-map box, by id.
    Box(String),
}
