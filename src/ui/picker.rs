//! The scenario picker: every file in `scenarios/` with its title, dates, description and
//! difficulty (or the errors that stop it loading), the side to play, variants, the seed —
//! and the way to the experiment screen and to saved games.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::experiment::ExperimentSetup;
use super::screen::Screen;
use super::session::{Session, saves_dir};
use crate::game::{Game, Player, load_game};
use crate::scenario::scenario_file::Difficulty;
use crate::scenario::{Side, load_scenario};

/// One scenario file as the picker shows it.
#[derive(Clone)]
pub(super) struct Entry {
    pub path: PathBuf,
    pub result: Result<Summary, String>,
}

#[derive(Clone)]
pub(super) struct Summary {
    pub title: String,
    pub description: String,
    pub dates: String,
    pub difficulty: Difficulty,
    pub author: String,
    pub forces: Vec<String>,
    /// The claims' texts as the notes put them.
    pub claims: Vec<String>,
    /// id, name, description.
    pub variants: Vec<(String, String, String)>,
}

#[derive(Resource)]
pub(super) struct Picker {
    pub entries: Vec<Entry>,
    pub chosen: usize,
    pub player: Player,
    pub variants_on: Vec<String>,
    pub seed: u64,
    pub error: Option<String>,
    pub saves: Vec<PathBuf>,
}

impl Picker {
    /// Loads the named scenario first, then every other one in `scenarios/`.
    pub fn gather(first: Option<&Path>) -> Self {
        let mut paths = ron_files(Path::new("scenarios"));
        // The base scenario leads: it is where a newcomer starts.
        if let Some(i) = paths
            .iter()
            .position(|p| p.file_name().is_some_and(|n| n == "barbarossa_1941.ron"))
        {
            let base = paths.remove(i);
            paths.insert(0, base);
        }
        if let Some(f) = first {
            paths.retain(|p| p != f);
            paths.insert(0, f.to_path_buf());
        }
        let entries = paths.into_iter().map(summarise).collect();
        Self {
            entries,
            chosen: 0,
            player: Player::Ussr,
            variants_on: Vec::new(),
            seed: 1,
            error: None,
            saves: ron_files(&saves_dir()),
        }
    }
}

/// The `.ron` files in a folder, in name order; none if it cannot be read.
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn summarise(path: PathBuf) -> Entry {
    let result = match load_scenario(&path) {
        Ok(l) => {
            let s = &l.scenario;
            let forces = Side::ALL
                .into_iter()
                .map(|side| {
                    let units: Vec<_> = s
                        .units
                        .iter()
                        .filter(|u| u.side == side && u.arrives.is_none())
                        .collect();
                    let men: u64 = units.iter().map(|u| u64::from(u.men)).sum();
                    format!(
                        "{}: {} units, {} men at the start",
                        s.sides.get(side).name,
                        units.len(),
                        crate::words::thousands(men as f64)
                    )
                })
                .collect();
            Ok(Summary {
                title: s.meta.title.clone(),
                description: s.meta.description.clone(),
                dates: format!(
                    "{} to {} — {} weekly turns",
                    s.calendar.start.long(),
                    s.calendar.end.long(),
                    s.calendar.turns()
                ),
                difficulty: s.meta.difficulty,
                author: s.meta.author.clone(),
                forces,
                claims: s.claims.iter().map(|c| c.text.clone()).collect(),
                variants: s
                    .variants
                    .iter()
                    .map(|v| (v.id.clone(), v.name.clone(), v.description.clone()))
                    .collect(),
            })
        }
        Err(f) => Err(f.render()),
    };
    Entry { path, result }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Picker))
            .run_if(resource_exists::<Picker>),
    );
}

