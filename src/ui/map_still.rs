//! While the map stands still, its Bevy layers — the ground (map_ground.rs), the lines
//! (map_lines.rs) and the counters (map_counters.rs) — are drawn once into a picture, and
//! that picture is copied over the map area in their place, a texel a pixel.
//!
//! Why: a software renderer pays for every pixel of every band and counter each frame, and
//! most frames change nothing on the map — the pointer moves over it, a panel opens, egui's
//! text above it changes. The lines and the counters were a quarter of such a frame. When
//! anything on the map is remade (a move, a selection, the view zoomed, another overlay),
//! the layers are drawn live again until the map has stood still for `SETTLE` frames.
//!
//! The picture is copied, not drawn: Mesa's software renderer shades even a one-texel
//! rectangle at some 8 ns a pixel, converting each pixel from sRGB and back, where a copy
//! of the same bytes costs a twentieth of that (`show_picture`). The picture is taken in the
//! window's format for that reason; a window whose format differs (none seen so far) draws
//! the map live.
//!
//! A drag is the other frame that changes the map, and the costliest: every frame of it was
//! drawn live. So the picture reaches beyond the map area, a quarter of the window each way
//! (`MARGIN`), and while the map is dragged the picture is shown shifted by the drag — what
//! the live layers would draw there, pixel for pixel, since a drag by whole pixels moves
//! every pixel's view alike. A drag past the picture's edge is drawn live, as every drag was,
//! and once a drag has stopped the picture is taken anew where the map now is. Taking the
//! larger picture costs several live frames' drawing, too much for a frame in mid-drag; only
//! the first drag of a run, whose picture covers the map area alone, takes one at its start.
//!
//! A picture is shown only once the renderer has said it drew it whole: a pipeline still
//! being compiled (the first picture of a run) leaves its layer out of that frame, and the
//! picture is taken again. That first picture covers the map area only, taken while the
//! layers are drawn live; once the renderer has drawn one whole, its pipelines are ready,
//! and a picture with a margin is shown from the frame it is taken on — it must be, since
//! layers laid out beyond the map area cannot be drawn live over the panels beside it.

use bevy::asset::RenderAssetUsages;
use bevy::camera::visibility::RenderLayers;
use bevy::camera::{ImageRenderTarget, NormalizedRenderTarget, RenderTarget};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use bevy::core_pipeline::{Core2d, Core2dSystems};
use bevy::prelude::*;
use bevy::render::camera::ExtractedCamera;
use bevy::render::render_asset::RenderAssets;
use bevy::render::render_resource::{
    Extent3d, Origin3d, PipelineCache, TexelCopyBufferLayout, TexelCopyTextureInfo, Texture,
    TextureAspect, TextureDescriptor, TextureDimension, TextureFormat, TextureUsages,
};
use bevy::render::renderer::{RenderContext, RenderDevice, RenderQueue, ViewQuery};
use bevy::render::texture::GpuImage;
use bevy::render::view::{ViewDepthTexture, ViewTarget};
use bevy::render::{Extract, ExtractSchedule, Render, RenderApp, RenderSystems};
use bevy::window::PrimaryWindow;
use bevy_egui::egui;

use super::WindowCamera;
use super::map_geometry::{MapCamera, pan_shift};
use super::map_ground;
use super::screen::Screen;
use super::session::Session;
use super::theme;

/// The render layer of the map's live layers: seen by the picture's camera always, and by
/// the window's camera only while they are drawn live.
const LIVE: usize = 1;

/// Frames, and seconds, the map must stand still before its picture is taken: a picture
/// costs about two frames' drawing, not worth it for a view that changes every few frames
/// (the computer playing on at four weeks a second or more). A drag that has stopped waits
/// as long before its off-centre picture is taken anew.
const SETTLE: u32 = 2;
const SETTLE_SECS: f64 = 0.3;

/// Frames between takes of a picture the renderer has not said it drew whole: its word
/// comes a frame or two later, the renderer working a frame behind.
const RETAKE: u32 = 3;

/// The picture reaches beyond the map area by the window's size over this, each way: the
/// farther, the longer a drag goes on before the picture is taken again, and the more
/// pixels each take draws.
const MARGIN: u32 = 4;

pub(super) fn plugin(app: &mut App) {
    let drawn = Drawn::default();
    let uncopyable = Uncopyable::default();
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render
            .insert_resource(drawn.clone())
            .insert_resource(uncopyable.clone())
            .init_resource::<Taking>()
            .init_resource::<Shown>()
            .init_resource::<Backdrop>()
            .add_systems(ExtractSchedule, extract_taking)
            .add_systems(Render, confirm_drawn.in_set(RenderSystems::Cleanup))
            .add_systems(
                Render,
                skip_main_passes.in_set(RenderSystems::PrepareBindGroups),
            )
            .add_systems(
                Core2d,
                // Over what the window's camera drew (only the panels' colour while a
                // picture is shown), under egui's panels and text.
                show_picture
                    .after(Core2dSystems::MainPass)
                    .before(bevy_egui::render::egui_pass),
            );
    }
    app.insert_resource(MapStill {
        drawn,
        uncopyable,
        ..default()
    })
    .add_systems(
        PostUpdate,
        (
            plan.after(bevy_egui::EguiPostUpdateSet::EndPass)
                .before(super::MapMeshes),
            settle
                .after(super::MapMeshes)
                .before(bevy::transform::TransformSystems::Propagate)
                .before(bevy::camera::CameraUpdateSystems),
            clear_unless_pictured.after(settle),
        ),
    );
}

