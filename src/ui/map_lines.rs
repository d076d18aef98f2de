//! The map's lines — coasts, major rivers, railways on either gauge, the front and pockets'
//! rims — the cities' squares and the arrows of the computer's last moves, as one mesh of
//! bands over the hexes in view, between the ground (map_ground.rs) and the counters
//! (map_counters.rs). Each edge, track, square or stroke of an arrow is one band of two
//! triangles, drawn in that order: the front over rivers and railways, cities over lines,
//! arrows over all.

use bevy::asset::{RenderAssetUsages, embedded_asset};
use bevy::camera::visibility::NoFrustumCulling;
use bevy::math::Vec4;
use bevy::mesh::{Indices, MeshVertexBufferLayoutRef, PrimitiveTopology};
use bevy::prelude::*;
use bevy::render::render_resource::{
    AsBindGroup, RenderPipelineDescriptor, SpecializedMeshPipelineError,
};
use bevy::shader::ShaderRef;
use bevy::sprite_render::{
    AlphaMode2d, Material2d, Material2dKey, Material2dPlugin, MeshMaterial2d,
};
use bevy_egui::egui::{Color32, Pos2, Rect, vec2};

use super::map_geometry::MapCamera;
use super::map_shading::{self, linear};
use super::map_still::{self, MapStill};
use super::screen::Screen;
use super::session::Session;
use super::theme;
use crate::map::{HexId, NO_HEX};
use crate::scenario::Faction;

const SHADER: &str = "embedded://eastfront/ui/map_lines.wgsl";

pub(super) fn plugin(app: &mut App) {
    embedded_asset!(app, "map_lines.wgsl");
    app.add_plugins(Material2dPlugin::<LineMaterial>::default())
        .add_systems(PostUpdate, sync_lines.in_set(super::MapMeshes));
}

#[derive(Asset, TypePath, AsBindGroup, Debug, Clone, Default)]
struct LineMaterial {
    /// The map area in km: min x, min y, max x, max y.
    #[uniform(0)]
    area: Vec4,
}

/// The map area on screen, in km, as the shaders clip to it: min x, min y, max x, max y.
pub(super) fn area_km(cam: MapCamera, rect: Rect) -> Vec4 {
    let lo = cam.to_km(rect, rect.left_bottom());
    let hi = cam.to_km(rect, rect.right_top());
    Vec4::new(lo.x, lo.y, hi.x, hi.y)
}

impl Material2d for LineMaterial {
    fn fragment_shader() -> ShaderRef {
        SHADER.into()
    }

    // Blended, so drawn after the ground and, being lower, before the counters.
    fn alpha_mode(&self) -> AlphaMode2d {
        AlphaMode2d::Blend
    }

    fn specialize(
        descriptor: &mut RenderPipelineDescriptor,
        _layout: &MeshVertexBufferLayoutRef,
        _key: Material2dKey<Self>,
    ) -> Result<(), SpecializedMeshPipelineError> {
        map_shading::no_depth_test(descriptor);
        Ok(())
    }
}

/// What the lines were last made from: the view and the move range (what they show), and
/// the area they were laid out for (where).
type Made = ((u64, u64), (MapCamera, Rect));

#[derive(Component)]
struct Lines {
    made: Made,
}

/// Bands in km, their widths given in pixels.
#[derive(Default)]
struct Bands {
    positions: Vec<[f32; 3]>,
    across: Vec<[f32; 2]>,
    colours: Vec<[f32; 4]>,
    indices: Vec<u32>,
    /// Km per pixel.
    km: f32,
}

impl Bands {
    /// A straight band from `a` to `b` (km), `w` pixels wide, half a pixel wider each side
    /// for its smoothed edge.
    fn add(&mut self, a: Pos2, b: Pos2, w: f32, colour: Color32) {
        let d = b - a;
        let len = d.length();
        if len < 1e-6 {
            return;
        }
        let half_px = w / 2.0;
        let n = vec2(-d.y, d.x) / len * ((half_px + 0.5) * self.km);
        let colour = linear(colour).to_array();
        let base = self.positions.len() as u32;
        for (p, side) in [(a + n, 1.0), (a - n, -1.0), (b - n, -1.0), (b + n, 1.0)] {
            self.positions.push([p.x, p.y, 0.0]);
            self.across.push([half_px, side * (half_px + 0.5)]);
            self.colours.push(colour);
        }
        self.indices
            .extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }

