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
    const bool inside = iy0 >= 0 && iy0 + KH <= H && ix0 >= 0 && ix0 + KW <= W;
    for (int ci = 0; ci < cpg; ci++) {
        const __global float* plane = in + ((long) n * Cin + g * cpg + ci) * H * W;
        const __global float* wk = w + ((long) co * cpg + ci) * KH * KW;
        if (inside) {
            // interior: the whole window is in the image, no bounds tests
            const __global float* src = plane + iy0 * W + ix0;
            for (int ky = 0; ky < KH; ky++) {
                for (int kx = 0; kx < KW; kx++) {
                    acc = fma(src[ky * W + kx], wk[ky * KW + kx], acc);
                }
            }
            continue;
        }
        // border: skip taps that fall into the zero padding
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
// depthPad, zeros for padding), so no im2col matrix is ever stored. One work-item fills one
// P-long row of a panel: the (ci, ky, kx) decomposition is done once and the pixel walks along.
// gid0 depth index, gid1 panel, gid2 image.
__kernel void pack_im2col(__global float* restrict dst, __global const float* restrict in, int Cin, int H,
        int W, int KH, int KW, int OH, int OW, int stride, int pad, int P, int depthPad, long dstBatch) {
    const int kk = get_global_id(0);
    const int p = get_global_id(1);
    const int n = get_global_id(2);
    __global float* d = dst + n * dstBatch + ((long) p * depthPad + kk) * P;
    if (kk >= Cin * KH * KW) {
        for (int j = 0; j < P; j++) {
            d[j] = 0.0f;
        }
        return;
    }
    // which input channel and kernel tap this row is
    const int ci = kk / (KH * KW);
    const int r = kk - ci * KH * KW;
    const int ky = r / KW;
    const int kx = r - ky * KW;
    const __global float* plane = in + ((long) n * Cin + ci) * H * W;
    // walk the P output pixels of the panel
    int q = p * P;
    int oy = q / OW;
    int ox = q - oy * OW;
    for (int j = 0; j < P; j++, q++) {
        float v = 0.0f;
        const int iy = oy * stride - pad + ky;
        const int ix = ox * stride - pad + kx;
        if (q < OH * OW && iy >= 0 && iy < H && ix >= 0 && ix < W) {
            v = plane[iy * W + ix];
        }
        d[j] = v;
        if (++ox == OW) {
            ox = 0;
            oy++;
        }
    }
}

// Transposed convolution (PyTorch ConvTranspose2d), groups 1, second half: a GEMM has written
// cols[n, (co, ky, kx), (iy, ix)] = Σ_ci weight[ci, co, ky, kx] · in[n, ci, iy, ix]; this adds the
// taps into place. Gathered rather than scattered, so no two work-items write one value: output
// (oy, ox) takes the taps ky ≡ oy + pad (mod stride) from input row (oy + pad - ky) / stride,
// likewise along x. With kernel = stride (DPT's upsampling) that is one tap per output.
// H×W the input, OH×OW the output. gid0 ox, gid1 oy, gid2 n·Cout + co.
__kernel void col2im_transpose(__global float* out, __global const float* cols, __global const float* bias,
        int hasBias, int H, int W, int Cout, int KH, int KW, int OH, int OW, int stride, int pad) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    const int z = get_global_id(2);
    const int co = z % Cout;
    // cols rows of this (n, co): z·KH·KW onwards, H·W each
    const __global float* taps = cols + (long) z * KH * KW * H * W;
    float acc = hasBias ? bias[co] : 0.0f;
    const int ty = oy + pad;
    const int tx = ox + pad;
    // the input row falls as ky rises: skip rows past the bottom, stop above the top
    for (int ky = ty % stride; ky < KH; ky += stride) {
        const int iy = (ty - ky) / stride;
        if (iy < 0) {
            break;
        }
        if (iy >= H) {
            continue;
        }
        for (int kx = tx % stride; kx < KW; kx += stride) {
            const int ix = (tx - kx) / stride;
            if (ix < 0) {
                break;
            }
            if (ix >= W) {
                continue;
            }
            acc += taps[((long) (ky * KW + kx) * H + iy) * W + ix];
        }
    }
    out[((long) z * OH + oy) * OW + ox] = acc;
}
