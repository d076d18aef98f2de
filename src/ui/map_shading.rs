//! What the map's Bevy materials (ground, lines, counters) share: colours in the linear
//! space their shaders work in, and no depth test.

use bevy::math::Vec4;
use bevy::prelude::{Color, ColorToComponents};
use bevy::render::render_resource::{CompareFunction, RenderPipelineDescriptor};
use bevy_egui::egui::Color32;

/// An sRGB colour of the theme as a shader reads it.
pub(super) fn linear(c: Color32) -> Vec4 {
    Vec4::from_array(
        Color::srgb_u8(c.r(), c.g(), c.b())
            .to_linear()
            .to_f32_array(),
    )
}

/// The map's layers are ordered by the 2D pass itself (opaque ground first, then blended
/// lines and counters by height), so a depth test would be a cost per pixel for nothing.
pub(super) fn no_depth_test(descriptor: &mut RenderPipelineDescriptor) {
    if let Some(depth) = descriptor.depth_stencil.as_mut() {
        depth.depth_write_enabled = Some(false);
        depth.depth_compare = Some(CompareFunction::Always);
    }
}
