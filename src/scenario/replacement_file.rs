//! Replacements: men, tanks and guns that reach each side's units every week on the
//! scenario's schedule, refilling formations worn down in battle. The economy issue will
//! feed the same pools from production and mobilisation instead.

use serde::{Deserialize, Serialize};

use super::common::Side;
use super::date::Date;

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Replacements {
    pub id: String,
    pub side: Side,
    pub from: Date,
    pub to: Date,
    #[serde(default)]
    pub men_per_week: u32,
    #[serde(default)]
    pub tanks_per_week: u32,
    #[serde(default)]
    pub guns_per_week: u32,
    #[serde(default)]
    pub source: Option<String>,
}

impl Replacements {
    /// Whether the stream flows in the week that starts on `week_start`.
    pub fn flows(&self, week_start: Date, week_end: Date) -> bool {
        self.from <= week_end && week_start <= self.to
    }
}
