//! Untrusted files never panic the loader: every truncation point and random corruptions of
//! the real scenario and map come back as diagnostics (or load, if still valid).

use std::path::PathBuf;

use eastfront::scenario::{load_map, load_scenario, tree};

/// A tiny deterministic generator, so failures replay.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eastfront-robust-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("maps")).unwrap();
    std::fs::copy(
        "scenarios/maps/eastern_front.ron",
        dir.join("maps/eastern_front.ron"),
    )
    .unwrap();
    dir
}

#[test]
fn the_parser_survives_every_prefix_and_corruption() {
    let text = std::fs::read_to_string("scenarios/barbarossa_1941.ron").unwrap();
    let bytes = text.as_bytes();
    // Every prefix that ends on a character boundary, in steps.
    for cut in (0..bytes.len()).step_by(97) {
        if let Ok(prefix) = std::str::from_utf8(&bytes[..cut]) {
            let _ = tree::parse(prefix, 0);
        }
    }
    let mut rng = Lcg(42);
    let noise = b"()[]{},:\"'/*#_-.0123456789abcXYZ \n\t\\";
    for _ in 0..400 {
        let mut b = bytes.to_vec();
        for _ in 0..(1 + rng.next() % 8) {
            let at = (rng.next() as usize) % b.len();
            b[at] = noise[(rng.next() as usize) % noise.len()];
        }
        if let Ok(s) = String::from_utf8(b) {
            let _ = tree::parse(&s, 0);
        }
    }
}

#[test]
fn the_loader_reports_rather_than_panics_on_corrupted_scenarios() {
    let dir = scratch("scenario");
    let text = std::fs::read_to_string("scenarios/barbarossa_1941.ron").unwrap();
    let mut rng = Lcg(7);
    // Replace one token-ish slice with something plausible but wrong, then load fully.
    let swaps: [(&str, &str); 10] = [
        ("Infantry", "Infantery"),
        ("USSR", "Germany"),
        ("City(\"", "City(\"X"),
        ("men: ", "men: -"),
        ("LatLon(5", "LatLon(9"),
        ("parent: \"", "parent: \"Z"),
        ("divisions: ", "divisions: 1000"),
        ("arrives: \"1942", "arrives: \"1952"),
        (", ", " "),
        ("),", ")"),
    ];
    let mut loaded_or_failed = 0;
    for i in 0..60 {
        let (from, to) = swaps[i % swaps.len()];
        let hits: Vec<usize> = text.match_indices(from).map(|(p, _)| p).collect();
        let at = hits[(rng.next() as usize) % hits.len()];
        let mut s = text.clone();
        s.replace_range(at..at + from.len(), to);
        let path = dir.join("case.ron");
        std::fs::write(&path, s).unwrap();
        match load_scenario(&path) {
            Ok(_) => loaded_or_failed += 1,
            Err(f) => {
                assert!(!f.diagnostics.is_empty());
                // Every error can be rendered with its position.
                let _ = f.render();
                loaded_or_failed += 1;
            }
        }
    }
    assert_eq!(loaded_or_failed, 60);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_map_loader_reports_rather_than_panics() {
    let dir = scratch("map");
    let text = std::fs::read_to_string("scenarios/maps/eastern_front.ron").unwrap();
    let mut rng = Lcg(3);
    for i in 0..20 {
        let mut s = text.clone();
        let cuts = ["lat: ", "(4", "stations: [\"", "hex_km: ", "outline: ["];
        let from = cuts[i % cuts.len()];
        let hits: Vec<usize> = s.match_indices(from).map(|(p, _)| p).collect();
        let at = hits[(rng.next() as usize) % hits.len()];
        let to = match i % 5 {
            0 => "lat: 9",
            1 => "(-4",
            2 => "stations: [\"Q",
            3 => "hex_km: 0.",
            _ => "outline: [(1.0, 2.0)], nothing: [",
        };
        s.replace_range(at..at + from.len(), to);
        let path = dir.join("maps/eastern_front.ron");
        std::fs::write(&path, s).unwrap();
        if let Err(f) = load_map(&path) {
            let _ = f.render();
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
