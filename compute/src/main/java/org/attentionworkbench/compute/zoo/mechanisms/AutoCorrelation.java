package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Autoformer's auto-correlation (Wu et al., NeurIPS 2021; thuml/Autoformer layers/AutoCorrelation.py,
 * inference path): R(τ) = Σ_t q[(t+τ) mod N]·k[t], the circular cross-correlation (irfft(rfft q ·
 * conj rfft k) in the code), averaged over channels; the top k = ⌊c·ln N⌋ delays (c = factor = 1) get
 * weights softmax(R(τ_i)) and out[t] = Σ_i w_i·v[(t + τ_i) mod N]. M = Σ_i w_i·P^{τ_i}: a sparse circulant
 * with k diagonals, row-stochastic. Tokens in raster order (a grid is read as one series). The
 * correlation is summed directly (O(N²d), exact) rather than by FFT. Parameter-free: q = k = v = x.
 */
public final class AutoCorrelation extends LinearInV {
    private final double factor;

    public AutoCorrelation() {
        this(1);
    }

    /** @param factor c in k = ⌊c·ln N⌋ */
    public AutoCorrelation(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Autoformer: factor " + factor + " must be positive");
        }
        this.factor = factor;
    }

    /** Number of delays k = ⌊c·ln N⌋, between 1 and N. */
    public int delays(int n) {
        return Math.max(1, Math.min(n, (int) Math.floor(factor * Math.log(n))));
    }

    @Override
    public String id() {
        return "autoformer";
    }

    @Override
    public String title() {
        return "Autoformer auto-correlation";
    }

    @Override
    public String reference() {
        return "Wu et al., Autoformer (NeurIPS 2021); thuml/Autoformer layers/AutoCorrelation.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; top " + delays(in.n()) + " delays (factor " + factor + ")";
    }

    /** R̄(τ) for τ = 0..N−1, mean over channels. */
    public double[] correlation(ZooInput in) {
        int n = in.n();
        int d = in.d();
        double[] r = new double[n];
        for (int tau = 0; tau < n; tau++) {
            double s = 0;
            for (int t = 0; t < n; t++) {
                int tq = (t + tau) % n;
                for (int c = 0; c < d; c++) {
                    s += (double) in.q()[tq * d + c] * in.k()[t * d + c];
                }
            }
            r[tau] = s / d;
        }
        return r;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int k = delays(n);
        double[] r = correlation(in);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(r[b], r[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = r[order[i]];
        }
        Scores.softmaxRow(w, 0, k, null);
        double[] out = new double[n * dv];
        for (int i = 0; i < k; i++) {
            int tau = order[i];
            for (int t = 0; t < n; t++) {
                int src = (t + tau) % n;
                for (int c = 0; c < dv; c++) {
                    out[t * dv + c] += w[i] * values[src * dv + c];
                }
            }
        }
        return Dense.toFloat(out);
    }

    @Override
    public double flops(int n, int d) {
        double log = Math.log(Math.max(2, n)) / Math.log(2);
        return 2 * 5.0 * n * log * d + 4.0 * n * d + 2.0 * Math.max(1, Math.floor(Math.log(n))) * n * d;
    }
}
