//! The scenario and map file formats: types, reading, `extends:` merging, checks, and
//! diagnostics that name file, line and column. Plain Rust: no Bevy here.

pub mod allocation_file;
pub mod claim_file;
pub mod common;
pub mod date;
mod de;
pub mod diagnostic;
pub mod economy_file;
pub mod lend_lease_file;
mod load;
pub mod locate;
pub mod map_file;
mod merge;
pub mod metrics;
pub mod plan_file;
pub mod replacement_file;
pub mod rules;
pub mod scenario_file;
pub mod sources;
pub mod tree;
mod validate;
mod validate_claims;
mod validate_economy;
pub mod variant_file;
pub mod weather_file;

pub use common::{Faction, LatLon, Owner, Side};
pub use date::Date;
pub use diagnostic::{Diagnostic, Severity};
pub use load::{
    FileKind, LoadFailure, Loaded, LoadedMap, file_kind, load_map, load_scenario,
    load_scenario_with,
};
pub use scenario_file::{Scenario, TURN_DAYS};
pub use validate::{MAX_TURNS, MAX_UNITS, Placed};
