//! While the map stands still, its Bevy layers — the ground (map_ground.rs), the lines
//! (map_lines.rs) and the counters (map_counters.rs) — are drawn once into a picture the size
//! of the window, and that picture is shown in their place: one opaque rectangle over the
//! map area, a texel a pixel.
//!
//! Why: a software renderer pays for every pixel of every band and counter each frame, and
//! most frames change nothing on the map — the pointer moves over it, a panel opens, egui's
//! text above it changes. The lines and the counters were a quarter of such a frame. When
//! anything on the map is remade (a move, the view panned or zoomed, another overlay), the
//! layers are drawn live again until the map has stood still for `SETTLE` frames.
//!
//! A picture is shown only once the renderer has said it drew it whole: a pipeline still
//! being compiled (the first picture of a run) leaves its layer out of that frame, and the
//! picture is taken again.

use bevy::asset::{RenderAssetUsages, embedded_asset};
use bevy::camera::visibility::{NoFrustumCulling, RenderLayers};
use bevy::camera::{ImageRenderTarget, RenderTarget};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use bevy::mesh::MeshVertexBufferLayoutRef;
use bevy::prelude::*;
use bevy::render::render_resource::{
    AsBindGroup, PipelineCache, RenderPipelineDescriptor, SpecializedMeshPipelineError,
    TextureFormat,
};
use bevy::render::{Extract, ExtractSchedule, Render, RenderApp, RenderSystems};
use bevy::shader::ShaderRef;
use bevy::sprite_render::{Material2d, Material2dKey, Material2dPlugin, MeshMaterial2d};
use bevy::window::PrimaryWindow;

use super::WindowCamera;
use super::map_ground;
use super::map_shading;
use super::screen::Screen;
use super::session::Session;
use super::theme;

const SHADER: &str = "embedded://eastfront/ui/map_still.wgsl";

/// The render layer of the map's live layers: seen by the picture's camera always, and by
/// the window's camera only while they are drawn live.
const LIVE: usize = 1;

/// Frames, and seconds, the map must stand still before its picture is taken: a picture
/// costs about two frames' drawing, not worth it for a view that changes every few frames
/// (the computer playing on at four weeks a second or more).
const SETTLE: u32 = 2;
const SETTLE_SECS: f64 = 0.3;

/// Frames between takes of a picture the renderer has not said it drew whole: its word
/// comes a frame or two later, the renderer working a frame behind.
const RETAKE: u32 = 3;

pub(super) fn plugin(app: &mut App) {
    embedded_asset!(app, "map_still.wgsl");
    let drawn = Drawn::default();
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render
            .insert_resource(drawn.clone())
            .init_resource::<Taking>()
            .add_systems(ExtractSchedule, extract_taking)
            .add_systems(Render, confirm_drawn.in_set(RenderSystems::Cleanup));
    }
    app.add_plugins(Material2dPlugin::<StillMaterial>::default())
        .insert_resource(MapStill { drawn, ..default() })
        .add_systems(
            PostUpdate,
            settle
                .after(super::MapMeshes)
                .before(bevy::transform::TransformSystems::Propagate)
                .before(bevy::camera::CameraUpdateSystems),
        );
}

/// The layer the map's live layers are drawn in.
pub(super) fn live_layer() -> RenderLayers {
    RenderLayers::layer(LIVE)
}

/// Whether the map's layers changed this frame, for how many frames they have not, and
/// which picture of them is being taken or shown.
#[derive(Resource, Default)]
pub(super) struct MapStill {
    remade: bool,
    still_for: u32,
    /// When the layers last changed, in seconds of the app's real time.
    changed_at: f64,
    /// Frames since the last picture was taken.
    since_take: u32,
    /// The picture of the layers as they are now, once taken (0: none).
    picture: u32,
    /// The picture taken this frame (0: none).
    taking: u32,
    /// The last picture's number.
    last: u32,
    drawn: Drawn,
}

impl MapStill {
    /// Said by each layer's system when it remakes, adds or removes anything.
    pub(super) fn remade(&mut self) {
        self.remade = true;
    }

    /// No map to picture.
    fn forget(&mut self) {
        self.still_for = 0;
        self.picture = 0;
        self.taking = 0;
    }

    /// One frame: whether the layers `changed` this frame, the app's time `now` in seconds,
    /// and the last picture the renderer said it drew whole. Decides whether a picture is
    /// taken this frame (`taking`), and returns true if the layers are drawn live, false if
    /// the picture is shown in their place.
    fn step(&mut self, changed: bool, now: f64, drawn: u32) -> bool {
        if changed {
            self.still_for = 0;
            self.changed_at = now;
            self.picture = 0;
            self.since_take = u32::MAX;
        } else {
            self.still_for = self.still_for.saturating_add(1);
            self.since_take = self.since_take.saturating_add(1);
        }
        let shown = self.picture != 0 && drawn == self.picture;
        self.taking = 0;
        if !shown
            && self.still_for >= SETTLE
            && now - self.changed_at >= SETTLE_SECS
            && self.since_take >= RETAKE
        {
            self.last += 1;
            self.picture = self.last;
            self.taking = self.last;
            self.since_take = 0;
        }
        !shown
    }
}

