package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Polyline Path Masked Attention (PPMA, NeurIPS 2025; zhongchenzhao/PPMA classification/models/PPMA.py):
 * softmax attention with a 2-D log-decay mask L built from Mamba2-style decays along the polyline path
 * (along the query's row, then the key's column). Parameter-free version (zoo.md §5): the decay
 * projection {@code dt_linear} is zero, so every step decays by the same a and L = −a·(|Δrow| + |Δcol|),
 * a Manhattan decay; then L = Lᵀ and the full variant's ½(softmax(S+L) + softmax(S+Lᵀ)) is softmax(S+L).
 * a defaults to 0.1 = softplus(dt_bias)·|A| at the strongest decay of the code's initialisation
 * (dt ≤ 0.1, A = −1). Not modelled: 2-D RoPE on Q and K and the LePE 5×5 depthwise convolution on V
 * (both learned per channel). {@link Variant#CHUNK}: row attention with the row decay and column
 * attention with the column decay, M = ½(M_h·M_w + M_w·M_h).
 */
public final class Ppma extends LinearInV {
    public enum Variant { FULL, CHUNK }

    private final Variant variant;
    private final double decay;

    public Ppma(Variant variant) {
        this(variant, 0.1);
    }

    /** @param decay a ≥ 0, the log-decay per grid step */
    public Ppma(Variant variant, double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("PPMA: decay " + decay + " must be finite and ≥ 0");
        }
        this.variant = java.util.Objects.requireNonNull(variant, "variant");
        this.decay = decay;
    }

    @Override
    public String id() {
        return variant == Variant.FULL ? "ppma" : "ppma-chunk";
    }

    @Override
    public String title() {
        return variant == Variant.FULL ? "PPMA (polyline path mask)" : "PPMA chunk (row and column)";
    }

    @Override
    public String reference() {
        return "Zhao et al., Polyline Path Masked Attention (NeurIPS 2025); zhongchenzhao/PPMA models/PPMA.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; parameter-free mask: dt_linear = 0, Manhattan decay a = " + decay
                + " per step; no 2-D RoPE, no LePE";
    }

    @Override
    public String unsupported(ZooInput in) {
        return needsGrid(in);
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int cols = in.cols();
        double[] q = Dense.of(in.q());
        double[] k = Dense.of(in.k());
        double[] v = Dense.of(values);
        if (variant == Variant.FULL) {
            double[] s = Dense.dots(q, n, k, n, in.d(), in.scale());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    s[i * n + j] -= decay * (Math.abs(i / cols - j / cols) + Math.abs(i % cols - j % cols));
                }
            }
            return Dense.toFloat(Dense.mul(Dense.softmaxRows(s, n, n), n, n, v, dv));
        }
        int[][] rowGroups = GridGroups.rows(in.rows(), cols);
        int[][] colGroups = GridGroups.cols(in.rows(), cols);
        double[] hw = lineAttention(colGroups, q, k, in, lineAttention(rowGroups, q, k, in, v, dv), dv);
        double[] wh = lineAttention(rowGroups, q, k, in, lineAttention(colGroups, q, k, in, v, dv), dv);
        for (int i = 0; i < hw.length; i++) {
            hw[i] = 0.5 * (hw[i] + wh[i]);
        }
        return Dense.toFloat(hw);
    }

    /** Softmax along each line (row or column) with the 1-D decay −a·|Δposition|. */
    private double[] lineAttention(int[][] lines, double[] q, double[] k, ZooInput in, double[] v, int dv) {
        int d = in.d();
        double[] out = new double[in.n() * dv];
        for (int[] g : lines) {
            double[] s = Dense.dots(Dense.gather(q, d, g), g.length, Dense.gather(k, d, g), g.length, d, in.scale());
            for (int a = 0; a < g.length; a++) {
                for (int b = 0; b < g.length; b++) {
                    s[a * g.length + b] -= decay * Math.abs(a - b);
                }
            }
            Dense.softmaxRows(s, g.length, g.length);
            Dense.scatterAdd(out, dv, g, Dense.mul(s, g.length, g.length, Dense.gather(v, dv, g), dv));
        }
        return out;
    }

    @Override
    public double flops(int n, int d) {
        if (variant == Variant.FULL) {
            return 4.0 * n * n * d + 5.0 * n * n;
        }
        double side = Math.sqrt(n);
        return 4 * (4.0 * n * side * d + 4.0 * n * side);
    }
}
