// The picture of the map's layers (map_still.rs), shown over the map area: the picture is the
// window's size and was drawn by a camera placed as the window's, so each pixel reads its
// own texel.

#import bevy_sprite::mesh2d_vertex_output::VertexOutput

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var picture: texture_2d<f32>;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    return textureLoad(picture, vec2<i32>(in.position.xy), 0);
}
