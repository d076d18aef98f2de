//! Lays a hex grid over a map file's geography: terrain from polygons, owners from
//! territories, rivers onto hex edges, railways along hex lines between their stations.

use hexx::{Hex, HexLayout, Vec2};

use super::grid::{HexId, HexMap, LinkTarget, MapBox, MapCity, MapLink, NO_HEX};
use super::projection::Projection;
use crate::fpath;
use crate::scenario::common::{LatLon, Owner};
use crate::scenario::diagnostic::did_you_mean;
use crate::scenario::locate::{FieldPath, Problem};
use crate::scenario::map_file::{LinkEnd, MapFile, Terrain};

/// The most hexes a map may have. The full map at 25 km has about 17,000; this leaves room
/// for finer scale tests while refusing a file that would exhaust memory.
pub const MAX_HEXES: usize = 250_000;
pub const HEX_KM_RANGE: (f64, f64) = (5.0, 500.0);
/// Cities this large fill their hex with streets: urban terrain.
const URBAN_POPULATION_THOUSANDS: u32 = 400;

/// A polygon projected to km, with its bounding box for a quick rejection test.
struct Shape {
    points: Vec<(f64, f64)>,
    min: (f64, f64),
    max: (f64, f64),
}

impl Shape {
    fn new(projection: &Projection, outline: &[LatLon]) -> Self {
        let points: Vec<(f64, f64)> = outline
            .iter()
            .map(|p| projection.forward(p.0, p.1))
            .collect();
        let min = points
            .iter()
            .fold((f64::MAX, f64::MAX), |m, p| (m.0.min(p.0), m.1.min(p.1)));
        let max = points
            .iter()
            .fold((f64::MIN, f64::MIN), |m, p| (m.0.max(p.0), m.1.max(p.1)));
        Self { points, min, max }
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        if x < self.min.0 || x > self.max.0 || y < self.min.1 || y > self.max.1 {
            return false;
        }
        point_in_polygon((x, y), &self.points)
    }
}