    fn mesh(self) -> Mesh {
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, self.positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, self.across)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, self.colours)
        .with_inserted_indices(Indices::U32(self.indices))
    }
}

fn lines_mesh(s: &Session, cam: MapCamera, rect: Rect) -> Mesh {
    let map = &s.game.loaded().map;
    let (view, geo) = (&s.view, &s.map.geometry);
    let visible = geo.visible(cam, rect);
    // Lines thicken as the map is zoomed in.
    let zoom = (geo.radius * cam.scale / 12.0).clamp(0.6, 2.5);
    let mut bands = Bands {
        km: 1.0 / cam.scale,
        ..default()
    };
    let edge = |h: HexId, d: usize| {
        let c = geo.centres[h as usize];
        let [a, b] = geo.edge[d];
        (c + geo.corners[a], c + geo.corners[b])
    };
    let land = |h: HexId| h != NO_HEX && !map.terrain[h as usize].is_water();
    let camp = |h: HexId| view.owner.get(h as usize).and_then(|o| o.faction());
    let axis_gauge =
        |h: HexId| view.gauge.get(h as usize).copied().flatten() == Some(Faction::Axis);
    // Each edge or track once: from the hex of the lower id, or from the map's side of its edge.
    let each = |f: &mut dyn FnMut(HexId, usize, HexId)| {
        for &h in &visible {
            for (d, &n) in map.neighbours[h as usize].iter().enumerate() {
                if n == NO_HEX || h < n {
                    f(h, d, n);
                }
            }
        }
    };
    each(&mut |h, d, n| {
        if land(h) != land(n) {
            let (a, b) = edge(h, d);
            bands.add(a, b, 1.6 * zoom, theme::COAST);
        }
    });
    each(&mut |h, d, n| {
        if n != NO_HEX && map.river_edges[h as usize] & (1 << d) != 0 {
            let (a, b) = edge(h, d);
            bands.add(a, b, 1.5 * zoom, theme::RIVER);
        }
    });
    each(&mut |h, d, n| {
        if n != NO_HEX && map.rail_edges[h as usize] & (1 << d) != 0 {
            let colour = if axis_gauge(h) && axis_gauge(n) {
                theme::RAIL_AXIS
            } else {
                theme::RAIL_SOVIET
            };
            let (a, b) = (geo.centres[h as usize], geo.centres[n as usize]);
            bands.add(a, b, 1.3 * zoom, colour);
        }
    });
    each(&mut |h, d, n| {
        let (x, y) = (camp(h), camp(n));
        if land(h) && land(n) && x.is_some() && y.is_some() && x != y {
            let (a, b) = edge(h, d);
            bands.add(a, b, 3.2 * zoom, theme::FRONT);
        }
    });
    // A set of hexes' rim: the edges of its hexes that border no hex of the set.
    let mut inside = vec![false; map.len()];
    let mut outline = |bands: &mut Bands, hexes: &[HexId], w: f32, colour: Color32| {
        for &h in hexes {
            inside[h as usize] = true;
        }
        for &h in hexes {
            for (d, &n) in map.neighbours[h as usize].iter().enumerate() {
                if n == NO_HEX || !inside[n as usize] {
                    let (a, b) = edge(h, d);
                    bands.add(a, b, w, colour);
                }
            }
        }
        for &h in hexes {
            inside[h as usize] = false;
        }
    };
    for p in &view.pockets {
        outline(&mut bands, &p.hexes, 3.5, theme::POCKET);
    }
    // The selected units' range, with the hexes they stand on, in one outline.
    let range: Vec<HexId> = s.range.hexes.iter().chain(&s.range.from).copied().collect();
    outline(&mut bands, &range, 2.0, theme::RANGE_RIM);
    // Squares in a white rim, bands as long as they are wide: those that reach into the
    // area, so that a picture of a larger area shows the same squares at its edges.
    let px = bands.km;
    for city in &map.cities {
        let c = geo.centres[city.hex as usize];
        let big = city.victory_points > 0 || city.population >= 500_000;
        let r = if big { 3.5 } else { 2.5 };
        if !rect.expand(r + 2.0).contains(cam.to_screen(rect, c)) {
            continue;
        }
        for (half, colour) in [(r + 1.0, Color32::WHITE), (r, theme::CITY)] {
            let d = vec2(half * px, 0.0);
            bands.add(c - d, c + d, half * 2.0, colour);
        }
    }
    if geo.radius * cam.scale >= 6.0 {
        arrows(&mut bands, s);
    }
    bands.mesh()
}

