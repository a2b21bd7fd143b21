// Row-wise ops: softmax and layer norm over the last axis. Dimensions: R rows of length L.
// One work-group per row; its work-items stride over the row and combine partial results in
// local memory (local size a power of two; 1 on CPUs, where a row is one work-item's loop).

inline float group_sum(float v, __local float* s) {
    const int lid = get_local_id(0);
    s[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int off = get_local_size(0) / 2; off > 0; off >>= 1) {
        if (lid < off) {
            s[lid] += s[lid + off];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float r = s[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

inline float group_max(float v, __local float* s) {
    const int lid = get_local_id(0);
    s[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int off = get_local_size(0) / 2; off > 0; off >>= 1) {
        if (lid < off) {
            s[lid] = fmax(s[lid], s[lid + off]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float r = s[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

// Stable softmax: exp(x - max) / sum. out may be in.
__kernel void softmax_rows(__global float* out, __global const float* in, int L, __local float* scratch) {
    const long row = get_group_id(0);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    const __global float* x = in + row * L;
    __global float* y = out + row * L;
    // 1. row maximum
    float m = -INFINITY;
    for (int j = lid; j < L; j += ls) {
        m = fmax(m, x[j]);
    }
    m = group_max(m, scratch);
    // 2. exponentials and their sum
    float s = 0.0f;
    for (int j = lid; j < L; j += ls) {
        const float e = exp(x[j] - m);
        y[j] = e;
        s += e;
    }
    s = group_sum(s, scratch);
    // 3. normalise
    const float inv = 1.0f / s;
    for (int j = lid; j < L; j += ls) {
        y[j] *= inv;
    }
}

// Layer norm: (x - mean) / sqrt(var + eps) · gamma + beta (biased variance, two passes for
// accuracy). gamma/beta are used when hasGamma/hasBeta. out may be in.
__kernel void layer_norm(__global float* out, __global const float* in, __global const float* gamma,
        __global const float* beta, int hasGamma, int hasBeta, int L, float eps, __local float* scratch) {
    const long row = get_group_id(0);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    const __global float* x = in + row * L;
    __global float* y = out + row * L;
    // 1. mean
    float s = 0.0f;
    for (int j = lid; j < L; j += ls) {
        s += x[j];
    }
    const float mean = group_sum(s, scratch) / L;
    // 2. variance around the mean
    float v = 0.0f;
    for (int j = lid; j < L; j += ls) {
        const float d = x[j] - mean;
        v += d * d;
    }
    const float rstd = rsqrt(group_sum(v, scratch) / L + eps);
    // 3. normalise, scale, shift
    for (int j = lid; j < L; j += ls) {
        float t = (x[j] - mean) * rstd;
        if (hasGamma) {
            t *= gamma[j];
        }
        if (hasBeta) {
            t += beta[j];
        }
        y[j] = t;
    }
}
