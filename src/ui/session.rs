//! The game being played on screen: the [`Game`], what the screen shows of it, what the
//! person has selected, and the computer's pace in watch mode. The screen changes the game
//! only through [`Game`]'s methods, which go through the simulation's one door.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::map_geometry::Geometry;
use super::map_view::{MapState, Overlay};
use super::screen::Screen;
use crate::game::view::View;
use crate::game::{Game, Player};
use crate::map::HexId;
use crate::scenario::Faction;
use crate::sim::combat::Odds;

/// The left panel's pages.
pub(super) use crate::shot::Page as Tab;

impl Tab {
    pub(super) const ALL: [Tab; 6] = [
        Tab::Unit,
        Tab::Economy,
        Tab::LendLease,
        Tab::Claims,
        Tab::Charts,
        Tab::Log,
    ];

    pub(super) fn label(self) -> &'static str {
        match self {
            Tab::Unit => "Unit",
            Tab::Economy => "Economy",
            Tab::LendLease => "Lend-Lease",
            Tab::Claims => "Claims",
            Tab::Charts => "Charts",
            Tab::Log => "Log",
        }
    }
}

/// An attack weighed and waiting for the person to commit or cancel.
pub(super) struct PendingAttack {
    pub units: Vec<String>,
    pub target: HexId,
    pub air: bool,
    pub odds: Result<Odds, String>,
}

/// Where the selected units may move this phase, worked out again only when the selection,
/// the view or the phase changes (a search per unit, too much for every frame).
#[derive(Default)]
pub(super) struct MoveRange {
    made_for: Option<(u64, Option<Faction>, Vec<String>)>,
    /// Hexes every selected unit of the open phase's camp may move to, by id.
    pub hexes: Vec<HexId>,
    /// Where those units stand: inside the range's outline, though not in the range.
    pub from: Vec<HexId>,
    /// Counts the changes of `hexes`, for the map's layers to know when to redraw.
    pub generation: u64,
}

/// The computer's pace when it plays both sides.
pub(super) struct Watch {
    pub running: bool,
    pub weeks_per_second: f32,
    pub waited: f32,
}

#[derive(Resource)]
pub(super) struct Session {
    pub game: Game,
    pub view: View,
    pub map: MapState,
    /// Ids of the selected units: the first is shown; all of them attack together.
    pub selected: Vec<String>,
    pub pending: Option<PendingAttack>,
    /// The last thing said to the person, and whether it was a refusal or an error.
    pub status: Option<(String, bool)>,
    pub tab: Tab,
    pub watch: Watch,
    /// Errors of the scenario file as last edited on disk, shown until it loads again.
    pub file_errors: Option<String>,
    pub save_name: String,
    /// Counts the view's refreshes, so what is drawn from it knows when to redraw.
    pub view_generation: u64,
    pub range: MoveRange,
}

impl Session {
    pub fn new(mut game: Game) -> Self {
        let view = View::gather(game.sim_mut().world_mut());
        let map = MapState {
            geometry: Geometry::of(&game.loaded().map),
            camera: None,
            overlay: Overlay::Holders,
            whole: false,
            last_rect: None,
        };
        let stem = game
            .path()
            .file_stem()
            .map_or("game".into(), |s| s.to_string_lossy().into_owned());
        Self {
            game,
            view,
            map,
            selected: Vec::new(),
            pending: None,
            status: None,
            tab: Tab::Unit,
            watch: Watch {
                running: true,
                weeks_per_second: 2.0,
                waited: 0.0,
            },
            file_errors: None,
            save_name: format!("saves/{stem}.ron"),
            view_generation: 0,
            range: MoveRange::default(),
        }
    }

    /// Gathers the view again after the game changed.
    pub fn refresh(&mut self) {
        self.view = View::gather(self.game.sim_mut().world_mut());
        self.view_generation += 1;
        self.selected.retain(|id| self.view.unit(id).is_some());
    }

    /// Works out the selected units' range again if what it depends on changed.
    pub fn update_range(&mut self) {
        let phase = self.game.open_phase();
        let key = (self.view_generation, phase, self.selected.clone());
        if self.range.made_for.as_ref() == Some(&key) {
            return;
        }
        let (mut hexes, mut from): (Option<Vec<HexId>>, Vec<HexId>) = (None, Vec::new());
        if let Some(camp) = phase {
            for id in &self.selected {
                let Some(u) = self.view.unit(id).filter(|u| u.camp() == camp) else {
                    continue;
                };
                from.push(u.hex);
                // A right-click moves every selected unit: the range is where all can go.
                let here = self.game.move_range(id).unwrap_or_default();
                hexes = Some(match hexes {
                    None => here,
                    Some(h) => h
                        .into_iter()
                        .filter(|x| here.binary_search(x).is_ok())
                        .collect(),
                });
            }
        }
        let hexes = hexes.unwrap_or_default();
        if hexes.is_empty() {
            from.clear();
        }
        if hexes != self.range.hexes || from != self.range.from {
            self.range.hexes = hexes;
            self.range.from = from;
            self.range.generation += 1;
        }
        self.range.made_for = Some(key);
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), false));
    }

    pub fn refuse(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), true));
    }

    /// The camp the screen looks at for supply and readiness: the person's open phase, or
    /// their side, or the Soviets when watching.
    pub fn viewer(&self) -> Faction {
        self.game.open_phase().unwrap_or(match self.game.player() {
            Player::Germany => Faction::Axis,
            _ => Faction::Soviet,
        })
    }

    /// Ends the person's phase and lets the computer play on.
    pub fn end_phase(&mut self) {
        self.pending = None;
        self.game.end_phase();
        self.refresh();
        self.selected.clear();
        let moved = self.game.seen().len();
        if self.game.is_over() {
            self.say("The game is over: see the Claims and Charts pages for how it went.");
        } else if moved > 0 {
            self.say(format!(
                "The computer moved {moved} units (arrows on the map). Your phase."
            ));
        }
    }
}

/// Where saved games go.
pub(super) fn saves_dir() -> PathBuf {
    PathBuf::from("saves")
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        watch_tick
            .run_if(in_state(Screen::Game))
            .run_if(resource_exists::<Session>),
    );
}

/// In watch mode, plays weeks at the chosen pace.
fn watch_tick(
    time: Res<Time>,
    mut session: ResMut<Session>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let s = &mut *session;
    if s.game.player() != Player::Watch || !s.watch.running || s.game.is_over() {
        return;
    }
    // The weeks are played by frames: while the computer plays on, the window must not wait
    // for input (ui/mod.rs) to draw the next one.
    redraw.write(RequestRedraw);
    s.watch.waited += time.delta_secs();
    if s.watch.waited * s.watch.weeks_per_second >= 1.0 {
        s.watch.waited = 0.0;
        s.game.play_computer_week();
        s.refresh();
    }
}
