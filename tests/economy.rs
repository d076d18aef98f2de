//! The war economy on a small scenario of its own (tests/data/mini_economy.ron): factories
//! and mobilisation, capture and evacuation, new formations, Germany's split between East
//! and West, air and truck losses, and Lend-Lease with convoys, suspensions and cut routes.

use std::path::Path;
use std::sync::Arc;

use eastfront::scenario::{Faction, Owner, load_scenario, load_scenario_with};
use eastfront::sim::actions::{Action, Outcome, Refusal};
use eastfront::sim::evacuation::EvacuationRefusal;
use eastfront::sim::production::{Industry, Status};
use eastfront::sim::{Control, Simulation};

const FILE: &str = "tests/data/mini_economy.ron";

fn load(variants: &[&str]) -> (Simulation, Arc<eastfront::scenario::Loaded>) {
    let v: Vec<String> = variants.iter().map(|s| s.to_string()).collect();
    let l = Arc::new(
        load_scenario_with(Path::new(FILE), &v).unwrap_or_else(|f| panic!("{}", f.render())),
    );
    (Simulation::new(l.clone(), 1), l)
}

fn last(sim: &Simulation, key: &str) -> f64 {
    *sim.records()
        .last()
        .expect("a turn was recorded")
        .values
        .get(key)
        .unwrap_or_else(|| panic!("no measurement {key}"))
}

fn status(sim: &Simulation, i: usize) -> Status {
    sim.world().resource::<Industry>().status[i]
}

fn give_to_germany(sim: &mut Simulation, hex: u32) {
    sim.world_mut().resource_mut::<Control>().0[hex as usize] = Owner::Germany;
}

#[test]
fn factories_make_their_output_times_mobilisation_and_it_is_counted_by_year() {
    let (mut sim, _) = load(&[]);
    sim.step();
    // Minsk 10 + Smolensk 5 + the Urals 20 at a factor of 1 in the first week.
    assert_eq!(last(&sim, "output.ussr.tanks"), 35.0);
    assert_eq!(last(&sim, "production.ussr.tanks.1941"), 35.0);
    // Germany makes 30 tanks; half go East to the pool, and all are counted as made.
    assert_eq!(last(&sim, "production.germany.tanks.1941"), 30.0);
    for _ in 0..4 {
        sim.step();
    }
    // By 20 July the factor has doubled in a straight line.
    let week = last(&sim, "output.ussr.tanks");
    assert!((69.0..=71.0).contains(&week), "{week}");
    let made = last(&sim, "production.ussr.tanks.1941");
    assert!(made > 5.0 * 35.0 && made < 5.0 * 70.0, "{made}");
    assert_eq!(last(&sim, "industry.ussr"), 1.0);
}

#[test]
fn a_factory_is_lost_with_its_city_unless_it_has_left() {
    let (mut sim, l) = load(&[]);
    sim.step();
    give_to_germany(&mut sim, l.map.city("Minsk").unwrap().hex);
    sim.step();
    assert!(
        matches!(status(&sim, 0), Status::Lost(_)),
        "{:?}",
        status(&sim, 0)
    );
    // Smolensk and the Urals, 25 tanks at the factor of 29 June (a quarter of the way to 2).
    assert_eq!(
        last(&sim, "output.ussr.tanks"),
        31.0,
        "Minsk's tanks are gone"
    );
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text.contains("Minsk works lost")),
        "the loss is logged"
    );
    assert!(last(&sim, "industry.ussr") < 1.0);
}