/// Even-odd rule, in projected km.
pub fn point_in_polygon((x, y): (f64, f64), points: &[(f64, f64)]) -> bool {
    let mut inside = false;
    let n = points.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = points[i];
        let (xj, yj) = points[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Checks what can be checked before any hex exists: numbers in range, enough points.
fn check_shapes(file: &MapFile, problems: &mut Vec<Problem>) {
    let b = file.bounds;
    if !(-80.0..=80.0).contains(&b.south)
        || !(-80.0..=80.0).contains(&b.north)
        || b.south >= b.north
    {
        problems.push(
            Problem::error(
                fpath!["bounds"],
                format!("the bounds run from {}°N to {}°N", b.south, b.north),
            )
            .hint("`south` must be less than `north`, both between -80 and 80"),
        );
    }
    if !(-180.0..=180.0).contains(&b.west)
        || !(-180.0..=180.0).contains(&b.east)
        || b.west >= b.east
    {
        problems.push(
            Problem::error(
                fpath!["bounds"],
                format!("the bounds run from {}°E to {}°E", b.west, b.east),
            )
            .hint("`west` must be less than `east`, both between -180 and 180"),
        );
    }
    if !(HEX_KM_RANGE.0..=HEX_KM_RANGE.1).contains(&file.hex_km) {
        problems.push(
            Problem::error(
                fpath!["hex_km"],
                format!(
                    "a hex of {} km is outside what the game supports",
                    file.hex_km
                ),
            )
            .label("hex size")
            .hint(format!(
                "use a value from {} to {} km; 50 is the default",
                HEX_KM_RANGE.0, HEX_KM_RANGE.1
            )),
        );
    }
    for (i, a) in file.areas.iter().enumerate() {
        if a.outline.len() < 3 {
            problems.push(
                Problem::error(
                    fpath!["areas", i, "outline"],
                    format!("the area `{}` has fewer than 3 corners", a.name),
                )
                .hint("an outline lists at least three (lat, lon) points"),
            );
        }
    }
    for (i, t) in file.territories.iter().enumerate() {
        if t.outline.len() < 3 {
            problems.push(Problem::error(
                fpath!["territories", i, "outline"],
                format!("the territory `{}` has fewer than 3 corners", t.name),
            ));
        }
    }
    for (i, r) in file.rivers.iter().enumerate() {
        if r.course.len() < 2 {
            problems.push(Problem::error(
                fpath!["rivers", i, "course"],
                format!("the river `{}` needs at least two points", r.name),
            ));
        }
    }
    let check_point = |p: &LatLon, path: FieldPath, problems: &mut Vec<Problem>| {
        if !(-90.0..=90.0).contains(&p.0) || !(-180.0..=180.0).contains(&p.1) {
            problems.push(
                Problem::error(path, format!("({}, {}) is not a place on Earth", p.0, p.1)).hint(
                    "points are written (latitude, longitude) in degrees: (55.75, 37.62) is Moscow",
                ),
            );
        }
    };
    for (i, a) in file.areas.iter().enumerate() {
        for (j, p) in a.outline.iter().enumerate() {
            check_point(p, fpath!["areas", i, "outline", j], problems);
        }
    }
    for (i, r) in file.rivers.iter().enumerate() {
        for (j, p) in r.course.iter().enumerate() {
            check_point(p, fpath!["rivers", i, "course", j], problems);
        }
    }
    let mut seen = std::collections::HashMap::new();
    for (i, c) in file.cities.iter().enumerate() {
        if let Some(first) = seen.insert(c.name.as_str(), i) {
            problems.push(
                Problem::error(
                    fpath!["cities", i, "name"],
                    format!("the city `{}` is listed twice", c.name),
                )
                .hint(format!("it is already entry {first} of `cities`; keep one")),
            );
        }
        if c.industry > 100 {
            problems.push(
                Problem::error(
                    fpath!["cities", i, "industry"],
                    format!("industry {} is above 100", c.industry),
                )
                .hint("industry is a weight from 0 to 100 (Moscow is 100)"),
            );
        }
        if c.population > 20_000 {
            problems.push(
                Problem::error(
                    fpath!["cities", i, "population"],
                    format!("{} thousand people is more than any city had", c.population),
                )
                .hint("population is written in thousands: Moscow is 4_137"),
            );
        }
    }
}

/// Builds the grid, or says why it cannot.
pub fn rasterise(file: &MapFile) -> Result<(HexMap, Vec<Problem>), Vec<Problem>> {
    let mut problems = Vec::new();
    check_shapes(file, &mut problems);
    if problems
        .iter()
        .any(|p| p.severity == crate::scenario::diagnostic::Severity::Error)
    {
        return Err(problems);
    }

    let b = file.bounds;
    let projection = Projection::for_bounds(b.south, b.north, (b.west + b.east) / 2.0);
    // Pointy-top hexes: neighbouring centres are sqrt(3) * size apart.
    let size = file.hex_km / 3f64.sqrt();
    let layout = HexLayout::pointy().with_hex_size(size as f32);

    // The projected outline of the bounds, sampled densely since parallels project to arcs.
    let mut min = (f64::MAX, f64::MAX);
    let mut max = (f64::MIN, f64::MIN);
    for i in 0..=64 {
        let t = f64::from(i) / 64.0;
        for (lat, lon) in [
            (b.south, b.west + t * (b.east - b.west)),
            (b.north, b.west + t * (b.east - b.west)),
            (b.south + t * (b.north - b.south), b.west),
            (b.south + t * (b.north - b.south), b.east),
        ] {
            let (x, y) = projection.forward(lat, lon);
            min = (min.0.min(x), min.1.min(y));
            max = (max.0.max(x), max.1.max(y));
        }
    }
    let hex_area = 3f64.sqrt() / 2.0 * file.hex_km * file.hex_km;
    let estimate = (max.0 - min.0) * (max.1 - min.1) / hex_area;
    if estimate > MAX_HEXES as f64 {
        return Err(vec![
            Problem::error(
                fpath!["hex_km"],
                format!(
                    "this map would have about {} hexes; the game allows {MAX_HEXES}",
                    estimate as u64
                ),
            )
            .label("hexes this small over these bounds are too many")
            .hint("use a larger `hex_km` or smaller `bounds`"),
        ]);
    }

    // Every hex whose centre falls inside the bounds, ordered by row then column so that ids
    // are the same on every machine.
    let corners = [
        (min.0, min.1),
        (max.0, min.1),
        (min.0, max.1),
        (max.0, max.1),
    ];
    let fr: Vec<Vec2> = corners
        .iter()
        .map(|&(x, y)| layout.world_pos_to_fract_hex(Vec2::new(x as f32, y as f32)))
        .collect();
    let (qmin, qmax) = fr
        .iter()
        .fold((f32::MAX, f32::MIN), |m, v| (m.0.min(v.x), m.1.max(v.x)));
    let (rmin, rmax) = fr
        .iter()
        .fold((f32::MAX, f32::MIN), |m, v| (m.0.min(v.y), m.1.max(v.y)));
    let (qmin, qmax) = (qmin.floor() as i32 - 2, qmax.ceil() as i32 + 2);
    let (rmin, rmax) = (rmin.floor() as i32 - 2, rmax.ceil() as i32 + 2);
    let mut coords = Vec::new();
    let mut centres = Vec::new();
    for r in rmin..=rmax {
        for q in qmin..=qmax {
            let hex = Hex::new(q, r);
            let p = layout.hex_to_world_pos(hex);
            let (x, y) = (f64::from(p.x), f64::from(p.y));
            if x < min.0 || x > max.0 || y < min.1 || y > max.1 {
                continue;
            }
            let (lat, lon) = projection.inverse(x, y);
            if lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east {
                coords.push(hex);
                centres.push((x, y));
            }
        }
    }

    let areas: Vec<(Terrain, Shape)> = file
        .areas
        .iter()
        .map(|a| (a.terrain, Shape::new(&projection, &a.outline)))
        .collect();
    let terrain: Vec<Terrain> = centres
        .iter()
        .map(|&c| {
            areas
                .iter()
                .rev()
                .find(|(_, s)| s.contains(c))
                .map_or(file.default_terrain, |(t, _)| *t)
        })
        .collect();
    let territories: Vec<(Owner, Shape)> = file
        .territories
        .iter()
        .map(|t| (t.owner, Shape::new(&projection, &t.outline)))
        .collect();
    let owner: Vec<Owner> = centres
        .iter()
        .map(|&c| {
            territories
                .iter()
                .rev()
                .find(|(_, s)| s.contains(c))
                .map_or(file.default_owner, |(o, _)| *o)
        })
        .collect();

    let mut map = HexMap::from_parts(
        file.name.clone(),
        file.hex_km,
        b,
        projection,
        layout,
        coords,
        terrain,
        owner,
    );
    place_cities(file, &mut map, &mut problems);
    lay_rivers(file, &mut map, &centres);
    lay_railways(file, &mut map, &mut problems);
    link_boxes(file, &mut map, &mut problems);
    if problems
        .iter()
        .any(|p| p.severity == crate::scenario::diagnostic::Severity::Error)
    {
        Err(problems)
    } else {
        Ok((map, problems))
    }
}

fn place_cities(file: &MapFile, map: &mut HexMap, problems: &mut Vec<Problem>) {
    for (i, c) in file.cities.iter().enumerate() {
        let Some(hex) = map.hex_at(c.lat, c.lon) else {
            problems.push(
                Problem::error(
                    fpath!["cities", i, "lat"],
                    format!(
                        "{} ({}°N, {}°E) lies outside the map's bounds",
                        c.name, c.lat, c.lon
                    ),
                )
                .hint("check the coordinates (latitude first), or widen `bounds`"),
            );
            continue;
        };
        let idx = map.cities.len() as u16;
        // A city is always on land: at coarse scales a port's hex centre may fall in the sea.
        let t = &mut map.terrain[hex as usize];
        if c.population >= URBAN_POPULATION_THOUSANDS {
            *t = Terrain::Urban;
        } else if t.is_water() {
            *t = Terrain::Clear;
        }
        let slot = &mut map.city_in_hex[hex as usize];
        match *slot {
            Some(other) if map.cities[other as usize].population >= c.population => {}
            _ => *slot = Some(idx),
        }
        map.cities.push(MapCity {
            name: c.name.clone(),
            lat: c.lat,
            lon: c.lon,
            hex,
            population: c.population,
            industry: c.industry,
            victory_points: c.victory_points,
            port: c.port,
        });
    }
}

/// A river runs along the edge between two hexes when it crosses the line joining their
/// centres: that line crosses exactly the shared edge, so moving between them means crossing
/// the river.
fn lay_rivers(file: &MapFile, map: &mut HexMap, centres: &[(f64, f64)]) {
    let step = map.hex_km / 4.0;
    for river in &file.rivers {
        map.river_names.push(river.name.clone());
        if !river.major {
            continue;
        }
        let pts: Vec<(f64, f64)> = river
            .course
            .iter()
            .map(|p| map.projection.forward(p.0, p.1))
            .collect();
        for seg in pts.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let samples = (len / step).ceil().max(1.0) as usize;
            let mut near: Vec<HexId> = Vec::new();
            for s in 0..=samples {
                let t = s as f64 / samples as f64;
                let p = Vec2::new(
                    (a.0 + t * (b.0 - a.0)) as f32,
                    (a.1 + t * (b.1 - a.1)) as f32,
                );
                if let Some(id) = map.id_of(map.layout.world_pos_to_hex(p)) {
                    near.push(id);
                    near.extend(
                        map.neighbours[id as usize]
                            .iter()
                            .copied()
                            .filter(|&n| n != NO_HEX),
                    );
                }
            }
            near.sort_unstable();
            near.dedup();
            for &h in &near {
                for d in 0..6 {
                    let n = map.neighbours[h as usize][d];
                    if n == NO_HEX || n < h {
                        continue;
                    }
                    if map.terrain[h as usize].is_water() || map.terrain[n as usize].is_water() {
                        continue;
                    }
                    if segments_cross(centres[h as usize], centres[n as usize], a, b) {
                        HexMap::set_edge(&mut map.river_edges, &map.neighbours, h, n);
                    }
                }
            }
        }
    }
}

fn segments_cross(p1: (f64, f64), p2: (f64, f64), q1: (f64, f64), q2: (f64, f64)) -> bool {
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let d1 = orient(q1, q2, p1);
    let d2 = orient(q1, q2, p2);
    let d3 = orient(p1, p2, q1);
    let d4 = orient(p1, p2, q2);
    ((d1 > 0.0) != (d2 > 0.0)) && ((d3 > 0.0) != (d4 > 0.0))
}

fn lay_railways(file: &MapFile, map: &mut HexMap, problems: &mut Vec<Problem>) {
    let names: Vec<String> = map.cities.iter().map(|c| c.name.clone()).collect();
    for (i, line) in file.railways.iter().enumerate() {
        if line.stations.len() < 2 {
            problems.push(Problem::error(
                fpath!["railways", i, "stations"],
                format!("the railway `{}` needs at least two stations", line.name),
            ));
            continue;
        }
        let mut hexes: Vec<HexId> = Vec::new();
        let mut prev: Option<(usize, HexId)> = None;
        for (j, station) in line.stations.iter().enumerate() {
            let Some(city) = map.cities.iter().find(|c| &c.name == station) else {
                problems.push(
                    Problem::error(
                        fpath!["railways", i, "stations", j],
                        format!(
                            "the railway `{}` names `{station}`, which is not a city on this map",
                            line.name
                        ),
                    )
                    .label("unknown station")
                    .hint_opt(did_you_mean(station, names.iter().map(String::as_str)))
                    .hint("stations must be names from `cities`"),
                );
                prev = None;
                continue;
            };
            let here = city.hex;
            if let Some((pj, from)) = prev {
                let path: Vec<HexId> = map.coords[from as usize]
                    .line_to(map.coords[here as usize])
                    .filter_map(|h| map.id_of(h))
                    .collect();
                if let Some(&wet) = path.iter().find(|&&h| !map.is_land(h)) {
                    let (lat, lon) = map.centre_latlon(wet);
                    problems.push(
                        Problem::error(
                            fpath!["railways", i, "stations", j],
                            format!(
                                "the railway `{}` from {} to {station} runs straight across water near {lat:.1}°N {lon:.1}°E",
                                line.name, line.stations[pj]
                            ),
                        )
                        .hint("track is laid in a straight hex line between stations: add a station on land between them"),
                    );
                }
                for w in path.windows(2) {
                    HexMap::set_edge(&mut map.rail_edges, &map.neighbours, w[0], w[1]);
                }
                hexes.extend(path.iter().skip(usize::from(!hexes.is_empty())));
            } else if hexes.is_empty() {
                hexes.push(here);
            }
            prev = Some((j, here));
        }
        map.rail_lines.push((line.name.clone(), hexes));
    }
}

fn link_boxes(file: &MapFile, map: &mut HexMap, problems: &mut Vec<Problem>) {
    let ids: Vec<&str> = file.off_map.iter().map(|b| b.id.as_str()).collect();
    let names: Vec<String> = map.cities.iter().map(|c| c.name.clone()).collect();
    for (i, b) in file.off_map.iter().enumerate() {
        if ids[..i].contains(&b.id.as_str()) {
            problems.push(Problem::error(
                fpath!["off_map", i, "id"],
                format!("two off-map boxes have the id `{}`", b.id),
            ));
        }
        let mut links = Vec::new();
        for (j, link) in b.links.iter().enumerate() {
            if !(0.0..=1000.0).contains(&link.trains_per_day) {
                problems.push(
                    Problem::error(
                        fpath!["off_map", i, "links", j, "trains_per_day"],
                        format!("{} trains a day is not a capacity", link.trains_per_day),
                    )
                    .hint("give a number from 0 to 1000"),
                );
            }
            let to = match &link.to {
                LinkEnd::City(name) => match map.city(name) {
                    Some(c) => LinkTarget::Hex(c.hex),
                    None => {
                        problems.push(
                            Problem::error(
                                fpath!["off_map", i, "links", j, "to", 0],
                                format!("the box `{}` links to `{name}`, which is not a city on this map", b.id),
                            )
                            .hint_opt(did_you_mean(name, names.iter().map(String::as_str))),
                        );
                        continue;
                    }
                },
                LinkEnd::Box(id) => match ids.iter().position(|x| x == id) {
                    Some(k) => LinkTarget::Box(k),
                    None => {
                        problems.push(
                            Problem::error(
                                fpath!["off_map", i, "links", j, "to", 0],
                                format!(
                                    "the box `{}` links to a box `{id}` that does not exist",
                                    b.id
                                ),
                            )
                            .hint_opt(did_you_mean(id, ids.iter().copied()))
                            .hint(format!("boxes on this map: {}", ids.join(", "))),
                        );
                        continue;
                    }
                },
            };
            links.push(MapLink {
                to,
                trains_per_day: link.trains_per_day,
            });
        }
        map.boxes.push(MapBox {
            id: b.id.clone(),
            name: b.name.clone(),
            side: b.side,
            description: b.description.clone(),
            links,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::map_file::*;

    pub(crate) fn square(s: f64, w: f64, n: f64, e: f64) -> Vec<LatLon> {
        vec![LatLon(s, w), LatLon(s, e), LatLon(n, e), LatLon(n, w)]
    }

    fn small_map() -> MapFile {
        MapFile {
            name: "test".into(),
            hex_km: 50.0,
            bounds: Bounds {
                south: 50.0,
                north: 56.0,
                west: 30.0,
                east: 40.0,
            },
            sources: vec![],
            default_terrain: Terrain::Clear,
            areas: vec![Area {
                name: "lake".into(),
                terrain: Terrain::Sea,
                outline: square(52.5, 34.5, 53.5, 36.0),
            }],
            rivers: vec![River {
                name: "Meridian".into(),
                major: true,
                course: vec![LatLon(50.0, 32.0), LatLon(56.0, 32.0)],
            }],
            cities: vec![
                City {
                    name: "Moscow".into(),
                    lat: 55.756,
                    lon: 37.617,
                    population: 4137,
                    industry: 100,
                    victory_points: 20,
                    port: false,
                    source: None,
                },
                City {
                    name: "Smolensk".into(),
                    lat: 54.782,
                    lon: 32.045,
                    population: 157,
                    industry: 5,
                    victory_points: 3,
                    port: false,
                    source: None,
                },
                City {
                    name: "Bryansk".into(),
                    lat: 53.25,
                    lon: 34.37,
                    population: 87,
                    industry: 3,
                    victory_points: 1,
                    port: false,
                    source: None,
                },
            ],
            railways: vec![Railway {
                name: "Minsk line".into(),
                stations: vec!["Moscow".into(), "Smolensk".into()],
                double_track: true,
            }],
            default_owner: Owner::USSR,
            territories: vec![Territory {
                name: "west".into(),
                owner: Owner::Germany,
                outline: square(49.0, 29.0, 57.0, 31.0),
            }],
            off_map: vec![],
        }
    }

    #[test]
    fn moscow_to_smolensk_is_about_seven_hexes() {
        let (map, problems) = rasterise(&small_map()).unwrap();
        assert!(problems.is_empty());
        let d = map.distance(
            map.city("Moscow").unwrap().hex,
            map.city("Smolensk").unwrap().hex,
        );
        assert!((7..=8).contains(&d), "distance {d}");
    }

    #[test]
    fn neighbours_are_hex_km_apart() {
        let (map, _) = rasterise(&small_map()).unwrap();
        let mid = map.hex_at(53.0, 33.0).unwrap();
        let (x, y) = map.centre_km(mid);
        for &n in &map.neighbours[mid as usize] {
            let (nx, ny) = map.centre_km(n);
            let d = ((nx - x).powi(2) + (ny - y).powi(2)).sqrt();
            assert!((d - 50.0).abs() < 0.01, "{d}");
        }
    }

    #[test]
    fn terrain_owner_river_and_rail() {
        let (map, _) = rasterise(&small_map()).unwrap();
        assert_eq!(
            map.terrain[map.hex_at(53.0, 35.2).unwrap() as usize],
            Terrain::Sea
        );
        assert_eq!(
            map.terrain[map.city("Moscow").unwrap().hex as usize],
            Terrain::Urban
        );
        assert_eq!(
            map.owner[map.hex_at(53.0, 30.5).unwrap() as usize],
            Owner::Germany
        );
        assert_eq!(
            map.owner[map.hex_at(53.0, 33.5).unwrap() as usize],
            Owner::USSR
        );
        // The meridian river at 32°E separates hexes west of it from hexes east of it.
        let w = map.hex_at(53.0, 31.6).unwrap();
        let crossings = (0..6)
            .filter(|&d| {
                map.neighbours[w as usize][d] != NO_HEX
                    && map.river_edges[w as usize] & (1 << d) != 0
            })
            .count();
        let e = map.hex_at(53.0, 32.4).unwrap();
        assert!(
            crossings > 0 || map.river_between(w, e),
            "no river edge near 32E"
        );
        // Rail is continuous from Moscow to Smolensk.
        let (_, line) = &map.rail_lines[0];
        assert_eq!(*line.first().unwrap(), map.city("Moscow").unwrap().hex);
        assert_eq!(*line.last().unwrap(), map.city("Smolensk").unwrap().hex);
        for w in line.windows(2) {
            assert!(map.rail_between(w[0], w[1]));
        }
    }

    #[test]
    fn too_many_hexes_is_refused_before_allocating() {
        let mut f = small_map();
        f.hex_km = 5.0;
        f.bounds = Bounds {
            south: -60.0,
            north: 70.0,
            west: -170.0,
            east: 170.0,
        };
        let problems = rasterise(&f).unwrap_err();
        assert!(
            problems[0].message.contains("hexes"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn railway_across_water_and_unknown_station() {
        let mut f = small_map();
        f.railways.push(Railway {
            name: "wet".into(),
            stations: vec!["Bryansk".into(), "Moscw".into()],
            double_track: false,
        });
        f.cities.push(City {
            name: "Lakeside".into(),
            lat: 53.0,
            lon: 36.5,
            population: 10,
            industry: 0,
            victory_points: 0,
            port: false,
            source: None,
        });
        f.railways.push(Railway {
            name: "ferry".into(),
            stations: vec!["Bryansk".into(), "Lakeside".into()],
            double_track: false,
        });
        let problems = rasterise(&f).unwrap_err();
        let unknown = problems
            .iter()
            .find(|p| p.message.contains("`Moscw`"))
            .unwrap();
        assert_eq!(unknown.hints[0], "did you mean `Moscow`?");
        assert!(problems.iter().any(|p| p.message.contains("across water")));
    }
}
