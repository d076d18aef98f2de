//! Everything on screen (feature `gui`): the scenario picker, the game (map, counters,
//! overlays, panels, charts), the experiment screen, and screenshots. It reads the simulation
//! and sends it actions through [`crate::game::Game`]; it never writes simulation components
//! itself. Everything is drawn with egui except the map beneath it, which one shader paints
//! (map_ground.rs).

mod charts;
mod claims_panel;
mod counters;
mod economy_panel;
mod egui_shading;
mod experiment;
mod game_screen;
mod hex_data;
mod map_counters;
mod map_geometry;
mod map_ground;
mod map_lines;
mod map_shading;
mod map_still;
mod map_view;
mod pace;
mod picker;
mod reload;
mod screen;
mod session;
mod shot;
mod theme;
mod unit_panel;

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiPlugin, egui};

use crate::game::{Game, Player};
use crate::scenario::{Faction, load_scenario};
use crate::shot::{ShotOptions, ShotScreen};

const TITLE: &str = "Eastfront — the Eastern Front 1941–43";

/// The plugins of the game's screens.
struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(EguiPlugin::default())
            .insert_resource(ClearColor(Color::srgb_u8(
                theme::BACKGROUND.r(),
                theme::BACKGROUND.g(),
                theme::BACKGROUND.b(),
            )))
            .configure_sets(
                PostUpdate,
                MapMeshes
                    .after(bevy_egui::EguiPostUpdateSet::EndPass)
                    .before(bevy::transform::TransformSystems::Propagate),
            )
            .add_systems(Startup, camera)
            .add_plugins((
                screen::plugin,
                session::plugin,
                picker::plugin,
                game_screen::plugin,
                map_ground::plugin,
                pace::plugin,
                map_lines::plugin,
                map_counters::plugin,
                map_still::plugin,
                experiment::plugin,
                reload::plugin,
                shot::plugin,
                egui_shading::plugin,
            ));
    }
}

/// The systems that keep Bevy's map (ground, lines, counters, camera) in step with the map
/// egui laid out this frame: after egui's pass, so that both show the same view in the same
/// frame, and before transforms propagate, so that what they move is drawn where they put it.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
struct MapMeshes;

/// The camera that draws into the window (map_still.rs has another, drawing off screen).
#[derive(Component)]
struct WindowCamera;

fn camera(mut commands: Commands) {
    // Everything is drawn by egui, which smooths its own edges: multisampling would only
    // cost a software renderer four samples a pixel.
    commands.spawn((
        Name::new("Camera"),
        WindowCamera,
        Camera2d,
        Msaa::Off,
        // map_still.rs copies the map's picture into what this camera draws.
        bevy::camera::CameraMainTextureUsages::default()
            .with(bevy::render::render_resource::TextureUsages::COPY_DST),
    ));
}

/// `present_mode`: a person's window waits for the display; a screenshot, timing frames,
/// does not.
fn window_app(size: (u32, u32), present_mode: bevy::window::PresentMode) -> App {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: TITLE.into(),
            resolution: size.into(),
            present_mode,
            ..default()
        }),
        ..default()
    }))
    .add_plugins(UiPlugin);
    app
}

fn exit_code(exit: AppExit) -> i32 {
    match exit {
        AppExit::Success => 0,
        AppExit::Error(code) => i32::from(code.get()),
    }
}

/// Says why no window can open here, if it cannot: Linux and the BSDs need an X11 or
/// Wayland display, which winit would otherwise panic without.
fn no_display() -> Option<String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return None;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") || set("WAYLAND_SOCKET") {
        return None;
    }
    Some(
        "error: there is no display to open the game's window on (neither DISPLAY nor \
         WAYLAND_DISPLAY is set).\n\
         Run eastfront from a desktop session; on a machine without one, run it under \
         `xvfb-run -a`. The commands validate, inspect and run need no window."
            .into(),
    )
}

/// Turns the renderer's failures to start (no Vulkan driver, no display) into a message a
/// person can act on, instead of a panic's backtrace.
fn explain_window_failures() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let known = ["GPU", "adapter", "event loop", "surface", "Vulkan"];
        if known.iter().any(|k| text.contains(k)) {
            eprintln!(
                "error: the game's window could not open: {text}\n\
                 Eastfront draws with Vulkan. Install your graphics driver's Vulkan support, or \
                 Mesa's software renderer (Debian/Ubuntu: apt-get install mesa-vulkan-drivers \
                 libvulkan1). The commands validate, inspect and run need no window."
            );
        } else {
            default(info);
        }
    }));
}

