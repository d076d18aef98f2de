//! The game screen: the top bar (date, turn, weather, whose phase, End Turn), the side panel
//! (unit, economy, Lend-Lease, claims, charts, log), the map, and the attack window. Clicks on
//! the map become orders to the game.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::map_view::{self, Highlights, MapInput, Overlay};
use super::picker::Picker;
use super::screen::Screen;
use super::session::{PendingAttack, Session, Tab};
use super::{charts, claims_panel, economy_panel, unit_panel};
use crate::game::{Player, save_game};
use crate::map::{HexId, NO_HEX};
use crate::scenario::Faction;
use crate::scenario::weather_file::Zone;
use crate::sim::actions::{Action, Outcome};
use crate::sim::weather::Weather;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Game))
            .run_if(resource_exists::<Session>),
    );
}

fn camp_name(c: Faction) -> &'static str {
    match c {
        Faction::Axis => "Axis",
        Faction::Soviet => "Soviet",
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let s = &mut *session;
    let mut leave = false;
    let bare = super::side_frame(root.style());
    egui::Panel::top("top").frame(bare).show(&mut root, |ui| {
        top_bar(ui, s, &mut leave);
    });
    egui::Panel::bottom("status")
        .frame(bare)
        .show(&mut root, |ui| match &s.status {
            Some((text, true)) => {
                ui.colored_label(egui::Color32::from_rgb(240, 120, 100), text);
            }
            Some((text, false)) => {
                ui.label(text);
            }
            None => {
                ui.label(" ");
            }
        });
    egui::Panel::left("side")
        .frame(bare)
        .resizable(true)
        .default_size(360.0)
        .show(&mut root, |ui| {
            weather_line(ui, s);
            ui.horizontal_wrapped(|ui| {
                for t in Tab::ALL {
                    ui.selectable_value(&mut s.tab, t, t.label());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| match s.tab {
                Tab::Unit => unit_panel::show(ui, s),
                Tab::Economy => economy_panel::production(ui, s),
                Tab::LendLease => economy_panel::lend_lease(ui, s),
                Tab::Claims => claims_panel::show(ui, s),
                Tab::Charts => charts::show(ui, s),
                Tab::Log => log(ui, s),
            });
        });
    let mut input = MapInput::default();
    egui::CentralPanel::no_frame().show(&mut root, |ui| {
        let targets = attack_targets(s);
        let marks = Highlights {
            selected: &s.selected,
            targets: &targets,
            range: !s.range.hexes.is_empty(),
        };
        let map = s.game.loaded().map.clone();
        input = map_view::show(ui, &map, &s.view, &mut s.map, &marks);
        if let Some(h) = input.hovered {
            hover_text(ui, s, h);
        }
    });
    handle(s, &input);
    s.update_range();
    attack_window(ctx, s);
    if let Some(errors) = s.file_errors.clone() {
        egui::Window::new("The scenario file has errors")
            .default_width(640.0)
            .show(ctx, |ui| {
                ui.label("The file changed on disk and cannot be loaded as it is now. The game goes on with the file as it was; fix these and save the file to reload:");
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    ui.label(egui::RichText::new(errors).monospace());
                });
            });
    }
    if leave {
        commands.insert_resource(Picker::gather(Some(s.game.path())));
        commands.remove_resource::<Session>();
        next.set(Screen::Picker);
    }
    Ok(())
}

