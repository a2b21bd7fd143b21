package org.attentionworkbench.app.pointcloud;

import java.util.Locale;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The preset views by name ({@code --view iso|top|front|side|camera}), applied with the cloud
 * fitted. Clouds made from images (organised PCD frames, depth maps) are in camera coordinates, x
 * right, y down, z forward: for them the world's up is -y, and {@code camera} looks from the sensor
 * along +z, so the picture starts out as the photo did.
 */
public final class ViewPreset {
    /** Looking along +z with -y up: the source camera's own view of a cloud made from an image. */
    public static final String CAMERA = "camera";

    private ViewPreset() {
    }

    /** Whether {@code cloud} is in a camera's frame (y down, z forward) rather than z up. */
    public static boolean isCameraFrame(PointCloud cloud) {
        return cloud.provenance() != null;
    }

    /** Sets the world's up for the cloud ({@link #isCameraFrame}: -y, else +z). */
    public static void setUp(Camera camera, PointCloud cloud) {
        if (isCameraFrame(cloud)) {
            camera.setWorldUp(0, -1, 0);
        } else {
            camera.setWorldUp(0, 0, 1);
        }
    }

    /** The view the page and the CLI start with: the sensor's for camera-frame clouds, else iso. */
    public static void initial(Camera camera, PointCloud cloud, int width, int height) {
        setUp(camera, cloud);
        if (isCameraFrame(cloud)) {
            sensor(camera, cloud, width, height);
        } else {
            apply(camera, Camera.View.ISO, cloud, width, height);
        }
    }

    /** Looks from the view named {@code name} ({@code camera} or a {@link Camera.View}). */
    public static void apply(Camera camera, String name, PointCloud cloud, int width, int height) {
        setUp(camera, cloud);
        if (name.equalsIgnoreCase(CAMERA)) {
            sensor(camera, cloud, width, height);
        } else {
            apply(camera, parse(name), cloud, width, height);
        }
    }

    /**
     * Looks along +z with -y up. For a cloud in front of its sensor (the world origin), the eye sits
     * at the sensor's depth, so the picture is close to the photo; otherwise the cloud is fitted.
     */
    private static void sensor(Camera camera, PointCloud cloud, int width, int height) {
        camera.lookAlong(new double[] {0, 0, 1}, new double[] {0, -1, 0});
        fit(camera, cloud, width, height);
        double[] b = localBounds(cloud);
        double sensorZ = -cloud.origin()[2]; // world z = 0 in local coordinates
        double[] t = camera.target();
        double d = t[2] - sensorZ;
        if (b[2] >= sensorZ && d > 0 && d < camera.distance()) {
            camera.setDistance(d);
        }
    }

    private static void fit(Camera camera, PointCloud cloud, int width, int height) {
        double[] b = localBounds(cloud);
        camera.fit(new double[] {b[0], b[1], b[2]}, new double[] {b[3], b[4], b[5]}, width, height);
    }

    /** The view named {@code name} (case-insensitive), or an IllegalArgumentException listing them. */
    public static Camera.View parse(String name) {
        for (Camera.View v : Camera.View.values()) {
            if (v.name().equalsIgnoreCase(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown view '" + name + "' (known: iso, top, front, side, camera)");
    }

    public static String id(Camera.View v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** Looks from {@code view} at the whole cloud, in the cloud's local coordinates (those the renderers draw). */
    public static void apply(Camera camera, Camera.View view, PointCloud cloud, int width, int height) {
        camera.view(view);
        fit(camera, cloud, width, height);
    }

    /** The cloud's bounds relative to its origin: {min x, y, z, max x, y, z} (a unit box when empty). */
    public static double[] localBounds(PointCloud c) {
        Bounds b = c.bounds();
        if (b.isEmpty()) {
            return new double[] {-1, -1, -1, 1, 1, 1};
        }
        double[] o = c.origin();
        return new double[] {b.minX() - o[0], b.minY() - o[1], b.minZ() - o[2], b.maxX() - o[0], b.maxY() - o[1],
            b.maxZ() - o[2]};
    }
}
