//! Experiments (DESIGN.md: Claims and experiments): many seeded AI-vs-AI campaigns played in
//! parallel, each judged on the scenario's claims, then summed up: how often each claim held
//! with its 95% interval, the spread of each measurement, and for claims that compare
//! variants, the difference and its interval.
//!
//! Each campaign is a whole `Simulation` of its own, built inside its task (a Bevy `App` is
//! not `Send`), with seed `seed + i`; results are gathered in seed order, so they are the same
//! whatever the number of threads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::claims::{self, Run, Verdict, stats};
use crate::scenario::claim_file::Test;
use crate::scenario::{LoadFailure, Loaded, load_scenario_with};
use crate::sim::Simulation;

/// What to play.
#[derive(Debug, Clone)]
pub struct Experiment {
    pub runs: usize,
    pub seed: u64,
    /// Variants merged over the scenario for every run.
    pub variants: Vec<String>,
    pub threads: usize,
}

/// One campaign as the report keeps it.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub seed: u64,
    pub state_hash: String,
    /// The measurements at the end: the last week's numbers and what is taken once.
    pub last: Map<String, Value>,
    /// One per claim, in the scenario's order.
    pub verdicts: Vec<Verdict>,
}

impl RunResult {
    pub fn outcome(&self) -> &str {
        self.last["outcome"].as_str().unwrap_or("?")
    }

    /// The numbers among its measurements (yes/no as 1/0), for spreads and the CSV.
    pub fn numbers(&self) -> BTreeMap<&str, f64> {
        self.last
            .iter()
            .filter_map(|(k, v)| match v {
                Value::Number(n) => n.as_f64().map(|x| (k.as_str(), x)),
                Value::Bool(b) => Some((k.as_str(), f64::from(u8::from(*b)))),
                _ => None,
            })
            .collect()
    }
}

/// The runs of one set of variants.
#[derive(Debug, Clone)]
pub struct Arm {
    pub variants: Vec<String>,
    pub loaded: Arc<Loaded>,
    pub runs: Vec<RunResult>,
}

/// What claims read at the end of a game: what is taken once (`outcome`, `captured.*`), and
/// the last week's numbers.
pub fn measurements_at_end(sim: &Simulation) -> Map<String, Value> {
    let mut last = crate::sim::victory::final_measurements(sim.world());
    if let Some(r) = sim.records().last() {
        for (k, v) in &r.values {
            last.entry(k.clone()).or_insert_with(|| (*v).into());
        }
    }
    last
}

/// Plays one campaign to its end and judges it.
pub fn play_one(loaded: &Arc<Loaded>, seed: u64) -> RunResult {
    let mut sim = Simulation::new(loaded.clone(), seed);
    while !sim.is_over() {
        sim.play_turn();
    }
    let last = measurements_at_end(&sim);
    let verdicts = {
        let run = Run {
            records: sim.records(),
            last: &last,
            stopped: None,
        };
        loaded
            .scenario
            .claims
            .iter()
            .map(|c| claims::judge(c, &run))
            .collect()
    };
    RunResult {
        seed,
        state_hash: format!("{:016x}", sim.state_hash()),
        last,
        verdicts,
    }
}

