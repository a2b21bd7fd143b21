package org.attentionworkbench.viewers.points.render;

import java.util.List;
import java.util.Random;

/**
 * Frame time of the GL renderer at 1280×720 (a measurement, not a test): random points filling the
 * view, size 2, EDL off and on; median of {@code runs} renders after warm-up, and the readback's
 * share, and the process's CPU time per frame (llvmpipe's threads included: steadier than wall
 * time on a loaded machine). Run from viewers/ after {@code mvn test-compile}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) \
 * org.attentionworkbench.viewers.points.render.GlPointBenchmark 100000 1000000}
 */
public final class GlPointBenchmark {
    private GlPointBenchmark() {}

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int runs = Integer.getInteger("runs", 7);
        try (GlPointRenderer gl = new GlPointRenderer()) {
            System.out.println(gl.description());
            for (String a : args.length == 0 ? new String[] {"100000", "1000000"} : args) {
                int n = Integer.parseInt(a);
                Random rnd = new Random(1);
                float[] xyz = new float[3 * n];
                int[] argb = new int[n];
                for (int i = 0; i < n; i++) {
                    xyz[3 * i] = rnd.nextFloat() * 2 - 1;
                    xyz[3 * i + 1] = rnd.nextFloat() * 2 - 1;
                    xyz[3 * i + 2] = (rnd.nextFloat() * 2 - 1) * 0.6f;
                    argb[i] = 0xFF000000 | rnd.nextInt(0x1000000);
                }
                Camera cam = new Camera();
                cam.setDistance(2.6);
                cam.setSceneRadius(1.8);
                List<PointBatch> scene = List.of(PointBatch.of(xyz, argb));
                for (boolean edl : new boolean[] {false, true}) {
                    RenderSettings s = RenderSettings.of(1280, 720).withPointSize(2, SizeMode.FIXED)
                            .withEdl(edl, 1, 1.4f);
                    gl.render(scene, cam, s); // upload + warm-up
                    gl.render(scene, cam, s);
                    long cpu0 = cpuNanos();
                    long[] total = new long[runs];
                    long[] read = new long[runs];
                    for (int r = 0; r < runs; r++) {
                        long t0 = System.nanoTime();
                        gl.render(scene, cam, s);
                        total[r] = System.nanoTime() - t0;
                        read[r] = gl.lastReadbackNanos();
                    }
                    double cpuMs = (cpuNanos() - cpu0) / 1e6 / runs;
                    java.util.Arrays.sort(total);
                    java.util.Arrays.sort(read);
                    System.out.printf("%,d points, size 2, EDL %s: median %.1f ms per frame, readback %.1f ms,"
                            + " process CPU %.1f ms per frame%n", n, edl ? "on " : "off", total[runs / 2] / 1e6,
                            read[runs / 2] / 1e6, cpuMs);
                }
            }
        }
    }
}
