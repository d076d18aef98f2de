//! The map's ground under the egui screen: terrain washed with its holder or its supply,
//! painted by one shader (map_ground.wgsl) on one rectangle that covers the map
//! area, moved by the window's camera. The lines go on top (map_lines.rs), then the counters
//! (map_counters.rs), then egui's text.
//!
//! Why a shader rather than a mesh of hexes or egui shapes: Mesa's software renderer spends
//! microseconds setting up each triangle, and a mesh of the hexes in view was thousands of
//! them a frame; egui's shader also converts every pixel between sRGB and linear with `pow`.
//! Here the ground is two triangles, and what changes from turn to turn is a texel per hex
//! (hex_data.rs).

use std::sync::Arc;

use bevy::asset::{RenderAssetUsages, embedded_asset};
use bevy::camera::visibility::NoFrustumCulling;
use bevy::image::Image;
use bevy::math::Vec4;
use bevy::mesh::MeshVertexBufferLayoutRef;
use bevy::prelude::*;
use bevy::render::render_resource::{
    AsBindGroup, Extent3d, RenderPipelineDescriptor, ShaderType, SpecializedMeshPipelineError,
    TextureDimension, TextureFormat,
};
use bevy::shader::ShaderRef;
use bevy::sprite_render::{Material2d, Material2dKey, Material2dPlugin, MeshMaterial2d};
use bevy_egui::egui::Rect;

use super::hex_data::{self, HexGrid};
use super::map_geometry::MapCamera;
use super::map_shading::{self, linear};
use super::map_still::{self, MapStill};
use super::map_view::Overlay;
use super::screen::Screen;
use super::session::Session;
use super::theme;
use crate::map::HexMap;

const SHADER: &str = "embedded://eastfront/ui/map_ground.wgsl";

pub(super) fn plugin(app: &mut App) {
    embedded_asset!(app, "map_ground.wgsl");
    app.add_plugins(Material2dPlugin::<GroundMaterial>::default())
        .add_systems(
            PostUpdate,
            (sync_ground, follow_map_camera).in_set(super::MapMeshes),
        );
}

/// The shader's numbers: how km become hexes, and the colour beyond the map. Laid out as
/// map_ground.wgsl's `Ground`.
#[derive(ShaderType, Debug, Clone, Copy, Default, PartialEq)]
struct GroundParams {
    to_axial: Vec4,
    from_axial: Vec4,
    origin: Vec4,
    grid: Vec4,
    background: Vec4,
}

#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
struct GroundMaterial {
    #[uniform(0)]
    params: GroundParams,
    #[texture(1)]
    colours: Handle<Image>,
}

