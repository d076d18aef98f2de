//! Claims judged on runs, and experiments over many runs, on a small scenario of their own
//! (tests/data/mini_claims.ron) with a claim of every kind.

use std::path::Path;
use std::sync::Arc;

use eastfront::batch::{self, Experiment};
use eastfront::claims::Verdict;
use eastfront::scenario::load_scenario;

const FILE: &str = "tests/data/mini_claims.ron";

fn experiment(runs: usize, threads: usize) -> Experiment {
    Experiment {
        runs,
        seed: 5,
        variants: Vec::new(),
        threads,
    }
}

#[test]
fn one_run_judges_every_kind_of_test() {
    let l = Arc::new(load_scenario(Path::new(FILE)).unwrap_or_else(|f| panic!("{}", f.render())));
    let r = batch::play_one(&l, 1);
    let verdict = |id: &str| {
        let i = l.scenario.claims.iter().position(|c| c.id == id).unwrap();
        r.verdicts[i].clone()
    };
    // 16th Army (90,000 men) joins 13th Army on 6 July: 170,000 men by 13 July.
    assert_eq!(verdict("smolensk_reinforced"), Verdict::Held);
    // 6 German divisions on the map of 15 in all.
    assert_eq!(verdict("share"), Verdict::Held);
    assert_eq!(verdict("always_tanks"), Verdict::Held);
    // The factor reaches 2 on 20 July: 35 tanks become 70.
    assert_eq!(verdict("july_tanks"), Verdict::Held);
    assert_eq!(verdict("moscow_never"), Verdict::Held);
    assert_eq!(verdict("held_moscow"), Verdict::Held);
    assert!(
        verdict("minsk_falls").held().is_some(),
        "a date test is judged"
    );
    assert!(matches!(
        verdict("lend_lease_aircraft"),
        Verdict::NotJudged(_)
    ));
}

#[test]
fn an_experiment_gives_the_same_results_on_any_number_of_threads() {
    let path = Path::new(FILE);
    let one = batch::play(path, &experiment(6, 1), &|_, _| {}).unwrap();
    let two = batch::play(path, &experiment(6, 2), &|_, _| {}).unwrap();
    assert_eq!(one.len(), 2, "the base and the claim's variant");
    for (a, b) in one.iter().zip(&two) {
        let hashes = |arm: &batch::Arm| -> Vec<(u64, String)> {
            arm.runs
                .iter()
                .map(|r| (r.seed, r.state_hash.clone()))
                .collect()
        };
        assert_eq!(hashes(a), hashes(b));
    }
    let seeds: Vec<u64> = one[0].runs.iter().map(|r| r.seed).collect();
    assert_eq!(seeds, vec![5, 6, 7, 8, 9, 10]);
    let (sa, sb) = (batch::summarise_claims(&one), batch::summarise_claims(&two));
    for (x, y) in sa.iter().zip(&sb) {
        assert_eq!((x.held, x.judged), (y.held, y.judged), "{}", x.id);
    }
}

