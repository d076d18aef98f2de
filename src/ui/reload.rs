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
            Err(e) => {
                s.file_errors = Some(format!(
                    "{} loads, but this game cannot be replayed over it: {e}",
                    path.display()
                ))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::game::{Game, Player};

    fn touch(path: &std::path::Path, text: &str, later: u64) {
        std::fs::write(path, text).unwrap();
        // A clear step in the file's time, whatever the file system's resolution.
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() + Duration::from_secs(later))
            .unwrap();
    }

    #[test]
    fn an_edited_file_reloads_or_shows_its_errors_in_the_game() {
        let dir = std::env::temp_dir().join(format!("eastfront-reload-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("mini.ron");
        let maps = std::fs::canonicalize("tests/data/maps").unwrap();
        let text = std::fs::read_to_string("tests/data/mini.ron")
            .unwrap()
            .replace("\"maps/", &format!("\"{}/", maps.display()));
        touch(&file, &text, 0);
        let game =
            Game::start(&file, &[], 1, Player::Ussr).unwrap_or_else(|f| panic!("{}", f.render()));
        let mut world = World::new();
        world.insert_resource(Time::<()>::default());
        world.insert_resource(Session::new(game));
        let watch = world.register_system(watch);
        let tick = |world: &mut World| {
            world
                .resource_mut::<Time>()
                .advance_by(Duration::from_secs(2));
            world.run_system(watch).unwrap();
        };
        tick(&mut world);
        // The teacher breaks the file: the game goes on and shows where the mistake is.
        touch(
            &file,
            &text.replacen("kind: Infantry", "kind: Infantery", 1),
            10,
        );
        tick(&mut world);
        let errors = world.resource::<Session>().file_errors.clone();
        let errors = errors.expect("the broken file's errors are shown");
        assert!(
            errors.contains("mini.ron") && errors.contains("Infantery"),
            "{errors}"
        );
        assert_eq!(world.resource::<Session>().game.sim().calendar().turn, 1);
        // Fixed, with a corps renamed: it reloads and the game carries on.
        let stronger = text.replacen("VII Corps", "VII Reserve Corps", 1);
        touch(&file, &stronger, 20);
        tick(&mut world);
        let s = world.resource::<Session>();
        assert_eq!(s.file_errors, None);
        assert!(
            s.status
                .as_ref()
                .is_some_and(|(t, _)| t.contains("reloaded")),
            "{:?}",
            s.status
        );
        assert!(s.view.units.iter().any(|u| u.name == "VII Reserve Corps"));
        assert_eq!(s.game.open_phase(), Some(crate::scenario::Faction::Soviet));
    }
}
