//! The one door for changes: moves are checked, applied, and refused with reasons.

use std::path::Path;
use std::sync::Arc;

use eastfront::scenario::{Faction, Owner, load_scenario};
use eastfront::sim::Simulation;
use eastfront::sim::actions::{Action, Outcome, Refusal};
use eastfront::sim::movement::MoveRefusal;

fn mini() -> (Simulation, Arc<eastfront::scenario::Loaded>) {
    let l = Arc::new(
        load_scenario(Path::new("tests/data/mini.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render())),
    );
    (Simulation::new(l.clone(), 1), l)
}

fn city(l: &eastfront::scenario::Loaded, name: &str) -> u32 {
    l.map.city(name).unwrap().hex
}

#[test]
fn a_move_takes_ground_and_spends_points() {
    let (mut sim, l) = mini();
    let bobruisk = city(&l, "Bobruisk");
    let mv = |to| Action::Move {
        unit: "XXIV Motorised Corps".into(),
        to,
    };
    // Nothing moves outside its camp's phase.
    assert!(matches!(
        sim.act(mv(bobruisk)),
        Err(Refusal::NotYourPhase { .. })
    ));
    sim.begin_phase(Faction::Axis);
    let Outcome::Moved {
        path,
        cost,
        left,
        taken,
        ..
    } = sim.act(mv(bobruisk)).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(*path.last().unwrap(), bobruisk);
    assert!(cost <= 7, "an armoured corps has 7 points a week");
    assert!(left <= 7 - cost);
    assert!(taken.contains(&bobruisk));
    let control = &sim.world().resource::<eastfront::sim::Control>().0;
    for &h in &path {
        assert_eq!(
            control[h as usize],
            Owner::Germany,
            "ground moved through is taken"
        );
    }
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text == "Bobruisk taken by XXIV Motorised Corps"),
        "{:?}",
        sim.log()
    );
    // The Soviet army cannot move in the Axis phase.
    let refused = sim
        .act(Action::Move {
            unit: "13th Army".into(),
            to: city(&l, "Smolensk"),
        })
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "it is the Axis' phase: `13th Army` cannot act now"
    );
}

#[test]
fn refusals_explain_themselves() {
    let (mut sim, l) = mini();
    sim.begin_phase(Faction::Axis);
    let minsk = city(&l, "Minsk");
    let r = sim
        .act(Action::Move {
            unit: "VII Corps".into(),
            to: minsk,
        })
        .unwrap_err();
    assert_eq!(r, Refusal::Move(MoveRefusal::EnemyThere("Minsk".into())));
    assert_eq!(r.to_string(), "enemy units hold Minsk: attack it instead");
    let r = sim
        .act(Action::Move {
            unit: "VII Corps".into(),
            to: city(&l, "Moscow"),
        })
        .unwrap_err();
    assert!(
        matches!(r, Refusal::Move(MoveRefusal::TooFar { left: 4, .. })),
        "{r}"
    );
    assert_eq!(
        sim.act(Action::Move {
            unit: "Nobody".into(),
            to: minsk
        })
        .unwrap_err()
        .to_string(),
        "there is no unit `Nobody`"
    );
    let r = sim
        .act(Action::Move {
            unit: "16th Army".into(),
            to: minsk,
        })
        .unwrap_err();
    assert_eq!(r.to_string(), "`16th Army` has not arrived yet");
}

#[test]
fn the_same_moves_give_the_same_state() {
    let play = || {
        let (mut sim, l) = mini();
        sim.begin_phase(Faction::Axis);
        sim.act(Action::Move {
            unit: "XXIV Motorised Corps".into(),
            to: city(&l, "Bobruisk"),
        })
        .unwrap();
        sim.step();
        sim.state_hash()
    };
    assert_eq!(play(), play());
    let (mut untouched, _) = mini();
    untouched.begin_phase(Faction::Axis);
    untouched.step();
    assert_ne!(
        play(),
        untouched.state_hash(),
        "a move must change the state"
    );
}
