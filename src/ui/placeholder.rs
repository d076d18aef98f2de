//! The placeholder screen: each scenario found, with its title, dates, forces, or the errors
//! that stop it loading — so a teacher sees a broken file's problems in the window too.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::scenario::{Side, load_scenario};

/// One scenario file as the screen shows it.
#[derive(Clone)]
pub(super) struct Entry {
    file: String,
    /// Title and summary lines, or the rendered errors.
    result: Result<(String, Vec<String>), String>,
}

/// Loads the named scenario, or every scenario in `scenarios/`.
pub(super) fn gather(scenario: Option<PathBuf>) -> Vec<Entry> {
    let paths = match scenario {
        Some(p) => vec![p],
        None => {
            let mut v: Vec<PathBuf> = std::fs::read_dir("scenarios")
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
    };
    paths
        .into_iter()
        .map(|p| Entry {
            file: p.display().to_string(),
            result: match load_scenario(&p) {
                Ok(l) => {
                    let s = &l.scenario;
                    let mut lines = vec![
                        s.meta.description.clone(),
                        format!(
                            "{} to {} — {} weekly turns",
                            s.calendar.start.long(),
                            s.calendar.end.long(),
                            s.calendar.turns()
                        ),
                        format!(
                            "Map: {} — {} land hexes of {} km, {} cities",
                            l.map.name,
                            l.map.land_count(),
                            l.map.hex_km,
                            l.map.cities.len()
                        ),
                    ];
                    for side in Side::ALL {
                        let units: Vec<_> = s
                            .units
                            .iter()
                            .filter(|u| u.side == side && u.arrives.is_none())
                            .collect();
                        let men: u64 = units.iter().map(|u| u64::from(u.men)).sum();
                        lines.push(format!(
                            "{}: {} units, {} men at the start",
                            s.sides.get(side).name,
                            units.len(),
                            crate::words::thousands(men as f64)
                        ));
                    }
                    Ok((s.meta.title.clone(), lines))
                }
                Err(f) => Err(f.render()),
            },
        })
        .collect()
}

#[derive(Resource)]
struct Entries(Vec<Entry>);

pub(super) struct PlaceholderPlugin {
    pub entries: Vec<Entry>,
}

impl Plugin for PlaceholderPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Entries(self.entries.clone()))
            .add_systems(Startup, camera)
            .add_systems(EguiPrimaryContextPass, draw);
    }
}

fn camera(mut commands: Commands) {
    commands.spawn((Name::new("Camera"), Camera2d));
}

fn draw(mut contexts: EguiContexts, entries: Res<Entries>) -> Result {
    let ctx = contexts.ctx_mut()?;
    // egui 0.36 panels are shown inside a `Ui`: one covering the whole window.
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default_margins().show(&mut root, |ui| {
        ui.heading("Eastfront — the Eastern Front, June 1941 to February 1943");
        ui.label("Scenarios found. The map, play and experiment screens are being built; meanwhile `eastfront run SCENARIO` plays one from the command line.");
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            if entries.0.is_empty() {
                ui.label("No scenario files found in ./scenarios — run eastfront from the project folder.");
            }
            for e in &entries.0 {
                match &e.result {
                    Ok((title, lines)) => {
                        ui.strong(title);
                        ui.small(&e.file);
                        for l in lines {
                            ui.label(l);
                        }
                    }
                    Err(errors) => {
                        ui.colored_label(egui::Color32::from_rgb(200, 60, 50), format!("{} cannot be loaded:", e.file));
                        ui.monospace(errors);
                    }
                }
                ui.separator();
            }
        });
    });
    Ok(())
}
