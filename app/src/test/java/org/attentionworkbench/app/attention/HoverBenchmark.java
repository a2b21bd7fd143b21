package org.attentionworkbench.app.attention;

import java.util.Locale;
import java.util.Random;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.HeatmapRenderer;
import org.attentionworkbench.viewers.heatmap.HeatmapStyle;
import org.attentionworkbench.viewers.heatmap.Interpolation;

/**
 * What one hover update costs: the query row (one head, or the heads fused) cut to the patch grid by
 * {@link MapQuery}, then {@link HeatmapRenderer#renderInto} at the displayed size, into reused
 * arrays. Synthetic softmax maps of ViT-S/16 (N = 197) and ViT-S/8 (N = 785), 12 layers × 6 heads.
 * Best of several rounds (the machine is shared).
 *
 * <p>Run: {@code mvn -B -q -pl app -am test-compile} then
 * {@code java -cp app/target/test-classes:app/target/classes:$(cat cp.txt) org.attentionworkbench.app.attention.HoverBenchmark [W H]}.
 */
public final class HoverBenchmark {
    private HoverBenchmark() {}

    public static void main(String[] args) {
        int w = args.length > 1 ? Integer.parseInt(args[0]) : 900;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 900;
        for (int grid : new int[] {14, 28}) {
            AttentionMaps m = synthetic(12, 6, grid, 1);
            for (Interpolation interp : Interpolation.values()) {
                for (int head : new int[] {2, -1}) {
                    double us = measure(m, head, interp, w, h);
                    System.out.printf(Locale.ROOT, "N=%d (%dx%d grid) %s %-8s display %dx%d: %.0f us per update%n",
                            m.tokens(), grid, grid, head < 0 ? "fused-mean" : "one-head  ", interp, w, h, us);
                }
            }
        }
    }

    private static double measure(AttentionMaps m, int head, Interpolation interp, int w, int h) {
        MapQuery q = new MapQuery();
        HeatmapStyle style = new HeatmapStyle(Colormap.VIRIDIS, null, 0.6, interp);
        int[] out = new int[w * h];
        int g = m.gridH() * m.gridW();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            int updates = 200;
            long t0 = System.nanoTime();
            for (int i = 0; i < updates; i++) {
                // one hover event: a new query patch, its row, the grid drawn at the displayed size
                int token = m.prefix() + (i * 37) % g;
                float[] grid = q.compute(m, null, 11, head, HeadFusion.MEAN, token, false);
                HeatmapRenderer.renderInto(out, grid, m.gridW(), m.gridH(), style, w, h);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / updates);
        }
        return best;
    }

    /** Row-softmaxed random logits, [L, H, N, N] with one class token. */
    static AttentionMaps synthetic(int layers, int heads, int grid, int prefix) {
        int n = prefix + grid * grid;
        float[] a = new float[layers * heads * n * n];
        Random rnd = new Random(7);
        for (int r = 0; r < layers * heads * n; r++) {
            int o = r * n;
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double v = Math.exp(rnd.nextGaussian() * 2);
                a[o + k] = (float) v;
                sum += v;
            }
            for (int k = 0; k < n; k++) {
                a[o + k] /= (float) sum;
            }
        }
        return new AttentionMaps(a, layers, heads, n, prefix, grid, grid);
    }
}
