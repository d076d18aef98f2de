//! Whole base-scenario campaigns, AI against AI, on one thread: campaigns per second.
//! Run with `cargo bench --bench campaigns`; report the figure, never assert it.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use eastfront::scenario::load_scenario;
use eastfront::sim::Simulation;

fn main() {
    let runs: u64 = std::env::var("CAMPAIGNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let loaded = match load_scenario(Path::new("scenarios/barbarossa_1941.ron")) {
        Ok(l) => Arc::new(l),
        Err(f) => {
            eprintln!("{}", f.render());
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    let mut weeks = 0;
    for seed in 0..runs {
        let mut sim = Simulation::new(loaded.clone(), seed);
        while !sim.is_over() {
            sim.play_turn();
            weeks += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{runs} campaigns ({weeks} weeks) in {secs:.2} s: {:.2} campaigns/s, {:.1} ms a week, one thread",
        runs as f64 / secs,
        secs * 1000.0 / weeks as f64
    );
}
