package org.attentionworkbench.compute.zoo.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.attentionworkbench.compute.zoo.kernels.LeanAttention.Chunk;
import org.attentionworkbench.compute.zoo.kernels.LeanAttention.Partial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lean Attention's merge and schedules: any split of the keys, merged in any order, equals the
 * unsplit softmax attention and a double reference (float rounding only); the stream-K schedule
 * covers every key of every head once, with runs that cross heads and chunks of unequal size.
 */
class LeanAttentionTest {
    /** softmax(scale · q_h·K_hᵀ)·V_h per head, in double. */
    static double[] reference(float[] q, float[] k, float[] v, int heads, int n, int dh, double scale) {
        double[] out = new double[heads * dh];
        for (int h = 0; h < heads; h++) {
            double[] s = new double[n];
            double m = Double.NEGATIVE_INFINITY, l = 0;
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < dh; c++) {
                    s[j] += (double) q[h * dh + c] * k[(h * n + j) * dh + c];
                }
                s[j] *= scale;
                m = Math.max(m, s[j]);
            }
            for (int j = 0; j < n; j++) {
                double p = Math.exp(s[j] - m);
                l += p;
                for (int c = 0; c < dh; c++) {
                    out[h * dh + c] += p * v[(h * n + j) * dh + c];
                }
            }
            for (int c = 0; c < dh; c++) {
                out[h * dh + c] /= l;
            }
        }
        return out;
    }

    static void assertClose(String what, double[] want, float[] got, double tol) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + want[i]);
            }
        }
    }

    /** Random split points, partials merged by picking two at random until one is left. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 1000, 30_001, 100_000})
    void anySplitMergedInAnyOrderEqualsTheUnsplitResult(int n) {
        int dh = 40; // not a multiple of the vector lanes: the tails run too
        Random r = new Random(n);
        float[] q = FlashSigmoidTest.random(r, dh, 1), k = FlashSigmoidTest.random(r, n * dh, 1),
                v = FlashSigmoidTest.random(r, n * dh, 1);
        float scale = 2f / (float) Math.sqrt(dh); // peaked rows: the max shift matters
        float[] buf = new float[n];
        float[] whole = LeanAttention.partial(q, k, v, n, dh, scale, 0, 0, n, buf).o();
        double[] want = reference(q, k, v, 1, n, dh, scale);
        assertClose("unsplit vs double, N = " + n, want, whole, 1e-4);
        for (int trial = 0; trial < 5; trial++) {
            TreeSet<Integer> cuts = new TreeSet<>(List.of(0, n));
            int count = 1 + r.nextInt(Math.min(n, 40));
            while (cuts.size() < count + 1) {
                cuts.add(r.nextInt(n + 1));
            }
            List<Partial> parts = new ArrayList<>();
            Integer prev = null;
            for (int c : cuts) {
                if (prev != null) {
                    parts.add(LeanAttention.partial(q, k, v, n, dh, scale, 0, prev, c, buf));
                }
                prev = c;
            }
            parts.add(LeanAttention.partial(q, k, v, n, dh, scale, 0, 0, 0, buf)); // an empty chunk is the identity
            while (parts.size() > 1) {
                Partial a = parts.remove(r.nextInt(parts.size())), b = parts.remove(r.nextInt(parts.size()));
                parts.add(r.nextBoolean() ? Partial.merge(a, b) : Partial.merge(b, a));
            }
            String what = "N = " + n + ", " + (cuts.size() - 1) + " chunks";
            assertClose(what + " vs unsplit", toDouble(whole), parts.get(0).o(), 2e-5);
            assertClose(what + " vs double", want, parts.get(0).o(), 1e-4);
        }
    }

    @Test
    void threeSchedulesEqualTheReference() {
        int heads = 3, n = 10_007, dh = 64;
        Random r = new Random(5);
        float[] q = FlashSigmoidTest.random(r, heads * dh, 1), k = FlashSigmoidTest.random(r, heads * n * dh, 1),
                v = FlashSigmoidTest.random(r, heads * n * dh, 1);
        float scale = 1f / 8;
        double[] want = reference(q, k, v, heads, n, dh, scale);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            assertClose("no split", want, LeanAttention.noSplit(q, k, v, heads, n, dh, scale, pool), 1e-4);
            assertClose("fixed split 4", want, LeanAttention.fixedSplit(q, k, v, heads, n, dh, scale, 4, pool), 1e-4);
            assertClose("lean 5 workers", want, LeanAttention.lean(q, k, v, heads, n, dh, scale, 256, 5, pool), 1e-4);
            assertClose("lean 1 worker", want, LeanAttention.lean(q, k, v, heads, n, dh, scale, 128, 1, pool), 1e-4);
            assertClose("lean more workers than tiles", want,
                    LeanAttention.lean(q, k, v, heads, n, dh, scale, 4096, 50, pool), 1e-4);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void streamKScheduleCoversEveryKeyOnceWithUnequalChunksAcrossHeads() {
        int heads = 3, n = 1000, tile = 64, workers = 4;
        List<List<Chunk>> schedule = LeanAttention.leanSchedule(heads, n, tile, workers);
        assertEquals(workers, schedule.size());
        int[][] seen = new int[heads][n];
        boolean crosses = false;
        TreeSet<Integer> sizes = new TreeSet<>();
        for (List<Chunk> run : schedule) {
            crosses |= run.stream().map(Chunk::head).distinct().count() > 1;
            for (Chunk c : run) {
                sizes.add(c.to() - c.from());
                for (int j = c.from(); j < c.to(); j++) {
                    seen[c.head()][j]++;
                }
            }
        }
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < n; j++) {
                assertEquals(1, seen[h][j], "head " + h + " key " + j);
            }
        }
        assertTrue(crosses, "48 tiles over 4 workers of 12: some run crosses a head of 16 tiles");
        assertTrue(sizes.size() > 1, "chunks of one size only: " + sizes);
        // 16 tiles per head, runs of 12: worker 1 takes tiles 12..23 = 4 of head 0 and 8 of head 1
        assertEquals(List.of(new Chunk(0, 768, 1000), new Chunk(1, 0, 512)), schedule.get(1));
    }

    @Test
    void badArgumentsAreTypedErrors() {
        assertThrows(IllegalArgumentException.class, () -> LeanAttention.leanSchedule(1, 10, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> LeanAttention.fixedSchedule(1, 10, 0));
        assertThrows(IllegalArgumentException.class,
                () -> LeanAttention.noSplit(new float[3], new float[8], new float[8], 1, 2, 4, 1f, ForkJoinPool.commonPool()));
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
