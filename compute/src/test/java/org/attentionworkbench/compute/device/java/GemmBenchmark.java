package org.attentionworkbench.compute.device.java;

import java.util.Random;

/**
 * SGEMM throughput of the Java backend (not a unit test): best-of-N GFLOP/s for square sizes
 * after warm-up. Run with
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.attentionworkbench.compute.device.java.GemmBenchmark [sizes...]}.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {256, 1024, 2048} : java.util.Arrays.stream(args)
                .mapToInt(Integer::parseInt).toArray();
        System.out.printf("species %d lanes, tile %dx%d, KC %d MC %d NC %d, threads %d%n", Sgemm.L, Sgemm.MR,
                Sgemm.NR, Sgemm.KC, Sgemm.MC, Sgemm.NC,
                org.attentionworkbench.compute.parallel.Parallel.threads());
        Random r = new Random(1);
        for (int n : sizes) {
            float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextFloat();
                b[i] = r.nextFloat();
            }
            double flops = 2.0 * n * n * n;
            int reps = (int) Math.max(5, Math.min(200, 4e10 / flops));
            double best = Double.MAX_VALUE;
            for (int t = 0; t < reps + 3; t++) {
                long t0 = System.nanoTime();
                Sgemm.gemm(1, n, n, n, 1f, a, 0, 0, false, b, 0, 0, false, c, 0, 0, null, null, 0);
                long dt = System.nanoTime() - t0;
                if (t >= 3) {
                    best = Math.min(best, dt);
                }
            }
            double maxErr = 0;
            for (int s = 0; s < 64; s++) {
                int i = r.nextInt(n), j = r.nextInt(n);
                double ref = 0;
                for (int p = 0; p < n; p++) {
                    ref += (double) a[i * n + p] * b[p * n + j];
                }
                maxErr = Math.max(maxErr, Math.abs(ref - c[i * n + j]) / ref);
            }
            System.out.printf("n=%5d  %7.1f GFLOP/s  (best of %d, %.2f ms) max rel err %.1e%n", n, flops / best, reps, best / 1e6, maxErr);
        }
    }
}