/// The window's camera clears its frame, unless the picture is shown: then `show_picture`
/// paints every pixel of it.
fn clear_unless_pictured(
    still: Res<MapStill>,
    mut camera: Query<&mut Camera, (With<WindowCamera>, Without<PictureCamera>)>,
) {
    let painted = still.copy.is_some();
    for mut c in &mut camera {
        if matches!(c.clear_color, ClearColorConfig::None) != painted {
            c.clear_color = match painted {
                true => ClearColorConfig::None,
                false => ClearColorConfig::Default,
            };
        }
    }
}

/// Never pictures the map: every frame draws its layers live (`eastfront screenshot
/// --live`, to time them or to check a picture against them).
pub(super) fn always_live(app: &mut App) {
    app.world_mut().resource_mut::<MapStill>().never = true;
}

/// The layer the map's live layers are drawn in.
pub(super) fn live_layer() -> RenderLayers {
    RenderLayers::layer(LIVE)
}

/// A look at the map: its camera and the area (egui's points) it is shown in.
type Look = (MapCamera, egui::Rect);

/// Where a picture was taken from, and how far beyond the map area the layers were laid
/// out for it, in physical pixels across and down.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Taken {
    look: Look,
    margin: [i32; 2],
}

/// What the window shows of the map this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Show {
    /// The layers themselves.
    #[default]
    Live,
    /// The picture, shifted: each pixel p of the map area shows what the picture's view
    /// had at p + shift (physical pixels, x right, y down).
    Picture([i32; 2]),
}

/// Whether the map's layers changed, for how many frames they and the view have not, and
/// which picture of them is being taken or shown, from where.
#[derive(Resource, Default)]
pub(super) struct MapStill {
    remade: bool,
    still_for: u32,
    /// When the layers last changed, in seconds of the app's real time.
    changed_at: f64,
    /// Frames since the view was last dragged, and when, in seconds.
    still_pan: u32,
    panned_at: f64,
    /// Frames since the last picture was taken.
    since_take: u32,
    /// The drag went past the picture's edge: drawn live until it stops. A picture covers
    /// more than the window, so taking one costs several live frames' drawing: taken during
    /// a drag, it was a hitch of a fifth of a second every few hundred pixels.
    dragged_off: bool,
    /// The picture of the layers as they are now, once taken (0: none).
    picture: u32,
    /// Where the last picture was taken.
    taken: Option<Taken>,
    /// The picture taken this frame (0: none).
    taking: u32,
    /// The last picture's number.
    last: u32,
    /// The renderer has drawn a picture whole: the pictures' pipelines are ready.
    ready: bool,
    /// Last frame's look at the map.
    look: Option<Look>,
    /// What the window shows this frame.
    show: Show,
    /// Never picture the map (`always_live`).
    never: bool,
    /// The look the layers are laid out for this frame.
    layout: Option<Look>,
    drawn: Drawn,
    uncopyable: Uncopyable,
    /// What is copied from the picture to the window this frame, if it is shown.
    copy: Option<PictureCopy>,
}

impl MapStill {
    /// Said by each layer's system when it remakes, adds or removes anything it draws (not
    /// when it is only laid out anew: that is this module's doing).
    pub(super) fn remade(&mut self) {
        self.remade = true;
    }

    /// What the layers are laid out for this frame: the map's camera, and the area they
    /// cover — the map area, or a picture's larger one. None: no map.
    pub(super) fn layout(&self) -> Option<Look> {
        self.layout
    }

    /// No map to picture.
    fn forget(&mut self) {
        self.still_for = 0;
        self.picture = 0;
        self.taking = 0;
        self.look = None;
        self.layout = None;
        self.show = Show::Live;
    }

    /// The map changed: drawn live until it stands still.
    fn change(&mut self, now: f64) {
        self.still_for = 0;
        self.changed_at = now;
        self.picture = 0;
    }

    /// Whether the map has stood still long enough for its picture to be worth taking. A
    /// map being dragged has not, unless a picture with a margin can follow the drag.
    fn settled(&mut self, now: f64, margin: [i32; 2]) -> bool {
        let drag_stopped = self.still_pan >= SETTLE && now - self.panned_at >= SETTLE_SECS;
        self.dragged_off &= !drag_stopped;
        let drag_followed = self.ready && margin != [0, 0] && !self.dragged_off;
        self.still_for >= SETTLE
            && now - self.changed_at >= SETTLE_SECS
            && self.since_take >= RETAKE
            && (drag_followed || drag_stopped)
    }

    /// Takes a picture at `look` this frame: with `margin` once the renderer is ready,
    /// shown at once; before, of the map area only, shown once the renderer says it drew it.
    fn take(&mut self, look: Look, margin: [i32; 2]) {
        let margin = if self.ready { margin } else { [0, 0] };
        self.last += 1;
        self.picture = self.last;
        self.taking = self.last;
        self.since_take = 0;
        self.taken = Some(Taken { look, margin });
        // Layers laid out beyond the map area can only be shown through the picture.
        self.show = if margin == [0, 0] {
            Show::Live
        } else {
            Show::Picture([0, 0])
        };
    }

