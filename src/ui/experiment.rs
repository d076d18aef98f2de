//! The experiment screen: choose variants and a number of campaigns, run them on background
//! threads with a progress bar (the window keeps drawing), then read how often each claim
//! held with its 95% interval, and histograms of the key measurements.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Bar, BarChart, Plot};

use super::picker::Picker;
use super::screen::Screen;
use crate::batch::{self, Arm, ClaimSummary, Experiment, Versus};
use crate::claims::stats::Spread;

/// The measurements drawn as histograms, with what they mean.
const KEY_METRICS: [(&str, &str); 5] = [
    (
        "axis_vp_share",
        "Share of Soviet victory points the Axis holds at the end",
    ),
    ("losses.ussr.men", "Soviet men lost"),
    ("losses.germany.men", "German men lost"),
    (
        "german_share_east",
        "German divisions in the East, share of all",
    ),
    ("lend_lease.tons.total", "Lend-Lease tons delivered"),
];

const BAR: egui::Color32 = egui::Color32::from_rgb(90, 150, 220);

struct Job {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    /// Set by Stop: the campaigns under way finish and no more start.
    stop: Arc<AtomicBool>,
    /// The campaigns' arms, None if stopped, or why the scenario would not load.
    result: Arc<Mutex<Option<Result<Option<Vec<Arm>>, String>>>>,
    started: Instant,
}

/// What the screen shows once a run is finished.
pub(super) struct Report {
    pub runs: usize,
    pub secs: f64,
    pub variants: Vec<String>,
    /// Claim text and record beside its summary.
    pub claims: Vec<(String, String, ClaimSummary)>,
    pub outcomes: Vec<(String, usize)>,
    pub histograms: Vec<(String, Vec<f64>, Option<Spread>)>,
}

#[derive(Resource)]
pub(super) struct ExperimentSetup {
    pub path: PathBuf,
    pub title: String,
    pub variants: Vec<(String, String, String)>,
    pub chosen: Vec<String>,
    pub runs: usize,
    /// The first campaign's seed; the others follow it.
    pub seed: u64,
    job: Option<Job>,
    pub report: Option<Report>,
    pub error: Option<String>,
    /// The last run was stopped before the end.
    stopped: bool,
}

impl ExperimentSetup {
    pub fn new(
        path: PathBuf,
        title: String,
        variants: Vec<(String, String, String)>,
        chosen: Vec<String>,
    ) -> Self {
        Self {
            path,
            title,
            variants,
            chosen,
            runs: 200,
            seed: 1,
            job: None,
            report: None,
            error: None,
            stopped: false,
        }
    }

    /// Starts the campaigns on background threads.
    pub fn start(&mut self) {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(self.runs));
        let result = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let e = Experiment {
            runs: self.runs,
            seed: self.seed,
            variants: self.chosen.clone(),
            threads: std::thread::available_parallelism().map_or(1, usize::from),
        };
        let (d, t, r, halt, path) = (
            done.clone(),
            total.clone(),
            result.clone(),
            stop.clone(),
            self.path.clone(),
        );
        std::thread::spawn(move || {
            let progress = |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            };
            let out = batch::play_until(&path, &e, &progress, &halt).map_err(|f| f.render());
            if let Ok(mut slot) = r.lock() {
                *slot = Some(out);
            }
        });
        self.error = None;
        self.report = None;
        self.stopped = false;
        self.job = Some(Job {
            done,
            total,
            stop,
            result,
            started: Instant::now(),
        });
    }

    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Asks the run in progress to stop; its results are not kept.
    pub fn stop(&mut self) {
        if let Some(job) = &self.job {
            job.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Whether Stop has been asked of the run in progress.
    fn stopping(&self) -> bool {
        self.job
            .as_ref()
            .is_some_and(|j| j.stop.load(Ordering::Relaxed))
    }

    /// Done and total campaigns of the run in progress.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(|j| {
            (
                j.done.load(Ordering::Relaxed),
                j.total.load(Ordering::Relaxed).max(1),
            )
        })
    }

    /// Takes the finished run's results, if it has finished.
    pub fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        let finished = job.result.lock().ok().and_then(|mut r| r.take());
        let Some(out) = finished else { return };
        let secs = job.started.elapsed().as_secs_f64();
        self.job = None;
        match out {
            Ok(Some(arms)) => self.report = Some(report(&arms, secs)),
            Ok(None) => self.stopped = true,
            Err(e) => self.error = Some(e),
        }
    }
}

