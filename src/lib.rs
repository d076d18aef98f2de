//! Eastfront: a strategic war-game of the Eastern Front, 1941–43, for testing historical
//! claims. Data flows one way: file → [`scenario`] (checked) → [`map`] + [`sim`] → turns →
//! recorded measurements → reports or screens.

pub mod batch;
pub mod claims;
pub mod commands;
pub mod game;
pub mod map;
pub mod scenario;
pub mod sim;
#[cfg(feature = "gui")]
pub mod ui;
pub mod words;