#[test]
fn an_evacuated_factory_stops_takes_trains_then_restarts_east_and_grows() {
    let (mut sim, l) = load(&[]);
    let (mut stay, _) = load(&[]);
    sim.begin_phase(Faction::Soviet);
    let out = sim
        .act(Action::Evacuate {
            factory: "minsk_works".into(),
        })
        .unwrap_or_else(|r| panic!("{r}"));
    assert!(
        matches!(&out, Outcome::Evacuating(text) if text.contains("3 weeks")),
        "{out:?}"
    );
    sim.step();
    stay.step();
    assert_eq!(
        last(&sim, "output.ussr.tanks"),
        25.0,
        "it makes nothing on the rails"
    );
    assert_eq!(last(&stay, "output.ussr.tanks"), 35.0);
    // Its trains come off the supply of Minsk's network that week.
    let minsk = l.map.city("Minsk").unwrap().hex as usize;
    let capacity = |s: &Simulation| {
        let t = &s
            .world()
            .resource::<eastfront::sim::supply::SupplyState>()
            .soviet;
        t.networks[t.network[minsk] as usize].capacity
    };
    assert!(
        capacity(&sim) < capacity(&stay),
        "{} vs {}",
        capacity(&sim),
        capacity(&stay)
    );
    // Past its loading week, the fall of Minsk no longer loses it.
    give_to_germany(&mut sim, minsk as u32);
    sim.step();
    assert!(
        matches!(status(&sim, 0), Status::Moving { .. }),
        "{:?}",
        status(&sim, 0)
    );
    sim.step();
    let Status::Relocated { share, .. } = status(&sim, 0) else {
        panic!("restarted: {:?}", status(&sim, 0))
    };
    // Restarted at half this week, and a tenth more from next week.
    assert!((share - 0.6).abs() < 1e-9, "{share}");
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text.contains("restarts in the east"))
    );
    // To the end of the scenario: past its old output, up to the peak of 1.2.
    while !sim.is_over() {
        sim.step();
    }
    let Status::Relocated { share, .. } = status(&sim, 0) else {
        panic!()
    };
    assert_eq!(share, 1.2, "it grows past its old output, to the peak");
}

#[test]
fn evacuation_orders_that_cannot_be_given_say_why() {
    let (mut sim, _) = load(&[]);
    sim.begin_phase(Faction::Soviet);
    let refused =
        |sim: &mut Simulation, id: &str| match sim.act(Action::Evacuate { factory: id.into() }) {
            Err(Refusal::Evacuation(e)) => e,
            other => panic!("{other:?}"),
        };
    match refused(&mut sim, "minsk_work") {
        EvacuationRefusal::UnknownFactory { suggestion, .. } => {
            assert!(suggestion.unwrap().contains("minsk_works"))
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(
        refused(&mut sim, "urals_works"),
        EvacuationRefusal::NotInCity { .. }
    ));
    assert!(matches!(
        refused(&mut sim, "reich"),
        EvacuationRefusal::NotYours { .. }
    ));
    sim.act(Action::Evacuate {
        factory: "smolensk_works".into(),
    })
    .unwrap();
    let twice = refused(&mut sim, "smolensk_works");
    assert!(twice.to_string().contains("on the rails east"), "{twice}");
    // The variant that forbids evacuation.
    let (mut fixed, _) = load(&["no_evacuation"]);
    fixed.begin_phase(Faction::Soviet);
    assert!(matches!(
        refused(&mut fixed, "minsk_works"),
        EvacuationRefusal::Forbidden
    ));
}

#[test]
fn the_computer_evacuates_factories_the_enemy_closes_on() {
    let text = std::fs::read_to_string(FILE)
        .unwrap()
        .replace("evacuation: (ai: false", "evacuation: (ai: true");
    let dir = std::env::temp_dir().join("eastfront_ai_evacuates");
    std::fs::create_dir_all(dir.join("maps")).unwrap();
    std::fs::copy("tests/data/mini.ron", dir.join("mini.ron")).unwrap();
    std::fs::copy(
        "tests/data/maps/mini_map.ron",
        dir.join("maps/mini_map.ron"),
    )
    .unwrap();
    std::fs::write(dir.join("economy.ron"), text).unwrap();
    let l = Arc::new(
        load_scenario(&dir.join("economy.ron")).unwrap_or_else(|f| panic!("{}", f.render())),
    );
    let mut sim = Simulation::new(l, 1);
    sim.play_turn();
    // German corps stand a hex or two from Minsk: its works leave; Smolensk's stay.
    assert!(
        matches!(status(&sim, 0), Status::Moving { .. }),
        "{:?}",
        status(&sim, 0)
    );
    assert_eq!(status(&sim, 1), Status::Working);
}

#[test]
fn pools_left_over_after_refits_raise_new_formations() {
    let (mut sim, _) = load(&[]);
    for _ in 0..3 {
        sim.step();
    }
    let formed: Vec<&str> = sim
        .log()
        .iter()
        .filter(|e| e.text.contains("Test Corps formed at Moscow"))
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        !formed.is_empty(),
        "a corps is raised once the pool holds 8,000 men and 100 tanks"
    );
    assert!(formed[0].starts_with("1st Test Corps"), "{formed:?}");
    sim.step();
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text == "1st Test Corps arrives at Moscow"),
        "it reaches the map the week after"
    );
}