fn top_bar(ui: &mut egui::Ui, s: &mut Session, leave: &mut bool) {
    ui.horizontal_wrapped(|ui| {
        // The date and turn take the room of the widest of the game's dates and turns, so the
        // buttons after them stay put as the weeks go by: a button that moves while the
        // computer plays on is hard to hit.
        let cal = s.game.sim().calendar();
        let (turn, last, date) = (cal.turn.min(cal.last_turn), cal.last_turn, cal.date);
        let id = ui.id().with(("week_widths", s.game.path()));
        let widths = ui.data(|d| d.get_temp::<(f32, f32)>(id)).unwrap_or_else(|| {
            let widest = |texts: &mut dyn Iterator<Item = String>, style: egui::TextStyle| {
                let font = style.resolve(ui.style());
                texts
                    .map(|t| ui.painter().layout_no_wrap(t, font.clone(), egui::Color32::WHITE).size().x)
                    .fold(0.0, f32::max)
            };
            let w = (
                widest(&mut (1..=last).map(|k| cal.file.turn_start(k).long()), egui::TextStyle::Heading),
                widest(&mut (1..=last).map(|k| format!("Turn {k} of {last}")), egui::TextStyle::Body),
            );
            ui.data_mut(|d| d.insert_temp(id, w));
            w
        });
        ui.horizontal(|ui| {
            ui.set_min_width(widths.0);
            ui.heading(date.long());
        });
        ui.horizontal(|ui| {
            ui.set_min_width(widths.1);
            ui.label(format!("Turn {turn} of {last}"));
        });
        ui.separator();
        if s.game.is_over() {
            let outcome = crate::sim::victory::outcome(s.game.sim().world());
            ui.strong(format!("Game over: {}", outcome.key().replace('_', " ")));
        } else if let Some(camp) = s.game.open_phase() {
            ui.strong(format!("{} phase — yours", camp_name(camp)));
            if ui
                .button(egui::RichText::new("End Turn ▶").size(16.0))
                .on_hover_text("Finish your phase: the computer plays the other side, then the week's supply, production and Lend-Lease.")
                .clicked()
            {
                s.end_phase();
            }
        } else if s.game.player() == Player::Watch {
            let label = if s.watch.running { "Pause" } else { "Play" };
            if ui.button(label).clicked() {
                s.watch.running = !s.watch.running;
            }
            if ui.button("One week").clicked() {
                s.game.play_computer_week();
                s.refresh();
            }
            ui.add(
                egui::Slider::new(&mut s.watch.weeks_per_second, 0.25..=8.0)
                    .logarithmic(true)
                    .text("weeks a second"),
            );
            if ui.button("Take over as USSR").clicked() {
                s.game.set_player(Player::Ussr);
                s.refresh();
            }
            if ui.button("… as Germany").clicked() {
                s.game.set_player(Player::Germany);
                s.refresh();
            }
        }
        ui.separator();
        let mut overlay = s.map.overlay;
        egui::ComboBox::from_id_salt("overlay")
            .selected_text(match overlay {
                Overlay::Holders => "Map: who holds what",
                Overlay::Supply(Faction::Soviet) => "Map: Soviet supply",
                Overlay::Supply(Faction::Axis) => "Map: Axis supply",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut overlay, Overlay::Holders, "who holds what");
                ui.selectable_value(&mut overlay, Overlay::Supply(Faction::Soviet), "Soviet supply");
                ui.selectable_value(&mut overlay, Overlay::Supply(Faction::Axis), "Axis supply");
            });
        s.map.overlay = overlay;
        // Saving and leaving are seldom wanted: in a menu, so that the bar fits a 1280-pixel
        // window on one line in watch mode too.
        ui.menu_button("☰ Game", |ui| {
            ui.label("Save as:");
            ui.add(egui::TextEdit::singleline(&mut s.save_name).desired_width(200.0));
            if ui.button("Save").clicked() {
                let path = std::path::PathBuf::from(&s.save_name);
                match save_game(&mut s.game, &path) {
                    Ok(()) => s.say(format!("Saved to {}. Load it from the scenario list.", path.display())),
                    Err(e) => s.refuse(format!("Could not save: {e}")),
                }
                ui.close();
            }
            ui.separator();
            if ui.button("Back to the scenario list").on_hover_text("This game is lost unless saved").clicked() {
                *leave = true;
                ui.close();
            }
        });
    });
}

/// The week's weather by zone, at the head of the side panel under the date: on its own line,
/// where its changing length moves nothing (the top bar has no room for it at 1280 pixels).
fn weather_line(ui: &mut egui::Ui, s: &Session) {
    if let Some(w) = s.game.sim().world().get_resource::<Weather>() {
        let words: Vec<String> = Zone::ALL
            .iter()
            .zip(["north", "centre", "south"])
            .map(|(z, n)| format!("{n} {}", w.in_zone(*z).name()))
            .collect();
        ui.label(format!("Weather: {}", words.join(", ")));
    }
}