    /// The first half of a frame, before the layers are laid out: the `look` at the map
    /// this frame, whether the picture's image was made anew (`resized`), the app's time
    /// `now` in seconds, the last picture the renderer said it drew whole, physical pixels
    /// a point, and the margin a picture would get. Decides whether a picture is taken
    /// (`taking`), what the window is to show, and what the layers are laid out for.
    fn plan(&mut self, look: Look, resized: bool, now: f64, drawn: u32, px: f32, margin: [i32; 2]) {
        if self.never {
            (self.taking, self.show, self.layout) = (0, Show::Live, Some(look));
            return;
        }
        self.ready |= drawn != 0;
        self.still_for = self.still_for.saturating_add(1);
        self.since_take = self.since_take.saturating_add(1);
        self.still_pan = self.still_pan.saturating_add(1);
        match self.look.replace(look) {
            _ if resized => self.change(now),
            Some(before) if before == look => {}
            Some(before) if pan_shift(before, look, px).is_some() => {
                self.still_pan = 0;
                self.panned_at = now;
            }
            // Zoomed, another map area, or the first look: as good as a new map.
            _ => self.change(now),
        }
        self.taking = 0;
        self.show = Show::Live;
        // The picture in hand, and how this look lies from it if this look is it dragged.
        let held = self
            .taken
            .filter(|_| self.picture != 0)
            .and_then(|t| Some((t, pan_shift(t.look, look, px)?)));
        let covered = held.filter(|(t, s)| (0..2).all(|k| s[k].abs() <= t.margin[k]));
        if let Some((t, shift)) = covered {
            let confirmed = drawn == self.picture;
            let off_centre =
                shift != [0, 0] && self.still_pan >= SETTLE && now - self.panned_at >= SETTLE_SECS;
            if (!confirmed && self.since_take >= RETAKE) || (self.ready && off_centre) {
                self.take(look, margin);
            } else if confirmed || t.margin != [0, 0] {
                self.show = Show::Picture(shift);
            }
        } else {
            // Dragged past the picture's edge. A picture of the map area only (a run's first)
            // is taken anew with a margin at once, for the rest of the drag to follow; past a
            // margin's edge the drag is drawn live, as every drag was, until it stops (see
            // `dragged_off`).
            let widen =
                held.is_some_and(|(t, _)| t.margin == [0, 0]) && self.ready && margin != [0, 0];
            self.dragged_off |= held.is_some() && !widen;
            self.picture = 0;
            if widen || self.settled(now, margin) {
                self.take(look, margin);
            }
        }
        self.layout = Some(match self.taken.filter(|_| self.picture != 0) {
            Some(t) => {
                let m = egui::vec2(t.margin[0] as f32, t.margin[1] as f32) / px;
                (t.look.0, t.look.1.expand2(m))
            }
            None => look,
        });
    }

    /// The second half of a frame, once the layers are laid out: whether they `changed`
    /// this frame. Returns what the window shows.
    fn settle(&mut self, changed: bool, now: f64) -> Show {
        if changed {
            if self.taking == 0
                && let Show::Picture(_) = self.show
            {
                match self.taken {
                    // The layers, laid out beyond the map area, show through a picture
                    // taken anew where the last was.
                    Some(t) if t.margin != [0, 0] => {
                        self.last += 1;
                        self.taking = self.last;
                        self.since_take = 0;
                    }
                    _ => self.show = Show::Live,
                }
            }
            self.change(now);
        }
        self.show
    }
}

/// The last picture the renderer drew with every pipeline ready, shared with the render
/// world.
#[derive(Resource, Clone, Default)]
struct Drawn(Arc<AtomicU32>);

/// Render world: the picture this frame takes (0: none).
#[derive(Resource, Default)]
struct Taking(u32);

fn extract_taking(
    mut taking: ResMut<Taking>,
    mut shown: ResMut<Shown>,
    still: Extract<Res<MapStill>>,
) {
    taking.0 = still.taking;
    shown.0 = still.copy;
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

/// The picture: its image, its size in pixels, and its margin beyond the window each way.
#[derive(Component)]
struct Picture {
    image: Handle<Image>,
    size: UVec2,
    margin: UVec2,
}

/// The picture: `size` pixels, in the format the window's camera draws in, so that its
/// bytes copied are the pixels the live layers would have written.
fn picture_image(size: UVec2) -> Image {
    let mut image = Image::new_target_texture(size.x, size.y, TextureFormat::Rgba8UnormSrgb, None);
    image.texture_descriptor.usage |= TextureUsages::COPY_SRC;
    // Only the renderer needs it.
    image.asset_usage = RenderAssetUsages::RENDER_WORLD;
    image
}

/// A rectangle of the picture copied to the window: `size` pixels from `from` in the
/// picture to `to` in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PictureCopy {
    image: AssetId<Image>,
    from: UVec2,
    to: UVec2,
    size: UVec2,
}

