//! Scenario files edited while the game runs: the game reloads the file (and every file it
//! extends) and replays its orders over it, or shows the errors in the window and goes on
//! with the file as it was.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use bevy::prelude::*;

use super::screen::Screen;
use super::session::Session;
use crate::scenario::load_scenario_with;

/// How often the files are looked at, in seconds.
const EVERY: f32 = 1.0;

#[derive(Default)]
struct Watched {
    files: Vec<(PathBuf, Option<SystemTime>)>,
    waited: f32,
}

fn stamp(p: &PathBuf) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        watch
            .run_if(in_state(Screen::Game))
            .run_if(resource_exists::<Session>),
    );
}

fn watch(time: Res<Time>, mut session: ResMut<Session>, mut watched: Local<Watched>) {
    watched.waited += time.delta_secs();
    if watched.waited < EVERY {
        return;
    }
    watched.waited = 0.0;
    let mut files = session.game.source_files();
    // A broken file may have dropped what it extends from the list: keep watching those too.
    for (p, _) in &watched.files {
        if !files.contains(p) {
            files.push(p.clone());
        }
    }
    let now: Vec<(PathBuf, Option<SystemTime>)> =
        files.iter().map(|p| (p.clone(), stamp(p))).collect();
    let changed = !watched.files.is_empty()
        && now.iter().any(|(p, t)| {
            watched
                .files
                .iter()
                .find(|(q, _)| q == p)
                .is_none_or(|(_, old)| old != t)
        });
    watched.files = now;
    if !changed {
        return;
    }
    let s = &mut *session;
    let path = s.game.path().to_path_buf();
    match load_scenario_with(&path, s.game.variants()) {
        Err(f) => s.file_errors = Some(f.render()),
        Ok(loaded) => match s.game.replayed_on(Arc::new(loaded)) {
            Ok(game) => {
                s.game = game;
                // The map may have changed with the file.
                s.map.geometry = super::map_geometry::Geometry::of(&s.game.loaded().map);
                s.file_errors = None;
                s.pending = None;
                s.refresh();
                s.say(format!(
                    "{} changed on disk: reloaded, and this game's orders replayed over it.",
                    path.display()
                ));
            }
            Err(e) => s.file_errors = Some(format!(
                "{} loads, but this game cannot be replayed over it: {e}",
                path.display()
            )),
        },
    }
}
