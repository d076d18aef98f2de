//! Supply, rail conversion, pockets, airlift and surrender, on small scenarios made for them.

use std::path::Path;
use std::sync::Arc;

use eastfront::map::HexId;
use eastfront::scenario::{Faction, Owner, load_scenario};
use eastfront::sim::actions::{Action, Outcome};
use eastfront::sim::pockets::{Pocket, PocketOutcome};
use eastfront::sim::supply::Supply;
use eastfront::sim::{Cohesion, Control, HexPos, Pending, Simulation, Strength, Unit};

fn load(file: &str) -> (Simulation, Arc<eastfront::scenario::Loaded>) {
    let l = Arc::new(load_scenario(Path::new(file)).unwrap_or_else(|f| panic!("{}", f.render())));
    (Simulation::new(l.clone(), 1), l)
}

fn city(l: &eastfront::scenario::Loaded, name: &str) -> HexId {
    l.map.city(name).unwrap().hex
}

fn entity(sim: &mut Simulation, name: &str) -> bevy::prelude::Entity {
    let w = sim.world_mut();
    let mut q = w.query::<(bevy::prelude::Entity, &Unit)>();
    q.iter(w).find(|(_, u)| u.name == name).unwrap().0
}

/// Puts a unit in a hex, as if it had marched there, and gives its camp the hex.
fn place(sim: &mut Simulation, name: &str, hex: HexId) {
    let e = entity(sim, name);
    let side = sim.world().get::<Unit>(e).unwrap().side;
    sim.world_mut()
        .entity_mut(e)
        .remove::<Pending>()
        .insert(HexPos(hex));
    sim.world_mut().resource_mut::<Control>().0[hex as usize] = match side.faction() {
        Faction::Axis => Owner::Germany,
        Faction::Soviet => Owner::USSR,
    };
}

fn men(sim: &mut Simulation, name: &str) -> u32 {
    let e = entity(sim, name);
    sim.world().get::<Strength>(e).unwrap().men
}

fn logged(sim: &Simulation, text: &str) -> bool {
    sim.log().iter().any(|e| e.text.contains(text))
}

fn supply(sim: &mut Simulation, name: &str) -> Supply {
    let e = entity(sim, name);
    sim.world()
        .get::<Supply>(e)
        .cloned()
        .expect("traced in the logistics phase")
}

fn pockets(sim: &mut Simulation) -> Vec<Pocket> {
    let w = sim.world_mut();
    let mut q = w.query::<&Pocket>();
    q.iter(w).cloned().collect()
}

/// Orsha's land neighbours, the ones off the railway first.
fn ring(l: &eastfront::scenario::Loaded, at: HexId) -> Vec<HexId> {
    let mut r: Vec<HexId> = l.map.land_neighbours(at).collect();
    r.sort_by_key(|&h| (l.map.has_rail(h), h));
    r
}

const GERMANS: [&str; 6] = [
    "VII Corps",
    "XXIV Motorised Corps",
    "I Corps",
    "II Corps",
    "III Corps",
    "IV Corps",
];

#[test]
fn a_ring_of_enemy_units_cuts_off_what_is_inside() {
    let (mut sim, l) = load("tests/data/mini_pocket.ron");
    let orsha = city(&l, "Orsha");
    place(&mut sim, "13th Army", orsha);
    let r = ring(&l, orsha);
    assert_eq!(r.len(), 6);
    for (g, &h) in GERMANS.iter().zip(&r) {
        place(&mut sim, g, h);
    }
    sim.step();
    let s = supply(&mut sim, "13th Army");
    assert!(s.isolated && s.received == 0.0, "{s:?}");
    assert!(s.why.unwrap().contains("cut off"));
    // Outside the ring, the Soviet armies are supplied from Moscow.
    assert!(!supply(&mut sim, "21st Army").isolated);
    // A ring that lasts one week may be a passing gap; in its second it is a pocket.
    assert!(pockets(&mut sim).is_empty());
    // Cut off, the army starves: men fall week by week.
    let before = men(&mut sim, "13th Army");
    assert!(before < 80_000, "a week without supply costs men: {before}");
    sim.step();
    let after = men(&mut sim, "13th Army");
    assert!(after < before, "{before} -> {after}");
    let p = pockets(&mut sim);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].name, "Orsha");
    assert_eq!(p[0].side, Faction::Soviet);
    assert_eq!(p[0].turns, 2);
    assert_eq!(
        p[0].closed, l.scenario.calendar.start,
        "dated from the week it closed"
    );
    assert!(logged(&sim, "The Orsha pocket closed on 22 Jun 1941"));
    assert!(
        supply(&mut sim, "13th Army")
            .why
            .unwrap()
            .contains("Orsha pocket")
    );
}