/// Plays the experiment: the chosen variants, and for every claim that compares variants, the
/// same seeds with those variants added. `progress` hears of each finished campaign.
pub fn play(
    path: &Path,
    e: &Experiment,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Arm>, LoadFailure> {
    let never = AtomicBool::new(false);
    Ok(play_until(path, e, progress, &never)?.expect("never stopped"))
}

/// As `play`, until `stop` is set: then the campaigns under way finish, no more start, and
/// the result is None.
pub fn play_until(
    path: &Path,
    e: &Experiment,
    progress: &(dyn Fn(usize, usize) + Sync),
    stop: &AtomicBool,
) -> Result<Option<Vec<Arm>>, LoadFailure> {
    let base = Arc::new(load_scenario_with(path, &e.variants)?);
    let mut arm_variants: Vec<Vec<String>> = vec![e.variants.clone()];
    arm_variants.extend(compared_arms(&e.variants, &base.scenario.claims));
    let mut loaded = vec![base];
    for v in &arm_variants[1..] {
        loaded.push(Arc::new(load_scenario_with(path, v)?));
    }
    Ok(play_loaded_until(
        arm_variants.into_iter().zip(loaded).collect(),
        e,
        progress,
        stop,
    ))
}

/// Plays `e.runs` campaigns of each loaded scenario (each with the variants it was loaded
/// with), from seed `e.seed` on, on `e.threads` threads.
pub fn play_loaded(
    arms: Vec<(Vec<String>, Arc<Loaded>)>,
    e: &Experiment,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Arm> {
    let never = AtomicBool::new(false);
    play_loaded_until(arms, e, progress, &never).expect("never stopped")
}

fn play_loaded_until(
    arms: Vec<(Vec<String>, Arc<Loaded>)>,
    e: &Experiment,
    progress: &(dyn Fn(usize, usize) + Sync),
    stop: &AtomicBool,
) -> Option<Vec<Arm>> {
    let (arm_variants, loaded): (Vec<Vec<String>>, Vec<Arc<Loaded>>) = arms.into_iter().unzip();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(e.threads.max(1))
        .build()
        .expect("a thread pool of this size can be built");
    let total = e.runs * loaded.len();
    let done = AtomicUsize::new(0);
    let jobs: Vec<(usize, u64)> = (0..loaded.len())
        .flat_map(|a| (0..e.runs as u64).map(move |i| (a, i)))
        .collect();
    let results: Option<Vec<(usize, RunResult)>> = pool.install(|| {
        jobs.par_iter()
            .map(|&(a, i)| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                let r = play_one(&loaded[a], e.seed.wrapping_add(i));
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                Some((a, r))
            })
            .collect()
    });
    let results = results.filter(|_| !stop.load(Ordering::Relaxed))?;
    let mut arms: Vec<Arm> = arm_variants
        .into_iter()
        .zip(loaded)
        .map(|(variants, loaded)| Arm {
            variants,
            loaded,
            runs: Vec::with_capacity(e.runs),
        })
        .collect();
    for (a, r) in results {
        arms[a].runs.push(r);
    }
    Some(arms)
}

/// One claim over the experiment.
#[derive(Debug, Clone)]
pub struct ClaimSummary {
    pub id: String,
    pub judged: usize,
    pub held: usize,
    pub ci95: (f64, f64),
    /// For a comparison of variants: the difference of the means and its interval.
    pub difference: Option<(f64, (f64, f64))>,
    /// For a comparison of variants: what the interval says.
    pub versus: Option<Versus>,
}

/// What the runs say of a comparison of variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versus {
    /// The whole 95% interval of the difference passes the test.
    Held,
    /// None of it does.
    Failed,
    /// The interval straddles the bound: more runs may tell.
    CannotTell,
    /// The variants compared with are already in every run.
    AlreadyApplied,
}

impl Versus {
    pub fn word(self) -> &'static str {
        match self {
            Versus::Held => "held",
            Versus::Failed => "did not hold",
            Versus::CannotTell => "cannot tell yet",
            Versus::AlreadyApplied => "not judged",
        }
    }
}

impl ClaimSummary {
    pub fn share(&self) -> f64 {
        if self.judged == 0 {
            0.0
        } else {
            self.held as f64 / self.judged as f64
        }
    }
}

fn metric_values(runs: &[RunResult], metric: &str) -> Vec<f64> {
    runs.iter()
        .filter_map(|r| r.last.get(metric).and_then(claims::as_number))
        .collect()
}

