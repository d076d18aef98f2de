//! Checks of the `economy`, `lend_lease` and `variants` sections: names that must exist on the
//! map or in the scenario, numbers in range, dates in order. Each problem names its path.

use std::collections::{HashMap, HashSet};

use super::common::Side;
use super::diagnostic::did_you_mean;
use super::economy_file::{Economy, Formation, Place};
use super::lend_lease_file::{CATEGORIES, LendLease};
use super::locate::{FieldPath, Problem};
use super::scenario_file::Scenario;
use crate::fpath;
use crate::map::HexMap;

pub(super) fn check(
    s: &Scenario,
    map: &HexMap,
    source_ids: &HashSet<String>,
    p: &mut Vec<Problem>,
    check_source_ref: fn(&Option<String>, &HashSet<String>, FieldPath, &mut Vec<Problem>),
) {
    if s.sides.germany.trucks > 5_000_000
        || s.sides.axis_allies.trucks > 5_000_000
        || s.sides.ussr.trucks > 5_000_000
    {
        for side in Side::ALL {
            if s.sides.get(side).trucks > 5_000_000 {
                p.push(
                    Problem::error(
                        fpath!["sides", side.key(), "trucks"],
                        "more than 5 million trucks is more than any army had",
                    )
                    .hint("the Wehrmacht took about 600,000 vehicles into the USSR"),
                );
            }
        }
    }
    if let Some(e) = &s.economy {
        economy(s, e, map, source_ids, p, check_source_ref);
    }
    if let Some(ll) = &s.lend_lease {
        lend_lease(ll, map, source_ids, p, check_source_ref);
    }
    unique_ids(
        s.variants.iter().map(|v| v.id.as_str()),
        &["variants"],
        "variants",
        "variants",
        p,
    );
    for (i, v) in s.variants.iter().enumerate() {
        check_source_ref(&v.source, source_ids, fpath!["variants", i, "source"], p);
    }
}

/// Each id once: a second item with the same id is an error at its `id`.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: &[&str],
    what: &str,
    list: &str,
    p: &mut Vec<Problem>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            let mut at = FieldPath(path.iter().map(|s| super::locate::Seg::from(*s)).collect());
            at.0.push(super::locate::Seg::from(i));
            at.0.push(super::locate::Seg::from("id"));
            p.push(
                Problem::error(at, format!("two {what} have the id `{id}`"))
                    .hint(format!("the first is entry {first} of `{list}`")),
            );
        }
    }
}

fn share(p: &mut Vec<Problem>, path: FieldPath, v: f64, max: f64, what: &str) {
    if !(0.0..=max).contains(&v) || v.is_nan() {
        p.push(
            Problem::error(path, format!("{v} is not a {what}"))
                .label("out of range")
                .hint(format!("write a number from 0 to {max}")),
        );
    }
}

fn city_hint(map: &HexMap, name: &str) -> Option<String> {
    did_you_mean(name, map.city_names())
}

fn box_ids(map: &HexMap) -> Vec<&str> {
    map.boxes.iter().map(|b| b.id.as_str()).collect()
}

