//! Everything on screen (feature `gui`). It reads the simulation and sends it actions; it
//! never writes simulation components itself.
//!
//! For now a single placeholder screen lists the scenarios and shows the chosen one's
//! contents; the map, play and experiment screens come with the GUI issue.

mod placeholder;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::EguiPlugin;

/// Opens the game window. Returns the exit code.
pub fn play(scenario: Option<PathBuf>) -> i32 {
    let entries = placeholder::gather(scenario);
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Eastfront — the Eastern Front 1941–43".into(),
                resolution: (1280, 800).into(),
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .add_plugins(placeholder::PlaceholderPlugin { entries })
        .run();
    0
}