#[test]
fn germany_keeps_divisions_back_from_the_west_and_sends_them_east() {
    let (mut sim, _) = load(&[]);
    sim.step();
    assert_eq!(
        last(&sim, "divisions_total.germany"),
        15.0,
        "6 East + 9 West"
    );
    let soviet = sim.act(Action::Allocate { west_percent: 50 });
    assert!(
        matches!(soviet, Err(Refusal::NoPhase) | Err(Refusal::NotAxisPhase)),
        "{soviet:?}"
    );
    sim.begin_phase(Faction::Soviet);
    assert_eq!(
        sim.act(Action::Allocate { west_percent: 50 }),
        Err(Refusal::NotAxisPhase)
    );
    sim.begin_phase(Faction::Axis);
    assert_eq!(
        sim.act(Action::Allocate { west_percent: 101 }),
        Err(Refusal::BadShare(101))
    );
    sim.act(Action::Allocate { west_percent: 50 }).unwrap();
    sim.step();
    // Half of 9 is 4.5: one corps of 3 divisions goes East.
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text.contains("Corps (from the West) formed at Stolbtsy")),
        "{:?}",
        sim.log()
    );
    sim.step();
    assert_eq!(last(&sim, "divisions_east.germany"), 9.0);
    assert_eq!(
        last(&sim, "divisions_total.germany"),
        15.0,
        "the total is unchanged"
    );
    assert_eq!(last(&sim, "german_share_east"), 0.6);
}

#[test]
fn air_forces_and_truck_parks_wear_out_and_are_replaced() {
    let (mut sim, _) = load(&["no_lend_lease"]);
    sim.step();
    // Germany: 1,000 less a tenth, plus half of 50 made.
    assert_eq!(last(&sim, "aircraft.germany"), 925.0);
    assert_eq!(last(&sim, "trucks.germany"), 9500.0);
    // The USSR: 2,000 less a tenth plus Smolensk's 4.
    assert_eq!(last(&sim, "aircraft.ussr"), 1804.0);
    assert_eq!(last(&sim, "trucks.ussr"), 5050.0);
}

#[test]
fn lend_lease_arrives_by_convoy_stops_when_suspended_and_when_cut() {
    let (mut sim, l) = load(&[]);
    let (mut none, _) = load(&["no_lend_lease"]);
    for _ in 0..3 {
        sim.step();
        none.step();
    }
    let got = last(&sim, "lend_lease.tons.test_route");
    let lost = last(&sim, "lend_lease.lost.test_route");
    // Three weeks of 13,400 t a month: about 9,277 t shipped, a tenth lost on average.
    assert!(got > 7000.0 && got + lost <= 9300.0, "{got} + {lost}");
    assert_eq!(last(&none, "lend_lease.tons.total"), 0.0);
    assert!(last(&sim, "pool.ussr.tanks") > last(&none, "pool.ussr.tanks"));
    // 13 and 20 July: suspended.
    sim.step();
    let before = last(&sim, "lend_lease.tons.total");
    sim.step();
    assert_eq!(last(&sim, "lend_lease.tons.total"), before);
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text == "Test route suspended: a test")
    );
    sim.step();
    assert!(last(&sim, "lend_lease.tons.total") > before, "it resumes");
    // The enemy takes Moscow, the route's only link into the map: nothing more arrives.
    give_to_germany(&mut sim, l.map.city("Moscow").unwrap().hex);
    sim.step();
    let cut = last(&sim, "lend_lease.tons.total");
    sim.step();
    assert_eq!(last(&sim, "lend_lease.tons.total"), cut);
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text.starts_with("Test route cut"))
    );
}

#[test]
fn the_same_seed_gives_the_same_economy() {
    let (mut a, _) = load(&[]);
    let (mut b, _) = load(&[]);
    for _ in 0..11 {
        a.play_turn();
        b.play_turn();
    }
    assert_eq!(a.state_hash(), b.state_hash());
    assert_eq!(a.records(), b.records());
}

#[test]
fn an_unknown_variant_is_an_error_that_names_the_ones_there_are() {
    let err = load_scenario_with(Path::new(FILE), &["no_lendlease".to_string()]).unwrap_err();
    let text = err.render();
    assert!(text.contains("no variant `no_lendlease`"), "{text}");
    assert!(text.contains("did you mean `no_lend_lease`"), "{text}");
    assert!(text.contains("no_evacuation"), "{text}");
}

