//! The map's ground — every hex filled with its terrain, washed with its holder or its
//! supply — as one Bevy mesh under the egui screen, moved by the window's camera.
//!
//! Why not egui like the rest of the map: egui's shader converts colours between sRGB and
//! linear with `pow` for every pixel, and with a software renderer the ground, which covers
//! most of the window, cost more than everything else on screen together. Bevy's 2D colour
//! material writes a vertex colour and nothing more.

use std::sync::Arc;

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::sprite_render::{AlphaMode2d, ColorMaterial, MeshMaterial2d};
use bevy_egui::egui::{Color32, Rect};

use super::map_geometry::MapCamera;
use super::map_view::{self, Overlay};
use super::screen::Screen;
use super::session::Session;
use crate::map::HexMap;

/// What the ground was last made from: the view, the overlay, where the map is looked at
/// from and where on screen.
type Made = (u64, Overlay, Option<MapCamera>, Option<Rect>);

/// The ground's entity, and what it was made from.
#[derive(Component)]
struct Ground {
    map: Arc<HexMap>,
    made_from: Made,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (sync_ground, follow_map_camera));
}

fn linear(c: Color32) -> [f32; 4] {
    Color::srgb_u8(c.r(), c.g(), c.b())
        .to_linear()
        .to_f32_array()
}

/// The hexes whose middle lies in the map area (or just beyond it), in km (the camera turns
/// them into pixels): what is under the side panel or off screen costs nothing.
fn ground_mesh(session: &Session) -> Mesh {
    let map = &session.game.loaded().map;
    let geo = &session.map.geometry;
    let view = &session.view;
    let overlay = session.map.overlay;
    let visible = match (session.map.camera, session.map.last_rect) {
        (Some(cam), Some(rect)) => geo.visible(cam, rect),
        _ => Vec::new(),
    };
    let mut positions: Vec<[f32; 3]> = Vec::with_capacity(visible.len() * 6);
    let mut colours: Vec<[f32; 4]> = Vec::with_capacity(visible.len() * 6);
    let mut indices: Vec<u32> = Vec::with_capacity(visible.len() * 12);
    for h in visible.into_iter().map(|h| h as usize) {
        let c = geo.centres[h];
        let colour = linear(map_view::ground_colour(map, view, h, overlay));
        let base = positions.len() as u32;
        // Corners a hair outside the hex, so that neighbours overlap and no seams show;
        // a hexagon is four triangles fanned from one corner.
        for k in geo.corners {
            let p = c + k * 1.02;
            positions.push([p.x, p.y, 0.0]);
            colours.push(colour);
        }
        for k in 1..5u32 {
            indices.extend([base, base + k, base + k + 1]);
        }
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, colours)
    .with_inserted_indices(Indices::U32(indices))
}

/// Keeps the ground mesh in step with the game: made when a game starts (or its map
/// changes), recoloured when the view or the overlay changes, removed off the game screen.
fn sync_ground(
    mut commands: Commands,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut ground: Query<(Entity, &mut Ground, &Mesh2d)>,
) {
    let wanted = session.as_ref().filter(|_| *screen.get() == Screen::Game);
    let Some(s) = wanted else {
        for (e, ..) in &ground {
            commands.entity(e).despawn();
        }
        return;
    };
    let key = (
        s.view_generation,
        s.map.overlay,
        s.map.camera,
        s.map.last_rect,
    );
    match ground.single_mut() {
        Ok((_, mut g, mesh)) if Arc::ptr_eq(&g.map, &s.game.loaded().map) => {
            if g.made_from != key
                && let Some(mut m) = meshes.get_mut(&mesh.0)
            {
                *m = ground_mesh(s);
                g.made_from = key;
            }
        }
        _ => {
            for (e, ..) in &ground {
                commands.entity(e).despawn();
            }
            commands.spawn((
                Name::new("Map ground"),
                Ground {
                    map: s.game.loaded().map.clone(),
                    made_from: key,
                },
                Mesh2d(meshes.add(ground_mesh(s))),
                MeshMaterial2d(materials.add(ColorMaterial {
                    alpha_mode: AlphaMode2d::Opaque,
                    ..ColorMaterial::from_color(Color::WHITE)
                })),
                Transform::default(),
            ));
        }
    }
}

/// Points the window's camera so that the ground lies under the map area exactly as the
/// egui layers above it are drawn (the map's camera, in km and pixels per km).
fn follow_map_camera(
    session: Option<Res<Session>>,
    windows: Query<&Window>,
    mut camera: Query<(&mut Transform, &mut Projection), With<Camera2d>>,
) {
    let Some(s) = session else { return };
    let (Some(cam), Some(rect)) = (s.map.camera, s.map.last_rect) else {
        return;
    };
    let Ok(window) = windows.single() else { return };
    let Ok((mut t, mut p)) = camera.single_mut() else {
        return;
    };
    // The map area's middle, from the window's middle, in pixels (y down).
    let d = rect.center() - bevy_egui::egui::pos2(window.width() / 2.0, window.height() / 2.0);
    t.translation.x = cam.centre.x - d.x / cam.scale;
    t.translation.y = cam.centre.y + d.y / cam.scale;
    if let Projection::Orthographic(o) = &mut *p {
        o.scale = 1.0 / cam.scale;
    }
}
