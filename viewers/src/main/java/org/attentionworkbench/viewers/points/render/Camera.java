package org.attentionworkbench.viewers.points.render;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the viewer looks from: a target point, a distance from it, and an orientation (the
 * camera's right, up and back axes in world coordinates, orthonormal). Perspective with a vertical
 * field of view, or orthographic with the same visible height at the target (switching keeps the
 * picture's scale). Near and far planes follow the scene radius ({@link #setSceneRadius}).
 *
 * <p>Screen coordinates: x to the right, y down, pixel (i, j) has its centre at (i + 0.5, j + 0.5).
 * Matrices are OpenGL's: column-major, the camera looking down -z, clip depth -1..1.
 *
 * <p>Mutable (navigation changes it); {@link #copy()} gives a snapshot to hand to a render thread.
 */
public final class Camera {
    private final double[] target = new double[3];
    private double distance = 1;
    /** Rows: right, up, back (each a unit vector in world coordinates). */
    private final double[] axes = {1, 0, 0, 0, 0, 1, 0, -1, 0};
    private double fovY = Math.toRadians(50);
    /** The field of view perspective returns to: orthographic zoom narrows fovY instead of moving the eye. */
    private double perspectiveFovY = fovY;
    private boolean orthographic;
    private double sceneRadius = 1;
    private final double[] worldUp = {0, 0, 1};

    public Camera copy() {
        Camera c = new Camera();
        System.arraycopy(target, 0, c.target, 0, 3);
        System.arraycopy(axes, 0, c.axes, 0, 9);
        System.arraycopy(worldUp, 0, c.worldUp, 0, 3);
        c.distance = distance;
        c.fovY = fovY;
        c.perspectiveFovY = perspectiveFovY;
        c.orthographic = orthographic;
        c.sceneRadius = sceneRadius;
        return c;
    }

    // ---- state ---------------------------------------------------------------------------------

    public double[] target() {
        return target.clone();
    }

    public void setTarget(double x, double y, double z) {
        target[0] = x;
        target[1] = y;
        target[2] = z;
    }

    public double distance() {
        return distance;
    }

    public void setDistance(double d) {
        if (!(d > 0) || !Double.isFinite(d)) {
            throw new IllegalArgumentException("distance must be positive and finite: " + d);
        }
        distance = d;
    }

    /** The eye position in world coordinates. */
    public double[] eye() {
        return new double[] {target[0] + distance * axes[6], target[1] + distance * axes[7],
            target[2] + distance * axes[8]};
    }

    public double[] right() {
        return new double[] {axes[0], axes[1], axes[2]};
    }

    public double[] up() {
        return new double[] {axes[3], axes[4], axes[5]};
    }

    /** Unit vector from the target towards the eye. */
    public double[] back() {
        return new double[] {axes[6], axes[7], axes[8]};
    }

    public double fovY() {
        return fovY;
    }

    public void setFovY(double radians) {
        if (!(radians > 1e-3 && radians < Math.PI - 1e-3)) {
            throw new IllegalArgumentException("field of view must be in (0, 180) degrees: " + Math.toDegrees(radians));
        }
        fovY = radians;
        if (!orthographic) {
            perspectiveFovY = radians;
        }
    }

    public boolean isOrthographic() {
        return orthographic;
    }

    /**
     * Switches projection keeping the visible height at the target (the picture's scale there). To
     * orthographic nothing else changes; back to perspective the field of view returns to the last
     * perspective one and the distance changes to keep that height.
     */
    public void setOrthographic(boolean ortho) {
        if (orthographic && !ortho && fovY != perspectiveFovY) {
            double height = viewHeightAtTarget();
            fovY = perspectiveFovY;
            distance = height / (2 * Math.tan(fovY / 2));
        }
        orthographic = ortho;
    }

    public double sceneRadius() {
        return sceneRadius;
    }

    /** Radius of a sphere around the target holding the scene; sets the near and far planes. */
    public void setSceneRadius(double r) {
        sceneRadius = r > 0 && Double.isFinite(r) ? r : 1;
    }

    /** The world's up direction used by turntable orbit and the preset views (+z by default). */
    public double[] worldUp() {
        return worldUp.clone();
    }

    public void setWorldUp(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        if (!(n > 0)) {
            throw new IllegalArgumentException("up must be a non-zero vector");
        }
        worldUp[0] = x / n;
        worldUp[1] = y / n;
        worldUp[2] = z / n;
    }

    /**
     * Sets the orientation from a view direction (target minus eye) and an up hint; the camera's up
     * is the hint made orthogonal to the direction.
     */
    public void lookAlong(double[] direction, double[] upHint) {
        double[] back = normalize(new double[] {-direction[0], -direction[1], -direction[2]});
        double[] right = normalize(cross(upHint, back));
        if (right == null) {
            right = normalize(cross(anyPerpendicular(back), back));
        }
        double[] up = cross(back, right);
        setAxes(right, up, back);
    }

    void setAxes(double[] right, double[] up, double[] back) {
        System.arraycopy(right, 0, axes, 0, 3);
        System.arraycopy(up, 0, axes, 3, 3);
        System.arraycopy(back, 0, axes, 6, 3);
    }

    /** Near clip distance (positive). */
    public double near() {
        return Math.max(distance - sceneRadius * 1.5, Math.max(1e-4 * distance, sceneRadius * 1e-4));
    }

    /** Far clip distance. */
    public double far() {
        return distance + sceneRadius * 1.5;
    }

    /** Visible height in world units at the target's depth (the orthographic frustum's height). */
    public double viewHeightAtTarget() {
        return 2 * distance * Math.tan(fovY / 2);
    }

    // ---- matrices ------------------------------------------------------------------------------

    /** World → camera, column-major 4×4. */
    public double[] viewMatrix() {
        double[] e = eye();
        double[] m = new double[16];
        for (int r = 0; r < 3; r++) {
            m[r] = axes[3 * r];
            m[4 + r] = axes[3 * r + 1];
            m[8 + r] = axes[3 * r + 2];
            m[12 + r] = -(axes[3 * r] * e[0] + axes[3 * r + 1] * e[1] + axes[3 * r + 2] * e[2]);
        }
        m[15] = 1;
        return m;
    }

    /** Camera → clip for a {@code width × height} frame, column-major 4×4 (OpenGL conventions). */
    public double[] projectionMatrix(int width, int height) {
        double aspect = (double) width / height;
        double n = near();
        double f = far();
        double[] m = new double[16];
        if (orthographic) {
            double top = viewHeightAtTarget() / 2;
            double rightEdge = top * aspect;
            m[0] = 1 / rightEdge;
            m[5] = 1 / top;
            m[10] = -2 / (f - n);
            m[14] = -(f + n) / (f - n);
            m[15] = 1;
        } else {
            double t = 1 / Math.tan(fovY / 2);
            m[0] = t / aspect;
            m[5] = t;
            m[10] = -(f + n) / (f - n);
            m[11] = -1;
            m[14] = -2 * f * n / (f - n);
        }
        return m;
    }

    /** projection × view, column-major. */
    public double[] viewProjection(int width, int height) {
        return multiply(projectionMatrix(width, height), viewMatrix());
    }

    /**
     * Projects a world point: {@code out[0]} x in pixels (right), {@code out[1]} y in pixels (down),
     * {@code out[2]} depth along the view direction. False when the point lies outside the near/far
     * range (then {@code out} is undefined).
     */
    public boolean project(double x, double y, double z, int width, int height, double[] out) {
        double[] e = eye();
        double dx = x - e[0];
        double dy = y - e[1];
        double dz = z - e[2];
        double cx = axes[0] * dx + axes[1] * dy + axes[2] * dz;
        double cy = axes[3] * dx + axes[4] * dy + axes[5] * dz;
        double depth = -(axes[6] * dx + axes[7] * dy + axes[8] * dz);
        if (depth < near() || depth > far()) {
            return false;
        }
        double scale = pixelsPerUnit(depth, height);
        out[0] = width / 2.0 + cx * scale;
        out[1] = height / 2.0 - cy * scale;
        out[2] = depth;
        return true;
    }

    /** How many pixels one world unit spans at view depth {@code depth} in a frame {@code height} high. */
    public double pixelsPerUnit(double depth, int height) {
        double visible = orthographic ? viewHeightAtTarget() : 2 * depth * Math.tan(fovY / 2);
        return height / visible;
    }

    /**
     * The world-space ray under pixel (px, py): {@code origin[3]} and unit {@code direction[3]},
     * returned as one array of 6.
     */
    public double[] ray(double px, double py, int width, int height) {
        double ndcX = (px - width / 2.0);
        double ndcY = (height / 2.0 - py);
        double[] e = eye();
        if (orthographic) {
            double s = 1 / pixelsPerUnit(distance, height);
            double[] o = new double[3];
            for (int k = 0; k < 3; k++) {
                o[k] = e[k] + axes[k] * ndcX * s + axes[3 + k] * ndcY * s;
            }
            return new double[] {o[0], o[1], o[2], -axes[6], -axes[7], -axes[8]};
        }
        double s = 1 / pixelsPerUnit(1, height);
        double[] d = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = axes[k] * ndcX * s + axes[3 + k] * ndcY * s - axes[6 + k];
        }
        d = normalize(d);
        return new double[] {e[0], e[1], e[2], d[0], d[1], d[2]};
    }

    // ---- navigation ----------------------------------------------------------------------------

    /** The preset views, relative to {@link #worldUp()} (see {@link #view}). */
    public enum View { TOP, FRONT, SIDE, ISO }

    /** Turntable pitch stops this far short of the poles. */
    public static final double POLE_MARGIN = Math.toRadians(0.5);

    /**
     * Turntable orbit about the target. {@code yaw} turns about the world up (positive: the eye goes
     * counter-clockwise seen from above); {@code pitch} raises the eye (positive: towards world up), the
     * elevation clamped to ±(90° − {@link #POLE_MARGIN}); a camera already beyond it (the top view) is
     * not pushed further. The horizon is kept level (the camera's right stays horizontal).
     */
    public void orbitTurntable(double yaw, double pitch) {
        double[] back = back();
        double elevation = Math.asin(Math.max(-1, Math.min(1, dot(back, worldUp))));
        double[] level = normalize(cross(worldUp, back));
        if (level != null) { // not looking straight along the up axis: remove any roll
            setAxes(level, cross(back, level), back);
        }
        rotateAxes(worldUp, yaw);
        double limit = Math.PI / 2 - POLE_MARGIN;
        double next = Math.max(Math.min(-limit, elevation), Math.min(Math.max(limit, elevation), elevation + pitch));
        rotateAxes(right(), elevation - next);
    }

    /**
     * Trackball orbit (Shoemake's arcball): the drag from pixel (x0, y0) to (x1, y1) turns the scene about
     * the target like a ball of radius min(width, height) / 2 pixels centred in the frame, so the point of
     * the ball under the first position ends under the second (outside the ball, positions slide onto its
     * rim and the drag rolls about the view axis).
     */
    public void orbitTrackball(double x0, double y0, double x1, double y1, int width, int height) {
        double[] v0 = ballPoint(x0, y0, width, height);
        double[] v1 = ballPoint(x1, y1, width, height);
        double[] axis = cross(v0, v1);
        double angle = Math.atan2(Math.sqrt(dot(axis, axis)), dot(v0, v1));
        double[] unit = normalize(axis);
        if (unit == null || !(angle > 1e-12)) {
            return;
        }
        double[] world = new double[3];
        for (int k = 0; k < 3; k++) {
            world[k] = unit[0] * axes[k] + unit[1] * axes[3 + k] + unit[2] * axes[6 + k];
        }
        rotateAxes(world, -angle); // turning the scene by +angle is turning the camera by -angle
    }

    private static double[] ballPoint(double x, double y, int width, int height) {
        double r = Math.min(width, height) / 2.0;
        double bx = (x - width / 2.0) / r;
        double by = (height / 2.0 - y) / r;
        double q = bx * bx + by * by;
        if (q > 1) {
            double n = Math.sqrt(q);
            return new double[] {bx / n, by / n, 0};
        }
        return new double[] {bx, by, Math.sqrt(1 - q)};
    }

    /** Pan at the target's depth: what lies there under the cursor moves by (dx, dy) pixels with it. */
    public void pan(double dxPixels, double dyPixels, int width, int height) {
        pan(dxPixels, dyPixels, width, height, distance);
    }

    /**
     * Pan so that a point at view depth {@code depth} (e.g. the frame's depth under the cursor; not
     * positive or NaN: the target's) moves by (dx, dy) pixels, x right, y down, like the cursor.
     */
    public void pan(double dxPixels, double dyPixels, int width, int height, double depth) {
        double ppu = pixelsPerUnit(depth > 0 && Double.isFinite(depth) ? depth : distance, height);
        double mx = -dxPixels / ppu;
        double my = dyPixels / ppu;
        for (int k = 0; k < 3; k++) {
            target[k] += mx * axes[k] + my * axes[3 + k];
        }
    }

    /** Zoom to the cursor at the target's depth; see {@link #zoomAt(double, double, double, int, int, double)}. */
    public void zoomAt(double px, double py, double factor, int width, int height) {
        zoomAt(px, py, factor, width, height, distance);
    }

    /**
     * Zooms by {@code factor} (&gt; 1 closer) keeping the world point under pixel (px, py) at view depth
     * {@code depth} (not positive or NaN: the target's depth) where it is on screen. Perspective: eye and
     * target move towards that point, the distance divides by the factor. Orthographic: the visible
     * height divides by the factor (the field of view narrows, so the eye does not move into the scene)
     * and the target slides towards the point across the view.
     */
    public void zoomAt(double px, double py, double factor, int width, int height, double depth) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("zoom factor must be positive and finite: " + factor);
        }
        double d = depth > 0 && Double.isFinite(depth) ? depth : distance;
        double[] ray = ray(px, py, width, height);
        double along = -(ray[3] * axes[6] + ray[4] * axes[7] + ray[5] * axes[8]); // depth per unit of ray
        double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            q[k] = ray[k] + ray[3 + k] * d / along;
        }
        if (!orthographic) {
            setDistance(distance / factor);
            for (int k = 0; k < 3; k++) {
                target[k] = q[k] + (target[k] - q[k]) / factor;
            }
            return;
        }
        double oldTan = Math.tan(fovY / 2);
        double newFov = Math.max(1e-3 + 1e-9, Math.min(Math.PI - 1e-3 - 1e-9, 2 * Math.atan(oldTan / factor)));
        double effective = oldTan / Math.tan(newFov / 2);
        fovY = newFov;
        double[] off = new double[3];
        double alongBack = 0;
        for (int k = 0; k < 3; k++) {
            off[k] = target[k] - q[k];
            alongBack += off[k] * axes[6 + k];
        }
        for (int k = 0; k < 3; k++) {
            double lateral = off[k] - alongBack * axes[6 + k];
            target[k] -= lateral * (1 - 1 / effective);
        }
    }

    /**
     * Frames the box [min, max] (world coordinates, as the batches' xyz) in a width × height picture: the
     * target goes to its centre, the scene radius becomes its half diagonal, and the distance (or, when
     * orthographic, the visible height) is chosen so the bounding sphere, with a 5% margin, fits both
     * ways; so every corner is in the frame at this aspect. The orientation stays.
     */
    public void fit(double[] min, double[] max, int width, int height) {
        double r2 = 0;
        for (int k = 0; k < 3; k++) {
            if (!Double.isFinite(min[k]) || !Double.isFinite(max[k]) || min[k] > max[k]) {
                throw new IllegalArgumentException("bounds must be finite with min <= max: "
                        + Arrays.toString(min) + " " + Arrays.toString(max));
            }
            double e = max[k] - min[k];
            r2 += e * e;
        }
        double r = Math.sqrt(r2) / 2;
        if (!(r > 0)) {
            r = 1;
        }
        setTarget((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2);
        setSceneRadius(r);
        double aspect = (double) width / height;
        double halfY = perspectiveFovY / 2;
        double half = Math.min(halfY, Math.atan(Math.tan(halfY) * aspect));
        double fitted = 1.05 * r;
        setDistance(fitted / Math.sin(half));
        if (orthographic) {
            double visible = 2 * fitted / Math.min(1, aspect);
            fovY = 2 * Math.atan(visible / (2 * distance));
        } else {
            fovY = perspectiveFovY;
        }
    }

    /**
     * A preset view of the target, keeping distance: relative to the world up U and a horizontal
     * "forward" F (world +y made horizontal, or world −z where +y is up) with R = F × U:
     * TOP looks along −U with F up on screen; FRONT looks along F; SIDE looks along −R (from the right);
     * ISO looks along F − R − U (from front-right, above). For +z up: FRONT looks along +y, SIDE along
     * −x, ISO from (+1, −1, +1); for +y up: FRONT along −z, TOP down −y with −z up on screen.
     */
    public void view(View view) {
        double[] u = worldUp;
        double[] f = horizontal(new double[] {0, 1, 0}, u);
        if (f == null) {
            f = horizontal(new double[] {0, 0, -1}, u);
        }
        if (f == null) {
            f = horizontal(new double[] {1, 0, 0}, u);
        }
        double[] r = cross(f, u);
        switch (view) {
            case TOP -> lookAlong(new double[] {-u[0], -u[1], -u[2]}, f);
            case FRONT -> lookAlong(f, u);
            case SIDE -> lookAlong(new double[] {-r[0], -r[1], -r[2]}, u);
            case ISO -> lookAlong(new double[] {f[0] - r[0] - u[0], f[1] - r[1] - u[1], f[2] - r[2] - u[2]}, u);
        }
    }

    private static double[] horizontal(double[] v, double[] up) {
        double a = dot(v, up);
        double[] h = {v[0] - a * up[0], v[1] - a * up[1], v[2] - a * up[2]};
        return dot(h, h) < 0.01 ? null : normalize(h);
    }

    /** Turns the orientation by {@code angle} radians about the world-space {@code axis} (through the target). */
    private void rotateAxes(double[] axis, double angle) {
        double[] k = normalize(axis);
        if (k == null || angle == 0) {
            return;
        }
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] rows = {right(), up(), back()};
        for (double[] v : rows) { // Rodrigues: v c + (k × v) s + k (k·v)(1 − c)
            double[] kv = cross(k, v);
            double kd = dot(k, v) * (1 - c);
            for (int i = 0; i < 3; i++) {
                v[i] = v[i] * c + kv[i] * s + k[i] * kd;
            }
        }
        double[] back = normalize(rows[2]);
        double[] right = normalize(cross(rows[1], back));
        setAxes(right, cross(back, right), back); // re-orthonormalised, so no drift over many drags
    }

    // ---- compact string form -------------------------------------------------------------------

    /**
     * The camera as one line, for remembering the last view per file: {@code camera/1 target=x,y,z
     * distance=d right=.. up=.. back=.. fov=rad perspective-fov=rad ortho=true|false world-up=..
     * radius=r}; numbers in Java's shortest round-trip form, so {@link #decode} gives it back exactly.
     */
    public String encode() {
        return "camera/1 target=" + join(target) + " distance=" + distance + " right=" + join(right())
                + " up=" + join(up()) + " back=" + join(back()) + " fov=" + fovY + " perspective-fov="
                + perspectiveFovY + " ortho=" + orthographic + " world-up=" + join(worldUp) + " radius="
                + sceneRadius;
    }

    /** Reads {@link #encode}'s form; anything missing or malformed is an IllegalArgumentException saying what. */
    public static Camera decode(String text) {
        if (text == null || !text.startsWith("camera/1 ")) {
            throw new IllegalArgumentException("not a camera string (expected 'camera/1 ...'): " + text);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : text.substring(9).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("camera string: '" + part + "' is not key=value");
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        Camera c = new Camera();
        double[] t = vector(fields, "target");
        c.setTarget(t[0], t[1], t[2]);
        c.setDistance(number(fields, "distance"));
        double[] right = vector(fields, "right");
        double[] up = vector(fields, "up");
        double[] back = vector(fields, "back");
        if (Math.abs(dot(right, up)) > 1e-6 || Math.abs(dot(up, back)) > 1e-6 || Math.abs(dot(back, right)) > 1e-6
                || Math.abs(dot(back, cross(right, up)) - 1) > 1e-6) {
            throw new IllegalArgumentException("camera string: right, up, back are not a right-handed orthonormal frame");
        }
        c.setAxes(right, up, back);
        c.setFovY(number(fields, "perspective-fov"));
        c.setFovY(number(fields, "fov"));
        c.perspectiveFovY = number(fields, "perspective-fov");
        c.orthographic = switch (fields.getOrDefault("ortho", "")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("camera string: ortho must be true or false");
        };
        double[] u = vector(fields, "world-up");
        c.setWorldUp(u[0], u[1], u[2]);
        c.setSceneRadius(number(fields, "radius"));
        return c;
    }

    private static String join(double[] v) {
        return v[0] + "," + v[1] + "," + v[2];
    }

    private static double number(Map<String, String> fields, String key) {
        String s = fields.get(key);
        if (s == null) {
            throw new IllegalArgumentException("camera string: '" + key + "' missing");
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("camera string: '" + key + "' is not a finite number: " + s);
        }
    }

    private static double[] vector(Map<String, String> fields, String key) {
        String s = fields.get(key);
        String[] parts = s == null ? new String[0] : s.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("camera string: '" + key + "' needs three numbers: " + s);
        }
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) {
            v[k] = number(Map.of(key, parts[k]), key);
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    // ---- small vector helpers ------------------------------------------------------------------

    static double[] multiply(double[] a, double[] b) {
        double[] m = new double[16];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += a[k * 4 + r] * b[c * 4 + k];
                }
                m[c * 4 + r] = s;
            }
        }
        return m;
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** The unit vector along v, or null for a (near) zero vector. */
    static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return n < 1e-12 ? null : new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static double[] anyPerpendicular(double[] v) {
        return Math.abs(v[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
    }

    /** Converts a column-major double matrix to float, for GL uniforms. */
    public static float[] toFloat(double[] m) {
        float[] f = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            f[i] = (float) m[i];
        }
        return f;
    }
}