/// A whole base campaign, and the same seed with Lend-Lease or evacuation turned off.
fn base_war(variants: &[&str]) -> Simulation {
    let v: Vec<String> = variants.iter().map(|s| s.to_string()).collect();
    let l = Arc::new(
        load_scenario_with(Path::new("scenarios/barbarossa_1941.ron"), &v)
            .unwrap_or_else(|f| panic!("{}", f.render())),
    );
    let mut sim = Simulation::new(l, 1);
    while !sim.is_over() {
        sim.play_turn();
    }
    sim
}

fn on(sim: &Simulation, date: &str, key: &str) -> f64 {
    sim.records()
        .iter()
        .rev()
        .find(|r| r.date.to_string().as_str() <= date)
        .and_then(|r| r.values.get(key).copied())
        .unwrap_or_else(|| panic!("no {key} by {date}"))
}

#[test]
fn the_base_economy_falls_and_recovers_on_the_historical_scale() {
    let sim = base_war(&[]);
    // HISTORY.md: Soviet tanks ~4,700 after 22 June 1941 and 24,000-24,700 in 1942; German
    // aircraft 15,400-15,600 in 1942. The war's course moves them: a wide band.
    let ut41 = on(&sim, "1941-12-28", "production.ussr.tanks.1941");
    let ut42 = on(&sim, "1942-12-27", "production.ussr.tanks.1942");
    let ga42 = on(&sim, "1942-12-27", "production.germany.aircraft.1942");
    assert!((3_500.0..=6_500.0).contains(&ut41), "{ut41}");
    assert!((17_000.0..=32_000.0).contains(&ut42), "{ut42}");
    assert!((13_000.0..=18_000.0).contains(&ga42), "{ga42}");
    // Soviet industry dips in the autumn of 1941 and has recovered a year later.
    let index = |from: &str, to: &str| -> Vec<f64> {
        sim.records()
            .iter()
            .filter(|r| {
                let d = r.date.to_string();
                d.as_str() >= from && d.as_str() <= to
            })
            .map(|r| r.values["industry.ussr"])
            .collect()
    };
    let dip = index("1941-08-01", "1942-01-31")
        .into_iter()
        .fold(f64::MAX, f64::min);
    let late_1942 = index("1942-10-01", "1942-12-31");
    assert!(dip < 0.9, "the dip reaches {dip}");
    assert!(
        late_1942.iter().all(|&v| v > dip + 0.1),
        "{dip} then {late_1942:?}"
    );
    // Lend-Lease by its three routes, on the scale of 1941-42's 1.7-2.3 million tons.
    let total = on(&sim, "1942-12-27", "lend_lease.tons.total");
    assert!((1.5e6..=3.5e6).contains(&total), "{total}");
    for route in ["arctic", "persian", "pacific"] {
        assert!(on(&sim, "1942-12-27", &format!("lend_lease.tons.{route}")) > 100_000.0);
    }
    assert!(
        on(&sim, "1942-12-27", "lend_lease.lost.arctic") > 0.0,
        "convoys lose ships"
    );
    assert!(
        sim.log()
            .iter()
            .any(|e| e.text.starts_with("Arctic convoys suspended")),
        "the PQ-17 suspension"
    );
    assert!(sim.log().iter().any(|e| e.text.contains("ordered east")));
}

#[test]
fn turning_lend_lease_or_evacuation_off_changes_the_war() {
    let base = base_war(&[]);
    let no_ll = base_war(&["no_lend_lease"]);
    let no_evac = base_war(&["no_evacuation"]);
    let end = |s: &Simulation, k: &str| s.records().last().unwrap().values[k];
    assert_eq!(end(&no_ll, "lend_lease.tons.total"), 0.0);
    assert!(end(&no_ll, "aircraft.ussr") < end(&base, "aircraft.ussr"));
    assert!(end(&no_ll, "trucks.ussr") < end(&base, "trucks.ussr"));
    assert_ne!(base.log().len(), no_ll.log().len(), "another war");
    assert!(
        !no_evac
            .log()
            .iter()
            .any(|e| e.text.contains("ordered east"))
    );
    // Factories that would have gone east are lost with their cities instead.
    let lost = |s: &Simulation| {
        s.world()
            .resource::<Industry>()
            .status
            .iter()
            .filter(|st| matches!(st, Status::Lost(_)))
            .count()
    };
    assert!(
        lost(&no_evac) > lost(&base),
        "{} vs {}",
        lost(&no_evac),
        lost(&base)
    );
    assert!(
        end(&no_evac, "industry.ussr") < end(&base, "industry.ussr"),
        "{} vs {}",
        end(&no_evac, "industry.ussr"),
        end(&base, "industry.ussr")
    );
}
