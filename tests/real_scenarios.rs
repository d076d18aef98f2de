//! The real map and base scenario: they load, they hold what the game promises, and they play
//! reproducibly.

use std::path::Path;
use std::sync::Arc;

use eastfront::map::great_circle_km;
use eastfront::scenario::{Side, load_map, load_scenario};
use eastfront::sim::Simulation;

const BASE: &str = "scenarios/barbarossa_1941.ron";
const MAP: &str = "scenarios/maps/eastern_front.ron";

#[test]
fn every_shipped_scenario_and_map_validates() {
    for dir in ["scenarios", "scenarios/maps"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ron") {
                continue;
            }
            let result = if dir.ends_with("maps") {
                load_map(&path).map(|_| ()).map_err(|f| f.render())
            } else {
                load_scenario(&path).map(|_| ()).map_err(|f| f.render())
            };
            if let Err(e) = result {
                panic!("{} does not validate:\n{e}", path.display());
            }
        }
    }
}

#[test]
fn the_map_has_the_promised_geography() {
    let m = load_map(Path::new(MAP)).unwrap_or_else(|f| panic!("{}", f.render()));
    let map = &m.map;
    let b = map.bounds;
    assert!(
        b.south <= 41.0 && b.north >= 61.0 && b.west <= 20.0 && b.east >= 50.0,
        "bounds {b:?}"
    );
    assert_eq!(map.hex_km, 50.0);
    assert!(map.land_count() >= 2000, "{} land hexes", map.land_count());
    assert!(map.cities.len() >= 70);
    for name in [
        "Moscow",
        "Leningrad",
        "Kiev",
        "Kharkov",
        "Stalingrad",
        "Rostov",
        "Minsk",
        "Smolensk",
        "Riga",
        "Odessa",
        "Sevastopol",
        "Voronezh",
        "Gorky",
        "Kuibyshev",
        "Tula",
        "Kursk",
        "Orel",
        "Bryansk",
        "Vyazma",
        "Rzhev",
        "Kalinin",
        "Novgorod",
        "Pskov",
        "Tikhvin",
        "Vologda",
        "Yaroslavl",
        "Saratov",
        "Astrakhan",
        "Krasnodar",
        "Maikop",
        "Grozny",
        "Dnepropetrovsk",
        "Zaporozhe",
        "Stalino",
        "Kalach",
        "Brest",
        "Lvov",
        "Warsaw",
        "Königsberg",
        "Bucharest",
        "Helsinki",
    ] {
        let c = map
            .city(name)
            .unwrap_or_else(|| panic!("{name} is missing"));
        assert!(map.is_land(c.hex), "{name} is not on land");
    }
    // Distances come out right: Moscow–Smolensk is ~370 km, about 7 hexes.
    let (moscow, smolensk) = (map.city("Moscow").unwrap(), map.city("Smolensk").unwrap());
    let km = great_circle_km((moscow.lat, moscow.lon), (smolensk.lat, smolensk.lon));
    assert!((km - 370.0).abs() < 15.0, "{km} km");
    // 370 km is 7.4 hex widths; a line off the hex axes takes a step more to walk.
    assert!((7..=8).contains(&map.distance(moscow.hex, smolensk.hex)));
    let ((x1, y1), (x2, y2)) = (map.centre_km(moscow.hex), map.centre_km(smolensk.hex));
    let centres = ((x1 - x2).powi(2) + (y1 - y2).powi(2)).sqrt();
    assert!(
        (centres - km).abs() < map.hex_km,
        "hex centres {centres} km apart, cities {km} km"
    );
    // The seas and lakes the issue names are water.
    for (what, lat, lon) in [
        ("Baltic", 56.0, 19.8),
        ("Gulf of Finland", 60.0, 26.5),
        ("Ladoga", 61.0, 31.5),
        ("Onega", 61.5, 35.5),
        ("Black Sea", 43.5, 34.0),
        ("Azov", 46.0, 36.5),
        ("Caspian", 42.5, 50.5),
    ] {
        let h = map
            .hex_at(lat, lon)
            .unwrap_or_else(|| panic!("{what} off the map"));
        assert!(!map.is_land(h), "{what} at {lat},{lon} is land");
    }
    // Rivers lie on hex edges: the Dnieper separates Kiev's bank from the east bank.
    let rivers = map.river_edges.iter().map(|e| e.count_ones()).sum::<u32>() / 2;
    assert!(rivers > 300, "only {rivers} river edges");
    for name in [
        "Western Dvina",
        "Dnieper",
        "Desna",
        "Bug",
        "Dniester",
        "Don",
        "Donets",
        "Volga",
        "Oka",
        "Volkhov",
        "Neva",
    ] {
        assert!(
            map.river_names.iter().any(|r| r.contains(name)),
            "river {name} is missing"
        );
    }
    // Railways connect Moscow with Leningrad, Kiev, Minsk and Rostov.
    for name in [
        "Moscow",
        "Leningrad",
        "Kiev",
        "Minsk",
        "Rostov",
        "Stalingrad",
        "Kharkov",
    ] {
        assert!(
            map.has_rail(map.city(name).unwrap().hex),
            "no railway at {name}"
        );
    }
    // The off-map boxes of DESIGN.md.
    for id in [
        "reich",
        "western_theatre",
        "urals",
        "arctic_ports",
        "iran",
        "siberia",
    ] {
        assert!(map.boxes.iter().any(|b| b.id == id), "box {id} is missing");
    }
}

