//! The counters on the map: one rectangle per occupied hex in view, in one mesh, painted by
//! map_counters.wgsl above the ground and below egui's figures. Two triangles a counter,
//! where egui's shapes were dozens for the software renderer to set up.

use bevy::asset::{RenderAssetUsages, embedded_asset};
use bevy::camera::visibility::NoFrustumCulling;
use bevy::math::Vec4;
use bevy::mesh::{Indices, MeshVertexBufferLayoutRef, PrimitiveTopology};
use bevy::prelude::*;
use bevy::render::render_resource::{
    AsBindGroup, RenderPipelineDescriptor, ShaderType, SpecializedMeshPipelineError,
};
use bevy::shader::ShaderRef;
use bevy::sprite_render::{
    AlphaMode2d, Material2d, Material2dKey, Material2dPlugin, MeshMaterial2d,
};
use bevy_egui::egui::Rect;

use super::map_geometry::MapCamera;
use super::map_lines;
use super::map_shading::{self, linear};
use super::map_still::{self, MapStill};
use super::map_view;
use super::screen::Screen;
use super::session::Session;
use super::theme;
use crate::game::view::SupplyLevel;
use crate::scenario::Faction;
use crate::scenario::scenario_file::UnitKind;

const SHADER: &str = "embedded://eastfront/ui/map_counters.wgsl";

const SELECTED: u32 = 1;
const ISOLATED: u32 = 2;
const READY: u32 = 4;
/// Pixels around a counter's block for its rim and the counters stacked beneath it.
const MARGIN_PX: f32 = 4.0;

pub(super) fn plugin(app: &mut App) {
    embedded_asset!(app, "map_counters.wgsl");
    app.add_plugins(Material2dPlugin::<CounterMaterial>::default())
        .add_systems(PostUpdate, sync_counters.in_set(super::MapMeshes));
}

/// Laid out as map_counters.wgsl's `Counters`.
#[derive(ShaderType, Debug, Clone, Copy, Default, PartialEq)]
struct CounterParams {
    size: Vec4,
    ink: Vec4,
    selected: Vec4,
    isolated: Vec4,
    area: Vec4,
}

#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
struct CounterMaterial {
    #[uniform(0)]
    params: CounterParams,
}

impl Material2d for CounterMaterial {
    fn fragment_shader() -> ShaderRef {
        SHADER.into()
    }

