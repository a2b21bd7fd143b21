package org.attentionworkbench.app.pointcloud;

import java.util.Locale;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * A camera as one line of text for the settings file ("target distance back up fov ortho"), so a
 * cloud reopens where it was left.
 */
public final class CameraCodec {
    private CameraCodec() {
    }

    public static String encode(Camera c) {
        double[] t = c.target();
        double[] b = c.back();
        double[] u = c.up();
        return String.format(Locale.ROOT, "%.9g %.9g %.9g %.9g %.9g %.9g %.9g %.9g %.9g %.9g %.6f %s", t[0], t[1], t[2],
                c.distance(), b[0], b[1], b[2], u[0], u[1], u[2], Math.toDegrees(c.fovY()), c.isOrthographic());
    }

    /** The camera {@code text} describes (scene radius {@code radius}), or null when it is not one. */
    public static Camera decode(String text, double radius) {
        if (text == null) {
            return null;
        }
        String[] p = text.trim().split("\\s+");
        if (p.length != 12) {
            return null;
        }
        try {
            double[] v = new double[11];
            for (int i = 0; i < 11; i++) {
                v[i] = Double.parseDouble(p[i]);
                if (!Double.isFinite(v[i])) {
                    return null;
                }
            }
            Camera c = new Camera();
            c.setTarget(v[0], v[1], v[2]);
            c.setDistance(v[3]);
            c.lookAlong(new double[] {-v[4], -v[5], -v[6]}, new double[] {v[7], v[8], v[9]});
            c.setFovY(Math.toRadians(v[10]));
            c.setOrthographic(Boolean.parseBoolean(p[11]));
            c.setSceneRadius(radius);
            return c;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
