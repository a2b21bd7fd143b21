package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * ConViT gated positional self-attention (d'Ascoli et al., ICML 2021; facebookresearch/convit convit.py
 * GPSA.get_attention): A = rownorm((1 − g)·softmax(QKᵀ/√d) + g·softmax(pos)), g = σ(λ) the head's gate,
 * pos_ij = α·(2c_x·Δx + 2c_y·Δy − (Δx² + Δy²)) with Δ = key − query position on the grid: the code's
 * local initialisation, a Gaussian of width set by α = locality strength centred on the head's offset
 * (c_x, c_y). Parameter-free version (zoo.md §15): the positional part at its local initialisation;
 * λ = 1 (the code's initial gate, g = σ(1) ≈ 0.73), α = 1, centre (0, 0) (the middle head of a 3×3 set).
 * g = 0 gives softmax, g = 1 a fixed convolution-like matrix. A sequence is a 1×N grid.
 */
public final class ConvitGpsa extends LinearInV {
    private final double gate;
    private final double centreX;
    private final double centreY;
    private final double locality;

    public ConvitGpsa() {
        this(1 / (1 + Math.exp(-1)), 0, 0, 1);
    }

    /**
     * @param gate     g = σ(λ) in [0, 1]
     * @param centreX  c_x, the head's column offset
     * @param centreY  c_y, the head's row offset
     * @param locality α &gt; 0, the locality strength
     */
    public ConvitGpsa(double gate, double centreX, double centreY, double locality) {
        if (!(gate >= 0 && gate <= 1) || !(locality > 0) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("ConViT GPSA: gate " + gate + " must be in [0, 1], locality "
                    + locality + " > 0, centre finite");
        }
        this.gate = gate;
        this.centreX = centreX;
        this.centreY = centreY;
        this.locality = locality;
    }

    @Override
    public String id() {
        return "convit-gpsa";
    }

    @Override
    public String title() {
        return "ConViT gated positional attention";
    }

    @Override
    public String reference() {
        return "d'Ascoli et al., ConViT (ICML 2021); facebookresearch/convit convit.py GPSA";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + String.format(java.util.Locale.ROOT,
                "; positional part parameter-free at its local init (centre (%.2f, %.2f), locality %.2f), gate σ(λ) = %.3f",
                centreX, centreY, locality, gate);
    }

    /** The purely positional softmax (N×N): the g = 1 matrix. */
    public double[] positional(ZooInput in) {
        int n = in.n();
        int cols = in.cols();
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = j % cols - i % cols;
                double dy = j / cols - i / cols;
                p[i * n + j] = locality * (2 * centreX * dx + 2 * centreY * dy - (dx * dx + dy * dy));
            }
        }
        return Dense.softmaxRows(p, n, n);
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        double[] s = Scores.logits(in, in.scale());
        Dense.softmaxRows(s, n, n);
        double[] pos = positional(in);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                s[i * n + j] = (1 - gate) * s[i * n + j] + gate * pos[i * n + j];
                sum += s[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                s[i * n + j] /= sum;
            }
        }
        return Scores.mix(s, n, values, dv);
    }

    @Override
    public double flops(int n, int d) {
        return 4.0 * n * n * d + 6.0 * n * n + 6.0 * n * n;
    }
}
