//! The supply trace of both camps on the base scenario's opening position, on the map at
//! 50 km and at 25 km hexes (four times as many): the cost per hex should stay about level.
//! Run with `cargo bench --bench supply`; report the figures, never assert them.

use std::path::Path;
use std::time::Instant;

use eastfront::scenario::{Faction, Loaded, load_scenario};
use eastfront::sim::movement::Ground;
use eastfront::sim::rail::Gauge;
use eastfront::sim::supply::trace;

const SCENARIO: &str = "scenarios/barbarossa_1941.ron";
const MAP: &str = "scenarios/maps/eastern_front.ron";

fn load(path: &Path) -> Loaded {
    load_scenario(path).unwrap_or_else(|f| {
        eprintln!("{}", f.render());
        std::process::exit(1)
    })
}

fn measure(label: &str, l: &Loaded) {
    let map = &l.map;
    let owner = &l.placed.owner;
    let gauge = Gauge::at_start(owner).0;
    let units: Vec<(u32, Faction, u32)> = l
        .scenario
        .units
        .iter()
        .zip(&l.placed.unit_hex)
        .filter(|(u, _)| u.arrives.is_none_or(|d| d <= l.scenario.calendar.start))
        .map(|(u, &h)| (h, u.side.faction(), u.men))
        .collect();
    let rounds = 40;
    let start = Instant::now();
    let mut reached = 0;
    for _ in 0..rounds {
        for camp in [Faction::Axis, Faction::Soviet] {
            let ground = Ground::new(
                map,
                owner,
                units.iter().map(|u| (u.0, u.1)),
                camp,
                l.scenario.rules.stacking_limit,
            );
            let mine: Vec<(u32, u32)> = units
                .iter()
                .filter(|u| u.1 == camp)
                .map(|u| (u.0, u.2))
                .collect();
            let changed = vec![0; map.len()];
            let t = trace(
                &ground,
                &gauge,
                owner,
                &changed,
                1,
                &l.scenario.rules,
                camp,
                &mine,
                &[],
            );
            reached += t.cost.iter().filter(|&&c| c != u32::MAX).count();
        }
    }
    let per = start.elapsed().as_secs_f64() / f64::from(rounds);
    let land = map.land_count();
    println!(
        "{label}: {land} land hexes, both camps traced in {:.2} ms ({:.0} ns a land hex); {} hexes reached a trace",
        per * 1000.0,
        per * 1e9 / land as f64,
        reached / rounds as usize / 2
    );
}

fn main() {
    measure("50 km", &load(Path::new(SCENARIO)));
    // The same geography at 25 km, in a scratch copy beside a copy of the scenario.
    let text = std::fs::read_to_string(MAP).expect("the base map");
    let finer = text.replacen("hex_km: 50.0", "hex_km: 25.0", 1);
    let dir = std::env::temp_dir().join(format!("eastfront-bench-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("maps")).expect("a scratch folder");
    std::fs::write(dir.join("maps/eastern_front.ron"), finer).expect("the 25 km map");
    std::fs::copy(SCENARIO, dir.join("barbarossa_1941.ron")).expect("the scenario");
    let fine = load(&dir.join("barbarossa_1941.ron"));
    std::fs::remove_dir_all(&dir).ok();
    measure("25 km", &fine);
}