/// Hexes next to the selected units with enemies in them.
fn attack_targets(s: &Session) -> Vec<HexId> {
    let Some(camp) = s.game.open_phase() else {
        return Vec::new();
    };
    let map = &s.game.loaded().map;
    let mut out: Vec<HexId> = Vec::new();
    for id in &s.selected {
        let Some(u) = s.view.unit(id) else { continue };
        if u.camp() != camp || u.attacked {
            continue;
        }
        for &n in &map.neighbours[u.hex as usize] {
            if n != NO_HEX && s.view.in_hex(n).any(|e| e.camp() != camp) && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

fn hover_text(ui: &mut egui::Ui, s: &Session, h: HexId) {
    let map = &s.game.loaded().map;
    let i = h as usize;
    let holder = match s.view.owner.get(i).and_then(|o| o.side()) {
        Some(side) => s.game.loaded().scenario.sides.get(side).name.clone(),
        None => "nobody".into(),
    };
    let mut text = format!(
        "{} — {}, held by {holder}",
        map.describe(h),
        map.terrain[i].name()
    );
    let camp = s.viewer();
    if let Some(Some(level)) = s.view.supply_of(camp).get(i) {
        text.push_str(&format!("; {} supply: {}", camp_name(camp), level.word()));
    }
    let units: Vec<&str> = s.view.in_hex(h).map(|u| u.name.as_str()).collect();
    if !units.is_empty() {
        text.push_str(&format!("\n{}", units.join(", ")));
    }
    let r = ui.max_rect();
    let painter = ui.painter();
    let galley = painter.layout(
        text,
        egui::FontId::proportional(13.0),
        egui::Color32::WHITE,
        520.0,
    );
    let plate = egui::Align2::RIGHT_TOP
        .anchor_size(r.right_top() + egui::vec2(-8.0, 8.0), galley.size())
        .expand(4.0);
    painter.rect_filled(plate, 4.0, egui::Color32::from_black_alpha(200));
    painter.galley(
        plate.min + egui::vec2(4.0, 4.0),
        galley,
        egui::Color32::WHITE,
    );
}

/// Clicks on the map: select, move, attack.
fn handle(s: &mut Session, input: &MapInput) {
    if let Some((h, mods)) = input.clicked {
        select(s, h, mods.shift);
    }
    let Some((h, mods)) = input.right_clicked else {
        return;
    };
    let Some(camp) = s.game.open_phase() else {
        s.refuse("It is not your phase: you can look, not order.");
        return;
    };
    let mine: Vec<String> = s
        .selected
        .iter()
        .filter(|id| s.view.unit(id).is_some_and(|u| u.camp() == camp))
        .cloned()
        .collect();
    if mine.is_empty() {
        s.refuse(
            "Select one of your units first (left-click it), then right-click where it should go.",
        );
        return;
    }
    if s.view.in_hex(h).any(|u| u.camp() != camp) {
        let odds = s
            .game
            .preview_attack(&mine, h, false)
            .map_err(|r| r.to_string());
        s.pending = Some(PendingAttack {
            units: mine,
            target: h,
            air: false,
            odds,
        });
        return;
    }
    let rail = mods.ctrl || mods.command;
    let mut said = Vec::new();
    let mut refused = false;
    for id in mine {
        let action = if rail {
            Action::RailMove {
                unit: id.clone(),
                to: h,
            }
        } else {
            Action::Move {
                unit: id.clone(),
                to: h,
            }
        };
        let name = s.view.unit(&id).map_or(id.clone(), |u| u.name.clone());
        match s.game.act(action) {
            Ok(Outcome::Moved {
                cost, left, taken, ..
            }) => said.push(format!(
                "{name} moved ({cost} points, {left} left{})",
                if taken.is_empty() {
                    String::new()
                } else {
                    format!(", took {} hexes", taken.len())
                }
            )),
            Ok(Outcome::RailMoved { path, .. }) => said.push(format!(
                "{name} went by train through {} stations",
                path.len()
            )),
            Ok(_) => {}
            Err(r) => {
                refused = true;
                said.push(format!("{name}: {r}"));
            }
        }
    }
    s.refresh();
    if refused {
        s.refuse(said.join(". "));
    } else {
        s.say(said.join(". "));
    }
}

fn select(s: &mut Session, h: HexId, add: bool) {
    let here: Vec<String> = s.view.in_hex(h).map(|u| u.id.clone()).collect();
    if here.is_empty() {
        if !add {
            s.selected.clear();
        }
        return;
    }
    s.tab = Tab::Unit;
    if add {
        if let Some(id) = here.iter().find(|id| !s.selected.contains(id)) {
            s.selected.push(id.clone());
        }
        return;
    }
    // Clicking a stack again shows the next unit in it.
    let next = match s
        .selected
        .first()
        .and_then(|cur| here.iter().position(|x| x == cur))
    {
        Some(k) => here[(k + 1) % here.len()].clone(),
        None => here[0].clone(),
    };
    s.selected = vec![next];
}

fn attack_window(ctx: &egui::Context, s: &mut Session) {
    let map = s.game.loaded().map.clone();
    let retreat_at = s.game.loaded().scenario.rules.combat.retreat_at;
    let Some(p) = s.pending.as_mut() else { return };
    let mut open = true;
    let mut fight = false;
    let mut rethink = false;
    egui::Window::new(format!("Attack {}?", map.describe(p.target)))
        .collapsible(false)
        .open(&mut open)
        .show(ctx, |ui| {
            let names: Vec<String> = p
                .units
                .iter()
                .map(|id| s.view.unit(id).map_or(id.clone(), |u| u.name.clone()))
                .collect();
            ui.label(format!("Attackers: {}", names.join(", ")));
            let defenders: Vec<&str> = s.view.in_hex(p.target).map(|u| u.name.as_str()).collect();
            ui.label(format!("Defenders: {}", defenders.join(", ")));
            if ui.checkbox(&mut p.air, "with air support").changed() {
                rethink = true;
            }
            ui.separator();
            match &p.odds {
                Err(why) => {
                    ui.colored_label(
                        egui::Color32::from_rgb(240, 120, 100),
                        format!("Not possible: {why}"),
                    );
                }
                Ok(o) => {
                    odds_table(ui, o, retreat_at);
                    ui.add_space(6.0);
                    if ui
                        .button(egui::RichText::new("Attack").size(16.0))
                        .clicked()
                    {
                        fight = true;
                    }
                }
            }
        });
    if rethink {
        let (units, target, air) = (p.units.clone(), p.target, p.air);
        let odds = s
            .game
            .preview_attack(&units, target, air)
            .map_err(|r| r.to_string());
        if let Some(p) = s.pending.as_mut() {
            p.odds = odds;
        }
    }
    if fight {
        let p = s.pending.take().expect("the pending attack is there");
        match s.game.act(Action::Attack {
            units: p.units,
            target: p.target,
            air: p.air,
        }) {
            Ok(Outcome::Attacked(r)) => {
                let mut text = format!(
                    "Battle at {}: odds {:.2} after luck; attackers lost {} men, defenders {}",
                    map.describe(p.target),
                    r.battle.effective,
                    crate::words::thousands(r.attacker_men_lost as f64),
                    crate::words::thousands(r.defender_men_lost as f64)
                );
                if !r.retreated.is_empty() {
                    text.push_str(&format!("; {} fell back", r.retreated.len()));
                }
                if !r.destroyed.is_empty() {
                    text.push_str(&format!(
                        "; {} destroyed, {} prisoners",
                        r.destroyed.len(),
                        crate::words::thousands(r.prisoners as f64)
                    ));
                }
                if r.stood_fast {
                    text.push_str("; the defenders stood fast under no-retreat orders");
                }
                if let Some(a) = r.advanced {
                    text.push_str(&format!("; {a} advanced into the hex"));
                }
                s.say(text);
            }
            Ok(_) => {}
            Err(r) => s.refuse(r.to_string()),
        }
        s.refresh();
    } else if !open {
        s.pending = None;
    }
}

fn odds_table(ui: &mut egui::Ui, o: &crate::sim::combat::Odds, retreat_at: f64) {
    use crate::sim::combat::Role;
    egui::Grid::new("odds").striped(true).show(ui, |ui| {
        ui.strong("");
        ui.strong("Attack");
        ui.strong("Defence");
        ui.end_row();
        ui.label("men, tanks and guns");
        ui.label(format!("{:.1}", o.attack_base));
        ui.label(format!("{:.1}", o.defence_base));
        ui.end_row();
        for f in &o.factors {
            ui.label(format!("× {}", f.name));
            match f.role {
                Role::Attacker => {
                    ui.label(format!("{:.2}", f.value));
                    ui.label("");
                }
                Role::Defender => {
                    ui.label("");
                    ui.label(format!("{:.2}", f.value));
                }
            }
            ui.end_row();
        }
        ui.strong("total");
        ui.strong(format!("{:.1}", o.attack));
        ui.strong(format!("{:.1}", o.defence));
        ui.end_row();
    });
    ui.label(
        egui::RichText::new(format!("Odds {:.2} : 1", o.ratio))
            .size(18.0)
            .strong(),
    );
    ui.label(format!(
        "Luck moves the odds either way; at {retreat_at:.1} : 1 or more after luck the defenders fall back."
    ));
}

fn log(ui: &mut egui::Ui, s: &Session) {
    let entries = s.game.sim().log();
    if entries.is_empty() {
        ui.label("Nothing has happened yet.");
    }
    for e in entries.iter().rev().take(300) {
        ui.label(format!("{} — {}", e.date.long(), e.text));
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use bevy_egui::egui::Modifiers;

    use super::*;
    use crate::game::{Game, Player};

    fn session(player: Player) -> Session {
        let game = Game::start(Path::new("tests/data/mini.ron"), &[], 1, player)
            .unwrap_or_else(|f| panic!("{}", f.render()));
        Session::new(game)
    }

    fn click(s: &mut Session, hex: HexId) {
        let input = MapInput {
            clicked: Some((hex, Modifiers::NONE)),
            ..default()
        };
        handle(s, &input);
    }

    fn right_click(s: &mut Session, hex: HexId) {
        let input = MapInput {
            right_clicked: Some((hex, Modifiers::NONE)),
            ..default()
        };
        handle(s, &input);
    }

    fn hex_of(s: &Session, name: &str) -> HexId {
        s.view.units.iter().find(|u| u.name == name).unwrap().hex
    }

    #[test]
    fn click_selects_and_right_click_moves_the_selected_unit() {
        let mut s = session(Player::Germany);
        let from = hex_of(&s, "VII Corps");
        click(&mut s, from);
        let id = s
            .view
            .units
            .iter()
            .find(|u| u.name == "VII Corps")
            .unwrap()
            .id
            .clone();
        assert_eq!(s.selected, vec![id.clone()]);
        // Into an empty neighbouring hex of its own side's ground or beyond.
        let map = s.game.loaded().map.clone();
        let to = map
            .land_neighbours(from)
            .find(|&h| s.view.in_hex(h).next().is_none())
            .unwrap();
        right_click(&mut s, to);
        assert_eq!(s.view.unit(&id).unwrap().hex, to, "{:?}", s.status);
        assert!(
            matches!(&s.status, Some((t, false)) if t.contains("moved")),
            "{:?}",
            s.status
        );
        assert!(
            s.game
                .journal()
                .iter()
                .any(|e| matches!(e, crate::game::Entry::Act(_)))
        );
    }

    #[test]
    fn a_selected_unit_shows_where_it_can_go_and_every_such_move_is_accepted() {
        let mut s = session(Player::Germany);
        let from = hex_of(&s, "VII Corps");
        s.update_range();
        assert!(s.range.hexes.is_empty(), "nothing selected, no range");
        click(&mut s, from);
        s.update_range();
        let range = s.range.hexes.clone();
        assert!(!range.is_empty());
        assert_eq!(s.range.from, vec![from]);
        let made = s.range.generation;
        s.update_range();
        assert_eq!(
            s.range.generation, made,
            "worked out again only on a change"
        );
        // Each hex of the range takes the move, from the same start.
        let id = s.selected[0].clone();
        for &to in &range {
            let mut t = session(Player::Germany);
            let r = t.game.act(Action::Move {
                unit: id.clone(),
                to,
            });
            assert!(r.is_ok(), "{to}: {r:?}");
        }
        // Once moved as far as it goes, the range shrinks or empties.
        let far = *range
            .iter()
            .max_by_key(|&&h| s.game.loaded().map.distance(from, h))
            .unwrap();
        right_click(&mut s, far);
        s.update_range();
        assert!(s.range.generation > made);
        assert!(s.range.hexes.len() < range.len(), "{:?}", s.status);
        // Out of the person's phase there is none.
        let mut w = session(Player::Watch);
        click(&mut w, from);
        assert_eq!(w.selected, vec![id]);
        w.update_range();
        assert!(w.range.hexes.is_empty());
    }

    #[test]
    fn orders_out_of_phase_or_without_a_unit_are_refused_in_words() {
        let mut s = session(Player::Watch);
        right_click(&mut s, 0);
        assert!(
            matches!(&s.status, Some((t, true)) if t.contains("not your phase")),
            "{:?}",
            s.status
        );
        let mut s = session(Player::Germany);
        right_click(&mut s, 0);
        assert!(
            matches!(&s.status, Some((t, true)) if t.contains("Select one of your units")),
            "{:?}",
            s.status
        );
    }

    #[test]
    fn right_clicking_an_enemy_weighs_the_attack_first() {
        let mut s = session(Player::Germany);
        let corps = hex_of(&s, "XXIV Motorised Corps");
        let minsk = hex_of(&s, "13th Army");
        click(&mut s, corps);
        right_click(&mut s, minsk);
        let p = s.pending.as_ref().expect("an attack waits to be committed");
        assert_eq!(p.target, minsk);
        // Too far to attack: the window says why; nothing has been fought.
        assert!(
            p.odds.as_ref().is_err_and(|e| e.contains("is not next to")),
            "{:?}",
            p.odds.as_ref().err()
        );
        assert!(
            !s.game
                .journal()
                .iter()
                .any(|e| matches!(e, crate::game::Entry::Act(_)))
        );
    }
}