/// The copy that shows the picture shifted by `shift` over the map area `area` (egui's
/// points, `px` physical pixels a point), in a window of `window` pixels, from a picture
/// of `size` pixels reaching `margin` beyond it: each pixel p of the area shows the texel
/// p + margin + shift. Clipped to both; None if nothing is left.
fn copy_for(
    image: AssetId<Image>,
    area: egui::Rect,
    px: f32,
    window: UVec2,
    size: UVec2,
    margin: UVec2,
    shift: [i32; 2],
) -> Option<PictureCopy> {
    // The pixels whose centres lie in the area, as a rectangle drawn over it would cover.
    let edge = |v: f32| (v * px - 0.5).ceil() as i64;
    let mut lo = [edge(area.min.x), edge(area.min.y)];
    let mut hi = [edge(area.max.x), edge(area.max.y)];
    let mut from = [0i64; 2];
    for k in 0..2 {
        let offset = i64::from(margin[k]) + i64::from(shift[k]);
        lo[k] = lo[k].max(0).max(-offset);
        hi[k] = hi[k]
            .min(i64::from(window[k]))
            .min(i64::from(size[k]) - offset);
        if hi[k] <= lo[k] {
            return None;
        }
        from[k] = lo[k] + offset;
    }
    let u = |v: i64| v as u32;
    Some(PictureCopy {
        image,
        from: UVec2::new(u(from[0]), u(from[1])),
        to: UVec2::new(u(lo[0]), u(lo[1])),
        size: UVec2::new(u(hi[0] - lo[0]), u(hi[1] - lo[1])),
    })
}

/// The window's format cannot take the picture's bytes: the map is drawn live (set by the
/// render world, read by `plan`).
#[derive(Resource, Clone, Default)]
struct Uncopyable(Arc<AtomicBool>);

/// Render world: the copy this frame shows, if any.
#[derive(Resource, Default)]
struct Shown(Option<PictureCopy>);

/// Render world: while the picture is shown, the window's camera has nothing of its own to
/// draw, so its main passes are left out — without a depth buffer they do not run — and
/// with them the clearing of that buffer, a whole window's worth of writes a frame.
/// `show_picture` paints the whole frame instead.
fn skip_main_passes(world: &mut World) {
    if world.resource::<Shown>().0.is_none() {
        return;
    }
    let mut views = world.query::<(Entity, &ExtractedCamera)>();
    let windows: Vec<Entity> = views
        .iter(world)
        .filter(|(_, c)| matches!(c.target, Some(NormalizedRenderTarget::Window(_))))
        .map(|(e, _)| e)
        .collect();
    for e in windows {
        world.entity_mut(e).remove::<ViewDepthTexture>();
    }
}

/// Render world: the panels' colour, a window's worth. While the picture is shown the
/// window's camera does not clear its frame: the picture is copied over the map area and
/// this around it, and copying a third of a window costs the software renderer a fifth of
/// clearing the whole (clears, like the layers, write every pixel).
#[derive(Resource, Default)]
struct Backdrop(Option<(Texture, [u8; 4])>);

/// Render world, for the window's view, while the picture is shown: copies the picture into
/// the frame where the map area is and the panels' colour everywhere else, under egui.
#[allow(clippy::too_many_arguments)]
fn show_picture(
    view: ViewQuery<(&ViewTarget, &ExtractedCamera)>,
    shown: Res<Shown>,
    images: Res<RenderAssets<GpuImage>>,
    uncopyable: Res<Uncopyable>,
    clear: Res<ClearColor>,
    device: Res<RenderDevice>,
    queue: Res<RenderQueue>,
    mut backdrop: ResMut<Backdrop>,
    mut ctx: RenderContext,
) {
    let (target, camera) = view.into_inner();
    let (Some(copy), Some(NormalizedRenderTarget::Window(_))) = (shown.0, &camera.target) else {
        return;
    };
    let into = target.main_texture();
    let size = UVec2::new(into.width(), into.height());
    if size.x == 0 || size.y == 0 {
        return;
    }
    let colour = Srgba::from(clear.0).to_u8_array();
    let stale = backdrop.0.as_ref().is_none_or(|(t, c)| {
        *c != colour || t.format() != into.format() || (t.width(), t.height()) != (size.x, size.y)
    });
    if stale {
        let texture = device.create_texture(&TextureDescriptor {
            label: Some("map_picture_backdrop"),
            size: extent(size),
            mip_level_count: 1,
            sample_count: 1,
            dimension: TextureDimension::D2,
            format: into.format(),
            usage: TextureUsages::COPY_SRC | TextureUsages::COPY_DST,
            view_formats: &[],
        });
        let pixels = colour.repeat((size.x * size.y) as usize);
        queue.write_texture(
            at(&texture, UVec2::ZERO),
            &pixels,
            TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(4 * size.x),
                rows_per_image: None,
            },
            extent(size),
        );
        backdrop.0 = Some((texture, colour));
    }
    let Some((panels, _)) = &backdrop.0 else {
        return;
    };
    let copyable = |t: &Texture| {
        t.format().remove_srgb_suffix() == into.format().remove_srgb_suffix()
            && into.usage().contains(TextureUsages::COPY_DST)
    };
    if !copyable(panels) {
        // Nothing can be copied into this frame (never seen): the map is drawn live, and
        // the window's camera clears its frame, from the next frame on.
        uncopyable.0.store(true, Ordering::Release);
        return;
    }
    let encoder = ctx.command_encoder();
    let mut fill = |from: UVec2, to: UVec2| {
        if to.x > from.x && to.y > from.y {
            encoder.copy_texture_to_texture(at(panels, from), at(into, from), extent(to - from));
        }
    };
    let picture = images.get(copy.image);
    let Some(picture) = picture.filter(|p| copyable(&p.texture)) else {
        // Only the panels' colour this frame; a picture in another format is never shown.
        if picture.is_some() {
            uncopyable.0.store(true, Ordering::Release);
        }
        fill(UVec2::ZERO, size);
        return;
    };
    let (lo, hi) = (copy.to, copy.to + copy.size);
    fill(UVec2::ZERO, UVec2::new(size.x, lo.y));
    fill(UVec2::new(0, hi.y), size);
    fill(UVec2::new(0, lo.y), UVec2::new(lo.x, hi.y));
    fill(UVec2::new(hi.x, lo.y), UVec2::new(size.x, hi.y));
    encoder.copy_texture_to_texture(
        at(&picture.texture, copy.from),
        at(into, lo),
        extent(copy.size),
    );
}