/// The last picture the renderer drew with every pipeline ready, shared with the render
/// world.
#[derive(Resource, Clone, Default)]
struct Drawn(Arc<AtomicU32>);

/// Render world: the picture this frame takes (0: none).
#[derive(Resource, Default)]
struct Taking(u32);

fn extract_taking(mut taking: ResMut<Taking>, still: Extract<Res<MapStill>>) {
    taking.0 = still.taking;
}

/// After the frame is drawn: a pipeline still waiting then was one the picture's layers
/// could not be drawn with.
fn confirm_drawn(taking: Res<Taking>, cache: Res<PipelineCache>, drawn: Res<Drawn>) {
    if taking.0 != 0 && cache.waiting_pipelines().next().is_none() {
        drawn.0.store(taking.0, Ordering::Release);
    }
}

/// The camera that draws the live layers into the picture.
#[derive(Component)]
struct PictureCamera;

/// The rectangle that shows the picture, and the picture's size in pixels.
#[derive(Component)]
struct Picture {
    size: UVec2,
}

#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
struct StillMaterial {
    #[texture(0)]
    picture: Handle<Image>,
}

impl Material2d for StillMaterial {
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

/// The picture: the window's size, in the format the window's camera draws in, so that a
/// texel read back is the pixel the live layers would have written.
fn picture_image(size: UVec2) -> Image {
    let mut image = Image::new_target_texture(size.x, size.y, TextureFormat::Rgba8UnormSrgb, None);
    // Only the renderer needs it.
    image.asset_usage = RenderAssetUsages::RENDER_WORLD;
    image
}

/// Once the map's layers are in place for this frame: decides whether they are drawn live,
/// drawn into the picture, or left to the picture, and points the picture's camera and
/// rectangle where the window's are.
#[allow(clippy::too_many_arguments)]
fn settle(
    mut commands: Commands,
    mut still: ResMut<MapStill>,
    time: Res<Time<Real>>,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut images: ResMut<Assets<Image>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StillMaterial>>,
    window_camera: Query<
        (Entity, &Transform, &Projection, Option<&RenderLayers>),
        (With<WindowCamera>, Without<PictureCamera>),
    >,
    mut picture_camera: Query<
        (
            Entity,
            &mut Camera,
            &mut Transform,
            &mut Projection,
            &mut RenderTarget,
        ),
        (With<PictureCamera>, Without<WindowCamera>),
    >,
    mut pictures: Query<
        (
            Entity,
            &mut Picture,
            &mut Transform,
            &mut Visibility,
            &MeshMaterial2d<StillMaterial>,
        ),
        (Without<PictureCamera>, Without<WindowCamera>),
    >,
) {
    let remade = std::mem::take(&mut still.remade);
    let Ok((window_entity, window_transform, window_projection, window_layers)) =
        window_camera.single()
    else {
        return;
    };
    // The window's camera sees the live layers, or only the picture.
    let window_sees = |commands: &mut Commands, layers: RenderLayers| {
        if window_layers != Some(&layers) {
            commands.entity(window_entity).insert(layers);
        }
    };
    let on_map = session
        .as_ref()
        .filter(|_| *screen.get() == Screen::Game)
        .and_then(|s| s.map.camera.zip(s.map.last_rect));
    let window = windows.single().ok();
    let (Some((cam, rect)), Some(window)) = (on_map, window) else {
        // Nothing to picture: the window's camera sees the live layers, if any.
        still.forget();
        window_sees(&mut commands, RenderLayers::from_layers(&[0, LIVE]));
        for (e, ..) in &pictures {
            commands.entity(e).despawn();
        }
        if let Ok((e, ..)) = picture_camera.single() {
            commands.entity(e).despawn();
        }
        return;
    };
    let size = UVec2::new(window.physical_width(), window.physical_height());
    let resized = pictures.single().map_or(true, |(_, p, ..)| p.size != size);
    let drawn = still.drawn.0.load(Ordering::Acquire);
    let live = still.step(remade || resized, time.elapsed_secs_f64(), drawn);

    // A new picture when the window's size changes (or the first time).
    if resized && size.x > 0 && size.y > 0 {
        let image = images.add(picture_image(size));
        let target = RenderTarget::Image(ImageRenderTarget {
            handle: image.clone(),
            scale_factor: window.scale_factor(),
        });
        match picture_camera.single_mut() {
            Ok((_, _, _, _, mut t)) => *t = target,
            Err(_) => {
                commands.spawn((
                    Name::new("Map picture camera"),
                    PictureCamera,
                    Camera2d,
                    Camera {
                        // Before the window's camera, which shows what it drew.
                        order: -1,
                        is_active: false,
                        clear_color: ClearColorConfig::Custom(Color::srgb_u8(
                            theme::BACKGROUND.r(),
                            theme::BACKGROUND.g(),
                            theme::BACKGROUND.b(),
                        )),
                        ..default()
                    },
                    target,
                    Msaa::Off,
                    live_layer(),
                ));
            }
        }
        match pictures.single_mut() {
            Ok((_, mut p, .., material)) => {
                p.size = size;
                if let Some(mut m) = materials.get_mut(&material.0) {
                    m.picture = image;
                }
            }
            Err(_) => {
                commands.spawn((
                    Name::new("Map picture"),
                    Picture { size },
                    Mesh2d(meshes.add(Rectangle::new(1.0, 1.0))),
                    MeshMaterial2d(materials.add(StillMaterial { picture: image })),
                    NoFrustumCulling,
                    Visibility::Hidden,
                    map_ground::placement(cam, rect),
                ));
            }
        }
    }

    window_sees(
        &mut commands,
        if live {
            RenderLayers::from_layers(&[0, LIVE])
        } else {
            RenderLayers::layer(0)
        },
    );
    if let Ok((_, mut camera, mut t, mut p)) = picture_camera
        .single_mut()
        .map(|(e, c, t, p, _)| (e, c, t, p))
    {
        camera.is_active = still.taking != 0;
        // Kept where the window's camera is, so that its projection is up to date when
        // it draws.
        if *t != *window_transform {
            *t = *window_transform;
        }
        *p = window_projection.clone();
    }
    if let Ok((_, _, mut t, mut v, _)) = pictures.single_mut() {
        *t = map_ground::placement(cam, rect);
        *v = if live {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames 40 ms apart from `t`, none changing the layers, with the renderer's word
    /// `drawn`: how many were live before the picture showed (None: it never did).
    fn frames_until_shown(
        still: &mut MapStill,
        t: &mut f64,
        drawn: &mut u32,
        n: u32,
    ) -> Option<u32> {
        for i in 0..n {
            *t += 0.04;
            let live = still.step(false, *t, *drawn);
            // The renderer draws what was taken whole, and says so.
            if still.taking != 0 {
                *drawn = still.taking;
            }
            if !live {
                return Some(i);
            }
        }
        None
    }

    #[test]
    fn a_still_map_is_pictured_once_it_has_settled_and_the_renderer_drew_it() {
        let mut still = MapStill::default();
        let (mut t, mut drawn) = (0.0, 0);
        assert!(still.step(true, t, drawn), "a changed map is drawn live");
        assert_eq!(still.taking, 0);
        // 0.3 s of stillness at 40 ms a frame: the picture is taken on the eighth frame and
        // shown on the ninth.
        let live_frames = frames_until_shown(&mut still, &mut t, &mut drawn, 20);
        assert_eq!(live_frames, Some(8));
        // Then it stays shown, and no more pictures are taken.
        for _ in 0..10 {
            t += 0.04;
            assert!(!still.step(false, t, drawn));
            assert_eq!(still.taking, 0);
        }
    }

    #[test]
    fn a_change_brings_the_live_layers_back_at_once() {
        let mut still = MapStill::default();
        let (mut t, mut drawn) = (0.0, 0);
        still.step(true, t, drawn);
        frames_until_shown(&mut still, &mut t, &mut drawn, 20).unwrap();
        t += 0.04;
        assert!(
            still.step(true, t, drawn),
            "a move, a pan or a new overlay is drawn live"
        );
        // The old picture, though the renderer drew it, is not shown again.
        t += 0.04;
        assert!(still.step(false, t, drawn));
        assert_eq!(still.taking, 0, "too soon for a new picture");
        let again = frames_until_shown(&mut still, &mut t, &mut drawn, 20);
        assert!(again.is_some(), "the new view is pictured in turn");
    }

    #[test]
    fn a_picture_the_renderer_did_not_draw_whole_is_taken_again() {
        let mut still = MapStill::default();
        let mut t = 0.0;
        still.step(true, t, 0);
        let mut takes = Vec::new();
        for _ in 0..30 {
            t += 0.04;
            // The renderer never confirms (a pipeline still compiling).
            assert!(
                still.step(false, t, 0),
                "an unconfirmed picture is never shown"
            );
            if still.taking != 0 {
                takes.push(still.taking);
            }
        }
        assert!(takes.len() >= 3, "retaken: {takes:?}");
        assert!(
            takes.windows(2).all(|w| w[1] > w[0]),
            "each take is a new picture"
        );
        // A late word about an older picture does not show the newest.
        t += 0.04;
        assert!(still.step(false, t, takes[0]));
    }

    #[test]
    fn the_computer_playing_on_fast_is_never_pictured() {
        // Four weeks a second at 25 frames a second: a change every sixth frame.
        let mut still = MapStill::default();
        let mut t = 0.0;
        for frame in 0..100u32 {
            t += 0.04;
            let live = still.step(frame % 6 == 0, t, still.taking);
            assert!(live);
            assert_eq!(
                still.taking, 0,
                "frame {frame}: a picture not worth its cost"
            );
        }
    }
}
