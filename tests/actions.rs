//! The one door for changes: moves are checked, applied, and refused with reasons.

use std::path::Path;
use std::sync::Arc;

use eastfront::scenario::{Faction, Owner, load_scenario};
use eastfront::sim::Simulation;
use eastfront::sim::actions::{Action, AttackReport, Outcome, Refusal};
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
    } = sim.act(mv(bobruisk)).unwrap_or_else(|r| panic!("{r}"))
    else {
        panic!("a move reports Moved")
    };
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

/// Moves the two German corps next to Minsk and attacks it with both.
fn attack_minsk(
    seed: u64,
) -> (
    Simulation,
    Arc<eastfront::scenario::Loaded>,
    Result<Outcome, Refusal>,
) {
    let (_, l) = mini();
    attack_minsk_in(l, seed)
}

type Battlefield = (
    Simulation,
    Arc<eastfront::scenario::Loaded>,
    Result<Outcome, Refusal>,
);

fn attack_minsk_in(l: Arc<eastfront::scenario::Loaded>, seed: u64) -> Battlefield {
    let mut sim = Simulation::new(l.clone(), seed);
    sim.begin_phase(Faction::Axis);
    let minsk = city(&l, "Minsk");
    // The two free hexes west of Minsk nearest each corps.
    let mut next: Vec<u32> = l.map.land_neighbours(minsk).collect();
    next.sort_by_key(|&h| std::cmp::Reverse(l.map.centre_km(h).0 as i64));
    next.reverse();
    sim.act(Action::Move {
        unit: "VII Corps".into(),
        to: next[0],
    })
    .unwrap_or_else(|r| panic!("{r}"));
    sim.act(Action::Move {
        unit: "XXIV Motorised Corps".into(),
        to: next[1],
    })
    .unwrap_or_else(|r| panic!("{r}"));
    let r = sim.act(Action::Attack {
        units: vec!["VII Corps".into(), "XXIV Motorised Corps".into()],
        target: minsk,
        air: false,
    });
    (sim, l, r)
}

#[test]
fn a_unit_attacks_once_a_week() {
    let (mut sim, l, r) = attack_minsk(1);
    let Ok(Outcome::Attacked(report)) = r else {
        panic!("{r:?}")
    };
    if !report.battle.defender_retreats {
        let again = sim
            .act(Action::Attack {
                units: vec!["VII Corps".into()],
                target: city(&l, "Minsk"),
                air: false,
            })
            .unwrap_err();
        assert_eq!(
            again.to_string(),
            "`VII Corps` has already attacked this week"
        );
    }
}

fn men_of(sim: &mut Simulation, id: &str) -> Option<(u32, u32)> {
    let mut q = sim.world_mut().query::<(
        &eastfront::sim::Unit,
        &eastfront::sim::Strength,
        &eastfront::sim::HexPos,
    )>();
    q.iter(sim.world())
        .find(|(u, ..)| u.id == id)
        .map(|(_, s, p)| (s.men, p.0))
}

#[test]
fn an_attack_reports_what_it_did_and_the_world_agrees() {
    let mut saw_retreat = false;
    let mut saw_hold = false;
    for seed in 0..40 {
        let (mut sim, l, r) = attack_minsk(seed);
        let Ok(Outcome::Attacked(report)) = r else {
            panic!("seed {seed}: {r:?}")
        };
        let AttackReport {
            odds,
            battle,
            attacker_men_lost,
            defender_men_lost,
            retreated,
            destroyed,
            prisoners,
            advanced,
            ..
        } = *report;
        let minsk = city(&l, "Minsk");
        assert!(odds.ratio > 0.0 && odds.factors.iter().any(|f| f.name == "terrain"));
        assert!(
            attacker_men_lost > 0 && defender_men_lost > 0,
            "a week of battle costs both sides"
        );
        let soviet = men_of(&mut sim, "13th Army");
        if battle.defender_retreats {
            saw_retreat = true;
            assert_eq!(
                advanced.as_deref(),
                Some("XXIV Motorised Corps"),
                "the mobile corps advances"
            );
            assert_eq!(men_of(&mut sim, "XXIV Motorised Corps").unwrap().1, minsk);
            assert_eq!(
                sim.world().resource::<eastfront::sim::Control>().0[minsk as usize],
                Owner::Germany
            );
            assert!(
                sim.log()
                    .iter()
                    .any(|e| e.text == "Minsk taken by XXIV Motorised Corps")
            );
            match soviet {
                Some((men, hex)) => {
                    assert_eq!(retreated, vec![("13th Army".to_string(), hex)]);
                    assert_eq!(l.map.distance(hex, minsk), 1);
                    assert_eq!(u64::from(men), 80_000 - defender_men_lost);
                }
                None => assert!(destroyed == ["13th Army"] && prisoners > 0),
            }
        } else {
            saw_hold = true;
            let (men, hex) = soviet.expect("a defender that holds is still there");
            assert_eq!(hex, minsk);
            assert_eq!(u64::from(men), 80_000 - defender_men_lost);
            assert!(advanced.is_none() && retreated.is_empty());
        }
        // Losses reach the measurements.
        sim.step();
        let rec = sim.records().last().unwrap();
        assert_eq!(
            rec.values["losses.ussr.men"] as u64,
            defender_men_lost + prisoners
        );
        assert_eq!(
            rec.values["losses.germany.men.1941"] as u64,
            attacker_men_lost
        );
    }
    assert!(
        saw_retreat && saw_hold,
        "over 40 seeds the attack should sometimes succeed and sometimes fail"
    );
}