#[test]
fn zones_of_control_alone_close_a_gap_and_a_friendly_unit_keeps_it_open() {
    let (mut sim, l) = load("tests/data/mini_pocket.ron");
    let orsha = city(&l, "Orsha");
    place(&mut sim, "13th Army", orsha);
    let r = ring(&l, orsha);
    // Five units; the gap is the first hex off the railway, covered by its neighbours' zones.
    let gap = r[0];
    for (g, &h) in GERMANS.iter().zip(&r[1..]) {
        place(&mut sim, g, h);
    }
    sim.step();
    assert!(
        supply(&mut sim, "13th Army").isolated,
        "an empty gap inside enemy zones of control is closed"
    );
    // A Soviet army standing in the gap holds a corridor one hex wide.
    let (mut sim, _) = load("tests/data/mini_pocket.ron");
    place(&mut sim, "13th Army", orsha);
    for (g, &h) in GERMANS.iter().zip(&r[1..]) {
        place(&mut sim, g, h);
    }
    place(&mut sim, "16th Army", gap);
    sim.step();
    let s = supply(&mut sim, "13th Army");
    assert!(!s.isolated, "the corridor keeps it supplied: {s:?}");
    assert!(s.received > 0.0);
    assert!(pockets(&mut sim).is_empty());
}

#[test]
fn captured_track_serves_only_once_converted() {
    let (mut sim, l) = load("tests/data/mini_pocket.ron");
    let (minsk, vyazma, moscow) = (city(&l, "Minsk"), city(&l, "Vyazma"), city(&l, "Moscow"));
    // The Soviet armies go back to Moscow; the Germans hold everything west of Vyazma.
    let east: Vec<HexId> = l.map.land_neighbours(moscow).collect();
    place(&mut sim, "13th Army", east[0]);
    place(&mut sim, "19th Army", east[1]);
    place(&mut sim, "20th Army", east[2]);
    for h in 0..l.map.len() as HexId {
        if l.map.centre_km(h).0 <= l.map.centre_km(vyazma).0 + 1.0 {
            sim.world_mut().resource_mut::<Control>().0[h as usize] = Owner::Germany;
        }
    }
    place(&mut sim, "XXIV Motorised Corps", vyazma);
    let gauge = |sim: &Simulation, h: HexId| {
        sim.world().resource::<eastfront::sim::rail::Gauge>().0[h as usize]
    };
    assert_eq!(gauge(&sim, vyazma), Some(Faction::Soviet));
    sim.step();
    // The Reich's link brings German gauge to Minsk; from there it is laid a little a week.
    assert_eq!(gauge(&sim, minsk), Some(Faction::Axis));
    assert_eq!(
        gauge(&sim, vyazma),
        Some(Faction::Soviet),
        "not in one week"
    );
    let far = supply(&mut sim, "XXIV Motorised Corps");
    assert!(
        far.why.as_deref().is_some_and(|w| w.contains("railhead")),
        "{far:?}"
    );
    for _ in 0..8 {
        sim.step();
    }
    assert_eq!(gauge(&sim, vyazma), Some(Faction::Axis), "converted by now");
    let near = supply(&mut sim, "XXIV Motorised Corps");
    assert!(near.received > far.received, "{far:?} then {near:?}");
    assert!(near.why.is_some_and(|w| w.contains("converted")));
}

/// VII Corps ringed by six Soviet armies near Minsk, which the Germans hold as an airfield.
fn german_pocket(file: &str) -> (Simulation, Arc<eastfront::scenario::Loaded>) {
    let (mut sim, l) = load(file);
    let minsk = city(&l, "Minsk");
    let centre = l
        .map
        .land_neighbours(minsk)
        .max_by_key(|&h| l.map.centre_km(h).0 as i64)
        .unwrap();
    let centre = l
        .map
        .land_neighbours(centre)
        .max_by_key(|&h| l.map.centre_km(h).0 as i64)
        .unwrap();
    sim.world_mut().resource_mut::<Control>().0[minsk as usize] = Owner::Germany;
    place(&mut sim, "I Corps", minsk);
    place(&mut sim, "VII Corps", centre);
    let soviets = [
        "13th Army",
        "16th Army",
        "19th Army",
        "20th Army",
        "21st Army",
        "22nd Army",
    ];
    for (s, &h) in soviets.iter().zip(&ring(&l, centre)) {
        place(&mut sim, s, h);
    }
    // Two weeks: the ring is then a pocket.
    sim.step();
    sim.step();
    (sim, l)
}

