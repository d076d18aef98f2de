//! Rail moves, air support, surprise, recovery and replacements through the one door.

use std::path::Path;
use std::sync::Arc;

use eastfront::scenario::{Faction, load_scenario};
use eastfront::sim::actions::{Action, Outcome, Refusal};
use eastfront::sim::rail::RailRefusal;
use eastfront::sim::{Cohesion, HexPos, Simulation, Strength, Unit};

fn load(file: &str) -> (Simulation, Arc<eastfront::scenario::Loaded>) {
    let l = Arc::new(load_scenario(Path::new(file)).unwrap_or_else(|f| panic!("{}", f.render())));
    (Simulation::new(l.clone(), 1), l)
}

fn city(l: &eastfront::scenario::Loaded, name: &str) -> u32 {
    l.map.city(name).unwrap().hex
}

fn unit(sim: &mut Simulation, name: &str) -> (u32, Strength, u32) {
    let w = sim.world_mut();
    let mut q = w.query::<(&Unit, &HexPos, &Strength, &Cohesion)>();
    q.iter(w)
        .find(|(u, ..)| u.name == name)
        .map(|(_, p, s, c)| (p.0, *s, c.0))
        .unwrap()
}

#[test]
fn a_unit_goes_by_train_along_its_own_line_once_a_week() {
    let (mut sim, l) = load("tests/data/mini_air.ron");
    sim.begin_phase(Faction::Soviet);
    let vyazma = city(&l, "Vyazma");
    let out = sim
        .act(Action::RailMove {
            unit: "13th Army".into(),
            to: vyazma,
        })
        .unwrap_or_else(|r| panic!("{r}"));
    let Outcome::RailMoved { path, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(*path.last().unwrap(), vyazma);
    assert!(
        path.contains(&city(&l, "Smolensk")),
        "the train follows the line"
    );
    assert_eq!(unit(&mut sim, "13th Army").0, vyazma);
    // The train took the week: no more movement, and no second train.
    let again = sim.act(Action::RailMove {
        unit: "13th Army".into(),
        to: city(&l, "Orsha"),
    });
    assert!(matches!(again, Err(Refusal::AlreadyMoved(_))), "{again:?}");
    let walk = sim.act(Action::Move {
        unit: "13th Army".into(),
        to: city(&l, "Smolensk"),
    });
    assert!(matches!(walk, Err(Refusal::NoMovesLeft(_))), "{walk:?}");
}

#[test]
fn trains_run_only_on_the_sides_own_track() {
    let (mut sim, l) = load("tests/data/mini_air.ron");
    sim.begin_phase(Faction::Axis);
    // VII Corps stands off the railway.
    let r = sim.act(Action::RailMove {
        unit: "VII Corps".into(),
        to: city(&l, "Orsha"),
    });
    let Err(Refusal::Rail(why)) = r else {
        panic!("{r:?}")
    };
    assert!(matches!(why, RailRefusal::NoStation(_)), "{why:?}");
    assert!(why.to_string().contains("no railway"), "{why}");
    // A station the other side holds is no use, and says so.
    let gauge = &sim.world().resource::<eastfront::sim::rail::Gauge>().0;
    assert_eq!(gauge[city(&l, "Orsha") as usize], Some(Faction::Soviet));
}

#[test]
fn one_train_a_week_when_the_rules_allow_one() {
    let (mut sim, l) = load("tests/data/mini_air.ron");
    sim.step();
    sim.step();
    sim.step();
    sim.begin_phase(Faction::Soviet);
    // 16th Army has arrived at Smolensk; 13th Army takes the only train first.
    sim.act(Action::RailMove {
        unit: "13th Army".into(),
        to: city(&l, "Vyazma"),
    })
    .unwrap_or_else(|r| panic!("{r}"));
    let r = sim.act(Action::RailMove {
        unit: "16th Army".into(),
        to: city(&l, "Moscow"),
    });
    assert!(
        matches!(r, Err(Refusal::NoTrains(Faction::Soviet))),
        "{r:?}"
    );
    assert!(r.unwrap_err().to_string().contains("no trains left"));
}

#[test]
fn surprise_caps_the_first_days_cohesion_and_rest_restores_it() {
    let (mut sim, _) = load("tests/data/mini_air.ron");
    assert_eq!(unit(&mut sim, "13th Army").2, 40);
    assert!(
        unit(&mut sim, "VII Corps").2 > 40,
        "the attacker is not surprised"
    );
    sim.step();
    let after = unit(&mut sim, "13th Army").2;
    assert!(
        after > 40,
        "a week out of contact restores cohesion: {after}"
    );
    // The plain scenario has no surprise.
    let (mut plain, _) = load("tests/data/mini.ron");
    assert!(unit(&mut plain, "13th Army").2 > 40);
}

/// VII Corps and XXIV Motorised Corps next to Minsk, in the Axis phase.
fn before_minsk(file: &str) -> (Simulation, Arc<eastfront::scenario::Loaded>, u32) {
    let (mut sim, l) = load(file);
    sim.begin_phase(Faction::Axis);
    let minsk = city(&l, "Minsk");
    let mut next: Vec<u32> = l.map.land_neighbours(minsk).collect();
    next.sort_by_key(|&h| l.map.centre_km(h).0 as i64);
    for (unit, to) in ["VII Corps", "XXIV Motorised Corps"].iter().zip(&next) {
        sim.act(Action::Move {
            unit: (*unit).into(),
            to: *to,
        })
        .unwrap_or_else(|r| panic!("{r}"));
    }
    (sim, l, minsk)
}

#[test]
fn aircraft_add_a_factor_and_are_spent() {
    let (mut sim, _, minsk) = before_minsk("tests/data/mini_air.ron");
    let out = sim
        .act(Action::Attack {
            units: vec!["VII Corps".into(), "XXIV Motorised Corps".into()],
            target: minsk,
            air: true,
        })
        .unwrap_or_else(|r| panic!("{r}"));
    let Outcome::Attacked(report) = out else {
        panic!("{out:?}")
    };
    let air = report
        .odds
        .factors
        .iter()
        .find(|f| f.name == "air support")
        .expect("a supported attack shows its air factor");
    assert!((air.value - 1.3).abs() < 1e-9, "{}", air.value);
    let left = sim.world().resource::<eastfront::sim::air::AirLeft>().axis;
    assert!(
        (left - 450.0).abs() < 1e-9,
        "600 aircraft less one attack's 150: {left}"
    );
}

#[test]
fn no_aircraft_no_air_support() {
    // The plain test scenario gives Germany no aircraft.
    let (mut sim, _, minsk) = before_minsk("tests/data/mini.ron");
    let r = sim.act(Action::Attack {
        units: vec!["VII Corps".into()],
        target: minsk,
        air: true,
    });
    let Err(
        e @ Refusal::NoAircraft {
            needed: 150,
            left: 0,
        },
    ) = r
    else {
        panic!("{r:?}")
    };
    assert!(e.to_string().contains("needs 150 aircraft"), "{e}");
    // Nothing was spent or fought: the same attack without aircraft goes ahead.
    assert!(
        sim.act(Action::Attack {
            units: vec!["VII Corps".into()],
            target: minsk,
            air: false,
        })
        .is_ok()
    );
}

#[test]
fn replacements_refill_worn_units_toward_their_establishment() {
    let (mut sim, _, minsk) = before_minsk("tests/data/mini_air.ron");
    sim.act(Action::Attack {
        units: vec!["VII Corps".into(), "XXIV Motorised Corps".into()],
        target: minsk,
        air: false,
    })
    .unwrap_or_else(|r| panic!("{r}"));
    let worn = unit(&mut sim, "VII Corps").1.men;
    assert!(worn < 50_000, "the attack cost men");
    sim.step();
    let refilled = unit(&mut sim, "VII Corps").1.men;
    let e = {
        let w = sim.world_mut();
        let mut q = w.query::<(bevy::prelude::Entity, &Unit)>();
        q.iter(w).find(|(_, u)| u.name == "VII Corps").unwrap().0
    };
    let sup = sim
        .world()
        .get::<eastfront::sim::supply::Supply>(e)
        .cloned();
    assert!(
        refilled > worn,
        "replacements arrived: {worn} -> {refilled}; {sup:?}"
    );
    assert!(refilled <= 50_000, "never above establishment: {refilled}");
}

#[test]
fn trains_that_move_a_unit_carry_no_supply_that_week() {
    let capacity = |moved: bool| {
        let (mut sim, l) = load("tests/data/mini_air.ron");
        sim.begin_phase(Faction::Soviet);
        if moved {
            sim.act(Action::RailMove {
                unit: "13th Army".into(),
                to: city(&l, "Vyazma"),
            })
            .unwrap_or_else(|r| panic!("{r}"));
        }
        sim.step();
        let state = sim
            .world()
            .resource::<eastfront::sim::supply::SupplyState>();
        let moscow = city(&l, "Moscow") as usize;
        state.soviet.networks[state.soviet.network[moscow] as usize].capacity
    };
    let (idle, busy) = (capacity(false), capacity(true));
    // 60 trains of 450 t for a week: about 3,857 t a day.
    assert!(
        (idle - busy - 60.0 * 450.0 / 7.0).abs() < 1.0,
        "{idle} vs {busy}"
    );
}