#[test]
fn attacks_are_refused_with_reasons() {
    let (mut sim, l) = mini();
    sim.begin_phase(Faction::Axis);
    let minsk = city(&l, "Minsk");
    let r = sim
        .act(Action::Attack {
            units: vec!["VII Corps".into()],
            target: minsk,
            air: false,
        })
        .unwrap_err();
    assert_eq!(r.to_string(), "`VII Corps` is not next to Minsk");
    let r = sim
        .act(Action::Attack {
            units: vec![],
            target: minsk,
            air: false,
        })
        .unwrap_err();
    assert_eq!(r, Refusal::NoAttackers);
    sim.begin_phase(Faction::Soviet);
    let empty = l.map.neighbours[minsk as usize]
        .iter()
        .copied()
        .find(|&h| l.map.is_land(h))
        .unwrap();
    let r = sim
        .act(Action::Attack {
            units: vec!["13th Army".into()],
            target: empty,
            air: false,
        })
        .unwrap_err();
    assert!(r.to_string().starts_with("there is no enemy in"), "{r}");
}

#[test]
fn attacks_replay_exactly_from_the_seed() {
    let hash = |seed| {
        let (mut sim, _, r) = attack_minsk(seed);
        r.unwrap();
        sim.state_hash()
    };
    assert_eq!(hash(3), hash(3));
    let distinct: std::collections::HashSet<u64> = (0..8).map(hash).collect();
    assert!(
        distinct.len() > 1,
        "different seeds should give different battles"
    );
}

#[test]
fn defenders_under_no_retreat_orders_stand_and_bleed() {
    let l = Arc::new(
        load_scenario(Path::new("tests/data/mini_no_retreat.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render())),
    );
    let mut stood = 0;
    for seed in 0..40 {
        let (mut sim, l2, r) = attack_minsk_in(l.clone(), seed);
        let Ok(Outcome::Attacked(report)) = r else {
            panic!("seed {seed}: {r:?}")
        };
        assert!(
            !report.battle.defender_retreats
                && report.retreated.is_empty()
                && report.advanced.is_none()
        );
        if report.stood_fast {
            stood += 1;
            // Still in Minsk, and it cost more than an ordinary defence would.
            assert_eq!(
                men_of(&mut sim, "13th Army").map(|m| m.1),
                Some(city(&l2, "Minsk"))
            );
            assert!(report.defender_men_lost as f64 > 80_000.0 * 0.06);
        }
    }
    assert!(
        stood > 0,
        "over 40 seeds some attacks should have forced a retreat"
    );
}

#[test]
fn mud_slows_every_move_through_the_door() {
    let route_cost = |file: &str| {
        let l =
            Arc::new(load_scenario(Path::new(file)).unwrap_or_else(|f| panic!("{}", f.render())));
        let mut sim = Simulation::new(l.clone(), 1);
        sim.begin_phase(Faction::Axis);
        match sim.act(Action::Move {
            unit: "XXIV Motorised Corps".into(),
            to: city(&l, "Bobruisk"),
        }) {
            Ok(Outcome::Moved { cost, .. }) => cost,
            Err(Refusal::Move(MoveRefusal::TooFar { needed, .. })) => needed,
            other => panic!("{file}: {other:?}"),
        }
    };
    let dry = route_cost("tests/data/mini.ron");
    let mud = route_cost("tests/data/mini_mud.ron");
    assert!(mud > dry, "the same move cost {mud} in mud and {dry} dry");
}
