package org.attentionworkbench.compute.explain;

import java.util.Random;
import java.util.function.IntBinaryOperator;

/** Hand-built attention maps for the explain tests. */
final class Maps {
    private Maps() {}

    /** Every row one-hot at the key {@code target(h, q)} (same for every layer). */
    static AttentionMaps oneHot(int layers, int heads, int prefix, int gh, int gw, IntBinaryOperator target) {
        int n = prefix + gh * gw;
        float[] d = new float[layers * heads * n * n];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int q = 0; q < n; q++) {
                    d[((l * heads + h) * n + q) * n + target.applyAsInt(h, q)] = 1f;
                }
            }
        }
        return new AttentionMaps(d, layers, heads, n, prefix, gh, gw);
    }

    static AttentionMaps uniform(int layers, int heads, int prefix, int gh, int gw) {
        int n = prefix + gh * gw;
        float[] d = new float[layers * heads * n * n];
        java.util.Arrays.fill(d, 1f / n);
        return new AttentionMaps(d, layers, heads, n, prefix, gh, gw);
    }

    /** Seeded random softmax rows. */
    static AttentionMaps random(long seed, int layers, int heads, int prefix, int gh, int gw) {
        int n = prefix + gh * gw;
        Random rnd = new Random(seed);
        float[] d = new float[layers * heads * n * n];
        for (int row = 0; row < layers * heads * n; row++) {
            double sum = 0;
            double[] e = new double[n];
            for (int k = 0; k < n; k++) {
                e[k] = Math.exp(2 * rnd.nextGaussian());
                sum += e[k];
            }
            for (int k = 0; k < n; k++) {
                d[row * n + k] = (float) (e[k] / sum);
            }
        }
        return new AttentionMaps(d, layers, heads, n, prefix, gh, gw);
    }
}
