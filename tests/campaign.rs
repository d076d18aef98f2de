//! Whole AI-vs-AI campaigns on the base scenario: the rules' invariants hold every week, and a
//! seed replays the same war.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use eastfront::scenario::{Faction, load_scenario};
use eastfront::sim::{HexPos, Simulation, Strength, Unit};

fn check_invariants(sim: &mut Simulation, week: u32) {
    let map = sim.world().resource::<eastfront::sim::Map>().0.clone();
    let mut q = sim.world_mut().query::<(&Unit, &HexPos, &Strength)>();
    let mut camps: HashMap<u32, Faction> = HashMap::new();
    for (u, pos, s) in q.iter(sim.world()) {
        assert!(
            map.is_land(pos.0),
            "week {week}: {} stands on water at {}",
            u.name,
            map.describe(pos.0)
        );
        assert!(
            s.men > 0,
            "week {week}: {} has no men but is on the map",
            u.name
        );
        if let Some(other) = camps.insert(pos.0, u.side.faction()) {
            assert_eq!(
                other,
                u.side.faction(),
                "week {week}: enemies share {}",
                map.describe(pos.0)
            );
        }
    }
}

#[test]
fn a_whole_war_keeps_the_rules_and_replays_from_its_seed() {
    let l = Arc::new(
        load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render())),
    );
    let mut hashes = Vec::new();
    for seed in [7, 7, 8] {
        let mut sim = Simulation::new(l.clone(), seed);
        let mut week = 0;
        while !sim.is_over() {
            sim.play_turn();
            week += 1;
            check_invariants(&mut sim, week);
        }
        assert_eq!(week, 85);
        let last = sim.records().last().unwrap().clone();
        // The war happened: both sides lost men, and the Axis took cities.
        assert!(
            last.values["losses.germany.men"] > 100_000.0,
            "{:?}",
            last.values
        );
        assert!(last.values["losses.ussr.men"] > 500_000.0);
        assert!(
            sim.log()
                .iter()
                .any(|e| e.text.starts_with("Minsk taken by"))
        );
        hashes.push(sim.state_hash());
    }
    assert_eq!(
        hashes[0], hashes[1],
        "the same seed must replay the same war"
    );
    assert_ne!(hashes[0], hashes[2], "another seed should give another war");
}

#[test]
fn soviet_pockets_form_in_1941_in_most_seeds() {
    let l = Arc::new(
        load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render())),
    );
    let end_of_1941 = eastfront::scenario::Date::parse("1941-12-31").unwrap();
    let mut with_pockets = 0;
    for seed in 1..=3 {
        let mut sim = Simulation::new(l.clone(), seed);
        while sim.calendar().date <= end_of_1941 {
            sim.play_turn();
        }
        let w = sim.world_mut();
        let mut q = w.query::<&eastfront::sim::pockets::Pocket>();
        let big: Vec<_> = q
            .iter(w)
            .filter(|p| {
                p.side == Faction::Soviet && p.closed <= end_of_1941 && p.men_at_close >= 50_000
            })
            .cloned()
            .collect();
        // Each one is in the log with its size, and what became of it.
        for p in &big {
            assert!(
                sim.log()
                    .iter()
                    .any(|e| e.text.starts_with(&format!("The {} pocket closed", p.name))),
                "{p:?}"
            );
        }
        if !big.is_empty() {
            with_pockets += 1;
        }
    }
    assert!(
        with_pockets >= 2,
        "Soviet pockets of 50,000 men or more formed in 1941 in {with_pockets} of 3 seeds"
    );
}