/// The computer's moves in its last phase, an arrow each, as egui draws arrows: the head's
/// strokes a quarter of the shaft long, a tenth of a turn off it.
fn arrows(bands: &mut Bands, s: &Session) {
    let (map, view, geo) = (&s.game.loaded().map, &s.view, &s.map.geometry);
    let (sin, cos) = (std::f32::consts::TAU / 10.0).sin_cos();
    for m in s.game.seen() {
        if m.from as usize >= map.len() || m.to as usize >= map.len() {
            continue;
        }
        // A unit destroyed since it moved has no arrow.
        let colour = match view.unit(&m.unit).map(|u| u.camp()) {
            Some(Faction::Axis) => theme::AXIS_MOVE,
            Some(Faction::Soviet) => theme::SOVIET_MOVE,
            None => continue,
        };
        let (a, b) = (geo.centres[m.from as usize], geo.centres[m.to as usize]);
        let v = b - a;
        if v.length() < 1e-6 {
            continue;
        }
        let back = v.normalized() * (v.length() / 4.0);
        bands.add(a, b, 2.5, colour);
        for sin in [sin, -sin] {
            let head = vec2(back.x * cos - back.y * sin, back.x * sin + back.y * cos);
            bands.add(b, b - head, 2.5, colour);
        }
    }
}

/// Remakes the lines when the view or the area they are laid out for (map_still.rs) changes;
/// removes them off the game screen.
fn sync_lines(
    mut commands: Commands,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<LineMaterial>>,
    mut still: ResMut<MapStill>,
    mut lines: Query<(Entity, &mut Lines, &Mesh2d, &MeshMaterial2d<LineMaterial>)>,
) {
    let wanted = session.as_ref().filter(|_| *screen.get() == Screen::Game);
    let Some(s) = wanted else {
        for (e, ..) in &lines {
            commands.entity(e).despawn();
        }
        return;
    };
    let Some((cam, rect)) = still.layout() else {
        return;
    };
    let made: Made = ((s.view_generation, s.range.generation), (cam, rect));
    match lines.single_mut() {
        Ok((_, mut l, mesh, material)) => {
            if l.made != made {
                // Only what is drawn counts as a change; where it is laid out is map_still's.
                if l.made.0 != made.0 {
                    still.remade();
                }
                if let Some(mut m) = meshes.get_mut(&mesh.0) {
                    *m = lines_mesh(s, cam, rect);
                }
                if let Some(mut m) = materials.get_mut(&material.0) {
                    m.area = area_km(cam, rect);
                }
                l.made = made;
            }
        }
        _ => {
            for (e, ..) in &lines {
                commands.entity(e).despawn();
            }
            still.remade();
            commands.spawn((
                Name::new("Map lines"),
                map_still::live_layer(),
                Lines { made },
                Mesh2d(meshes.add(lines_mesh(s, cam, rect))),
                // Remade for whatever is in view.
                NoFrustumCulling,
                MeshMaterial2d(materials.add(LineMaterial {
                    area: area_km(cam, rect),
                })),
                // Blended things are drawn from the lowest up: above the ground, below the
                // counters.
                Transform::from_xyz(0.0, 0.0, 0.5),
            ));
        }
    }
}
