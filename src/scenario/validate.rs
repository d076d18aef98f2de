//! Checks of meaning: names that must exist, numbers that must be in range, units that must
//! stand on land they hold. Each problem names the path of the value at fault.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::common::{Owner, Side};
use super::diagnostic::did_you_mean;
use super::locate::{Problem, locate};
use super::scenario_file::{Position, Scenario, Unit};
use super::tree::Node;
use crate::fpath;
use crate::map::{HexId, HexMap};

/// Most units a scenario may have, counting reinforcements.
pub const MAX_UNITS: usize = 5_000;
/// Most turns a scenario may last (the whole war is ~200 weeks).
pub const MAX_TURNS: u32 = 260;

/// Where units stand and who holds what, once positions are resolved against the map.
#[derive(Debug, Clone, Default)]
pub struct Placed {
    /// The hex of each unit of `Scenario::units`, same order.
    pub unit_hex: Vec<HexId>,
    /// Who holds each hex at the start: the map's territories, then the scenario's `control`.
    pub owner: Vec<Owner>,
}

/// Inclusive ranges of the numbers a unit carries.
struct Range {
    field: &'static str,
    max: u32,
    min: u32,
    what: &'static str,
}

const UNIT_RANGES: [Range; 6] = [
    Range {
        field: "men",
        min: 1,
        max: 2_000_000,
        what: "men",
    },
    Range {
        field: "tanks",
        min: 0,
        max: 30_000,
        what: "tanks",
    },
    Range {
        field: "guns",
        min: 0,
        max: 60_000,
        what: "guns",
    },
    Range {
        field: "divisions",
        min: 0,
        max: 100,
        what: "divisions",
    },
    Range {
        field: "experience",
        min: 0,
        max: 100,
        what: "experience (0–100)",
    },
    Range {
        field: "cohesion",
        min: 0,
        max: 100,
        what: "cohesion (0–100)",
    },
];

fn unit_value(u: &Unit, field: &str) -> u32 {
    match field {
        "men" => u.men,
        "tanks" => u.tanks,
        "guns" => u.guns,
        "divisions" => u.divisions,
        "experience" => u.experience,
        _ => u.cohesion,
    }
}

pub fn check_scenario(s: &Scenario, map: &HexMap, tree: &Node) -> (Vec<Problem>, Placed) {
    let mut p = Vec::new();
    check_calendar(s, &mut p);
    let source_ids = check_sources(s, &mut p);
    check_sides(s, &mut p);
    check_rules(s, &mut p);
    check_weather(s, &source_ids, &mut p);
    check_plans(s, map, &source_ids, &mut p);
    check_replacements(s, &source_ids, &mut p);
    super::validate_economy::check(s, map, &source_ids, &mut p, check_source_ref);
    for (i, e) in s.german_divisions_elsewhere.iter().enumerate() {
        if e.divisions > 1000 {
            p.push(
                Problem::error(
                    fpath!["german_divisions_elsewhere", i, "divisions"],
                    format!("{} divisions is more than Germany ever had", e.divisions),
                )
                .hint("the German army had about 210 divisions in 1941 and 260 in 1942"),
            );
        }
        check_source_ref(
            &e.source,
            &source_ids,
            fpath!["german_divisions_elsewhere", i, "source"],
            &mut p,
        );
    }
    if let Some(sp) = &s.rules.surprise {
        check_source_ref(
            &sp.source,
            &source_ids,
            fpath!["rules", "surprise", "source"],
            &mut p,
        );
    }
    check_hqs(s, &source_ids, &mut p);
    let owner = control(s, map, &mut p);
    super::validate_claims::check(s, map, &source_ids, &mut p);
    let unit_hex = check_units(s, map, tree, &owner, &source_ids, &mut p);
    check_supply_sources(s, map, &owner, &mut p);
    (p, Placed { unit_hex, owner })
}

/// A camp with units but no supply source at all would fight unsupplied from the first week:
/// almost certainly a map or scenario mistake, so say so (DESIGN.md: Supply and rail).
fn check_supply_sources(s: &Scenario, map: &HexMap, owner: &[Owner], p: &mut Vec<Problem>) {
    use super::common::Faction;
    for camp in [Faction::Axis, Faction::Soviet] {
        if !s.units.iter().any(|u| u.side.faction() == camp) {
            continue;
        }
        let held = |h: HexId| owner[h as usize].faction() == Some(camp);
        let links = map
            .boxes
            .iter()
            .filter(|b| b.side.faction() == camp)
            .flat_map(|b| &b.links)
            .any(|l| matches!(l.to, crate::map::LinkTarget::Hex(h) if held(h)));
        let cities = map.cities.iter().any(|c| {
            held(c.hex)
                && c.industry > 0
                && (camp == Faction::Axis || c.industry >= s.rules.supply.city_source_industry)
        });
        if !links && !cities {
            let who = match camp {
                Faction::Axis => "Germany and its allies have",
                Faction::Soviet => "the Soviet Union has",
            };
            p.push(
                Problem::warning(
                    fpath!["map"],
                    format!("{who} no supply source on this map at the start: no off-map rail link enters ground they hold and no city of theirs sends supplies, so their units will receive none"),
                )
                .hint("give an OffMap box of that side a Link to a city it holds, or give one of its cities industry"),
            );
        }
    }
}

