package org.attentionworkbench.viewers.points;

import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The camera moves the mouse and keys make, in view pixels (logical; the projection does not depend
 * on the pixel density). Each mutates the camera it is given. Angles: dragging the view's full
 * height turns the scene half a turn.
 */
final class Navigation {
    /** The preset views, as {@code pointcloud render --view} names them. */
    enum Preset { TOP, FRONT, SIDE, ISO }

    private Navigation() {}

    /** Turntable: yaw about the world's up, pitch about the camera's right, never over the pole. */
    static void orbitTurntable(Camera c, double dx, double dy, double viewHeight) {
        double k = Math.PI / viewHeight;
        double[] up = c.worldUp();
        double[] back = rotate(c.back(), up, -dx * k);
        double[] camUp = rotate(c.up(), up, -dx * k);
        double[] right = cross(camUp, back);
        // Elevation of the eye above the horizon, kept inside (-89.5°, 89.5°).
        double elevation = Math.asin(clamp(dot(back, up), -1, 1));
        double limit = Math.toRadians(89.5);
        double pitch = clamp(elevation - (-dy * k), -limit, limit) - elevation;
        back = rotate(back, right, -pitch);
        camUp = rotate(camUp, right, -pitch);
        c.lookAlong(neg(back), camUp);
    }

    /** Trackball: the scene turns as if grabbed where the drag started, about an axis in the screen plane. */
    static void orbitTrackball(Camera c, double dx, double dy, double viewHeight) {
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        double[] right = c.right();
        double[] up = c.up();
        double[] axis = normalize(new double[] {dx * up[0] + dy * right[0], dx * up[1] + dy * right[1],
            dx * up[2] + dy * right[2]});
        double angle = -len * Math.PI / viewHeight;
        c.lookAlong(neg(rotate(c.back(), axis, angle)), rotate(up, axis, angle));
    }

    /**
     * Moves the target with the drag so that a point at view depth {@code depth} follows the cursor.
     */
    static void pan(Camera c, double dx, double dy, double viewHeight, double depth) {
        double s = 1 / c.pixelsPerUnit(depth > 0 ? depth : c.distance(), (int) Math.max(1, Math.round(viewHeight)));
        double[] r = c.right();
        double[] u = c.up();
        double[] t = c.target();
        c.setTarget(t[0] - (dx * r[0] - dy * u[0]) * s, t[1] - (dx * r[1] - dy * u[1]) * s,
                t[2] - (dx * r[2] - dy * u[2]) * s);
    }

    /**
     * Scales the view about the world point {@code p} by {@code factor} (less than 1 zooms in): the
     * distance and the target's offset from {@code p} both scale, so {@code p} keeps its place on screen,
     * in perspective and orthographic views alike.
     */
    static void zoomAbout(Camera c, double[] p, double factor) {
        double[] t = c.target();
        c.setDistance(c.distance() * factor);
        c.setTarget(p[0] + (t[0] - p[0]) * factor, p[1] + (t[1] - p[1]) * factor, p[2] + (t[2] - p[2]) * factor);
    }

    /** The world point on the ray under view pixel (x, y) at view depth {@code depth}. */
    static double[] pointAtDepth(Camera c, double x, double y, double w, double h, double depth) {
        int wi = (int) Math.max(1, Math.round(w));
        int hi = (int) Math.max(1, Math.round(h));
        double[] ray = c.ray(x * wi / w, y * hi / h, wi, hi);
        double[] e = c.eye();
        double[] f = neg(c.back());
        double along = (ray[0] - e[0]) * f[0] + (ray[1] - e[1]) * f[1] + (ray[2] - e[2]) * f[2];
        double t = (depth - along) / (ray[3] * f[0] + ray[4] * f[1] + ray[5] * f[2]);
        return new double[] {ray[0] + ray[3] * t, ray[1] + ray[4] * t, ray[2] + ray[5] * t};
    }

    /** The view depth of a world point (its distance from the eye along the view direction). */
    static double depthOf(Camera c, double[] p) {
        double[] e = c.eye();
        double[] b = c.back();
        return -((p[0] - e[0]) * b[0] + (p[1] - e[1]) * b[1] + (p[2] - e[2]) * b[2]);
    }

    /** Centres the box's bounding sphere and backs off until it fits the view (orientation kept). */
    static void fit(Camera c, PointScene scene, double aspect) {
        double r = scene.radius();
        double[] m = scene.centre();
        c.setTarget(m[0], m[1], m[2]);
        double halfY = c.fovY() / 2;
        double halfX = Math.atan(Math.tan(halfY) * aspect);
        double half = Math.min(halfY, halfX);
        // Perspective: the sphere fits the narrower half-angle. Orthographic frames the same height.
        double d = c.isOrthographic() ? r * Math.max(1, 1 / aspect) / Math.tan(halfY) : r / Math.sin(half);
        c.setDistance(d * 1.05);
        c.setSceneRadius(r);
    }

    static void preset(Camera c, Preset p) {
        double[] up = c.worldUp();
        // Directions of view (from the eye towards the target) with +z up: top looks down, front
        // looks along +y, side along -x, iso from (+x, -y, +z).
        double[] along = switch (p) {
            case TOP -> neg(up);
            case FRONT -> new double[] {0, 1, 0};
            case SIDE -> new double[] {-1, 0, 0};
            case ISO -> new double[] {-1, 1, -1};
        };
        double[] hint = p == Preset.TOP ? new double[] {0, 1, 0} : up;
        c.lookAlong(normalize(along), hint);
    }

    /** The scene radius that keeps the whole box between the near and far planes wherever the target is. */
    static double sceneRadiusFor(Camera c, PointScene scene) {
        double[] t = c.target();
        double[] m = scene.centre();
        double off = Math.sqrt((t[0] - m[0]) * (t[0] - m[0]) + (t[1] - m[1]) * (t[1] - m[1])
                + (t[2] - m[2]) * (t[2] - m[2]));
        return scene.radius() + off;
    }

    // ---- vectors -------------------------------------------------------------------------------

    /** Rodrigues' rotation of v about the unit axis a by angle (right-handed). */
    static double[] rotate(double[] v, double[] a, double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[] axv = cross(a, v);
        double adv = dot(a, v) * (1 - cos);
        return new double[] {v[0] * cos + axv[0] * sin + a[0] * adv, v[1] * cos + axv[1] * sin + a[1] * adv,
            v[2] * cos + axv[2] * sin + a[2] * adv};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] neg(double[] v) {
        return new double[] {-v[0], -v[1], -v[2]};
    }

    static double[] normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
