package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ReadControl;

/**
 * Read speed of a Potree LAS octree (a measurement, not a test): every node read and merged into one
 * cloud, {@code runs} times; or one LAS file read {@code runs} times. Usage: LionReadSpeed DIR|FILE.las [runs]
 */
public final class LionReadSpeed {
    private LionReadSpeed() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/pointclouds/lion_las");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            if (dir.toString().endsWith(".las")) {
                PointCloud c = new LasFormat().read(dir, ReadControl.NONE);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("run %d: %d points in %.3f s = %.2f M points/s%n", run, c.size(), s, c.size() / s / 1e6);
                continue;
            }
            PotreeIndex index = PotreeIndex.open(dir);
            PointCloud all = index.readAll(ReadControl.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %d nodes, %d points in %.3f s = %.2f M points/s%n", run, index.nodes().size(),
                    all.size(), s, all.size() / s / 1e6);
        }
    }
}
