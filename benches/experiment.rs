//! Throughput of experiments: base-scenario campaigns played in parallel on every core, as
//! `eastfront run --runs N` plays them (without the comparisons its claims add).
//! `RUNS=1000 cargo bench --bench experiment`; report the figure, never assert it.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use eastfront::batch::{Experiment, play_loaded};
use eastfront::scenario::load_scenario;

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let loaded = match load_scenario(Path::new("scenarios/barbarossa_1941.ron")) {
        Ok(l) => Arc::new(l),
        Err(f) => {
            eprintln!("{}", f.render());
            std::process::exit(1);
        }
    };
    let e = Experiment {
        runs,
        seed: 1,
        variants: Vec::new(),
        threads,
    };
    let start = Instant::now();
    let arms = play_loaded(vec![(Vec::new(), loaded)], &e, &|_, _| {});
    let secs = start.elapsed().as_secs_f64();
    let played = arms[0].runs.len();
    println!(
        "{played} base campaigns on {threads} threads in {secs:.1} s: {:.1} campaigns/s; 1,000 would take {:.0} s",
        played as f64 / secs,
        1000.0 * secs / played as f64
    );
}
