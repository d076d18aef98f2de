//! `eastfront screenshot`: sets a screen up without anyone at the keyboard, lets it draw,
//! times the frames, saves the window to a PNG and exits.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::experiment::ExperimentSetup;
use super::session::Session;

/// Frames drawn before timing starts: fonts, textures and the first layout settle.
const WARM_UP: u32 = 20;
/// Frames timed.
const TIMED: u32 = 60;
/// Frames to wait for a capture before giving up.
const PATIENCE: u32 = 1200;

#[derive(Resource)]
pub(super) struct Shot {
    pub out: PathBuf,
    /// Pixels the map is dragged each timed frame.
    pub pan: f32,
    frames: u32,
    times: Vec<f32>,
    waiting: u32,
    asked: bool,
    /// The process's CPU time when timing began, seconds (Linux only).
    cpu_at_start: Option<f64>,
    cpu_per_frame_ms: Option<f64>,
    /// The capture's result: None until it is saved or fails.
    saved: Arc<Mutex<Option<Result<(), String>>>>,
}

impl Shot {
    pub fn new(out: PathBuf, pan: f32) -> Self {
        Self {
            out,
            pan,
            frames: 0,
            times: Vec::new(),
            waiting: 0,
            asked: false,
            cpu_at_start: None,
            cpu_per_frame_ms: None,
            saved: Arc::new(Mutex::new(None)),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, step.run_if(resource_exists::<Shot>));
}

fn step(
    mut shot: ResMut<Shot>,
    time: Res<Time>,
    experiment: Option<ResMut<ExperimentSetup>>,
    session: Option<ResMut<Session>>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    // The experiment screen is pictured with its results, once its campaigns are done.
    if let Some(mut e) = experiment {
        e.poll();
        if e.running() {
            return;
        }
    }
    shot.frames += 1;
    if shot.frames <= WARM_UP {
        return;
    }
    if shot.times.is_empty() {
        shot.cpu_at_start = cpu_seconds();
    }
    if shot.times.len() < TIMED as usize {
        shot.times.push(time.delta_secs() * 1000.0);
        // Back and forth, a second each way, so that the map stays in view.
        let way = if (shot.times.len() / 30).is_multiple_of(2) {
            1.0
        } else {
            -1.0
        };
        if shot.pan > 0.0
            && let Some(cam) = session.and_then(|s| s.into_inner().map.camera.as_mut())
        {
            cam.pan(bevy_egui::egui::vec2(way * shot.pan, 0.0));
        }
        if shot.times.len() == TIMED as usize {
            shot.cpu_per_frame_ms = shot
                .cpu_at_start
                .zip(cpu_seconds())
                .map(|(a, b)| (b - a) * 1000.0 / f64::from(TIMED));
        }
        return;
    }
    if !shot.asked {
        shot.asked = true;
        let path = shot.out.clone();
        let saved = shot.saved.clone();
        commands
            .spawn((Name::new("Screenshot"), Screenshot::primary_window()))
            .observe(move |ev: On<ScreenshotCaptured>| {
                let result = ev
                    .image
                    .clone()
                    .try_into_dynamic()
                    .map_err(|e| format!("the window's picture cannot be converted: {e}"))
                    .and_then(|img| {
                        img.to_rgb8()
                            .save(&path)
                            .map_err(|e| format!("{}: {e}", path.display()))
                    });
                if let Ok(mut s) = saved.lock() {
                    *s = Some(result);
                }
            });
        return;
    }
    let result = shot.saved.lock().ok().and_then(|mut s| s.take());
    match result {
        Some(Ok(())) => {
            let mut t = shot.times.clone();
            t.sort_by(f32::total_cmp);
            let mean = t.iter().sum::<f32>() / t.len() as f32;
            let p95 = t[(t.len() * 95 / 100).min(t.len() - 1)];
            // CPU time a frame, over all threads (the software renderer's included), says what
            // a frame costs even when other work shares the machine.
            let cpu = shot
                .cpu_per_frame_ms
                .map_or(String::new(), |c| format!("; CPU {c:.1} ms a frame"));
            println!(
                "saved {}; frame time over {} frames: mean {mean:.1} ms, 95th percentile {p95:.1} ms, worst {:.1} ms{cpu}",
                shot.out.display(),
                t.len(),
                t[t.len() - 1]
            );
            exit.write(AppExit::Success);
        }
        Some(Err(e)) => {
            eprintln!("error: could not save the screenshot: {e}");
            exit.write(AppExit::error());
        }
        None => {
            shot.waiting += 1;
            if shot.waiting > PATIENCE {
                eprintln!(
                    "error: the window's picture never arrived after {PATIENCE} frames; is a display (or xvfb-run) there?"
                );
                exit.write(AppExit::error());
            }
        }
    }
}

/// This process's user and system CPU time so far, from /proc (Linux); None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let (utime, stime): (f64, f64) = (f.get(11)?.parse().ok()?, f.get(12)?.parse().ok()?);
    // Linux reports clock ticks, 100 a second on every platform Rust targets there.
    Some((utime + stime) / 100.0)
}
