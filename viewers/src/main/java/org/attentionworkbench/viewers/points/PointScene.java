package org.attentionworkbench.viewers.points;

import java.util.List;
import java.util.Objects;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.PointBatch;

/**
 * What a {@link PointCloudView} shows: the batches to draw, the box holding them in the scene's
 * local coordinates ({@code bounds} = min x, y, z, max x, y, z; used to fit the camera and set the
 * near and far planes), and optionally a level of detail that picks the batches per camera (an
 * octree over a point budget). Without one, {@code batches} are drawn every frame.
 */
public record PointScene(List<PointBatch> batches, double[] bounds, LevelOfDetail lod) {
    /** Chooses the batches to draw for a camera and a frame size in physical pixels; runs on the render thread. */
    @FunctionalInterface
    public interface LevelOfDetail {
        List<PointBatch> select(Camera camera, int width, int height);
    }

    public static final PointScene EMPTY = new PointScene(List.of(), new double[] {-1, -1, -1, 1, 1, 1}, null);

    public PointScene {
        batches = List.copyOf(Objects.requireNonNull(batches, "batches"));
        Objects.requireNonNull(bounds, "bounds");
        if (bounds.length != 6) {
            throw new IllegalArgumentException("bounds must be {minX, minY, minZ, maxX, maxY, maxZ}, got "
                    + bounds.length + " values");
        }
        for (int k = 0; k < 3; k++) {
            if (!Double.isFinite(bounds[k]) || !Double.isFinite(bounds[k + 3]) || bounds[k] > bounds[k + 3]) {
                throw new IllegalArgumentException("bounds must be finite with min <= max on each axis: axis " + k
                        + " is [" + bounds[k] + ", " + bounds[k + 3] + "]");
            }
        }
        bounds = bounds.clone();
    }

    /** The batches drawn every frame, with bounds computed from their points. */
    public static PointScene of(List<PointBatch> batches) {
        return new PointScene(batches, boundsOf(batches), null);
    }

    public static PointScene of(List<PointBatch> batches, double[] bounds) {
        return new PointScene(batches, bounds, null);
    }

    @Override
    public double[] bounds() {
        return bounds.clone();
    }

    /** The batches to draw for this camera and frame size. */
    public List<PointBatch> batchesFor(Camera camera, int width, int height) {
        return lod == null ? batches : lod.select(camera, width, height);
    }

    public double[] centre() {
        return new double[] {(bounds[0] + bounds[3]) / 2, (bounds[1] + bounds[4]) / 2, (bounds[2] + bounds[5]) / 2};
    }

    /** Half the box's diagonal (at least a tiny positive value, so a single point still has a scale). */
    public double radius() {
        double dx = bounds[3] - bounds[0];
        double dy = bounds[4] - bounds[1];
        double dz = bounds[5] - bounds[2];
        double r = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
        return r > 1e-9 ? r : 1e-3;
    }

    /** The box around the points of {@code batches} (a unit box around the origin when there are none). */
    public static double[] boundsOf(List<PointBatch> batches) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (PointBatch batch : batches) {
            float[] xyz = batch.xyz();
            for (int i = batch.offset(), end = batch.offset() + batch.count(); i < end; i++) {
                for (int k = 0; k < 3; k++) {
                    float v = xyz[3 * i + k];
                    if (v < b[k]) {
                        b[k] = v;
                    }
                    if (v > b[k + 3]) {
                        b[k + 3] = v;
                    }
                }
            }
        }
        return b[0] <= b[3] ? b : new double[] {-1, -1, -1, 1, 1, 1};
    }
}
