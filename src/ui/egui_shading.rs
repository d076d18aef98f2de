//! egui's triangles drawn by our shader (egui_shading.wgsl) in place of bevy_egui's: the same
//! picture, cheaper for a software renderer. bevy_egui's shader converts each pixel between
//! sRGB and linear twice with `pow`, which Mesa's renderer evaluates as a logarithm and an
//! exponential per channel; egui paints some 170,000 pixels a frame on the game screen. Ours
//! fits the two curves with square roots and multiplies.

use bevy::prelude::*;
use bevy::shader::Shader;

const SOURCE: &str = include_str!("egui_shading.wgsl");

/// Linear to sRGB gamma for `l` above 0.0031308: `GAMMA_FIT` · (√l, ⁴√l, ⁸√l, l, 1).
/// Least squares over that range.
const GAMMA_FIT: [f32; 5] = [
    0.632_610_76,
    0.739_676_35,
    -0.362_284_72,
    -0.016_559_65,
    0.006_538_38,
];

/// sRGB gamma to linear for `g` above 0.04045: the polynomial with coefficients `LINEAR_FIT`,
/// constant first. Least squares over that range.
const LINEAR_FIT: [f32; 6] = [
    0.001_096_37,
    0.028_677_6,
    0.546_502_38,
    0.594_959_13,
    -0.225_662_87,
    0.054_459_88,
];

pub(super) fn plugin(app: &mut App) {
    // bevy_egui put its shader under this handle when its plugin was built (before ours);
    // its pipelines ask for the handle only when first drawn.
    let shader = Shader::from_wgsl(source(), "eastfront/ui/egui_shading.wgsl");
    let inserted = app
        .world_mut()
        .resource_mut::<Assets<Shader>>()
        .insert(bevy_egui::render::EGUI_SHADER_HANDLE.id(), shader);
    if let Err(e) = inserted {
        // bevy_egui's own shader stays: the same picture, drawn more slowly.
        warn!("egui keeps its own shader: {e}");
    }
}

/// The shader with its fits written in front.
fn source() -> String {
    let list = |c: &[f32]| {
        c.iter()
            .map(|x| format!("{x:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "const GAMMA_FIT = array<f32, {}>({});\nconst LINEAR_FIT = array<f32, {}>({});\n\n{SOURCE}",
        GAMMA_FIT.len(),
        list(&GAMMA_FIT),
        LINEAR_FIT.len(),
        list(&LINEAR_FIT)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shader's curves, as it computes them.
    fn to_gamma(l: f32) -> f32 {
        if l < 0.003_130_8 {
            return l * 12.92;
        }
        let (s1, f) = (l.sqrt(), GAMMA_FIT);
        let (s2, s3) = (s1.sqrt(), s1.sqrt().sqrt());
        f[0] * s1 + f[1] * s2 + f[2] * s3 + f[3] * l + f[4]
    }

    fn to_linear(g: f32) -> f32 {
        if g < 0.040_45 {
            return g / 12.92;
        }
        LINEAR_FIT.iter().rev().fold(0.0, |acc, c| acc * g + c)
    }

    fn exact_gamma(l: f64) -> f64 {
        if l < 0.003_130_8 {
            l * 12.92
        } else {
            1.055 * l.powf(1.0 / 2.4) - 0.055
        }
    }

    fn exact_linear(g: f64) -> f64 {
        if g < 0.040_45 {
            g / 12.92
        } else {
            ((g + 0.055) / 1.055).powf(2.4)
        }
    }

    /// The error of a gamma value, in 8-bit steps.
    fn steps(a: f64, b: f64) -> f64 {
        (a - b).abs() * 255.0
    }

    #[test]
    fn the_fits_stay_within_a_fifth_of_an_eight_bit_step() {
        let mut worst_gamma: f64 = 0.0;
        let mut worst_linear: f64 = 0.0;
        for i in 0..=10_000 {
            let x = f64::from(i) / 10_000.0;
            worst_gamma = worst_gamma.max(steps(f64::from(to_gamma(x as f32)), exact_gamma(x)));
            // A linear value is judged as the sRGB target will store it.
            let lin = f64::from(to_linear(x as f32)).max(0.0);
            worst_linear = worst_linear.max(steps(exact_gamma(lin), x));
        }
        assert!(worst_gamma < 0.2, "gamma off by {worst_gamma} steps");
        assert!(worst_linear < 0.2, "linear off by {worst_linear} steps");
    }

    #[test]
    fn an_eight_bit_texel_comes_back_to_its_own_level() {
        // Texels decode to linear exactly in the sampler; the shader's gamma must return
        // each to its level, or egui's text and plates would change colour.
        for level in 0..=255u8 {
            let g = f64::from(level) / 255.0;
            let back = f64::from(to_gamma(exact_linear(g) as f32)) * 255.0;
            assert_eq!(
                back.round() as u8,
                level,
                "level {level} came back as {back}"
            );
        }
    }

    #[test]
    fn the_source_declares_both_fits_before_the_shader() {
        let s = source();
        let head: Vec<&str> = s.lines().take(2).collect();
        assert!(head[0].starts_with("const GAMMA_FIT = array<f32, 5>(0.63261"));
        assert!(head[1].starts_with("const LINEAR_FIT = array<f32, 6>(0.00109"));
        assert!(s.contains("fn fs_main(") && s.contains("fn vs_main("));
    }
}
