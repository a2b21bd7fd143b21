// Axis permutation, rank ≤ 8 (shapes are left-padded with 1s). Dimensions: d0..d7 output shape,
// s0..s7 the input stride of each output axis. gid0 runs along output axis 7, gid1 along axis 6,
// gid2 over axes 0..5 flattened; every work-item writes one element, contiguous in gid0.
__kernel void permute8(__global float* out, __global const float* in,
        int d0, int d1, int d2, int d3, int d4, int d5, int d6, int d7,
        long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7) {
    const int i7 = get_global_id(0);
    const int i6 = get_global_id(1);
    long rest = get_global_id(2);
    // unflatten axes 5..0
    const int i5 = rest % d5; rest /= d5;
    const int i4 = rest % d4; rest /= d4;
    const int i3 = rest % d3; rest /= d3;
    const int i2 = rest % d2; rest /= d2;
    const int i1 = rest % d1; rest /= d1;
    const int i0 = rest;
    const long src = i0 * s0 + i1 * s1 + i2 * s2 + i3 * s3 + i4 * s4 + i5 * s5 + i6 * s6 + i7 * s7;
    const long dst = ((((((((long) i0 * d1 + i1) * d2 + i2) * d3 + i3) * d4 + i4) * d5 + i5) * d6 + i6) * d7) + i7;
    out[dst] = in[src];
}
