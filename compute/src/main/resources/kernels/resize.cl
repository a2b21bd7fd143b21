// Bilinear resize of the last two axes, PyTorch semantics (F.interpolate, antialias=False).
// Dimensions: planes P, input H×W, output OH×OW. gid0 ox, gid1 oy, gid2 plane.
// alignCorners: src = dst · (in-1)/(out-1); otherwise half-pixel: src = (dst + 0.5)·in/out - 0.5,
// clamped at 0. scaleH/scaleW are computed on the host exactly as PyTorch does.
inline float source_index(float scale, int dst, int alignCorners) {
    if (alignCorners) {
        return scale * dst;
    }
    const float s = scale * (dst + 0.5f) - 0.5f;
    return s < 0.0f ? 0.0f : s;
}

__kernel void resize_bilinear(__global float* out, __global const float* in, int H, int W, int OH, int OW,
        float scaleH, float scaleW, int alignCorners) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    const long p = get_global_id(2);
    // source rows and weights
    const float sy = source_index(scaleH, oy, alignCorners);
    const int y0 = (int) sy;
    const int y1 = y0 + (y0 < H - 1 ? 1 : 0);
    const float ly = sy - y0;
    // source columns and weights
    const float sx = source_index(scaleW, ox, alignCorners);
    const int x0 = (int) sx;
    const int x1 = x0 + (x0 < W - 1 ? 1 : 0);
    const float lx = sx - x0;
    // blend the four neighbours
    const __global float* plane = in + p * H * W;
    const float top = (1.0f - lx) * plane[y0 * W + x0] + lx * plane[y0 * W + x1];
    const float bottom = (1.0f - lx) * plane[y1 * W + x0] + lx * plane[y1 * W + x1];
    out[(p * OH + oy) * OW + ox] = (1.0f - ly) * top + ly * bottom;
}

// Max pooling (PyTorch max_pool2d, dilation 1, floor mode): one work-item per output value; the window
// is clipped to the image, so padding never wins; a NaN in the window propagates as in PyTorch.
__kernel void max_pool2d(__global float* out, __global const float* in, int H, int W, int OH, int OW,
        int K, int stride, int padding) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    const long p = get_global_id(2);
    const int y0 = max(0, oy * stride - padding);
    const int y1 = min(H, oy * stride - padding + K);
    const int x0 = max(0, ox * stride - padding);
    const int x1 = min(W, ox * stride - padding + K);
    const __global float* plane = in + p * H * W;
    float m = -INFINITY;
    for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
            const float v = plane[y * W + x];
            if (v > m || isnan(v)) {
                m = v;
            }
        }
    }
    out[(p * OH + oy) * OW + ox] = m;
}
