package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Sparsifiner (Wei et al., CVPR 2023; lim142857/Sparsifiner src/models/sparsifiner.py): softmax
 * attention restricted per row to a predicted connectivity mask of k = ⌈keep·N⌉ keys (keep rate 0.25 in
 * the code). The oracle, parameter-free version here takes the top-k of the exact logits S (the upper
 * bound of any predictor) instead of the learned low-rank mask predictor; ties go to the lower index.
 * M = masked softmax: row-stochastic with exactly k non-zeros per row (the CLS row, dense in the paper,
 * is not part of a zoo input).
 */
public final class Sparsifiner extends LinearInV {
    private final double keep;

    public Sparsifiner() {
        this(0.25);
    }

    /** @param keep fraction of keys kept per row, in (0, 1] */
    public Sparsifiner(double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("Sparsifiner: keep rate " + keep + " must be in (0, 1]");
        }
        this.keep = keep;
    }

    /** k = ⌈keep·N⌉ keys per row. */
    public int kept(int n) {
        return Math.max(1, Math.min(n, (int) Math.ceil(keep * n - 1e-9)));
    }

    @Override
    public String id() {
        return "sparsifiner";
    }

    @Override
    public String title() {
        return "Sparsifiner (oracle top-k mask)";
    }

    @Override
    public String reference() {
        return "Wei et al., Sparsifiner (CVPR 2023); lim142857/Sparsifiner src/models/sparsifiner.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; mask: oracle top-" + kept(in.n()) + " of the exact logits (keep rate " + keep
                + ") instead of the learned mask predictor";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int k = kept(n);
        double[] s = Scores.logits(in, in.scale());
        boolean[] mask = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int c = Double.compare(s[row + b], s[row + a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            java.util.Arrays.fill(mask, false);
            for (int t = 0; t < k; t++) {
                mask[order[t]] = true;
            }
            Scores.softmaxRow(s, row, n, mask);
        }
        return Scores.mix(s, n, values, dv);
    }

    @Override
    public double flops(int n, int d) {
        double k = Math.ceil(keep * n);
        return 2.0 * n * n * d + 2.0 * n * k * d + 3.0 * n * k + n * n * Math.log(Math.max(2, n)) / Math.log(2);
    }
}
