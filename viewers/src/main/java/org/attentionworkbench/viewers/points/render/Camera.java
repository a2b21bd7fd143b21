package org.attentionworkbench.viewers.points.render;

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
    }

    public boolean isOrthographic() {
        return orthographic;
    }

    public void setOrthographic(boolean ortho) {
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
