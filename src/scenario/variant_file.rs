//! Variants (DESIGN.md: Claims and experiments): named sets of changes inside a scenario,
//! such as `no_lend_lease`, chosen when a game starts (`eastfront run --variant NAME`).
//! Their `changes` are written like a file that `extends` the scenario, and are merged over
//! it the same way before anything is checked.

use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Merged over the scenario when the variant is chosen; read there, not here.
    #[serde(skip_serializing)]
    pub changes: serde::de::IgnoredAny,
    #[serde(default)]
    pub source: Option<String>,
}
