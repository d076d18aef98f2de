// The map's ground, painted on one rectangle: each pixel finds the hex it lies in and reads
// that hex's colour from a small texture, one texel per hex by axial column and row; alpha
// 0 is off the map. A software renderer pays for every triangle it sets up, and runs every
// line of a shader for every pixel: two triangles, and as little arithmetic as will do.

#import bevy_sprite::mesh2d_vertex_output::VertexOutput

struct Ground {
    // Fractional axial coordinates from km relative to hex (0, 0): q = a x + b y, r = c x + d y.
    to_axial: vec4<f32>,
    // A hex centre from its axial coordinates: q (x, y) + r (z, w) + origin.
    from_axial: vec4<f32>,
    // xy: the centre of hex (0, 0), km; zw: the first column's q and the first row's r.
    origin: vec4<f32>,
    // x: columns, y: rows.
    grid: vec4<f32>,
    background: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> g: Ground;
@group(#{MATERIAL_BIND_GROUP}) @binding(1) var colours: texture_2d<f32>;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let p = in.world_position.xy - g.origin.xy;
    let fq = g.to_axial.x * p.x + g.to_axial.y * p.y;
    let fr = g.to_axial.z * p.x + g.to_axial.w * p.y;
    let fs = -fq - fr;
    var q = round(fq);
    var r = round(fr);
    let s = round(fs);
    let dq = abs(q - fq);
    let dr = abs(r - fr);
    let ds = abs(s - fs);
    if dq > dr && dq > ds {
        q = -r - s;
    } else if dr > ds {
        r = -q - s;
    }
    let col = i32(q - g.origin.z);
    let row = i32(r - g.origin.w);
    if col < 0 || row < 0 || col >= i32(g.grid.x) || row >= i32(g.grid.y) {
        return g.background;
    }
    let ground = textureLoad(colours, vec2<i32>(col, row), 0);
    return select(vec4<f32>(ground.rgb, 1.0), g.background, ground.a < 0.5);
}