impl Material2d for GroundMaterial {
    fn fragment_shader() -> ShaderRef {
        SHADER.into()
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

/// What the per-hex textures were packed from: the view, the overlay, the move range.
type Packed = (u64, Overlay, u64);

#[derive(Component)]
struct Ground {
    map: Arc<HexMap>,
    grid: HexGrid,
    packed: Packed,
    looked: Option<(MapCamera, Rect)>,
}

fn image(grid: HexGrid, data: Vec<u8>) -> Image {
    Image::new(
        Extent3d {
            width: grid.cols,
            height: grid.rows,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
    )
}

fn params(map: &HexMap, grid: HexGrid) -> GroundParams {
    let at = |q: i32, r: i32| map.layout.hex_to_world_pos(hexx::Hex::new(q, r));
    let o = at(0, 0);
    let (a, b) = (at(1, 0) - o, at(0, 1) - o);
    let det = a.x * b.y - b.x * a.y;
    GroundParams {
        to_axial: Vec4::new(b.y / det, -b.x / det, -a.y / det, a.x / det),
        from_axial: Vec4::new(a.x, a.y, b.x, b.y),
        origin: Vec4::new(o.x, o.y, grid.q_min as f32, grid.r_min as f32),
        grid: Vec4::new(grid.cols as f32, grid.rows as f32, 0.0, 0.0),
        background: linear(theme::BACKGROUND),
    }
}

/// The rectangle's place and size in km: exactly the map area on screen.
pub(super) fn placement(cam: MapCamera, rect: Rect) -> Transform {
    let c = cam.to_km(rect, rect.center());
    Transform::from_xyz(c.x, c.y, 0.0).with_scale(Vec3::new(
        rect.width() / cam.scale,
        rect.height() / cam.scale,
        1.0,
    ))
}

/// Keeps the map's rectangle in step with the game: made when a game starts (or its map
/// changes), its textures repacked when the view or the overlay changes, its numbers when
/// the area it is laid out for moves (map_still.rs decides that: the map area, or a
/// picture's larger one); removed off the game screen.
#[allow(clippy::too_many_arguments)]
fn sync_ground(
    mut commands: Commands,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut images: ResMut<Assets<Image>>,
    mut materials: ResMut<Assets<GroundMaterial>>,
    mut still: ResMut<MapStill>,
    mut ground: Query<(
        Entity,
        &mut Ground,
        &MeshMaterial2d<GroundMaterial>,
        &mut Transform,
    )>,
) {
    let wanted = session.as_ref().filter(|_| *screen.get() == Screen::Game);
    let Some(s) = wanted else {
        for (e, ..) in &ground {
            commands.entity(e).despawn();
        }
        return;
    };
    let map = &s.game.loaded().map;
    let packed: Packed = (s.view_generation, s.map.overlay, s.range.generation);
    let data = |grid: HexGrid| hex_data::pack(map, &s.view, grid, s.map.overlay, &s.range.hexes);
    let looked = still.layout();
    match ground.single_mut() {
        Ok((_, mut g, handle, mut transform)) if Arc::ptr_eq(&g.map, map) => {
            let repack = g.packed != packed;
            let moved = g.looked != looked;
            if !repack && !moved {
                return;
            }
            // Only what is drawn counts as a change; where it is laid out is map_still's.
            if repack {
                still.remade();
            }
            let Some(mut m) = materials.get_mut(&handle.0) else {
                return;
            };
            if repack {
                if let Some(mut i) = images.get_mut(&m.colours) {
                    i.data = Some(data(g.grid));
                }
                g.packed = packed;
            }
            if let Some((cam, rect)) = looked {
                m.params = params(map, g.grid);
                *transform = placement(cam, rect);
            }
            g.looked = looked;
        }
        _ => {
            for (e, ..) in &ground {
                commands.entity(e).despawn();
            }
            still.remade();
            let grid = HexGrid::of(map);
            let colours = images.add(image(grid, data(grid)));
            let (p, transform) = match looked {
                Some((cam, rect)) => (params(map, grid), placement(cam, rect)),
                // Nothing to show until the map area has been laid out.
                None => (GroundParams::default(), Transform::from_scale(Vec3::ZERO)),
            };
            commands.spawn((
                Name::new("Map ground"),
                map_still::live_layer(),
                Ground {
                    map: map.clone(),
                    grid,
                    packed,
                    looked,
                },
                Mesh2d(meshes.add(Rectangle::new(1.0, 1.0))),
                // Moved every time the map is; always in view.
                NoFrustumCulling,
                MeshMaterial2d(materials.add(GroundMaterial { params: p, colours })),
                transform,
            ));
        }
    }
}

/// Points the window's camera so that the ground lies under the map area exactly as the
/// egui layers above it are drawn (the map's camera, in km and pixels per km).
fn follow_map_camera(
    session: Option<Res<Session>>,
    windows: Query<&Window>,
    mut camera: Query<(&mut Transform, &mut Projection), With<super::WindowCamera>>,
) {
    let Some(s) = session else { return };
    let (Some(cam), Some(rect)) = (s.map.camera, s.map.last_rect) else {
        return;
    };
    let Ok(window) = windows.single() else { return };
    let Ok((mut t, mut p)) = camera.single_mut() else {
        return;
    };
    let at = camera_at(cam, rect, window);
    t.translation.x = at.x;
    t.translation.y = at.y;
    if let Projection::Orthographic(o) = &mut *p {
        o.scale = 1.0 / cam.scale;
    }
}

/// Where, in km, a camera drawing `window`'s pixels stands for the map area `rect` to show
/// the map through `cam`: the window's camera, and map_still's when it pictures that view.
pub(super) fn camera_at(cam: MapCamera, rect: Rect, window: &Window) -> Vec2 {
    // The map area's middle, from the window's middle, in pixels (y down).
    let d = rect.center() - bevy_egui::egui::pos2(window.width() / 2.0, window.height() / 2.0);
    Vec2::new(
        cam.centre.x - d.x / cam.scale,
        cam.centre.y + d.y / cam.scale,
    )
}
