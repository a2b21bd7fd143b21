#version 330 core
// Point pass of GlPointRenderer. Follows the conventions in PointRenderer's javadoc and
// notes/render-conventions.md: projection by Camera's matrices, clipping by the point's centre,
// size per SizeMode clamped to [1, max], linear view depth as the compared depth.

layout(location = 0) in vec3 position;
layout(location = 1) in vec4 bgra;          // the ARGB int's bytes (little-endian: B, G, R, A)

uniform mat4 viewProjection;                // Camera#viewProjection with clip y negated (rows top-down)
uniform vec4 depthRow;                      // view depth = dot(depthRow, (x, y, z, 1))
uniform float near;
uniform float far;
uniform vec2 viewport;                      // frame width, height in pixels
uniform bool scaledSize;                    // ATTENUATED / ADAPTIVE
uniform float sizeFactor;                   // FIXED: the size; else size * spacing
uniform float pixelsPerUnit;                // perspective: at depth 1 (divide by depth); ortho: constant
uniform bool perspective;
uniform float maxPointSize;
uniform int idBase;

flat out vec3 vColour;
flat out int vId;
flat out float vDepth;
flat out vec2 vCentre;                      // the point's exact position in window pixels
flat out float vHalf;                       // half its size

void main() {
    float d = dot(depthRow, vec4(position, 1.0));
    vec4 clip = viewProjection * vec4(position, 1.0);
    vec2 px = (clip.xy / clip.w * 0.5 + 0.5) * viewport;
    bool finite = !any(isnan(position)) && !any(isinf(position));
    // Drawn only with its centre inside the frame and its depth in [near, far]; the explicit test
    // makes drivers that draw partly-outside points (guard band) behave like the Java renderer.
    if (!finite || !(d >= near && d <= far) || !(px.x >= 0.0 && px.x <= viewport.x && px.y >= 0.0
            && px.y <= viewport.y)) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 1.0;
        vColour = vec3(0.0);
        vId = -1;
        vDepth = 0.0;
        vCentre = vec2(0.0);
        vHalf = 0.0;
        return;
    }
    float size = clamp(scaledSize ? sizeFactor * (perspective ? pixelsPerUnit / d : pixelsPerUnit) : sizeFactor,
            1.0, maxPointSize);
    // The rasteriser snaps positions to its sub-pixel grid (1/256 px on llvmpipe) and has its own
    // tie rule, so it draws a square one pixel larger and the fragment shader keeps exactly the
    // pixels whose centres lie in the half-open square of side `size` around the exact centre.
    gl_PointSize = size + 1.0;
    vCentre = px;
    vHalf = 0.5 * size;
    // Window depth linear in view depth (the compared value's order; a 32F buffer), in [0, 0.5] so a
    // point exactly at `far` still passes "less" against the cleared 1.0.
    clip.z = (clamp((d - near) / (far - near), 0.0, 1.0) - 1.0) * clip.w;
    gl_Position = clip;
    vColour = bgra.zyx;
    vId = idBase + gl_VertexID;
    vDepth = d;
}
