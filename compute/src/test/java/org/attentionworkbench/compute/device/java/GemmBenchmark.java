package org.attentionworkbench.compute.device.java;

import java.util.Random;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * SGEMM throughput of the Java backend (a tool, not a unit test): best-of-N GFLOP/s after a
 * one-second warm-up per shape, for square sizes and for transformer-shaped products, with a spot check of the result.
 * Run after {@code mvn -pl compute test-compile} with
 * {@code java --add-modules jdk.incubator.vector -cp compute/target/classes:compute/target/test-classes
 * org.attentionworkbench.compute.device.java.GemmBenchmark [sizes...]}.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    public static void main(String[] args) {
        // "vits": ViT-S/16's Linear shapes through the general path; "packed": through Linear's path
        if (args.length == 1 && args[0].equals("vits")) {
            // ViT-S/16 Linear layers at 197 tokens as the model runs them (weights held as Wᵀ: NN)
            run("S qkv     NN", 1, 197, 1152, 384, false, false);
            run("S proj    NN", 1, 197, 384, 384, false, false);
            run("S mlp up  NN", 1, 197, 1536, 384, false, false);
            run("S mlp dn  NN", 1, 197, 384, 1536, false, false);
            return;
        }
        if (args.length == 1 && args[0].equals("packed")) {
            // the same products through Linear's path: weights packed at load, A read in place
            runPacked("S qkv", 197, 1152, 384);
            runPacked("S proj", 197, 384, 384);
            runPacked("S mlp up", 197, 1536, 384);
            runPacked("S mlp dn", 197, 384, 1536);
            return;
        }
        int[] sizes = args.length == 0 ? new int[] {256, 1024, 2048} : java.util.Arrays.stream(args)
                .mapToInt(Integer::parseInt).toArray();
        System.out.printf("species %d lanes, tile %dx%d, KC %d MC %d NC %d, threads %d%n", Sgemm.L, Sgemm.MR,
                Sgemm.NR, Sgemm.KC, Sgemm.MC, Sgemm.NC, Parallel.threads());
        for (int n : sizes) {
            run("square NN", 1, n, n, n, false, false);
        }
        if (args.length == 0) {
            run("square NT", 1, 1024, 1024, 1024, false, true);
            run("square TN", 1, 1024, 1024, 1024, true, false);
            // ViT-B/16 shapes: 197 tokens, width 768, MLP 3072, weights stored [out, in] (NT)
            run("qkv proj  NT", 1, 197, 2304, 768, false, true);
            run("mlp up    NT", 1, 197, 3072, 768, false, true);
            run("mlp down  NT", 1, 197, 768, 3072, false, true);
            run("attn QKᵀ  NT", 12, 197, 197, 64, false, true);
            run("attn PV   NN", 12, 197, 64, 197, false, false);
        }
    }

    /** Best-of-300 time of {@link Sgemm#gemmPacked} on a hot weight, after a one-second warm-up. */
    private static void runPacked(String label, int m, int n, int k) {
        Random r = new Random(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat();
        }
        float[] panels = Sgemm.packPanels(b, 0, k, n);
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            Sgemm.gemmPacked(m, n, k, a, 0, panels, c, 0, null, null, false);
        }
        double best = Double.MAX_VALUE;
        for (int t = 0; t < 300; t++) {
            long t0 = System.nanoTime();
            Sgemm.gemmPacked(m, n, k, a, 0, panels, c, 0, null, null, false);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-10s packed %5dx%5dx%5d  %7.1f GFLOP/s  (best of 300, %.3f ms), %d threads%n", label, m,
                n, k, 2.0 * m * n * k / best, best / 1e6, Parallel.threads());
    }

    private static void run(String label, int batch, int m, int n, int k, boolean transA, boolean transB) {
        Random r = new Random(1);
        float[] a = new float[batch * m * k], b = new float[batch * k * n], c = new float[batch * m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat();
        }
        double flops = 2.0 * batch * m * n * k;
        int reps = (int) Math.max(5, Math.min(200, 4e10 / flops));
        // warm-up on this very shape for a second, so that C2 has compiled every path it takes
        long until = System.nanoTime() + 1_000_000_000L;
        for (int t = 0; t < 3 || System.nanoTime() < until; t++) {
            Sgemm.gemm(batch, m, n, k, 1f, a, 0, (long) m * k, transA, b, 0, (long) k * n, transB, c, 0,
                    (long) m * n, null, null, 0);
        }
        double best = Double.MAX_VALUE;
        for (int t = 0; t < reps; t++) {
            long t0 = System.nanoTime();
            Sgemm.gemm(batch, m, n, k, 1f, a, 0, (long) m * k, transA, b, 0, (long) k * n, transB, c, 0,
                    (long) m * n, null, null, 0);
            best = Math.min(best, System.nanoTime() - t0);
        }
        // spot check against a double dot product (batch 0)
        double maxErr = 0;
        for (int s = 0; s < 64; s++) {
            int i = r.nextInt(m), j = r.nextInt(n);
            double ref = 0;
            for (int p = 0; p < k; p++) {
                ref += (double) (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
            }
            maxErr = Math.max(maxErr, Math.abs(ref - c[i * n + j]) / ref);
        }
        System.out.printf("%-14s %3dx%5dx%5dx%5d  %7.1f GFLOP/s  (best of %d, %.3f ms)  max rel err %.1e%n", label,
                batch, m, n, k, flops / best, reps, best / 1e6, maxErr);
    }
}
