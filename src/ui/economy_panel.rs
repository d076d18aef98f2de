//! The Economy and Lend-Lease pages: this week's output, the factories (with evacuation for
//! the Soviet player), Germany's split between East and West, airlifts into pockets, and what
//! each Lend-Lease route has delivered.

use bevy_egui::egui;

use super::session::Session;
use crate::scenario::economy_file::{ITEMS, Place};
use crate::scenario::lend_lease_file::CATEGORIES;
use crate::scenario::{Faction, Side};
use crate::sim::actions::Action;
use crate::sim::formations::Raised;
use crate::sim::lend_lease::Deliveries;
use crate::sim::production::{Industry, Status, slot};

pub(super) fn production(ui: &mut egui::Ui, s: &mut Session) {
    let loaded = s.game.loaded().clone();
    let scenario = &loaded.scenario;
    let Some(industry) = s.game.sim().world().get_resource::<Industry>().cloned() else {
        ui.label("This scenario has no economy.");
        return;
    };
    ui.heading("Made this week");
    egui::Grid::new("output").striped(true).show(ui, |ui| {
        ui.strong("");
        for item in ITEMS {
            ui.strong(if item == "supply" {
                "ammunition t"
            } else {
                item
            });
        }
        ui.end_row();
        for side in [Side::Germany, Side::USSR] {
            ui.label(&scenario.sides.get(side).name);
            for k in 0..ITEMS.len() {
                ui.label(crate::words::thousands(industry.week[slot(side)][k]));
            }
            ui.end_row();
        }
        ui.label("in the theatre");
        ui.label("");
        ui.label(format!(
            "{} / {}",
            crate::words::thousands(industry.aircraft[slot(Side::Germany)]),
            crate::words::thousands(industry.aircraft[slot(Side::USSR)])
        ));
        ui.label("");
        ui.label("");
        ui.label(format!(
            "{} / {}",
            crate::words::thousands(industry.trucks[slot(Side::Germany)]),
            crate::words::thousands(industry.trucks[slot(Side::USSR)])
        ));
        ui.end_row();
    });
    ui.small("Aircraft and trucks in the theatre: German / Soviet.");

    let open = s.game.open_phase();
    let factories = scenario
        .economy
        .as_ref()
        .map_or(&[][..], |e| &e.factories[..]);
    ui.separator();
    ui.heading("Factories");
    if open == Some(Faction::Soviet) {
        ui.label("Order a threatened Soviet plant east: it stops while its trains roll, then restarts in the Urals at part of its output and grows back.");
    } else {
        ui.small("The Soviet player orders evacuations in the Soviet phase.");
    }
    let mut order: Option<String> = None;
    egui::Grid::new("factories").striped(true).show(ui, |ui| {
        for (f, status) in factories.iter().zip(&industry.status) {
            if f.side != Side::USSR && f.side != Side::Germany {
                continue;
            }
            let place = match &f.at {
                Place::City(c) => c.clone(),
                Place::Box(b) => format!("({b})"),
            };
            ui.label(f.display_name());
            ui.label(place);
            ui.label(status.describe());
            let can = open == Some(Faction::Soviet)
                && f.side == Side::USSR
                && matches!(status, Status::Working)
                && matches!(f.at, Place::City(_));
            if can && ui.button("Evacuate").clicked() {
                order = Some(f.id.clone());
            } else if !can {
                ui.label("");
            }
            ui.end_row();
        }
    });
    if let Some(id) = order {
        match s.game.act(Action::Evacuate { factory: id }) {
            Ok(crate::sim::actions::Outcome::Evacuating(text)) => s.say(text),
            Ok(_) => {}
            Err(r) => s.refuse(r.to_string()),
        }
        s.refresh();
    }

    ui.separator();
    ui.heading("Germany: East and West");
    let raised = s
        .game
        .sim()
        .world()
        .get_resource::<Raised>()
        .cloned()
        .unwrap_or_default();
    ui.label(format!(
        "Germany meets {:.0}% of the West's demand for divisions; {} divisions kept back have gone East.",
        raised.west_share_met * 100.0,
        raised.sent_east
    ));
    if open == Some(Faction::Axis)
        && scenario
            .economy
            .as_ref()
            .is_some_and(|e| e.allocation.is_some())
    {
        let id = egui::Id::new("west_percent");
        let mut pct: u32 = ui
            .data(|d| d.get_temp(id))
            .unwrap_or((raised.west_share_met * 100.0).round() as u32);
        ui.add(egui::Slider::new(&mut pct, 0..=100).text("% of the West's demand met"));
        ui.data_mut(|d| d.insert_temp(id, pct));
        if ui.button("Set").clicked() {
            match s.game.act(Action::Allocate { west_percent: pct }) {
                Ok(_) => s.say(format!(
                    "Germany now meets {pct}% of the West's demand; the rest go East."
                )),
                Err(r) => s.refuse(r.to_string()),
            }
            s.refresh();
        }
    }
    airlift(ui, s);
}

