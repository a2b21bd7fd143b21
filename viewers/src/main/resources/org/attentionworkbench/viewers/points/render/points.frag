#version 330 core
flat in vec3 vColour;
flat in int vId;
flat in float vDepth;
flat in vec2 vCentre;
flat in float vHalf;

layout(location = 0) out vec4 colour;
layout(location = 1) out int id;
layout(location = 2) out float depth;

void main() {
    // Pixel centres (gl_FragCoord) in [centre - half, centre + half): the conventions' square.
    vec2 c = gl_FragCoord.xy;
    if (any(lessThan(c, vCentre - vHalf)) || any(greaterThanEqual(c, vCentre + vHalf))) {
        discard;
    }
    colour = vec4(vColour, 1.0);
    id = vId;
    depth = vDepth;
}
