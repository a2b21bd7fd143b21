// Mean over one axis. Dimensions: in [outer, L, inner] → out [outer, inner].
// One work-item per output; gid0 runs along inner so neighbours read neighbouring addresses.
__kernel void mean_axis(__global float* out, __global const float* in, int L, int inner) {
    const int i = get_global_id(0);
    const long o = get_global_id(1);
    const __global float* x = in + o * L * inner + i;
    // four partial sums: shorter dependency chains and less rounding drift on long axes
    float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
    int l = 0;
    for (; l + 4 <= L; l += 4) {
        s0 += x[(long) l * inner];
        s1 += x[(long) (l + 1) * inner];
        s2 += x[(long) (l + 2) * inner];
        s3 += x[(long) (l + 3) * inner];
    }
    for (; l < L; l++) {
        s0 += x[(long) l * inner];
    }
    out[o * inner + i] = ((s0 + s1) + (s2 + s3)) / L;
}