#[test]
fn the_base_scenario_is_the_22_june_1941_order_of_battle() {
    let l = load_scenario(Path::new(BASE)).unwrap_or_else(|f| panic!("{}", f.render()));
    let s = &l.scenario;
    assert_eq!(s.calendar.start.to_string(), "1941-06-22");
    assert_eq!(s.calendar.turns(), 85);
    let at_start: Vec<_> = s.units.iter().filter(|u| u.arrives.is_none()).collect();
    assert!(
        at_start.len() >= 120,
        "{} units at the start",
        at_start.len()
    );
    let sum = |side: Side, f: fn(&&eastfront::scenario::scenario_file::Unit) -> u32| -> u64 {
        at_start
            .iter()
            .filter(|u| u.side == side)
            .map(|u| u64::from(f(u)))
            .sum()
    };
    // HISTORY.md: Germany ~3.0–3.3 M men and ~150 divisions in the East, ~3,300–3,600 tanks;
    // the Soviet western districts 2.68–2.9 M men and ~11,000 tanks, plus the reserve armies
    // behind them with their own mechanised corps (23,000+ Soviet tanks in all).
    let (gm, gd, gt) = (
        sum(Side::Germany, |u| u.men),
        sum(Side::Germany, |u| u.divisions),
        sum(Side::Germany, |u| u.tanks),
    );
    assert!((2_800_000..=3_400_000).contains(&gm), "German men {gm}");
    assert!((140..=160).contains(&gd), "German divisions {gd}");
    assert!((3_000..=4_000).contains(&gt), "German tanks {gt}");
    let (sm, st) = (sum(Side::USSR, |u| u.men), sum(Side::USSR, |u| u.tanks));
    assert!((2_600_000..=4_000_000).contains(&sm), "Soviet men {sm}");
    assert!((10_000..=16_000).contains(&st), "Soviet tanks {st}");
    assert!(sum(Side::AxisAllies, |u| u.men) > 200_000);
    // The command structure DESIGN.md names.
    for hq in [
        "Army Group North",
        "Army Group Centre",
        "Army Group South",
        "Panzer Group 1",
        "Panzer Group 2",
        "Panzer Group 3",
        "Panzer Group 4",
        "6th Army",
        "Western Front",
        "South-Western Front",
    ] {
        assert!(s.hqs.iter().any(|h| h.id == hq), "HQ {hq} is missing");
    }
    assert!(
        s.units.iter().filter(|u| u.arrives.is_some()).count() >= 40,
        "reinforcement schedule"
    );
    // Every unit is sourced, directly or by its HQ's comment block.
    assert!(
        s.units.iter().all(|u| u.source.is_some()),
        "a unit lacks a source"
    );
}

#[test]
fn same_seed_same_game_and_reinforcements_arrive() {
    let l = Arc::new(load_scenario(Path::new(BASE)).unwrap_or_else(|f| panic!("{}", f.render())));
    let play = |seed| {
        let mut sim = Simulation::new(l.clone(), seed);
        for _ in 0..30 {
            sim.step();
        }
        (sim.state_hash(), sim.log().len(), sim.records().to_vec())
    };
    let (h1, log1, rec1) = play(11);
    let (h2, log2, rec2) = play(11);
    assert_eq!(h1, h2);
    assert_eq!((log1, &rec1), (log2, &rec2));
    assert_eq!(rec1.len(), 30);
    assert_eq!(rec1[29].date.to_string(), "1942-01-11");
    assert!(log1 > 10, "only {log1} arrivals in 30 weeks");
    let soviet_units = |r: &eastfront::sim::TurnRecord| r.values["units.ussr"];
    assert!(
        soviet_units(&rec1[29]) > soviet_units(&rec1[0]),
        "no Soviet reinforcements arrived"
    );
}

