// egui's triangles, shaded as bevy_egui's own shader shades them — the texel and the
// vertex colour multiplied in gamma space, as egui wants for its text, then written in
// linear — but with the sRGB curves approximated by a few square roots and multiplies
// instead of `pow`. A software renderer evaluates `pow` as a logarithm and an exponential
// for every channel of every pixel, six times a pixel here; these fits stay within a fifth
// of an 8-bit step of the exact curves. Their coefficients, GAMMA_FIT and LINEAR_FIT, are
// written above this source by egui_shading.rs, which tests them.
//
// Same bindings, vertex layout and entry points as bevy_egui's shader, which this replaces.

struct Transform {
    scale: vec2<f32>,
    translation: vec2<f32>,
}

struct VertexInput {
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
}

struct VertexOutput {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
    @location(1) uv: vec2<f32>,
}

@group(0) @binding(0) var<uniform> transform: Transform;

#ifdef BINDLESS
@group(1) @binding(0) var image_texture: binding_array<texture_2d<f32>>;
@group(1) @binding(1) var image_sampler: binding_array<sampler>;

struct BindlessOffset {
    offset: u32,
};
var<immediate> offset: BindlessOffset;
#else
@group(1) @binding(0) var image_texture: texture_2d<f32>;
@group(1) @binding(1) var image_sampler: sampler;
#endif

// Linear to sRGB gamma above the curve's straight foot: a sum of x^(1/2), x^(1/4), x^(1/8),
// x and 1.
fn to_gamma(l: vec3<f32>) -> vec3<f32> {
    let s1 = sqrt(max(l, vec3<f32>(0.0)));
    let s2 = sqrt(s1);
    let s3 = sqrt(s2);
    let curve = GAMMA_FIT[0] * s1 + GAMMA_FIT[1] * s2 + GAMMA_FIT[2] * s3 + GAMMA_FIT[3] * l
        + vec3<f32>(GAMMA_FIT[4]);
    return select(curve, l * 12.92, l < vec3<f32>(0.0031308));
}

// sRGB gamma to linear above the curve's straight foot: a polynomial of the fifth degree.
fn to_linear(g: vec3<f32>) -> vec3<f32> {
    let curve = vec3<f32>(LINEAR_FIT[0]) + g * (LINEAR_FIT[1] + g * (LINEAR_FIT[2] + g * (LINEAR_FIT[3]
        + g * (LINEAR_FIT[4] + g * LINEAR_FIT[5]))));
    return select(curve, g / 12.92, g < vec3<f32>(0.04045));
}

@vertex
fn vs_main(in: VertexInput) -> VertexOutput {
    var out: VertexOutput;
    out.position = vec4<f32>(in.position * transform.scale + transform.translation, 0.0, 1.0);
    out.color = in.color;
    out.uv = in.uv;
    return out;
}

@fragment
fn fs_main(in: VertexOutput) -> @location(0) vec4<f32> {
#ifdef BINDLESS
    let texel = textureSample(image_texture[offset.offset], image_sampler[offset.offset], in.uv);
#else
    let texel = textureSample(image_texture, image_sampler, in.uv);
#endif
    let gamma = vec4<f32>(to_gamma(texel.rgb), texel.a) * in.color;
    return vec4<f32>(to_linear(gamma.rgb), gamma.a);
}