fn economy(
    s: &Scenario,
    e: &Economy,
    map: &HexMap,
    source_ids: &HashSet<String>,
    p: &mut Vec<Problem>,
    check_source_ref: fn(&Option<String>, &HashSet<String>, FieldPath, &mut Vec<Problem>),
) {
    let boxes = box_ids(map);
    unique_ids(
        e.factories.iter().map(|f| f.id.as_str()),
        &["economy", "factories"],
        "factories",
        "factories",
        p,
    );
    for (i, f) in e.factories.iter().enumerate() {
        match &f.at {
            Place::City(c) => match map.city(c) {
                None => p.push(
                    Problem::error(
                        fpath!["economy", "factories", i, "at", 0],
                        format!("there is no city `{c}` on the map"),
                    )
                    .label("unknown city")
                    .hint_opt(city_hint(map, c)),
                ),
                Some(city) => {
                    let holder = map.owner[city.hex as usize].side();
                    if holder.is_some_and(|h| h.faction() != f.side.faction()) {
                        p.push(
                            Problem::warning(
                                fpath!["economy", "factories", i, "at", 0],
                                format!(
                                    "{c} is held by the enemy of {} at the start: this factory is lost in the first week",
                                    f.side.key()
                                ),
                            )
                            .hint("put the factory in a city its side holds, or in an off-map box"),
                        );
                    }
                }
            },
            Place::Box(b) => {
                if !boxes.contains(&b.as_str()) {
                    p.push(
                        Problem::error(
                            fpath!["economy", "factories", i, "at", 0],
                            format!("there is no off-map box `{b}`"),
                        )
                        .label("unknown box")
                        .hint_opt(did_you_mean(b, boxes.iter().copied()))
                        .hint(format!("the map's boxes are: {}", boxes.join(", "))),
                    );
                }
            }
        }
        for (k, v) in f.output.as_array().into_iter().enumerate() {
            let item = super::economy_file::ITEMS[k];
            if !(0.0..=1_000_000.0).contains(&v) || v.is_nan() {
                p.push(
                    Problem::error(
                        fpath!["economy", "factories", i, "output", item],
                        format!("{v} {item} a week cannot be made"),
                    )
                    .label("out of range")
                    .hint("output is a number a week from 0 to 1,000,000"),
                );
            }
        }
        check_source_ref(
            &f.source,
            source_ids,
            fpath!["economy", "factories", i, "source"],
            p,
        );
    }
    unique_ids(
        e.mobilisation.iter().map(|m| m.id.as_str()),
        &["economy", "mobilisation"],
        "mobilisation entries",
        "mobilisation",
        p,
    );
    for (i, m) in e.mobilisation.iter().enumerate() {
        for (k, v) in m.factor.as_array().into_iter().enumerate() {
            share(
                p,
                fpath![
                    "economy",
                    "mobilisation",
                    i,
                    "factor",
                    super::economy_file::ITEMS[k]
                ],
                v,
                50.0,
                "multiplier of output from 0 to 50",
            );
        }
        check_source_ref(
            &m.source,
            source_ids,
            fpath!["economy", "mobilisation", i, "source"],
            p,
        );
    }
    let hq_ids: Vec<&str> = s.hqs.iter().map(|h| h.id.as_str()).collect();
    unique_ids(
        e.formations.iter().map(|f| f.id.as_str()),
        &["economy", "formations"],
        "formations",
        "formations",
        p,
    );
    for (i, f) in e.formations.iter().enumerate() {
        formation(
            f,
            fpath!["economy", "formations", i],
            &hq_ids,
            s,
            map,
            source_ids,
            p,
            check_source_ref,
        );
    }
    let ev = &e.evacuation;
    if !boxes.contains(&ev.to.as_str()) {
        p.push(
            Problem::error(
                fpath!["economy", "evacuation", "to"],
                format!("there is no off-map box `{}`", ev.to),
            )
            .label("unknown box")
            .hint_opt(did_you_mean(&ev.to, boxes.iter().copied())),
        );
    }
    for (field, v, max) in [
        ("weeks", f64::from(ev.weeks), 52.0),
        ("loading_weeks", f64::from(ev.loading_weeks), 52.0),
        ("trains_per_day", ev.trains_per_day, 1000.0),
        ("restart_share", ev.restart_share, 1.0),
        ("growth_per_week", ev.growth_per_week, 1.0),
        ("peak_share", ev.peak_share, 5.0),
        ("threat_hexes", f64::from(ev.threat_hexes), 50.0),
    ] {
        share(
            p,
            fpath!["economy", "evacuation", field],
            v,
            max,
            &format!("value for `{field}` (0 to {max})"),
        );
    }
    if ev.loading_weeks > ev.weeks {
        p.push(
            Problem::error(
                fpath!["economy", "evacuation", "loading_weeks"],
                format!(
                    "loading takes {} weeks, longer than the whole move of {}",
                    ev.loading_weeks, ev.weeks
                ),
            )
            .hint("loading_weeks counts the first weeks of `weeks`"),
        );
    }
    check_source_ref(
        &ev.source,
        source_ids,
        fpath!["economy", "evacuation", "source"],
        p,
    );
    for side in Side::ALL {
        share(
            p,
            fpath!["economy", "aircraft_losses_per_week", side.key()],
            e.aircraft_losses_per_week.get(side),
            1.0,
            "share from 0 to 1",
        );
        share(
            p,
            fpath!["economy", "truck_wear_per_week", side.key()],
            e.truck_wear_per_week.get(side),
            1.0,
            "share from 0 to 1",
        );
        share(
            p,
            fpath!["economy", "tank_wear_per_week", side.key()],
            e.tank_wear_per_week.get(side),
            1.0,
            "share from 0 to 1",
        );
        share(
            p,
            fpath!["economy", "manpower_from_population", side.key()],
            e.manpower_from_population.get(side),
            1.0,
            "share from 0 to 1",
        );
    }
    for (field, b) in [
        ("truck_range_share", e.truck_range_share),
        ("supply_output_share", e.supply_output_share),
    ] {
        share(
            p,
            fpath!["economy", field, "min"],
            b.min,
            10.0,
            "share from 0 to 10",
        );
        share(
            p,
            fpath!["economy", field, "max"],
            b.max,
            10.0,
            "share from 0 to 10",
        );
        if b.max < b.min {
            p.push(
                Problem::error(
                    fpath!["economy", field, "max"],
                    format!("the highest share {} is below the lowest {}", b.max, b.min),
                )
                .label("max below min"),
            );
        }
    }
    if let Some(a) = &e.allocation {
        share(
            p,
            fpath!["economy", "allocation", "west_share_met"],
            a.west_share_met,
            1.0,
            "share from 0 to 1",
        );
        for (k, v) in a.east_share.as_array().into_iter().enumerate() {
            share(
                p,
                fpath![
                    "economy",
                    "allocation",
                    "east_share",
                    super::economy_file::ITEMS[k]
                ],
                v,
                1.0,
                "share from 0 to 1",
            );
        }
        if a.sent_east.side != Side::Germany {
            p.push(
                Problem::error(
                    fpath!["economy", "allocation", "sent_east", "side"],
                    "the corps sent East instead of West are German",
                )
                .hint("write `side: Germany`"),
            );
        }
        formation(
            &a.sent_east,
            fpath!["economy", "allocation", "sent_east"],
            &hq_ids,
            s,
            map,
            source_ids,
            p,
            check_source_ref,
        );
        check_source_ref(
            &a.source,
            source_ids,
            fpath!["economy", "allocation", "source"],
            p,
        );
        if s.german_divisions_elsewhere.is_empty() {
            p.push(
                Problem::warning(
                    fpath!["economy", "allocation"],
                    "the allocation splits the West's demand, but `german_divisions_elsewhere` gives none",
                )
                .hint("list the divisions the West asks for by date in `german_divisions_elsewhere`"),
            );
        }
    }
}