/// The variants a comparison of `compared` plays beside `base`: the base's and then those it
/// lacks. None when the base already has them all, and the comparison cannot be made.
fn with_compared(base: &[String], compared: &[String]) -> Option<Vec<String>> {
    let mut v = base.to_vec();
    for c in compared {
        if !v.contains(c) {
            v.push(c.clone());
        }
    }
    (v.len() > base.len()).then_some(v)
}

/// The sets of variants that the claims' comparisons need played beside `base`, each once.
pub fn compared_arms(
    base: &[String],
    claims: &[crate::scenario::claim_file::Claim],
) -> Vec<Vec<String>> {
    let mut arms: Vec<Vec<String>> = Vec::new();
    for c in claims {
        if let Test::Versus { variants, .. } = &c.test
            && let Some(v) = with_compared(base, variants)
            && !arms.contains(&v)
        {
            arms.push(v);
        }
    }
    arms
}

pub fn summarise_claims(arms: &[Arm]) -> Vec<ClaimSummary> {
    let base = &arms[0];
    base.loaded
        .scenario
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if let Test::Versus {
                variants,
                metric,
                difference,
            } = &c.test
            {
                let Some(want) = with_compared(&base.variants, variants) else {
                    return ClaimSummary {
                        id: c.id.clone(),
                        judged: 0,
                        held: 0,
                        ci95: (0.0, 1.0),
                        difference: None,
                        versus: Some(Versus::AlreadyApplied),
                    };
                };
                let other = arms.iter().find(|a| a.variants == want);
                let diff = other.and_then(|o| {
                    let (a, b) = (
                        metric_values(&base.runs, metric),
                        metric_values(&o.runs, metric),
                    );
                    if stats::is_rate(&a) && stats::is_rate(&b) {
                        stats::rate_difference(&a, &b)
                    } else {
                        stats::difference(&a, &b)
                    }
                });
                let versus = diff.map(|(_, (lo, hi))| match difference.interval(lo, hi) {
                    Some(true) => Versus::Held,
                    Some(false) => Versus::Failed,
                    None => Versus::CannotTell,
                });
                return ClaimSummary {
                    id: c.id.clone(),
                    judged: usize::from(diff.is_some()),
                    held: usize::from(versus == Some(Versus::Held)),
                    ci95: diff.map_or((0.0, 1.0), |(_, ci)| ci),
                    difference: diff,
                    versus,
                };
            }
            let verdicts: Vec<bool> = base
                .runs
                .iter()
                .filter_map(|r| r.verdicts[i].held())
                .collect();
            let held = verdicts.iter().filter(|&&h| h).count();
            ClaimSummary {
                id: c.id.clone(),
                judged: verdicts.len(),
                held,
                ci95: stats::wilson(held, verdicts.len()),
                difference: None,
                versus: None,
            }
        })
        .collect()
}