#[test]
fn the_documented_extending_example_works() {
    // The file is the docs' example with only the `extends` path changed; keep them in step.
    let docs = std::fs::read_to_string("docs/scenario-format.md").unwrap();
    let file = std::fs::read_to_string("tests/data/docs_extending_example.ron").unwrap();
    let body = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.contains("extends:") && !l.starts_with("// The extending example"))
            .map(str::to_string)
            .collect()
    };
    let start = docs.find("## Extending a scenario").unwrap();
    let a = docs[start..].find("```ron").unwrap() + start + 7;
    let b = docs[a..].find("```").unwrap() + a;
    assert_eq!(
        body(&docs[a..b]),
        body(&file),
        "docs/scenario-format.md and tests/data/docs_extending_example.ron differ"
    );

    let l = load_scenario(Path::new("tests/data/docs_extending_example.ron"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(l.scenario.meta.title, "A stronger Smolensk");
    let (i, u) = l
        .scenario
        .units
        .iter()
        .enumerate()
        .find(|(_, u)| u.id() == "Soviet 16th Army")
        .unwrap();
    assert_eq!(u.men, 93_000);
    assert_eq!(l.placed.unit_hex[i], l.map.city("Smolensk").unwrap().hex);
    assert!(
        !l.scenario
            .units
            .iter()
            .any(|u| u.id() == "XXIV Motorised Corps")
    );
    let base = load_scenario(Path::new(BASE)).unwrap();
    assert_eq!(base.scenario.units.len(), l.scenario.units.len() + 1);
    assert_eq!(base.scenario.meta.description, l.scenario.meta.description);
}

#[test]
fn the_same_geography_loads_at_25_km() {
    // DESIGN.md: the map file is geography, so the same file serves finer scale tests.
    let text = std::fs::read_to_string(MAP).unwrap();
    let finer = text.replacen("hex_km: 50.0", "hex_km: 25.0", 1);
    assert_ne!(text, finer, "the map file no longer says hex_km: 50.0");
    let dir = std::env::temp_dir().join(format!("eastfront-25km-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("eastern_front_25km.ron");
    std::fs::write(&path, finer).unwrap();
    let fine = load_map(&path).unwrap_or_else(|f| panic!("{}", f.render()));
    std::fs::remove_dir_all(&dir).ok();
    let coarse = load_map(Path::new(MAP)).unwrap();
    let ratio = fine.map.land_count() as f64 / coarse.map.land_count() as f64;
    assert!(
        (3.6..=4.4).contains(&ratio),
        "25 km has {ratio:.2}× the land hexes of 50 km"
    );
    let (m, s) = (
        fine.map.city("Moscow").unwrap().hex,
        fine.map.city("Smolensk").unwrap().hex,
    );
    assert!((14..=17).contains(&fine.map.distance(m, s)));
}

#[test]
fn the_weather_follows_the_calendar_with_a_spread() {
    let l = Arc::new(load_scenario(Path::new(BASE)).unwrap());
    let weather_on = |seed: u64, date: &str, zone: &str| -> String {
        let mut sim = Simulation::new(l.clone(), seed);
        while sim
            .records()
            .last()
            .is_none_or(|r| r.date.to_string().as_str() < date)
        {
            sim.step();
        }
        sim.records().last().unwrap().weather[zone].clone()
    };
    for seed in [1, 2, 3] {
        assert_eq!(weather_on(seed, "1941-07-13", "centre"), "dry");
        // Typhoon stalled in the mud by the end of October 1941.
        assert_eq!(weather_on(seed, "1941-10-26", "centre"), "mud");
        // Deep winter before Moscow in late December.
        assert_eq!(weather_on(seed, "1941-12-21", "centre"), "deep winter");
    }
    // The edges of the seasons move from game to game.
    let early_october: std::collections::BTreeSet<String> = (0..20)
        .map(|s| weather_on(s, "1941-10-05", "centre"))
        .collect();
    assert!(
        early_october.len() > 1,
        "the first week of October is always {early_october:?}"
    );
}

#[test]
fn the_seasons_leave_no_dry_gaps_between_them() {
    let l = Arc::new(load_scenario(Path::new(BASE)).unwrap());
    for seed in 0..10 {
        let mut sim = Simulation::new(l.clone(), seed);
        for _ in 0..45 {
            sim.step();
        }
        let centre: Vec<(String, String)> = sim
            .records()
            .iter()
            .map(|r| (r.date.to_string(), r.weather["centre"].clone()))
            .collect();
        let first_mud = centre
            .iter()
            .position(|(_, w)| w == "mud")
            .expect("autumn mud");
        let winter_end = centre
            .iter()
            .rposition(|(d, w)| w == "deep winter" && d.as_str() < "1942-04-01")
            .unwrap();
        let gap = centre[first_mud..=winter_end]
            .iter()
            .find(|(_, w)| w == "dry");
        assert!(
            gap.is_none(),
            "seed {seed}: a dry week at {gap:?} between the autumn mud and the winter"
        );
    }
}