fn check_calendar(s: &Scenario, p: &mut Vec<Problem>) {
    let c = s.calendar;
    if c.end <= c.start {
        p.push(
            Problem::error(
                fpath!["calendar", "end"],
                format!(
                    "the scenario ends ({}) before it starts ({})",
                    c.end, c.start
                ),
            )
            .label("end date")
            .hint("`end` must come after `start`"),
        );
    } else if c.turns() > MAX_TURNS {
        p.push(
            Problem::error(
                fpath!["calendar", "end"],
                format!("{} weeks is longer than the game allows", c.turns()),
            )
            .hint(format!(
                "a scenario lasts at most {MAX_TURNS} one-week turns"
            )),
        );
    }
}

fn check_sources(s: &Scenario, p: &mut Vec<Problem>) -> HashSet<String> {
    let mut ids = HashSet::new();
    for (i, src) in s.meta.sources.iter().enumerate() {
        if !ids.insert(src.id.clone()) {
            p.push(Problem::error(
                fpath!["meta", "sources", i, "id"],
                format!("two sources have the id `{}`", src.id),
            ));
        }
    }
    ids
}

fn check_source_ref(
    source: &Option<String>,
    ids: &HashSet<String>,
    path: crate::scenario::locate::FieldPath,
    p: &mut Vec<Problem>,
) {
    if let Some(id) = source
        && !ids.contains(id)
    {
        let mut known: Vec<&str> = ids.iter().map(String::as_str).collect();
        known.sort_unstable();
        p.push(
            Problem::error(path, format!("no source has the id `{id}`"))
                .label("unknown source")
                .hint_opt(did_you_mean(id, known.iter().copied()))
                .hint("sources are listed in `meta.sources` as Source(id: ..., cite: ...)"),
        );
    }
}

fn check_replacements(s: &Scenario, source_ids: &HashSet<String>, p: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in s.replacements.iter().enumerate() {
        if let Some(first) = seen.insert(&r.id, i) {
            p.push(
                Problem::error(
                    fpath!["replacements", i, "id"],
                    format!("two replacement streams have the id `{}`", r.id),
                )
                .hint(format!("the first is entry {first} of `replacements`")),
            );
        }
        if r.to < r.from {
            p.push(
                Problem::error(
                    fpath!["replacements", i, "to"],
                    format!("the stream ends ({}) before it begins ({})", r.to, r.from),
                )
                .label("end before start"),
            );
        }
        for (field, n, max) in [
            ("men_per_week", r.men_per_week, 1_000_000),
            ("tanks_per_week", r.tanks_per_week, 10_000),
            ("guns_per_week", r.guns_per_week, 50_000),
        ] {
            if n > max {
                p.push(
                    Problem::error(
                        fpath!["replacements", i, field],
                        format!("{n} a week is more than any side ever sent"),
                    )
                    .label("too many")
                    .hint(format!("the most allowed is {max} a week")),
                );
            }
        }
        check_source_ref(
            &r.source,
            source_ids,
            fpath!["replacements", i, "source"],
            p,
        );
    }
}

fn check_plans(s: &Scenario, map: &HexMap, source_ids: &HashSet<String>, p: &mut Vec<Problem>) {
    let hq_ids: Vec<&str> = s.hqs.iter().map(|h| h.id.as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, plan) in s.plans.iter().enumerate() {
        if let Some(first) = seen.insert(&plan.id, i) {
            p.push(
                Problem::error(
                    fpath!["plans", i, "id"],
                    format!("two plans have the id `{}`", plan.id),
                )
                .hint(format!("the first is entry {first} of `plans`")),
            );
        }
        match s.hqs.iter().find(|h| h.id == plan.hq) {
            None => p.push(
                Problem::error(
                    fpath!["plans", i, "hq"],
                    format!(
                        "the plan `{}` names `{}`, which is not an HQ",
                        plan.id, plan.hq
                    ),
                )
                .label("unknown HQ")
                .hint_opt(did_you_mean(&plan.hq, hq_ids.iter().copied())),
            ),
            Some(h) if h.side.faction() != plan.side.faction() => p.push(
                Problem::error(
                    fpath!["plans", i, "hq"],
                    format!(
                        "a plan for {} cannot direct the {} HQ `{}`",
                        plan.side, h.side, h.id
                    ),
                )
                .hint("a plan's side and its HQ's side must be in the same camp"),
            ),
            Some(_) => {}
        }
        if plan.to < plan.from {
            p.push(
                Problem::error(
                    fpath!["plans", i, "to"],
                    format!(
                        "the plan ends ({}) before it begins ({})",
                        plan.to, plan.from
                    ),
                )
                .label("end before start"),
            );
        }
        for (j, city) in plan.objectives.iter().enumerate() {
            if map.city(city).is_none() {
                p.push(
                    Problem::error(
                        fpath!["plans", i, "objectives", j],
                        format!("`{city}` is not a city on this map"),
                    )
                    .label("unknown city")
                    .hint_opt(did_you_mean(city, map.city_names()))
                    .hint("objectives are cities of the map (`eastfront inspect` lists them)"),
                );
            }
        }
        check_source_ref(&plan.source, source_ids, fpath!["plans", i, "source"], p);
    }
}

