package org.attentionworkbench.compute.zoo;

import java.util.Objects;

/**
 * A mechanism's effective token-mixing matrix M (N×N, row-major; output row i = Σ_j M[i,j]·value row j)
 * and how it was obtained. For channel mixers {@code channel} holds the C_g×C_g channel matrix
 * (row-major, {@code channels} wide), else null.
 */
public record MixingMatrix(int n, float[] m, Kind kind, float[] channel, int channels, String note) {
    /** How M was obtained; the UI says it beside the picture. */
    public enum Kind {
        /** Exact: the mechanism is linear in V and was run on V = I. */
        V_PROBE("exact (V-probe: the mechanism run on V = I)"),
        /** Mean |M_c| over channels of per-channel impulse responses (convolutions, SSMs). */
        IMPULSE_MEAN_ABS("per-channel impulse responses, mean |M_c| over channels"),
        /** One channel's impulse response matrix. */
        IMPULSE_CHANNEL("one channel's impulse response matrix"),
        /** ‖∂y_i/∂x_j‖_F: token coupling of a nonlinear (gated) or channel mixer. */
        JACOBIAN_NORM("Jacobian-norm map ‖∂y_i/∂x_j‖_F (nonlinear or channel mixer)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public MixingMatrix {
        Objects.requireNonNull(kind, "kind");
        if (m.length != (long) n * n) {
            throw new IllegalArgumentException("mixing matrix: " + m.length + " values for " + n + "×" + n);
        }
        if (channel != null && channel.length != (long) channels * channels) {
            throw new IllegalArgumentException("channel matrix: " + channel.length + " values for " + channels + "²");
        }
        note = note == null ? "" : note;
    }

    public static MixingMatrix of(int n, float[] m, Kind kind, String note) {
        return new MixingMatrix(n, m, kind, null, 0, note);
    }

    public float at(int i, int j) {
        return m[i * n + j];
    }

    /** out (N×dv) = M · values (N×dv), accumulated in double. */
    public float[] apply(float[] values, int dv) {
        if (values.length != (long) n * dv) {
            throw new IllegalArgumentException("values: " + values.length + " for " + n + "×" + dv);
        }
        float[] out = new float[n * dv];
        double[] acc = new double[dv];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int j = 0; j < n; j++) {
                double w = m[i * n + j];
                if (w == 0) {
                    continue;
                }
                for (int c = 0; c < dv; c++) {
                    acc[c] += w * values[j * dv + c];
                }
            }
            for (int c = 0; c < dv; c++) {
                out[i * dv + c] = (float) acc[c];
            }
        }
        return out;
    }
}
