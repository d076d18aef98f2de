//! Every broken fixture under tests/data/broken is refused with the right message at the
//! right place, so a teacher who makes that mistake is told where and why.

use std::path::Path;

use eastfront::scenario::{
    FileKind, LoadFailure, file_kind, load_map, load_scenario, load_scenario_with,
};

fn failure(file: &str) -> LoadFailure {
    let path = Path::new("tests/data/broken").join(file);
    let result = if file_kind(&path) == FileKind::Map {
        load_map(&path).map(|_| ())
    } else {
        load_scenario(&path).map(|_| ())
    };
    match result {
        Ok(()) => panic!("{file} loaded, but it is broken"),
        Err(f) => f,
    }
}

/// (file, part of the message, where it ends up: file name, line, column, part of a hint)
struct Expect {
    file: &'static str,
    message: &'static str,
    at: (&'static str, usize, usize),
    hint: Option<&'static str>,
}

const EXPECTED: &[Expect] = &[
    Expect {
        file: "bad_claim_field.ron",
        message: "unknown field `before`",
        at: ("bad_claim_field.ron", 6, 53),
        hint: Some("`by`"),
    },
    Expect {
        file: "bad_claims.ron",
        message: "this scenario measures nothing called `german_share_est`",
        at: ("bad_claims.ron", 6, 32),
        hint: Some("did you mean `german_share_east`?"),
    },
    Expect {
        file: "bad_economy.ron",
        message: "there is no city `Smolensc` on the map",
        at: ("bad_economy.ron", 6, 55),
        hint: Some("did you mean `Smolensk`?"),
    },
    Expect {
        file: "syntax_missing_comma.ron",
        message: "expected `,` or `)`",
        at: ("syntax_missing_comma.ron", 9, 9),
        hint: Some("comma missing"),
    },
    Expect {
        file: "unclosed_string.ron",
        message: "runs on over several lines",
        at: ("unclosed_string.ron", 5, 16),
        hint: Some("closing `\"` missing"),
    },
    Expect {
        file: "unknown_field.ron",
        message: "unknown field `mne`",
        at: ("unknown_field.ron", 25, 28),
        hint: Some("did you mean `men`?"),
    },
    Expect {
        file: "unknown_kind.ron",
        message: "`Infantery` is not one of the accepted names",
        at: ("unknown_kind.ron", 24, 39),
        hint: Some("did you mean `Infantry`?"),
    },
    Expect {
        file: "unknown_city.ron",
        message: "`Smolensck` is not a city on this map",
        at: ("unknown_city.ron", 30, 95),
        hint: Some("did you mean `Smolensk`?"),
    },
    Expect {
        file: "unknown_parent.ron",
        message: "belongs to `4th Amry`, which is not an HQ",
        at: ("unknown_parent.ron", 24, 72),
        hint: Some("did you mean `4th Army`?"),
    },
    Expect {
        file: "unit_on_water.ron",
        message: "would stand on water",
        at: ("unit_on_water.ron", 26, 99),
        hint: Some("onto land"),
    },
    Expect {
        file: "off_the_map.ron",
        message: "(26.5, 53.2) is off the map",
        at: ("off_the_map.ron", 26, 99),
        hint: Some("latitude comes first"),
    },
    Expect {
        file: "duplicate_unit.ron",
        message: "two units have the id `13th Army`",
        at: ("duplicate_unit.ron", 30, 20),
        hint: Some("distinct `id`"),
    },
    Expect {
        file: "arrives_outside_calendar.ron",
        message: "arrives on 1942-07-06, after the scenario ends",
        at: ("arrives_outside_calendar.ron", 31, 89),
        hint: Some("within the calendar"),
    },
    Expect {
        file: "impossible_date.ron",
        message: "Jun 1941 has 30 days, not 31",
        at: ("impossible_date.ron", 11, 23),
        hint: None,
    },
    Expect {
        file: "experience_out_of_range.ron",
        message: "175 is out of range for experience",
        at: ("experience_out_of_range.ron", 27, 76),
        hint: Some("from 0 to 100"),
    },
    Expect {
        file: "wrong_type.ron",
        message: "expected a whole number of 0 or more, found the text \"many\"",
        at: ("wrong_type.ron", 29, 33),
        hint: None,
    },
    Expect {
        file: "enemy_territory.ron",
        message: "`VII Corps` starts on ground held by the USSR (Orsha)",
        at: ("enemy_territory.ron", 24, 88),
        hint: Some("own side's territory"),
    },
    Expect {
        file: "circular_hq.ron",
        message: "HQs answer to each other in a circle",
        at: ("circular_hq.ron", 19, 77),
        hint: None,
    },
    Expect {
        file: "missing_map.ron",
        message: "there is no map file",
        at: ("missing_map.ron", 12, 10),
        hint: Some("relative to this scenario file"),
    },
    Expect {
        file: "missing_calendar.ron",
        message: "the field `calendar` is missing",
        at: ("missing_calendar.ron", 3, 1),
        hint: Some("calendar: ..."),
    },
    Expect {
        file: "overstacked.ron",
        message: "4 units start in one hex",
        at: ("overstacked.ron", 30, 88),
        hint: Some("rules.stacking_limit"),
    },
    Expect {
        file: "missing_base.ron",
        message: "the base scenario",
        at: ("missing_base.ron", 3, 14),
        hint: Some("did you mean `mini.ron`?"),
    },
    Expect {
        file: "circular_a.ron",
        message: "`extends` goes round in a circle: circular_a.ron → circular_b.ron → circular_a.ron",
        at: ("circular_b.ron", 2, 14),
        hint: None,
    },
    Expect {
        file: "bad_map.ron",
        message: "Smolensk (32.05°N, 54.78°E) lies outside the map's bounds",
        at: ("bad_map.ron", 10, 37),
        hint: Some("latitude first"),
    },
    Expect {
        file: "bad_map.ron",
        message: "names `Vyazam`, which is not a city on this map",
        at: ("bad_map.ron", 13, 61),
        hint: Some("names from `cities`"),
    },
    Expect {
        file: "too_many_hexes.ron",
        message: "hexes; the game allows 250000",
        at: ("too_many_hexes.ron", 4, 13),
        hint: Some("larger `hex_km`"),
    },
    Expect {
        file: "extends_unmatched_override.ron",
        message: "the field `kind` is missing",
        at: ("extends_unmatched_override.ron", 6, 9),
        hint: Some(
            "matches no unit of the base scenario, so it is read as a new unit, which needs every field. Did you mean `16th Army`?",
        ),
    },
    Expect {
        file: "extends_a_map.ron",
        message: "is a map file, not a scenario",
        at: ("extends_a_map.ron", 3, 14),
        hint: Some("`extends` names a scenario"),
    },
    Expect {
        file: "curly_quotes.ron",
        message: "`\u{201c}` is a curly quote",
        at: ("curly_quotes.ron", 5, 16),
        hint: Some("straight double quote"),
    },
    Expect {
        file: "comma_in_number.ron",
        message: "a comma inside a number splits it in two",
        at: ("comma_in_number.ron", 29, 36),
        hint: Some("20_000"),
    },
    Expect {
        file: "bad_plan.ron",
        message: "names `Army Group Center`, which is not an HQ",
        at: ("bad_plan.ron", 34, 71),
        hint: Some("did you mean `Army Group Centre`?"),
    },
    Expect {
        file: "bad_plan.ron",
        message: "`Moskow` is not a city on this map",
        at: ("bad_plan.ron", 35, 94),
        hint: Some("did you mean `Moscow`?"),
    },
    Expect {
        file: "rule_out_of_range.ron",
        message: "5 is out of range for `rules.combat.luck`",
        at: ("rule_out_of_range.ron", 5, 28),
        hint: Some("from 0 to 2"),
    },
    Expect {
        file: "side_numbers_as_one.ron",
        message: "expected `(germany: …, axis_allies: …, ussr: …)`, found the number 0.25",
        at: ("side_numbers_as_one.ron", 4, 43),
        hint: None,
    },
];

#[test]
fn each_broken_file_is_refused_where_and_why() {
    for e in EXPECTED {
        let f = failure(e.file);
        let d = f
            .diagnostics
            .iter()
            .find(|d| d.message.contains(e.message))
            .unwrap_or_else(|| {
                panic!(
                    "{}: no error says {:?}; got:\n{}",
                    e.file,
                    e.message,
                    f.render()
                )
            });
        let loc = d
            .locate(&f.sources)
            .unwrap_or_else(|| panic!("{}: error has no position", e.file));
        assert!(
            loc.file.ends_with(e.at.0),
            "{}: error in {}, expected {}",
            e.file,
            loc.file,
            e.at.0
        );
        assert_eq!(
            (loc.line, loc.column),
            (e.at.1, e.at.2),
            "{}: position of {:?}\n{}",
            e.file,
            e.message,
            f.render()
        );
        if let Some(h) = e.hint {
            assert!(
                d.hints.iter().any(|x| x.contains(h)),
                "{}: hints {:?} lack {h:?}",
                e.file,
                d.hints
            );
        }
        // The rendered text quotes the offending line.
        let rendered = d.render(&f.sources);
        assert!(
            rendered.contains(loc.text.trim()),
            "{}: rendering lacks the line:\n{rendered}",
            e.file
        );
    }
}

#[test]
fn every_fixture_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir("tests/data/broken")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    files.sort();
    for f in files {
        let covered = EXPECTED.iter().any(|e| e.file == f || e.at.0 == f)
            || f == "several_mistakes.ron"
            || f == "extends_bad_change.ron"
            || f == "bad_variant.ron";
        assert!(covered, "{f} has no expectation in tests/broken_files.rs");
    }
}