fn formation(
    f: &Formation,
    at: FieldPath,
    hq_ids: &[&str],
    s: &Scenario,
    map: &HexMap,
    source_ids: &HashSet<String>,
    p: &mut Vec<Problem>,
    check_source_ref: fn(&Option<String>, &HashSet<String>, FieldPath, &mut Vec<Problem>),
) {
    let path = |field: &str| {
        let mut q = at.clone();
        q.0.push(super::locate::Seg::from(field));
        q
    };
    match s.hqs.iter().find(|h| h.id == f.parent) {
        None => p.push(
            Problem::error(path("parent"), format!("there is no HQ `{}`", f.parent))
                .label("unknown HQ")
                .hint_opt(did_you_mean(&f.parent, hq_ids.iter().copied())),
        ),
        Some(hq) if hq.side.faction() != f.side.faction() => p.push(
            Problem::error(
                path("parent"),
                format!("{} is an HQ of the other camp", f.parent),
            )
            .label("wrong side"),
        ),
        Some(_) => {}
    }
    if !f.name.contains("{n}") {
        p.push(
            Problem::error(
                path("name"),
                format!("\"{}\" would give every new unit the same name", f.name),
            )
            .hint("put `{n}` where the number goes, e.g. \"{n} Reserve Army\""),
        );
    }
    if f.at.is_empty() {
        p.push(
            Problem::error(path("at"), "new units need at least one city to form in")
                .hint("list cities, first choice first: at: [\"Moscow\", \"Gorky\"]"),
        );
    }
    for (k, c) in f.at.iter().enumerate() {
        if map.city(c).is_none() {
            let mut q = path("at");
            q.0.push(super::locate::Seg::from(k));
            p.push(
                Problem::error(q, format!("there is no city `{c}` on the map"))
                    .label("unknown city")
                    .hint_opt(city_hint(map, c)),
            );
        }
    }
    for (field, v, min, max) in [
        ("men", f.men, 1, 2_000_000),
        ("tanks", f.tanks, 0, 30_000),
        ("guns", f.guns, 0, 60_000),
        ("divisions", f.divisions, 0, 100),
        ("experience", f.experience, 0, 100),
        ("cohesion", f.cohesion, 0, 100),
        ("per_week", f.per_week, 0, 20),
    ] {
        if v < min || v > max {
            p.push(
                Problem::error(path(field), format!("{v} is out of range for `{field}`"))
                    .label("out of range")
                    .hint(format!("write a number from {min} to {max}")),
            );
        }
    }
    if let Some(to) = f.to
        && to < f.from
    {
        p.push(
            Problem::error(
                path("to"),
                format!("it ends ({to}) before it begins ({})", f.from),
            )
            .label("end before start"),
        );
    }
    check_source_ref(&f.source, source_ids, path("source"), p);
}

