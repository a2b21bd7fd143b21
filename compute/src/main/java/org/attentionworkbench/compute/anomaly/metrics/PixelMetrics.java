package org.attentionworkbench.compute.anomaly.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Pixel-level AUROC and F1-max over every pixel of every map, as anomalib's pixel metrics (sklearn's
 * definitions on the flattened maps). Memory: one float per pixel (the scores, split by class and sorted),
 * so 100 maps of 256² take 26 MB.
 */
public final class PixelMetrics {
    private PixelMetrics() {}

    public static double auroc(List<ScoredMask> maps) {
        return BinaryMetrics.auroc(groups(maps, true));
    }

    public static F1Max f1Max(List<ScoredMask> maps) {
        return BinaryMetrics.f1Max(groups(maps, false));
    }

    private static BinaryMetrics.Counted groups(List<ScoredMask> maps, boolean needNeg) {
        // count the classes first so each gets one exactly sized array
        long p = 0, total = 0;
        for (ScoredMask m : maps) {
            total += m.scores().length;
            for (boolean d : m.defect()) {
                p += d ? 1 : 0;
            }
        }
        BinaryMetrics.checkClasses(p, total - p, true, needNeg);
        if (p > Integer.MAX_VALUE - 8 || total - p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " pixels: too many for one evaluation");
        }
        float[] pos = new float[(int) p], neg = new float[(int) (total - p)];
        int a = 0, b = 0, image = 0;
        for (ScoredMask m : maps) {
            float[] s = m.scores();
            boolean[] d = m.defect();
            for (int i = 0; i < s.length; i++) {
                if (Float.isNaN(s[i])) {
                    throw new IllegalArgumentException("map " + image + ": score at pixel " + i + " is NaN");
                }
                if (d[i]) {
                    pos[a++] = s[i];
                } else {
                    neg[b++] = s[i];
                }
            }
            image++;
        }
        Arrays.parallelSort(pos);
        Arrays.parallelSort(neg);
        return new BinaryMetrics.Counted(ScoreGroups.of(pos, neg), p, total - p);
    }
}