/// Opens the game window on the scenario picker, with `scenario` chosen if given.
pub fn play(scenario: Option<PathBuf>) -> i32 {
    if let Some(why) = no_display() {
        eprintln!("{why}");
        return 2;
    }
    explain_window_failures();
    // A size most laptop screens hold, and what the frame time is measured at.
    let mut app = window_app((1280, 800), bevy::window::PresentMode::AutoVsync);
    app.insert_resource(pace::person())
        .insert_resource(picker::Picker::gather(scenario.as_deref()));
    exit_code(app.run())
}

/// Renders one screen without anyone at the keyboard, saves it, and exits.
pub fn screenshot(o: &ShotOptions) -> i32 {
    if !o
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        eprintln!("error: --out {}: name a .png file", o.out.display());
        return 2;
    }
    if let Some(dir) = o.out.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        eprintln!(
            "error: --out {}: there is no folder {}",
            o.out.display(),
            dir.display()
        );
        return 2;
    }
    let loaded = match load_scenario(&o.scenario) {
        Ok(l) => Arc::new(l),
        Err(f) => {
            eprintln!("{}", f.render());
            return 1;
        }
    };
    if let Some(why) = no_display() {
        eprintln!("{why}");
        return 2;
    }
    explain_window_failures();
    let mut app = window_app(o.size, bevy::window::PresentMode::AutoNoVsync);
    // An unfocused window (as under Xvfb) would otherwise barely redraw.
    app.insert_resource(WinitSettings::continuous())
        .insert_resource(shot::Shot::new(o.out.clone(), o.pan));
    if o.live {
        map_still::always_live(&mut app);
    }
    match o.screen {
        ShotScreen::Picker => {
            app.insert_resource(picker::Picker::gather(Some(&o.scenario)));
        }
        ShotScreen::Game => {
            let mut game = Game::new(loaded, o.seed, Player::Watch);
            for _ in 1..o.turn {
                game.play_computer_week();
            }
            // The student's view: the USSR's phase, after the Axis has moved.
            game.set_player(Player::Ussr);
            let mut s = session::Session::new(game);
            s.tab = o.tab;
            s.map.whole = o.whole_map;
            if o.supply {
                s.map.overlay = map_view::Overlay::Supply(Faction::Soviet);
            }
            // Show a Soviet unit that is short of supply, with the reason.
            let pick = s
                .view
                .units
                .iter()
                .filter(|u| u.camp() == Faction::Soviet)
                .min_by(|a, b| a.supply.received.total_cmp(&b.supply.received))
                .map(|u| u.id.clone());
            s.selected = pick.into_iter().collect();
            s.say(format!(
                "Turn {}: the Axis has moved (arrows). Your phase: click a unit, right-click to move or attack, End Turn when done.",
                o.turn
            ));
            app.insert_resource(s);
            go_to(&mut app, screen::Screen::Game);
        }
        ShotScreen::Experiment => {
            let s = &loaded.scenario;
            let mut e = experiment::ExperimentSetup::new(
                o.scenario.clone(),
                s.meta.title.clone(),
                s.variants
                    .iter()
                    .map(|v| (v.id.clone(), v.name.clone(), v.description.clone()))
                    .collect(),
                Vec::new(),
            );
            e.runs = o.runs as usize;
            e.seed = o.seed;
            e.start();
            app.insert_resource(e);
            go_to(&mut app, screen::Screen::Experiment);
        }
    }
    exit_code(app.run())
}

fn go_to(app: &mut App, to: screen::Screen) {
    app.world_mut()
        .resource_mut::<NextState<screen::Screen>>()
        .set(to);
}

/// A side or top panel's frame, unfilled: the window is cleared to egui's panel colour
/// already (theme::BACKGROUND), and a software renderer pays for every pixel painted twice.
/// The picker's two filled panels were a million pixels a frame, as many as the whole map.
fn side_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::side_top_panel(style).fill(egui::Color32::TRANSPARENT)
}

/// The central panel's frame, unfilled (see `side_frame`).
fn central_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::central_panel(style).fill(egui::Color32::TRANSPARENT)
}

/// A `Ui` covering the whole window, for the screens' panels to divide (egui 0.36 shows
/// panels inside a `Ui`).
fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}
