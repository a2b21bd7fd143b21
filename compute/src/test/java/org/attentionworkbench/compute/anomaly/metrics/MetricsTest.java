package org.attentionworkbench.compute.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties the goldens do not pin: scale, degenerate input, connectivity, the FPR limit edge. */
class MetricsTest {
    @Test
    void pixelAurocEqualsPairCountingOnAMillionPixels() {
        // 16 maps of 256²: the exact pair count by brute force is too slow, so compare against a
        // rank-sum computed independently on a coarse (quantized) copy where ties are common
        Random r = new Random(3);
        List<ScoredMask> maps = new ArrayList<>();
        long[] posAt = new long[101], negAt = new long[101];
        for (int k = 0; k < 16; k++) {
            float[] s = new float[256 * 256];
            boolean[] d = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                d[i] = r.nextInt(20) == 0;
                int q = Math.min(100, Math.max(0, (int) Math.round(50 + 15 * r.nextGaussian() + (d[i] ? 10 : 0))));
                s[i] = q / 100f;
                (d[i] ? posAt : negAt)[q]++;
            }
            maps.add(new ScoredMask(256, 256, s, d));
        }
        long negBelow = 0, p = 0, n = 0;
        double u = 0;
        for (int q = 0; q <= 100; q++) {
            u += posAt[q] * (negBelow + 0.5 * negAt[q]);
            negBelow += negAt[q];
            p += posAt[q];
            n += negAt[q];
        }
        assertEquals(u / ((double) p * n), PixelMetrics.auroc(maps), 1e-12);
    }

    @Test
    void oneClassOnlyIsRefusedWithTheReason() {
        double[] s = {0.1, 0.2};
        UndefinedMetricException e = assertThrows(UndefinedMetricException.class,
                () -> BinaryMetrics.auroc(s, new boolean[] {false, false}));
        assertTrue(e.getMessage().contains("only good samples"), e.getMessage());
        assertThrows(UndefinedMetricException.class, () -> BinaryMetrics.auroc(new double[0], new boolean[0]));
        List<ScoredMask> good = List.of(new ScoredMask(2, 1, new float[] {0.1f, 0.2f}, new boolean[2]));
        assertThrows(UndefinedMetricException.class, () -> PixelMetrics.auroc(good));
        e = assertThrows(UndefinedMetricException.class, () -> Aupro.aupro(good));
        assertTrue(e.getMessage().contains("no defect region"), e.getMessage());
    }

    @Test
    void nanScoresAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.auroc(new double[] {Double.NaN, 1}, new boolean[] {true, false}));
    }

    @Test
    void diagonalNeighboursShareARegion() {
        boolean[] m = {
            true, false, false,
            false, true, false,
            false, false, true,
        };
        ConnectedComponents cc = ConnectedComponents.label(m, 3, 3);
        assertEquals(1, cc.count());
        assertEquals(3, cc.size(1));
    }

    @Test
    void perfectSeparationHasAuproOne() {
        float[] s = new float[64];
        boolean[] d = new boolean[64];
        for (int i = 0; i < 64; i++) {
            d[i] = i % 9 == 0;
            s[i] = d[i] ? 1 : 0;
        }
        assertEquals(1.0, Aupro.aupro(List.of(new ScoredMask(8, 8, s, d))), 1e-12);
        assertEquals(1.0, PixelMetrics.auroc(List.of(new ScoredMask(8, 8, s, d))), 0);
    }

    @Test
    void negativeZeroTiesWithZero() {
        double[] s = {-0.0, 0.0};
        assertEquals(0.5, BinaryMetrics.auroc(s, new boolean[] {true, false}), 0);
        assertEquals(0.5, BinaryMetrics.auroc(s, new boolean[] {false, true}), 0);
    }
}