fn airlift(ui: &mut egui::Ui, s: &mut Session) {
    let Some(camp) = s.game.open_phase() else {
        return;
    };
    let pockets: Vec<_> = s
        .view
        .pockets
        .iter()
        .filter(|p| p.side == camp)
        .cloned()
        .collect();
    if pockets.is_empty() {
        return;
    }
    ui.separator();
    ui.heading("Airlift");
    let pool = crate::sim::pockets::transport_pool(s.game.sim().world(), camp);
    ui.label(format!(
        "Your transport aircraft can fly {pool} tons a day this week."
    ));
    let mut order = None;
    for p in &pockets {
        ui.label(format!(
            "{} pocket: {} men, closed {}, needs {:.0} t/day, got {:.0} t/day last week",
            p.name,
            crate::words::thousands(p.men as f64),
            p.closed.long(),
            p.need_tons,
            p.airlift_tons.max(0.0)
        ));
        let id = egui::Id::new(("airlift", p.id));
        let mut tons: u32 = ui
            .data(|d| d.get_temp(id))
            .unwrap_or(pool.min(p.need_tons.ceil() as u32));
        ui.add(egui::Slider::new(&mut tons, 0..=pool.max(1)).text("tons a day"));
        ui.data_mut(|d| d.insert_temp(id, tons));
        if ui
            .button(format!("Fly into the {} pocket", p.name))
            .clicked()
        {
            order = Some((p.id, tons));
        }
    }
    if let Some((pocket, tons_per_day)) = order {
        match s.game.act(Action::Airlift { pocket, tons_per_day }) {
            Ok(crate::sim::actions::Outcome::Airlifted { pocket, expected, need, .. }) => s.say(format!(
                "Transports assigned: about {expected:.0} of the {need:.0} tons a day the {pocket} pocket needs should arrive."
            )),
            Ok(_) => {}
            Err(r) => s.refuse(r.to_string()),
        }
        s.refresh();
    }
}

pub(super) fn lend_lease(ui: &mut egui::Ui, s: &mut Session) {
    let loaded = s.game.loaded().clone();
    let Some(ll) = loaded.scenario.lend_lease.as_ref() else {
        ui.label("This scenario has no Lend-Lease.");
        return;
    };
    if !ll.enabled {
        ui.label("Lend-Lease is switched off in this game (a variant without it).");
        return;
    }
    let world = s.game.sim().world();
    let Some(d) = world.get_resource::<Deliveries>() else {
        return;
    };
    ui.heading("Lend-Lease by route");
    ui.label("Tons delivered so far, by what they carried.");
    for (r, st) in ll.routes.iter().zip(&d.routes) {
        ui.separator();
        let total: f64 = st.delivered.iter().sum();
        ui.strong(format!("{} — {} t", r.name, crate::words::thousands(total)));
        let state = if !r.enabled {
            "closed in this scenario".to_string()
        } else if st.suspended {
            "convoys suspended".to_string()
        } else if st.open <= 0.0 {
            "cut: the entry's railways are lost or cut off".to_string()
        } else {
            format!(
                "open ({:.0}% of its railways held and supplied)",
                st.open * 100.0
            )
        };
        ui.label(state);
        let parts: Vec<String> = CATEGORIES
            .iter()
            .zip(st.delivered)
            .filter(|(_, t)| *t > 0.0)
            .map(|(c, t)| format!("{} {} t", c.replace('_', " "), crate::words::thousands(t)))
            .collect();
        if !parts.is_empty() {
            ui.label(parts.join(", "));
        }
        let at_sea: f64 = st.at_sea.iter().sum();
        if at_sea > 0.0 || st.lost > 0.0 {
            ui.label(format!(
                "waiting for a convoy: {} t; lost at sea: {} t",
                crate::words::thousands(at_sea),
                crate::words::thousands(st.lost)
            ));
        }
    }
}