fn report(arms: &[Arm], secs: f64) -> Report {
    let base = &arms[0];
    let scenario = &base.loaded.scenario;
    let summaries = batch::summarise_claims(arms);
    let claims = scenario
        .claims
        .iter()
        .zip(summaries)
        .map(|(c, s)| (c.text.clone(), c.record.clone(), s))
        .collect();
    let mut outcomes: Vec<(String, usize)> = Vec::new();
    for r in &base.runs {
        let o = r.outcome().to_string();
        match outcomes.iter_mut().find(|(k, _)| *k == o) {
            Some((_, n)) => *n += 1,
            None => outcomes.push((o, 1)),
        }
    }
    outcomes.sort();
    let spreads = batch::summarise_metrics(&base.runs);
    let histograms = KEY_METRICS
        .iter()
        .map(|(m, label)| {
            let values: Vec<f64> = base
                .runs
                .iter()
                .filter_map(|r| r.numbers().get(m).copied())
                .collect();
            (label.to_string(), values, spreads.get(*m).copied())
        })
        .collect();
    Report {
        runs: base.runs.len(),
        secs,
        variants: base.variants.clone(),
        claims,
        outcomes,
        histograms,
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Experiment))
            .run_if(resource_exists::<ExperimentSetup>),
    );
}

fn draw(
    mut contexts: EguiContexts,
    mut setup: ResMut<ExperimentSetup>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    // While campaigns run the bar moves at the window's resting pace (ui/mod.rs): asking
    // egui for more would draw continuously and take the campaigns' time.
    setup.poll();
    let mut root = super::root_ui(ctx);
    let e = &mut *setup;
    let mut back = false;
    egui::Panel::left("experiment_setup")
        .frame(super::side_frame(root.style()))
        .resizable(false)
        .exact_size(340.0)
        .show(&mut root, |ui| {
            ui.add_space(6.0);
            ui.heading("Experiment");
            ui.label(&e.title);
            ui.label("Play the campaign many times, the computer on both sides, each with its own seed; then see how often each claim held.");
            ui.separator();
            ui.strong("Variants (applied to every campaign)");
            let variants = e.variants.clone();
            for (id, name, description) in &variants {
                let mut on = e.chosen.contains(id);
                if ui.add_enabled(!e.running(), egui::Checkbox::new(&mut on, name)).on_hover_text(description).changed() {
                    if on {
                        e.chosen.push(id.clone());
                    } else {
                        e.chosen.retain(|v| v != id);
                    }
                }
            }
            ui.small("Claims that compare variants (\"without Lend-Lease…\") also play the same seeds with those variants.");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label("Campaigns");
                ui.add_enabled(!e.running(), egui::DragValue::new(&mut e.runs).range(10..=5000));
            });
            ui.horizontal(|ui| {
                ui.label("First seed");
                ui.add_enabled(!e.running(), egui::DragValue::new(&mut e.seed).range(0..=u64::MAX));
            })
            .response
            .on_hover_text("Campaign k plays seed first + k: the same seeds give the same results.");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.add_enabled(!e.running(), egui::Button::new(egui::RichText::new("Run").size(18.0))).clicked() {
                    e.start();
                }
                if e.running() && ui.add_enabled(!e.stopping(), egui::Button::new("Stop")).clicked() {
                    e.stop();
                }
            });
            if let Some((done, total)) = e.progress() {
                let share = done as f32 / total as f32;
                // The count in words: egui's percentage would replace the text, not join it.
                let text = if e.stopping() {
                    format!("stopping after {done} of {total} campaigns")
                } else {
                    format!("{done} of {total} campaigns ({:.0}%)", share * 100.0)
                };
                ui.add(egui::ProgressBar::new(share).text(text));
            }
            if e.stopped {
                ui.label("Stopped: the campaigns played are not counted. Run again to start over.");
            }
            if let Some(err) = &e.error {
                ui.colored_label(egui::Color32::from_rgb(240, 120, 100), err);
            }
            ui.separator();
            if ui.add_enabled(!e.running(), egui::Button::new("Back to the scenarios")).clicked() {
                back = true;
            }
        });
    egui::CentralPanel::default_margins()
        .frame(super::central_frame(root.style()))
        .show(&mut root, |ui| {
        let Some(r) = &e.report else {
            ui.heading("No results yet");
            ui.label("Choose variants and the number of campaigns, then Run. A few hundred campaigns take a minute or two; the bar shows how far along they are.");
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(format!(
                "{} campaigns{} in {:.0} s",
                r.runs,
                if r.variants.is_empty() { String::new() } else { format!(" with {}", r.variants.join(" + ")) },
                r.secs
            ));
            let outcomes: Vec<String> = r.outcomes.iter().map(|(o, n)| format!("{} {}", o.replace('_', " "), n)).collect();
            ui.label(format!("Outcomes: {}", outcomes.join(", ")));
            ui.separator();
            ui.strong("Claims: how often each held, with its 95% interval");
            // A claim to a line that wraps, its result beneath: fits any window's width.
            for (text, record, c) in &r.claims {
                ui.add(egui::Label::new(egui::RichText::new(text).strong()).wrap())
                    .on_hover_text(record);
                ui.horizontal(|ui| {
                    interval_bar(ui, c);
                    let result = match (c.versus, c.difference) {
                        (Some(Versus::AlreadyApplied), _) => {
                            "not judged: its variants are already in every campaign".to_string()
                        }
                        (Some(v), Some((d, (lo, hi)))) => {
                            format!("{}: difference {:+.3} [{:+.3}, {:+.3}]", v.word(), d, lo, hi)
                        }
                        (Some(v), None) => v.word().to_string(),
                        (None, _) => format!(
                            "held in {} of {} ({:.0}%), ci95 [{:.0}%, {:.0}%]",
                            c.held,
                            c.judged,
                            c.share() * 100.0,
                            c.ci95.0 * 100.0,
                            c.ci95.1 * 100.0
                        ),
                    };
                    ui.add(egui::Label::new(result).wrap());
                });
                ui.add_space(2.0);
            }
            ui.small("Hover a claim for what the historical record says.");
            ui.separator();
            for (label, values, spread) in &r.histograms {
                if values.is_empty() {
                    continue;
                }
                ui.strong(label);
                if let Some(s) = spread {
                    ui.small(format!(
                        "mean {} · 5th percentile {} · median {} · 95th percentile {}",
                        number(s.mean),
                        number(s.p5),
                        number(s.p50),
                        number(s.p95)
                    ));
                }
                histogram(ui, label, values);
            }
        });
    });
    if back {
        commands.insert_resource(Picker::gather(Some(&e.path)));
        next.set(Screen::Picker);
    }
    Ok(())
}

