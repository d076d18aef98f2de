//! The hex map drawn in characters, north at the top: a quick look at a map file's geography
//! (coasts, marshes, borders, where units stand) from a terminal.

use crate::map::{HexId, HexMap};
use crate::scenario::map_file::Terrain;
use crate::scenario::{Faction, Owner};

fn terrain_char(t: Terrain) -> char {
    match t {
        Terrain::Clear => '.',
        Terrain::Forest => 'f',
        Terrain::Marsh => '%',
        Terrain::Hills => 'n',
        Terrain::Mountains => '^',
        Terrain::Urban => '#',
        Terrain::Sea => '~',
    }
}

/// Two pictures: terrain (with cities, rivers and railways marked), then who holds what (with
/// units). `units` gives each unit's hex and faction.
pub fn render(map: &HexMap, owner: &[Owner], units: &[(HexId, Faction)]) -> String {
    let units: Vec<(HexId, Faction, bool)> = units.iter().map(|&(h, f)| (h, f, false)).collect();
    let (terrain, held) = pictures(map, owner, &units);
    let mut out = String::new();
    out.push_str("Terrain (north at the top):  . clear  f forest  % marsh  n hills  ^ mountains  # urban  ~ water\n");
    out.push_str(
        "                             O city  + railway  = clear hex beside a major river\n\n",
    );
    out.push_str(&terrain);
    out.push_str("\n\n");
    out.push_str(&front_legend());
    out.push_str(&held);
    out.push('\n');
    out
}

/// Who holds what, with units; a stack with a unit cut off from supply is shown in lower case.
/// `units` gives each unit's hex, faction and whether it is cut off.
pub fn front(map: &HexMap, owner: &[Owner], units: &[(HexId, Faction, bool)]) -> String {
    let (_, held) = pictures(map, owner, units);
    format!("{}{held}\n", front_legend())
}

fn front_legend() -> String {
    "Who holds what:  g Germany  a Axis allies  u USSR  n neutral  ~ water   X Axis unit(s)  S Soviet unit(s)  x s cut off\n\n".to_string()
}

/// The terrain picture and the holders picture, each as lines of text.
fn pictures(map: &HexMap, owner: &[Owner], units: &[(HexId, Faction, bool)]) -> (String, String) {
    let step_x = map.hex_km / 2.0;
    let step_y = map.hex_km * 3f64.sqrt() / 2.0;
    let centres: Vec<(f64, f64)> = (0..map.len() as HexId).map(|h| map.centre_km(h)).collect();
    let xmin = centres.iter().map(|c| c.0).fold(f64::MAX, f64::min);
    let ymax = centres.iter().map(|c| c.1).fold(f64::MIN, f64::max);
    let cell = |h: usize| {
        let (x, y) = centres[h];
        (
            ((ymax - y) / step_y).round() as usize,
            ((x - xmin) / step_x).round() as usize,
        )
    };
    let rows = (0..map.len()).map(|h| cell(h).0).max().unwrap_or(0) + 1;
    let cols = (0..map.len()).map(|h| cell(h).1).max().unwrap_or(0) + 1;

    let mut terrain = vec![vec![' '; cols]; rows];
    let mut held = vec![vec![' '; cols]; rows];
    let mut unit_count = vec![(0u32, 0u32); map.len()];
    let mut cut = vec![false; map.len()];
    for &(h, f, isolated) in units {
        match f {
            Faction::Axis => unit_count[h as usize].0 += 1,
            Faction::Soviet => unit_count[h as usize].1 += 1,
        }
        cut[h as usize] |= isolated;
    }
    for h in 0..map.len() {
        let (r, c) = cell(h);
        let t = map.terrain[h];
        terrain[r][c] = if map.city_in_hex[h].is_some() {
            'O'
        } else if !t.is_water() && map.rail_edges[h] != 0 {
            '+'
        } else if !t.is_water() && map.river_edges[h] != 0 && t == Terrain::Clear {
            '='
        } else {
            terrain_char(t)
        };
        held[r][c] = match unit_count[h] {
            (a, _) if a > 0 && cut[h] => 'x',
            (a, _) if a > 0 => 'X',
            (_, s) if s > 0 && cut[h] => 's',
            (_, s) if s > 0 => 'S',
            _ if t.is_water() => '~',
            _ => match owner[h] {
                Owner::Germany => 'g',
                Owner::AxisAllies => 'a',
                Owner::USSR => 'u',
                Owner::Neutral => 'n',
            },
        };
    }
    let join = |grid: Vec<Vec<char>>| {
        grid.into_iter()
            .map(|r| r.into_iter().collect::<String>().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    (join(terrain), join(held))
}
