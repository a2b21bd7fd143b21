package org.attentionworkbench.compute.device.opencl;

/**
 * Straightforward double-precision host versions of the ops, written from the definitions in
 * {@code Ops} and independent of every backend: the yardstick for the OpenCL results.
 */
final class ReferenceOps {
    private ReferenceOps() {}

    /** One GEMM entry's value and the sum of |products| (the scale of its rounding error). */
    record Gemm(double[] c, double[] magnitude) {}

    /**
     * c[b] = alpha · op(a[b]) · op(b[b]) + bias; a batch count of 1 broadcasts that operand.
     */
    static Gemm gemm(float[] a, int batchA, boolean transA, float[] b, int batchB, boolean transB, float[] bias,
            float alpha, int batch, int m, int n, int k) {
        double[] c = new double[batch * m * n];
        double[] mag = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            int ao = batchA == 1 ? 0 : p * m * k;
            int bo = batchB == 1 ? 0 : p * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double g = 0;
                    for (int q = 0; q < k; q++) {
                        double av = transA ? a[ao + q * m + i] : a[ao + i * k + q];
                        double bv = transB ? b[bo + j * k + q] : b[bo + q * n + j];
                        s += av * bv;
                        g += Math.abs(av * bv);
                    }
                    double bb = bias == null ? 0 : bias[j];
                    c[(p * m + i) * n + j] = alpha * s + bb;
                    mag[(p * m + i) * n + j] = Math.abs(alpha) * g + Math.abs(bb);
                }
            }
        }
        return new Gemm(c, mag);
    }

    static double[] softmaxRows(float[] x, int len) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / len; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                max = Math.max(max, x[r * len + j]);
            }
            double sum = 0;
            for (int j = 0; j < len; j++) {
                y[r * len + j] = Math.exp(x[r * len + j] - max);
                sum += y[r * len + j];
            }
            for (int j = 0; j < len; j++) {
                y[r * len + j] /= sum;
            }
        }
        return y;
    }

    static double[] layerNorm(float[] x, int len, float[] gamma, float[] beta, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / len; r++) {
            double mean = 0;
            for (int j = 0; j < len; j++) {
                mean += x[r * len + j];
            }
            mean /= len;
            double var = 0;
            for (int j = 0; j < len; j++) {
                double d = x[r * len + j] - mean;
                var += d * d;
            }
            var /= len;
            double inv = 1 / Math.sqrt(var + eps);
            for (int j = 0; j < len; j++) {
                double v = (x[r * len + j] - mean) * inv;
                v = v * (gamma == null ? 1 : gamma[j]) + (beta == null ? 0 : beta[j]);
                y[r * len + j] = v;
            }
        }
        return y;
    }

    static double relu(double x) {
        return Math.max(0, x);
    }

    static double relu6(double x) {
        return Math.min(Math.max(0, x), 6);
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Maclaurin series (|x| < 3) or the continued fraction of erfc: ~1e-15 accurate. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(x) = exp(-x²)/sqrt(pi) · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
            double f = ax;
            for (int n = 60; n >= 1; n--) {
                f = ax + (n / 2.0) / f;
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }

    static double[] permute(float[] x, int[] shape, int[] axes) {
        int rank = shape.length;
        int[] outShape = new int[rank];
        long[] inStrides = new long[rank];
        long acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = acc;
            acc *= shape[i];
        }
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[axes[i]];
        }
        double[] y = new double[x.length];
        int[] idx = new int[rank];
        for (int o = 0; o < x.length; o++) {
            // unflatten o over the output shape
            int rest = o;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rest % outShape[i];
                rest /= outShape[i];
            }
            long src = 0;
            for (int i = 0; i < rank; i++) {
                src += idx[i] * inStrides[axes[i]];
            }
            y[o] = x[(int) src];
        }
        return y;
    }

    static double[] conv2d(float[] in, float[] w, float[] bias, int n, int cin, int h, int wd, int cout, int kh,
            int kw, int stride, int pad, int groups) {
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (wd + 2 * pad - kw) / stride + 1;
        int cpg = cin / groups;
        int opg = cout / groups;
        double[] out = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < cout; co++) {
                int g = co / opg;
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double s = bias == null ? 0 : bias[co];
                        for (int ci = 0; ci < cpg; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * stride - pad + ky;
                                    int ix = x * stride - pad + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                                        continue;
                                    }
                                    s += (double) in[((b * cin + g * cpg + ci) * h + iy) * wd + ix]
                                            * w[((co * cpg + ci) * kh + ky) * kw + kx];
                                }
                            }
                        }
                        out[((b * cout + co) * oh + y) * ow + x] = s;
                    }
                }
            }
        }
        return out;
    }

    static double[] mean(float[] x, int outer, int len, int inner) {
        double[] y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += x[(o * len + l) * inner + i];
                }
                y[o * inner + i] = s / len;
            }
        }
        return y;
    }

    /** PyTorch bilinear interpolation (upsample_bilinear2d, no antialias, no scale factor given). */
    static double[] resizeBilinear(float[] x, int planes, int h, int w, int oh, int ow, boolean alignCorners) {
        double[] y = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                double sy = source(h, oh, oy, alignCorners);
                int y0 = (int) Math.floor(sy);
                int y1 = Math.min(y0 + 1, h - 1);
                double ly = sy - y0;
                for (int ox = 0; ox < ow; ox++) {
                    double sx = source(w, ow, ox, alignCorners);
                    int x0 = (int) Math.floor(sx);
                    int x1 = Math.min(x0 + 1, w - 1);
                    double lx = sx - x0;
                    int base = p * h * w;
                    double top = (1 - lx) * x[base + y0 * w + x0] + lx * x[base + y0 * w + x1];
                    double bot = (1 - lx) * x[base + y1 * w + x0] + lx * x[base + y1 * w + x1];
                    y[(p * oh + oy) * ow + ox] = (1 - ly) * top + ly * bot;
                }
            }
        }
        return y;
    }

    private static double source(int in, int out, int dst, boolean alignCorners) {
        if (alignCorners) {
            return out > 1 ? dst * (double) (in - 1) / (out - 1) : 0;
        }
        double s = (dst + 0.5) * in / out - 0.5;
        return Math.max(0, s);
    }
}