fn check_weather(s: &Scenario, source_ids: &HashSet<String>, p: &mut Vec<Problem>) {
    let Some(c) = &s.weather else { return };
    if c.north_from <= c.south_below {
        p.push(
            Problem::error(
                fpath!["weather", "north_from"],
                format!(
                    "the north zone ({}°N) must lie north of the south zone ({}°N)",
                    c.north_from, c.south_below
                ),
            )
            .hint("`north_from` is a latitude greater than `south_below`"),
        );
    }
    if c.spread_days > 60 {
        p.push(
            Problem::error(
                fpath!["weather", "spread_days"],
                format!("{} days is too wide a spread", c.spread_days),
            )
            .hint("give 0 to 60 days"),
        );
    }
    for (i, period) in c.periods.iter().enumerate() {
        if period.to < period.from {
            p.push(
                Problem::error(
                    fpath!["weather", "periods", i, "to"],
                    format!(
                        "this period ends ({}) before it begins ({})",
                        period.to, period.from
                    ),
                )
                .label("end before start"),
            );
        }
        check_source_ref(
            &period.source,
            source_ids,
            fpath!["weather", "periods", i, "source"],
            p,
        );
    }
    for (i, u) in c.unprepared.iter().enumerate() {
        if u.to < u.from {
            p.push(Problem::error(
                fpath!["weather", "unprepared", i, "to"],
                format!("this period ends ({}) before it begins ({})", u.to, u.from),
            ));
        }
        check_source_ref(
            &u.source,
            source_ids,
            fpath!["weather", "unprepared", i, "source"],
            p,
        );
    }
}

