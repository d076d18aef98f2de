//! The Claims page: each claim of the scenario, what the record says, and how this game
//! stands on it so far.

use bevy_egui::egui::{self, Color32};

use super::session::Session;
use crate::batch::measurements_at_end;
use crate::claims::{self, Run, Verdict};

pub(super) fn show(ui: &mut egui::Ui, s: &Session) {
    let loaded = s.game.loaded();
    let claims = &loaded.scenario.claims;
    if claims.is_empty() {
        ui.label(
            "This scenario has no claims. A teacher adds them to the file (see docs/claims.md).",
        );
        return;
    }
    let sim = s.game.sim();
    let last = measurements_at_end(sim);
    let cal = sim.calendar();
    // Until the game ends, what lies after today cannot be judged.
    let stopped = (!s.game.is_over()).then(|| cal.date.add_days(-1));
    let run = Run {
        records: sim.records(),
        last: &last,
        stopped,
    };
    ui.label("How this game stands on each claim so far. One game is one story: run an experiment from the scenario list to see how often a claim holds over many.");
    for c in claims {
        ui.separator();
        let verdict = claims::judge(c, &run);
        let (word, colour) = match &verdict {
            Verdict::Held => ("held", Color32::from_rgb(90, 200, 100)),
            Verdict::Failed => ("did not hold", Color32::from_rgb(240, 110, 90)),
            Verdict::NotJudged(_) => ("not judged yet", Color32::from_rgb(200, 200, 120)),
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(colour, egui::RichText::new(word).strong());
            ui.strong(&c.text);
        });
        ui.small(format!(
            "{} · test: {}",
            c.origin,
            claims::describe(&c.test)
        ));
        if let Verdict::NotJudged(why) = &verdict {
            if matches!(c.test, crate::scenario::claim_file::Test::Versus { .. }) {
                ui.small("It compares variants, so one game cannot judge it: run an experiment from the scenario list.");
            } else {
                ui.small(why);
            }
        }
        ui.label(format!("The record: {}", c.record));
    }
}
