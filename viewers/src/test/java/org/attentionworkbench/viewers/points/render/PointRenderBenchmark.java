package org.attentionworkbench.viewers.points.render;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Frame time of {@link JavaPointRenderer} at 1280×720, FIXED size 2, EDL off and on, for 100k and 1M
 * points. The cloud is a noisy terrain-like surface of random points in random order (the worst case for
 * the z-buffer's caches; a LAS tile in file order is kinder), fitted to the frame from the iso view.
 * Prints the median and best wall time of N frames after warm-up, and the process CPU time per frame
 * (which a busy shared machine inflates less than the wall time), in milliseconds.
 *
 * <p>Run: {@code java -cp viewers/target/classes:viewers/target/test-classes
 * org.attentionworkbench.viewers.points.render.PointRenderBenchmark [frames] [threads]}.
 */
public final class PointRenderBenchmark {
    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        com.sun.management.OperatingSystemMXBean cpu = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int n : new int[] {100_000, 1_000_000}) {
            Random rnd = new Random(7);
            float[] xyz = new float[3 * n];
            int[] argb = new int[n];
            for (int i = 0; i < n; i++) {
                float x = rnd.nextFloat() * 100;
                float y = rnd.nextFloat() * 100;
                xyz[3 * i] = x;
                xyz[3 * i + 1] = y;
                xyz[3 * i + 2] = (float) (5 * Math.sin(x / 7) * Math.cos(y / 9) + rnd.nextGaussian() * 0.2);
                argb[i] = 0xFF000000 | rnd.nextInt(1 << 24);
            }
            Camera camera = new Camera();
            camera.view(Camera.View.ISO);
            camera.fit(new double[] {0, 0, -6}, new double[] {100, 100, 6}, 1280, 720);
            List<PointBatch> batches = List.of(PointBatch.of(xyz, argb));
            try (JavaPointRenderer r = new JavaPointRenderer(threads)) {
                for (boolean edl : new boolean[] {false, true}) {
                    RenderSettings s = RenderSettings.of(1280, 720).withPointSize(2, SizeMode.FIXED).withEdl(edl, 1, 1.4f);
                    for (int i = 0; i < 10; i++) {
                        r.render(batches, camera, s);
                    }
                    long[] t = new long[frames];
                    long cpu0 = cpu.getProcessCpuTime();
                    for (int i = 0; i < frames; i++) {
                        long t0 = System.nanoTime();
                        r.render(batches, camera, s);
                        t[i] = System.nanoTime() - t0;
                    }
                    double cpuMs = (cpu.getProcessCpuTime() - cpu0) / 1e6 / frames;
                    java.util.Arrays.sort(t);
                    System.out.printf(Locale.ROOT, "%,9d points 1280x720 size 2 EDL %-3s %d threads: median %6.1f ms,"
                            + " best %6.1f ms, CPU %6.1f ms per frame (all threads)%n",
                            n, edl ? "on" : "off", threads, t[frames / 2] / 1e6, t[0] / 1e6, cpuMs);
                }
            }
        }
    }
}
