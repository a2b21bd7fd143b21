package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Axial attention (Ho et al., 2019; google-research axial; read: lucidrains/axial-attention
 * axial_attention.py): softmax attention along each row and along each column of the token grid.
 * {@link Variant#SUM}: the per-axis outputs added (lucidrains' {@code AxialAttention}: M = M_row + M_col,
 * criss-cross support). {@link Variant#STACKED}: a row layer then a column layer (the Axial
 * Transformer's stack: M = M_col·M_row, dense); the parameter-free stack uses the same Q and K in both
 * layers.
 */
public final class AxialAttention extends LinearInV {
    public enum Variant { SUM, STACKED }

    private final Variant variant;

    public AxialAttention(Variant variant) {
        this.variant = java.util.Objects.requireNonNull(variant, "variant");
    }

    @Override
    public String id() {
        return variant == Variant.SUM ? "axial-sum" : "axial-stacked";
    }

    @Override
    public String title() {
        return variant == Variant.SUM ? "Axial attention (row + column)" : "Axial attention (column ∘ row)";
    }

    @Override
    public String reference() {
        return "Ho et al., Axial Attention in Multidimensional Transformers (2019); lucidrains/axial-attention";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + (variant == Variant.STACKED ? "; both layers use this head's Q and K" : "");
    }

    @Override
    public String unsupported(ZooInput in) {
        return needsGrid(in);
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        double[] q = Dense.of(in.q());
        double[] k = Dense.of(in.k());
        int n = in.n();
        int[][] rows = GridGroups.rows(in.rows(), in.cols());
        int[][] cols = GridGroups.cols(in.rows(), in.cols());
        double[] v = Dense.of(values);
        double[] rowOut = Dense.groupAttention(rows, q, k, in.d(), in.scale(), v, dv, n);
        if (variant == Variant.STACKED) {
            return Dense.toFloat(Dense.groupAttention(cols, q, k, in.d(), in.scale(), rowOut, dv, n));
        }
        double[] colOut = Dense.groupAttention(cols, q, k, in.d(), in.scale(), v, dv, n);
        for (int i = 0; i < rowOut.length; i++) {
            rowOut[i] += colOut[i];
        }
        return Dense.toFloat(rowOut);
    }

    @Override
    public double flops(int n, int d) {
        double side = Math.sqrt(n);
        return 2 * (4.0 * n * side * d + 3.0 * n * side);
    }
}
