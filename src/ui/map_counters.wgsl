// Unit counters in the NATO style, one rectangle each: a block in the side's colour, the
// edges of the counters stacked beneath it, a rim when selected or cut off, and the framed
// symbol of its arm of service. egui writes the strength over it.
//
// Per vertex: uv is the pixel's offset from the counter's middle in km, colour the side's,
// and the normal carries the counter's kind, marks and stack depth (the counters' mesh is
// never rotated or scaled, so Bevy passes it through unchanged).

#import bevy_sprite::mesh2d_vertex_output::VertexOutput

struct Counters {
    // x: km per pixel, y: counter width in pixels, zw: half width and half height, km.
    size: vec4<f32>,
    ink: vec4<f32>,
    selected: vec4<f32>,
    isolated: vec4<f32>,
    // The map area, km (min xy, max zw): nothing is drawn outside it.
    area: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> k: Counters;

const SELECTED: u32 = 1u;
const ISOLATED: u32 = 2u;
const READY: u32 = 4u;

const INFANTRY: u32 = 1u;
const MOUNTAIN: u32 = 2u;
const CAVALRY: u32 = 3u;
const MOTORISED: u32 = 4u;
const ARMOURED: u32 = 5u;

// How much of a pixel lies within `hs` km of a line `dist` km away.
fn cover(dist: f32, hs: f32) -> f32 {
    return clamp((hs - dist) / k.size.x + 0.5, 0.0, 1.0);
}

fn segment(p: vec2<f32>, a: vec2<f32>, b: vec2<f32>) -> f32 {
    let ab = b - a;
    let t = clamp(dot(p - a, ab) / dot(ab, ab), 0.0, 1.0);
    return length(p - a - ab * t);
}

// Signed distance to a box of half size `b` centred at the origin: negative inside.
fn sd_box(p: vec2<f32>, b: vec2<f32>) -> f32 {
    let q = abs(p) - b;
    return length(max(q, vec2<f32>(0.0))) + min(max(q.x, q.y), 0.0);
}

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let info = vec3<u32>(round(in.world_normal));
    let kind = info.x;
    let marks = info.y;
    let depth = info.z;
    let side = in.color.rgb;
    let v = in.uv;
    let px = k.size.x;
    let hs = k.size.zw;

    var c = k.ink.rgb;
    var a = 0.0;
    // The units beneath the top one, as the edges of counters under it, up and right.
    for (var i = depth; i > 1u; i--) {
        let b = sd_box(v - vec2<f32>(2.0, 2.0) * px * f32(i - 1u), hs);
        c = select(c, select(mix(side, k.ink.rgb, 0.3), k.ink.rgb, b > -px), b < 0.0);
        a = select(a, 1.0, b < 0.0);
    }
    let body = sd_box(v, hs);
    let chosen = (marks & SELECTED) != 0u;
    let rim_px = select(select(0.0, 2.5, (marks & ISOLATED) != 0u), 3.0, chosen);
    let on_rim = body >= 0.0 && body < rim_px * px;
    c = select(c, select(k.isolated.rgb, k.selected.rgb, chosen), on_rim);
    a = select(a, 1.0, on_rim);
    let inside = body < 0.0;
    c = select(c, side, inside);
    a = select(a, 1.0, inside);

    let w_px = k.size.y;
    if w_px >= 14.0 {
        // The symbol's frame, in the counter's upper part.
        let u = v - vec2<f32>(0.0, 0.28 * hs.y);
        let f = vec2<f32>(0.62 * hs.x, 0.42 * hs.y);
        let lw = max(w_px / 22.0, 1.0) * px * 0.5;
        var ink = cover(abs(sd_box(u, f)), lw);
        let rising = cover(segment(u, -f, f), lw);
        let falling = cover(segment(u, vec2<f32>(-f.x, f.y), vec2<f32>(f.x, -f.y)), lw);
        let crossed = kind == INFANTRY || kind == MOUNTAIN || kind == MOTORISED;
        ink = max(ink, select(0.0, max(rising, falling), crossed));
        ink = max(ink, select(0.0, rising, kind == CAVALRY));
        // Motorised: a wheel's axle, upright through the cross.
        let upright = cover(abs(u.x), lw) * step(abs(u.y), f.y);
        ink = max(ink, select(0.0, upright, kind == MOTORISED));
        // Mountain: a peak on the frame's foot.
        let above = u.y + f.y;
        let peak = above >= 0.0 && above <= 0.7 * f.y - abs(u.x);
        ink = select(ink, 1.0, kind == MOUNTAIN && peak);
        // Armoured: a track, a rounded oblong inside the frame.
        let t = f - vec2<f32>(0.3 * f.x, 0.44 * f.y);
        let track = length(max(abs(u) - vec2<f32>(t.x - t.y, 0.0), vec2<f32>(0.0))) - t.y;
        ink = max(ink, select(0.0, cover(abs(track), lw), kind == ARMOURED));
        // A dot: this unit can still act this phase.
        let dot_at = vec2<f32>(0.8 * hs.x, 0.76 * hs.y);
        let ready = (marks & READY) != 0u && w_px >= 20.0;
        ink = max(ink, select(0.0, cover(length(v - dot_at), 0.12 * hs.x), ready));
        c = mix(c, k.ink.rgb, select(0.0, ink, inside));
    }
    let p = in.world_position.xy;
    let shown = all(p >= k.area.xy) && all(p <= k.area.zw);
    return vec4<f32>(c, select(0.0, a, shown));
}