fn difficulty_word(d: Difficulty) -> &'static str {
    match d {
        Difficulty::Introductory => "introductory",
        Difficulty::Standard => "standard",
        Difficulty::Advanced => "advanced",
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut picker: ResMut<Picker>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let p = &mut *picker;
    egui::Panel::left("scenarios")
        .frame(super::side_frame(root.style()))
        .resizable(false)
        .exact_size(360.0)
        .show(&mut root, |ui| {
            ui.add_space(6.0);
            ui.heading("Eastfront");
            ui.label("The Eastern Front, June 1941 to February 1943: play it, or test a claim from your notes over many games.");
            ui.separator();
            ui.strong("Scenarios");
            egui::ScrollArea::vertical().id_salt("list").show(ui, |ui| {
                for (i, e) in p.entries.iter().enumerate() {
                    let name = e.path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    let text = match &e.result {
                        Ok(s) => format!("{}\n{} · {}", s.title, name, difficulty_word(s.difficulty)),
                        Err(_) => format!("{name}\ncannot be loaded: see the errors"),
                    };
                    let text = if e.result.is_err() {
                        egui::RichText::new(text).color(egui::Color32::from_rgb(230, 90, 80))
                    } else {
                        egui::RichText::new(text)
                    };
                    if ui.selectable_label(p.chosen == i, text).clicked() && p.chosen != i {
                        p.chosen = i;
                        p.variants_on.clear();
                        p.error = None;
                    }
                }
                if !p.saves.is_empty() {
                    ui.separator();
                    ui.strong("Saved games");
                    let saves = p.saves.clone();
                    for s in saves {
                        if ui.button(format!("Load {}", s.display())).clicked() {
                            match load_game(&s) {
                                Ok((game, warning)) => {
                                    let mut session = Session::new(game);
                                    match warning {
                                        Some(w) => session.refuse(w),
                                        None => session.say(format!("Loaded {}.", s.display())),
                                    }
                                    commands.insert_resource(session);
                                    next.set(Screen::Game);
                                }
                                Err(e) => p.error = Some(e.to_string()),
                            }
                        }
                    }
                }
            });
        });
    egui::CentralPanel::default_margins()
        .frame(super::central_frame(root.style()))
        .show(&mut root, |ui| {
        let Some(entry) = p.entries.get(p.chosen).cloned() else {
            ui.heading("No scenario files found");
            ui.label("Eastfront looks for .ron files in ./scenarios: start it from the project folder, or name a file: eastfront play FILE.");
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            match &entry.result {
                Err(errors) => {
                    ui.heading(format!("{} cannot be loaded", entry.path.display()));
                    ui.label("Fix these in the file and choose it again (or restart): each names the file, line and column.");
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(errors).monospace().color(egui::Color32::from_rgb(240, 120, 100)));
                    if ui.button("Check the file again").clicked() {
                        p.entries[p.chosen] = summarise(entry.path.clone());
                    }
                }
                Ok(s) => {
                    ui.heading(&s.title);
                    ui.label(egui::RichText::new(format!("{} · difficulty: {} · by {}", s.dates, difficulty_word(s.difficulty), s.author)).italics());
                    ui.add_space(6.0);
                    ui.label(&s.description);
                    ui.add_space(6.0);
                    for f in &s.forces {
                        ui.label(f);
                    }
                    if !s.claims.is_empty() {
                        egui::CollapsingHeader::new(format!("{} claims to test from the notes", s.claims.len()))
                            .show(ui, |ui| {
                                for c in &s.claims {
                                    ui.label(format!("• {c}"));
                                }
                            });
                    }
                    ui.separator();
                    ui.strong("Play as");
                    ui.horizontal(|ui| {
                        for pl in Player::ALL {
                            ui.radio_value(&mut p.player, pl, pl.label());
                        }
                    });
                    if !s.variants.is_empty() {
                        ui.add_space(4.0);
                        ui.strong("Variants (what if…)");
                        for (id, name, description) in &s.variants {
                            let mut on = p.variants_on.contains(id);
                            if ui.checkbox(&mut on, name).on_hover_text(description).changed() {
                                if on {
                                    p.variants_on.push(id.clone());
                                } else {
                                    p.variants_on.retain(|v| v != id);
                                }
                            }
                        }
                    }
                    ui.horizontal(|ui| {
                        ui.label("Seed");
                        ui.add(egui::DragValue::new(&mut p.seed).range(0..=u64::MAX));
                        ui.label("(the same seed and orders play the same game)");
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(egui::RichText::new("Start the game").size(18.0)).clicked() {
                            match Game::start(&entry.path, &p.variants_on, p.seed, p.player) {
                                Ok(game) => {
                                    let mut session = Session::new(game);
                                    session.say(start_hint(p.player));
                                    commands.insert_resource(session);
                                    next.set(Screen::Game);
                                }
                                Err(f) => p.error = Some(f.render()),
                            }
                        }
                        if ui.button(egui::RichText::new("Run an experiment…").size(18.0)).clicked() {
                            let mut setup = ExperimentSetup::new(entry.path.clone(), s.title.clone(), s.variants.clone(), p.variants_on.clone());
                            setup.seed = p.seed;
                            commands.insert_resource(setup);
                            next.set(Screen::Experiment);
                        }
                    });
                }
            }
            if let Some(e) = &p.error {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(e).monospace().color(egui::Color32::from_rgb(240, 120, 100)));
            }
        });
    });
    Ok(())
}

fn start_hint(player: Player) -> String {
    match player {
        Player::Watch => "The computer plays both sides. Pause or change the speed at the top; click a unit to see it.".into(),
        _ => "Your phase. Click one of your units, then right-click a hex to move there, or an enemy next to it to attack (Shift+click adds units to the attack). End Turn when done.".into(),
    }
}
