//! The Charts page: this game's measurements week by week — production, the balance of
//! forces, Germany's share in the East, Lend-Lease tonnage and losses.

use bevy_egui::egui::{self, Color32};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::session::Session;
use crate::sim::TurnRecord;

const GERMAN: Color32 = Color32::from_rgb(110, 150, 230);
const SOVIET: Color32 = Color32::from_rgb(230, 90, 80);
const OTHER: Color32 = Color32::from_rgb(120, 200, 120);
const FOURTH: Color32 = Color32::from_rgb(230, 200, 90);

/// A curve: its name, its colour, and how to read it from a week's record.
type Curve<'a> = (&'a str, Color32, &'a dyn Fn(&TurnRecord) -> Option<f64>);

fn value<'a>(key: &'a str) -> impl Fn(&TurnRecord) -> Option<f64> + 'a {
    move |r| r.values.get(key).copied()
}

pub(super) fn show(ui: &mut egui::Ui, s: &Session) {
    let records = s.game.sim().records();
    if records.is_empty() {
        ui.label("The charts fill in as weeks are played: end the turn to see the first week.");
        return;
    }
    ui.small("x: turn (week of the game). Drag to pan, scroll to zoom, double-click to reset.");
    let g_tanks = value("output.germany.tanks");
    let s_tanks = value("output.ussr.tanks");
    let g_air = value("output.germany.aircraft");
    let s_air = value("output.ussr.aircraft");
    chart(
        ui,
        "Production a week",
        records,
        &[
            ("German tanks", GERMAN, &g_tanks),
            ("Soviet tanks", SOVIET, &s_tanks),
            ("German aircraft", OTHER, &g_air),
            ("Soviet aircraft", FOURTH, &s_air),
        ],
    );
    let ratio = |r: &TurnRecord| {
        let axis =
            r.values.get("men.germany")? + r.values.get("men.axis_allies").copied().unwrap_or(0.0);
        let soviet = r.values.get("men.ussr")?;
        (axis > 0.0).then(|| soviet / axis)
    };
    chart(
        ui,
        "Soviet men per Axis man on the map",
        records,
        &[("force ratio", SOVIET, &ratio)],
    );
    let share = |r: &TurnRecord| r.values.get("german_share_east").map(|v| v * 100.0);
    chart(
        ui,
        "German divisions in the East, % of all",
        records,
        &[("share East", GERMAN, &share)],
    );
    let total = value("lend_lease.tons.total");
    let arctic = value("lend_lease.tons.arctic");
    let persian = value("lend_lease.tons.persian");
    let pacific = value("lend_lease.tons.pacific");
    chart(
        ui,
        "Lend-Lease delivered, tons so far",
        records,
        &[
            ("total", FOURTH, &total),
            ("Arctic", GERMAN, &arctic),
            ("Persian", OTHER, &persian),
            ("Pacific", SOVIET, &pacific),
        ],
    );
    let g_loss = value("losses.germany.men");
    let s_loss = value("losses.ussr.men");
    chart(
        ui,
        "Men lost so far",
        records,
        &[("German", GERMAN, &g_loss), ("Soviet", SOVIET, &s_loss)],
    );
}

fn chart(ui: &mut egui::Ui, title: &str, records: &[TurnRecord], curves: &[Curve]) {
    ui.strong(title);
    Plot::new(title)
        .height(150.0)
        .legend(Legend::default())
        .allow_scroll(false)
        .show(ui, |plot| {
            for (name, colour, read) in curves {
                let points: Vec<[f64; 2]> = records
                    .iter()
                    .filter_map(|r| read(r).map(|v| [f64::from(r.turn), v]))
                    .collect();
                if !points.is_empty() {
                    plot.line(
                        Line::new(*name, PlotPoints::from(points))
                            .color(*colour)
                            .width(2.0),
                    );
                }
            }
        });
    ui.add_space(6.0);
}
