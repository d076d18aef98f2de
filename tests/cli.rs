//! The command line as a user meets it: exit codes, messages, JSON shapes.

use std::process::Command;

fn eastfront(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eastfront"))
        .args(args)
        .output()
        .expect("eastfront runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn validate_passes_good_files_and_fails_bad_ones() {
    let (code, out, _) = eastfront(&[
        "validate",
        "tests/data/mini.ron",
        "tests/data/maps/mini_map.ron",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("tests/data/mini.ron: ok"));
    assert!(out.contains("tests/data/maps/mini_map.ron: ok: map"));

    let (code, out, _) = eastfront(&[
        "validate",
        "tests/data/mini.ron",
        "tests/data/broken/several_mistakes.ron",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("--> tests/data/broken/several_mistakes.ron:30:95"),
        "{out}"
    );
    assert!(out.contains("hint: did you mean `Smolensk`?"), "{out}");
    assert!(out.contains("several_mistakes.ron: 3 errors"), "{out}");
    assert!(
        out.contains("tests/data/mini.ron: ok"),
        "a bad file must not hide the verdict on a good one"
    );
}

#[test]
fn validate_json_lists_positions() {
    let (code, out, _) = eastfront(&[
        "validate",
        "--format",
        "json",
        "tests/data/broken/unknown_parent.ron",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v[0]["diagnostics"][0];
    assert_eq!(v[0]["ok"], false);
    assert_eq!(d["line"], 24);
    assert_eq!(d["column"], 72);
    assert_eq!(d["hints"][0], "did you mean `4th Army`?");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let (code, out, err) = eastfront(&["validate", "tests/data/no_such_file.ron"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("there is no file tests/data/no_such_file.ron"),
        "{out}{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn wrong_arguments_explain_themselves() {
    let (code, _, err) = eastfront(&["run", "tests/data/mini.ron", "--seed", "abc"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'abc' for '--seed"), "{err}");
    let (code, _, err) = eastfront(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand"), "{err}");
    let (code, out, _) = eastfront(&["--help"]);
    assert_eq!(code, 0);
    for cmd in ["play", "validate", "inspect", "run"] {
        assert!(out.contains(cmd), "--help does not mention {cmd}");
    }
}

#[test]
fn inspect_json_shows_map_and_units() {
    let (code, out, err) = eastfront(&["inspect", "tests/data/mini.ron", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["calendar"]["start"], "1941-06-22");
    assert_eq!(v["calendar"]["turns"], 11);
    assert_eq!(v["map"]["hex_km"], 50.0);
    assert!(v["map"]["land_hexes"].as_u64().unwrap() > 150);
    let moscow = v["map"]["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Moscow")
        .unwrap();
    assert_eq!(moscow["lat"], 55.76);
    assert!(moscow["q"].is_i64() && moscow["r"].is_i64());
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 4);
    let minsk = units.iter().find(|u| u["name"] == "13th Army").unwrap();
    assert_eq!(minsk["place"], "Minsk");
    assert_eq!(minsk["side"], "ussr");
    assert_eq!(minsk["parent"], "Western Front");
    assert_eq!(minsk["men"], 80_000);
    assert_eq!(v["totals"]["germany"]["men"], 95_000);
}

#[test]
fn run_is_reproducible_and_reports_json() {
    let args = [
        "run",
        "tests/data/mini.ron",
        "--seed",
        "5",
        "--format",
        "json",
    ];
    let (code, a, err) = eastfront(&args);
    assert_eq!(code, 0, "{err}");
    let (_, b, _) = eastfront(&args);
    let (va, vb): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&a).unwrap(),
        serde_json::from_str(&b).unwrap(),
    );
    assert_eq!(va["state_hash"], vb["state_hash"]);
    assert_eq!(va["state_hash"].as_str().unwrap().len(), 16);
    assert_eq!(va["turns_played"], 11);
    assert_eq!(va["log"][0]["text"], "16th Army arrives at Smolensk");
    assert_eq!(va["log"][0]["date"], "1941-07-06");
    assert_eq!(va["turns"][2]["values"]["men.ussr"], 170_000.0);

    let (code, text, _) = eastfront(&["run", "tests/data/mini.ron", "--turns", "3"]);
    assert_eq!(code, 0);
    assert!(text.contains("Turn   3  6 Jul 1941"), "{text}");
    assert!(text.contains("16th Army arrives at Smolensk"));
    assert!(!text.contains("Turn   4"));
}

#[test]
fn a_broken_scenario_stops_run_with_its_errors() {
    let (code, _, err) = eastfront(&["run", "tests/data/broken/unknown_city.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`Smolensck` is not a city on this map"),
        "{err}"
    );
}

#[test]
fn run_reports_the_measurements_of_the_war() {
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini.ron",
        "--seed",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let m = &v["measurements"];
    for city in ["Minsk", "Smolensk", "Moscow"] {
        let captured = &m[format!("captured.{city}")];
        assert!(
            captured.is_null() || captured.as_str().is_some_and(|d| d.len() == 10),
            "{city}: {captured}"
        );
        let holder = m[format!("controls.{city}")].as_str().unwrap();
        assert!(["germany", "axis_allies", "ussr"].contains(&holder));
        // A city first taken by the Axis and never retaken is held by the Axis.
        if captured.is_null() {
            assert_eq!(holder, "ussr", "{city} was never taken but is not Soviet");
        }
    }
    assert!(
        [
            "soviet_collapse",
            "german_advantage",
            "historical",
            "soviet_advantage"
        ]
        .contains(&m["outcome"].as_str().unwrap())
    );
    assert_eq!(m["soviet_collapse"], false);
    let share = m["axis_vp_share"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share));
    let losses = &v["turns"][10]["values"];
    assert!(losses["losses.germany.men"].as_f64().unwrap() >= 0.0);
    // Supply and encirclement: a share per side, every HQ's encirclement date, the pockets.
    for side in ["germany", "axis_allies", "ussr"] {
        let s = m[format!("supply.{side}")].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s), "{side}: {s}");
        assert!(losses[format!("supply.{side}")].is_number());
    }
    for hq in ["Army Group Centre", "4th Army", "Western Front"] {
        let e = &m[format!("encircled.{hq}")];
        assert!(
            e.is_null() || e.as_str().is_some_and(|d| d.len() == 10),
            "{hq}: {e}"
        );
    }
    for p in m["pockets"].as_array().expect("pockets is a list") {
        assert!(p["name"].is_string() && p["men"].is_u64() && p["closed"].is_string());
        assert!(
            ["open", "relieved", "surrendered", "destroyed"]
                .contains(&p["outcome"].as_str().unwrap())
        );
    }
}

#[test]
fn run_lists_every_unit_with_its_supply_and_why() {
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini.ron",
        "--turns",
        "2",
        "--units",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let units = v["units"].as_array().expect("--units adds the list");
    assert!(units.iter().any(|u| u["name"] == "VII Corps"));
    for u in units {
        let s = u["supply"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s), "{u}");
        // Whoever gets less than all it needs is told why.
        assert_eq!(s < 1.0, u["why"].is_string(), "{u}");
    }
    let (code, text, _) = eastfront(&["run", "tests/data/mini.ron", "--turns", "2", "--units"]);
    assert_eq!(code, 0);
    assert!(text.contains("Units on") && text.contains("VII Corps") && text.contains("supply"));
}

#[test]
fn run_draws_the_front_at_the_end() {
    let (code, text, err) = eastfront(&["run", "tests/data/mini.ron", "--turns", "1", "--map"]);
    assert_eq!(code, 0, "{err}");
    let picture = text
        .split("The front on")
        .nth(1)
        .expect("a picture after the turns");
    assert!(picture.contains("Who holds what"));
    // Both camps' units and ground are in it.
    assert!(picture.contains('X') && picture.contains('S'));
    assert!(picture.contains('g') && picture.contains('u'));
    let (_, out, _) = eastfront(&[
        "run",
        "tests/data/mini.ron",
        "--turns",
        "1",
        "--map",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["front"]
            .as_str()
            .is_some_and(|f| f.contains("Who holds what"))
    );
}

#[test]
fn the_share_of_german_divisions_in_the_east_is_measured_where_the_scenario_says_the_rest() {
    let (code, out, err) = eastfront(&[
        "run",
        "scenarios/barbarossa_1941.ron",
        "--turns",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["turns"][0]["values"];
    let east = first["divisions_east.germany"].as_f64().unwrap();
    let total = first["divisions_total.germany"].as_f64().unwrap();
    // 56 divisions elsewhere in June 1941 (HISTORY.md: 73-75% in the East).
    assert_eq!(total - east, 56.0);
    let share = first["german_share_east"].as_f64().unwrap();
    assert!((0.70..=0.76).contains(&share), "{share}");
    assert!(v["measurements"]["german_share_east"].as_f64().is_some());
    // A scenario that does not say how many stood elsewhere reports no share at all.
    let (_, out, _) = eastfront(&[
        "run",
        "tests/data/mini.ron",
        "--turns",
        "1",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["turns"][0]["values"].get("german_share_east").is_none());
    assert!(v["measurements"].get("german_share_east").is_none());
}

#[test]
fn run_plays_a_variant_and_reports_production_and_lend_lease() {
    let (code, out, err) = eastfront(&["run", "tests/data/mini_economy.ron", "--turns", "4"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Production, ussr (from the start): tanks"),
        "{out}"
    );
    assert!(out.contains("Lend-Lease delivered:"), "{out}");
    assert!(out.contains("test_route"), "{out}");
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini_economy.ron",
        "--turns",
        "4",
        "--variant",
        "no_lend_lease",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["variant"][0], "no_lend_lease");
    assert_eq!(v["measurements"]["lend_lease.tons.total"], 0.0);
    assert!(
        v["measurements"]["production.ussr.tanks.1941"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert!(v["measurements"]["factories"].as_array().unwrap().len() == 4);
}

#[test]
fn an_unknown_variant_stops_run_and_names_the_ones_there_are() {
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini_economy.ron",
        "--variant",
        "no_lendlease",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("no variant `no_lendlease`"), "{err}");
    assert!(err.contains("did you mean `no_lend_lease`?"), "{err}");
}

#[test]
fn a_variant_named_twice_is_refused() {
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini_economy.ron",
        "--variant",
        "no_lend_lease",
        "--variant",
        "no_lend_lease",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("the variant `no_lend_lease` is asked for twice"),
        "{err}"
    );
}

#[test]
fn a_comparison_with_a_variant_already_played_plays_nothing_more() {
    let (code, out, err) = eastfront(&["run", "tests/data/mini_claims.ron", "--runs", "3"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(6 played in all"), "{out}");
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini_claims.ron",
        "--runs",
        "3",
        "--variant",
        "no_lend_lease",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(3 played in all"), "{out}");
    assert!(out.contains("every run already has the variants"), "{out}");
}

#[test]
fn validate_checks_every_variant_as_it_would_be_played() {
    let (code, out, _) = eastfront(&["validate", "tests/data/broken/bad_variant.ron"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("with variant `stronger_13th`"), "{out}");
    assert!(out.contains("unknown field `mne`"), "{out}");
    assert!(out.contains("1 error in variant stronger_13th"), "{out}");
    let (code, out, _) = eastfront(&["validate", "scenarios/barbarossa_1941.ron"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("9 variants"), "{out}");
}

#[test]
fn many_runs_report_claims_as_json_csv_and_text() {
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini_claims.ron",
        "--runs",
        "4",
        "--threads",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["runs"], 4);
    assert_eq!(v["seed"], 1);
    assert!(v["claims"][0]["ci95"].is_array());
    let (code, out, _) = eastfront(&["run", "tests/data/mini_claims.ron", "--runs", "3"]);
    assert_eq!(code, 0);
    assert!(out.contains("Claims:"), "{out}");
    assert!(out.contains("held in 3 of 3 runs"), "{out}");
    assert!(out.contains("95% interval"), "{out}");
    let file = std::env::temp_dir().join("eastfront_cli_runs.csv");
    let (code, out, err) = eastfront(&[
        "run",
        "tests/data/mini_claims.ron",
        "--runs",
        "3",
        "--format",
        "csv",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the report is in"), "{out}");
    let csv = std::fs::read_to_string(&file).unwrap();
    assert_eq!(csv.lines().count(), 4, "a header and three runs");
}

#[test]
fn wrong_numbers_of_runs_or_threads_are_refused() {
    for args in [
        &["run", "tests/data/mini.ron", "--runs", "0"][..],
        &[
            "run",
            "tests/data/mini.ron",
            "--runs",
            "2",
            "--threads",
            "0",
        ],
        &["run", "tests/data/mini.ron", "--threads", "2"],
        &["run", "tests/data/mini.ron", "--runs", "2", "--turns", "3"],
        &["run", "tests/data/mini.ron", "--turns", "0"],
        &[
            "run",
            "tests/data/mini.ron",
            "--runs",
            "2",
            "--out",
            "/nonexistent/folder/x.json",
        ],
        &[
            "run",
            "tests/data/mini.ron",
            "--runs",
            "2",
            "--out",
            "tests",
        ],
        &["validate", "tests/data/mini.ron", "--format", "csv"],
    ] {
        let (code, _, err) = eastfront(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?} says why");
    }
}

#[test]
fn a_game_stopped_early_does_not_judge_what_comes_later() {
    let (code, out, err) = eastfront(&["run", "tests/data/mini_claims.ron", "--turns", "2"]);
    assert_eq!(code, 0, "{err}");
    let line = |id: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("moscow_never").contains("not judged — the game stopped on"),
        "{out}"
    );
    assert!(line("held_moscow").contains("not judged"), "{out}");
    // 16th Army arrived on 6 July, after the two weeks played: not judged, not failed.
    assert!(line("smolensk_reinforced").contains("not judged"), "{out}");
    assert!(line("always_tanks").contains("not judged"), "{out}");
}

#[test]
fn inspect_lists_the_claims_and_variants() {
    let (code, out, _) = eastfront(&["inspect", "tests/data/mini_claims.ron"]);
    assert_eq!(code, 0);
    assert!(out.contains("Claims (see how often each holds"), "{out}");
    assert!(out.contains("moscow_never"), "{out}");
    assert!(out.contains("captured.Moscow never happens"), "{out}");
    assert!(out.contains("no_lend_lease"), "{out}");
    let (_, out, _) = eastfront(&["inspect", "tests/data/mini_claims.ron", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["claims"].as_array().unwrap().len(), 8);
    assert_eq!(v["variants"].as_array().unwrap().len(), 2);
}
