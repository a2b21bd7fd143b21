package org.attentionworkbench.viewers.points;

import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The few camera sums the view needs beyond {@link Camera}'s own moves (orbit, pan, zoom, fit,
 * preset views live there): where a picked point lies, how deep it is, and a scene radius that keeps
 * the whole scene between the near and far planes after the target moved.
 */
final class Navigation {
    private Navigation() {}

    /** The world point on the ray under frame pixel (x, y) at view depth {@code depth}. */
    static double[] pointAtDepth(Camera c, double x, double y, int width, int height, double depth) {
        double[] ray = c.ray(x, y, width, height);
        double[] e = c.eye();
        double[] b = c.back();
        double along = -((ray[0] - e[0]) * b[0] + (ray[1] - e[1]) * b[1] + (ray[2] - e[2]) * b[2]);
        double t = (depth - along) / -(ray[3] * b[0] + ray[4] * b[1] + ray[5] * b[2]);
        return new double[] {ray[0] + ray[3] * t, ray[1] + ray[4] * t, ray[2] + ray[5] * t};
    }

    /** The view depth of a world point (its distance from the eye along the view direction). */
    static double depthOf(Camera c, double[] p) {
        double[] e = c.eye();
        double[] b = c.back();
        return -((p[0] - e[0]) * b[0] + (p[1] - e[1]) * b[1] + (p[2] - e[2]) * b[2]);
    }

    /** The scene radius that keeps the whole box between the near and far planes wherever the target is. */
    static double sceneRadiusFor(Camera c, PointScene scene) {
        double[] t = c.target();
        double[] m = scene.centre();
        double off = Math.sqrt((t[0] - m[0]) * (t[0] - m[0]) + (t[1] - m[1]) * (t[1] - m[1])
                + (t[2] - m[2]) * (t[2] - m[2]));
        return scene.radius() + off;
    }

    /** Fits the scene's box into a frame of this size (orientation kept). */
    static void fit(Camera c, PointScene scene, int width, int height) {
        double[] b = scene.bounds();
        c.fit(new double[] {b[0], b[1], b[2]}, new double[] {b[3], b[4], b[5]}, width, height);
    }
}
