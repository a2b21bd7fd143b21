#version 330 core
// Eye-Dome Lighting as Potree's edl.fs (potree/potree 1f37cd3), per the render conventions:
// background pixels unchanged; 8 neighbours at integer offsets (frame coordinates; the textures'
// rows are the frame's rows); out = colour * exp(-sum/8 * 300 * strength).

uniform sampler2D colourTex;
uniform sampler2D depthTex;                 // linear view depth, +inf for background
uniform ivec2 offsets[8];
uniform float strength;

out vec4 outColour;

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    ivec2 size = textureSize(depthTex, 0);
    vec4 c = texelFetch(colourTex, p, 0);
    float depth = texelFetch(depthTex, p, 0).r;
    if (isinf(depth)) {
        outColour = c;
        return;
    }
    float d = log2(depth);
    float sum = 0.0;
    for (int i = 0; i < 8; i++) {
        ivec2 q = p + offsets[i];
        if (q.x >= 0 && q.y >= 0 && q.x < size.x && q.y < size.y) {
            float dn = texelFetch(depthTex, q, 0).r;
            if (!isinf(dn)) {
                sum += max(0.0, d - log2(dn));
            }
        }
    }
    float shade = exp(-(sum / 8.0) * 300.0 * strength);
    outColour = vec4(c.rgb * shade, 1.0);
}
