// The picture of the map's layers (map_still.rs), shown over the map area: the picture was
// drawn by a camera placed as the window's, reaching beyond the window by a margin each way,
// so each pixel reads one texel: its own, moved by that margin and by how far the map has
// been dragged since.

#import bevy_sprite::mesh2d_vertex_output::VertexOutput

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var picture: texture_2d<f32>;
// xy: what is added to a pixel's place to find its texel, whole pixels.
@group(#{MATERIAL_BIND_GROUP}) @binding(1) var<uniform> offset: vec4<f32>;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    return textureLoad(picture, vec2<i32>(in.position.xy) + vec2<i32>(offset.xy), 0);
}
