package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.pointcloud.PointClouds;

/**
 * A quick read-speed probe, not a benchmark (that is bench's job): the best of N reads of each file.
 * {@code java -cp compute/target/classes:compute/target/test-classes
 * org.attentionworkbench.compute.pointcloud.format.ReadSpeed 10 FILE...}
 */
final class ReadSpeed {
    private ReadSpeed() {
    }

    public static void main(String[] args) throws IOException {
        int reps = Integer.parseInt(args[0]);
        for (int k = 1; k < args.length; k++) {
            Path file = Path.of(args[k]);
            long best = Long.MAX_VALUE;
            int points = 0;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                points = PointClouds.read(file).size();
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("%s: %d points, best of %d: %.1f ms, %.1f M points/s%n", file.getFileName(), points,
                    reps, best / 1e6, points / (best / 1e9) / 1e6);
        }
    }
}
