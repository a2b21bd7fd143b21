// Element-wise ops. Dimensions: n elements; each work-item handles VEC consecutive ones (the last
// work-item takes the scalar tail), so the body is a vector load, a vector op, a vector store.
#define VEC 4

inline float4 relu4(float4 x) { return fmax(x, 0.0f); }
inline float relu1(float x) { return fmax(x, 0.0f); }
inline float4 relu64(float4 x) { return fmin(fmax(x, 0.0f), 6.0f); }
inline float relu61(float x) { return fmin(fmax(x, 0.0f), 6.0f); }
// exact GELU, x·(1 + erf(x/√2))/2 as torch.nn.GELU() and BERT, written with erfc(-x/√2) = 1 + erf(x/√2)
// so that the negative tail does not cancel (1 + erf(-3.5) keeps only ~3 significant digits in float)
inline float4 gelu4(float4 x) { return 0.5f * x * erfc(x * -0.70710678118654752f); }
inline float gelu1(float x) { return 0.5f * x * erfc(x * -0.70710678118654752f); }

#define UNARY(NAME, F4, F1) \
__kernel void NAME(__global float* out, __global const float* in, long n) { \
    long i = get_global_id(0) * VEC; \
    if (i + VEC <= n) { \
        vstore4(F4(vload4(0, in + i)), 0, out + i); \
    } else { \
        for (; i < n; i++) { \
            out[i] = F1(in[i]); \
        } \
    } \
}

UNARY(act_relu, relu4, relu1)
UNARY(act_relu6, relu64, relu61)
UNARY(act_gelu, gelu4, gelu1)

// out = s · in
__kernel void scale(__global float* out, __global const float* in, long n, float s) {
    long i = get_global_id(0) * VEC;
    if (i + VEC <= n) {
        vstore4(s * vload4(0, in + i), 0, out + i);
    } else {
        for (; i < n; i++) {
            out[i] = s * in[i];
        }
    }
}

// out = a + b, same shape
__kernel void add_same(__global float* out, __global const float* a, __global const float* b, long n) {
    long i = get_global_id(0) * VEC;
    if (i + VEC <= n) {
        vstore4(vload4(0, a + i) + vload4(0, b + i), 0, out + i);
    } else {
        for (; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }
}

// out = a + b with b repeated over the rows: gid0 position in b (length blen), gid1 row
__kernel void add_rows(__global float* out, __global const float* a, __global const float* b, int blen) {
    const int j = get_global_id(0);
    const long i = get_global_id(1) * (long) blen + j;
    out[i] = a[i] + b[j];
}

// out = a + b[0]
__kernel void add_scalar(__global float* out, __global const float* a, __global const float* b, long n) {
    long i = get_global_id(0) * VEC;
    const float s = b[0];
    if (i + VEC <= n) {
        vstore4(vload4(0, a + i) + s, 0, out + i);
    } else {
        for (; i < n; i++) {
            out[i] = a[i] + s;
        }
    }
}
