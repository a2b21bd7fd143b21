#version 330 core
flat in vec3 vColour;
flat in int vId;
flat in float vDepth;

layout(location = 0) out vec4 colour;
layout(location = 1) out int id;
layout(location = 2) out float depth;

void main() {
    colour = vec4(vColour, 1.0);
    id = vId;
    depth = vDepth;
}
