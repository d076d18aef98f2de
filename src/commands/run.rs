//! `eastfront run SCENARIO`: plays the scenario without a window and reports each turn.

use std::path::Path;
use std::sync::Arc;

use serde_json::json;

use super::{Format, thousands};
use crate::scenario::{Side, load_scenario_with};
use crate::sim::Simulation;

/// What `eastfront run` was asked for.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub seed: u64,
    pub turns: Option<u32>,
    pub units: bool,
    pub map: bool,
    /// Variants of the scenario to merge over it, in order.
    pub variants: Vec<String>,
}

pub fn run(path: &Path, format: Format, options: &RunOptions) -> i32 {
    let RunOptions {
        seed,
        turns,
        units,
        map,
        ref variants,
    } = *options;
    let loaded = match load_scenario_with(path, variants) {
        Ok(l) => Arc::new(l),
        Err(f) => {
            eprintln!("{}", f.render());
            return 1;
        }
    };
    let total = loaded.scenario.calendar.turns();
    let to_play = turns.unwrap_or(total).min(total);
    let mut sim = Simulation::new(loaded.clone(), seed);
    let mut printed_log = 0;
    if format == Format::Text {
        let with = if variants.is_empty() {
            String::new()
        } else {
            format!(" — variant {}", variants.join(" + "))
        };
        println!(
            "{}{with} — seed {seed}, {to_play} of {total} turns",
            loaded.scenario.meta.title
        );
    }
    for _ in 0..to_play {
        if sim.is_over() {
            break;
        }
        sim.play_turn();
        if format == Format::Text {
            let r = sim.records().last().expect("a turn was recorded");
            let sides: Vec<String> = Side::ALL
                .iter()
                .map(|s| {
                    let k = s.key();
                    format!(
                        "{k} {} men {} tanks",
                        thousands(r.values[&format!("men.{k}")]),
                        thousands(r.values[&format!("tanks.{k}")])
                    )
                })
                .collect();
            let w = |z: &str| r.weather.get(z).map_or("?", String::as_str);
            println!(
                "Turn {:>3}  {:<11}  {}  | weather N/C/S: {}/{}/{}",
                r.turn,
                r.date.long(),
                sides.join(" | "),
                w("north"),
                w("centre"),
                w("south")
            );
            for e in &sim.log()[printed_log..] {
                println!("           {} — {}", e.date.long(), e.text);
            }
            printed_log = sim.log().len();
        }
    }
    let hash = format!("{:016x}", sim.state_hash());
    let unit_list = if units {
        unit_states(&mut sim)
    } else {
        Vec::new()
    };
    match format {
        Format::Text => {
            let m = eastfront_measurements(&sim);
            println!(
                "Outcome: {} — the Axis holds {:.0}% of the Soviet victory points (historical: about 41% on 2 Feb 1943); Soviet collapse: {}",
                m["outcome"].as_str().unwrap_or("?"),
                m["axis_vp_share"].as_f64().unwrap_or(0.0) * 100.0,
                if m["soviet_collapse"].as_bool() == Some(true) {
                    "yes"
                } else {
                    "no"
                }
            );
            if let Some(pockets) = m["pockets"].as_array() {
                let big: Vec<&serde_json::Value> = pockets
                    .iter()
                    .filter(|p| p["men"].as_u64().unwrap_or(0) >= 50_000)
                    .collect();
                if !big.is_empty() {
                    println!("Pockets of 50,000 men or more:");
                }
                for p in big {
                    println!(
                        "  {:<20} {:<4} closed {}  {:>9} men  {} {}",
                        p["name"].as_str().unwrap_or("?"),
                        p["side"].as_str().unwrap_or("?"),
                        p["closed"].as_str().unwrap_or("?"),
                        crate::words::thousands(p["men"].as_f64().unwrap_or(0.0)),
                        p["outcome"].as_str().unwrap_or("?"),
                        p["ended"].as_str().unwrap_or(""),
                    );
                }
            }
            print!("{}", economy_summary(&sim));
            let verdicts = claim_verdicts(&sim);
            if !verdicts.is_empty() {
                println!(
                    "Claims in this game (run many with --runs N to see how often each holds):"
                );
            }
            for (c, v) in &verdicts {
                let why = match v {
                    crate::claims::Verdict::NotJudged(why) => format!(" — {why}"),
                    _ => String::new(),
                };
                println!("  {:<28} {}{why}", c.id, v.word());
            }
            println!(
                "Supply over the run (share of needs received): Germany {:.0}%, Axis allies {:.0}%, USSR {:.0}%",
                m["supply.germany"].as_f64().unwrap_or(1.0) * 100.0,
                m["supply.axis_allies"].as_f64().unwrap_or(1.0) * 100.0,
                m["supply.ussr"].as_f64().unwrap_or(1.0) * 100.0,
            );
            if units {
                println!("Units on {}:", sim.calendar().date.long());
                for u in &unit_list {
                    println!(
                        "  {:<12} {:<32} {:<40} {:>9} men {:>5} tanks  cohesion {:>3}  supply {:>3.0}%{}",
                        u["side"].as_str().unwrap_or("?"),
                        u["name"].as_str().unwrap_or("?"),
                        u["at"].as_str().unwrap_or("?"),
                        thousands(u["men"].as_f64().unwrap_or(0.0)),
                        thousands(u["tanks"].as_f64().unwrap_or(0.0)),
                        u["cohesion"].as_u64().unwrap_or(0),
                        u["supply"].as_f64().unwrap_or(1.0) * 100.0,
                        u["why"]
                            .as_str()
                            .map_or(String::new(), |w| format!(" — {w}")),
                    );
                }
            }
            if map {
                println!("The front on {}:", sim.calendar().date.long());
                print!("{}", front_picture(&mut sim));
            }
            println!("State hash: {hash}");
        }
        Format::Json | Format::Csv => {
            let out = json!({
                "scenario": loaded.scenario.meta.title,
                "file": path.display().to_string(),
                "variant": variants,
                "seed": seed,
                "turns_played": sim.records().len(),
                "date": sim.calendar().date.to_string(),
                "state_hash": hash,
                "turns": sim.records(),
                "log": sim.log(),
                "measurements": eastfront_measurements(&sim),
                "claims": claim_verdicts(&sim).iter().map(|(c, v)| json!({
                    "id": c.id,
                    "text": c.text,
                    "held": v.held(),
                })).collect::<Vec<_>>(),
            });
            let mut out = out;
            if units {
                out["units"] = unit_list.into();
            }
            if map {
                out["front"] = front_picture(&mut sim).into();
            }
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
    }
    0
}

fn eastfront_measurements(sim: &Simulation) -> serde_json::Map<String, serde_json::Value> {
    crate::sim::victory::final_measurements(sim.world())
}

/// Every unit on the map, in scenario order, as a student reads it.
fn unit_states(sim: &mut Simulation) -> Vec<serde_json::Value> {
    let map = sim.world().resource::<crate::sim::Map>().0.clone();
    let world = sim.world_mut();
    let mut q = world.query::<(
        &crate::sim::Unit,
        &crate::sim::HexPos,
        &crate::sim::Strength,
        &crate::sim::Cohesion,
        Option<&crate::sim::supply::Supply>,
    )>();
    let mut list: Vec<_> = q.iter(world).collect();
    list.sort_by_key(|(u, ..)| u.order);
    list.into_iter()
        .map(|(u, p, s, c, sup)| {
            json!({
                "name": u.name,
                "side": u.side.key(),
                "hq": u.hq,
                "at": map.describe(p.0),
                "men": s.men,
                "tanks": s.tanks,
                "guns": s.guns,
                "cohesion": c.0,
                "supply": sup.map_or(1.0, |x| (x.received * 100.0).round() / 100.0),
                "cut_off": sup.is_some_and(|x| x.isolated),
                "why": sup.and_then(|x| x.why.clone()),
            })
        })
        .collect()
}

/// The front in characters, with cut-off units marked.
fn front_picture(sim: &mut Simulation) -> String {
    let map = sim.world().resource::<crate::sim::Map>().0.clone();
    let owner = sim.world().resource::<crate::sim::Control>().0.clone();
    let world = sim.world_mut();
    let mut q = world.query::<(
        &crate::sim::Unit,
        &crate::sim::HexPos,
        Option<&crate::sim::supply::Supply>,
    )>();
    let units: Vec<_> = q
        .iter(world)
        .map(|(u, p, s)| (p.0, u.side.faction(), s.is_some_and(|s| s.isolated)))
        .collect();
    super::ascii_map::front(&map, &owner, &units)
}

/// Production by year and Lend-Lease by route, as they stand at the end of the run.
fn economy_summary(sim: &Simulation) -> String {
    use std::fmt::Write;
    let Some(last) = sim.records().last() else {
        return String::new();
    };
    let scenario = &sim.world().resource::<crate::sim::ScenarioRes>().0;
    let mut out = String::new();
    if scenario.economy.is_some() {
        let mut years: Vec<i32> = last
            .values
            .keys()
            .filter_map(|k| k.strip_prefix("production."))
            .filter_map(|k| k.rsplit('.').next()?.parse().ok())
            .collect();
        years.sort_unstable();
        years.dedup();
        for side in Side::ALL {
            let k = side.key();
            let mut parts = Vec::new();
            for item in ["tanks", "aircraft", "guns", "trucks"] {
                let by_year: Vec<String> = years
                    .iter()
                    .filter_map(|y| {
                        let v = last.values.get(&format!("production.{k}.{item}.{y}"))?;
                        Some(format!("{} in {y}", thousands(*v)))
                    })
                    .collect();
                if !by_year.is_empty() {
                    parts.push(format!("{item} {}", by_year.join(", ")));
                }
            }
            if !parts.is_empty() {
                let _ = writeln!(
                    out,
                    "Production, {k} (from the start): {}",
                    parts.join("; ")
                );
            }
        }
        let factories = crate::sim::victory::final_measurements(sim.world());
        if let Some(list) = factories.get("factories").and_then(|f| f.as_array()) {
            let moved: Vec<String> = list
                .iter()
                .filter(|f| f["status"].as_str().is_some_and(|s| s != "working"))
                .map(|f| {
                    format!(
                        "{}: {}",
                        f["name"].as_str().unwrap_or("?"),
                        f["status"].as_str().unwrap_or("?")
                    )
                })
                .collect();
            if !moved.is_empty() {
                let _ = writeln!(out, "Factories not where they started:");
                for m in moved {
                    let _ = writeln!(out, "  {m}");
                }
            }
        }
    }
    if let Some(ll) = &scenario.lend_lease {
        let routes: Vec<String> = ll
            .routes
            .iter()
            .map(|r| {
                let got = last
                    .values
                    .get(&format!("lend_lease.tons.{}", r.id))
                    .copied()
                    .unwrap_or(0.0);
                let lost = last
                    .values
                    .get(&format!("lend_lease.lost.{}", r.id))
                    .copied()
                    .unwrap_or(0.0);
                if lost > 0.0 {
                    format!(
                        "{} {} t ({} t lost at sea)",
                        r.id,
                        thousands(got),
                        thousands(lost)
                    )
                } else {
                    format!("{} {} t", r.id, thousands(got))
                }
            })
            .collect();
        let total = last
            .values
            .get("lend_lease.tons.total")
            .copied()
            .unwrap_or(0.0);
        let _ = writeln!(
            out,
            "Lend-Lease delivered: {} t in all — {}",
            thousands(total),
            routes.join(", ")
        );
    }
    out
}

/// What this game says of each of the scenario's claims.
fn claim_verdicts(
    sim: &Simulation,
) -> Vec<(crate::scenario::claim_file::Claim, crate::claims::Verdict)> {
    let scenario = sim.world().resource::<crate::sim::ScenarioRes>().0.clone();
    let last = crate::batch::measurements_at_end(sim);
    let run = crate::claims::Run {
        records: sim.records(),
        last: &last,
        // Stopped by --turns before the end: what comes later is not judged.
        stopped: (!sim.is_over()).then(|| sim.calendar().date.add_days(-1)),
    };
    scenario
        .claims
        .iter()
        .map(|c| (c.clone(), crate::claims::judge(c, &run)))
        .collect()
}