fn lend_lease(
    ll: &LendLease,
    map: &HexMap,
    source_ids: &HashSet<String>,
    p: &mut Vec<Problem>,
    check_source_ref: fn(&Option<String>, &HashSet<String>, FieldPath, &mut Vec<Problem>),
) {
    for (field, v, max) in [
        ("tons_per_tank", ll.tons_per_tank, 1000.0),
        ("tons_per_aircraft", ll.tons_per_aircraft, 1000.0),
        ("tons_per_truck", ll.tons_per_truck, 1000.0),
        ("output_bonus_per_kt", ll.output_bonus_per_kt, 1.0),
        ("max_output_bonus", ll.max_output_bonus, 5.0),
    ] {
        share(
            p,
            fpath!["lend_lease", field],
            v,
            max,
            &format!("value for `{field}` (0 to {max})"),
        );
    }
    for (field, v) in [
        ("tons_per_tank", ll.tons_per_tank),
        ("tons_per_aircraft", ll.tons_per_aircraft),
        ("tons_per_truck", ll.tons_per_truck),
    ] {
        if v == 0.0 {
            p.push(
                Problem::error(
                    fpath!["lend_lease", field],
                    "a delivery cannot weigh nothing",
                )
                .hint("write the shipping tons of one, e.g. 25 for a tank"),
            );
        }
    }
    let boxes = box_ids(map);
    unique_ids(
        ll.routes.iter().map(|r| r.id.as_str()),
        &["lend_lease", "routes"],
        "routes",
        "routes",
        p,
    );
    for (i, r) in ll.routes.iter().enumerate() {
        if CATEGORIES.contains(&r.id.as_str()) || r.id == "total" {
            p.push(
                Problem::error(
                    fpath!["lend_lease", "routes", i, "id"],
                    format!(
                        "`{}` names a category in the measurements (`lend_lease.tons.{}`)",
                        r.id, r.id
                    ),
                )
                .hint("give the route a name of its own, such as \"arctic\""),
            );
        }
        match map.boxes.iter().find(|b| b.id == r.entry) {
            None => p.push(
                Problem::error(
                    fpath!["lend_lease", "routes", i, "entry"],
                    format!("there is no off-map box `{}`", r.entry),
                )
                .label("unknown box")
                .hint_opt(did_you_mean(&r.entry, boxes.iter().copied()))
                .hint(format!("the map's boxes are: {}", boxes.join(", "))),
            ),
            Some(b) if b.side != Side::USSR => p.push(
                Problem::error(
                    fpath!["lend_lease", "routes", i, "entry"],
                    format!("{} is not a Soviet box", b.name),
                )
                .hint("Lend-Lease enters through Soviet boxes: arctic_ports, iran, siberia"),
            ),
            Some(_) => {}
        }
        if let Some(c) = &r.convoys {
            for (field, v, max) in [
                ("per_month", c.per_month, 31.0),
                ("mean_loss", c.mean_loss, 0.5),
                ("disaster_chance", c.disaster_chance, 1.0),
                ("disaster_loss", c.disaster_loss, 1.0),
            ] {
                share(
                    p,
                    fpath!["lend_lease", "routes", i, "convoys", field],
                    v,
                    max,
                    &format!("value for `{field}` (0 to {max})"),
                );
            }
            if c.per_month == 0.0 {
                p.push(
                    Problem::error(
                        fpath!["lend_lease", "routes", i, "convoys", "per_month"],
                        "a convoy route with no convoys delivers nothing",
                    )
                    .hint("to stop a route, write `enabled: false`"),
                );
            }
        }
        for (k, sp) in r.suspended.iter().enumerate() {
            if sp.to < sp.from {
                p.push(
                    Problem::error(
                        fpath!["lend_lease", "routes", i, "suspended", k, "to"],
                        format!("it ends ({}) before it begins ({})", sp.to, sp.from),
                    )
                    .label("end before start"),
                );
            }
            check_source_ref(
                &sp.source,
                source_ids,
                fpath!["lend_lease", "routes", i, "suspended", k, "source"],
                p,
            );
        }
        let mut dates = HashSet::new();
        for (k, sh) in r.schedule.iter().enumerate() {
            if !dates.insert(sh.from) {
                p.push(
                    Problem::error(
                        fpath!["lend_lease", "routes", i, "schedule", k, "from"],
                        format!("two entries of the schedule begin on {}", sh.from),
                    )
                    .hint("each entry is in force until the next begins: give each its own date"),
                );
            }
            for (c, v) in sh.tons_per_month.as_array().into_iter().enumerate() {
                if !(0.0..=10_000_000.0).contains(&v) || v.is_nan() {
                    p.push(
                        Problem::error(
                            fpath![
                                "lend_lease",
                                "routes",
                                i,
                                "schedule",
                                k,
                                "tons_per_month",
                                CATEGORIES[c]
                            ],
                            format!("{v} tons a month is out of range"),
                        )
                        .hint("write tons a month from 0 to 10,000,000"),
                    );
                }
            }
            check_source_ref(
                &sh.source,
                source_ids,
                fpath!["lend_lease", "routes", i, "schedule", k, "source"],
                p,
            );
        }
        check_source_ref(
            &r.source,
            source_ids,
            fpath!["lend_lease", "routes", i, "source"],
            p,
        );
    }
}
