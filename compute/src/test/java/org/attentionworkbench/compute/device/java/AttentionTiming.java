package org.attentionworkbench.compute.device.java;

import java.util.Locale;
import java.util.Random;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Not a test: per-layer timing of self-attention on the Java backend, from the packed projection
 * qkv [B, N, 3·H·Dh] to the merged context [B, N, H·Dh], with and without the probabilities.
 * "sequence" is the old path (permute, three slices, attention, permute back); "fused" is
 * {@code selfAttention}. Prints the best of many runs (the machine is shared and noisy).
 * {@code java ... AttentionTiming [runs]}
 */
public final class AttentionTiming {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Device d = new JavaDevice();
        int[][] cases = {{1, 6, 197, 64}, {1, 12, 197, 64}, {8, 6, 197, 64}, {1, 6, 785, 64}};
        for (int[] c : cases) {
            int b = c[0], h = c[1], n = c[2], dh = c[3], w = h * dh;
            float[] data = new float[b * n * 3 * w];
            Random r = new Random(1);
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) r.nextGaussian();
            }
            int reps = Math.max(3, runs * 197 * 197 / (n * n) / b);
            try (Tensor qkv = d.upload(data, b, n, 3 * w);
                    Tensor packed = qkv.reshape(b, n, 3, h, dh);
                    Tensor split = d.allocate(3, b, h, n, dh);
                    Tensor q = d.allocate(1, b, h, n, dh);
                    Tensor k = d.allocate(1, b, h, n, dh);
                    Tensor v = d.allocate(1, b, h, n, dh);
                    Tensor qh = q.reshape(b, h, n, dh);
                    Tensor kh = k.reshape(b, h, n, dh);
                    Tensor vh = v.reshape(b, h, n, dh);
                    Tensor ctx = d.allocate(b, h, n, dh);
                    Tensor merged = d.allocate(b, n, h, dh);
                    Tensor out = d.allocate(b, n, w);
                    Tensor probs = d.allocate(b, h, n, n)) {
                for (Tensor p : new Tensor[] {null, probs}) {
                    double seq = best(reps, () -> {
                        d.permute(split, packed, 2, 0, 3, 1, 4);
                        d.slice(q, split, 0, 0);
                        d.slice(k, split, 0, 1);
                        d.slice(v, split, 0, 2);
                        d.attention(ctx, p, qh, kh, vh, 0.125f);
                        d.permute(merged, ctx, 0, 2, 1, 3);
                    });
                    double att = best(reps, () -> d.attention(ctx, p, qh, kh, vh, 0.125f));
                    double fused = best(reps, () -> d.selfAttention(out, p, qkv, h, 0.125f));
                    double flop = 4.0 * b * h * n * n * dh;
                    System.out.printf(Locale.ROOT,
                            "B=%d H=%d N=%d Dh=%d probs=%-5s sequence %.3f ms, attention op %.3f ms (%.0f GFLOP/s),"
                                    + " selfAttention %.3f ms (%.0f GFLOP/s)%n",
                            b, h, n, dh, p != null, seq, att, flop / att / 1e6, fused, flop / fused / 1e6);
                }
            }
        }
    }

    /** Best wall time in ms of reps runs, after as many warm-up runs. */
    private static double best(int reps, Runnable body) {
        for (int i = 0; i < reps; i++) {
            body.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e6;
    }
}
