package org.attentionworkbench.compute.explain;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Per-head summaries, one value per (layer, head) at index l·H + h.
 *
 * <p>Legend: L layers, H heads, N tokens, G patches, a[q, k] one head's attention.
 *
 * @param meanDistancePx the ViT paper's "attention distance" (Dosovitskiy et al. 2021, fig. 7): for each
 *                       query patch, the attention-weighted mean distance in pixels between its centre and
 *                       the key patches' centres, then averaged over query patches. Special tokens are left
 *                       out as queries and as keys, and each query's weights are renormalised over the
 *                       patch keys, so a head that parks most of its mass on the class token still reports
 *                       where its remaining mass looks (the common Keras recipe skips that renormalisation
 *                       and so mixes "looks at the class token" into "looks nearby"). Maps without a grid
 *                       (text) use the distance in token positions times {@code patchSizePx}. NaN where no
 *                       query put any weight on a patch.
 * @param entropy        mean over all queries of −Σ_k a[q, k]·ln a[q, k] over all keys, in nats: 0 for a
 *                       head that looks at one token, ln N for one that looks everywhere evenly
 */
public record HeadStatistics(int layers, int heads, double patchSizePx, double[] meanDistancePx, double[] entropy) {

    public static HeadStatistics compute(AttentionMaps m, double patchSizePx) {
        int lh = m.layers() * m.heads();
        double[] dist = new double[lh];
        double[] ent = new double[lh];
        float[] offsets = offsetDistances(m, patchSizePx);
        Parallel.forRange(0, lh, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int l = i / m.heads();
                int h = i % m.heads();
                dist[i] = meanDistance(m, l, h, offsets, patchSizePx);
                ent[i] = meanEntropy(m, l, h);
            }
        });
        return new HeadStatistics(m.layers(), m.heads(), patchSizePx, dist, ent);
    }

    public double meanDistancePx(int l, int h) {
        return meanDistancePx[l * heads + h];
    }

    public double entropy(int l, int h) {
        return entropy[l * heads + h];
    }

    /** CSV, one row per (layer, head): {@code layer,head,mean_distance_px,entropy_nats}. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("layer,head,mean_distance_px,entropy_nats\n");
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                sb.append(l).append(',').append(h).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", meanDistancePx(l, h))).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", entropy(l, h))).append('\n');
            }
        }
        return sb.toString();
    }

    /** JSON: the dimensions and one object per (layer, head), in layer-then-head order. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("layers", layers);
        root.put("heads", heads);
        root.put("patch_size_px", patchSizePx);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("layer", l);
                r.put("head", h);
                r.put("mean_distance_px", meanDistancePx(l, h));
                r.put("entropy_nats", entropy(l, h));
                rows.add(r);
            }
        }
        root.put("heads_stats", rows);
        // NaN distances (no weight on any patch) stay NaN rather than failing the whole file
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root);
    }

    /**
     * Distance in pixels for every patch offset (dr, dc), at [(dr + gh − 1)·(2gw − 1) + dc + gw − 1], so the
     * distances from one query to one row of keys are contiguous.
     */
    private static float[] offsetDistances(AttentionMaps m, double px) {
        if (!m.hasGrid()) {
            return null;
        }
        int gh = m.gridH();
        int gw = m.gridW();
        int w = 2 * gw - 1;
        float[] t = new float[(2 * gh - 1) * w];
        for (int dr = -(gh - 1); dr < gh; dr++) {
            for (int dc = -(gw - 1); dc < gw; dc++) {
                t[(dr + gh - 1) * w + dc + gw - 1] = (float) (px * Math.hypot(dr, dc));
            }
        }
        return t;
    }

    private static double meanDistance(AttentionMaps m, int l, int h, float[] offsets, double px) {
        float[] d = m.data();
        int n = m.tokens();
        int p = m.prefix();
        double total = 0;
        int counted = 0;
        for (int q = p; q < n; q++) {
            int row = m.offset(l, h, q);
            double weighted = 0;
            double mass = 0;
            if (offsets == null) {
                // text: distance in token positions
                for (int k = p; k < n; k++) {
                    float a = d[row + k];
                    weighted += a * (double) Math.abs(q - k);
                    mass += a;
                }
                weighted *= px;
            } else {
                int gh = m.gridH();
                int gw = m.gridW();
                int w = 2 * gw - 1;
                int qr = (q - p) / gw;
                int qc = (q - p) % gw;
                for (int kr = 0; kr < gh; kr++) {
                    int keys = row + p + kr * gw;
                    int dist = (kr - qr + gh - 1) * w + gw - 1 - qc; // + kc gives offset (kr − qr, kc − qc)
                    float wsum = 0;
                    float msum = 0;
                    for (int kc = 0; kc < gw; kc++) {
                        float a = d[keys + kc];
                        wsum += a * offsets[dist + kc];
                        msum += a;
                    }
                    weighted += wsum;
                    mass += msum;
                }
            }
            if (mass > 0) {
                total += weighted / mass;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }

    private static double meanEntropy(AttentionMaps m, int l, int h) {
        float[] d = m.data();
        int n = m.tokens();
        double total = 0;
        for (int q = 0; q < n; q++) {
            int row = m.offset(l, h, q);
            double e = 0;
            for (int k = 0; k < n; k++) {
                double a = d[row + k];
                if (a > 0) { // 0·ln 0 = 0
                    e -= a * Math.log(a);
                }
            }
            total += e;
        }
        return total / n;
    }
}
