package org.attentionworkbench.compute.zoo.mechanisms;

/**
 * Mamba's selective scan with the semantics of mamba_ssm's selective_scan_ref (no z gate, Δ already
 * positive): per channel c and state n, h_t = exp(Δ_{t,c}·A_{c,n})·h_{t−1} + Δ_{t,c}·B_{t,n}·u_{t,c},
 * y_{t,c} = Σ_n C_{t,n}·h_{t,n} + D_c·u_{t,c}. Layouts are row-major, time first: u, Δ, y L×D; B, C L×Ns;
 * A D×Ns. O(L·D·Ns): the linear-time recurrence the cost curves measure.
 */
public final class SelectiveScan {
    private SelectiveScan() {}

    public static float[] scan(float[] u, float[] delta, float[] a, float[] b, float[] c, float[] dSkip, int len,
                               int dim, int ns) {
        float[] y = new float[len * dim];
        double[] h = new double[ns];
        for (int ch = 0; ch < dim; ch++) {
            java.util.Arrays.fill(h, 0);
            for (int t = 0; t < len; t++) {
                double dt = delta[t * dim + ch];
                double du = dt * u[t * dim + ch];
                double out = 0;
                for (int n = 0; n < ns; n++) {
                    h[n] = Math.exp(dt * a[ch * ns + n]) * h[n] + du * b[t * ns + n];
                    out += c[t * ns + n] * h[n];
                }
                y[t * dim + ch] = (float) (out + dSkip[ch] * u[t * dim + ch]);
            }
        }
        return y;
    }

    /**
     * Channel c's "hidden attention" matrix (zoo.md §20), L×L lower-triangular:
     * M[t,s] = Σ_n C_{t,n}·exp(A_{c,n}·Σ_{k=s+1}^{t} Δ_{k,c})·Δ_{s,c}·B_{s,n} for s ≤ t, plus D_c on the diagonal.
     * O(L²·Ns).
     */
    public static double[] matrix(int ch, float[] delta, float[] a, float[] b, float[] c, float[] dSkip, int len,
                                  int dim, int ns) {
        double[] cum = new double[len];
        double run = 0;
        for (int t = 0; t < len; t++) {
            run += delta[t * dim + ch];
            cum[t] = run;
        }
        double[] m = new double[len * len];
        for (int t = 0; t < len; t++) {
            for (int s = 0; s <= t; s++) {
                double dec = cum[t] - cum[s];
                double sum = 0;
                for (int n = 0; n < ns; n++) {
                    sum += c[t * ns + n] * Math.exp(a[ch * ns + n] * dec) * b[s * ns + n];
                }
                m[t * len + s] = sum * delta[s * dim + ch] + (s == t ? dSkip[ch] : 0);
            }
        }
        return m;
    }
}
