package org.attentionworkbench.app.pointcloud;

import java.util.List;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;

/**
 * What a renderer is handed for one cloud: the batches, and how a picked id maps back to the
 * cloud's point index. A cloud within the point budget is one batch over its own arrays (no copy,
 * id = index); a bigger one is thinned to the budget ({@code note} says how).
 *
 * @param indices the cloud index of each drawn point when thinned, null when every point is drawn
 */
public record DrawList(List<PointBatch> batches, int[] indices, int drawn, String note) {
    /** Points drawn on the Java renderer before the cloud is thinned (it keeps ~30 fps at 1M on 2 cores). */
    public static final int JAVA_BUDGET = 1_000_000;
    /** Points drawn on the GL renderer. */
    public static final int GL_BUDGET = 2_000_000;

    /** {@code colours} (one ARGB per cloud point) drawn within {@code budget} points. */
    public static DrawList of(PointCloud cloud, int[] colours, int budget) {
        if (cloud.size() <= budget) {
            return new DrawList(List.of(PointBatch.of(cloud.xyz(), colours)), null, cloud.size(), "");
        }
        int[] keep = CloudColours.randomSubset(cloud.size(), budget, 42);
        float[] xyz = cloud.xyz();
        float[] p = new float[keep.length * 3];
        int[] c = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            System.arraycopy(xyz, 3 * keep[k], p, 3 * k, 3);
            c[k] = colours[keep[k]];
        }
        String note = String.format(java.util.Locale.ROOT, "%,d of %,d points drawn (random subset within the budget)",
                keep.length, cloud.size());
        return new DrawList(List.of(PointBatch.of(p, c)), keep, keep.length, note);
    }

    /** The cloud index of a picked id, or -1 for background. */
    public int pointOf(int id) {
        if (id < 0) {
            return -1;
        }
        return indices == null ? id : id < indices.length ? indices[id] : -1;
    }

    /** A frame as an image for {@code PngWriter}. */
    public static RgbImage image(Frame frame) {
        int[] rgb = new int[frame.argb().length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = frame.argb()[i] & 0xFFFFFF;
        }
        return new RgbImage(frame.width(), frame.height(), rgb);
    }
}