#[test]
fn several_mistakes_are_all_reported_in_order() {
    let f = failure("several_mistakes.ron");
    let messages: Vec<&str> = f.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(f.error_count(), 3, "{messages:#?}");
    assert!(messages[0].contains("175 is out of range"));
    assert!(messages[1].contains("`Westren Front`"));
    assert!(messages[2].contains("`Smolensck`"));
}

#[test]
fn mistakes_in_an_extending_file_are_placed_in_that_file() {
    let f = failure("extends_bad_change.ron");
    assert_eq!(f.error_count(), 2, "{}", f.render());
    for (msg, line, col) in [
        ("no `VII Corp` in `units` to remove", 9, 22),
        ("`Smolnsk` is not a city", 7, 56),
    ] {
        let d = f
            .diagnostics
            .iter()
            .find(|d| d.message.contains(msg))
            .expect(msg);
        let loc = d.locate(&f.sources).unwrap();
        assert!(loc.file.ends_with("extends_bad_change.ron"));
        assert_eq!((loc.line, loc.column), (line, col), "{msg}");
    }
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let dir = std::env::temp_dir().join(format!("eastfront-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(64 * 1024 * 1024).unwrap();
    let err = load_scenario(&path).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        err.diagnostics[0]
            .message
            .contains("64 MB; scenario and map files are limited to 8 MB"),
        "{}",
        err.render()
    );
}

#[test]
fn a_binary_file_is_refused_politely() {
    let dir = std::env::temp_dir().join(format!("eastfront-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("picture.ron");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xff, 0xfe, 0]).unwrap();
    let err = load_scenario(&path).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        err.diagnostics[0].message.contains("is not UTF-8 text"),
        "{}",
        err.render()
    );
}

#[test]
fn a_teacher_may_end_the_war_early_without_touching_the_base() {
    use std::sync::Arc;
    let l = load_scenario(Path::new("tests/data/short_war.ron"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(l.scenario.calendar.turns(), 2);
    let w = &l.warnings[0];
    assert!(
        w.message.contains("will not enter play: 16th Army"),
        "{}",
        w.message
    );
    let loc = w.locate(&l.sources).unwrap();
    assert!(
        loc.file.ends_with("short_war.ron") && loc.line == 5,
        "{loc:?}"
    );
    let mut sim = eastfront::sim::Simulation::new(Arc::new(l), 1);
    while !sim.is_over() {
        sim.step();
    }
    assert_eq!(sim.records().len(), 2);
    assert!(sim.log().is_empty(), "nothing arrives in a two-week war");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    load_scenario(Path::new("tests/data/with_bom.ron"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
}

#[test]
fn every_mistake_in_the_economy_and_lend_lease_is_reported() {
    let f = failure("bad_economy.ron");
    let text = f.render();
    for part in [
        "no city `Smolensc`",
        "two factories have the id `works`",
        "no off-map box `urls`",
        "did you mean `urals`?",
        "-5 tanks a week cannot be made",
        "there is no HQ `Westren Front`",
        "would give every new unit the same name",
        "The Reich is not a Soviet box",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    assert_eq!(f.error_count(), 7, "{text}");
}

#[test]
fn a_broken_variant_is_reported_where_its_change_was_written() {
    let path = Path::new("tests/data/broken/bad_variant.ron");
    // Played as it is, the file is sound; the variant's mistake appears when it is chosen.
    assert!(load_scenario(path).is_ok());
    let f = load_scenario_with(path, &["stronger_13th".to_string()]).unwrap_err();
    let d = f
        .diagnostics
        .iter()
        .find(|d| d.message.contains("unknown field `mne`"))
        .unwrap_or_else(|| panic!("{}", f.render()));
    let loc = d.locate(&f.sources).expect("a position");
    assert!(loc.file.ends_with("bad_variant.ron"), "{}", loc.file);
    assert_eq!(loc.line, 6);
    assert!(
        d.hints.iter().any(|h| h.contains("did you mean `men`?")),
        "{:?}",
        d.hints
    );
}

#[test]
fn every_mistake_in_a_claim_is_reported() {
    let f = failure("bad_claims.ron");
    let text = f.render();
    for part in [
        "nothing called `german_share_est`",
        "`captured.Moscow` is a date, not a number",
        "`historic` is not an outcome",
        "no source has the id `nowhere`",
        "1944-01-01 is outside the scenario",
        "no variant `no_lendlease`",
        "did you mean `no_lend_lease`?",
        "`german_share_east` is a share from 0 to 1",
        "write 0.75 for 75%",
        "`outcome` is a word: a comparison of variants needs a number",
        "a difference is a number, not Is(\"true\")",
        "`tanks.ussr` is never below 0, so a test against -100 always holds",
        "this claim is judged on every week up to",
        "`losses.ussr.men` is never below 0, so a test against -1 can never hold",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    // A date outside the calendar is a warning: the claim is simply not judged.
    assert_eq!(f.error_count(), 10, "{text}");
    assert!(text.contains("this claim will not be judged"), "{text}");
}