#[test]
fn the_report_has_intervals_spreads_and_comparisons() {
    let e = experiment(8, 2);
    let arms = batch::play(Path::new(FILE), &e, &|_, _| {}).unwrap();
    let v = batch::to_json(&arms, &e);
    for key in [
        "scenario", "variant", "runs", "seed", "results", "claims", "metrics",
    ] {
        assert!(v.get(key).is_some(), "no {key}");
    }
    assert_eq!(v["runs"], 8);
    assert_eq!(v["results"].as_array().unwrap().len(), 8);
    let claim = |id: &str| {
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let share = claim("share");
    assert_eq!(share["held"], 8);
    // Wilson's interval for 8 of 8.
    let ci = share["ci95"].as_array().unwrap();
    assert!((ci[0].as_f64().unwrap() - 0.676).abs() < 0.001, "{ci:?}");
    assert_eq!(ci[1].as_f64().unwrap(), 1.0);
    assert!(share["record"].as_str().unwrap().contains("6 of 15"));
    // Without Lend-Lease the VVS has fewer aircraft, with an interval on the difference.
    let versus = claim("lend_lease_aircraft");
    let d = versus["difference"].as_f64().unwrap();
    let ci = versus["ci95"].as_array().unwrap();
    assert!(d < -10.0, "{d}");
    assert!(ci[0].as_f64().unwrap() <= d && d <= ci[1].as_f64().unwrap());
    assert_eq!(versus["verdict"], "held");
    let m = &v["metrics"]["men.ussr"];
    let (p5, p50, p95) = (
        m["p5"].as_f64().unwrap(),
        m["p50"].as_f64().unwrap(),
        m["p95"].as_f64().unwrap(),
    );
    assert!(p5 <= p50 && p50 <= p95, "{m}");
    let csv = batch::to_csv(&arms);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..2], &["seed", "state_hash"]);
    assert!(header.contains(&"claim.share") && header.contains(&"men.ussr"));
    assert!(header.contains(&"outcome"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.split(',').count() == header.len()));
}

#[test]
fn a_claim_about_a_later_ring_is_not_decided_by_an_earlier_one() {
    use eastfront::claims::{Run, judge};
    use eastfront::scenario::Date;
    use eastfront::scenario::claim_file::{Claim, Test};
    let d = |s: &str| Date::parse(s).unwrap();
    let claim = Claim {
        id: "x".into(),
        text: "6th Army surrounded in November 1942".into(),
        origin: "o".into(),
        record: "r".into(),
        sources: vec![],
        test: Test::Happens {
            metric: "encircled.6th Army".into(),
            after: Some(d("1942-11-01")),
            by: Some(d("1942-11-30")),
        },
    };
    let last = |rings: &[&str]| {
        let mut m = serde_json::Map::new();
        m.insert(
            "encircled.6th Army".into(),
            rings
                .first()
                .map_or(serde_json::Value::Null, |r| (*r).into()),
        );
        m.insert(
            "encirclements".into(),
            serde_json::json!({ "6th Army": rings }),
        );
        m
    };
    let judge_with = |rings: &[&str]| {
        let m = last(rings);
        judge(
            &claim,
            &Run {
                records: &[],
                last: &m,
                stopped: None,
            },
        )
    };
    assert_eq!(judge_with(&["1941-08-03", "1942-11-22"]), Verdict::Held);
    assert_eq!(judge_with(&["1941-08-03"]), Verdict::Failed);
    assert_eq!(judge_with(&[]), Verdict::Failed);
}

#[test]
fn the_teachers_file_in_docs_claims_md_loads_and_runs() {
    let doc = std::fs::read_to_string("docs/claims.md").unwrap();
    let section = &doc[doc.find("## A teacher's file").expect("the section")..];
    let start = section.find("```ron\n").unwrap() + "```ron\n".len();
    let text = &section[start..start + section[start..].find("```").unwrap()];
    assert!(
        text.lines().count() <= 22,
        "the docs promise about twenty lines"
    );
    let base = std::fs::canonicalize("scenarios/barbarossa_1941.ron").unwrap();
    let text = text.replace(
        "extends: \"barbarossa_1941.ron\"",
        &format!("extends: {:?}", base.to_str().unwrap()),
    );
    let dir = std::env::temp_dir().join("eastfront_docs_claims");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("purges.ron");
    std::fs::write(&file, text).unwrap();
    let l = load_scenario(&file).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(
        l.scenario
            .claims
            .iter()
            .any(|c| c.id == "purges_cost_ground")
    );
    assert!(l.scenario.variants.iter().any(|v| v.id == "purges_only"));
    let base_claims = load_scenario(&base).unwrap().scenario.claims.len();
    assert_eq!(l.scenario.claims.len(), base_claims + 2, "two new");
    let arms = batch::play(&file, &experiment(1, 1), &|_, _| {}).unwrap();
    let summary = batch::summarise_claims(&arms);
    let purges = summary
        .iter()
        .find(|c| c.id == "purges_cost_ground")
        .unwrap();
    assert!(purges.difference.is_some(), "the comparison was played");
}

