package org.attentionworkbench.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.app.pointcloud.DrawList;
import org.attentionworkbench.compute.bench.PointCloudReadBench;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.lod.Octree;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.GlPointRenderer;
import org.attentionworkbench.viewers.points.render.JavaPointRenderer;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointColoring;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.attentionworkbench.viewers.points.render.RendererUnavailableException;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * Frame time of both point renderers at 1280×720 on the same synthetic clouds (100k, 1M and 10M
 * points, the last through the LOD octree within the app's point budget), EDL off and on, while the
 * camera orbits; the pick lookup; memory per point. Not a test:
 * {@code ./workbench bench pointcloud-draw [--sizes 100000,1000000,10000000] [--frames N] [--renderers java,gl]}.
 */
public final class PointCloudDrawBench {
    private PointCloudDrawBench() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = {100_000, 1_000_000, 10_000_000};
        int frames = 15;
        List<String> renderers = List.of("java", "gl");
        int width = 1280;
        int height = 720;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--renderers" -> renderers = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --sizes N,N --frames N --renderers java,gl)");
            }
        }
        System.out.printf(Locale.ROOT, "%dx%d, point size 2 (fixed), camera orbiting 2° per frame, %d frames after 3 "
                + "warm-up frames; %d cores%n", width, height, frames, Runtime.getRuntime().availableProcessors());
        List<String> rows = new ArrayList<>();
        for (int n : sizes) {
            PointCloud cloud = PointCloudReadBench.synthetic(n, 14);
            int[] colours = PointColoring.rgb(cloud.rgb());
            System.out.printf(Locale.ROOT, "%,d points: the cloud holds %.1f bytes per point (%s: xyz + rgb are 15 "
                    + "of them); drawing adds 4 (one ARGB colour per point), LOD another 20 (octree order, its xyz and "
                    + "colours)%n", n, cloud.bytesPerPoint(), String.join(" ", cloud.fieldNames()));
            for (String name : renderers) {
                PointRenderer renderer;
                try {
                    renderer = name.equals("gl") ? new GlPointRenderer() : new JavaPointRenderer();
                } catch (RendererUnavailableException e) {
                    System.out.println("gl: unavailable (" + e.getMessage() + ")");
                    continue;
                }
                try (renderer) {
                    int budget = name.equals("gl") ? DrawList.GL_BUDGET : DrawList.JAVA_BUDGET;
                    DrawList draw;
                    String how;
                    if (n > budget) {
                        long t0 = System.nanoTime();
                        Octree octree = Octree.build(cloud, Octree.BuildOptions.DEFAULT, ReadControl.NONE);
                        double buildS = (System.nanoTime() - t0) / 1e9;
                        draw = DrawList.lod(cloud, octree, DrawList.octreeXyz(cloud, octree), colours, budget);
                        how = String.format(Locale.ROOT, "LOD, budget %,d (octree built in %.1f s)", budget, buildS);
                    } else {
                        draw = DrawList.all(cloud, colours);
                        how = "all points";
                    }
                    for (boolean edl : new boolean[] {false, true}) {
                        rows.add(measure(renderer, draw, cloud.bounds(), cloud.origin(), width, height, frames, edl, n,
                                name + " (" + renderer.description().split("\n")[0] + ")", how));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| points | renderer | drawn | EDL | median ms | best ms | LOD select ms | pick µs |");
        System.out.println("|---:|---|---|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String measure(PointRenderer renderer, DrawList draw, Bounds b, double[] origin, int w, int h,
            int frames, boolean edl, int n, String name, String how) {
        double[] min = {b.minX() - origin[0], b.minY() - origin[1], b.minZ() - origin[2]};
        double[] max = {b.maxX() - origin[0], b.maxY() - origin[1], b.maxZ() - origin[2]};
        Camera cam = new Camera();
        cam.view(Camera.View.ISO);
        cam.fit(min, max, w, h);
        RenderSettings s = RenderSettings.of(w, h).withPointSize(2, SizeMode.FIXED).withEdl(edl, 1f, 1.4f);
        double[] times = new double[frames];
        double[] selects = new double[frames];
        Frame last = null;
        for (int f = -3; f < frames; f++) {
            cam.orbitTurntable(Math.toRadians(2), 0);
            long t0 = System.nanoTime();
            List<PointBatch> batches = draw.batchesFor(cam, w, h);
            long t1 = System.nanoTime();
            last = renderer.render(batches, cam, s);
            long t2 = System.nanoTime();
            if (f >= 0) {
                selects[f] = (t1 - t0) / 1e6;
                times[f] = (t2 - t0) / 1e6;
            }
        }
        // the pick a click does: the id buffer of the frame on screen, 4 px around the cursor
        long p0 = System.nanoTime();
        int picks = 0;
        for (int k = 0; k < 1000; k++) {
            if (last.pick((k * 37) % w, (k * 17) % h, 4) >= 0) {
                picks++;
            }
        }
        double pickUs = (System.nanoTime() - p0) / 1e3 / 1000;
        Arrays.sort(times);
        Arrays.sort(selects);
        return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %.1f | %.1f | %.2f | %.1f |", n, name, how,
                edl ? "on" : "off", times[frames / 2], times[0], selects[frames / 2], picks >= 0 ? pickUs : -1);
    }
}
