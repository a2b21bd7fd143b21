package org.attentionworkbench.compute.device.java;

/**
 * Straightforward double-precision versions of every op, written for clarity (plain loops over
 * row-major arrays), against which the Java backend is tested.
 */
final class ReferenceOps {
    private ReferenceOps() {}

    /** Element (i, p) of op(A) where A is stored M×K (or K×M when transposed). */
    private static double at(float[] a, int off, boolean trans, int rows, int cols, int i, int p) {
        return trans ? a[off + p * rows + i] : a[off + i * cols + p];
    }

    /**
     * c[b] = alpha · op(a[b]) · op(b[b]) + bias; also fills {@code mag} with alpha·Σ|a||b| + |bias|
     * per element, the scale for a rounding tolerance.
     */
    static double[] gemm(int batch, int m, int n, int k, float[] a, boolean transA, boolean aBatched, float[] b,
            boolean transB, boolean bBatched, float[] bias, float alpha, double[] mag) {
        double[] c = new double[batch * m * n];
        for (int bi = 0; bi < batch; bi++) {
            int ao = aBatched ? bi * m * k : 0, bo = bBatched ? bi * k * n : 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, sa = 0;
                    for (int p = 0; p < k; p++) {
                        double x = at(a, ao, transA, m, k, i, p) * (transB ? b[bo + j * k + p] : b[bo + p * n + j]);
                        s += x;
                        sa += Math.abs(x);
                    }
                    double bv = bias == null ? 0 : bias[j];
                    c[(bi * m + i) * n + j] = alpha * s + bv;
                    mag[(bi * m + i) * n + j] = Math.abs(alpha) * sa + Math.abs(bv);
                }
            }
        }
        return c;
    }

    static double[] softmaxRows(float[] x, int rows, int len) {
        double[] out = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < len; i++) {
                max = Math.max(max, x[r * len + i]);
            }
            double sum = 0;
            for (int i = 0; i < len; i++) {
                sum += Math.exp(x[r * len + i] - max);
            }
            for (int i = 0; i < len; i++) {
                out[r * len + i] = Math.exp(x[r * len + i] - max) / sum;
            }
        }
        return out;
    }

    static double[] layerNorm(float[] x, int rows, int len, float[] gamma, float[] beta, double eps) {
        double[] out = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < len; i++) {
                mean += x[r * len + i];
            }
            mean /= len;
            double var = 0;
            for (int i = 0; i < len; i++) {
                double d = x[r * len + i] - mean;
                var += d * d;
            }
            var /= len;
            for (int i = 0; i < len; i++) {
                double y = (x[r * len + i] - mean) / Math.sqrt(var + eps);
                out[r * len + i] = y * (gamma == null ? 1 : gamma[i]) + (beta == null ? 0 : beta[i]);
            }
        }
        return out;
    }

    /** erfc for x ≥ 0: Taylor series of erf below 2.5, Lentz's continued fraction above. */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            double term = x, sum = x;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++) {
            double an = n / 2.0;
            d = x + an * d;
            d = 1 / d;
            c = x + an / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    static double gelu(double x) {
        return x * 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** out.dim(i) = in.dim(axes[i]), by explicit multi-index arithmetic. */
    static double[] permute(float[] in, int[] shape, int[] axes) {
        int rank = shape.length;
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[axes[i]];
        }
        int total = in.length;
        double[] out = new double[total];
        int[] idx = new int[rank];
        for (int o = 0; o < total; o++) {
            int rem = o;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % outShape[i];
                rem /= outShape[i];
            }
            int src = 0;
            int[] inIdx = new int[rank];
            for (int i = 0; i < rank; i++) {
                inIdx[axes[i]] = idx[i];
            }
            for (int i = 0; i < rank; i++) {
                src = src * shape[i] + inIdx[i];
            }
            out[o] = in[src];
        }
        return out;
    }

    /** Direct convolution; {@code mag} receives Σ|terms| + |bias| per output, for a tolerance. */
    static double[] conv2d(float[] in, int n, int cin, int h, int w, float[] wt, int cout, int kh, int kw,
            float[] bias, int stride, int pad, int groups, double[] mag) {
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (w + 2 * pad - kw) / stride + 1;
        int cinG = cin / groups, coutG = cout / groups;
        double[] out = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < cout; co++) {
                int g = co / coutG;
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double s = bias == null ? 0 : bias[co];
                        double sa = Math.abs(s);
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * stride - pad + ky, ix = x * stride - pad + kx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        double t = (double) in[((b * cin + g * cinG + ci) * h + iy) * w + ix]
                                                * wt[((co * cinG + ci) * kh + ky) * kw + kx];
                                        s += t;
                                        sa += Math.abs(t);
                                    }
                                }
                            }
                        }
                        out[((b * cout + co) * oh + y) * ow + x] = s;
                        mag[((b * cout + co) * oh + y) * ow + x] = sa;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Transposed convolution from its definition, scatter form: out[co, i·s - p + ky, j·s - p + kx] +=
     * in[ci, i, j] · wt[ci, co, ky, kx], taps outside the output dropped; {@code mag} receives Σ|terms| + |bias|.
     */
    static double[] convTranspose2d(float[] in, int n, int cin, int h, int w, float[] wt, int cout, int kh, int kw,
            float[] bias, int stride, int pad, int outPad, double[] mag) {
        int oh = (h - 1) * stride - 2 * pad + kh + outPad, ow = (w - 1) * stride - 2 * pad + kw + outPad;
        double[] out = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < cout; co++) {
                for (int p = 0; p < oh * ow; p++) {
                    int o = (b * cout + co) * oh * ow + p;
                    out[o] = bias == null ? 0 : bias[co];
                    mag[o] = Math.abs(out[o]);
                }
            }
            for (int ci = 0; ci < cin; ci++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double x = in[((b * cin + ci) * h + i) * w + j];
                        for (int co = 0; co < cout; co++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int y = i * stride - pad + ky, xx = j * stride - pad + kx;
                                    if (y >= 0 && y < oh && xx >= 0 && xx < ow) {
                                        double t = x * wt[((ci * cout + co) * kh + ky) * kw + kx];
                                        int o = ((b * cout + co) * oh + y) * ow + xx;
                                        out[o] += t;
                                        mag[o] += Math.abs(t);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static double[] mean(float[] in, int outer, int len, int inner) {
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += in[(o * len + l) * inner + i];
                }
                out[o * inner + i] = s / len;
            }
        }
        return out;
    }

    /** PyTorch F.interpolate(mode="bilinear", antialias=False) in double precision. */
    static double[] resizeBilinear(float[] in, int planes, int h, int w, int oh, int ow, boolean alignCorners) {
        double[] out = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                double sy = source(y, h, oh, alignCorners);
                int y0 = (int) Math.floor(sy), y1 = Math.min(y0 + 1, h - 1);
                double ly = sy - y0;
                for (int x = 0; x < ow; x++) {
                    double sx = source(x, w, ow, alignCorners);
                    int x0 = (int) Math.floor(sx), x1 = Math.min(x0 + 1, w - 1);
                    double lx = sx - x0;
                    double top = (1 - lx) * in[(p * h + y0) * w + x0] + lx * in[(p * h + y0) * w + x1];
                    double bot = (1 - lx) * in[(p * h + y1) * w + x0] + lx * in[(p * h + y1) * w + x1];
                    out[(p * oh + y) * ow + x] = (1 - ly) * top + ly * bot;
                }
            }
        }
        return out;
    }

    /**
     * Source coordinate of output index d. The coordinate arithmetic is float, as in PyTorch's
     * area_pixel_compute_source_index for float tensors (its rounding is part of the semantics);
     * the interpolation itself is double.
     */
    private static double source(int d, int in, int out, boolean alignCorners) {
        if (alignCorners) {
            float scale = out > 1 ? (float) (in - 1) / (out - 1) : 0f;
            return scale * d;
        }
        float scale = (float) in / out;
        float s = scale * (d + 0.5f) - 0.5f;
        return Math.min(Math.max(s, 0), in - 1);
    }
}