/// Every numeric measurement's spread over the runs.
pub fn summarise_metrics(runs: &[RunResult]) -> BTreeMap<String, stats::Spread> {
    let numbers: Vec<BTreeMap<&str, f64>> = runs.iter().map(RunResult::numbers).collect();
    let mut by_name: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for nums in &numbers {
        for (k, v) in nums {
            by_name.entry(k).or_default().push(*v);
        }
    }
    by_name
        .into_iter()
        .filter_map(|(n, v)| stats::spread(&v).map(|s| (n.to_string(), s)))
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The report as JSON: `scenario`, `variant`, `runs`, `seed`, `results`, `claims`, `metrics`.
pub fn to_json(arms: &[Arm], e: &Experiment) -> Value {
    let base = &arms[0];
    let s = &base.loaded.scenario;
    let results: Vec<Value> = base
        .runs
        .iter()
        .map(|r| {
            let verdicts: Map<String, Value> = s
                .claims
                .iter()
                .zip(&r.verdicts)
                .map(|(c, v)| (c.id.clone(), v.held().map_or(Value::Null, Value::Bool)))
                .collect();
            json!({
                "seed": r.seed,
                "outcome": r.outcome(),
                "state_hash": r.state_hash,
                "claims": verdicts,
                "pockets": r.last.get("pockets").cloned().unwrap_or(Value::Null),
                "measurements": r.last.iter().filter(|(k, _)| *k != "pockets").map(|(k, v)| (k.clone(), v.clone())).collect::<Map<String, Value>>(),
            })
        })
        .collect();
    let claims: Vec<Value> = s
        .claims
        .iter()
        .zip(summarise_claims(arms))
        .map(|(c, sum)| {
            let mut v = json!({
                "id": c.id,
                "text": c.text,
                "origin": c.origin,
                "record": c.record,
                "sources": c.sources.iter().map(|id| {
                    s.meta.sources.iter().find(|x| &x.id == id).map_or_else(|| id.clone(), |x| x.cite.clone())
                }).collect::<Vec<_>>(),
                "test": claims::describe(&c.test),
                "runs": sum.judged,
                "held": sum.held,
                "share": round3(sum.share()),
                "ci95": [round3(sum.ci95.0), round3(sum.ci95.1)],
            });
            if let Some(vs) = sum.versus {
                // A comparison is one verdict over two sets of runs, not a share of runs.
                let m = v.as_object_mut().expect("an object");
                m.remove("held");
                m.remove("share");
                m.insert("runs".into(), e.runs.into());
                m.insert("verdict".into(), vs.word().into());
                match sum.difference {
                    Some((d, (lo, hi))) => {
                        m.insert("difference".into(), round3(d).into());
                        m.insert("ci95".into(), json!([round3(lo), round3(hi)]));
                    }
                    None => {
                        m.insert("ci95".into(), Value::Null);
                    }
                }
            }
            v
        })
        .collect();
    let metrics: Map<String, Value> = summarise_metrics(&base.runs)
        .into_iter()
        .map(|(k, sp)| {
            (
                k,
                json!({"mean": round3(sp.mean), "p5": round3(sp.p5), "p50": round3(sp.p50), "p95": round3(sp.p95)}),
            )
        })
        .collect();
    json!({
        "scenario": s.meta.title,
        "variant": base.variants,
        "runs": e.runs,
        "seed": e.seed,
        "results": results,
        "claims": claims,
        "metrics": metrics,
    })
}

/// One row per run, one column per measurement (and per claim's verdict).
pub fn to_csv(arms: &[Arm]) -> String {
    let base = &arms[0];
    let claims = &base.loaded.scenario.claims;
    let names: BTreeSet<&str> = base
        .runs
        .iter()
        .flat_map(|r| r.numbers().into_keys())
        .collect();
    let words: BTreeSet<&str> = base
        .runs
        .iter()
        .flat_map(|r| {
            r.last
                .iter()
                .filter(|(k, v)| v.is_string() || (v.is_null() && k.contains('.')))
                .map(|(k, _)| k.as_str())
        })
        .collect();
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let mut header = vec!["seed".to_string(), "state_hash".to_string()];
    header.extend(claims.iter().map(|c| quote(&format!("claim.{}", c.id))));
    header.extend(words.iter().map(|w| quote(w)));
    header.extend(names.iter().map(|n| quote(n)));
    out.push_str(&header.join(","));
    out.push('\n');
    for r in &base.runs {
        let nums = r.numbers();
        let mut row = vec![r.seed.to_string(), r.state_hash.clone()];
        row.extend(r.verdicts.iter().map(|v| match v.held() {
            Some(true) => "1".to_string(),
            Some(false) => "0".to_string(),
            None => String::new(),
        }));
        row.extend(words.iter().map(|w| {
            r.last
                .get(*w)
                .and_then(Value::as_str)
                .map(quote)
                .unwrap_or_default()
        }));
        row.extend(
            names
                .iter()
                .map(|n| nums.get(n).map_or(String::new(), |v| v.to_string())),
        );
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