#[test]
fn a_comparison_says_so_when_its_interval_cannot_tell() {
    use eastfront::scenario::claim_file::Compare;
    let at_least = Compare::AtLeast(0.1);
    assert_eq!(at_least.interval(0.12, 0.3), Some(true));
    assert_eq!(at_least.interval(-0.2, 0.05), Some(false));
    assert_eq!(at_least.interval(0.0, 0.2), None);
    let at_most = Compare::AtMost(-0.05);
    assert_eq!(at_most.interval(-0.12, 0.03), None);
    assert_eq!(at_most.interval(-0.3, -0.06), Some(true));
    // The teacher's no_lend_lease.ron turns Lend-Lease off itself, so its claim compares two
    // identical sets of runs: no collapse either way is no proof of anything.
    let arms = batch::play(
        Path::new("scenarios/no_lend_lease.ron"),
        &experiment(2, 2),
        &|_, _| {},
    )
    .unwrap();
    let s = batch::summarise_claims(&arms);
    let ll = s.iter().find(|c| c.id == "lend_lease_mattered").unwrap();
    assert_eq!(ll.versus, Some(batch::Versus::CannotTell), "{ll:?}");
    // Played with the variant already applied, the comparison is not judged at all.
    let mut e = experiment(2, 2);
    e.variants = vec!["no_lend_lease".into()];
    let arms = batch::play(Path::new(FILE), &e, &|_, _| {}).unwrap();
    let s = batch::summarise_claims(&arms);
    let ll = s.iter().find(|c| c.id == "lend_lease_aircraft").unwrap();
    assert_eq!(ll.versus, Some(batch::Versus::AlreadyApplied));
}

#[test]
fn a_teacher_can_take_base_claims_and_variants_away() {
    let dir = std::env::temp_dir().join("eastfront_remove_claims");
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::fs::canonicalize(FILE).unwrap();
    let file = dir.join("fewer.ron");
    std::fs::write(
        &file,
        format!(
            "Scenario(extends: {:?}, remove: (claims: [\"share\", \"lend_lease_aircraft\"], variants: [\"no_evacuation\"]))",
            base.to_str().unwrap()
        ),
    )
    .unwrap();
    let l = load_scenario(&file).unwrap_or_else(|f| panic!("{}", f.render()));
    let ids: Vec<&str> = l.scenario.claims.iter().map(|c| c.id.as_str()).collect();
    assert!(
        !ids.contains(&"share") && ids.contains(&"moscow_never"),
        "{ids:?}"
    );
    assert_eq!(l.scenario.variants.len(), 1);
}

#[test]
fn a_stopped_experiment_starts_no_more_campaigns_and_keeps_none() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let path = Path::new(FILE);
    // Stopped from the progress report once 3 campaigns are done, on one thread: the rest
    // (of 2 arms x 20) never start.
    let stop = AtomicBool::new(false);
    let played = AtomicUsize::new(0);
    let progress = |done: usize, _: usize| {
        played.store(done, Ordering::Relaxed);
        if done >= 3 {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let out = batch::play_until(path, &experiment(20, 1), &progress, &stop)
        .unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(out.is_none(), "a stopped run keeps no results");
    assert_eq!(played.load(Ordering::Relaxed), 3);
    // Not stopped, the same call plays them all.
    let go_on = AtomicBool::new(false);
    let all = batch::play_until(path, &experiment(4, 2), &|_, _| {}, &go_on)
        .unwrap_or_else(|f| panic!("{}", f.render()))
        .expect("not stopped");
    assert!(all.iter().all(|arm| arm.runs.len() == 4));
}