/// Every number of `rules`, with the range that keeps the game sensible.
fn check_rules(s: &Scenario, p: &mut Vec<Problem>) {
    let r = &s.rules;
    let (m, c, w, ai, v) = (&r.movement, &r.combat, &r.weather, &r.ai, &r.victory);
    let air = &r.air;
    let u = f64::from;
    let checks: Vec<(&[&str], f64, f64, f64)> = vec![
        (&["stacking_limit"], u(r.stacking_limit), 1.0, 20.0),
        (
            &["movement", "points", "infantry"],
            u(m.points.infantry),
            1.0,
            50.0,
        ),
        (
            &["movement", "points", "mountain"],
            u(m.points.mountain),
            1.0,
            50.0,
        ),
        (
            &["movement", "points", "cavalry"],
            u(m.points.cavalry),
            1.0,
            50.0,
        ),
        (
            &["movement", "points", "motorised"],
            u(m.points.motorised),
            1.0,
            50.0,
        ),
        (
            &["movement", "points", "armoured"],
            u(m.points.armoured),
            1.0,
            50.0,
        ),
        (
            &["movement", "terrain_cost", "clear"],
            u(m.terrain_cost.clear),
            1.0,
            50.0,
        ),
        (
            &["movement", "terrain_cost", "forest"],
            u(m.terrain_cost.forest),
            1.0,
            50.0,
        ),
        (
            &["movement", "terrain_cost", "marsh"],
            u(m.terrain_cost.marsh),
            1.0,
            50.0,
        ),
        (
            &["movement", "terrain_cost", "hills"],
            u(m.terrain_cost.hills),
            1.0,
            50.0,
        ),
        (
            &["movement", "terrain_cost", "mountains"],
            u(m.terrain_cost.mountains),
            1.0,
            50.0,
        ),
        (
            &["movement", "terrain_cost", "urban"],
            u(m.terrain_cost.urban),
            1.0,
            50.0,
        ),
        (
            &["movement", "river_crossing"],
            u(m.river_crossing),
            0.0,
            50.0,
        ),
        (
            &["air", "aircraft_per_attack"],
            u(air.aircraft_per_attack),
            1.0,
            100_000.0,
        ),
        (
            &["air", "support", "germany"],
            air.support.germany,
            1.0,
            5.0,
        ),
        (
            &["air", "support", "axis_allies"],
            air.support.axis_allies,
            1.0,
            5.0,
        ),
        (&["air", "support", "ussr"], air.support.ussr, 1.0, 5.0),
        (&["air", "flying", "dry"], air.flying.dry, 0.0, 1.0),
        (&["air", "flying", "mud"], air.flying.mud, 0.0, 1.0),
        (&["air", "flying", "snow"], air.flying.snow, 0.0, 1.0),
        (&["air", "flying", "winter"], air.flying.winter, 0.0, 1.0),
        (
            &["movement", "rail", "moves_per_week", "axis"],
            u(m.rail.moves_per_week.axis),
            0.0,
            1000.0,
        ),
        (
            &["movement", "rail", "moves_per_week", "soviet"],
            u(m.rail.moves_per_week.soviet),
            0.0,
            1000.0,
        ),
        (
            &["movement", "rail", "trains_per_move"],
            u(m.rail.trains_per_move),
            0.0,
            10_000.0,
        ),
        (
            &["movement", "rail", "max_km"],
            u(m.rail.max_km),
            0.0,
            20000.0,
        ),
        (
            &["combat", "attack_per", "thousand_men"],
            c.attack_per.thousand_men,
            0.0,
            100.0,
        ),
        (
            &["combat", "attack_per", "tank"],
            c.attack_per.tank,
            0.0,
            100.0,
        ),
        (
            &["combat", "attack_per", "gun"],
            c.attack_per.gun,
            0.0,
            100.0,
        ),
        (
            &["combat", "defence_per", "thousand_men"],
            c.defence_per.thousand_men,
            0.0,
            100.0,
        ),
        (
            &["combat", "defence_per", "tank"],
            c.defence_per.tank,
            0.0,
            100.0,
        ),
        (
            &["combat", "defence_per", "gun"],
            c.defence_per.gun,
            0.0,
            100.0,
        ),
        (
            &["combat", "terrain_defence", "clear"],
            c.terrain_defence.clear,
            0.1,
            10.0,
        ),
        (
            &["combat", "terrain_defence", "forest"],
            c.terrain_defence.forest,
            0.1,
            10.0,
        ),
        (
            &["combat", "terrain_defence", "marsh"],
            c.terrain_defence.marsh,
            0.1,
            10.0,
        ),
        (
            &["combat", "terrain_defence", "hills"],
            c.terrain_defence.hills,
            0.1,
            10.0,
        ),
        (
            &["combat", "terrain_defence", "mountains"],
            c.terrain_defence.mountains,
            0.1,
            10.0,
        ),
        (
            &["combat", "terrain_defence", "urban"],
            c.terrain_defence.urban,
            0.1,
            10.0,
        ),
        (&["combat", "river_defence"], c.river_defence, 0.1, 10.0),
        (
            &["combat", "leadership", "germany"],
            c.leadership.germany,
            0.1,
            3.0,
        ),
        (
            &["combat", "leadership", "axis_allies"],
            c.leadership.axis_allies,
            0.1,
            3.0,
        ),
        (
            &["combat", "leadership", "ussr"],
            c.leadership.ussr,
            0.1,
            3.0,
        ),
        (&["combat", "tanks_vs_allies"], c.tanks_vs_allies, 0.1, 10.0),
        (&["combat", "luck"], c.luck, 0.0, 2.0),
        (&["combat", "base_losses"], c.base_losses, 0.0, 0.5),
        (&["combat", "retreat_at"], c.retreat_at, 1.0, 20.0),
        (
            &["combat", "cohesion_loss", "attacker"],
            u(c.cohesion_loss.attacker),
            0.0,
            100.0,
        ),
        (
            &["combat", "cohesion_loss", "defender"],
            u(c.cohesion_loss.defender),
            0.0,
            100.0,
        ),
        (
            &["combat", "cohesion_loss", "retreat"],
            u(c.cohesion_loss.retreat),
            0.0,
            100.0,
        ),
        (
            &["combat", "no_retreat_losses"],
            c.no_retreat_losses,
            1.0,
            5.0,
        ),
        (
            &["combat", "log_battles_from"],
            u(c.log_battles_from),
            0.0,
            10_000_000.0,
        ),
        (
            &["combat", "cohesion_at_zero"],
            c.cohesion_at_zero,
            0.0,
            1.0,
        ),
        (
            &["combat", "experience_at_zero"],
            c.experience_at_zero,
            0.1,
            2.0,
        ),
        (
            &["combat", "experience_at_full"],
            c.experience_at_full,
            0.1,
            3.0,
        ),
        (&["combat", "supply_at_zero"], c.supply_at_zero, 0.0, 1.0),
        (&["refit", "weekly_share"], r.refit.weekly_share, 0.0, 1.0),
        (
            &["supply", "overland_points", "axis"],
            u(r.supply.overland_points.axis),
            0.0,
            50.0,
        ),
        (
            &["supply", "overland_points", "soviet"],
            u(r.supply.overland_points.soviet),
            0.0,
            50.0,
        ),
        (
            &["supply", "overland_at_limit"],
            r.supply.overland_at_limit,
            0.0,
            1.0,
        ),
        (
            &["supply", "tons_per_train"],
            r.supply.tons_per_train,
            1.0,
            10_000.0,
        ),
        (
            &["supply", "tons_per_thousand_men"],
            r.supply.tons_per_thousand_men,
            0.0,
            1000.0,
        ),
        (
            &["supply", "city_source_industry"],
            u(r.supply.city_source_industry),
            0.0,
            1000.0,
        ),
        (
            &["supply", "city_tons_per_industry"],
            r.supply.city_tons_per_industry,
            0.0,
            100_000.0,
        ),
        (
            &["supply", "conversion_km_per_week", "axis"],
            u(r.supply.conversion_km_per_week.axis),
            0.0,
            5000.0,
        ),
        (
            &["supply", "conversion_km_per_week", "soviet"],
            u(r.supply.conversion_km_per_week.soviet),
            0.0,
            5000.0,
        ),
        (
            &["supply", "converted_track_share"],
            r.supply.converted_track_share,
            0.0,
            1.0,
        ),
        (
            &["isolation", "cohesion_loss"],
            u(r.isolation.cohesion_loss),
            0.0,
            100.0,
        ),
        (
            &["isolation", "men_attrition"],
            r.isolation.men_attrition,
            0.0,
            1.0,
        ),
        (
            &["isolation", "equipment_attrition"],
            r.isolation.equipment_attrition,
            0.0,
            1.0,
        ),
        (
            &["isolation", "surrender_chance", "germany"],
            r.isolation.surrender_chance.germany,
            0.0,
            1.0,
        ),
        (
            &["isolation", "surrender_chance", "axis_allies"],
            r.isolation.surrender_chance.axis_allies,
            0.0,
            1.0,
        ),
        (
            &["isolation", "surrender_chance", "ussr"],
            r.isolation.surrender_chance.ussr,
            0.0,
            1.0,
        ),
        (
            &["isolation", "relief_hexes"],
            u(r.isolation.relief_hexes),
            0.0,
            100.0,
        ),
        (
            &["isolation", "relief_factor"],
            r.isolation.relief_factor,
            0.0,
            1.0,
        ),
        (&["airlift", "max_km"], r.airlift.max_km, 0.0, 10_000.0),
        (
            &["airlift", "tons_per_thousand_men"],
            r.airlift.tons_per_thousand_men,
            0.0,
            1000.0,
        ),
        (
            &["surprise", "cohesion"],
            r.surprise.as_ref().map_or(0.0, |x| u(x.cohesion)),
            0.0,
            100.0,
        ),
        (&["refit", "in_contact"], r.refit.in_contact, 0.0, 1.0),
        (
            &["combat", "leadership_learning", "to"],
            c.leadership_learning.as_ref().map_or(1.0, |l| l.to),
            0.1,
            3.0,
        ),
        (
            &["combat", "recovery", "rear"],
            u(c.recovery.rear),
            0.0,
            100.0,
        ),
        (
            &["combat", "recovery", "front"],
            u(c.recovery.front),
            0.0,
            100.0,
        ),
        (
            &["combat", "remnant_men"],
            u(c.remnant_men),
            0.0,
            1_000_000.0,
        ),
        (
            &["weather", "movement_cost", "dry"],
            w.movement_cost.dry,
            0.5,
            10.0,
        ),
        (
            &["weather", "movement_cost", "mud"],
            w.movement_cost.mud,
            0.5,
            10.0,
        ),
        (
            &["weather", "movement_cost", "snow"],
            w.movement_cost.snow,
            0.5,
            10.0,
        ),
        (
            &["weather", "movement_cost", "winter"],
            w.movement_cost.winter,
            0.5,
            10.0,
        ),
        (&["weather", "attack", "dry"], w.attack.dry, 0.05, 2.0),
        (&["weather", "attack", "mud"], w.attack.mud, 0.05, 2.0),
        (&["weather", "attack", "snow"], w.attack.snow, 0.05, 2.0),
        (&["weather", "attack", "winter"], w.attack.winter, 0.05, 2.0),
        (&["weather", "unprepared"], w.unprepared, 0.05, 1.0),
        (&["ai", "attack_odds"], ai.attack_odds, 0.1, 20.0),
        (&["ai", "defend_odds"], ai.defend_odds, 0.1, 20.0),
        (&["ai", "hold_odds"], ai.hold_odds, 0.1, 20.0),
        (
            &["victory", "collapse_population_share"],
            v.collapse_population_share,
            0.0,
            1.0,
        ),
        (
            &["victory", "historical_axis_share"],
            v.historical_axis_share,
            0.0,
            1.0,
        ),
        (&["victory", "historical_band"], v.historical_band, 0.0, 1.0),
    ];
    for (path, value, min, max) in checks {
        if !(min..=max).contains(&value) {
            let path = fpath!["rules"].then_all(path);
            p.push(
                Problem::error(
                    path.clone(),
                    format!("{value} is out of range for `{path}`"),
                )
                .label("out of range")
                .hint(format!("give a number from {min} to {max}")),
            );
        }
    }
}

