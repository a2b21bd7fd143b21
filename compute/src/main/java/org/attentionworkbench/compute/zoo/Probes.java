package org.attentionworkbench.compute.zoo;

/** Ways to read a mechanism's mixing matrix (zoo.md §0). */
public final class Probes {
    /** The V-probe allocates N² floats; beyond this N the matrix is not built (the cost curves go further). */
    public static final int MAX_MATRIX_TOKENS = 4096;

    private Probes() {}

    /** M = forward(V = I_N): exact for a mechanism linear in V. */
    public static MixingMatrix vProbe(Mixer mixer, ZooInput in) {
        checkSize(in.n());
        int n = in.n();
        float[] identity = new float[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1;
        }
        float[] m = mixer.forward(in, identity, n);
        return MixingMatrix.of(n, m, MixingMatrix.Kind.V_PROBE, "");
    }

    /** A linear map applied to one channel's signal of N tokens (convolution, SSM, per-channel mixer). */
    @FunctionalInterface
    public interface ChannelMap {
        /** y (N) = M_c · u (N) for channel c. */
        float[] apply(int channel, float[] u);
    }

    /** M_c column by column: the response to a unit impulse at each token. */
    public static float[] impulse(ChannelMap map, int channel, int n) {
        checkSize(n);
        float[] m = new float[n * n];
        float[] u = new float[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(u, 0);
            u[j] = 1;
            float[] y = map.apply(channel, u);
            for (int i = 0; i < n; i++) {
                m[i * n + j] = y[i];
            }
        }
        return m;
    }

    /** mean over channels of |M_c|. */
    public static MixingMatrix impulseMeanAbs(ChannelMap map, int n, int channels, String note) {
        float[] sum = new float[n * n];
        for (int c = 0; c < channels; c++) {
            float[] m = impulse(map, c, n);
            for (int i = 0; i < m.length; i++) {
                sum[i] += Math.abs(m[i]) / channels;
            }
        }
        return MixingMatrix.of(n, sum, MixingMatrix.Kind.IMPULSE_MEAN_ABS, note);
    }

    /** A nonlinear map of all tokens: x (N×C) → y (N×C'). */
    @FunctionalInterface
    public interface TokenMap {
        float[] apply(float[] x);
    }

    /**
     * J[i,j] = ‖∂y_i/∂x_j‖_F by central differences, one perturbation per input channel of token j
     * (exact up to O(h²); N·C·2 evaluations, so keep N·C modest: the UI uses it on ≤ a few hundred
     * tokens). outChannels is the width of y.
     */
    public static MixingMatrix jacobianNorm(TokenMap map, float[] x, int n, int channels, int outChannels,
                                            double h, String note) {
        checkSize(n);
        double[] sq = new double[n * n];
        float[] xp = x.clone();
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < channels; c++) {
                int at = j * channels + c;
                float keep = xp[at];
                xp[at] = (float) (keep + h);
                float[] yp = map.apply(xp);
                xp[at] = (float) (keep - h);
                float[] ym = map.apply(xp);
                xp[at] = keep;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int o = 0; o < outChannels; o++) {
                        double g = (yp[i * outChannels + o] - (double) ym[i * outChannels + o]) / (2 * h);
                        s += g * g;
                    }
                    sq[i * n + j] += s;
                }
            }
        }
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.sqrt(sq[i]);
        }
        return MixingMatrix.of(n, m, MixingMatrix.Kind.JACOBIAN_NORM, note);
    }

    private static void checkSize(int n) {
        if (n > MAX_MATRIX_TOKENS) {
            throw new IllegalArgumentException("an N×N matrix of " + n + " tokens is too large to draw (at most "
                    + MAX_MATRIX_TOKENS + "); the cost benchmark measures larger N without it");
        }
    }
}
