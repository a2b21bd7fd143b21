package org.attentionworkbench.app.pointcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.lod.LodSelection;
import org.attentionworkbench.compute.pointcloud.lod.Octree;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;

/**
 * What a renderer is handed for one cloud, and how a picked id maps back to the cloud's point
 * index. A cloud within the point budget is one batch over its own arrays (no copy, id = index); a
 * bigger one is drawn through its level-of-detail octree: per view, the nodes Potree's priority
 * traversal picks within the budget, as slices of the cloud in octree order (id = octree position).
 */
public final class DrawList {
    /** Points drawn on the Java renderer (it keeps ~30 fps at 1M on 2 cores). */
    public static final int JAVA_BUDGET = 1_000_000;
    /** Points drawn on the GL renderer. */
    public static final int GL_BUDGET = 2_000_000;

    private final List<PointBatch> batches;
    private final Octree octree;
    private final float[] octreeXyz;
    private final int[] octreeArgb;
    private final int budget;
    private final int size;

    private DrawList(List<PointBatch> batches, Octree octree, float[] octreeXyz, int[] octreeArgb, int budget,
            int size) {
        this.batches = batches;
        this.octree = octree;
        this.octreeXyz = octreeXyz;
        this.octreeArgb = octreeArgb;
        this.budget = budget;
        this.size = size;
    }

    /** Every point of {@code cloud}, coloured {@code colours} (one ARGB per point). */
    public static DrawList all(PointCloud cloud, int[] colours) {
        return new DrawList(List.of(PointBatch.of(cloud.xyz(), colours)), null, null, null, Integer.MAX_VALUE,
                cloud.size());
    }

    /**
     * {@code cloud} through {@code octree} (built over it) within {@code budget} points per frame;
     * {@code octreeXyz} is the cloud's xyz in octree order ({@link Octree#reordered}), shared between colourings.
     */
    public static DrawList lod(PointCloud cloud, Octree octree, float[] octreeXyz, int[] colours, int budget) {
        int[] order = octree.order();
        int[] argb = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            argb[k] = colours[order[k]];
        }
        return new DrawList(List.of(), octree, octreeXyz, argb, budget, cloud.size());
    }

    /** A cloud's xyz in octree order. */
    public static float[] octreeXyz(PointCloud cloud, Octree octree) {
        int[] order = octree.order();
        float[] xyz = cloud.xyz();
        float[] out = new float[order.length * 3];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(xyz, 3 * order[k], out, 3 * k, 3);
        }
        return out;
    }

    public boolean isLod() {
        return octree != null;
    }

    /** The batches to draw from {@code camera} in a {@code width × height} frame. */
    public List<PointBatch> batchesFor(Camera camera, int width, int height) {
        if (octree == null) {
            return batches;
        }
        LodSelection.Result r = LodSelection.select(octree, camera.viewProjection(width, height), camera.eye(),
                camera.isOrthographic(), height, camera.fovY(), budget, LodSelection.DEFAULT_MIN_NODE_PIXELS);
        List<PointBatch> out = new ArrayList<>(r.nodes().size());
        for (LodSelection.Visible v : r.nodes()) {
            out.add(new PointBatch(octreeXyz, octreeArgb, v.offset(), v.count(), v.offset(), v.spacing()));
        }
        if (out.isEmpty() && !octree.nodes().isEmpty() && r.nodes().isEmpty()) {
            // the root alone is over the budget (a small budget, or a leaf root): its points beat a blank view
            Octree.Node root = octree.node(0);
            out.add(new PointBatch(octreeXyz, octreeArgb, root.offset(), root.count(), root.offset(), root.spacing()));
        }
        return out;
    }

    /** The cloud index of a picked id, or -1 for background. */
    public int pointOf(int id) {
        if (id < 0) {
            return -1;
        }
        if (octree == null) {
            return id < size ? id : -1;
        }
        int[] order = octree.order();
        return id < order.length ? order[id] : -1;
    }

    /** "LOD octree: at most 1,000,000 of 12,345,678 points per frame", or "" when every point is drawn. */
    public String note() {
        return octree == null ? "" : String.format(Locale.ROOT,
                "Level of detail: at most %,d of %,d points per frame (octree of %d nodes)", budget, size,
                octree.nodes().size());
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