/// A place in a texture, for a copy.
fn at(texture: &Texture, p: UVec2) -> TexelCopyTextureInfo<'_> {
    TexelCopyTextureInfo {
        texture,
        mip_level: 0,
        origin: Origin3d {
            x: p.x,
            y: p.y,
            z: 0,
        },
        aspect: TextureAspect::All,
    }
}

fn extent(size: UVec2) -> Extent3d {
    Extent3d {
        width: size.x,
        height: size.y,
        depth_or_array_layers: 1,
    }
}

/// The window's size in physical pixels, and the picture's margin beyond it each way.
fn sizes(window: &Window) -> (UVec2, UVec2) {
    let size = UVec2::new(window.physical_width(), window.physical_height());
    (size, size / MARGIN)
}

/// Before the map's layers are laid out: where they are laid out for this frame, and
/// whether a picture is taken (MapStill::plan).
fn plan(
    mut still: ResMut<MapStill>,
    time: Res<Time<Real>>,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    pictures: Query<&Picture>,
) {
    let on_map = session
        .as_ref()
        .filter(|_| *screen.get() == Screen::Game)
        .and_then(|s| s.map.camera.zip(s.map.last_rect));
    let (Some(look), Ok(window)) = (on_map, windows.single()) else {
        still.forget();
        return;
    };
    let (size, margin) = sizes(window);
    let resized = pictures
        .single()
        .map_or(true, |p| p.size != size + 2 * margin);
    let drawn = still.drawn.0.load(Ordering::Acquire);
    if still.uncopyable.0.load(Ordering::Acquire) {
        still.never = true;
    }
    still.plan(
        look,
        resized,
        time.elapsed_secs_f64(),
        drawn,
        window.scale_factor(),
        [margin.x as i32, margin.y as i32],
    );
}

