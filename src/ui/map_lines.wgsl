// The map's lines (coasts, rivers, railways, the front, pockets' rims) as bands of two
// triangles each, smoothed across their width. uv.x is the band's half width in pixels,
// uv.y the pixel's distance from its middle line, in pixels, signed. Nothing is drawn
// outside the map area (km, min xy and max zw): the panels beside it are not filled.

#import bevy_sprite::mesh2d_vertex_output::VertexOutput

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> area: vec4<f32>;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let p = in.world_position.xy;
    let inside = all(p >= area.xy) && all(p <= area.zw);
    let a = clamp(in.uv.x + 0.5 - abs(in.uv.y), 0.0, 1.0);
    return vec4<f32>(in.color.rgb, select(0.0, a, inside));
}