    // Blended, so drawn after the ground, whatever the order of opaque draws.
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

/// What the counters were last made from: the view, the selection and the phase (what
/// they show), and the area they were laid out for (where).
type Made = ((u64, Vec<String>, Option<Faction>), (MapCamera, Rect));

#[derive(Component)]
struct Counters {
    made: Option<Made>,
}

fn kind_code(k: UnitKind) -> f32 {
    match k {
        UnitKind::Infantry => 1.0,
        UnitKind::Mountain => 2.0,
        UnitKind::Cavalry => 3.0,
        UnitKind::Motorised => 4.0,
        UnitKind::Armoured => 5.0,
    }
}

/// A counter's half width and half height at this zoom, km.
fn half_size(s: &Session, cam: MapCamera) -> (f32, f32) {
    let w_px = map_view::counter_width(s.map.geometry.radius * cam.scale);
    (w_px / cam.scale / 2.0, w_px * 0.8 / cam.scale / 2.0)
}

fn params(s: &Session, cam: MapCamera, rect: Rect) -> CounterParams {
    let (hw, hh) = half_size(s, cam);
    CounterParams {
        size: Vec4::new(
            1.0 / cam.scale,
            map_view::counter_width(s.map.geometry.radius * cam.scale),
            hw,
            hh,
        ),
        ink: linear(theme::INK),
        selected: linear(theme::SELECTED),
        isolated: linear(theme::supply(SupplyLevel::Isolated)),
        area: map_lines::area_km(cam, rect),
    }
}

fn counters_mesh(s: &Session, cam: MapCamera, rect: Rect) -> Mesh {
    let (view, geo) = (&s.view, &s.map.geometry);
    let acting = s.game.open_phase();
    let (hw, hh) = half_size(s, cam);
    let m = MARGIN_PX / cam.scale;
    let corners = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)];
    let mut positions: Vec<[f32; 3]> = Vec::new();
    let mut offsets: Vec<[f32; 2]> = Vec::new();
    let mut colours: Vec<[f32; 4]> = Vec::new();
    let mut info: Vec<[f32; 3]> = Vec::new();
    let mut indices: Vec<u32> = Vec::new();
    for h in geo.visible(cam, rect) {
        let stack = &view.stacks[h as usize];
        // The selected unit shows on top of its stack.
        let Some(top) = stack
            .iter()
            .copied()
            .find(|&i| s.selected.contains(&view.units[i].id))
            .or(stack.first().copied())
        else {
            continue;
        };
        let u = &view.units[top];
        let mut marks = 0;
        if s.selected.contains(&u.id) {
            marks |= SELECTED;
        }
        if u.supply_level() == SupplyLevel::Isolated {
            marks |= ISOLATED;
        }
        let ready = acting == Some(u.camp())
            && stack.iter().any(|&i| {
                let x = &view.units[i];
                x.moves_left.is_some_and(|left| left > 0) && !x.attacked
            });
        if ready {
            marks |= READY;
        }
        let c = geo.centres[h as usize];
        let colour = linear(theme::side(u.side)).to_array();
        let base = positions.len() as u32;
        for (sx, sy) in corners {
            let off = [sx * (hw + m), sy * (hh + m)];
            positions.push([c.x + off[0], c.y + off[1], 0.0]);
            offsets.push(off);
            colours.push(colour);
            info.push([kind_code(u.kind), marks as f32, stack.len().min(3) as f32]);
        }
        indices.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, offsets)
    .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, colours)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, info)
    .with_inserted_indices(Indices::U32(indices))
}

/// Remakes the counters when the view, the selection, the phase or the area they are laid
/// out for (map_still.rs) changes; removes them off the game screen.
fn sync_counters(
    mut commands: Commands,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<CounterMaterial>>,
    mut still: ResMut<MapStill>,
    mut counters: Query<(
        Entity,
        &mut Counters,
        &Mesh2d,
        &MeshMaterial2d<CounterMaterial>,
    )>,
) {
    let wanted = session.as_ref().filter(|_| *screen.get() == Screen::Game);
    let Some(s) = wanted else {
        for (e, ..) in &counters {
            commands.entity(e).despawn();
        }
        return;
    };
    let Some((cam, rect)) = still.layout() else {
        return;
    };
    let made: Made = (
        (s.view_generation, s.selected.clone(), s.game.open_phase()),
        (cam, rect),
    );
    match counters.single_mut() {
        Ok((_, mut c, mesh, material)) => {
            if c.made.as_ref() == Some(&made) {
                return;
            }
            // Only what is drawn counts as a change; where it is laid out is map_still's.
            if c.made.as_ref().is_none_or(|m| m.0 != made.0) {
                still.remade();
            }
            if let Some(mut m) = meshes.get_mut(&mesh.0) {
                *m = counters_mesh(s, cam, rect);
            }
            if let Some(mut m) = materials.get_mut(&material.0) {
                m.params = params(s, cam, rect);
            }
            c.made = Some(made);
        }
        _ => {
            for (e, ..) in &counters {
                commands.entity(e).despawn();
            }
            still.remade();
            commands.spawn((
                Name::new("Counters"),
                map_still::live_layer(),
                Counters { made: Some(made) },
                Mesh2d(meshes.add(counters_mesh(s, cam, rect))),
                // Remade for whatever is in view.
                NoFrustumCulling,
                MeshMaterial2d(materials.add(CounterMaterial {
                    params: params(s, cam, rect),
                })),
                // Above the lines (z 0.5); moved, never turned or scaled (see the shader).
                Transform::from_xyz(0.0, 0.0, 1.0),
            ));
        }
    }
}
