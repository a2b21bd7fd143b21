package org.attentionworkbench.compute.device.java;

import java.util.Arrays;
import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;

/**
 * The four Linear GEMMs of every ViT layer as a forward pass runs them (a tool, not a unit test):
 * each layer has weights of its own, so they come from memory rather than from a hot cache, as in
 * a real model. Compares per-call packing ({@link Sgemm#gemm}) with weights packed at load
 * ({@link Sgemm#gemmPacked}). {@code java ... LayerGemmBenchmark [tokens] [width] [layers] [runs]}.
 */
public final class LayerGemmBenchmark {
    private LayerGemmBenchmark() {}

    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 197;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int[][] shapes = {{d, 3 * d}, {d, d}, {d, 4 * d}, {4 * d, d}}; // (K, N): qkv, proj, fc1, fc2
        Random r = new Random(1);
        float[][][] w = new float[layers][4][];
        float[][][] wp = new float[layers][4][];
        float[][] bias = new float[4][];
        for (int s = 0; s < 4; s++) {
            bias[s] = rand(r, shapes[s][1]);
        }
        for (int l = 0; l < layers; l++) {
            for (int s = 0; s < 4; s++) {
                w[l][s] = rand(r, shapes[s][0] * shapes[s][1]);
                wp[l][s] = Sgemm.packPanels(w[l][s], 0, shapes[s][0], shapes[s][1]);
            }
        }
        float[] x = rand(r, m * 4 * d);
        float[] y = new float[m * 4 * d];
        float[] y2 = new float[m * 4 * d];
        // same answers first
        for (int s = 0; s < 4; s++) {
            int k = shapes[s][0], n = shapes[s][1];
            Sgemm.gemm(1, m, n, k, 1f, x, 0, 0, false, w[0][s], 0, 0, false, y, 0, 0, bias[s], null, 0,
                    s == 2 ? Activation.GELU : null, false);
            Sgemm.gemmPacked(m, n, k, x, 0, wp[0][s], y2, 0, bias[s], s == 2 ? Activation.GELU : null, false);
            double err = 0;
            for (int i = 0; i < m * n; i++) {
                err = Math.max(err, Math.abs(y[i] - y2[i]));
            }
            System.out.printf("shape %d: max |packed - unpacked| = %.2e%n", s, err);
        }
        double flops = 0;
        for (int[] s : shapes) {
            flops += 2.0 * m * s[0] * s[1] * layers;
        }
        for (int round = 0; round < 3; round++) {
            for (boolean packed : new boolean[] {false, true}) {
                double[] ms = new double[runs];
                double[] cpu = new double[runs];
                var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int t = -5; t < runs; t++) {
                    long t0 = System.nanoTime();
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int l = 0; l < layers; l++) {
                        for (int s = 0; s < 4; s++) {
                            int k = shapes[s][0], n = shapes[s][1];
                            Activation act = s == 2 ? Activation.GELU : null;
                            boolean acc = s == 1 || s == 3;
                            if (packed) {
                                Sgemm.gemmPacked(m, n, k, x, 0, wp[l][s], y, 0, bias[s], act, acc);
                            } else {
                                Sgemm.gemm(1, m, n, k, 1f, x, 0, 0, false, w[l][s], 0, 0, false, y, 0, 0, bias[s],
                                        null, 0, act, acc);
                            }
                        }
                    }
                    if (t >= 0) {
                        ms[t] = (System.nanoTime() - t0) / 1e6;
                        cpu[t] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    }
                }
                Arrays.sort(ms);
                Arrays.sort(cpu);
                // with -Dworkbench.threads=1 the calling thread's CPU time is steady on a shared machine
                System.out.printf("%-9s %d layers: median %.2f ms, best %.2f ms (%.0f GFLOP/s at best);"
                        + " caller CPU median %.2f best %.2f ms%n", packed ? "packed" : "per-call", layers,
                        ms[runs / 2], ms[0], flops / ms[0] / 1e6, cpu[runs / 2], cpu[0]);
            }
        }
    }

    private static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        return a;
    }
}
