//! The Unit page: the selected unit's strength against its establishment, cohesion,
//! experience, movement, and its supply with the reason it gets less than it needs.

use bevy_egui::egui;

use super::session::Session;
use super::theme;
use crate::game::view::SupplyLevel;

pub(super) fn show(ui: &mut egui::Ui, s: &mut Session) {
    let Some(id) = s.selected.first().cloned() else {
        ui.label(
            "Click a counter on the map to see the unit: its strength, cohesion, supply and why.",
        );
        ui.add_space(6.0);
        ui.label("Counters: blue-grey German, green Axis allies, red Soviet. The symbol is the arm (X infantry, oval armour, X with a bar motorised, / cavalry, X with a peak mountain); the number is thousands of men. A red border: cut off. A dot: can still act this phase.");
        ui.add_space(6.0);
        ui.label("Right-click a hex to move the selected units there; right-click an enemy next to them to weigh an attack. Hold Ctrl to go by train. Shift+click adds a unit to the selection.");
        return;
    };
    let Some(u) = s.view.unit(&id).cloned() else {
        ui.label("That unit is no longer on the map.");
        return;
    };
    let scenario = &s.game.loaded().scenario;
    let map = &s.game.loaded().map;
    ui.heading(&u.name);
    ui.label(format!(
        "{} {} · {} · under {}",
        scenario.sides.get(u.side).name,
        u.kind.name(),
        map.describe(u.hex),
        u.hq
    ));
    ui.add_space(4.0);
    egui::Grid::new("strength").striped(true).show(ui, |ui| {
        ui.strong("");
        ui.strong("now");
        ui.strong("full");
        ui.end_row();
        let row = |ui: &mut egui::Ui, what: &str, now: u32, full: u32| {
            ui.label(what);
            ui.label(crate::words::thousands(f64::from(now)));
            ui.label(crate::words::thousands(f64::from(full)));
            ui.end_row();
        };
        row(ui, "men", u.strength.men, u.establishment.men);
        row(ui, "tanks", u.strength.tanks, u.establishment.tanks);
        row(ui, "guns", u.strength.guns, u.establishment.guns);
        row(
            ui,
            "divisions",
            u.strength.divisions,
            u.establishment.divisions,
        );
    });
    ui.add(
        egui::ProgressBar::new(u.cohesion as f32 / 100.0).text(format!("cohesion {}", u.cohesion)),
    );
    ui.add(
        egui::ProgressBar::new(u.experience as f32 / 100.0)
            .text(format!("experience {}", u.experience)),
    );
    match u.moves_left {
        Some(m) => ui.label(format!(
            "{m} movement points left this phase{}",
            if u.attacked { "; has attacked" } else { "" }
        )),
        None => ui.label("Not its camp's phase."),
    };
    if !s.range.hexes.is_empty() {
        let who = if s.selected.len() > 1 {
            "all the selected units"
        } else {
            "it"
        };
        ui.label(format!("The lighter hexes inside the white outline are where {who} can go this phase: right-click one. Entering a hex next to an enemy ends a move."));
    }
    ui.separator();
    let level = u.supply_level();
    ui.horizontal(|ui| {
        ui.colored_label(theme::supply(level), "■");
        ui.strong(format!(
            "Supply: {} — {:.0}% of its needs",
            level.word(),
            u.supply.received * 100.0
        ));
    });
    match &u.supply.why {
        Some(why) => {
            ui.label(format!("Why: {why}."));
        }
        None => {
            ui.label("It gets all it needs from a railhead within the trucks' reach.");
        }
    }
    if level == SupplyLevel::Isolated {
        ui.label(format!(
            "Cut off for {} week(s). Units cut off lose strength and cohesion each week; a pocket that stays closed surrenders. Break in from outside, or fly supplies in (Economy page).",
            u.supply.turns_isolated
        ));
    }
    if s.selected.len() > 1 {
        ui.separator();
        ui.label("Also selected (they attack together):");
        for other in s.selected.iter().skip(1) {
            if let Some(o) = s.view.unit(other) {
                ui.label(format!("• {}", o.name));
            }
        }
    }
}
