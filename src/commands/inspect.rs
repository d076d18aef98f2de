//! `eastfront inspect FILE`: what a scenario (or a map) contains, after loading: calendar,
//! map size, cities with their hexes, HQs and units with where they stand.

use std::path::Path;

use serde_json::{Value, json};

use super::{Format, ascii_map, thousands};
use crate::map::HexMap;
use crate::scenario::{FileKind, Loaded, Side, file_kind, load_map, load_scenario};

pub fn inspect(path: &Path, format: Format, ascii: bool) -> i32 {
    match file_kind(path) {
        FileKind::Map => match load_map(path) {
            Ok(m) => {
                let owner = m.map.owner.clone();
                match format {
                    Format::Json | Format::Csv => {
                        println!("{}", pretty(&json!({ "map": map_json(&m.map, &owner) })))
                    }
                    Format::Text => print!("{}", map_text(&m.map)),
                }
                if ascii {
                    print!("\n{}", ascii_map::render(&m.map, &owner, &[]));
                }
                0
            }
            Err(f) => {
                eprintln!("{}", f.render());
                1
            }
        },
        FileKind::Scenario => match load_scenario(path) {
            Ok(l) => {
                match format {
                    Format::Json | Format::Csv => println!("{}", pretty(&scenario_json(&l))),
                    Format::Text => print!("{}", scenario_text(&l)),
                }
                if ascii {
                    let units: Vec<_> = l
                        .scenario
                        .units
                        .iter()
                        .zip(&l.placed.unit_hex)
                        .filter(|(u, _)| u.arrives.is_none())
                        .map(|(u, &h)| (h, u.side.faction()))
                        .collect();
                    print!("\n{}", ascii_map::render(&l.map, &l.placed.owner, &units));
                }
                0
            }
            Err(f) => {
                eprintln!("{}", f.render());
                1
            }
        },
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn map_json(map: &HexMap, owner: &[crate::scenario::Owner]) -> Value {
    let cities: Vec<Value> = map
        .cities
        .iter()
        .map(|c| {
            let h = map.coords[c.hex as usize];
            json!({
                "name": c.name, "lat": c.lat, "lon": c.lon, "q": h.x, "r": h.y,
                "population": c.population, "industry": c.industry,
                "victory_points": c.victory_points, "port": c.port,
                "owner": owner[c.hex as usize].key(),
            })
        })
        .collect();
    let boxes: Vec<Value> = map
        .boxes
        .iter()
        .map(
            |b| json!({ "id": b.id, "name": b.name, "side": b.side.key(), "links": b.links.len() }),
        )
        .collect();
    let b = map.bounds;
    json!({
        "name": map.name,
        "hex_km": map.hex_km,
        "hexes": map.len(),
        "land_hexes": map.land_count(),
        "bounds": { "south": b.south, "north": b.north, "west": b.west, "east": b.east },
        "rail_hexes": map.rail_edges.iter().filter(|&&e| e != 0).count(),
        "river_edges": map.river_edges.iter().map(|e| e.count_ones()).sum::<u32>() / 2,
        "railways": map.rail_lines.len(),
        "cities": cities,
        "off_map": boxes,
    })
}

fn scenario_json(l: &Loaded) -> Value {
    let s = &l.scenario;
    let units: Vec<Value> = s
        .units
        .iter()
        .zip(&l.placed.unit_hex)
        .map(|(u, &hex)| {
            let h = l.map.coords[hex as usize];
            let (lat, lon) = l.map.centre_latlon(hex);
            json!({
                "id": u.id(), "name": u.name, "kind": u.kind.name(), "side": u.side.key(),
                "nation": u.nation.map(|n| format!("{n:?}")), "parent": u.parent,
                "q": h.x, "r": h.y, "hex_lat": (lat * 100.0).round() / 100.0, "hex_lon": (lon * 100.0).round() / 100.0,
                "place": l.map.describe(hex),
                "men": u.men, "tanks": u.tanks, "guns": u.guns, "divisions": u.divisions,
                "experience": u.experience, "cohesion": u.cohesion,
                "arrives": u.arrives.map(|d| d.to_string()),
            })
        })
        .collect();
    let hqs: Vec<Value> = s
        .hqs
        .iter()
        .map(|h| json!({ "id": h.id, "name": h.display_name(), "side": h.side.key(), "kind": format!("{:?}", h.kind), "parent": h.parent, "commander": h.commander }))
        .collect();
    json!({
        "scenario": {
            "file": l.path.display().to_string(),
            "title": s.meta.title, "description": s.meta.description, "author": s.meta.author,
            "difficulty": format!("{:?}", s.meta.difficulty),
            "sources": s.meta.sources.iter().map(|x| json!({"id": x.id, "cite": x.cite})).collect::<Vec<_>>(),
        },
        "calendar": { "start": s.calendar.start.to_string(), "end": s.calendar.end.to_string(), "turns": s.calendar.turns(), "turn_days": crate::scenario::TURN_DAYS },
        "map": map_json(&l.map, &l.placed.owner),
        "totals": totals(l).into_iter().map(|(side, t)| (side.key().to_string(), t)).collect::<serde_json::Map<_, _>>(),
        "hqs": hqs,
        "units": units,
        "claims": s.claims.iter().map(|c| json!({"id": c.id, "text": c.text, "origin": c.origin, "record": c.record, "test": crate::claims::describe(&c.test)})).collect::<Vec<_>>(),
        "variants": s.variants.iter().map(|v| json!({"id": v.id, "name": v.name, "description": v.description})).collect::<Vec<_>>(),
        "factories": s.economy.as_ref().map_or(Vec::new(), |e| e.factories.iter().map(|f| json!({"id": f.id, "name": f.display_name(), "side": f.side.key(), "output": f.output})).collect::<Vec<_>>()),
        "lend_lease_routes": s.lend_lease.as_ref().map_or(Vec::new(), |ll| ll.routes.iter().map(|r| json!({"id": r.id, "name": r.name, "entry": r.entry, "enabled": ll.enabled && r.enabled})).collect::<Vec<_>>()),
    })
}

/// Per side at the start: units, men, tanks, guns, divisions; and reinforcements to come.
fn totals(l: &Loaded) -> Vec<(Side, Value)> {
    Side::ALL
        .iter()
        .map(|&side| {
            let start: Vec<_> = l
                .scenario
                .units
                .iter()
                .filter(|u| u.side == side && u.arrives.is_none())
                .collect();
            let later = l
                .scenario
                .units
                .iter()
                .filter(|u| u.side == side && u.arrives.is_some())
                .count();
            let sum = |f: fn(&crate::scenario::scenario_file::Unit) -> u32| {
                start.iter().map(|u| u64::from(f(u))).sum::<u64>()
            };
            (
                side,
                json!({
                    "units": start.len(), "reinforcements": later,
                    "men": sum(|u| u.men), "tanks": sum(|u| u.tanks), "guns": sum(|u| u.guns),
                    "divisions": sum(|u| u.divisions),
                }),
            )
        })
        .collect()
}

fn map_text(map: &HexMap) -> String {
    let mut out = format!(
        "Map: {}\n  {} hexes of {} km ({} land), {:.1}–{:.1}°N {:.1}–{:.1}°E\n  {} cities, {} railways, {} off-map boxes\n\nCities (hex q, r):\n",
        map.name,
        map.len(),
        map.hex_km,
        map.land_count(),
        map.bounds.south,
        map.bounds.north,
        map.bounds.west,
        map.bounds.east,
        map.cities.len(),
        map.rail_lines.len(),
        map.boxes.len()
    );
    for c in &map.cities {
        let h = map.coords[c.hex as usize];
        out.push_str(&format!(
            "  {:<18} {:>6.2}°N {:>6.2}°E  ({:>4}, {:>4})  pop {:>5}k  industry {:>3}  VP {:>2}  {}\n",
            c.name,
            c.lat,
            c.lon,
            h.x,
            h.y,
            c.population,
            c.industry,
            c.victory_points,
            map.owner[c.hex as usize].key()
        ));
    }
    out.push_str("\nOff-map boxes:\n");
    for b in &map.boxes {
        out.push_str(&format!(
            "  {:<16} {:<32} {} ({} links)\n",
            b.id,
            b.name,
            b.side.key(),
            b.links.len()
        ));
    }
    out
}

fn scenario_text(l: &Loaded) -> String {
    let s = &l.scenario;
    let mut out = format!(
        "{}\n{}\nby {} · {:?}\n\nCalendar: {} to {}, {} one-week turns\n\n",
        s.meta.title,
        s.meta.description,
        s.meta.author,
        s.meta.difficulty,
        s.calendar.start.long(),
        s.calendar.end.long(),
        s.calendar.turns()
    );
    out.push_str(&map_text(&l.map));
    out.push_str("\nForces at the start:\n");
    for (side, t) in totals(l) {
        out.push_str(&format!(
            "  {:<12} {:>4} units  {:>10} men  {:>6} tanks  {:>6} guns  {:>4} divisions  (+{} reinforcements)\n",
            side.key(),
            t["units"],
            thousands(t["men"].as_f64().unwrap_or(0.0)),
            thousands(t["tanks"].as_f64().unwrap_or(0.0)),
            thousands(t["guns"].as_f64().unwrap_or(0.0)),
            t["divisions"],
            t["reinforcements"]
        ));
    }
    // Ids are what files must write (`parent:`, `remove:`, overrides), so they lead each line;
    // sides are spelled as in files.
    out.push_str("\nHQs (id, then name if different):\n");
    for h in &s.hqs {
        let name = h
            .name
            .as_deref()
            .filter(|n| *n != h.id)
            .map_or(String::new(), |n| format!("  \"{n}\""));
        out.push_str(&format!(
            "  {:<28} {:<10} {:<11} under {}{name}\n",
            h.id,
            format!("{:?}", h.side),
            format!("{:?}", h.kind),
            h.parent.as_deref().unwrap_or("—"),
        ));
    }
    out.push_str("\nUnits (id, then name if different; hex q, r):\n");
    for (u, &hex) in s.units.iter().zip(&l.placed.unit_hex) {
        let h = l.map.coords[hex as usize];
        let place = match l.map.city_in_hex[hex as usize] {
            Some(c) => l.map.cities[c as usize].name.clone(),
            None => {
                let (lat, lon) = l.map.centre_latlon(hex);
                format!("{lat:.1}°N {lon:.1}°E")
            }
        };
        let name = if u.id() != u.name {
            format!("  \"{}\"", u.name)
        } else {
            String::new()
        };
        let when = u
            .arrives
            .map_or(String::new(), |d| format!("  arrives {d}"));
        out.push_str(&format!(
            "  {:<28} {:<10} {:<9} {:<24} ({:>4},{:>4}) {:<16} {:>8} men {:>5} tanks {:>5} guns{when}{name}\n",
            u.id(),
            format!("{:?}", u.side),
            u.kind.name(),
            u.parent,
            h.x,
            h.y,
            place,
            thousands(f64::from(u.men)),
            u.tanks,
            u.guns
        ));
    }
    out.push_str(&economy_text(s));
    out
}

/// Factories, Lend-Lease routes and variants, by the ids files and actions use.
fn economy_text(s: &crate::scenario::Scenario) -> String {
    use crate::scenario::economy_file::Place;
    let mut out = String::new();
    if let Some(e) = &s.economy {
        out.push_str("\nFactories (id; weekly output at mobilisation 1):\n");
        for f in &e.factories {
            let at = match &f.at {
                Place::City(c) => c.clone(),
                Place::Box(b) => format!("box {b}"),
            };
            let o = &f.output;
            out.push_str(&format!(
                "  {:<16} {:<8} {:<18} tanks {:>4}  aircraft {:>4}  guns {:>4}  supply {:>6} t  trucks {:>5}  {}\n",
                f.id,
                format!("{:?}", f.side),
                at,
                o.tanks,
                o.aircraft,
                o.guns,
                o.supply,
                o.trucks,
                f.display_name()
            ));
        }
        if !e.formations.is_empty() {
            out.push_str("\nNew formations from the pools:\n");
            for f in &e.formations {
                out.push_str(&format!(
                    "  {:<16} {:<8} \"{}\" from {}: {} men, {} tanks, {} guns, up to {} a week\n",
                    f.id,
                    format!("{:?}", f.side),
                    f.name,
                    f.from,
                    thousands(f64::from(f.men)),
                    f.tanks,
                    f.guns,
                    f.per_week
                ));
            }
        }
    }
    if let Some(ll) = &s.lend_lease {
        let state = if ll.enabled { "" } else { " (turned off)" };
        out.push_str(&format!("\nLend-Lease routes{state}:\n"));
        for r in &ll.routes {
            out.push_str(&format!(
                "  {:<16} {:<20} enters at {:<14} {} schedule entries{}{}\n",
                r.id,
                r.name,
                r.entry,
                r.schedule.len(),
                if r.convoys.is_some() {
                    ", by convoy"
                } else {
                    ""
                },
                if r.enabled { "" } else { " (turned off)" }
            ));
        }
    }
    if !s.claims.is_empty() {
        out.push_str("\nClaims (see how often each holds with `eastfront run FILE --runs N`):\n");
        for c in &s.claims {
            out.push_str(&format!(
                "  {:<34} “{}” — tested: {}\n",
                c.id,
                c.text,
                crate::claims::describe(&c.test)
            ));
        }
    }
    if !s.variants.is_empty() {
        out.push_str("\nVariants (play one with `eastfront run FILE --variant ID`):\n");
        for v in &s.variants {
            out.push_str(&format!("  {:<20} {} — {}\n", v.id, v.name, v.description));
        }
    }
    out
}
