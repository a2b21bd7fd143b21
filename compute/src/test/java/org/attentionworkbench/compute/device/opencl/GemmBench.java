package org.attentionworkbench.compute.device.opencl;

import java.util.Random;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * GEMM throughput on the first OpenCL device (a main, not a test: timings on a shared machine are
 * noisy, so it prints the best of several runs). Usage: GemmBench [sizes...] [-gpu] (runs the
 * local-memory tiled kernel instead of the device's choice).
 */
public final class GemmBench {
    private GemmBench() {}

    public static void main(String[] args) {
        DeviceInfo info = OpenClRuntime.firstDevice();
        if (info == null) {
            System.out.println("no OpenCL device: " + OpenClRuntime.discover().problem());
            return;
        }
        boolean tiled = false;
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.equals("-gpu")) {
                tiled = true;
            } else {
                sizes.add(Integer.parseInt(a));
            }
        }
        if (sizes.isEmpty()) {
            sizes = java.util.List.of(256, 1024, 2048);
        }
        GemmConfig cfg = tiled ? new GemmConfig(GemmConfig.Variant.TILED, 8, 16, 64, 16, 4) : null;
        try (OpenClDevice dev = cfg == null ? (OpenClDevice) OpenClRuntime.open(info) : OpenClDevice.withGemm(info, cfg)) {
            System.out.println(info.name() + " gemm " + dev.gemmConfig());
            Random rnd = new Random(1);
            for (int n : sizes) {
                float[] x = new float[n * n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextFloat() - 0.5f;
                }
                try (Tensor a = dev.upload(x, n, n); Tensor b = dev.upload(x, n, n); Tensor c = dev.allocate(n, n)) {
                    dev.matmul(c, a, b);
                    dev.finish();
                    double best = Double.MAX_VALUE;
                    int reps = n <= 256 ? 50 : n <= 1024 ? 8 : 3;
                    for (int r = 0; r < reps; r++) {
                        long t0 = System.nanoTime();
                        dev.matmul(c, a, b);
                        dev.finish();
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                    System.out.printf("n=%5d  best %.4f s  %.1f GFLOP/s%n", n, best, 2.0 * n * n * n / best / 1e9);
                }
            }
        }
    }
}
