// The map's lines (coasts, rivers, railways, the front, pockets' rims) as bands of two
// triangles each, smoothed across their width. uv.x is the band's half width in pixels,
// uv.y the pixel's distance from its middle line, in pixels, signed.

#import bevy_sprite::mesh2d_vertex_output::VertexOutput

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let a = clamp(in.uv.x + 0.5 - abs(in.uv.y), 0.0, 1.0);
    return vec4<f32>(in.color.rgb, a);
}
