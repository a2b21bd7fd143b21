package org.attentionworkbench.compute.explain;

import java.util.Locale;

/**
 * Not a test: times a viewer's hover update, {@code fusedRow} + {@code patchGrid} for one query, on
 * synthetic maps the size of ViT-B/16 at 224 (L12 H12 N197) and ViT-S/8 at 224 (L12 H6 N785). Prints the
 * best and median of many batches, in µs per update, and the best times of a full rollout and of Rollout.clsMap (max fusion, discard 0.9).
 *
 * <p>Run: {@code mvn -q -pl compute test-compile exec:java} is not wired; use
 * {@code java -cp compute/target/classes:compute/target/test-classes:<gson jar>
 * org.attentionworkbench.compute.explain.HoverBenchmark}.
 */
public final class HoverBenchmark {
    private HoverBenchmark() {}

    public static void main(String[] args) {
        run("ViT-B/16 224 (L12 H12 N197)", Maps.random(1, 12, 12, 1, 14, 14));
        run("ViT-S/8 224  (L12 H6  N785)", Maps.random(2, 12, 6, 1, 28, 28));
    }

    private static void run(String name, AttentionMaps m) {
        int n = m.tokens();
        float[] row = new float[n];
        float[] grid = new float[m.gridH() * m.gridW()];
        int perBatch = 2000;
        double[] us = new double[60];
        float sink = 0;
        for (int b = 0; b < us.length; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perBatch; i++) {
                int q = (b * perBatch + i) % n;
                m.fusedRow(m.layers() - 1, q, HeadFusion.values()[i % 3], row);
                m.patchGrid(row, grid);
                sink += grid[i % grid.length];
            }
            us[b] = (System.nanoTime() - t0) / 1e3 / perBatch;
        }
        double[] warm = java.util.Arrays.copyOfRange(us, 10, us.length); // first batches are the JIT's
        java.util.Arrays.sort(warm);
        // rollouts: best of 5 after 2 warm-up runs each
        double clsMs = Double.MAX_VALUE;
        double fullMs = Double.MAX_VALUE;
        for (int rep = 0; rep < 7; rep++) {
            long t1 = System.nanoTime();
            float[] cls = Rollout.clsMap(m, HeadFusion.MAX, 0.9, m.layers() - 1);
            long t2 = System.nanoTime();
            float[] full = Rollout.compute(m, HeadFusion.MAX, 0.9, m.layers() - 1);
            long t3 = System.nanoTime();
            sink += cls[0] + full[0];
            if (rep >= 2) {
                clsMs = Math.min(clsMs, (t2 - t1) / 1e6);
                fullMs = Math.min(fullMs, (t3 - t2) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "%s hover (fusedRow+patchGrid): best %.2f µs, median %.2f µs | "
                + "Rollout.clsMap best %.1f ms | Rollout.compute best %.1f ms  (%s)%n", name, warm[0],
                warm[warm.length / 2], clsMs, fullMs, sink > -1 ? "ok" : "?");
    }
}
