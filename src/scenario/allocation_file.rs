//! German divisions outside the East: the Western theatre, Norway, the Balkans, North Africa
//! and the home reserve, by date. With the divisions on the map they give the total, and so
//! the share in the East (`german_share_east`). The economy issue will make the split a
//! decision; today the scenario gives it from the record.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// From `from` on, this many German divisions stand outside the East.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Elsewhere {
    pub id: String,
    pub from: Date,
    pub divisions: u32,
    #[serde(default)]
    pub source: Option<String>,
}

/// The divisions outside the East on `date`: the latest entry in force, or none before the
/// first.
pub fn elsewhere_on(list: &[Elsewhere], date: Date) -> u32 {
    list.iter()
        .filter(|e| e.from <= date)
        .max_by_key(|e| e.from)
        .map_or(0, |e| e.divisions)
}
