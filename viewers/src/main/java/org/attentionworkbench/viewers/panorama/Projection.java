package org.attentionworkbench.viewers.panorama;

/**
 * The rectilinear (pinhole) camera of a {@link ViewState} on a frame of {@code width × height}
 * pixels: frame pixel ↔ view ray ↔ (longitude, latitude) in radians, latitude up positive.
 * World axes: y up, z towards (lon 0, lat 0), x towards lon +90°. Frame pixel centres are at
 * integer + 0.5.
 */
public final class Projection {
    private final double width;
    private final double height;
    private final double focal;
    // camera basis: forward f, right r, up u
    private final double fx, fy, fz, rx, rz, ux, uy, uz;

    public Projection(ViewState view, double width, double height) {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        this.focal = width / 2 / Math.tan(Math.toRadians(view.hfov()) / 2);
        double lon = Math.toRadians(view.yaw());
        double lat = Math.toRadians(view.pitch());
        double cl = Math.cos(lat), sl = Math.sin(lat), co = Math.cos(lon), so = Math.sin(lon);
        fx = cl * so; fy = sl; fz = cl * co;
        rx = co; rz = -so;
        ux = -sl * so; uy = cl; uz = -sl * co;
    }

    /** Focal length in pixels. */
    public double focal() { return focal; }

    /** Unit direction of (lon, lat). */
    public static double[] direction(double lon, double lat) {
        double c = Math.cos(lat);
        return new double[] {c * Math.sin(lon), Math.sin(lat), c * Math.cos(lon)};
    }

    /** (lon, lat) in radians of the ray through frame position (x, y); lon in [−π, π]. */
    public double[] toLonLat(double x, double y) {
        double px = (x - width / 2) / focal;
        double py = (height / 2 - y) / focal;
        double dx = fx + px * rx + py * ux;
        double dy = fy + py * uy;
        double dz = fz + px * rz + py * uz;
        return new double[] {Math.atan2(dx, dz), Math.atan2(dy, Math.sqrt(dx * dx + dz * dz))};
    }

    /** Frame position (x, y) of (lon, lat), or null when it is behind the camera. */
    public double[] toFrame(double lon, double lat) {
        double[] d = direction(lon, lat);
        double z = d[0] * fx + d[1] * fy + d[2] * fz;
        if (z <= 1e-6) {
            return null;
        }
        double x = (d[0] * rx + d[2] * rz) / z;
        double y = (d[0] * ux + d[1] * uy + d[2] * uz) / z;
        return new double[] {width / 2 + x * focal, height / 2 - y * focal};
    }

    // the renderer's inner loop: fills ray components for one row without allocation
    void rowRays(double y, double[] dx, double[] dy, double[] dz, int n, double scale) {
        double py = (height / 2 - y) / focal;
        for (int i = 0; i < n; i++) {
            double px = ((i + 0.5) * scale - width / 2) / focal;
            dx[i] = fx + px * rx + py * ux;
            dy[i] = fy + py * uy;
            dz[i] = fz + px * rz + py * uz;
        }
    }
}