/// Once the map's layers are in place for this frame: decides whether they are drawn live
/// or left to the picture, points the picture's camera where the picture is taken from and
/// the picture's rectangle over the map area.
#[allow(clippy::too_many_arguments)]
fn settle(
    mut commands: Commands,
    mut still: ResMut<MapStill>,
    time: Res<Time<Real>>,
    session: Option<Res<Session>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut images: ResMut<Assets<Image>>,
    window_camera: Query<
        (Entity, &Transform, &Projection, Option<&RenderLayers>),
        (With<WindowCamera>, Without<PictureCamera>),
    >,
    mut picture_camera: Query<
        (
            &mut Camera,
            &mut Transform,
            &mut Projection,
            &mut RenderTarget,
        ),
        (With<PictureCamera>, Without<WindowCamera>),
    >,
    mut pictures: Query<(Entity, &mut Picture)>,
    cameras: Query<Entity, With<PictureCamera>>,
) {
    let remade = std::mem::take(&mut still.remade);
    still.copy = None;
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
        .and_then(|s| s.map.camera.zip(s.map.last_rect))
        .filter(|_| still.layout.is_some());
    let window = windows.single().ok();
    let (Some((_, rect)), Some(window)) = (on_map, window) else {
        // Nothing to picture: the window's camera sees the live layers, if any.
        window_sees(&mut commands, RenderLayers::from_layers(&[0, LIVE]));
        for (e, _) in &pictures {
            commands.entity(e).despawn();
        }
        for e in &cameras {
            commands.entity(e).despawn();
        }
        return;
    };
    let (size, margin) = sizes(window);
    let image_size = size + 2 * margin;
    let resized = pictures
        .single()
        .map_or(true, |(_, p)| p.size != image_size);
    let show = still.settle(remade, time.elapsed_secs_f64());

    // A new picture when the window's size changes (or the first time).
    if resized && size.x > 0 && size.y > 0 {
        let image = images.add(picture_image(image_size));
        let target = RenderTarget::Image(ImageRenderTarget {
            handle: image.clone(),
            scale_factor: window.scale_factor(),
        });
        match picture_camera.single_mut() {
            Ok((_, _, _, mut t)) => *t = target,
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
        let picture = Picture {
            image,
            size: image_size,
            margin,
        };
        match pictures.single_mut() {
            Ok((_, mut p)) => *p = picture,
            Err(_) => {
                commands.spawn((Name::new("Map picture"), picture));
            }
        }
    }

    window_sees(
        &mut commands,
        match show {
            Show::Live => RenderLayers::from_layers(&[0, LIVE]),
            Show::Picture(_) => RenderLayers::layer(0),
        },
    );
    if let Ok((mut camera, mut t, mut p, _)) = picture_camera.single_mut() {
        camera.is_active = still.taking != 0;
        if let (true, Some(taken)) = (still.taking != 0, still.taken) {
            // Where the window's camera stands for the picture's look (it may have been
            // dragged on since: a picture retaken for a change while shifted).
            let (at_cam, at_rect) = taken.look;
            let at = map_ground::camera_at(at_cam, at_rect, window);
            let mut placed = *window_transform;
            placed.translation.x = at.x;
            placed.translation.y = at.y;
            *t = placed;
            *p = window_projection.clone();
            if let Projection::Orthographic(o) = &mut *p {
                o.scale = 1.0 / at_cam.scale;
            }
        }
    }
    if let (Show::Picture(shift), Ok((_, picture))) = (show, pictures.single()) {
        still.copy = copy_for(
            picture.image.id(),
            rect,
            window.scale_factor(),
            size,
            picture.size,
            picture.margin,
            shift,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The margin of these tests' pictures, pixels across and down.
    const M: [i32; 2] = [100, 60];

    fn look() -> Look {
        let cam = MapCamera {
            centre: egui::pos2(900.0, 600.0),
            scale: 1.5,
        };
        (
            cam,
            egui::Rect::from_min_size(egui::pos2(250.0, 40.0), egui::vec2(800.0, 700.0)),
        )
    }

    /// The copy for a 1280x800 window whose picture reaches 320x200 beyond it each way.
    fn copy_in_window(area: egui::Rect, px: f32, shift: [i32; 2]) -> Option<PictureCopy> {
        let window = UVec2::new(1280, 800);
        let margin = UVec2::new(320, 200);
        copy_for(
            AssetId::default(),
            area,
            px,
            window,
            window + 2 * margin,
            margin,
            shift,
        )
    }

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> egui::Rect {
        egui::Rect::from_min_max(egui::pos2(x0, y0), egui::pos2(x1, y1))
    }

    #[test]
    fn the_picture_is_copied_over_the_map_area_from_inside_its_margin() {
        let c = copy_in_window(rect(360.0, 26.0, 1280.0, 780.0), 1.0, [0, 0]).unwrap();
        assert_eq!(c.to, UVec2::new(360, 26));
        assert_eq!(c.size, UVec2::new(920, 754));
        assert_eq!(
            c.from,
            UVec2::new(680, 226),
            "the area's own pixels, past the margin"
        );
        // Dragged 16 px right and 5 up: each pixel shows what was 16 px left and 5 below.
        let d = copy_in_window(rect(360.0, 26.0, 1280.0, 780.0), 1.0, [-16, 5]).unwrap();
        assert_eq!((d.to, d.size), (c.to, c.size));
        assert_eq!(d.from, UVec2::new(664, 231));
    }

    #[test]
    fn the_copy_covers_the_pixels_a_rectangle_over_the_area_would() {
        // At 1.5 pixels a point the area's edges fall mid-pixel: a pixel is the area's when
        // its centre is inside, as the rasteriser decides for a drawn rectangle.
        let c = copy_in_window(rect(100.2, 10.0, 500.5, 300.0), 1.5, [0, 0]).unwrap();
        assert_eq!(
            c.to,
            UVec2::new(150, 15),
            "150.3 begins pixel 150 past its centre"
        );
        assert_eq!(c.size.x, 751 - 150, "750.75 ends past pixel 750's centre");
        assert_eq!(c.size.y, 450 - 15);
    }

    #[test]
    fn a_copy_never_reaches_past_the_window_or_the_picture() {
        // An area hanging off the window's right and bottom edges.
        let c = copy_in_window(rect(1000.0, 700.0, 1500.0, 900.0), 1.0, [0, 0]).unwrap();
        assert_eq!(c.to + c.size, UVec2::new(1280, 800));
        // A shift past the margin (never shown, but never out of bounds either).
        let d = copy_in_window(rect(0.0, 0.0, 1280.0, 800.0), 1.0, [-400, 260]).unwrap();
        assert_eq!(d.from.x, 0);
        assert_eq!(
            d.to.x, 80,
            "the columns the picture has nothing for are left out"
        );
        assert_eq!(d.from.y + d.size.y, 1200);
        assert_eq!(d.size.y, 800 - 60);
        // Nothing left of the area.
        assert_eq!(
            copy_in_window(rect(1300.0, 0.0, 1400.0, 100.0), 1.0, [0, 0]),
            None
        );
        assert_eq!(
            copy_in_window(rect(0.0, 0.0, 100.0, 100.0), 1.0, [-900, 0]),
            None
        );
    }

    fn dragged(mut l: Look, dx: f32, dy: f32) -> Look {
        l.0.pan(egui::vec2(dx, dy));
        l
    }

    /// Frames 40 ms apart, with the renderer drawing every picture whole and saying so.
    #[derive(Default)]
    struct Run {
        still: MapStill,
        t: f64,
        drawn: u32,
        /// The renderer says nothing.
        mute: bool,
    }

    impl Run {
        fn frame(&mut self, look: Look, changed: bool) -> Show {
            self.t += 0.04;
            self.still.plan(look, false, self.t, self.drawn, 1.0, M);
            let show = self.still.settle(changed, self.t);
            if self.still.taking != 0 && !self.mute {
                self.drawn = self.still.taking;
            }
            show
        }

        /// Frames at `look` until the picture shows: how many were live first.
        fn until_shown(&mut self, look: Look, n: u32) -> Option<u32> {
            (0..n).find(|_| self.frame(look, false) != Show::Live)
        }

        /// A run whose renderer has drawn its first picture (of the map area only): the
        /// next picture gets a margin.
        fn ready() -> Self {
            let mut run = Run::default();
            run.frame(look(), true);
            run.until_shown(look(), 20).unwrap();
            assert!(run.still.ready);
            run
        }

        /// A ready run showing a picture with a margin, taken at `look()`.
        fn with_margin() -> Self {
            let mut run = Run::ready();
            run.frame(look(), true);
            assert_eq!(run.frame(look(), false), Show::Live);
            run.until_shown(look(), 20).unwrap();
            assert_eq!(run.still.taken.unwrap().margin, M);
            run
        }
    }

    #[test]
    fn a_still_map_is_pictured_once_it_has_settled_and_the_renderer_drew_it() {
        let mut run = Run::default();
        assert_eq!(run.frame(look(), true), Show::Live, "a changed map is live");
        assert_eq!(run.still.taking, 0);
        // 0.3 s of stillness at 40 ms a frame: the picture is taken on the eighth frame and
        // shown on the ninth.
        assert_eq!(run.until_shown(look(), 20), Some(8));
        assert_eq!(
            run.still.taken.unwrap().margin,
            [0, 0],
            "the first picture, taken before the renderer is known to draw it whole, \
             covers the map area only"
        );
        // Then it stays shown, and no more pictures are taken.
        for _ in 0..10 {
            assert_eq!(run.frame(look(), false), Show::Picture([0, 0]));
            assert_eq!(run.still.taking, 0);
            assert_eq!(run.still.layout(), Some(look()));
        }
    }

    #[test]
    fn once_the_renderer_is_ready_a_picture_reaches_beyond_the_map_area_and_shows_at_once() {
        let mut run = Run::ready();
        run.frame(look(), true);
        let live = (0..20)
            .find(|_| run.frame(look(), false) != Show::Live)
            .unwrap();
        assert_eq!(
            live, 7,
            "taken after 0.3 s, and shown the frame it is taken"
        );
        assert_ne!(run.still.taking, 0);
        let (cam, rect) = run.still.layout().unwrap();
        assert_eq!(cam, look().0);
        assert_eq!(rect, look().1.expand2(egui::vec2(100.0, 60.0)));
    }

    #[test]
    fn a_change_brings_the_live_layers_back_at_once() {
        let mut run = Run::default();
        run.frame(look(), true);
        run.until_shown(look(), 20).unwrap();
        assert_eq!(
            run.frame(look(), true),
            Show::Live,
            "a move, a selection or a new overlay is drawn live"
        );
        // The old picture, though the renderer drew it, is not shown again.
        assert_eq!(run.frame(look(), false), Show::Live);
        assert_eq!(run.still.taking, 0, "too soon for a new picture");
        assert!(
            run.until_shown(look(), 20).is_some(),
            "the new view is pictured in turn"
        );
    }

    #[test]
    fn a_change_under_a_picture_with_a_margin_is_pictured_that_frame_then_drawn_live() {
        let mut run = Run::with_margin();
        // Dragged a little, then a move: the layers, laid out for the picture, cannot be
        // drawn live this frame; a picture taken where the last was shows the move.
        run.frame(dragged(look(), 8.0, 0.0), false);
        assert_eq!(
            run.frame(dragged(look(), 16.0, 0.0), true),
            Show::Picture([-16, 0])
        );
        assert_ne!(run.still.taking, 0, "taken anew");
        assert_eq!(run.still.taken.unwrap().look, look(), "where the last was");
        // Then live, laid out for the map area, until the map stands still again.
        assert_eq!(run.frame(dragged(look(), 16.0, 0.0), false), Show::Live);
        assert_eq!(run.still.layout(), Some(dragged(look(), 16.0, 0.0)));
    }

    #[test]
    fn a_picture_the_renderer_did_not_draw_whole_is_taken_again() {
        let mut run = Run {
            mute: true,
            ..default()
        };
        run.frame(look(), true);
        let mut takes = Vec::new();
        for _ in 0..30 {
            // The renderer never confirms (a pipeline still compiling).
            assert_eq!(
                run.frame(look(), false),
                Show::Live,
                "an unconfirmed picture is never shown"
            );
            if run.still.taking != 0 {
                takes.push(run.still.taking);
            }
        }
        assert!(takes.len() >= 3, "retaken: {takes:?}");
        assert!(
            takes.windows(2).all(|w| w[1] > w[0]),
            "each take is a new picture"
        );
        // A late word about an older picture does not show the newest.
        run.drawn = takes[0];
        run.mute = false;
        assert_eq!(run.frame(look(), false), Show::Live);
    }

    #[test]
    fn the_computer_playing_on_fast_is_never_pictured() {
        // Four weeks a second at 25 frames a second: a change every sixth frame.
        for mut run in [Run::default(), Run::with_margin()] {
            let mut takes = 0;
            for frame in 0..100u32 {
                run.frame(look(), frame % 6 == 0);
                takes += u32::from(run.still.taking != 0);
                if frame > 0 {
                    assert_eq!(run.still.show, Show::Live, "frame {frame}");
                }
            }
            // A picture in hand is taken anew once, for the first change.
            assert!(takes <= 1, "{takes} pictures not worth their cost");
        }
    }

    #[test]
    fn a_drag_shows_the_picture_shifted_then_live_past_its_edge() {
        let mut run = Run::with_margin();
        let mut at = look();
        for frame in 1..=40 {
            at = dragged(at, 8.0, 0.0);
            let show = run.frame(at, false);
            assert_eq!(run.still.taking, 0, "no picture is taken during a drag");
            // 100 pixels of margin, 8 a frame: the 13th frame would be 104 pixels off.
            if frame < 13 {
                assert_eq!(show, Show::Picture([-8 * frame, 0]));
                // The layers stay laid out for the picture: nothing is remade.
                assert_eq!(run.still.layout().unwrap().0, look().0);
            } else {
                assert_eq!(show, Show::Live, "frame {frame}");
                assert_eq!(run.still.layout(), Some(at), "laid out for the map area");
            }
        }
        // Once the drag has stopped for 0.3 s, it is pictured where it stopped.
        let shown = run.until_shown(at, 20);
        assert_eq!(shown, Some(7));
        assert_eq!(run.still.taken.unwrap().look, at);
        assert_eq!(run.still.taken.unwrap().margin, M);
    }

    #[test]
    fn the_first_drag_takes_a_picture_with_a_margin_at_once() {
        let mut run = Run::ready();
        assert_eq!(run.still.taken.unwrap().margin, [0, 0]);
        let at = dragged(look(), 0.0, -5.0);
        assert_eq!(run.frame(at, false), Show::Picture([0, 0]));
        assert_ne!(run.still.taking, 0);
        assert_eq!(run.still.taken.unwrap().margin, M);
        assert_eq!(
            run.frame(dragged(at, 0.0, -5.0), false),
            Show::Picture([0, 5])
        );
    }

    #[test]
    fn a_stopped_drag_is_pictured_anew_where_it_stopped() {
        let mut run = Run::with_margin();
        let at = dragged(dragged(look(), 30.0, 20.0), 30.0, 20.0);
        run.frame(dragged(look(), 30.0, 20.0), false);
        // Standing still: shifted, until 0.3 s have passed; then taken where it is.
        let mut shown = Vec::new();
        for _ in 0..12 {
            shown.push((run.frame(at, false), run.still.taking != 0));
        }
        let retaken = shown.iter().position(|&(_, took)| took).unwrap();
        assert_eq!(retaken, 8, "0.3 s after the drag stopped");
        assert!(
            shown[..retaken]
                .iter()
                .all(|&(s, _)| s == Show::Picture([-60, -40]))
        );
        assert!(
            shown[retaken..]
                .iter()
                .all(|&(s, _)| s == Show::Picture([0, 0]))
        );
        assert_eq!(shown.iter().filter(|&&(_, took)| took).count(), 1);
    }

    #[test]
    fn a_zoom_or_half_a_pixel_of_drag_is_drawn_live() {
        for other in [
            {
                let mut l = look();
                l.0.zoom_at(l.1, l.1.center(), 1.1, (0.1, 10.0));
                l
            },
            dragged(look(), 0.5, 0.0),
            (look().0, look().1.translate(egui::vec2(0.0, 20.0))),
        ] {
            let mut run = Run::with_margin();
            assert_eq!(run.frame(other, false), Show::Live, "{other:?}");
            assert_eq!(run.still.layout(), Some(other));
            assert_eq!(run.still.taking, 0);
            assert_eq!(
                run.frame(other, false),
                Show::Live,
                "and stays live a while"
            );
        }
    }

    #[test]
    fn a_drag_soon_after_a_change_is_live_until_the_map_has_stood_still() {
        let mut run = Run::with_margin();
        run.frame(look(), true);
        let mut at = look();
        let mut first = None;
        for frame in 0..20 {
            at = dragged(at, 4.0, 0.0);
            if run.frame(at, false) != Show::Live {
                first = Some(frame);
                break;
            }
        }
        // The drag does not keep the map from standing still: after 0.3 s it is pictured,
        // and the drag follows the picture.
        assert_eq!(first, Some(7));
        assert_eq!(
            run.frame(dragged(at, 4.0, 0.0), false),
            Show::Picture([-4, 0])
        );
    }
}