fn check_sides(s: &Scenario, p: &mut Vec<Problem>) {
    for side in Side::ALL {
        let info = s.sides.get(side);
        let ok = info.colour.len() == 7
            && info.colour.starts_with('#')
            && info.colour[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            p.push(
                Problem::error(
                    fpath!["sides", side.key(), "colour"],
                    format!("\"{}\" is not a colour", info.colour),
                )
                .hint("write colours as \"#rrggbb\", e.g. \"#a8352f\""),
            );
        }
        if info.aircraft > 100_000 {
            p.push(
                Problem::error(
                    fpath!["sides", side.key(), "aircraft"],
                    format!("{} aircraft is more than any air force had", info.aircraft),
                )
                .hint("count the combat aircraft in the theatre; 100,000 is the most allowed"),
            );
        }
        if info.air_transport > 100_000 {
            p.push(
                Problem::error(
                    fpath!["sides", side.key(), "air_transport"],
                    format!(
                        "{} tons a day is more than any airlift flew",
                        info.air_transport
                    ),
                )
                .hint("give the tons a day its transports can fly in good weather; 100,000 is the most allowed"),
            );
        }
    }
}

fn check_hqs(s: &Scenario, source_ids: &HashSet<String>, p: &mut Vec<Problem>) {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, hq) in s.hqs.iter().enumerate() {
        if let Some(first) = by_id.insert(&hq.id, i) {
            p.push(
                Problem::error(
                    fpath!["hqs", i, "id"],
                    format!("two HQs have the id `{}`", hq.id),
                )
                .label("duplicate id")
                .hint(format!(
                    "the first is entry {first} of `hqs`; ids must be unique"
                )),
            );
            by_id.insert(&s.hqs[first].id, first);
        }
        check_source_ref(&hq.source, source_ids, fpath!["hqs", i, "source"], p);
    }
    let ids: Vec<&str> = s.hqs.iter().map(|h| h.id.as_str()).collect();
    for (i, hq) in s.hqs.iter().enumerate() {
        let Some(parent) = &hq.parent else { continue };
        match by_id.get(parent.as_str()) {
            None => p.push(
                Problem::error(
                    fpath!["hqs", i, "parent"],
                    format!(
                        "the HQ `{}` answers to `{parent}`, which is not an HQ",
                        hq.id
                    ),
                )
                .label("unknown HQ")
                .hint_opt(did_you_mean(parent, ids.iter().copied())),
            ),
            Some(&j) if s.hqs[j].side.faction() != hq.side.faction() => p.push(
                Problem::error(
                    fpath!["hqs", i, "parent"],
                    format!(
                        "the {} HQ `{}` cannot answer to the {} HQ `{parent}`",
                        hq.side, hq.id, s.hqs[j].side
                    ),
                )
                .hint("an HQ's parent must be on the same side"),
            ),
            Some(_) => {}
        }
    }
    // A chain of parents that returns to where it started.
    let mut reported: HashSet<usize> = HashSet::new();
    for start in 0..s.hqs.len() {
        let mut seen = vec![start];
        let mut cur = start;
        while let Some(next) = s.hqs[cur]
            .parent
            .as_deref()
            .and_then(|p| by_id.get(p).copied())
        {
            if next == start {
                if seen.iter().all(|i| !reported.contains(i)) {
                    let names: Vec<&str> = seen
                        .iter()
                        .map(|&i| s.hqs[i].id.as_str())
                        .chain([s.hqs[start].id.as_str()])
                        .collect();
                    p.push(
                        Problem::error(
                            fpath!["hqs", start, "parent"],
                            format!(
                                "HQs answer to each other in a circle: {}",
                                names.join(" → ")
                            ),
                        )
                        .hint("one of them must have no parent, or a parent outside the circle"),
                    );
                    reported.extend(seen.iter().copied());
                }
                break;
            }
            if seen.contains(&next) {
                break;
            }
            seen.push(next);
            cur = next;
        }
    }
}

