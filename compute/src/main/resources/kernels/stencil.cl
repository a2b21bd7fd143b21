// Ops of iterative solvers. Dimensions: n elements; planes P of H×W pixels sharing weights
// [H, W, 9] with offset k = (dy + 1)·3 + (dx + 1); G reduction groups of LS work-items.
#define VEC 4

// out = a ⊙ b
__kernel void mul(__global float* out, __global const float* a, __global const float* b, long n) {
    long i = get_global_id(0) * VEC;
    if (i + VEC <= n) {
        vstore4(vload4(0, a + i) * vload4(0, b + i), 0, out + i);
    } else {
        for (; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }
}

// Tree sum of one work-group's values in scratch; the result lands in scratch[0].
inline void group_sum(__local float* scratch) {
    const int lid = get_local_id(0);
    for (int h = get_local_size(0) / 2; h > 0; h /= 2) {
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid < h) {
            scratch[lid] += scratch[lid + h];
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
}

// Stage 1 of dot: each work-item sums a strided share of a·b, each group its work-items' sums
__kernel void dot_partial(__global float* partial, __global const float* a, __global const float* b, long n,
                          __local float* scratch) {
    const long stride = get_global_size(0);
    float s = 0.0f;
    for (long i = get_global_id(0); i < n; i += stride) {
        s = fma(a[i], b[i], s);
    }
    scratch[get_local_id(0)] = s;
    group_sum(scratch);
    if (get_local_id(0) == 0) {
        partial[get_group_id(0)] = scratch[0];
    }
}

// Stage 2 of dot: one group sums the G partial sums into out[0]
__kernel void dot_final(__global float* out, __global const float* partial, int groups, __local float* scratch) {
    float s = 0.0f;
    for (int i = get_local_id(0); i < groups; i += get_local_size(0)) {
        s += partial[i];
    }
    scratch[get_local_id(0)] = s;
    group_sum(scratch);
    if (get_local_id(0) == 0) {
        out[0] = scratch[0];
    }
}

// out[p, y, x] = Σ_k w[y, x, k] · in[p, y + dy, x + dx], zero outside: gid0 x, gid1 y, gid2 plane
__kernel void stencil3x3(__global float* out, __global const float* in, __global const float* w,
                         int H, int W) {
    const int x = get_global_id(0), y = get_global_id(1);
    const long base = get_global_id(2) * (long) H * W;
    const __global float* wk = w + ((long) y * W + x) * 9;
    float s = 0.0f;
    for (int dy = -1; dy <= 1; dy++) {
        const int yy = y + dy;
        if (yy < 0 || yy >= H) {
            continue;
        }
        const __global float* row = in + base + (long) yy * W;
        const int k = (dy + 1) * 3;
        // the left and right taps only inside the image
        if (x > 0) {
            s += wk[k] * row[x - 1];
        }
        s += wk[k + 1] * row[x];
        if (x + 1 < W) {
            s += wk[k + 2] * row[x + 1];
        }
    }
    out[base + (long) y * W + x] = s;
}