#[test]
fn an_airlift_that_meets_the_need_keeps_a_pocket_alive() {
    let (mut sim, _) = german_pocket("tests/data/mini_pocket.ron");
    let p = pockets(&mut sim);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].side, Faction::Axis);
    let need = p[0].men as f64 / 1000.0 * 2.0;
    sim.begin_phase(Faction::Axis);
    let out = sim
        .act(Action::Airlift {
            pocket: p[0].id,
            tons_per_day: 400,
        })
        .unwrap_or_else(|r| panic!("{r}"));
    let Outcome::Airlifted {
        expected, need: n, ..
    } = out
    else {
        panic!("{out:?}")
    };
    assert!(
        (n - need).abs() < 1.0,
        "2 t a day per 1,000 men: {n} for {need}"
    );
    assert!(expected >= need, "400 t a day ordered, {expected} expected");
    // Asking for more than the pool holds is refused.
    assert!(
        sim.act(Action::Airlift {
            pocket: p[0].id,
            tons_per_day: 1,
        })
        .is_err()
    );
    let before = men(&mut sim, "VII Corps");
    sim.step();
    let after = men(&mut sim, "VII Corps");
    assert_eq!(before, after, "fed from the air, nobody starves");
    let s = supply(&mut sim, "VII Corps");
    assert!(s.isolated && s.received == 1.0, "{s:?}");
    let p = &pockets(&mut sim)[0];
    assert!(p.airlift_tons >= p.need_tons);
}

#[test]
fn an_airlift_that_misses_the_need_only_slows_the_starving() {
    let (mut sim, _) = german_pocket("tests/data/mini_pocket.ron");
    let id = pockets(&mut sim)[0].id;
    sim.begin_phase(Faction::Axis);
    sim.act(Action::Airlift {
        pocket: id,
        tons_per_day: 30,
    })
    .unwrap_or_else(|r| panic!("{r}"));
    let e = entity(&mut sim, "VII Corps");
    let before = sim.world().get::<Strength>(e).unwrap().men;
    sim.step();
    let after = sim.world().get::<Strength>(e).unwrap().men;
    let s = supply(&mut sim, "VII Corps");
    assert!(s.received > 0.0 && s.received < 1.0, "{s:?}");
    assert!(
        after < before,
        "short of food and fuel: {before} -> {after}"
    );
    // A full week without any airlift costs more than a week with some.
    sim.step();
    let unfed = sim.world().get::<Strength>(e).unwrap().men;
    assert!(
        f64::from(after - unfed) > f64::from(before - after),
        "{before} {after} {unfed}"
    );
}

#[test]
fn a_starving_pocket_surrenders_and_its_men_are_counted_as_prisoners() {
    let (mut sim, l) = load("tests/data/mini_surrender.ron");
    let orsha = city(&l, "Orsha");
    place(&mut sim, "13th Army", orsha);
    let e = entity(&mut sim, "13th Army");
    sim.world_mut().entity_mut(e).insert(Cohesion(0));
    for (g, &h) in GERMANS.iter().zip(&ring(&l, orsha)) {
        place(&mut sim, g, h);
    }
    sim.step();
    assert!(pockets(&mut sim).is_empty(), "not in the first week");
    assert!(sim.world().get_entity(e).is_ok());
    sim.step();
    let p = &pockets(&mut sim)[0];
    assert_eq!(p.outcome, PocketOutcome::Surrendered, "{p:?}");
    assert!(
        p.prisoners > 60_000 && p.prisoners < 80_000,
        "{}",
        p.prisoners
    );
    assert!(sim.world().get_entity(e).is_err(), "the army is gone");
    assert!(
        sim.log()
            .iter()
            .any(|x| x.text.contains("The Orsha pocket surrenders after 2 weeks"))
    );
    let last = sim.records().last().unwrap();
    assert_eq!(
        last.values["prisoners_taken.germany"] as u64, p.prisoners,
        "prisoners are counted"
    );
}

#[test]
fn a_camp_without_any_supply_source_is_warned_of() {
    let l = load_scenario(Path::new("tests/data/no_axis_supply.ron"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let text: Vec<String> = l.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("Germany and its allies have no supply source")),
        "{text:?}"
    );
    // The map with the Reich's links raises no such warning.
    let ok = load_scenario(Path::new("tests/data/mini.ron")).unwrap();
    assert!(
        !ok.warnings
            .iter()
            .any(|w| w.message.contains("supply source"))
    );
    // And the warning is true: the Axis units get nothing.
    let (mut sim, _) = load("tests/data/no_axis_supply.ron");
    sim.step();
    assert_eq!(supply(&mut sim, "VII Corps").received, 0.0);
}