/// The map's owners, changed by the scenario's `control` areas.
fn control(s: &Scenario, map: &HexMap, p: &mut Vec<Problem>) -> Vec<Owner> {
    let mut owner = map.owner.clone();
    for (i, area) in s.control.iter().enumerate() {
        if area.outline.len() < 3 {
            p.push(Problem::error(
                fpath!["control", i, "outline"],
                format!("the area `{}` has fewer than 3 corners", area.name),
            ));
            continue;
        }
        let pts: Vec<(f64, f64)> = area
            .outline
            .iter()
            .map(|q| map.projection.forward(q.0, q.1))
            .collect();
        for (h, o) in owner.iter_mut().enumerate() {
            if crate::map::point_in_polygon(map.centre_km(h as HexId), &pts) {
                *o = area.owner;
            }
        }
    }
    owner
}

fn check_units(
    s: &Scenario,
    map: &HexMap,
    tree: &Node,
    owner: &[Owner],
    source_ids: &HashSet<String>,
    p: &mut Vec<Problem>,
) -> Vec<HexId> {
    if s.units.len() > MAX_UNITS {
        p.push(Problem::error(
            fpath!["units"],
            format!(
                "{} units are more than the game allows ({MAX_UNITS})",
                s.units.len()
            ),
        ));
        return Vec::new();
    }
    let hq_ids: Vec<&str> = s.hqs.iter().map(|h| h.id.as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut unit_hex = Vec::with_capacity(s.units.len());
    let calendar_ok = s.calendar.end > s.calendar.start;
    let mut late: Vec<&str> = Vec::new();
    // Units present at the start per (hex, faction), for the stacking check.
    let mut stacks: BTreeMap<(HexId, u8), Vec<usize>> = BTreeMap::new();
    for (i, u) in s.units.iter().enumerate() {
        let id = u.id();
        if let Some(first) = seen.insert(id, i) {
            let field = if u.id.is_some() { "id" } else { "name" };
            p.push(
                Problem::error(
                    fpath!["units", i, field],
                    format!("two units have the id `{id}`"),
                )
                .label("duplicate")
                .hint(format!(
                    "the first is entry {first} of `units`; give one of them a distinct `id`"
                )),
            );
        }
        match s.hqs.iter().find(|h| h.id == u.parent) {
            None => p.push(
                Problem::error(
                    fpath!["units", i, "parent"],
                    format!(
                        "the unit `{id}` belongs to `{}`, which is not an HQ",
                        u.parent
                    ),
                )
                .label("unknown HQ")
                .hint_opt(did_you_mean(&u.parent, hq_ids.iter().copied()))
                .hint("a unit's parent is the id of one of the `hqs`"),
            ),
            Some(hq) if hq.side.faction() != u.side.faction() => p.push(
                Problem::error(
                    fpath!["units", i, "parent"],
                    format!(
                        "the {} unit `{id}` cannot belong to the {} HQ `{}`",
                        u.side, hq.side, hq.id
                    ),
                )
                .hint("a unit's parent HQ must be on its own side"),
            ),
            Some(_) => {}
        }
        match (u.side, u.nation) {
            (Side::AxisAllies, None) => p.push(
                Problem::error(
                    fpath!["units", i, "side"],
                    format!("the allied unit `{id}` needs a `nation`"),
                )
                .hint("add e.g. `nation: Romania`"),
            ),
            (Side::Germany | Side::USSR, Some(n)) => p.push(
                Problem::error(
                    fpath!["units", i, "nation"],
                    format!("`nation: {n:?}` is only for units of `side: AxisAllies`"),
                )
                .hint("remove `nation`, or set `side: AxisAllies`"),
            ),
            _ => {}
        }
        for r in &UNIT_RANGES {
            let v = unit_value(u, r.field);
            if v < r.min || v > r.max {
                p.push(
                    Problem::error(
                        fpath!["units", i, r.field],
                        format!("{} is out of range for {}", thousands(v), r.what),
                    )
                    .label("out of range")
                    .hint(format!(
                        "`{}` must be from {} to {}",
                        r.field,
                        thousands(r.min),
                        thousands(r.max)
                    )),
                );
            }
        }
        check_source_ref(&u.source, source_ids, fpath!["units", i, "source"], p);
        if calendar_ok && let Some(d) = u.arrives {
            // A file that extends the base and moves the calendar means the base's schedule
            // to follow: arrivals before the new start are there from the start, arrivals
            // after the new end never come. Within one file, a date outside is a slip.
            let same_file = |end: &str| {
                locate(tree, &fpath!["units", i, "arrives"]).file
                    == locate(tree, &fpath!["calendar", end]).file
            };
            let outside = if d > s.calendar.end && same_file("end") {
                Some("after the scenario ends")
            } else if d > s.calendar.end {
                late.push(id);
                None
            } else if d < s.calendar.start && same_file("start") {
                Some("before the scenario starts")
            } else {
                None
            };
            if let Some(when) = outside {
                p.push(
                    Problem::error(
                        fpath!["units", i, "arrives"],
                        format!("`{id}` arrives on {d}, {when} ({} to {})", s.calendar.start, s.calendar.end),
                    )
                    .label("outside the calendar")
                    .hint("give a date within the calendar, or leave `arrives` out for a unit present at the start"),
                );
            }
        }
        let hex = place(u, i, map, p);
        unit_hex.push(hex.unwrap_or(0));
        let Some(hex) = hex else { continue };
        if !map.is_land(hex) {
            p.push(
                Problem::error(
                    fpath!["units", i, "at"],
                    format!("`{id}` would stand on water ({})", map.describe(hex)),
                )
                .label("sea or lake")
                .hint_opt(match u.at {
                    Position::LatLon(lat, lon) => swapped_hint(map, lat, lon),
                    _ => None,
                })
                .hint("move it onto land"),
            );
            continue;
        }
        if u.arrives.is_some_and(|d| d > s.calendar.start) {
            continue;
        }
        let held = owner[hex as usize];
        if held.faction() != Some(u.side.faction()) {
            let who = match held {
                Owner::Neutral => "neutral ground".to_string(),
                o => format!("ground held by {}", owner_name(o)),
            };
            p.push(
                Problem::error(
                    fpath!["units", i, "at"],
                    format!("`{id}` starts on {who} ({})", map.describe(hex)),
                )
                .label("not its side's territory")
                .hint(
                    "a unit starts in its own side's territory: move it back across the front line",
                ),
            );
        }
        stacks
            .entry((hex, u.side.faction() as u8))
            .or_default()
            .push(i);
    }
    if !late.is_empty() {
        let names = if late.len() <= 6 {
            late.join(", ")
        } else {
            format!("{}, and {} more", late[..5].join(", "), late.len() - 5)
        };
        p.push(
            Problem::warning(
                fpath!["calendar", "end"],
                format!("{} reinforcement(s) of the base scenario arrive after this end and will not enter play: {names}", late.len()),
            )
            .label("the scenario now ends here"),
        );
    }
    let limit = s.rules.stacking_limit as usize;
    for ((hex, _), units) in &stacks {
        if units.len() > limit {
            let names: Vec<&str> = units.iter().map(|&i| s.units[i].id()).collect();
            let over = units[limit];
            p.push(
                Problem::error(
                    fpath!["units", over, "at"],
                    format!("{} units start in one hex ({}): {}", units.len(), map.describe(*hex), names.join(", ")),
                )
                .label("one too many")
                .hint(format!("at most {limit} units may share a hex (`rules.stacking_limit`); spread them out")),
            );
        }
    }
    unit_hex
}

fn thousands(n: u32) -> String {
    crate::words::thousands(f64::from(n))
}

/// How a side is written in files and said in messages.
fn owner_name(o: Owner) -> &'static str {
    match o {
        Owner::Germany => "Germany",
        Owner::AxisAllies => "the Axis allies",
        Owner::USSR => "the USSR",
        Owner::Neutral => "a neutral country",
    }
}