/// Large numbers with separators, shares with three decimals.
fn number(x: f64) -> String {
    if x.abs() >= 1000.0 {
        crate::words::thousands(x)
    } else {
        format!("{x:.3}")
    }
}

/// A bar from 0 to 100% with the interval shaded and the share marked.
fn interval_bar(ui: &mut egui::Ui, c: &ClaimSummary) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(160.0, 14.0), egui::Sense::hover());
    let p = ui.painter();
    p.rect_filled(rect, 2.0, egui::Color32::from_gray(60));
    if c.versus.is_some() || c.judged == 0 {
        return;
    }
    let x = |v: f64| rect.left() + rect.width() * v.clamp(0.0, 1.0) as f32;
    let band = egui::Rect::from_x_y_ranges(x(c.ci95.0)..=x(c.ci95.1), rect.y_range());
    p.rect_filled(band, 2.0, BAR);
    p.line_segment(
        [
            egui::pos2(x(c.share()), rect.top()),
            egui::pos2(x(c.share()), rect.bottom()),
        ],
        egui::Stroke::new(2.0, egui::Color32::WHITE),
    );
}

fn histogram(ui: &mut egui::Ui, id: &str, values: &[f64]) {
    let lo = values.iter().copied().fold(f64::MAX, f64::min);
    let hi = values.iter().copied().fold(f64::MIN, f64::max);
    let bins = 20usize;
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let mut counts = vec![0usize; bins];
    for v in values {
        let k = (((v - lo) / width) as usize).min(bins - 1);
        counts[k] += 1;
    }
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(k, n)| {
            Bar::new(lo + width * (k as f64 + 0.5), *n as f64)
                .width(width * 0.95)
                .fill(BAR)
                .stroke(egui::Stroke::new(
                    1.0,
                    egui::Color32::from_rgb(200, 220, 250),
                ))
        })
        .collect();
    // No filled background: the panel's colour shows through, and a software renderer
    // paints a plot's area once instead of twice.
    Plot::new(id)
        .height(140.0)
        .show_background(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("campaigns", bars).color(BAR));
        });
    ui.add_space(6.0);
}
