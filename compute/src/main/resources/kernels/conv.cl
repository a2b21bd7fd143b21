// 2-D convolution, NCHW. Dimensions: N images, Cin→Cout channels, H×W input, KH×KW kernel,
// OH×OW output, G groups (Cin/G input channels per output channel).

// Direct convolution for grouped and depthwise convolutions: one work-item per output value.
// gid0 ox, gid1 oy, gid2 n·Cout + co.
__kernel void conv_direct(__global float* out, __global const float* in, __global const float* w,
        __global const float* bias, int hasBias, int Cin, int H, int W, int Cout, int KH, int KW,
        int OH, int OW, int stride, int pad, int groups) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    const int z = get_global_id(2);
    const int n = z / Cout;
    const int co = z - n * Cout;
    const int cpg = Cin / groups;
    const int g = co / (Cout / groups);
    float acc = hasBias ? bias[co] : 0.0f;
    const int iy0 = oy * stride - pad;
    const int ix0 = ox * stride - pad;
    for (int ci = 0; ci < cpg; ci++) {
        const __global float* plane = in + ((long) n * Cin + g * cpg + ci) * H * W;
        const __global float* wk = w + ((long) co * cpg + ci) * KH * KW;
        for (int ky = 0; ky < KH; ky++) {
            const int iy = iy0 + ky;
            if (iy < 0 || iy >= H) {
                continue;
            }
            for (int kx = 0; kx < KW; kx++) {
                const int ix = ix0 + kx;
                if (ix >= 0 && ix < W) {
                    acc = fma(plane[iy * W + ix], wk[ky * KW + kx], acc);
                }
            }
        }
    }
    out[((long) z * OH + oy) * OW + ox] = acc;
}

// Implicit im2col: writes the GEMM's B operand (depth = Cin·KH·KW, columns = OH·OW output
// pixels) straight into the packed panel layout of gemm.cl (P columns per panel, depth padded to
// depthPad, zeros for padding), so no im2col matrix is ever stored.
// gid0 output pixel (padded to P), gid1 depth index, gid2 image.
__kernel void pack_im2col(__global float* restrict dst, __global const float* restrict in, int Cin, int H,
        int W, int KH, int KW, int OH, int OW, int stride, int pad, int P, int depthPad, long dstBatch) {
    const int q = get_global_id(0);
    const int kk = get_global_id(1);
    const int n = get_global_id(2);
    float v = 0.0f;
    if (q < OH * OW && kk < Cin * KH * KW) {
        const int ci = kk / (KH * KW);
        const int r = kk - ci * KH * KW;
        const int ky = r / KW;
        const int kx = r - ky * KW;
        const int oy = q / OW;
        const int ox = q - oy * OW;
        const int iy = oy * stride - pad + ky;
        const int ix = ox * stride - pad + kx;
        if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
            v = in[(((long) n * Cin + ci) * H + iy) * W + ix];
        }
    }
    const int p = q / P;
    const int j = q - p * P;
    dst[n * dstBatch + ((long) p * depthPad + kk) * P + j] = v;
}
