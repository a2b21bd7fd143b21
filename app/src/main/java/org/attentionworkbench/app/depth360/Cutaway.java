package org.attentionworkbench.app.depth360;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.points.PointScene;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.PointBatch;

/**
 * A dollhouse view of a panorama's points: only points whose surface faces the eye are drawn
 * (normal · (eye − point) &gt; 0, the normals facing the panorama's camera, {@code ErpClouds}), so from
 * outside the room the walls and ceiling between the eye and the room drop away and the far walls,
 * floor and furniture show; from the panorama's centre every point is drawn. Picked ids are cloud
 * indices. Runs on the render thread, once per new eye position.
 */
public final class Cutaway implements PointScene.LevelOfDetail {
    private final float[] xyz;
    private final float[] normals;
    private final int[] argb;
    private double[] lastEye;
    private List<PointBatch> last;

    public Cutaway(PointCloud cloud, int[] argb) {
        if (cloud.normals() == null) {
            throw new IllegalArgumentException("a cutaway needs the cloud's normals");
        }
        this.xyz = cloud.xyz();
        this.normals = cloud.normals();
        this.argb = argb;
    }

    /** Indices of the points facing {@code eye}. */
    public int[] facing(double[] eye) {
        int n = argb.length, m = 0;
        int[] keep = new int[n];
        for (int i = 0; i < n; i++) {
            double dx = eye[0] - xyz[3 * i], dy = eye[1] - xyz[3 * i + 1], dz = eye[2] - xyz[3 * i + 2];
            if (normals[3 * i] * dx + normals[3 * i + 1] * dy + normals[3 * i + 2] * dz > 0) {
                keep[m++] = i;
            }
        }
        return Arrays.copyOf(keep, m);
    }

    @Override
    public synchronized List<PointBatch> select(Camera camera, int width, int height) {
        double[] eye = camera.eye();
        if (last != null && Arrays.equals(eye, lastEye)) {
            return last;
        }
        int[] keep = facing(eye);
        // one batch per kept run of consecutive points over the shared arrays: no copy, ids stay cloud indices
        List<PointBatch> runs = new ArrayList<>();
        int start = 0;
        while (start < keep.length) {
            int end = start + 1;
            while (end < keep.length && keep[end] == keep[end - 1] + 1) {
                end++;
            }
            runs.add(new PointBatch(xyz, argb, keep[start], end - start, keep[start], 0));
            start = end;
        }
        lastEye = eye;
        last = List.copyOf(runs);
        return last;
    }
}
