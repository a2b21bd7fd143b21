package org.attentionworkbench.compute.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Tokens that behave unlike the rest, the two kinds a ViT reader keeps tripping over:
 * <ul>
 *   <li>{@link Kind#HIGH_NORM}: patch tokens whose hidden state has an outlying L2 norm, the artifacts
 *       that large ViTs (DINOv2, CLIP, DeiT-III) grow in low-information background patches and that
 *       registers absorb (Darcet et al. 2023, "Vision Transformers Need Registers");</li>
 *   <li>{@link Kind#ATTENTION_SINK}: tokens that the later layers attend to far more than to the others
 *       (mean column mass over layers ≥ L/2, all heads and all queries).</li>
 * </ul>
 * Both use a robust z-score, (x − median) / MAD, so the outliers themselves do not hide in the spread;
 * a token counts when its score exceeds {@link #THRESHOLD}.
 *
 * <p>Legend: n tokens, d width, L layers, H heads, MAD median absolute deviation.
 */
public final class Artifacts {
    /** Robust z-score above which a token is an artifact: "median + 6·MAD". */
    public static final double THRESHOLD = 6.0;

    public enum Kind { HIGH_NORM, ATTENTION_SINK }

    /** One finding: the token index (in the full token order, prefix included) and its robust z-score. */
    public record Artifact(int token, Kind kind, double score) {}

    private Artifacts() {}

    /**
     * @param tokens hidden states [n, d] of one input (a captured layer's or the final ones), or null
     * @param m      the attention of the same input, or null
     * @param prefix special tokens at the front of {@code tokens}; they are not candidates for high norm
     * @return findings by score, highest first
     */
    public static List<Artifact> find(float[] tokens, int n, int d, AttentionMaps m, int prefix) {
        return find(tokens, n, d, m, prefix, THRESHOLD);
    }

    public static List<Artifact> find(float[] tokens, int n, int d, AttentionMaps m, int prefix, double threshold) {
        List<Artifact> out = new ArrayList<>();
        if (tokens != null) {
            if ((long) n * d != tokens.length || prefix < 0 || prefix >= n) {
                throw new IllegalArgumentException("tokens hold " + tokens.length + " values, not [n" + n + ", d" + d
                        + "] with prefix " + prefix);
            }
            // L2 norm of every patch token, scored against the patch tokens' median
            double[] norms = new double[n - prefix];
            for (int t = prefix; t < n; t++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double v = tokens[t * d + c];
                    s += v * v;
                }
                norms[t - prefix] = Math.sqrt(s);
            }
            double[] z = robustZ(norms);
            for (int i = 0; i < z.length; i++) {
                if (z[i] > threshold) {
                    out.add(new Artifact(prefix + i, Kind.HIGH_NORM, z[i]));
                }
            }
        }
        if (m != null) {
            double[] mass = sinkMass(m);
            // candidates are the tokens after the map's own prefix: the class token is a sink by design
            double[] cand = Arrays.copyOfRange(mass, m.prefix(), mass.length);
            double[] z = robustZ(cand);
            for (int i = 0; i < z.length; i++) {
                if (z[i] > threshold) {
                    out.add(new Artifact(m.prefix() + i, Kind.ATTENTION_SINK, z[i]));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Artifact::score).reversed());
        return out;
    }

    /** Mean attention each token receives over layers ≥ L/2, heads and queries: [N]. */
    public static double[] sinkMass(AttentionMaps m) {
        int n = m.tokens();
        double[] mass = new double[n];
        float[] d = m.data();
        int from = m.layers() / 2;
        int rows = 0;
        for (int l = from; l < m.layers(); l++) {
            for (int h = 0; h < m.heads(); h++) {
                for (int q = 0; q < n; q++) {
                    int o = m.offset(l, h, q);
                    for (int k = 0; k < n; k++) {
                        mass[k] += d[o + k];
                    }
                    rows++;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            mass[k] /= rows;
        }
        return mass;
    }

    /** (x − median) / MAD, the MAD floored so a flat population does not divide by zero. */
    static double[] robustZ(double[] x) {
        double med = median(x.clone());
        double[] dev = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dev[i] = Math.abs(x[i] - med);
        }
        double mad = Math.max(median(dev), 1e-9 * Math.max(1.0, Math.abs(med)));
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - med) / mad;
        }
        return z;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