/// "did you swap them?" when the point the other way round is on the map's land.
fn swapped_hint(map: &HexMap, lat: f64, lon: f64) -> Option<String> {
    map.hex_at(lon, lat).filter(|&h| map.is_land(h)).map(|h| {
        format!(
            "did you swap latitude and longitude? LatLon({lon}, {lat}) is on land ({})",
            map.describe(h)
        )
    })
}

fn place(u: &Unit, i: usize, map: &HexMap, p: &mut Vec<Problem>) -> Option<HexId> {
    match &u.at {
        Position::City(name) => {
            let hex = map.city(name).map(|c| c.hex);
            if hex.is_none() {
                p.push(
                    Problem::error(
                        fpath!["units", i, "at", 0],
                        format!("`{name}` is not a city on this map"),
                    )
                    .label("unknown city")
                    .hint_opt(did_you_mean(name, map.city_names()))
                    .hint("use a city of the map (`eastfront inspect` lists them), or LatLon(lat, lon)"),
                );
            }
            hex
        }
        Position::LatLon(lat, lon) => {
            let hex = map.hex_at(*lat, *lon);
            if hex.is_none() {
                let b = map.bounds;
                p.push(
                    Problem::error(
                        fpath!["units", i, "at"],
                        format!("({lat}, {lon}) is off the map"),
                    )
                    .label("off the map")
                    .hint_opt(swapped_hint(map, *lat, *lon))
                    .hint(format!(
                        "the map covers {}–{}°N and {}–{}°E; latitude comes first",
                        b.south, b.north, b.west, b.east
                    )),
                );
            }
            hex
        }
        Position::Hex(q, r) => {
            let hex = map.id_of(hexx::Hex::new(*q, *r));
            if hex.is_none() {
                p.push(
                    Problem::error(fpath!["units", i, "at"], format!("there is no hex ({q}, {r}) on this map"))
                        .label("off the map")
                        .hint("`eastfront inspect` lists hex coordinates; LatLon(lat, lon) does not depend on hex size"),
                );
            }
            hex
        }
    }
}
